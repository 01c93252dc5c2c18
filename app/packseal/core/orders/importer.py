"""Importing an order export (CSV or XLSX) into the order store through a column mapping.

One row per item with the order's fields repeated, or one row per order with
several waybills in one cell, both work; a row without an order ID right
below a row of an order (merged cells in a workbook) continues that order.

A row that cannot be read (no order ID, a quantity that is not a whole
number of pieces, a weight that is not a number …) is refused with its row
number and the reason, and so is the whole order it belongs to: an order is
imported with all its rows or not at all, so the bench never checks a parcel
against half an item list. Everything else is imported, in one transaction
at the end; a file that cannot be read at all imports nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from packseal.core.errors import BadInputError
from packseal.core.orders.model import OrderItem
from packseal.core.orders.profiles import Profile, ProfileShelf
from packseal.core.orders.schema import code_key
from packseal.core.orders.status import normalise_status
from packseal.core.orders.store import OrderStore
from packseal.core.orders.tabular import open_table
from packseal.core.orders.update import OrderUpdate

MAX_QTY = 100_000
MAX_PROBLEMS_KEPT = 1000  # refused rows listed one by one; beyond that only counted
_WAYBILL_SPLIT = re.compile(r"[\s,;，；、/|]+")
_QTY = re.compile(r"^\+?(\d+)(?:\.0*)?$")
_WEIGHT = re.compile(r"^(\d+(?:\.\d+)?)\s*(kg|g|公斤|千克|克)?$", re.IGNORECASE)


class RowError(ValueError):
    """Why one cell refuses its row: ``code`` (for translations) and the cell's ``value``.

    Codes: ``no_order_id``, ``bad_qty``, ``qty_range``, ``bad_weight``, ``weight_range``.
    """

    def __init__(self, code: str, value: str, message: str) -> None:
        super().__init__(message)
        self.code, self.value = code, value


@dataclass
class RowProblem:
    """A refused row: its number as the file shows it, its order (if known), why (``code`` as in
    :class:`RowError`, the cell's ``value``, and ``reason`` in English)."""

    row: int
    order_id: str
    reason: str
    code: str = ""
    value: str = ""


@dataclass
class ImportReport:
    """What an import did. ``orders``/``items`` are what was merged into the store."""

    file: str
    kind: str
    encoding: str
    profile: str
    rows: int = 0
    rows_refused: int = 0
    orders: int = 0
    new_orders: int = 0
    updated_orders: int = 0
    items: int = 0
    waybills_added: int = 0
    orders_refused: list[str] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    def to_json(self) -> dict:
        return asdict(self)


def clean_cell(text: str) -> str:
    """A cell without the tricks exports use to keep Excel from reading numbers (``="123"``, ``'123``, tabs)."""
    text = text.strip()
    if not text or text[0] not in "='":
        return text
    if text.startswith('="') and text.endswith('"'):
        text = text[2:-1]
    return text.lstrip("'\t").strip()


def split_waybills(text: str) -> list[str]:
    """Waybills in one cell, separated by commas, semicolons, blanks, 、 or Chinese punctuation."""
    if not text:
        return []
    return [w for w in _WAYBILL_SPLIT.split(clean_cell(text)) if w]


def parse_qty(text: str) -> int:
    """A quantity of pieces (``2``, ``2.0``, full-width ``２``); RowError says why not."""
    cleaned = unicodedata.normalize("NFKC", text).strip()
    m = _QTY.match(cleaned)
    if not m:
        raise RowError("bad_qty", text, f"quantity {text!r} is not a whole number of pieces")
    qty = int(m.group(1))
    if not 1 <= qty <= MAX_QTY:
        raise RowError("qty_range", text, f"quantity {qty} is outside 1–{MAX_QTY}")
    return qty


def parse_weight(text: str, unit: str) -> int:
    """A weight in grams from ``1.2`` (in ``unit``), ``1.2kg``, ``350 g``, ``0.5公斤``; RowError says why not."""
    cleaned = unicodedata.normalize("NFKC", text).strip().replace(",", ".")
    m = _WEIGHT.match(cleaned)
    if not m:
        raise RowError("bad_weight", text, f"weight {text!r} is not a number")
    value = float(m.group(1))
    given = (m.group(2) or unit).lower()
    grams = value * 1000 if given in ("kg", "公斤", "千克") else value
    if grams > 1_000_000:
        raise RowError("weight_range", text, f"weight {text!r} is more than a tonne")
    return int(round(grams))


class _RowReader:
    """One table row → an :class:`OrderUpdate` (or :class:`RowError` with the reason)."""

    def __init__(self, columns: dict[str, int], weight_unit: str) -> None:
        self.columns = columns
        self.unit = weight_unit

    def cell(self, cells: list[str], name: str) -> str:
        index = self.columns.get(name)
        return clean_cell(cells[index]) if index is not None and index < len(cells) else ""

    def read(self, cells: list[str], order_id: str) -> OrderUpdate:
        n = len(cells)
        v = {name: clean_cell(cells[i]) for name, i in self.columns.items() if i < n}  # each cell cleaned once
        get = v.get
        item = None
        if get("sku") or get("barcode") or get("name"):
            qty = parse_qty(v["qty"]) if get("qty") else 1
            item = OrderItem(sku=get("sku", ""), barcode=get("barcode", ""), name=get("name", ""), qty=qty,
                             image=get("image", ""))
        elif get("qty") and not self.columns.keys() & {"sku", "barcode", "name"}:
            parse_qty(v["qty"])  # a quantity with nothing to count: still checked, so a typo is seen
        status = get("status")
        return OrderUpdate(
            order_id=order_id, waybills=split_waybills(get("waybill", "")),
            return_waybills=split_waybills(get("return_waybill", "")),
            status=normalise_status(status) if status else None, buyer_note=get("buyer_note") or None,
            seller_note=get("seller_note") or None,
            weight_g=parse_weight(v["weight_g"], self.unit) if get("weight_g") else None,
            items=[item] if item else None)


def choose_profile(shelf: ProfileShelf, header: list[str], *, name: str | None, mapping: Profile | None) -> Profile:
    """The mapping to use: ``mapping`` (``--map``), else the named profile, else the best-fitting one."""
    if mapping is not None:
        return mapping
    if name:
        return shelf.get(name)
    best = shelf.guess(header)
    if best is None:
        raise BadInputError("No column mapping fits this file (none finds its order ID column); choose the "
                            "columns (--map order_id=COLUMN,waybill=COLUMN,…) or a profile (--profile).")
    return best


def import_file(store: OrderStore, path: Path, *, shelf: ProfileShelf, profile: str | None = None,
                mapping: Profile | None = None, encoding: str | None = None,
                progress: Callable[[int], None] | None = None) -> ImportReport:
    """Import ``path`` into ``store``; BadInputError when the file cannot be imported at all."""
    path = Path(path)
    table = open_table(path, encoding)
    try:
        chosen = choose_profile(shelf, table.header, name=profile, mapping=mapping)
        columns = chosen.resolve(table.header)
        reader = _RowReader(columns, chosen.weight_unit)
        report = ImportReport(file=path.name, kind=table.kind, encoding=table.encoding, profile=chosen.name)
        refused: dict[str, str] = {}  # key → the order ID as the file wrote it
        previous: str | None = None
        with store.batch(source=path.name) as batch:
            for number, cells in table.rows:
                if not any(x.strip() for x in cells):
                    previous = None
                    continue
                report.rows += 1
                if progress and report.rows % 2000 == 0:
                    progress(report.rows)
                order_id = reader.cell(cells, "order_id")
                try:
                    if not order_id:
                        if previous is None or not any(reader.cell(cells, f) for f in ("sku", "barcode", "name")):
                            raise RowError("no_order_id", "", "no order ID")
                        order_id = previous  # the next item of the order above (merged cells)
                    update = reader.read(cells, order_id)
                except RowError as exc:
                    _refuse(report, RowProblem(number, order_id, str(exc), exc.code, exc.value))
                    if order_id:
                        refused.setdefault(code_key(order_id), order_id)
                        batch.drop(order_id)
                    previous = order_id or None
                    continue
                previous = order_id
                batch.add(update)
            report.orders_refused = sorted(refused.values())
        merged = batch.result
    finally:
        table.release()
    report.orders, report.new_orders, report.updated_orders = merged.orders, merged.new_orders, merged.updated_orders
    report.items, report.waybills_added = merged.items, merged.waybills_added
    return report


def _refuse(report: ImportReport, problem: RowProblem) -> None:
    report.rows_refused += 1
    if len(report.problems) < MAX_PROBLEMS_KEPT:
        report.problems.append(problem)
