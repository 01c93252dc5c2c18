"""The station window end to end: real widgets, real core, the test camera, real ffmpeg."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from packseal.core.capture import frame_memory
from packseal.core.capture.frame_memory import huge_pages_advised
from packseal.core.ledger import verify_clip
from packseal.gui.station.preview import GUIDE_ROI
from packseal.gui.station.recent_clips import CANCELLED, SEALED
from packseal.gui.theme import DisplayState
from tests.support.station_window import CODE, focus, scan, with_changes

def recorder_status(window):
    """What the recorder process says it is doing now."""
    return window.controller.client.call("status")


def test_a_scan_into_a_text_field_starts_an_order_and_leaves_the_field_alone(qtbot, make_window):
    switch = frame_memory._huge_page_switch()
    if switch is not None:
        switch(True)  # as NumPy starts: the window turns it off itself (it copies every preview frame)
    h = make_window()
    assert huge_pages_advised() in (False, None)
    h.wait_running()
    dialog = h.window.open_settings()
    field = dialog.station_name
    focus(qtbot, field)
    before = field.text()
    with qtbot.waitSignal(h.window.bridge.recording_started, timeout=15_000) as started:
        scan(qtbot, field, CODE)
    assert started.args[0] == CODE
    assert field.text() == before  # not one character of the scan landed in the field
    assert dialog.isVisible()       # and its Enter did not press the dialog's OK
    qtbot.waitUntil(lambda: h.window.view.banner.state == DisplayState.RECORDING, timeout=5000)
    assert h.window.view.order.order_id == CODE
    assert "start" in h.window.station.sounds.played
    dialog.reject()


def test_a_second_scan_ends_the_order_and_the_sealed_clip_is_listed(qtbot, make_window):
    h = make_window()
    h.wait_running()
    w = h.window
    with qtbot.waitSignal(w.bridge.recording_started, timeout=15_000):
        scan(qtbot, w.view, CODE)
    qtbot.wait(1200)  # let a little video be recorded
    with qtbot.waitSignal(w.bridge.clip_sealed, timeout=30_000) as sealed:
        scan(qtbot, w.view, CODE)  # the same code again: that order is done
    clip = sealed.args[0]
    assert clip.order_id == CODE and clip.ledger_seq is not None
    rows = w.station.recent_model.rows()
    assert rows[0].order_id == CODE and rows[0].status == SEALED and rows[0].ledger_seq == clip.ledger_seq
    from PySide6.QtCore import Qt

    assert w.station.recent_model.data(w.station.recent_model.index(0, 3)) == "Sealed"
    assert str(clip.ledger_seq) in w.station.recent_model.data(w.station.recent_model.index(0, 3), Qt.ItemDataRole.ToolTipRole)
    assert verify_clip(clip.path).ok
    qtbot.waitUntil(lambda: w.view.banner.state == DisplayState.IDLE, timeout=10_000)
    assert "stop" in w.station.sounds.played


def test_an_invalid_code_is_refused_with_a_message_and_nothing_starts(qtbot, make_window):
    h = make_window()
    h.wait_running()
    w = h.window
    started: list[str] = []
    w.bridge.recording_started.connect(lambda order, _: started.append(order))
    with qtbot.waitSignal(w.bridge.scan_refused, timeout=15_000) as refused:
        scan(qtbot, w.view, "BAD/../CODE")
    assert refused.args[0] == "BAD/../CODE"
    notice = w.view.refusal
    qtbot.waitUntil(notice.isVisible, timeout=2000)
    assert "refused" in notice.title.text().lower()
    assert "BAD/../CODE" in notice.advice.text()
    assert w.station.sounds.played[-1] == "error"
    qtbot.wait(500)
    assert started == [] and w.view.banner.state == DisplayState.IDLE
    assert w.services.catalog.search(limit=10) == [] and w.station.recent_model.rows() == []


def test_a_label_lying_in_view_at_start_up_starts_no_order(qtbot, make_window):
    """Camera reading on (even for the test camera): the label it sees from the first frame is not a
    person's scan. Reading a label that comes into view later starts an order (tests/core/test_station.py)."""
    h = make_window(read_barcodes=True)
    h.wait_running()
    log_file = h.services.layout.log_file
    qtbot.waitUntil(lambda: f"code {CODE!r} was in view at start-up" in log_file.read_text(encoding="utf-8"),
                    timeout=30_000)
    started: list[str] = []
    h.window.bridge.recording_started.connect(lambda order, _: started.append(order))
    qtbot.wait(2000)
    assert started == [] and h.window.view.order.order_id is None
    assert recorder_status(h.window).state == "idle"
    station = h.window.controller.station
    assert station is not None and station.reads_barcodes
    assert h.window.view.preview._guide == GUIDE_ROI  # noqa: SLF001 (the frame the camera reads in)


