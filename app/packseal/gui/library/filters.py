"""The search bar: one box for order and waybill numbers, a period, a station.

Typing searches after a 200 ms pause (each key does not start a query);
Enter, or a barcode scanner's Enter, searches at once. The period and the
station apply as soon as they are picked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QDate, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (QComboBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QWidget)

from packseal.gui.packing_words import OUTCOME_CHOICES, word

DEBOUNCE_MS = 200

# Period choices (data of the combo box items).
ANY_TIME, TODAY, YESTERDAY, LAST_7_DAYS, LAST_30_DAYS, CHOSEN_DATES = (
    "any", "today", "yesterday", "7d", "30d", "range")


@dataclass(frozen=True)
class SearchFilters:
    """What the owner asked for. Dates are whole local days, both inclusive."""

    text: str = ""
    date_from: date | None = None
    date_to: date | None = None
    station: str | None = None
    outcome: str | None = None   # one of packing_words.OUTCOME_CHOICES
    kind: str | None = None      # shipment or return

    def catalog_args(self) -> dict:
        """Keyword arguments for ``Catalog.search`` and ``Catalog.count``."""
        return {"query": self.text.strip() or None, "date_from": self.date_from,
                "date_to": self.date_to, "station": self.station, "outcome": self.outcome, "kind": self.kind}


def period_dates(period: str, today: date, chosen: tuple[date, date]) -> tuple[date | None, date | None]:
    """The (from, to) days of a period choice; ``chosen`` is used for CHOSEN_DATES."""
    if period == TODAY:
        return today, today
    if period == YESTERDAY:
        day = today - timedelta(days=1)
        return day, day
    if period == LAST_7_DAYS:
        return today - timedelta(days=6), today
    if period == LAST_30_DAYS:
        return today - timedelta(days=29), today
    if period == CHOSEN_DATES:
        low, high = chosen
        return (low, high) if low <= high else (high, low)
    return None, None


def date_edit(parent: QWidget, initial: QDate, changed) -> QDateEdit:
    """A day picker (calendar pop-up, ISO dates) calling ``changed()`` when the day changes."""
    edit = QDateEdit(initial, parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.dateChanged.connect(lambda _d: changed())
    return edit


class FilterBar(QWidget):
    """Emits :attr:`filters_changed` with a :class:`SearchFilters` when the search should run."""

    filters_changed = Signal(object)
    refresh_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search_box = QLineEdit(self)
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumWidth(260)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._emit)
        self.search_box.textEdited.connect(lambda _text: self._debounce.start())
        self.search_box.returnPressed.connect(self._emit)
        # The clear button changes the text without textEdited: search at once then.
        self.search_box.textChanged.connect(lambda text: self._emit() if not text else None)

        self.period_label = QLabel(self)
        self.period_box = QComboBox(self)
        for key in (ANY_TIME, TODAY, YESTERDAY, LAST_7_DAYS, LAST_30_DAYS, CHOSEN_DATES):
            self.period_box.addItem("", key)
        self.period_box.currentIndexChanged.connect(self._period_changed)
        today = QDate.currentDate()
        self.from_edit = self._date_edit(today.addDays(-6))
        self.to_label = QLabel("–", self)
        self.to_edit = self._date_edit(today)

        self.station_label = QLabel(self)
        self.station_box = QComboBox(self)
        self.station_box.addItem("", None)
        self.station_box.currentIndexChanged.connect(lambda _i: self._emit())
        # What the order check found, and shipments or returns.
        self.outcome_box = QComboBox(self)
        for key in (None, *OUTCOME_CHOICES):
            self.outcome_box.addItem("", key)
        self.outcome_box.currentIndexChanged.connect(lambda _i: self._emit())
        self.kind_box = QComboBox(self)
        for key in (None, "shipment", "return"):
            self.kind_box.addItem("", key)
        self.kind_box.currentIndexChanged.connect(lambda _i: self._emit())
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(self.refresh_requested)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_box, 3)
        layout.addSpacing(8)
        layout.addWidget(self.period_label)
        layout.addWidget(self.period_box)
        layout.addWidget(self.from_edit)
        layout.addWidget(self.to_label)
        layout.addWidget(self.to_edit)
        layout.addSpacing(8)
        layout.addWidget(self.station_label)
        layout.addWidget(self.station_box, 1)
        layout.addSpacing(8)
        layout.addWidget(self.outcome_box)
        layout.addWidget(self.kind_box)
        layout.addWidget(self.refresh_button)
        self._show_dates(False)
        self.retranslate()

    def _date_edit(self, initial: QDate) -> QDateEdit:
        return date_edit(self, initial, self._emit)

    # -- reading and setting ---------------------------------------------------------
    def filters(self) -> SearchFilters:
        """The filters as they are set now."""
        low, high = period_dates(self.period_box.currentData(), date.today(),
                                 (self.from_edit.date().toPython(), self.to_edit.date().toPython()))
        return SearchFilters(self.search_box.text(), low, high, self.station_box.currentData(),
                             self.outcome_box.currentData(), self.kind_box.currentData())

    def show_order(self, order_id: str) -> None:
        """Search for exactly this order over all time, every check and kind (opening a linked clip)."""
        for box in (self.period_box, self.outcome_box, self.kind_box, self.station_box):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self._show_dates(False)
        self.search_box.setText(order_id)
        self._emit()

    def set_stations(self, names: list[str]) -> None:
        """Offer these stations (keeps the chosen one when it is still there)."""
        current = self.station_box.currentData()
        self.station_box.blockSignals(True)
        while self.station_box.count() > 1:
            self.station_box.removeItem(1)
        for name in names:
            self.station_box.addItem(name, name)
        index = self.station_box.findData(current) if current is not None else 0
        self.station_box.setCurrentIndex(max(0, index))
        self.station_box.blockSignals(False)
        # One station (most shops): nothing to choose, and the bar keeps room for the other filters.
        for w in (self.station_label, self.station_box):
            w.setVisible(len(names) > 1 or self.station_box.currentData() is not None)
        if current is not None and index < 0:
            self._emit()  # the chosen station is gone: show everything again

    def _period_changed(self, _index: int) -> None:
        self._show_dates(self.period_box.currentData() == CHOSEN_DATES)
        self._emit()

    def _show_dates(self, on: bool) -> None:
        for w in (self.from_edit, self.to_label, self.to_edit):
            w.setVisible(on)

    def _emit(self) -> None:
        self._debounce.stop()
        self.filters_changed.emit(self.filters())

    # -- language --------------------------------------------------------------------
    def retranslate(self) -> None:
        self.search_box.setPlaceholderText(self.tr("Order or waybill number, whole or part"))
        self.search_box.setToolTip(self.tr("Type or scan an order or waybill number; any part of it "
                                           "is enough"))
        self.period_label.setText(self.tr("Period"))
        texts = (self.tr("Any time"), self.tr("Today"), self.tr("Yesterday"), self.tr("Last 7 days"),
                 self.tr("Last 30 days"), self.tr("Choose dates…"))
        for i, text in enumerate(texts):
            self.period_box.setItemText(i, text)
        self.station_label.setText(self.tr("Station"))
        self.station_box.setItemText(0, self.tr("All stations"))
        self.outcome_box.setItemText(0, self.tr("Any items check"))
        for i, key in enumerate(OUTCOME_CHOICES, 1):
            self.outcome_box.setItemText(i, word(key))
        self.outcome_box.setToolTip(self.tr("What the order check found while packing"))
        self.kind_box.setItemText(0, self.tr("Shipments and returns"))
        self.kind_box.setItemText(1, self.tr("Shipments"))
        self.kind_box.setItemText(2, self.tr("Returns"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Search again, to list clips recorded since the last search"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape and self.search_box.text():
            self.search_box.clear()
            return
        super().keyPressEvent(event)
