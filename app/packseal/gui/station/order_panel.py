"""The order's items at the bench: what to pack, what was scanned, what is wrong; the notes.

Display only: :meth:`OrderPanel.show_check` draws a
:class:`~packseal.core.packing.check.CheckState` as the recorder sent it.
The result line says in one glance where the order stands: green when every
item is checked, red for a wrong item or one too many, otherwise how many
pieces are still to scan.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QHeaderView, QLabel, QSizePolicy, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from packseal.core.packing.check import EXTRA, RETURN, WRONG, CheckState, ScanLine
from packseal.gui.packing_words import status_text
from packseal.gui.station.item_pictures import THUMB_PX, ItemPictures
from packseal.gui.theme import scaled_font

OK_BG, BAD_BG, PENDING_BG = "#1b5e20", "#b71c1c", "#37474f"
TICK_BG = QColor("#c8e6c9")
PICTURE, ITEM, QTY, TICK = range(4)


class OrderPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("orderPanel")
        self.state: CheckState | None = None
        self.last_scan: ScanLine | None = None
        self.pictures = ItemPictures(self)
        self.pictures.loaded.connect(self._picture_loaded)
        self.header = QLabel(self)
        self.header.setObjectName("orderHeader")
        self.header.setWordWrap(True)
        self.header.setFont(scaled_font(self.font(), 18, bold=True))
        self.result = QLabel(self)
        self.result.setObjectName("checkResult")
        self.result.setWordWrap(True)
        self.result.setFont(scaled_font(self.font(), 24, bold=True))
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("orderItems")
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the packer never types here
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(THUMB_PX + 6)
        self.table.setIconSize(QPixmap(THUMB_PX, THUMB_PX).size())
        self.table.setFont(scaled_font(self.font(), 17))
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(PICTURE, QHeaderView.ResizeMode.Fixed)
        head.resizeSection(PICTURE, THUMB_PX + 8)
        head.setSectionResizeMode(ITEM, QHeaderView.ResizeMode.Stretch)
        for col in (QTY, TICK):
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.notes = QLabel(self)
        self.notes.setObjectName("orderNotes")
        self.notes.setWordWrap(True)
        self.notes.setFont(scaled_font(self.font(), 17))
        self.notes.setStyleSheet("#orderNotes { background: #fff8e1; color: #3e2723; padding: 6px; "
                                 "border-radius: 6px; }")
        for label in (self.header, self.result, self.notes):  # never taller than their text
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.header)
        lay.addWidget(self.result)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.notes)
        lay.addStretch(0)  # a return with nothing to list keeps its header at the top
        self.hide()

    # -- what the page calls ------------------------------------------------------------
    def show_check(self, state: CheckState, scan: ScanLine | None = None) -> None:
        """Show ``state``; ``scan`` is the product scan that changed it (shown in the result line)."""
        if self.state is None or state.code != self.state.code:
            self.last_scan = None
        self.state = state
        if scan is not None:
            self.last_scan = scan
        self._render()
        self.show()

    def clear(self) -> None:
        self.state = self.last_scan = None
        self.table.setRowCount(0)
        self.hide()

    def notes_text(self) -> str:
        """The notes as one text to read aloud ("" when there are none)."""
        s = self.state
        if s is None:
            return ""
        parts = []
        if s.buyer_note:
            parts.append(self.tr("Buyer's note: {note}").format(note=s.buyer_note))
        if s.seller_note:
            parts.append(self.tr("Seller's note: {note}").format(note=s.seller_note))
        return "\n".join(parts)

    # -- drawing ---------------------------------------------------------------------------
    def _render(self) -> None:
        s = self.state
        if s is None:
            return
        self.header.setText(self._header(s))
        text, background = self._result(s)
        self.result.setText(text)
        self.result.setStyleSheet(f"#checkResult {{ background: {background}; color: white; padding: 6px 10px; "
                                  "border-radius: 6px; }")
        self.result.setVisible(bool(text))
        self.table.setHorizontalHeaderLabels(["", self.tr("Item"), self.tr("Qty"), ""])
        self.table.setRowCount(len(s.items))
        for row, item in enumerate(s.items):
            code = " · ".join(c for c in (item.barcode, item.sku) if c)
            cells = [QTableWidgetItem(""), QTableWidgetItem(f"{item.name}\n{code}" if code else item.name),
                     QTableWidgetItem(f"{item.scanned} / {item.expected}"),
                     QTableWidgetItem("✔" if item.done else "")]
            picture = self.pictures.get(item.image)
            if picture is not None:
                cells[PICTURE].setIcon(QPixmap.fromImage(picture))
            cells[QTY].setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            cells[TICK].setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            cells[TICK].setFont(scaled_font(self.font(), 26, bold=True))
            for col, cell in enumerate(cells):
                if item.done:
                    cell.setBackground(TICK_BG)
                self.table.setItem(row, col, cell)
        self.table.setVisible(bool(s.items))
        notes = self.notes_text()
        self.notes.setText(notes + ("\n" + self.tr("F7: read the notes aloud") if notes else ""))
        self.notes.setVisible(bool(notes))

    def _header(self, s: CheckState) -> str:
        if s.kind == RETURN:
            if s.linked_order:
                return self.tr("RETURN {code} of order {order}").format(code=s.code, order=s.linked_order)
            return self.tr("RETURN {code}: original order not known (F4 to enter it)").format(code=s.code)
        if not s.order_id:
            return self.tr("{code} is not in the order data: nothing to check").format(code=s.code)
        status = f" · {status_text(s.order_status)}" if s.order_status else ""
        return self.tr("Order {order}{status}").format(order=s.order_id, status=status)

    def _result(self, s: CheckState) -> tuple[str, str]:
        scan = self.last_scan
        if scan is not None and scan.result == WRONG:
            return self.tr("WRONG ITEM {code}: not in this order, take it out").format(code=scan.code), BAD_BG
        if scan is not None and scan.result == EXTRA:
            name = s.items[scan.item].name if 0 <= scan.item < len(s.items) else scan.code
            return self.tr("TOO MANY: {name} is already complete, take one out").format(name=name), BAD_BG
        if not s.items:
            return "", PENDING_BG
        if s.missing == 0:
            return self.tr("ALL ITEMS CHECKED ✔"), OK_BG
        if s.finished:
            return self.tr("Stopped with %n item(s) missing", "", s.missing), BAD_BG
        return self.tr("%n item(s) to scan", "", s.missing), PENDING_BG

    def _picture_loaded(self, source: str, _image: QImage) -> None:
        if self.state is not None and any(i.image == source for i in self.state.items):
            self._render()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self._render()
        super().changeEvent(event)
