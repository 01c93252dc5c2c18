"""Reading the ``packing`` member of a clip entry (FORMAT.md §6.1) after the fact.

The station writes the record; the catalog, the library, the report and the
statistics read it through :meth:`PackingRecord.of_body`. The record is
signed as the station wrote it, so reading never fails: a member of the
wrong type is left out (and a missing ``kind`` or ``outcome`` reads as
``shipment`` / ``not-checked``), while everything readable is kept.
A clip entry without a ``packing`` member was recorded without order data:
a shipment, not checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SHIPMENT = "shipment"
RETURN = "return"
KINDS = (SHIPMENT, RETURN)

COMPLETE = "complete"
INCOMPLETE = "incomplete"
NOT_CHECKED = "not-checked"
OUTCOMES = (COMPLETE, INCOMPLETE, NOT_CHECKED)

#: A scan's result (``item`` ticked it; ``wrong`` and ``extra`` were not counted).
WRONG_RESULTS = ("wrong", "extra")
#: The packer went on past the warning.
CONFIRMED = "confirmed"


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _count(value: Any) -> int | None:
    return value if type(value) is int and value >= 0 else None


@dataclass(frozen=True)
class PackedItem:
    """One line of the order as checked: how many were expected and how many were scanned."""

    sku: str
    barcode: str
    name: str
    expected: int
    scanned: int

    @property
    def missing(self) -> int:
        return max(0, self.expected - self.scanned)


@dataclass(frozen=True)
class PackScan:
    """One code scanned while the order was recorded: ``item``, ``wrong`` or ``extra``."""

    code: str
    time: str
    result: str

    @property
    def wrong(self) -> bool:
        return self.result in WRONG_RESULTS


@dataclass(frozen=True)
class PackWarning:
    """A warning shown at the bench and what the packer decided (``confirmed`` or ``shown``)."""

    warning: str
    decision: str
    time: str
    detail: str = ""
    clip_seq: int | None = None

    @property
    def overridden(self) -> bool:
        return self.decision == CONFIRMED


@dataclass(frozen=True)
class PackingRecord:
    """What the station knew and saw of one order's packing (or one return's unboxing)."""

    kind: str = SHIPMENT
    outcome: str = NOT_CHECKED
    order_status: str = ""
    packer: str = ""
    linked_order: str = ""
    #: The shop's order ID when the clip is keyed by a waybill (optional; links returns).
    order_ref: str = ""
    items: tuple[PackedItem, ...] = ()
    scans: tuple[PackScan, ...] = ()
    wrong_scans: tuple[PackScan, ...] = ()
    warnings: tuple[PackWarning, ...] = ()
    weight_g: int | None = None
    expected_weight_g: int | None = None
    weight_tolerance_g: int | None = None
    #: True when the entry had a ``packing`` member at all.
    present: bool = False

    @classmethod
    def of_body(cls, body: dict[str, Any]) -> PackingRecord:
        """The record of a clip entry's body (the default record when it has none)."""
        raw = body.get("packing")
        if not isinstance(raw, dict):
            return cls()
        scans = tuple(_scan(s) for s in _list(raw.get("scans")) if isinstance(s, dict))
        if "wrong_scans" in raw:
            wrong = tuple(_scan(s) for s in _list(raw.get("wrong_scans")) if isinstance(s, dict))
        else:
            wrong = tuple(s for s in scans if s.wrong)
        return cls(
            kind=_text(raw.get("kind")) or SHIPMENT,
            outcome=_text(raw.get("outcome")) or NOT_CHECKED,
            order_status=_text(raw.get("order_status")),
            packer=_text(raw.get("packer")),
            linked_order=_text(raw.get("linked_order")),
            order_ref=_text(raw.get("order")),
            items=tuple(_item(i) for i in _list(raw.get("items")) if isinstance(i, dict)),
            scans=scans, wrong_scans=wrong,
            warnings=tuple(_warning(w) for w in _list(raw.get("warnings")) if isinstance(w, dict)),
            weight_g=_count(raw.get("weight_g")),
            expected_weight_g=_count(raw.get("expected_weight_g")),
            weight_tolerance_g=_count(raw.get("weight_tolerance_g")),
            present=True)

    @property
    def wrong_item_seen(self) -> bool:
        """A code that is not in the order (or one too many) was scanned while packing."""
        return bool(self.wrong_scans)

    @property
    def warnings_overridden(self) -> bool:
        """The packer confirmed at least one warning and went on."""
        return any(w.overridden for w in self.warnings)

    @property
    def items_expected(self) -> int:
        return sum(i.expected for i in self.items)

    @property
    def items_scanned(self) -> int:
        return sum(min(i.scanned, i.expected) for i in self.items)


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _item(raw: dict) -> PackedItem:
    return PackedItem(sku=_text(raw.get("sku")), barcode=_text(raw.get("barcode")), name=_text(raw.get("name")),
                      expected=_count(raw.get("expected")) or 0, scanned=_count(raw.get("scanned")) or 0)


def _scan(raw: dict) -> PackScan:
    return PackScan(code=_text(raw.get("code")), time=_text(raw.get("time")), result=_text(raw.get("result")))


def _warning(raw: dict) -> PackWarning:
    return PackWarning(warning=_text(raw.get("warning")), decision=_text(raw.get("decision")),
                       time=_text(raw.get("time")), detail=_text(raw.get("detail")),
                       clip_seq=_count(raw.get("clip_seq")))
