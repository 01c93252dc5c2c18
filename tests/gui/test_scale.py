"""The scale in the window: the live weight from the recorder process, alerts when it goes and comes back,
and Settings → Scale with its live test."""

from __future__ import annotations

import json
import sys

import pytest

from packseal.core.scale.config import default_scale_settings
from packseal.core.scale.patterns import shipped
from packseal.core.scale.reader import ScaleReader, SerialConfig
from packseal.core.settings import Settings, load_settings, save_settings
from packseal.gui.theme import DisplayState
from tests.gui.test_order_rules_page import make_dialog
from tests.support.scale_sim import ScaleSimulator
from tests.support.station_window import CODE, with_changes

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the scale simulator is a POSIX pseudo-terminal")


@pytest.fixture
def sim(tmp_path):
    scale = ScaleSimulator(tmp_path, "st-us", grams=1234).start()
    yield scale
    scale.stop()


def test_the_weight_from_the_recorder_is_shown_and_a_lost_scale_is_an_alert_that_never_stops_recording(
        qtbot, make_window, sim):
    h = make_window(with_changes(scale={**default_scale_settings(), "port": str(sim.path)}))
    h.wait_running()
    w = h.window
    display = w.view.weight
    qtbot.waitUntil(lambda: display.shown == ("reading", (1234, True)), timeout=15_000)
    assert display.isVisible() and display.weight_label.text() == "1.234 kg"
    assert display.state_label.text() == "Stable"
    sim.set_weight(1236, stable=False)
    qtbot.waitUntil(lambda: display.shown == ("reading", (1236, False)), timeout=10_000)
    assert display.state_label.text().startswith("Moving")
    sim.set_weight(1236, stable=True)

    w.station.on_code_scanned(CODE)
    qtbot.waitUntil(lambda: w.view.banner.state == DisplayState.RECORDING, timeout=15_000)
    sim.unplug()
    qtbot.waitUntil(lambda: "scale" in w.view.alerts.keys(), timeout=10_000)
    assert w.view.alerts.message("scale").title == "The scale is disconnected"
    assert w.station.sounds.played[-1] == "error"
    assert display.shown == ("lost", None) and display.state_label.text() == "Scale not connected"
    assert w.view.banner.state == DisplayState.RECORDING  # an alert, never a stopped recording
    assert w.view.alerts.blocking_message() is None  # the next order may start too

    notes: list = []
    w.station.note.connect(lambda text, ms: notes.append(text))
    sim.replug()
    qtbot.waitUntil(lambda: "scale" not in w.view.alerts.keys(), timeout=15_000)
    qtbot.waitUntil(lambda: display.shown == ("reading", (1236, True)), timeout=10_000)
    assert any(text.startswith("The scale is back") for text in notes)
    assert w.view.banner.state == DisplayState.RECORDING


def test_a_window_that_connects_while_the_scale_is_lost_shows_the_alert(qtbot, make_window, sim):
    sim.unplug()
    h = make_window(with_changes(scale={**default_scale_settings(), "port": str(sim.path)}))
    h.wait_running()
    w = h.window
    qtbot.waitUntil(lambda: "scale" in w.view.alerts.keys(), timeout=15_000)
    assert w.view.weight.shown == ("lost", None)


def test_without_a_scale_the_weight_is_hidden(qtbot, make_window):
    h = make_window(with_changes())
    h.wait_running()
    assert not h.window.view.weight.isVisible() and "scale" not in h.window.view.alerts.keys()


def type_port(page, path) -> None:
    page.port.setCurrentIndex(page.port.findData("\0other"))
    page.other.setText(str(path))