def test_switching_the_language_changes_the_visible_text(qtbot, make_window):
    h = make_window()
    h.wait_running()
    w = h.window
    banner, stop = w.view.banner, w.view.stop_button
    assert banner.title.text() == "IDLE" and "STOP" in stop.text()
    english_caption = w.view.recent_caption.text()
    w.apply_settings(with_changes(language="zh_CN"), None)
    qtbot.waitUntil(lambda: banner.title.text() == "空闲", timeout=10_000)
    assert "停止" in stop.text()
    assert w.view.recent_caption.text() != english_caption
    assert w.station.recent_model.headerData(1, Qt.Orientation.Horizontal) == "订单号"
    assert '"language": "zh_CN"' in Path(w.services.layout.settings_file).read_text(encoding="utf-8")
    w.apply_settings(with_changes(language="en"), None)
    qtbot.waitUntil(lambda: banner.title.text() == "IDLE", timeout=10_000)


def test_the_window_names_a_video_file_as_such_and_the_test_camera_as_such_in_both_languages(
        qtbot, make_window, tmp_path):
    from tests.support.two_cameras import side_camera_file

    h = make_window()
    h.wait_running()
    page = h.window.station
    assert page.source_label.text() == "Test camera 640×360 @ 15 fps"
    assert page.view.notice.text() == "Showing the built-in test camera, not a real camera."
    h.close()
    video = side_camera_file(tmp_path / "bench.mp4", seconds=3.0)
    h = make_window(source=f"file:{video}?loop")
    h.wait_running()
    page = h.window.station
    assert page.source_label.text() == "Video file bench.mp4 960×720 @ 15 fps"
    assert page.view.notice.text() == "Showing a video file, not a live camera."
    assert "test camera" not in page.view.notice.text()
    h.window.apply_settings(with_changes(language="zh_CN"), None)
    qtbot.waitUntil(lambda: page.view.notice.text() == "正在显示视频文件，不是实时摄像头。", timeout=10_000)
    assert page.source_label.text() == "视频文件 bench.mp4 960×720 @ 15 fps"


def test_a_note_in_the_status_bar_is_read_whole_at_the_default_window_size(qtbot, make_window):
    h = make_window()
    h.wait_running()
    w = h.window
    w.resize(1280, 800)
    page = w.station
    qtbot.waitUntil(lambda: page.source_label.isVisible(), timeout=5000)
    qtbot.keyClick(w.view, Qt.Key.Key_F8)  # nothing to cancel: a note says so
    bar = w.statusBar()
    qtbot.waitUntil(lambda: bar.currentMessage().startswith("Nothing to cancel"), timeout=5000)
    # The source, rate, disk and key give the note their room while it shows; the anchoring stays.
    assert not page.source_label.isVisible() and not page.disk_label.isVisible()
    assert page.anchor_status.isVisible()
    room = bar.width() - page.anchor_status.width() - w.hub_status.width()
    assert bar.fontMetrics().horizontalAdvance(bar.currentMessage()) < room
    bar.clearMessage()
    qtbot.waitUntil(lambda: page.source_label.isVisible(), timeout=5000)


def test_the_menus_name_each_shortcut_once_and_the_toolbar_names_its_key(qtbot, make_window):
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QToolButton

    h = make_window()
    w = h.window
    assert w.settings_action.shortcut() == QKeySequence("Ctrl+,")  # the one the Station menu shows
    for action, key in ((w.returns_action, "F6"), (w.notes_action, "F7"), (w.camera_layout_action, "F3")):
        assert action.shortcut() == QKeySequence(key) and key not in action.text()  # the menu adds it once
        assert action.iconText().endswith(f"({key})")
    buttons = [b.text() for b in w.bench_bar.findChildren(QToolButton) if b.defaultAction() is not None]
    assert "Returns mode (F6)" in buttons and "Read the notes aloud (F7)" in buttons


def test_cancel_asks_first_then_drops_the_order_without_a_clip(qtbot, make_window):
    h = make_window()
    h.wait_running()
    w = h.window
    with qtbot.waitSignal(w.bridge.recording_started, timeout=15_000):
        scan(qtbot, w.view, CODE)
    qtbot.keyClick(w.view, Qt.Key.Key_F8)
    bar = w.view.cancel_bar
    qtbot.waitUntil(lambda: bar.asking, timeout=2000)
    qtbot.keyClick(QApplication.focusWidget() or bar, Qt.Key.Key_Escape)  # Esc: keep recording
    assert not bar.asking and recorder_status(w).order_id == CODE
    qtbot.keyClick(w.view, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: bar.asking, timeout=2000)
    with qtbot.waitSignal(w.bridge.recording_stopped, timeout=10_000) as stopped:
        qtbot.keyClick(QApplication.focusWidget() or bar, Qt.Key.Key_Return)
    assert stopped.args == [CODE, "cancel"]
    assert w.station.recent_model.rows()[0].status == CANCELLED
    qtbot.waitUntil(lambda: w.view.banner.state == DisplayState.IDLE, timeout=5000)


