"""The check of one order at the bench: its items ticked by product scans, its warnings, its record.

An :class:`OrderCheck` starts from the :class:`~packseal.core.orders.model.Order`
the scanned waybill belongs to (or from nothing, when the shop's data does not
know it). Every product code scanned while the order records goes through
:meth:`OrderCheck.scan`: matched by barcode first, else by SKU, it ticks one
piece of that item (``item``); a code of no item of the order is ``wrong``
and one more piece than expected is ``extra`` — neither is counted. The
check ends with :meth:`OrderCheck.record`, the ``packing`` member of the
clip's signed entry (FORMAT.md §6.1).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from packseal.core.ledger.canonical import utc_stamp
from packseal.core.orders.model import Order

# kinds of recording
SHIPMENT, RETURN = "shipment", "return"
# outcomes
COMPLETE, INCOMPLETE, NOT_CHECKED = "complete", "incomplete", "not-checked"
# what a product scan was
ITEM, WRONG, EXTRA = "item", "wrong", "extra"
# warnings and what was decided about them
CANCELLED, REFUNDED, DUPLICATE, ITEMS_MISSING, WEIGHT = (
    "cancelled", "refunded", "duplicate-waybill", "items-missing", "weight")
CONFIRMED, SHOWN, DROPPED = "confirmed", "shown", "dropped"

MAX_SCANS = 500  # a scan log longer than this is cut (the count of what was left out is kept)


@dataclass(frozen=True)
class ItemLine:
    """One item of the order as the bench sees it: expected and scanned pieces."""

    sku: str
    barcode: str
    name: str
    expected: int
    scanned: int = 0
    image: str = ""

    @property
    def done(self) -> bool:
        return self.scanned >= self.expected


@dataclass(frozen=True)
class ScanLine:
    """A code scanned during the recording and what it was (``item``, ``wrong``, ``extra``)."""

    code: str
    time: datetime
    result: str
    item: int = -1  # index of the item it matched, -1 for none


@dataclass(frozen=True)
class BenchWarning:
    """A warning shown at the bench and what was decided (``confirmed``, ``shown``, ``dropped``)."""

    warning: str
    decision: str
    time: datetime
    detail: str = ""
    clip_seq: int | None = None  # duplicate-waybill: the earlier clip's ledger entry

    def as_record(self) -> dict:
        out: dict = {"warning": self.warning, "decision": self.decision, "time": utc_stamp(self.time)}
        if self.detail:
            out["detail"] = self.detail
        if self.clip_seq is not None:
            out["clip_seq"] = self.clip_seq
        return out


@dataclass(frozen=True)
class CheckState:
    """What the window shows of the order being checked (a picklable snapshot)."""

    code: str                  # the scanned code the clip is recorded under
    kind: str
    order_id: str              # the shop's order ID, "" when the data does not know the code
    order_status: str
    items: tuple[ItemLine, ...]
    buyer_note: str
    seller_note: str
    scans: tuple[ScanLine, ...]
    warnings: tuple[BenchWarning, ...]
    packer: str
    linked_order: str
    outcome: str
    finished: bool = False
    weight_g: int | None = None
    expected_weight_g: int = 0

    @property
    def checked(self) -> bool:
        return bool(self.items)

    @property
    def missing(self) -> int:
        return sum(max(0, i.expected - i.scanned) for i in self.items)

    @property
    def needs_link(self) -> bool:
        """A return whose shipment is not known yet: the packer may type or scan its order ID."""
        return self.kind == RETURN and not self.linked_order


def items_of(order: Order | None) -> list[ItemLine]:
    """The order's items as lines to tick; lines of the same product are merged."""
    lines: list[ItemLine] = []
    for it in order.items if order is not None else ():
        if it.qty <= 0:
            continue
        same = next((n for n, line in enumerate(lines)
                     if (line.barcode, line.sku) == (it.barcode, it.sku) and (it.barcode or it.sku)), None)
        if same is not None:
            line = lines[same]
            lines[same] = ItemLine(line.sku, line.barcode, line.name, line.expected + it.qty, 0, line.image)
        else:
            lines.append(ItemLine(it.sku, it.barcode, it.name, it.qty, 0, it.image))
    return lines


