"""The order check: items ticked by barcode or SKU, wrong and extra scans, outcome, the §6.1 record."""

from datetime import datetime, timedelta, timezone

import pytest

from packseal.core.errors import BadInputError
from packseal.core.orders.model import Order, OrderItem
from packseal.core.packing.check import (
    COMPLETE, CONFIRMED, EXTRA, INCOMPLETE, ITEM, NOT_CHECKED, RETURN, WEIGHT, WRONG, BenchWarning, OrderCheck,
)
from packseal.core.packing.plan import PriorClip, clean_link, is_badge, plan_order

T0 = datetime(2026, 12, 1, 8, 0, tzinfo=timezone.utc)
ORDER = Order("TB1001", waybills=("SF1234567890123",), status="paid", weight_g=820,
              items=(OrderItem(sku="MUG-RED", barcode="6901234567892", name="Red mug", qty=2),
                     OrderItem(sku="LID-01", barcode="", name="Lid", qty=1)),
              buyer_note="gift wrap please", seller_note="fragile")


class Lookup:
    def __init__(self, *orders):
        self.orders = orders
        self.asked = []

    def find(self, code):
        self.asked.append(code)
        return next((o for o in self.orders if code in (o.order_id, *o.waybills, *o.return_waybills)), None)


def at(seconds):
    return T0 + timedelta(seconds=seconds)


def test_right_items_tick_by_barcode_then_sku_and_complete_the_order():
    check = OrderCheck("SF1234567890123", ORDER)
    assert check.outcome == INCOMPLETE and check.missing == 3
    assert check.scan("6901234567892", at(1)).result == ITEM
    assert check.scan("lid-01", at(2)).result == ITEM  # an SKU, whatever its case
    assert check.missing == 1 and not check.complete
    assert check.scan("MUG-RED", at(3)).result == ITEM
    assert check.complete and check.outcome == COMPLETE
    record = check.record()
    assert record["outcome"] == COMPLETE and record["kind"] == "shipment" and record["order"] == "TB1001"
    assert record["items"] == [
        {"sku": "MUG-RED", "barcode": "6901234567892", "name": "Red mug", "expected": 2, "scanned": 2},
        {"sku": "LID-01", "barcode": "", "name": "Lid", "expected": 1, "scanned": 1}]
    assert [s["result"] for s in record["scans"]] == [ITEM] * 3
    assert record["scans"][0] == {"code": "6901234567892", "time": "2026-12-01T08:00:01.000Z", "result": ITEM}
    assert "wrong_scans" not in record and record["expected_weight_g"] == 820


def test_a_wrong_item_and_one_too_many_are_logged_and_not_counted():
    check = OrderCheck("SF1234567890123", ORDER)
    assert check.scan("4006381333931", at(1)).result == WRONG
    assert check.scan("LID-01", at(2)).result == ITEM
    assert check.scan("LID-01", at(3)).result == EXTRA
    assert [i.scanned for i in check.items] == [0, 1]
    record = check.record()
    assert record["wrong_scans"] == [
        {"code": "4006381333931", "time": "2026-12-01T08:00:01.000Z", "result": WRONG},
        {"code": "LID-01", "time": "2026-12-01T08:00:03.000Z", "result": EXTRA}]
    assert record["outcome"] == INCOMPLETE


def test_an_order_the_data_does_not_know_is_not_checked_and_carries_nothing():
    check = OrderCheck("SF1234567890123")
    assert check.outcome == NOT_CHECKED and not check.checks_items and not check.knows_anything
    check.packer = "PACKER-7"
    assert check.knows_anything and check.record() == {"kind": "shipment", "outcome": NOT_CHECKED,
                                                       "packer": "PACKER-7"}


def test_the_weight_outside_the_tolerance_is_a_shown_warning():
    check = OrderCheck("SF1234567890123", ORDER)
    assert check.weighed(840, 50, at(9)) is None
    warning = check.weighed(1100, 50, at(9))
    assert warning is not None and warning.warning == WEIGHT and warning.decision == "shown"
    record = check.record()
    assert record["weight_g"] == 1100 and record["weight_tolerance_g"] == 50 and record["expected_weight_g"] == 820
    assert record["warnings"][0]["warning"] == WEIGHT
    assert OrderCheck("X").weighed(500, 10, at(1)) is None  # nothing expected: no warning, weight kept


def test_warnings_and_a_return_link_go_into_the_record():
    check = OrderCheck("RT998877", ORDER, kind=RETURN, linked_order="TB1001")
    check.warn(BenchWarning("duplicate-waybill", CONFIRMED, at(4), detail="earlier", clip_seq=12))
    record = check.record()
    assert record["kind"] == RETURN and record["linked_order"] == "TB1001"
    assert record["warnings"] == [{"warning": "duplicate-waybill", "decision": CONFIRMED,
                                   "time": "2026-12-01T08:00:04.000Z", "detail": "earlier", "clip_seq": 12}]


def test_plan_warns_for_cancelled_refunded_and_recorded_before():
    cancelled = Order("TB2", waybills=("SF2",), status="cancelled")
    prior = PriorClip("SF3", T0, 44, "clips/x.mp4", 3)
    lookup = Lookup(cancelled, Order("TB3", waybills=("SF3",), status="paid"))
    plan = plan_order("SF2", lookup=lookup, returns=False, prior_clip=lambda c: None)
    assert [w.warning for w in plan.warnings] == ["cancelled"] and plan.order is cancelled
    plan = plan_order("SF3", lookup=lookup, returns=False, prior_clip=lambda c: prior if c == "SF3" else None)
    assert [w.warning for w in plan.warnings] == ["duplicate-waybill"] and plan.warnings[0].prior is prior
    assert plan_order("SF9", lookup=None, returns=False).warnings == ()


def test_plan_links_a_return_through_the_order_data():
    order = Order("TB5", waybills=("SF5",), status="refunded", return_waybills=("YT777",))
    plan = plan_order("YT777", lookup=Lookup(order), returns=True)
    assert plan.kind == RETURN and plan.linked_order == "TB5" and plan.warnings == ()  # refunded is normal here
    # a parcel back under its outbound waybill is no duplicate of its own packing clip
    plan = plan_order("SF5", lookup=Lookup(order), returns=True,
                      prior_clip=lambda c: PriorClip(c, T0, 1, "f", 1))
    assert plan.linked_order == "TB5" and plan.warnings == ()
    assert plan_order("YT000", lookup=Lookup(order), returns=True).linked_order == ""


def test_badges_and_links_are_checked():
    assert is_badge("PACKER-0007", "PACKER-") and not is_badge("PACKER-", "PACKER-")
    assert not is_badge("PACKER-07", "") and not is_badge("SF123", "PACKER-")
    assert clean_link(" TB1001 ") == "TB1001"
    with pytest.raises(BadInputError):
        clean_link("TB 1001")
