"""The station window of two cameras: both live pictures, their layouts, and one camera lost.

The window starts a real recorder process on two test cameras (from the
settings, as a packer's station would); each camera's picture reaches the
window through its own shared-memory block.
"""

from __future__ import annotations

from PySide6.QtCore import QRect

from packseal.gui.station.camera_pair import PICTURE_IN_PICTURE, SIDE_BY_SIDE
from packseal.gui.theme import DisplayState
from tests.support.station_window import TEST_SOURCE, with_changes

SECOND = "test:480x360@15"


def two_cameras(make_window, read_barcodes=False, **changes):
    h = make_window(with_changes(source=TEST_SOURCE, second_source=SECOND, **changes), source=None,
                    read_barcodes=read_barcodes)
    w = h.window
    h.qtbot.waitUntil(lambda: w.controller.station is not None and w.view.preview.frames_shown > 0
                      and w.view.second_preview.frames_shown > 0, timeout=30_000)
    return h, w


def test_both_cameras_show_live_in_either_layout(qtbot, make_window):
    h, w = two_cameras(make_window)
    info = w.controller.station
    assert info.cameras == ("cam0", "cam1")
    assert len(info.preview_blocks) == 2 and info.preview_blocks[0] == info.preview_block
    assert info.preview_blocks[1] not in (None, info.preview_block)
    first, second = w.view.preview, w.view.second_preview
    # each picture has the size of its own camera
    assert first._frame.image.shape[:2] == (360, 640)  # noqa: SLF001
    assert second._frame.image.shape[:2] == (360, 480)  # noqa: SLF001
    assert first.caption == "First camera" and second.caption == "Second camera"
    assert w.camera_layout_action.isVisible()
    pair = w.view.cameras
    assert pair.layout_mode == SIDE_BY_SIDE
    a, b = first.geometry(), second.geometry()
    assert not a.intersects(b) and abs(a.width() * a.height() - b.width() * b.height()) <= pair.width() * 2
    assert a.united(b).width() >= pair.width() - 1 and a.united(b).height() >= pair.height() - 1  # halves
    pair.resize(1200, 300)  # a wide room: beside each other
    a, b = first.geometry(), second.geometry()
    assert a.right() < b.left() and a.height() == b.height() == 300
    pair.resize(500, 700)  # a tall room: one above the other
    a, b = first.geometry(), second.geometry()
    assert a.bottom() < b.top() and a.width() == b.width() == 500
    w.camera_layout_action.trigger()  # F3
    assert pair.layout_mode == PICTURE_IN_PICTURE
    a, b = first.geometry(), second.geometry()
    assert a == QRect(0, 0, pair.width(), pair.height())
    assert a.contains(b) and b.width() < a.width() / 2  # the second inside the first
    shown = second.frames_shown
    qtbot.waitUntil(lambda: second.frames_shown > shown + 3, timeout=10_000)  # still live when small
    w.camera_layout_action.trigger()
    assert pair.layout_mode == SIDE_BY_SIDE


def test_the_barcode_camera_carries_the_guide(qtbot, make_window):
    h, w = two_cameras(make_window, read_barcodes=True, barcode_camera=1)
    assert w.controller.station.barcode_camera == 1
    assert w.view.preview._guide is None and w.view.second_preview._guide is not None  # noqa: SLF001
    assert w.view.second_preview.caption == "Second camera · reads barcodes"


def test_one_camera_lost_names_it_and_the_other_keeps_showing(qtbot, make_window):
    from packseal.core.recording.events import CameraBack, CameraLost

    h, w = two_cameras(make_window)
    with qtbot.waitSignal(w.bridge.camera_lost, timeout=5000):
        h.services.hub.publish(CameraLost("Second camera (cam1): test sent no picture for 5 s", "cam1"))
    assert w.view.alerts.keys() == ["camera-cam1"]
    message = w.view.alerts.message("camera-cam1")
    assert message.title == "Second camera lost" and "first camera records on" in message.advice
    assert w.view.banner.state != DisplayState.PROBLEM  # the first camera still records new orders
    assert not w.view.second_preview.showing and w.view.second_preview.placeholder == "Second camera: no picture"
    shown = w.view.preview.frames_shown
    qtbot.waitUntil(lambda: w.view.preview.frames_shown > shown + 3, timeout=10_000)
    # both lost: now nothing records, and the banner says so
    with qtbot.waitSignal(w.bridge.camera_lost, timeout=5000):
        h.services.hub.publish(CameraLost("First camera (cam0): test sent no picture for 5 s", "cam0"))
    assert sorted(w.view.alerts.keys()) == ["camera-cam0", "camera-cam1"]
    assert w.view.banner.state == DisplayState.PROBLEM
    with qtbot.waitSignal(w.bridge.camera_back, timeout=5000):
        h.services.hub.publish(CameraBack("cam0"))
    with qtbot.waitSignal(w.bridge.camera_back, timeout=5000):
        h.services.hub.publish(CameraBack("cam1"))
    assert w.view.alerts.keys() == [] and w.view.banner.state == DisplayState.IDLE
    shown = w.view.second_preview.frames_shown
    qtbot.waitUntil(lambda: w.view.second_preview.frames_shown > shown, timeout=10_000)


def test_a_second_camera_unplugged_for_real_is_named_and_a_new_window_is_told(qtbot, make_window, tmp_path):
    """The second camera is a file that ends and is gone when the recorder opens it again: its pictures
    stop for good, as an unplugged camera's do."""
    from tests.support.two_cameras import side_camera_file

    side = side_camera_file(tmp_path / "side.mp4", seconds=3.0)
    h = make_window(with_changes(source=TEST_SOURCE, second_source=f"file:{side}"), source=None)
    w = h.window
    h.qtbot.waitUntil(lambda: w.controller.station is not None and w.view.second_preview.frames_shown > 0,
                      timeout=30_000)
    side.unlink()  # the recorder has it open; once it ends, it cannot be opened again
    with qtbot.waitSignal(w.bridge.camera_lost, timeout=20_000) as lost:
        pass
    assert lost.args[1] == "cam1" and "Second camera (cam1)" in lost.args[0]
    assert w.view.alerts.keys() == ["camera-cam1"]
    assert w.view.alerts.message("camera-cam1").title == "Second camera lost"
    shown = w.view.preview.frames_shown
    qtbot.waitUntil(lambda: w.view.preview.frames_shown > shown + 3, timeout=10_000)  # the first shows on
    # a window that connects now hears it from the recorder's snapshot, not from an event
    snapshot = h.client.call("status")
    assert snapshot.cameras_ok == (True, False)
    w.view.alerts.clear_alert("camera-cam1")
    w.station._on_connected(snapshot)  # noqa: SLF001 (what a new window's connection runs)
    w.station._on_station_started(snapshot.station)  # noqa: SLF001
    assert w.view.alerts.keys() == ["camera-cam1"] and "camera" not in w.view.alerts.keys()
    assert w.view.second_preview.placeholder == "Second camera: no picture" and not w.view.second_preview.showing