def test_a_full_disk_is_a_problem_and_new_orders_are_refused(qtbot, make_window):
    # A reserve no real disk has: the watcher finds the disk "full" on its first check.
    h = make_window(with_changes(reserve_mb=10_000_000))
    h.wait_running()
    w = h.window
    qtbot.waitUntil(lambda: "disk" in w.view.alerts.keys(), timeout=10_000)
    assert w.view.banner.state == DisplayState.PROBLEM
    assert w.view.alerts.isVisible()
    with qtbot.waitSignal(w.bridge.scan_refused, timeout=15_000):
        scan(qtbot, w.view, CODE)
    assert recorder_status(w).order_id is None
    assert "disk" in w.view.refusal.advice.text().lower()



def test_a_storage_folder_that_cannot_be_read_is_a_problem_not_a_size(qtbot, make_window):
    from packseal.core.storage.space import SpaceGuard

    h = make_window()
    h.wait_running()
    w = h.window
    qtbot.waitUntil(lambda: w.station.disk.status is not None, timeout=10_000)
    assert w.view.banner.state == DisplayState.IDLE and "free" in w.station.disk_label.text()

    def unplugged(path):
        raise OSError(5, "Input/output error")

    # The guard the window reads, as the core builds it, on a disk that stopped answering.
    w.station.disk.space = SpaceGuard(h.services.layout.root, 0, usage=unplugged)
    w.station.disk.check_now()
    qtbot.waitUntil(lambda: "disk" in w.view.alerts.keys(), timeout=10_000)
    assert w.view.banner.state == DisplayState.PROBLEM
    assert w.view.banner.hint.text() == "The storage folder cannot be reached – new orders are refused"
    assert w.station.disk_label.text() == "Disk: cannot be read"
    assert w.station.sounds.played[-1] == "error"

def test_camera_lost_is_an_alert_and_a_problem_until_the_camera_is_back(qtbot, make_window):
    from packseal.core.recording.events import CameraBack, CameraLost

    h = make_window()
    h.wait_running()
    w = h.window
    with qtbot.waitSignal(w.bridge.camera_lost, timeout=5000):
        h.services.hub.publish(CameraLost("usb:0 delivered no frame for 2 s"))  # as the capture thread does
    assert w.view.banner.state == DisplayState.PROBLEM
    assert w.view.banner.hint.text() == "Camera lost"
    assert w.view.alerts.isVisible() and w.view.alerts.keys() == ["camera"]
    assert w.station.sounds.played[-1] == "error"
    with qtbot.waitSignal(w.bridge.camera_back, timeout=5000):
        h.services.hub.publish(CameraBack())
    assert w.view.alerts.keys() == [] and w.view.banner.state == DisplayState.IDLE


def test_damage_found_by_the_catalogs_full_read_and_missing_files_are_alerts_beside_recording(qtbot, make_window):
    from packseal.core.upkeep.catalog_trust import CatalogDamageFound

    h = make_window()
    h.wait_running()
    w = h.window
    with qtbot.waitSignal(w.bridge.catalog_damaged, timeout=5000):
        h.services.hub.publish(CatalogDamageFound("the catalog x is damaged (page 7)"))  # as the recorder's read does
    assert w.view.alerts.keys() == ["catalog"]
    assert w.view.banner.state == DisplayState.IDLE  # not a problem for the packer: the station records on
    assert w.station.sounds.played[-1] == "error"
    from packseal.gui.station.alerts import AlertRow

    row = w.view.alerts.findChild(AlertRow)
    assert row.title.text() == "The search index is damaged" and "(page 7)" in row.detail.text()
    # What the recorder's look at every file finds once the station records is shown the same way.
    from packseal.core.upkeep.reconcile import FilesChecked

    with qtbot.waitSignal(w.bridge.files_checked, timeout=5000):
        h.services.hub.publish(FilesChecked("tape segment tape/cam0/s/seg-000001.ts is missing"))
    assert sorted(w.view.alerts.keys()) == ["catalog", "files"] and w.view.banner.state == DisplayState.IDLE


