"""The window's parts that need no camera: tasks, recent clips, languages, sounds, dialogs."""

from __future__ import annotations

import threading
import wave
from datetime import datetime, timezone
from types import SimpleNamespace

import numpy as np
import pytest
from PySide6.QtCore import Qt, QTranslator

from packseal.core.ledger import PublicKey
from packseal.gui import i18n
from packseal.gui.station.recent_clips import FAILED, SEALED, SEALING, RecentClipsModel
from packseal.gui.tasks import TaskRunner
from packseal.gui.theme import resource_path


def test_tasks_deliver_results_and_failures_on_the_gui_thread(qtbot):
    runner = TaskRunner(serial=True)
    seen: list[tuple[str, object, bool]] = []
    gui = threading.get_ident()
    worker: list[int] = []

    def work() -> int:
        worker.append(threading.get_ident())
        return 42

    def boom() -> None:
        raise ValueError("broken on purpose")

    runner.run(work, on_success=lambda v: seen.append(("ok", v, threading.get_ident() == gui)))
    runner.run(boom, on_failure=lambda e: seen.append(("err", str(e), threading.get_ident() == gui)))
    with qtbot.waitSignal(runner.failed_unhandled, timeout=5000) as unhandled:
        runner.run(boom, label="nobody listens")
    assert seen == [("ok", 42, True), ("err", "broken on purpose", True)]
    assert worker and worker[0] != gui
    assert unhandled.args[0] == "nobody listens" and isinstance(unhandled.args[1], ValueError)
    assert not runner.busy


def _clip(order: str, seq: int | None = None):
    now = datetime.now(timezone.utc)
    return SimpleNamespace(order_id=order, ledger_seq=seq, duration_s=4.0, status="complete", scan_utc=now)


def test_recent_clips_follow_an_order_from_recording_to_sealed_or_failed(qapp):
    model = RecentClipsModel()
    now = datetime.now(timezone.utc)
    model.order_started("A1234567", now)
    model.order_stopped("A1234567", "scan")
    model.order_started("B1234567", now)
    model.order_stopped("B1234567", "stop")
    assert [r.status for r in model.rows()] == [SEALING, SEALING]
    model.clip_sealed(_clip("A1234567", 17))  # ClipSealed arrives before its ClipAssembled
    model.clip_assembled(_clip("A1234567"))
    model.archive_failed("ClipAssembled", "disk error")
    model.clip_assembled(_clip("B1234567"))
    rows = {r.order_id: r for r in model.rows()}
    assert rows["A1234567"].status == SEALED and rows["A1234567"].ledger_seq == 17
    assert rows["B1234567"].status == FAILED and rows["B1234567"].message == "disk error"
    assert model.data(model.index(1, 3)) == "Sealed"
    assert model.data(model.index(1, 3), Qt.ItemDataRole.ToolTipRole) == "Sealed in ledger entry 17"


def test_a_clips_length_reads_the_same_in_todays_orders_as_in_the_library(qapp):
    from packseal.gui import formatting

    model = RecentClipsModel()
    model.order_started("A1234567", datetime.now(timezone.utc))
    model.order_stopped("A1234567", "scan")
    clip = _clip("A1234567", 17)
    clip.duration_s = 15.863  # a sealed clip's length: the library shows 0:16
    model.clip_sealed(clip)
    assert model.data(model.index(0, 2)) == formatting.duration(15.863) == "0:16"


def test_the_chinese_translation_is_complete_and_compiles(tmp_path, qapp):
    ts = resource_path("i18n", "packseal_zh_CN.ts")
    text = ts.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text and "<translation></translation>" not in text
    assert "<numerusform></numerusform>" not in text  # a plural text left empty shows in English
    qm = i18n.qm_file(i18n.CHINESE, tmp_path)
    assert qm is not None and qm.stat().st_size > 0
    tr = QTranslator()
    assert tr.load(str(qm))
    assert tr.translate("StateBanner", "RECORDING") == "录制中"
    assert tr.translate("StateBanner", "PROBLEM") == "故障"


