"""The library: the owner's view of everything recorded.

A thin shell that wires the search bar, the result table, the player, the
seal panel and the clip actions together; each part lives in its own module.
Searches, verification and catalog writes run on the task runner; video is
decoded on the player's own thread; this class only routes.

The main window connects :attr:`LibraryView.dispute_requested` (order id) to
the dispute view and calls :meth:`LibraryView.shutdown` before closing.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QHBoxLayout, QHeaderView, QLabel,
                               QSplitter, QTableView, QVBoxLayout, QWidget)

from packseal.compose import Services
from packseal.core.catalog import ClipRecord
from packseal.gui import formatting
from packseal.gui.library.actions import ClipActions
from packseal.gui.library.filters import ANY_TIME, FilterBar, SearchFilters
from packseal.gui.library.model import (CHECK, DURATION, KIND, ORDER, PACKER, SEAL, SIZE, STATION, TIME,
                                        ClipTableModel)
from packseal.gui.library.packing_panel import PackingPanel
from packseal.gui.packing_words import OUTCOME_CHOICES, outcome_text, word
from packseal.gui.library.seal_panel import SealPanel, deleted_text
from packseal.gui.player import PlayerWidget
from packseal.gui.player.second_camera import SecondFile
from packseal.gui.tasks import TaskRunner

log = logging.getLogger(__name__)

#: New clips arriving within this time cause one refresh, not one each.
REFRESH_DELAY_MS = 1000
ERROR_COLOUR = "#c62828"


class LibraryView(QWidget):
    """Search, play, check and keep the recorded clips."""

    dispute_requested = Signal(str)      # order id: open the dispute view for this order
    clip_selected = Signal(object)       # the ClipRecord now shown, or None

    def __init__(self, services: Services, runner: TaskRunner, parent: QWidget | None = None, *,
                 bridge=None) -> None:
        """``bridge``: a :class:`~packseal.gui.bridge.CoreBridge`; new sealed clips then appear by themselves."""
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self._shown: ClipRecord | None = None
        self._select_first = False  # select the first result of the next search (show_order)
        self._waiting_row: int | None = None
        self._error = ""
        self._pending_clip: int | None = None  # a linked clip to select once its search is done

        self.filter_bar = FilterBar(self)
        self.model = ClipTableModel(services.catalog, runner, self)
        self.table = QTableView(self)
        self._setup_table()
        self.status_label = QLabel(self)

        self.header = QLabel(self)
        font = self.header.font()
        font.setBold(True)
        self.header.setFont(font)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.player = PlayerWidget(self)
        self.seal_panel = SealPanel(services, runner, self)
        self.actions = ClipActions(services.catalog, runner, services.layout.root, self, services=services)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        self.packing_panel = PackingPanel(services, runner, left)
        left_layout.addWidget(self.packing_panel)
        left_layout.addWidget(self.status_label)

        below = QHBoxLayout()
        below.setContentsMargins(0, 0, 0, 0)
        below.addWidget(self.actions, 2)
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.VLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        below.addWidget(line)
        below.addWidget(self.seal_panel, 3)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.header)
        right_layout.addWidget(self.player, 3)
        right_layout.addLayout(below, 2)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 6)
        self.splitter.setChildrenCollapsible(False)
        # Room for every column of the table at first (again once the page is shown at its real size);
        # the player takes the rest.
        self.splitter.setSizes([self._table_width, max(480, 1400 - self._table_width)])
        self._fitted = False

        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.splitter, 1)

        self.filter_bar.filters_changed.connect(self._filters_changed)
        self.filter_bar.refresh_requested.connect(self.refresh)
        self.model.search_started.connect(self._show_status)
        self.model.search_finished.connect(self._search_finished)
        self.model.search_failed.connect(self._search_failed)
        self.model.page_loaded.connect(self._page_loaded)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.seal_panel.verified.connect(self.model.set_verdict)
        self.actions.clip_changed.connect(self._clip_changed)
        self.actions.dispute_requested.connect(self.dispute_requested)
        self.actions.failed.connect(self._search_failed)
        self.packing_panel.open_requested.connect(self.open_clip)

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self._refresh_if_at_top)
        if bridge is not None:
            bridge.clip_sealed.connect(lambda *_: self._refresh_timer.start())

        self.retranslate()
        self.player.clear()
        self.model.set_filters(self.filter_bar.filters())
        self._load_stations()

    # -- public API --------------------------------------------------------------------
    @property
    def shown_clip(self) -> ClipRecord | None:
        """The clip in the player and panels (None when none is)."""
        return self._shown

    def refresh(self) -> None:
        """Search again with the same filters (the shown clip stays shown)."""
        self.model.refresh()
        self._load_stations()

    def show_order(self, code: str) -> None:
        """Search every date for the clips filed under ``code`` and show the newest (the Orders page's
        "show the clip", the station's F2 on a duplicate waybill)."""
        bar = self.filter_bar
        bar.period_box.setCurrentIndex(max(0, bar.period_box.findData(ANY_TIME)))
        bar.search_box.setText(code)
        self._select_first = True
        self.model.set_filters(bar.filters())

    def select_row(self, row: int) -> None:
        """Select a row of the results (as a click would)."""
        self.table.selectRow(row)
        self.table.setCurrentIndex(self.model.index(row, TIME))

    def open_clip(self, record: ClipRecord) -> None:
        """Show another clip (a return's shipment, a shipment's return): search its order, select it."""
        self._pending_clip = record.id
        self.filter_bar.show_order(record.order_id)

    def shutdown(self) -> None:
        """Stop the player's decoder thread; call before the window closes."""
        self._refresh_timer.stop()
        self.player.shutdown()

    # -- searching ---------------------------------------------------------------------
    def _filters_changed(self, filters: SearchFilters) -> None:
        if filters != self.model.filters:
            self.model.set_filters(filters)

    def _refresh_if_at_top(self) -> None:
        # Reloading resets the table's scroll position: only do it when the owner is at the
        # top (where a new clip appears), not while they are reading further down.
        if self.table.verticalScrollBar().value() == 0 or not self.isVisible():
            self.refresh()

    def _load_stations(self) -> None:
        catalog = self._services.catalog
        self._runner.run(lambda: (catalog.stations(), catalog.packers()), on_success=self._stations_listed,
                         on_failure=lambda exc: self._search_failed(str(exc)), label="list stations")

    def _search_finished(self, total: int) -> None:
        self._error = ""
        self._show_status()
        shown = self._shown
        pending, self._pending_clip = self._pending_clip, None
        row = self.model.row_of(pending) if pending is not None else None
        if row is not None:
            self.select_row(row)
            self.table.setFocus()
        elif shown is not None and shown.id is not None:
            row = self.model.row_of(shown.id)
            if row is not None:  # keep the clip selected without reloading it
                self.table.selectionModel().blockSignals(True)
                self.select_row(row)
                self.table.selectionModel().blockSignals(False)
        elif total and self.table.currentIndex().row() < 0:
            self.table.scrollToTop()
        if total and self._select_first:
            self._select_first = False
            self.select_row(0)

    def _search_failed(self, message: str) -> None:
        self._error = message
        self._show_status()

    def _show_status(self) -> None:
        if self._error:
            self.status_label.setStyleSheet(f"color: {ERROR_COLOUR};")
            self.status_label.setText(self._error)
            return
        self.status_label.setStyleSheet("")
        if self.model.loading:
            self.status_label.setText(self.tr("Searching…"))
        elif self.model.total == 0:
            self.status_label.setText(self.tr("No clips match."))
        else:
            self.status_label.setText(self.tr("Clips found: %Ln", "", self.model.total))

    # -- selection ----------------------------------------------------------------------
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return  # a reset: keep showing what is shown
        record = self.model.record(current.row())
        if record is None:
            self._waiting_row = current.row()  # its page is on its way
            return
        self._waiting_row = None
        self._show(record)

    def _page_loaded(self, first_row: int) -> None:
        row = self._waiting_row
        if row is not None and self.model.is_loaded(row) and self.table.currentIndex().row() == row:
            self._current_changed(self.table.currentIndex(), QModelIndex())

    def _show(self, record: ClipRecord) -> None:
        if self._shown is not None and self._shown.id == record.id:
            self._shown = record
            self.actions.set_record(record)
            return
        self._shown = record
        self.header.setText(self._header_text(record))
        self.actions.set_record(record)
        self.packing_panel.show_clip(record)
        path = self._services.layout.root / record.file
        if record.deleted:
            self.player.show_message(deleted_text(record))
            self.seal_panel.show_clip(record, path, verify=False)
        elif not path.is_file():
            self.player.show_message(self.tr("The clip file is missing: {path}").format(path=path))
            self.seal_panel.show_clip(record, path)  # the check names what is missing
        else:
            self.player.load(path, record.start_ms, title=record.order_id, second=self._second_file(record))
            self.seal_panel.show_clip(record, path)
        self.clip_selected.emit(record)

    def _second_file(self, record: ClipRecord) -> SecondFile | str | None:
        """The other camera's file of a clip of two cameras, or why it cannot be shown."""
        other = next(iter(record.camera_files), None)
        if other is None:
            return None
        if other.file is None or other.start_ms is None:
            return self.tr("The other camera recorded nothing of this order.")
        path = self._services.layout.root / other.file
        if not path.is_file():
            return self.tr("The other camera's file is missing: {path}").format(path=path)
        return SecondFile(path, other.start_ms, other.camera)

    def _clip_changed(self, record: ClipRecord) -> None:
        self.model.update_record(record)
        if self._shown is not None and self._shown.id == record.id:
            self._shown = record

    def _header_text(self, record: ClipRecord) -> str:
        return self.tr("{order} · {station} · {time} · {length}").format(
            order=record.order_id, station=record.station, time=formatting.local_time(record.start_ms),
            length=formatting.duration(record.duration_s))

    # -- looks ----------------------------------------------------------------------------
    def _setup_table(self) -> None:
        table = self.table
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setShowGrid(False)
        vertical = table.verticalHeader()
        vertical.setVisible(False)
        # Fixed heights: the view never measures a million rows.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # What the order check found, right after the order: read before length, size and seal.
        for place, column in enumerate((CHECK, KIND, PACKER), 2):
            header.moveSection(header.visualIndex(column), place)
        self._size_columns()
        header.setSortIndicator(TIME, Qt.SortOrder.DescendingOrder)
        table.setSortingEnabled(True)
        # Up/down pick the clip, left/right step its frames, Space plays: no mouse needed.
        for key, slot in ((Qt.Key.Key_Left, lambda: self.player.step(-1)),
                          (Qt.Key.Key_Right, lambda: self.player.step(1)),
                          (Qt.Key.Key_Space, lambda: self.player.toggle_play())):
            shortcut = QShortcut(QKeySequence(key), table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)

    def _stations_listed(self, found: tuple[list[str], list[str]]) -> None:
        names, packers = found
        self.filter_bar.set_stations(names)
        # One station only (most shops): its name in every row says nothing and costs the Seal column its room.
        self.table.setColumnHidden(STATION, len(names) <= 1)
        self.table.setColumnHidden(PACKER, not packers)  # nobody signs in: no column
        if self._fitted:
            self._fit_table()

    def _size_columns(self) -> None:
        """Every column wide enough for its widest text and its header, in the language of the moment."""
        table = self.table
        metrics = table.fontMetrics()
        header_metrics = table.horizontalHeader().fontMetrics()
        samples = {TIME: ["2026-03-14 14:30:02"], ORDER: ["SF1234567890123"], STATION: ["packing-1"],
                   DURATION: ["10:00"], SIZE: ["100.0 MB"], SEAL: list(self.model.widest_seal_texts()),
                   KIND: [word("shipment"), word("return")], PACKER: ["P-0000"],
                   CHECK: [outcome_text(o, 0, False) for o in OUTCOME_CHOICES]}  # longer: elided, in the tooltip
        for column, texts in samples.items():
            room = 44 if column == SEAL else 20  # the seal icon beside its text
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            table.setColumnWidth(column, max(max(metrics.horizontalAdvance(t) for t in texts) + room,
                                             header_metrics.horizontalAdvance(title) + 28))  # + sort arrow
        # + the vertical scroll bar, the frame and the layout margins
        self._table_width = sum(table.columnWidth(c) for c in range(self.model.columnCount())
                                if not table.isColumnHidden(c)) + 48

    def _fit_table(self) -> None:
        """Give the clip list the room its columns need (the player takes the rest, at least a third)."""
        self._size_columns()
        total = sum(self.splitter.sizes())
        if total > 0:
            left = min(self._table_width, total * 2 // 3)
            self.splitter.setSizes([left, total - left])

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            QTimer.singleShot(0, self._fit_table)  # once the splitter has its real width

    def retranslate(self) -> None:
        if self._shown is None:
            self.header.setText(self.tr("Select a clip to play it"))
        else:
            self.header.setText(self._header_text(self._shown))
        self._show_status()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._fit_table()
            if self._shown is not None and self._shown.deleted:
                self.player.show_message(deleted_text(self._shown))
        super().changeEvent(event)


__all__ = ["LibraryView"]
