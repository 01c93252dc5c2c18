"""The main window's pages: library → dispute, and the packer's scans and keys while another page is in front."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import Qt

from packseal.gui.pages import DISPUTE, LIBRARY, ORDERS, STATION, STATISTICS
from tests.support.scene import ORDER
from tests.support.sealed_orders import add_scene_clip
from tests.support.station_window import CODE, focus, scan


def sync_station(qtbot, window) -> None:
    """Wait until every command already queued for the station has run and its events have arrived."""
    with qtbot.waitCallback(timeout=15_000) as done:
        window.station.lane.run(lambda: None, on_success=done)


def test_the_window_loads_without_the_owners_pages_and_the_pdf_and_http_libraries():
    # What the live picture does not need is not imported before it: the app's start waits for every import.
    probe = ("import sys, packseal.gui.app; print(' '.join(m for m in ('packseal.gui.library', "
             "'packseal.gui.dispute', 'packseal.gui.orders.page', 'packseal.gui.statistics', "
             "'packseal.gui.settings_dialog', 'fpdf', 'httpx', 'av') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def test_the_librarys_dispute_button_opens_the_dispute_page_with_the_order(qtbot, make_window, scene_files):
    h = make_window()
    w = h.window
    add_scene_clip(h.services, scene_files)
    qtbot.waitUntil(w.isActiveWindow, timeout=5_000)  # window shortcuts need an active window
    assert w.pages.current == STATION  # the default page
    # The owner's pages are built when first shown, each in its place among the pages.
    assert not any(w.pages.built(key) for key in (LIBRARY, DISPUTE, ORDERS, STATISTICS))
    qtbot.keyClick(w, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert w.pages.current == LIBRARY and w.pages.buttons[LIBRARY].isChecked()
    assert w.pages.stack.currentWidget() is w.library and w.pages.built(LIBRARY) and not w.pages.built(DISPUTE)
    assert w.pages.stack.indexOf(w.library) == 1
    w.library.refresh()
    qtbot.waitUntil(lambda: w.library.model.total == 1 and not w.library.model.loading, timeout=10_000)
    w.library.select_row(0)
    qtbot.waitUntil(lambda: w.library.shown_clip is not None, timeout=10_000)
    w.library.actions.dispute_button.click()
    assert w.pages.current == DISPUTE
    assert w.dispute.order_edit.text() == ORDER
    qtbot.waitUntil(lambda: not w.dispute.busy, timeout=10_000)
    assert w.dispute.error_text == "" and w.dispute.pack_button.isEnabled()
    assert ORDER in w.dispute.status.text


def test_scans_reach_the_station_from_any_page_but_esc_stops_orders_only_on_the_station_page(qtbot, make_window):
    h = make_window()
    h.wait_running()
    w = h.window
    qtbot.waitUntil(w.isActiveWindow, timeout=5_000)
    qtbot.keyClick(w, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert w.pages.current == DISPUTE

    # A scan into the dispute view's order field fills the field (the field asks for scans).
    field = w.dispute.order_edit
    focus(qtbot, field)
    scan(qtbot, field, "YT5555555555555")
    qtbot.waitUntil(lambda: w.dispute.error_text != "", timeout=10_000)  # its Enter looked the order up
    assert field.text() == "YT5555555555555" and "YT5555555555555" in w.dispute.error_text
    sync_station(qtbot, w)
    assert w.station.display_state().value == "idle" and w.pages.current == DISPUTE

    # Anywhere else on the page the scan is the packer's: the order starts and the station comes to the front.
    elsewhere = w.dispute.annotation_list.list
    focus(qtbot, elsewhere)
    with qtbot.waitSignal(w.bridge.recording_started, timeout=15_000) as started:
        scan(qtbot, elsewhere, CODE)
    assert started.args[0] == CODE and w.pages.current == STATION

    # Esc on the dispute page is the owner's; F9 still stops the order from there.
    qtbot.keyClick(w, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    focus(qtbot, elsewhere)
    qtbot.keyClick(elsewhere, Qt.Key.Key_Escape)
    sync_station(qtbot, w)
    assert w.station.display_state().value == "recording"
    with qtbot.waitSignal(w.bridge.recording_stopped, timeout=15_000) as stopped:
        qtbot.keyClick(elsewhere, Qt.Key.Key_F9)
    assert stopped.args == [CODE, "stop"]
    assert w.pages.current == DISPUTE