@dataclass
class OrderCheck:
    """The check of one recording; see the module docstring. Not thread-safe (the recorder locks)."""

    code: str
    order: Order | None = None
    kind: str = SHIPMENT
    packer: str = ""
    linked_order: str = ""
    items: list[ItemLine] = field(default_factory=list)
    scans: list[ScanLine] = field(default_factory=list)
    warnings: list[BenchWarning] = field(default_factory=list)
    scans_left_out: int = 0
    weight_g: int | None = None
    weight_tolerance_g: int = 0
    finished: bool = False
    restarts: int = 0  # times the check was taken back from disk after the recorder process died

    def __post_init__(self) -> None:
        if not self.items:
            self.items = items_of(self.order)

    # -- what the bench asks -------------------------------------------------------------
    @property
    def checks_items(self) -> bool:
        """True when the order's items are known, so product scans are checked against them."""
        return bool(self.items)

    @property
    def missing(self) -> int:
        return sum(max(0, i.expected - i.scanned) for i in self.items)

    @property
    def complete(self) -> bool:
        return self.checks_items and self.missing == 0

    @property
    def outcome(self) -> str:
        if not self.checks_items:
            return NOT_CHECKED
        return COMPLETE if self.missing == 0 else INCOMPLETE

    @property
    def expected_weight_g(self) -> int:
        return self.order.weight_g if self.order is not None and self.order.weight_g > 0 else 0

    def matches(self, code: str) -> bool:
        """True when ``code`` is the barcode or the SKU of one of the order's items."""
        return self._find(code.strip()) is not None

    def scan(self, code: str, at: datetime) -> ScanLine:
        """A product code scanned while the order records: tick, ``wrong`` or ``extra``."""
        code = code.strip()
        found = self._find(code)
        if found is None:
            line = ScanLine(code, at, WRONG)
        else:
            open_ = next((n for n in found if not self.items[n].done), None)
            if open_ is None:
                line = ScanLine(code, at, EXTRA, found[0])
            else:
                item = self.items[open_]
                self.items[open_] = ItemLine(item.sku, item.barcode, item.name, item.expected,
                                             item.scanned + 1, item.image)
                line = ScanLine(code, at, ITEM, open_)
        if len(self.scans) < MAX_SCANS:
            self.scans.append(line)
        else:
            self.scans_left_out += 1
        return line

    def warn(self, warning: BenchWarning) -> None:
        self.warnings.append(warning)

    def warn_missing(self, decision: str, at: datetime, why: str = "") -> None:
        """At stop with items missing: the ``items-missing`` warning (once), with what was decided."""
        if self.checks_items and self.missing and not any(w.warning == ITEMS_MISSING for w in self.warnings):
            detail = f"{self.missing} missing" + (f"; {why}" if why else "")
            self.warn(BenchWarning(ITEMS_MISSING, decision, at, detail=detail))

    def weighed(self, grams: int | None, tolerance_g: int, at: datetime) -> BenchWarning | None:
        """The scale's stable weight at stop; a ``weight`` warning when outside the tolerance."""
        self.weight_g, self.weight_tolerance_g = grams, max(0, int(tolerance_g))
        expected = self.expected_weight_g
        if grams is None or not expected or abs(grams - expected) <= self.weight_tolerance_g:
            return None
        warning = BenchWarning(WEIGHT, SHOWN, at, detail=f"{grams} g, expected {expected} g "
                                                         f"± {self.weight_tolerance_g} g")
        self.warn(warning)
        return warning

    def state(self) -> CheckState:
        order = self.order
        return CheckState(
            code=self.code, kind=self.kind, order_id=order.order_id if order else "",
            order_status=order.status if order else "", items=tuple(self.items),
            buyer_note=order.buyer_note if order else "", seller_note=order.seller_note if order else "",
            scans=tuple(self.scans), warnings=tuple(self.warnings), packer=self.packer,
            linked_order=self.linked_order, outcome=self.outcome, finished=self.finished,
            weight_g=self.weight_g, expected_weight_g=self.expected_weight_g)

    @property
    def knows_anything(self) -> bool:
        """False for a clip of an unknown order, no packer, no return, no scale, no warning:
        such a clip carries no ``packing`` record, exactly as before the bench knew orders."""
        return bool(self.order is not None or self.packer or self.kind == RETURN or self.warnings
                    or self.weight_g is not None)

    def record(self) -> dict:
        """The ``packing`` member of the clip entry (FORMAT.md §6.1)."""
        out: dict = {"kind": self.kind, "outcome": self.outcome}
        order = self.order
        if order is not None:
            out["order"] = order.order_id
            if order.status:
                out["order_status"] = order.status
        if self.packer:
            out["packer"] = self.packer
        if self.kind == RETURN and self.linked_order:
            out["linked_order"] = self.linked_order
        if self.items:
            out["items"] = [{"sku": i.sku, "barcode": i.barcode, "name": i.name, "expected": i.expected,
                             "scanned": i.scanned} for i in self.items]
        scans = [{"code": s.code, "time": utc_stamp(s.time), "result": s.result} for s in self.scans]
        if scans:
            out["scans"] = scans
            wrong = [s for s in scans if s["result"] in (WRONG, EXTRA)]
            if wrong:
                out["wrong_scans"] = wrong
        if self.scans_left_out:
            out["scans_left_out"] = self.scans_left_out
        if self.warnings:
            out["warnings"] = [w.as_record() for w in self.warnings]
        if self.weight_g is not None:
            out["weight_g"] = int(self.weight_g)
            out["weight_tolerance_g"] = self.weight_tolerance_g
        if self.expected_weight_g:
            out["expected_weight_g"] = self.expected_weight_g
        if self.restarts:
            out["restarts"] = self.restarts
        return out

    # -- internals ----------------------------------------------------------------------
    def _find(self, code: str) -> list[int] | None:
        """Indexes of the items ``code`` names: by barcode, else by SKU (case aside)."""
        if not code:
            return None
        by_barcode = [n for n, i in enumerate(self.items) if i.barcode and i.barcode == code]
        if by_barcode:
            return by_barcode
        folded = code.casefold()
        by_sku = [n for n, i in enumerate(self.items) if i.sku and i.sku.casefold() == folded]
        return by_sku or None
