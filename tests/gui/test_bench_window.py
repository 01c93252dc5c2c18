"""The bench in the station window: real widgets, the recorder process, the order store in the data dir."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from packseal.compose import open_services
from packseal.gui.pages import LIBRARY, STATION
from packseal.gui.theme import DisplayState
from tests.support.bench_orders import CANCELLED, LID, MUG, PAID, RETURN, WRONG_ITEM, store_orders
from tests.support.station_window import scan as scan_into

WAIT = 15_000


@pytest.fixture
def bench_window(make_window, station_data, qtbot):
    services = open_services(station_data)
    try:
        store_orders(services.orders)
    finally:
        services.close()
    h = make_window()
    h.wait_running()
    return h.window


def scan(qtbot, _widget, code):
    """A scanner types into whatever has the keyboard focus (after a question, not always the view)."""
    scan_into(qtbot, QApplication.focusWidget() or _widget, code)


def start(qtbot, w, code):
    with qtbot.waitSignal(w.bridge.recording_started, timeout=WAIT):
        scan(qtbot, w.view, code)
    qtbot.waitUntil(lambda: w.view.order_panel.state is not None and w.view.order_panel.state.code == code,
                    timeout=WAIT)


def scan_item(qtbot, w, code):
    with qtbot.waitSignal(w.bridge.check_updated, timeout=WAIT, check_params_cb=lambda s, line: line is not None):
        scan(qtbot, w.view, code)


def press(qtbot, key):
    qtbot.wait(300)  # a person's key comes well after the last scanned character
    qtbot.keyClick(QApplication.focusWidget(), key)


def test_right_wrong_and_too_many_items_are_shown_and_heard(qtbot, bench_window):
    w = bench_window
    panel, sounds = w.view.order_panel, w.station.sounds
    start(qtbot, w, PAID)
    assert panel.isVisible() and panel.table.rowCount() == 2
    assert "TB1001" in panel.header.text() and "2 / 2" not in panel.table.item(0, 2).text()
    assert "gift" in panel.notes.text()
    scan_item(qtbot, w, MUG)
    assert panel.table.item(0, 2).text() == "1 / 2" and sounds.played[-1] == "tick"
    scan_item(qtbot, w, WRONG_ITEM)
    assert "WRONG ITEM" in panel.result.text() and WRONG_ITEM in panel.result.text()
    assert sounds.played[-1] == "error" and w.view.refusal.isHidden()  # checked, not refused
    scan_item(qtbot, w, MUG)
    scan_item(qtbot, w, MUG)
    assert "TOO MANY" in panel.result.text() and sounds.played[-1] == "error"
    scan_item(qtbot, w, LID)
    assert panel.result.text().startswith("ALL ITEMS CHECKED") and sounds.played[-1] == "done"
    assert panel.table.item(1, 3).text() == "✔"
    assert w.controller.client.call("status").order_id == PAID  # no product scan ended the order
    with qtbot.waitSignal(w.bridge.clip_sealed, timeout=30_000) as sealed:
        qtbot.keyClick(w.view, Qt.Key.Key_F9)  # complete: stops without asking
    packing = sealed.args[0].packing
    assert packing["outcome"] == "complete"
    assert [s["result"] for s in packing["wrong_scans"]] == ["wrong", "extra"]


def test_stopping_with_items_missing_asks_enter_or_esc(qtbot, bench_window):
    w = bench_window
    bar = w.view.stop_bar
    start(qtbot, w, PAID)
    scan_item(qtbot, w, MUG)
    qtbot.keyClick(w.view, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: bar.asking, timeout=WAIT)
    assert "2 item(s) still missing" in bar.question.text()
    press(qtbot, Qt.Key.Key_Escape)  # go on packing
    qtbot.waitUntil(lambda: not bar.asking, timeout=WAIT)
    assert w.controller.client.call("status").order_id == PAID
    assert w.view.banner.state == DisplayState.RECORDING
    qtbot.keyClick(w.view, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: bar.asking, timeout=WAIT)
    with qtbot.waitSignal(w.bridge.clip_sealed, timeout=30_000) as sealed:
        press(qtbot, Qt.Key.Key_Return)
    packing = sealed.args[0].packing
    assert packing["outcome"] == "incomplete"
    assert [(x["warning"], x["decision"]) for x in packing["warnings"]] == [("items-missing", "confirmed")]
    qtbot.waitUntil(lambda: "missing" in w.view.order_panel.result.text(), timeout=WAIT)


def test_a_cancelled_order_is_blocked_until_a_person_confirms(qtbot, bench_window):
    w = bench_window
    bar, sounds = w.view.warning_bar, w.station.sounds
    started: list[str] = []
    w.bridge.recording_started.connect(lambda order, _: started.append(order))
    scan(qtbot, w.view, CANCELLED)
    qtbot.waitUntil(lambda: bar.asking, timeout=WAIT)
    assert "CANCELLED" in bar.question.text() and "TB2002" in bar.question.text()
    assert sounds.played[-1] == "alert" and bar.palette() is not None
    # a scanner's burst that is not taken as a scan (too short) still ends with Enter: never an answer
    scan(qtbot, QApplication.focusWidget(), "AB1")
    qtbot.wait(500)
    assert bar.asking and bar.enters_ignored == 1 and started == []
    # the same label scanned again asks again; it does not confirm either
    scan(qtbot, QApplication.focusWidget(), CANCELLED)
    qtbot.wait(500)
    assert bar.asking and started == []
    with qtbot.waitSignal(w.bridge.recording_started, timeout=WAIT) as rec:
        press(qtbot, Qt.Key.Key_Return)
    assert rec.args[0] == CANCELLED and not bar.asking
    with qtbot.waitSignal(w.bridge.clip_sealed, timeout=30_000) as sealed:
        w.station.controller.client.call("stop_order")
        qtbot.waitUntil(lambda: w.view.stop_bar.asking, timeout=WAIT)
        press(qtbot, Qt.Key.Key_Return)
    warnings = sealed.args[0].packing["warnings"]
    assert (warnings[0]["warning"], warnings[0]["decision"]) == ("cancelled", "confirmed")


def test_a_duplicate_waybill_alerts_opens_the_earlier_clip_and_esc_drops_it(qtbot, bench_window):
    w = bench_window
    bar = w.view.warning_bar
    start(qtbot, w, PAID)
    with qtbot.waitSignal(w.bridge.clip_sealed, timeout=30_000) as first:
        qtbot.keyClick(w.view, Qt.Key.Key_F9)
        qtbot.waitUntil(lambda: w.view.stop_bar.asking, timeout=WAIT)
        press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.view.banner.state == DisplayState.IDLE, timeout=WAIT)
    scan(qtbot, w.view, PAID)
    qtbot.waitUntil(lambda: bar.asking, timeout=WAIT)
    assert "Already recorded" in bar.question.text() and "F2" in bar.detail.text()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: w.pages.current == LIBRARY, timeout=WAIT)
    qtbot.waitUntil(lambda: w.library.shown_clip is not None, timeout=WAIT)
    assert w.library.shown_clip.ledger_seq == first.args[0].ledger_seq
    w.pages.show_page(STATION)
    bar.setFocus()
    with qtbot.waitSignal(w.bridge.warning_answered, timeout=WAIT) as answered:
        press(qtbot, Qt.Key.Key_Escape)
    assert answered.args == [PAID, "dropped"]
    qtbot.waitUntil(lambda: any(e.body.get("action") == "dropped" for e in w.services.ledger.entries()),
                    timeout=WAIT)
    dropped = next(e.body for e in w.services.ledger.entries() if e.body.get("action") == "dropped")
    assert dropped["warning"] == "duplicate-waybill" and dropped["clip_seq"] == first.args[0].ledger_seq


def test_a_waybill_not_in_the_order_data_recorded_again_leaves_no_note_once_its_order_ended(qtbot, bench_window):
    w = bench_window
    panel, bar = w.view.order_panel, w.view.warning_bar
    unknown = "SF9876543210987"
    with qtbot.waitSignal(w.bridge.clip_sealed, timeout=30_000):
        scan(qtbot, w.view, unknown)
        qtbot.waitUntil(lambda: w.view.banner.state == DisplayState.RECORDING, timeout=WAIT)
        qtbot.keyClick(w.view, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: w.view.banner.state == DisplayState.IDLE, timeout=WAIT)
    scan(qtbot, w.view, unknown)
    qtbot.waitUntil(lambda: bar.asking, timeout=WAIT)
    with qtbot.waitSignal(w.bridge.recording_started, timeout=WAIT):
        press(qtbot, Qt.Key.Key_Return)  # record it again all the same
    qtbot.waitUntil(lambda: panel.isVisible() and "not in the order data" in panel.header.text(), timeout=WAIT)
    with qtbot.waitSignal(w.bridge.clip_sealed, timeout=30_000):
        qtbot.keyClick(QApplication.focusWidget() or w.view, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: w.view.banner.state == DisplayState.IDLE, timeout=WAIT)
    qtbot.waitUntil(lambda: panel.isHidden(), timeout=WAIT)  # the order is over: nothing of it is left


def test_a_return_is_recorded_in_returns_mode_and_linked_to_its_shipment(qtbot, bench_window):
    w = bench_window
    view = w.view
    qtbot.keyClick(view, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: view.returns_strip.isVisible(), timeout=WAIT)
    assert w.returns_action.isChecked()
    start(qtbot, w, RETURN)
    assert view.order_panel.header.text().startswith("RETURN") and "TB1001" in view.order_panel.header.text()
    scan_item(qtbot, w, MUG)  # the shipment's items are checked as they come out of the box
    # the next return, one the data does not know: first the question about this one's missing items
    scan(qtbot, view, "YT9999999999999")
    qtbot.waitUntil(lambda: view.stop_bar.asking, timeout=WAIT)
    with qtbot.waitSignal(w.bridge.clip_sealed, timeout=30_000) as first:
        press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.order_panel.state.code == "YT9999999999999", timeout=WAIT)
    # ... then the packer types the original order
    qtbot.waitUntil(lambda: view.link_bar.isVisible() and view.link_bar.field.hasFocus(), timeout=WAIT)
    qtbot.keyClicks(view.link_bar.field, "TB1001")
    qtbot.keyClick(view.link_bar.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.link_bar.isVisible(), timeout=WAIT)
    assert "of order TB1001" in view.order_panel.header.text()
    assert first.args[0].packing["kind"] == "return" and first.args[0].packing["linked_order"] == "TB1001"
    assert first.args[0].packing["outcome"] == "incomplete" and first.args[0].packing["items"][0]["scanned"] == 1
    with qtbot.waitSignal(w.bridge.clip_sealed, timeout=30_000) as second:
        w.station.controller.client.call("stop_order")
        qtbot.waitUntil(lambda: view.stop_bar.asking, timeout=WAIT)
        press(qtbot, Qt.Key.Key_Return)
    assert second.args[0].packing["linked_order"] == "TB1001"
    qtbot.keyClick(view, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: not view.returns_strip.isVisible(), timeout=WAIT)


def test_a_badge_signs_the_packer_in_and_the_clip_carries_the_packer(qtbot, bench_window):
    w = bench_window
    with qtbot.waitSignal(w.bridge.packer_signed_in, timeout=WAIT):
        scan(qtbot, w.view, "PACKER-0007")
    assert w.view.packer_label.isVisible() and "PACKER-0007" in w.view.packer_label.text()
    assert w.view.banner.state == DisplayState.IDLE  # a badge starts no order
    with qtbot.waitSignal(w.bridge.check_updated, timeout=WAIT):
        scan(qtbot, w.view, "SF9876543210987")  # not in the order data: the panel stays away
    assert w.view.order_panel.isHidden()
    with qtbot.waitSignal(w.bridge.clip_sealed, timeout=30_000) as sealed:
        qtbot.keyClick(w.view, Qt.Key.Key_F9)
    assert sealed.args[0].packing == {"kind": "shipment", "outcome": "not-checked", "packer": "PACKER-0007"}
    sign_in = [e.body for e in w.services.ledger.entries() if e.body.get("action") == "sign-in"]
    assert sign_in[0]["packer"] == "PACKER-0007"


def test_a_window_that_connects_again_gets_the_orders_check_back(qtbot, bench_window):
    w = bench_window
    start(qtbot, w, PAID)
    scan_item(qtbot, w, MUG)
    qtbot.keyClick(w.view, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: w.view.stop_bar.asking, timeout=WAIT)
    # what a new window does when it connects: everything it shows comes from the recorder's snapshot
    w.view.order_panel.clear()
    w.view.stop_bar.dismiss()
    w.station._on_connected(w.controller.client.call("status"))
    panel = w.view.order_panel
    assert panel.isVisible() and panel.state.code == PAID and panel.table.item(0, 2).text() == "1 / 2"
    assert w.view.stop_bar.asking and "2 item(s) still missing" in w.view.stop_bar.question.text()
    with qtbot.waitSignal(w.bridge.clip_sealed, timeout=30_000):
        press(qtbot, Qt.Key.Key_Return)


def test_a_killed_recorder_comes_back_with_the_packer_and_the_orders_check(qtbot, bench_window):
    import os
    import signal
    import time

    from packseal.core.remote.client import recorder_status

    w = bench_window
    with qtbot.waitSignal(w.bridge.packer_signed_in, timeout=WAIT):
        scan(qtbot, w.view, "PACKER-0007")
    start(qtbot, w, PAID)
    scan_item(qtbot, w, MUG)
    qtbot.wait(2500)  # some of the order on tape, sealed, before the kill
    before = recorder_status(w.services.layout)
    with qtbot.waitSignal(w.bridge.recorder_connected, timeout=60_000) as connected:
        os.kill(before.recorder_pid, signal.SIGKILL)
    assert connected.args[0].recorder_pid != before.recorder_pid
    qtbot.waitUntil(lambda: w.view.order_panel.state is not None and w.view.order_panel.state.code == PAID
                    and w.view.order_panel.table.item(0, 2).text() == "1 / 2", timeout=60_000)
    assert w.view.packer_label.isVisible() and "PACKER-0007" in w.view.packer_label.text()
    assert [r.order_id for r in w.station.recent_model.rows()] == [PAID]  # one order, listed once
    assert w.view.order._started <= time.monotonic() - 2.5  # its clock counts from the scan, not the restart
    scan_item(qtbot, w, MUG)
    scan_item(qtbot, w, LID)
    with qtbot.waitSignal(w.bridge.clip_sealed, timeout=60_000) as sealed:
        qtbot.keyClick(w.view, Qt.Key.Key_F9)
    clip = sealed.args[0]
    assert clip.order_id == PAID and len(clip.gaps) == 1
    assert clip.packing["packer"] == "PACKER-0007" and clip.packing["restarts"] == 1
    assert [s["code"] for s in clip.packing["scans"]] == [MUG, MUG, LID]
    assert clip.packing["outcome"] == "complete"