def test_every_placeholder_survives_translation(qapp):
    import xml.etree.ElementTree as ET
    import re

    tree = ET.parse(resource_path("i18n", "packseal_zh_CN.ts"))
    for message in tree.getroot().iter("message"):
        source, translation = message.find("source").text, message.find("translation")
        forms = [f.text or "" for f in translation.iter("numerusform")]
        for target in forms or [translation.text]:
            assert sorted(re.findall(r"\{[^}]*\}", source)) == sorted(re.findall(r"\{[^}]*\}", target)), source


def test_the_system_language_decides_when_the_setting_is_empty():
    from PySide6.QtCore import QLocale

    assert i18n.resolve_language("", QLocale(QLocale.Language.Chinese, QLocale.Country.China)) == "zh_CN"
    assert i18n.resolve_language("", QLocale(QLocale.Language.German)) == "en"
    assert i18n.resolve_language("en", QLocale(QLocale.Language.Chinese)) == "en"


def _tone_pitch(samples: np.ndarray, rate: int) -> float:
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples))))
    return float(np.fft.rfftfreq(len(samples), 1 / rate)[int(np.argmax(spectrum))])


@pytest.mark.parametrize("name,rising", [("start.wav", True), ("stop.wav", False)])
def test_start_chime_rises_and_stop_chime_falls(name, rising):
    with wave.open(str(resource_path("sounds", name))) as w:
        rate = w.getframerate()
        assert (w.getnchannels(), w.getsampwidth()) == (1, 2)
        samples = np.frombuffer(w.readframes(w.getnframes()), "<i2").astype(float)
    assert len(samples) / rate < 0.6  # short: never overlaps the next scan
    half = len(samples) // 2
    first, second = _tone_pitch(samples[: int(0.15 * rate)], rate), _tone_pitch(samples[half:], rate)
    assert (second > first) == rising


def test_the_settings_dialog_refuses_a_broken_pattern_and_exports_the_key(qtbot, tmp_path):
    from packseal.core.ledger import StationKey
    from packseal.core.settings import Settings
    from packseal.gui.settings_dialog import KeyInfo, SettingsDialog

    key = StationKey.generate().public
    runner = TaskRunner()
    dialog = SettingsDialog(Settings(station_name="Bench 1"), data_dir=tmp_path, data_dir_fixed=False,
                            key=KeyInfo(key.fingerprint, key.key_id, key.pem()), runner=runner)
    qtbot.addWidget(dialog)
    accepted: list = []
    dialog.accepted_settings.connect(lambda s, f: accepted.append((s, f)))
    dialog.rules._append("mine", "SHOP(", expert=True)  # an unclosed group
    dialog.buttons.accepted.emit()
    assert accepted == [] and not dialog.error.isHidden() and "mine" in dialog.error.text()
    dialog.rules.table.removeRow(0)
    dialog.rules._append("mine", r"SHOP-\d{6}", expert=True)
    dialog.preroll.setValue(5.0)
    dialog.buttons.accepted.emit()
    new, folder = accepted[0]
    assert new.order_rules["custom"] == [{"name": "mine", "regex": r"SHOP-\d{6}"}] and new.preroll_s == 5.0
    assert folder is None
    dialog.export_key_to(tmp_path / "station")
    qtbot.waitUntil(lambda: (tmp_path / "station.pem").exists(), timeout=5000)
    assert PublicKey.from_pem((tmp_path / "station.pem").read_text()).key_id == key.key_id


def test_the_first_run_dialog_gives_settings_and_the_chosen_folder(qtbot, tmp_path):
    from packseal.gui.first_run import FirstRunDialog

    dialog = FirstRunDialog(tmp_path / "default", data_dir_fixed=False, runner=TaskRunner())
    qtbot.addWidget(dialog)
    dialog.station_name.setText("  ")
    dialog.buttons.accepted.emit()
    assert not dialog.error.isHidden() and dialog.result() == 0
    dialog.station_name.setText("打包台 3")
    dialog.storage.setText(str(tmp_path / "elsewhere"))
    settings, folder = dialog.result_settings()
    assert settings.station_name == "打包台 3" and settings.source == "auto"
    assert folder == (tmp_path / "elsewhere").resolve()


def test_the_gui_thread_collector_takes_over_cycle_collection(qtbot):
    import gc

    from PySide6.QtCore import QObject

    from packseal.gui.gc_guard import GuiThreadCollector

    owner = QObject()
    collector = GuiThreadCollector(owner, interval_ms=10_000)
    try:
        assert not gc.isenabled()
        class Cycle:  # noqa: D401 - a plain reference cycle
            pass
        for _ in range(gc.get_threshold()[0] + 10):
            a, b = Cycle(), Cycle()
            a.b, b.a = b, a
        assert collector.check() > 0  # collected here, on the calling (GUI) thread
    finally:
        collector.stop()
    assert gc.isenabled()


