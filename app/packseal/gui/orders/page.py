"""The Orders page: search the imported orders, see one order's items, status, notes and clip.

Searches run on the task runner (the order store and the catalog are read
there); the page only shows. "Clip" says whether a packing clip was
recorded under the order's ID or one of its waybills (the scanned code is
what a clip is filed under).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
                               QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from packseal.core.orders.model import Order
from packseal.gui.orders.texts import status_label, stops_bench
from packseal.gui.scanner import PASSTHROUGH_PROPERTY
from packseal.gui.tasks import TaskRunner

SEARCH_DELAY_MS = 250
LIMIT = 200
_RED = "#c62828"


@dataclass(frozen=True)
class OrderRow:
    order: Order
    clip_code: str  # the code a clip was recorded under, "" when none


def find_orders(store, catalog, text: str, limit: int = LIMIT) -> list[OrderRow]:
    """The orders matching ``text`` with whether each has a clip (runs on a worker)."""
    rows = []
    for order in store.search(text, limit=limit):
        code = next((c for c in (order.order_id, *order.waybills, *order.return_waybills)
                     if has_clip(catalog, c)), "")
        rows.append(OrderRow(order, code))
    return rows


def has_clip(catalog, code: str) -> bool:
    """Whether a clip that still has its file was filed under ``code`` (as scanned, or upper-case)."""
    for variant in dict.fromkeys((code, code.upper())):
        if any(not clip.deleted for clip in catalog.clips_for_order(variant)):
            return True
    return False


class OrdersPage(QWidget):
    """See the module docstring. :attr:`import_requested` asks the window for the import dialog."""

    import_requested = Signal()
    clip_requested = Signal(str)  # the code a clip is filed under: show it in the library

    def __init__(self, services, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ordersPage")
        self._services, self._runner = services, runner
        self._rows: list[OrderRow] = []
        self._searching = False
        self._again = False

        self.search = QLineEdit(self)
        self.search.setObjectName("orderSearch")
        self.search.setClearButtonEnabled(True)
        # A waybill scanned into this box is searched for, not started as an order.
        self.search.setProperty(PASSTHROUGH_PROPERTY, True)
        self.search.returnPressed.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.import_button = QPushButton(self)
        self.import_button.setObjectName("importOrders")
        self.import_button.clicked.connect(self.import_requested)
        self.count = QLabel(self)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        top.addWidget(self.import_button)

        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("orderTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._show_selected)

        self.details = QWidget(self)
        self.title = QLabel(self.details)
        self.title.setObjectName("orderTitle")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts = QLabel(self.details)
        self.facts.setObjectName("orderFacts")
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.items = QTableWidget(0, 4, self.details)
        self.items.setObjectName("orderItems")
        self.items.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.items.verticalHeader().hide()
        self.items.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.clip_button = QPushButton(self.details)
        self.clip_button.setObjectName("openOrderClip")
        self.clip_button.clicked.connect(self._open_clip)
        side = QVBoxLayout(self.details)
        side.addWidget(self.title)
        side.addWidget(self.facts)
        side.addWidget(self.items, 1)
        side.addWidget(self.clip_button, 0, Qt.AlignmentFlag.AlignLeft)

        split = QSplitter(self)
        split.addWidget(self.table)
        split.addWidget(self.details)
        split.setSizes([560, 440])
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(split, 1)
        self.retranslate()
        self._show(None)

    # -- searching ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Search again with the text in the box (one search at a time; the newest text wins)."""
        if self._searching:
            self._again = True
            return
        self._searching = True
        text, store, catalog = self.search.text(), self._services.orders, self._services.catalog
        self._runner.run(lambda: find_orders(store, catalog, text), on_success=self._found,
                         on_failure=self._failed, label="search orders")

    def _found(self, rows: list[OrderRow]) -> None:
        self._searching = False
        if self._again:
            self._again = False
            self.refresh()
            return
        self._rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            o = row.order
            cells = (o.order_id, ", ".join(o.waybills), status_label(o.status),
                     str(sum(i.qty for i in o.items)), self.tr("yes") if row.clip_code else self.tr("no"))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 2 and stops_bench(o.status):
                    item.setForeground(Qt.GlobalColor.red)
                self.table.setItem(r, c, item)
        self.table.resizeColumnToContents(0)
        self.count.setText(self.tr("{count} orders").format(count=len(rows)) if len(rows) < LIMIT
                           else self.tr("first {count} orders").format(count=LIMIT))
        if rows:
            self.table.selectRow(0)  # no signal when row 0 was already the selected one: show it anyway
        self._show_selected()

    def _failed(self, exc: BaseException) -> None:
        self._searching = False
        self.count.setText(self.tr("Search failed: {error}").format(error=exc))

    # -- one order ---------------------------------------------------------------------------
    def _show_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self._show(self._rows[rows[0].row()] if rows and rows[0].row() < len(self._rows) else None)

    def _show(self, row: OrderRow | None) -> None:
        self._current = row
        self.details.setEnabled(row is not None)
        self.clip_button.setVisible(bool(row and row.clip_code))
        if row is None:
            self.title.setText(self.tr("No order chosen"))
            self.facts.setText("")
            self.items.setRowCount(0)
            return
        o = row.order
        colour = _RED if stops_bench(o.status) else "#222"
        self.title.setText(f"<span style='font-size: 16pt; font-weight: bold;'>{o.order_id}</span>  "
                           f"<span style='color: {colour}; font-weight: bold;'>{status_label(o.status)}</span>")
        lines = [self.tr("Waybills: {codes}").format(codes=", ".join(o.waybills) or "—")]
        if o.return_waybills:
            lines.append(self.tr("Return waybills: {codes}").format(codes=", ".join(o.return_waybills)))
        lines.append(self.tr("Buyer's note: {note}").format(note=o.buyer_note or "—"))
        lines.append(self.tr("Seller's note: {note}").format(note=o.seller_note or "—"))
        if o.weight_g:
            lines.append(self.tr("Expected weight: {grams} g").format(grams=o.weight_g))
        lines.append(self.tr("Clip: recorded under {code}").format(code=row.clip_code) if row.clip_code
                     else self.tr("Clip: none recorded yet"))
        self.facts.setText("\n".join(lines))
        self.items.setRowCount(len(o.items))
        for r, item in enumerate(o.items):
            for c, text in enumerate((item.name, item.sku, item.barcode, str(item.qty))):
                self.items.setItem(r, c, QTableWidgetItem(text))
        self.items.resizeColumnsToContents()

    def _open_clip(self) -> None:
        if self._current is not None and self._current.clip_code:
            self.clip_requested.emit(self._current.clip_code)

    # -- texts -------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Search by order ID, waybill, SKU or buyer's note"))
        self.import_button.setText(self.tr("Import orders…"))
        self.table.setHorizontalHeaderLabels([self.tr("Order ID"), self.tr("Waybills"), self.tr("Status"),
                                              self.tr("Pieces"), self.tr("Clip")])
        self.items.setHorizontalHeaderLabels([self.tr("Product"), self.tr("SKU"), self.tr("Barcode"),
                                              self.tr("Qty")])
        self.clip_button.setText(self.tr("Show the clip in the library"))
        if self._rows:
            self._found(self._rows)
        else:
            self._show(None)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