def test_a_catalog_the_window_rebuilt_as_it_opened_is_told_as_the_recorders_notes_are(qtbot, make_window):
    # The window and the recorder open the data dir side by side: whichever comes first rebuilds.
    first = make_window()
    first.wait_running()
    first.close()
    catalog = first.services.layout.catalog_file
    wal = catalog.with_name(catalog.name + "-wal")
    qtbot.waitUntil(lambda: not wal.exists(), timeout=30_000)  # the recorder, closing after its lock, wrote it back
    catalog.write_bytes(b"not a database, " * 4096)
    h = make_window()
    h.wait_running()
    assert "moved aside" in (h.services.catalog_note or "")  # the window's own opening rebuilt it
    qtbot.waitUntil(lambda: "startup" in h.window.view.alerts.keys(), timeout=5000)
    from packseal.gui.station.alerts import AlertRow

    rows = [r for r in h.window.view.alerts.findChildren(AlertRow) if "moved aside" in r.detail.text()]
    assert len(rows) == 1 and rows[0].title.text() == "The data folder was checked at start-up"


def test_a_lost_second_camera_is_an_alert_but_not_a_problem_and_the_first_camera_keeps_its_own(qtbot, make_window):
    from packseal.core.recording.events import CameraBack, CameraLost

    h = make_window()
    h.wait_running()
    w = h.window
    with qtbot.waitSignal(w.bridge.camera_lost, timeout=5000):
        h.services.hub.publish(CameraLost("Second camera (cam1): usb:1 sent no picture for 5 s", "cam1"))
    assert w.view.alerts.keys() == ["camera-cam1"] and w.station.sounds.played[-1] == "error"
    assert w.view.banner.state != DisplayState.PROBLEM  # the first camera records on
    with qtbot.waitSignal(w.bridge.camera_lost, timeout=5000):
        h.services.hub.publish(CameraLost("First camera (cam0): usb:0 sent no picture for 5 s", "cam0"))
    assert w.view.banner.state == DisplayState.PROBLEM
    with qtbot.waitSignal(w.bridge.camera_back, timeout=5000):
        h.services.hub.publish(CameraBack("cam1"))  # the second camera's return clears its alert only
    assert w.view.alerts.keys() == ["camera"] and w.view.banner.state == DisplayState.PROBLEM
    with qtbot.waitSignal(w.bridge.camera_back, timeout=5000):
        h.services.hub.publish(CameraBack("cam0"))
    assert w.view.alerts.keys() == [] and w.view.banner.state == DisplayState.IDLE


def test_a_killed_encoder_is_an_alert_with_sound_until_it_is_restarted(qtbot, make_window):
    import os
    import signal

    h = make_window()
    h.wait_running()
    w = h.window
    with qtbot.waitSignal(w.bridge.encoder_died, timeout=15_000):
        os.kill(w.controller.station.encoder_pid, signal.SIGKILL)  # ffmpeg dies for real
    assert "encoder" in w.view.alerts.keys()
    assert w.view.banner.state == DisplayState.PROBLEM
    assert w.station.sounds.played[-1] == "error"
    with qtbot.waitSignal(w.bridge.encoder_back, timeout=20_000):
        pass  # the station's watchdog starts a new ffmpeg
    qtbot.waitUntil(lambda: "encoder" not in w.view.alerts.keys(), timeout=5000)


def test_a_camera_that_cannot_open_is_a_problem_and_scans_are_not_lost_silently(qtbot, make_window):
    h = make_window(source="file:/nonexistent/bench.mp4")
    w = h.window
    with qtbot.waitSignal(w.controller.start_failed, timeout=15_000):
        pass
    assert w.view.banner.state == DisplayState.PROBLEM and "start" in w.view.alerts.keys()
    with qtbot.waitSignal(w.controller.scan_not_taken, timeout=5000):
        scan(qtbot, w.view, CODE)
    assert w.view.refusal.isVisible() and w.station.sounds.played[-1] == "error"


def test_settings_apply_live_or_restart_the_camera_as_needed(qtbot, make_window):
    h = make_window(with_changes(source="test"), source=None)
    h.wait_running()
    w = h.window
    first = w.controller.station
    w.apply_settings(with_changes(source="test", station_name="打包台 2", show_qr=False, postroll_s=1.5), None)
    qtbot.waitUntil(lambda: recorder_status(w).live.get("station_name") == "打包台 2", timeout=10_000)
    live = recorder_status(w).live
    assert w.controller.station is first and not live["show_qr"] and live["postroll_s"] == 1.5
    assert recorder_status(w).station.encoder_pid == first.encoder_pid  # applied without a restart
    w.apply_settings(with_changes(source="test", width=480, height=270), None)
    qtbot.waitUntil(lambda: w.controller.station is not None and w.controller.station is not first,
                    timeout=30_000)
    assert w.controller.station.width == 480
    qtbot.waitUntil(lambda: w.view.banner.state == DisplayState.IDLE, timeout=10_000)