def test_todays_list_gives_the_seal_status_its_whole_text(qtbot):
    from PySide6.QtCore import QRect

    from packseal.gui.station.recent_clips import RecentClipsView

    model = RecentClipsModel()
    now = datetime.now(timezone.utc)
    for n in range(3):
        model.order_started(f"SF12345678901{n:02d}", now)
    model.order_stopped("SF1234567890100", "scan")
    model.clip_sealed(SimpleNamespace(order_id="SF1234567890101", ledger_seq=12345, duration_s=4.0,
                                      status="interrupted", scan_utc=now))
    from packseal.gui.theme import scaled_font

    view = RecentClipsView(model)
    qtbot.addWidget(view)
    view.setFont(scaled_font(view.font(), 16))  # as the station shows it
    view.resize(445, 300)  # the list's width in a 1280×800 window
    view.show()
    qtbot.waitExposed(view)
    metrics = view.fontMetrics()
    for row in range(model.rowCount()):
        text = model.data(model.index(row, 3))
        rect: QRect = view.visualRect(model.index(row, 3))
        assert rect.right() <= view.viewport().width()
        assert rect.width() >= metrics.horizontalAdvance(text) + 24, text  # the icon and the whole text


def test_the_settings_dialog_sets_a_second_camera_and_the_camera_that_reads_codes(qtbot, tmp_path):
    from packseal.core.ledger import StationKey
    from packseal.core.settings import Settings
    from packseal.gui.camera_picker import NO_CAMERA
    from packseal.gui.settings_dialog import KeyInfo, SettingsDialog

    key = StationKey.generate().public
    settings = Settings(station_name="Bench 1", source="test", second_source="test:320x240@15", barcode_camera=1)
    dialog = SettingsDialog(settings, data_dir=tmp_path, data_dir_fixed=False,
                            key=KeyInfo(key.fingerprint, key.key_id, key.pem()), runner=TaskRunner())
    qtbot.addWidget(dialog)
    new, _ = dialog.result_settings()
    assert (new.second_source, new.barcode_camera) == ("test:320x240@15", 1)  # the file's values, shown
    accepted: list = []
    dialog.accepted_settings.connect(lambda s, f: accepted.append(s))
    picker = dialog.second_camera
    picker.combo.setCurrentIndex(picker.combo.findData(NO_CAMERA))
    dialog.buttons.accepted.emit()  # codes from a second camera that is not there: refused
    assert accepted == [] and "second camera" in dialog.error.text()
    dialog.barcode_camera.setCurrentIndex(dialog.barcode_camera.findData(0))
    dialog.buttons.accepted.emit()
    assert [(s.second_source, s.barcode_camera, s.camera_sources) for s in accepted] == [("", 0, ["test"])]


def test_a_page_given_as_a_function_is_built_when_first_needed_and_again_after_a_failed_try(qtbot):
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QLabel

    from packseal.gui.pages import PageSwitcher

    switcher = PageSwitcher()
    qtbot.addWidget(switcher)
    tries: list[int] = []

    def build() -> QLabel:
        tries.append(1)
        if len(tries) == 1:
            raise OSError("a module could not be read")
        return QLabel("owner's page")

    first = QLabel("station")
    switcher.add_page("station", first, QIcon(), "Ctrl+1")
    switcher.add_page("owner", build, QIcon(), "Ctrl+2")
    switcher.add_page("third", QLabel("third"), QIcon(), "Ctrl+3")
    assert not switcher.built("owner") and not tries
    with pytest.raises(OSError):
        switcher.show_page("owner")
    assert switcher.current == "station" and not switcher.built("owner")
    switcher.show_page("owner")
    page = switcher.page("owner")
    assert len(tries) == 2 and switcher.built("owner") and isinstance(page, QLabel)
    assert switcher.current == "owner" and switcher.stack.currentWidget() is page
    assert [switcher.stack.widget(i) for i in range(switcher.stack.count())] == [first, page,
                                                                                switcher.page("third")]
