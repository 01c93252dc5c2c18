"""Reading a clip entry's packing record (FORMAT.md §6.1): what it says, and records of the wrong shape."""

from __future__ import annotations

from datetime import datetime, timezone

from packseal.core.ledger.packing_record import PackingRecord
from tests.support import packing_records as P

START = datetime(2026, 3, 14, 8, 0, tzinfo=timezone.utc)


def test_an_entry_without_a_record_is_a_shipment_not_checked():
    record = PackingRecord.of_body({"order_id": "SF1"})
    assert (record.kind, record.outcome, record.present, record.items, record.warnings_overridden) == \
        ("shipment", "not-checked", False, (), False)


def test_the_facts_of_an_incomplete_order_with_a_wrong_item():
    record = PackingRecord.of_body({"packing": P.incomplete_with_wrong_item(START)})
    assert record.present and record.outcome == "incomplete"
    assert (record.items_expected, record.items_scanned, record.items[0].missing) == (2, 1, 1)
    assert record.wrong_item_seen and [s.code for s in record.wrong_scans] == ["6909999999993"]
    assert record.warnings_overridden and record.warnings[0].warning == "items-missing"
    assert (record.packer, record.weight_g, record.expected_weight_g) == ("P-07", 610, None)


def test_wrong_scans_are_taken_from_the_scans_when_the_record_does_not_list_them():
    raw = {"kind": "shipment", "outcome": "complete",
           "scans": [{"code": "A", "time": "t", "result": "item"}, {"code": "B", "time": "t", "result": "extra"},
                     {"code": "C", "time": "t", "result": "wrong"}]}
    assert [s.code for s in PackingRecord.of_body({"packing": raw}).wrong_scans] == ["B", "C"]
    raw["wrong_scans"] = []  # listed (even empty): taken as signed
    assert PackingRecord.of_body({"packing": raw}).wrong_scans == ()


def test_members_of_the_wrong_type_are_left_out_and_scanned_beyond_expected_is_not_counted_twice():
    raw = {"kind": 3, "outcome": "", "packer": ["x"], "weight_g": -5, "items": [
        {"sku": "A", "expected": 1, "scanned": 3}, {"sku": "B", "expected": "two", "scanned": None}, "junk"],
        "warnings": [{"warning": "weight", "decision": "shown", "time": "t", "clip_seq": "7"}],
        "linked_order": "TB1", "order": 9}
    record = PackingRecord.of_body({"packing": raw})
    assert (record.kind, record.outcome, record.packer, record.weight_g, record.order_ref) == \
        ("shipment", "not-checked", "", None, "")
    assert [(i.sku, i.expected, i.scanned) for i in record.items] == [("A", 1, 3), ("B", 0, 0)]
    assert (record.items_expected, record.items_scanned) == (1, 1)
    assert record.warnings[0].clip_seq is None and not record.warnings_overridden
    assert record.linked_order == "TB1"
