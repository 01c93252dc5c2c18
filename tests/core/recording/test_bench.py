"""The recorder with order data: items checked by scan, warnings held for the packer, returns, weight.

A real tape fed in real time, as in test_recorder.py.
"""

import time
from datetime import datetime, timedelta, timezone

from packseal.core.orders.model import Order, OrderItem
from packseal.core.packing.events import (
    BenchScan, CheckUpdated, PackerSignedIn, StopAnswered, StopAsked, WarningAnswered, WarningAsked, WeightOutside,
)
from packseal.core.packing.plan import PriorClip
from packseal.core.recording.events import OrderStarted, RecorderState, ScanAccepted, ScanRefused
from tests.core.packing.test_check import Lookup
from tests.core.recording.test_recorder import Bench

WAYBILL, NEXT, CANCELLED = "SF1234567890123", "JD0012345678901", "SF1111111111111"
MUG, LID = "6901234567892", "LID-01"
ORDER = Order("TB1001", waybills=(WAYBILL,), status="paid", weight_g=800,
              items=(OrderItem(sku="MUG-RED", barcode=MUG, name="Red mug", qty=2),
                     OrderItem(sku=LID, name="Lid", qty=1)))


def bench(tmp_path, *orders, **kw):
    b = Bench(tmp_path, **kw)
    b.recorder.lookup = Lookup(ORDER, *orders)
    return b


def test_product_scans_tick_items_flag_wrong_and_extra_and_the_clip_carries_the_record(tmp_path):
    with bench(tmp_path) as b:
        time.sleep(1.5)
        assert b.recorder.scan(WAYBILL) == "start"
        assert b.recorder.scan(MUG) == "item"
        assert b.recorder.scan("4006381333931") == "wrong"  # an EAN-13 of no item: not refused, not counted
        assert b.recorder.scan(MUG) == "item"
        assert b.recorder.scan(MUG) == "extra"
        assert b.recorder.current_order == WAYBILL  # no product scan switched or stopped the order
        assert b.recorder.scan("lid-01") == "item"
        last = b.of(CheckUpdated)[-1].state
        assert last.outcome == "complete" and last.missing == 0
        time.sleep(1.0)
        assert b.recorder.scan(WAYBILL) == "stop"
        clip, = b.wait_clips(1)
    packing = clip.packing
    assert packing["outcome"] == "complete" and packing["order"] == "TB1001" and packing["kind"] == "shipment"
    assert [(i["expected"], i["scanned"]) for i in packing["items"]] == [(2, 2), (1, 1)]
    assert [s["result"] for s in packing["scans"]] == ["item", "wrong", "item", "extra", "item"]
    assert [s["code"] for s in packing["wrong_scans"]] == ["4006381333931", MUG]
    assert not b.of(ScanRefused)


def test_stopping_with_items_missing_asks_and_esc_goes_on_enter_seals_incomplete(tmp_path):
    with bench(tmp_path) as b:
        time.sleep(1.5)
        b.recorder.scan(WAYBILL)
        b.recorder.scan(MUG)
        assert b.recorder.stop() is True
        asked = b.of(StopAsked)[-1]
        assert asked.order_id == WAYBILL and asked.missing == 2
        assert b.recorder.current_order == WAYBILL  # still recording: nothing stops before the answer
        assert b.recorder.continue_order(WAYBILL)
        assert b.of(StopAnswered)[-1].stopped is False and b.recorder.current_order == WAYBILL
        # the next waybill asks too; Enter stops this order and starts that one
        assert b.recorder.scan(NEXT) == "asking"
        assert b.of(StopAsked)[-1].next_code == NEXT and b.recorder.current_order == WAYBILL
        time.sleep(0.5)
        assert b.recorder.confirm_stop(WAYBILL)
        assert b.recorder.current_order == NEXT
        time.sleep(1.0)
        b.recorder.stop()  # NEXT is not in the order data: nothing to ask
        clips = b.wait_clips(2)
    first = next(c for c in clips if c.order_id == WAYBILL)
    assert first.packing["outcome"] == "incomplete"
    warning, = first.packing["warnings"]
    assert warning["warning"] == "items-missing" and warning["decision"] == "confirmed"
    second = next(c for c in clips if c.order_id == NEXT)
    assert second.packing is None  # an unknown order with nothing else known: exactly as before


def test_a_cancelled_order_waits_for_the_packer_and_keeps_its_preroll_when_confirmed(tmp_path):
    cancelled = Order("TB9", waybills=(CANCELLED,), status="cancelled")
    with bench(tmp_path, cancelled, preroll=1.0) as b:
        time.sleep(2.5)
        assert b.recorder.scan(CANCELLED) == "asking"
        asked = b.of(WarningAsked)[-1]
        assert [w.warning for w in asked.plan.warnings] == ["cancelled"]
        assert b.recorder.current_order is None and b.recorder.state is RecorderState.IDLE
        assert not b.of(ScanAccepted)
        assert b.recorder.scan(CANCELLED) == "asking"  # the same code again answers nothing
        assert not b.recorder.confirm_warning("SF000")  # an answer to another question is ignored
        time.sleep(2.0)  # the packer reads the banner
        assert b.recorder.confirm_warning(CANCELLED)
        assert b.recorder.current_order == CANCELLED
        time.sleep(1.0)
        b.recorder.stop()
        clip, = b.wait_clips(1)
    scan_utc = b.of(OrderStarted)[-1].scan_utc
    assert scan_utc == asked.scan_utc  # the clip is of the scan, not of the answer
    assert clip.start_utc <= scan_utc - timedelta(seconds=1.0)  # its pre-roll survived the wait
    warning, = clip.packing["warnings"]
    assert warning["warning"] == "cancelled" and warning["decision"] == "confirmed"
    assert clip.packing["order_status"] == "cancelled"
    assert b.of(WarningAnswered)[-1].decision == "confirmed"