def test_the_scale_page_tests_the_scale_live_and_saves_its_settings(qtbot, tmp_path, sim):
    path = tmp_path / "settings.json"
    save_settings(Settings(station_name="Bench 1"), path)
    dialog, accepted = make_dialog(qtbot, tmp_path, load_settings(path))
    page = dialog.scale_page
    assert page.port.currentData() == "" and page.port.currentText() == "No scale"
    dialog.show()
    dialog.tabs.setCurrentWidget(page)
    type_port(page, sim.path)
    page.test_button.click()
    qtbot.waitUntil(lambda: page.test_weight.text() == "1.234 kg", timeout=10_000)
    assert page.test_status.text().startswith("Stable")
    assert "ST,GS,+   1.234kg" in page.test_line.text()
    sim.set_weight(700, stable=False)
    qtbot.waitUntil(lambda: page.test_weight.text() == "700 g" and page.test_status.text().startswith("Moving"),
                    timeout=10_000)
    page.format.setCurrentIndex(page.format.findData("ohaus"))  # the wrong format: the test says so
    page.test_button.click()  # stop
    page.test_button.click()  # and again, with the new format
    qtbot.waitUntil(lambda: "does not read" in page.test_status.text(), timeout=15_000)
    page.format.setCurrentIndex(page.format.findData("st-us"))
    page.tolerance.setValue(80)
    page.baud.setCurrentIndex(page.baud.findData(4800))
    dialog.buttons.accepted.emit()
    assert page._reader is None  # the dialog closed: the port is released
    assert len(accepted) == 1
    save_settings(accepted[0], path)
    on_disk = json.loads(path.read_text(encoding="utf-8"))["scale"]
    assert (on_disk["port"], on_disk["baud"], on_disk["format"], on_disk["tolerance_g"]) == \
        (str(sim.path), 4800, "st-us", 80)


def test_a_broken_custom_format_is_not_saved_and_says_why(qtbot, tmp_path):
    dialog, accepted = make_dialog(qtbot, tmp_path, Settings(station_name="Bench 1"))
    page = dialog.scale_page
    page.format.setCurrentIndex(page.format.findData("custom"))
    assert page.custom.isVisibleTo(page)
    page.custom_regex.setText(r"^(\d+) g$")
    dialog.buttons.accepted.emit()
    assert not accepted and "named weight" in dialog.error.text()
    page.custom_regex.setText(r"^(?P<weight>\d+) g(?P<flag>!?)$")
    page.custom_stable.setText("!")
    dialog.buttons.accepted.emit()
    assert accepted and accepted[0].scale["custom_regex"] == r"^(?P<weight>\d+) g(?P<flag>!?)$"


def test_a_port_the_station_is_reading_is_shown_as_in_use(qtbot, tmp_path, sim):
    station_reader = ScaleReader(SerialConfig(str(sim.path)), shipped("st-us"))
    station_reader.start()
    try:
        qtbot.waitUntil(lambda: station_reader.stable_weight_g() == 1234, timeout=10_000)
        dialog, _ = make_dialog(qtbot, tmp_path, Settings(station_name="Bench 1"))
        page = dialog.scale_page
        dialog.show()
        dialog.tabs.setCurrentWidget(page)
        type_port(page, sim.path)
        page.test_button.click()
        qtbot.waitUntil(lambda: "in use" in page.test_status.text(), timeout=10_000)
        assert page.test_weight.text() == "—"
        dialog.reject()
    finally:
        station_reader.stop()


def test_the_formats_are_listed_in_the_windows_language_with_the_makers_names_as_they_are(qtbot, qapp, tmp_path):
    from packseal.core.scale.patterns import SHIPPED
    from packseal.gui import i18n

    dialog, _ = make_dialog(qtbot, tmp_path, Settings(station_name="Bench 1"))
    page = dialog.scale_page
    english = [page.format.itemText(i) for i in range(len(SHIPPED))]
    assert english == [p.title for p in SHIPPED]  # the window's English is the core's
    translations = i18n.Translations(qapp, cache_dir=tmp_path / "qm")
    try:
        translations.apply(i18n.CHINESE)
        qtbot.waitUntil(lambda: page.format.itemText(0).startswith("ST/US 报头"), timeout=5000)
        assert "indicators" not in page.format.itemText(0)
        assert [page.format.itemText(i) for i in range(1, len(SHIPPED))] == english[1:]  # makers' names
    finally:
        translations.apply(i18n.ENGLISH)
