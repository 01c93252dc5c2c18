"""Packing records (FORMAT.md §6.1) as a station that knew the order writes them into a clip entry."""

from __future__ import annotations

from datetime import datetime, timedelta

from packseal.core.ledger.canonical import as_stamp


def _at(start: datetime, seconds: float) -> str:
    return as_stamp(start + timedelta(seconds=seconds))


def complete_shipment(start: datetime, *, packer: str = "P-07", weight_g: int = 1240,
                      order_ref: str | None = None) -> dict:
    """Two lines, every piece scanned, nothing wrong."""
    record = {
        "kind": "shipment", "outcome": "complete", "order_status": "paid", "packer": packer,
        "items": [
            {"sku": "MUG-01", "barcode": "6901234567892", "name": "白瓷马克杯", "expected": 2, "scanned": 2},
            {"sku": "BOX-05", "barcode": "6907654321096", "name": "Gift box", "expected": 1, "scanned": 1},
        ],
        "scans": [
            {"code": "6901234567892", "time": _at(start, 4), "result": "item"},
            {"code": "6901234567892", "time": _at(start, 6), "result": "item"},
            {"code": "6907654321096", "time": _at(start, 8), "result": "item"},
        ],
        "wrong_scans": [],
        "warnings": [],
        "weight_g": weight_g, "expected_weight_g": 1200, "weight_tolerance_g": 100,
    }
    if order_ref:
        record["order"] = order_ref
    return record


def incomplete_with_wrong_item(start: datetime, *, packer: str = "P-07") -> dict:
    """One of two mugs scanned, a wrong product scanned in between, the packer confirmed the stop."""
    wrong = {"code": "6909999999993", "time": _at(start, 5), "result": "wrong"}
    return {
        "kind": "shipment", "outcome": "incomplete", "order_status": "paid", "packer": packer,
        "items": [{"sku": "MUG-01", "barcode": "6901234567892", "name": "白瓷马克杯", "expected": 2,
                   "scanned": 1}],
        "scans": [{"code": "6901234567892", "time": _at(start, 4), "result": "item"}, wrong],
        "wrong_scans": [wrong],
        "warnings": [{"warning": "items-missing", "decision": "confirmed", "time": _at(start, 12),
                      "detail": "MUG-01 ×1"}],
        "weight_g": 610,
    }


def cancelled_but_packed(start: datetime, *, packer: str = "P-12") -> dict:
    """The order was refunded after its label was printed; the packer confirmed and packed it."""
    return {
        "kind": "shipment", "outcome": "complete", "order_status": "refunded", "packer": packer,
        "items": [{"sku": "TEA-3", "barcode": "6901111111114", "name": "Oolong tea", "expected": 1,
                   "scanned": 1}],
        "scans": [{"code": "6901111111114", "time": _at(start, 5), "result": "item"}],
        "wrong_scans": [],
        "warnings": [{"warning": "refunded", "decision": "confirmed", "time": _at(start, 1)}],
    }


def unboxed_return(start: datetime, linked_order: str, *, packer: str = "P-07") -> dict:
    """A returned parcel unboxed on camera, linked to the shipment's order."""
    return {"kind": "return", "outcome": "not-checked", "packer": packer, "linked_order": linked_order,
            "weight_g": 580}
