"""The bench at the real window with real X key events: a scanner's bursts and a person's keys (xdotool).

The window runs on a private Xvfb screen with the order store of tests/support/bench_orders.py in its
data dir; what it shows is read through the probe's ``bench`` look.
"""

from __future__ import annotations

import dataclasses
import time

import pytest

from packseal.compose import open_services
from packseal.core.settings import save_settings
from tests.support.bench_orders import (CANCELLED, CUP, LID, MUG, PAID, PAID2, RETURN, WRONG_ITEM,
                                       store_orders)
from tests.support.station_app import StationApp
from tests.support.station_window import FAST

WAIT = 30


@pytest.fixture(scope="module")
def bench(x_server, tmp_path_factory):
    data = tmp_path_factory.mktemp("realx-bench") / "data"
    data.mkdir()
    save_settings(dataclasses.replace(FAST, camera_barcodes=False), data / "settings.json")
    services = open_services(data)
    try:
        store_orders(services.orders)
    finally:
        services.close()
    app = StationApp(x_server, data)
    yield app
    app.close()


@pytest.fixture
def front(bench):
    """The station page in front, nothing recording and no question open (whatever a failed test left)."""
    bench.ask("close-dialogs")
    bench.ask("page station")
    bench.focus_widget("view")
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        b = bench.ask("bench")
        if b["warning"] is not None:
            person(bench, "Escape")
        elif b["stop"] is not None:
            person(bench, "Return")
        elif bench.look()["order"] is not None:
            person(bench, "F9")
        else:
            break
        time.sleep(0.5)
    bench.focus_widget("view")
    return bench


def until(app, what, condition):
    return app.wait_until(lambda: (lambda b: b if condition(b) else None)(app.ask("bench")), WAIT, what)


def person(app, key):
    time.sleep(0.4)  # a person's key, well after the last scanned character
    app.keyboard.key(key)


def recording(app):
    return app.look()["order"]


def test_items_scanned_right_wrong_and_too_many(front):
    kb = front.keyboard
    kb.scan(PAID)
    until(front, "the order's items", lambda b: b["header"] and "TB1001" in b["header"])
    kb.scan(MUG)
    until(front, "a tick", lambda b: b["rows"] and b["rows"][0][1] == "1 / 2")
    kb.scan(WRONG_ITEM)
    until(front, "the wrong item", lambda b: b["result"] and "WRONG ITEM" in b["result"])
    kb.scan(MUG)
    until(front, "the second tick", lambda b: b["rows"][0][1] == "2 / 2")
    kb.scan(MUG)
    until(front, "one too many", lambda b: b["result"] and "TOO MANY" in b["result"])
    kb.scan(LID)
    b = until(front, "all checked", lambda b: b["result"] and b["result"].startswith("ALL ITEMS CHECKED"))
    assert b["rows"][1][2] == "✔" and b["sounds"][-1] == "done"
    assert recording(front) == PAID
    kb.key("F9")  # every item checked: it stops without a question
    front.wait_until(lambda: front.look()["order"] is None, WAIT, "stopped")


def test_a_stop_with_items_missing_is_asked_esc_goes_on_enter_stops(front):
    kb = front.keyboard
    kb.scan("SF5000000000005")  # a fresh order not in the data: records unchecked
    front.wait_until(lambda: recording(front) == "SF5000000000005", WAIT, "recording")
    kb.scan(PAID2)  # ends it, starts an order with items
    until(front, "the order's items", lambda b: b["header"] and "TB4004" in b["header"])
    kb.scan(CUP)
    until(front, "a tick", lambda b: b["rows"][1][1] == "1 / 2")
    person(front, "F9")
    until(front, "the question", lambda b: b["stop"] and "missing" in b["stop"])
    person(front, "Escape")
    until(front, "the question gone", lambda b: b["stop"] is None)
    assert recording(front) == PAID2
    person(front, "F9")
    until(front, "the question", lambda b: b["stop"] is not None)
    person(front, "Return")
    b = until(front, "stopped incomplete", lambda b: b["result"] and "missing" in b["result"] and b["stop"] is None)
    assert "Stopped with" in b["result"]


def test_a_cancelled_order_is_blocked_and_a_scanners_enter_never_confirms_it(front):
    kb = front.keyboard
    kb.scan(CANCELLED)
    b = until(front, "the alert", lambda b: b["warning"] and "CANCELLED" in b["warning"])
    assert b["sounds"][-1] == "alert"
    ignored = b["enters_ignored"]
    kb.scan("AB1", 8)  # a burst too short for a code, with the scanner's Enter right after it
    kb.scan(CANCELLED)  # and the label again
    time.sleep(1.0)
    b = front.ask("bench")
    assert b["warning"] is not None and b["enters_ignored"] > ignored
    assert recording(front) != CANCELLED
    person(front, "Return")
    front.wait_until(lambda: recording(front) == CANCELLED, WAIT, "recording after the person's Enter")
    until(front, "no alert", lambda b: b["warning"] is None)


def test_a_duplicate_waybill_offers_its_clip_with_f2_and_esc_drops_it(front):
    kb = front.keyboard
    # PAID was recorded by the first test of this module
    front.wait_until(lambda: any(c["order_id"] == PAID for c in front.search(PAID)), WAIT, "the first clip")
    kb.scan(PAID)
    until(front, "the duplicate alert", lambda b: b["warning"] and "Already recorded" in b["warning"])
    person(front, "F2")
    front.wait_until(lambda: front.look()["page"] == "library", WAIT, "the library")
    front.ask("page station")
    front.focus_widget("view.warning_bar")
    person(front, "Escape")
    until(front, "dropped", lambda b: b["warning"] is None)
    assert recording(front) is None


def test_a_return_in_returns_mode_is_linked_to_its_shipment(front):
    kb = front.keyboard
    person(front, "F6")
    until(front, "the returns mode", lambda b: b["returns"])
    kb.scan(RETURN)
    b = until(front, "the return", lambda b: b["header"] and b["header"].startswith("RETURN"))
    assert "TB1001" in b["header"]
    person(front, "F9")
    until(front, "the question", lambda b: b["stop"] is not None)
    person(front, "Return")
    front.wait_until(lambda: front.look()["order"] is None, WAIT, "stopped")
    person(front, "F6")
    until(front, "the returns mode off", lambda b: not b["returns"])


def test_a_badge_signs_the_packer_in(front):
    front.keyboard.scan("PACKER-0007")
    b = until(front, "the packer", lambda b: b["packer"] is not None)
    assert "PACKER-0007" in b["packer"]
    assert recording(front) is None