def test_a_dropped_warning_records_nothing_and_is_sealed_as_a_dropped_scan(tmp_path):
    prior = PriorClip(WAYBILL, datetime.now(timezone.utc), 17, "clips/a.mp4", 2)
    with bench(tmp_path) as b:
        b.recorder.prior_clip = lambda code: prior if code == WAYBILL else None
        time.sleep(1.0)
        assert b.recorder.scan(WAYBILL) == "asking"
        asked = b.of(WarningAsked)[-1]
        assert asked.prior is prior
        assert b.recorder.drop_warning(WAYBILL)
        assert b.recorder.current_order is None
        dropped, = b.of(BenchScan)
        # a second scan of another order while one is held drops the held one the same way
        b.recorder.prior_clip = lambda code: prior
        assert b.recorder.scan(WAYBILL) == "asking"
        assert b.recorder.scan(NEXT) == "asking"
        assert len(b.of(BenchScan)) == 2
    assert dropped.action == "dropped" and dropped.code == WAYBILL
    assert dropped.extra["warning"] == "duplicate-waybill" and dropped.extra["clip_seq"] == 17
    assert dropped.extra["order"] == "TB1001"
    assert not b.of(OrderStarted) and not b.of(ScanAccepted)


def test_a_badge_signs_the_packer_in_and_the_clip_carries_the_packer(tmp_path):
    with Bench(tmp_path) as b:  # no order data at all
        time.sleep(1.2)
        assert b.recorder.scan("PACKER-0007") == "sign-in"
        assert b.of(PackerSignedIn)[-1].packer == "PACKER-0007"
        sign_in, = b.of(BenchScan)
        assert sign_in.action == "sign-in" and sign_in.extra == {"packer": "PACKER-0007"}
        assert b.recorder.scan(WAYBILL) == "start"
        assert b.recorder.scan(MUG) is None  # no order data: a product code is refused as always
        assert b.of(ScanRefused)[-1].reason == "product-code"
        time.sleep(1.0)
        b.recorder.stop()
        clip, = b.wait_clips(1)
    assert clip.packing == {"kind": "shipment", "outcome": "not-checked", "packer": "PACKER-0007"}


def test_returns_mode_records_a_return_linked_through_the_data_or_by_hand(tmp_path):
    shipped = Order("TB5", waybills=("SF5555555555555",), return_waybills=("YT1234567890123",),
                    items=(OrderItem(sku="CAP", barcode="6901234567892", name="Cap", qty=1),))
    with bench(tmp_path, shipped) as b:
        time.sleep(1.2)
        assert b.recorder.set_returns_mode(True)
        assert b.recorder.scan("YT1234567890123") == "start"
        state = b.of(CheckUpdated)[-1].state
        assert state.kind == "return" and state.linked_order == "TB5" and not state.needs_link
        assert b.recorder.scan("6901234567892") == "item"
        time.sleep(0.5)
        assert b.recorder.scan("YT9999999999999") == "switch"  # a return the data does not know
        assert b.of(CheckUpdated)[-1].state.needs_link
        state = b.recorder.link_order("YT9999999999999", "TB5")
        assert state.linked_order == "TB5" and state.items[0].name == "Cap"
        time.sleep(0.5)
        assert b.recorder.stop() is True  # asks: the cap did not come back
        asked = b.of(StopAsked)[-1]
        assert (asked.kind, asked.order_id, asked.missing) == ("return", "YT9999999999999", 1)
        b.recorder.stop(missing="confirmed")
        clips = b.wait_clips(2)
    first, second = clips
    assert first.packing["kind"] == "return" and first.packing["linked_order"] == "TB5"
    assert first.packing["outcome"] == "complete"
    assert second.packing["linked_order"] == "TB5" and second.packing["outcome"] == "incomplete"


def test_the_weight_is_read_at_stop_and_a_parcel_outside_the_tolerance_alerts(tmp_path):
    weights = iter([1200])
    with bench(tmp_path) as b:
        b.recorder.weigh, b.recorder.weight_tolerance_g = (lambda: next(weights)), 100
        time.sleep(1.2)
        b.recorder.scan(WAYBILL)
        time.sleep(0.8)
        b.recorder.stop(missing="confirmed")
        clip, = b.wait_clips(1)
    assert clip.packing["weight_g"] == 1200 and clip.packing["expected_weight_g"] == 800
    assert clip.packing["weight_tolerance_g"] == 100
    assert [w["warning"] for w in clip.packing["warnings"]] == ["items-missing", "weight"]
    assert next(w for w in clip.packing["warnings"] if w["warning"] == "weight")["decision"] == "shown"
    alert, = b.of(WeightOutside)
    assert (alert.weight_g, alert.expected_g, alert.tolerance_g) == (1200, 800, 100)


def test_a_waybill_scanned_again_before_its_clip_is_sealed_is_a_duplicate_too(tmp_path):
    with Bench(tmp_path) as b:  # no catalog behind it: only what this recorder recorded itself
        time.sleep(1.0)
        assert b.recorder.scan(NEXT) == "start"
        assert b.recorder.scan(NEXT) == "stop"
        assert b.recorder.scan(NEXT) == "asking"  # the clip is still being joined
        asked = b.of(WarningAsked)[-1]
        assert asked.plan.warnings[0].warning == "duplicate-waybill" and asked.prior.ledger_seq is None
        assert b.recorder.drop_warning(NEXT)
        b.recorder.warn_duplicates = False  # Settings: 0 days
        assert b.recorder.scan(NEXT) == "start"
        b.recorder.stop()
