"""The library's result table: every matching clip, however many, without loading them all.

The model knows the number of matches (one ``count``) and keeps a window of
pages of 200 rows in memory. A row the view paints that is not loaded yet
shows "…" and asks for its page; pages are read on the task runner, never on
the GUI thread, and when the reader scrolls faster than pages arrive only the
newest few requests are kept (the rest are asked again if still on screen).

Sorted by time the pages come from ``Catalog.search`` with an offset (an
index walk, fast at any depth). Sorted by a column without an index, pages
past the first :data:`DEEP_OFFSET` rows come from a list of the result's
clip ids sorted once (see :mod:`packseal.core.catalog.browse`).

Every search has a generation number; answers to an older search are dropped.
"""

from __future__ import annotations

import logging
from array import array
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer,
                            Signal)
from PySide6.QtGui import QBrush, QColor, QFont

from packseal.core.catalog import Catalog, ClipRecord
from packseal.core.catalog.browse import clips_by_id, search_ids
from packseal.core.errors import PackSealError
from packseal.gui import formatting
from packseal.gui.packing_words import outcome_text, word
from packseal.gui.library.filters import SearchFilters
from packseal.gui.tasks import TaskRunner
from packseal.gui.theme import icon

log = logging.getLogger(__name__)

TIME, ORDER, STATION, DURATION, SIZE, SEAL, KIND, CHECK, PACKER = range(9)
#: The catalog column each table column sorts by.
SORT_KEYS = ("start_ms", "order_id", "station", "duration_ms", "bytes", "status", "kind", "outcome", "packer")
#: Sort columns SQLite reads in order from an index: offset pages stay fast at any depth.
INDEX_ORDERED = frozenset({"start_ms", "id", "order_id"})

PAGE_SIZE = 200
#: Pages kept in memory (the rest are read again when scrolled back to).
MAX_PAGES = 60
#: Offsets past this use the sorted id list for columns without an index.
DEEP_OFFSET = 10_000
#: Page requests served per burst; older requests are dropped (asked again if still visible).
MAX_PAGE_REQUESTS = 3

DELETED_COLOUR = QColor("#8a8a8a")
FAILED_COLOUR = QColor("#c62828")


class ClipTableModel(QAbstractTableModel):
    """Rows are clips matching :meth:`set_filters`, sorted by :meth:`sort`."""

    search_started = Signal()
    search_finished = Signal(int)       # number of matching clips (the first page is loaded)
    search_failed = Signal(str)         # why the search could not run (message for people)
    page_loaded = Signal(int)           # first row of a page that arrived

    def __init__(self, catalog: Catalog, runner: TaskRunner, parent=None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._runner = runner
        self._filters = SearchFilters()
        self._order_by = "start_ms"
        self._descending = True
        self._generation = 0
        self._total = 0
        self._pages: OrderedDict[int, list[ClipRecord]] = OrderedDict()
        self._in_flight: set[int] = set()
        self._wanted: OrderedDict[int, None] = OrderedDict()
        self._ids: array | None = None
        self._ids_pending = False
        self._loading = False
        self._verdicts: dict[int, bool] = {}  # clip id -> seal verified (this session)
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(15)
        self._flush.timeout.connect(self._request_wanted)

    # -- searching ---------------------------------------------------------------------
    @property
    def filters(self) -> SearchFilters:
        return self._filters

    @property
    def total(self) -> int:
        """How many clips match (rows of the table)."""
        return self._total

    @property
    def loading(self) -> bool:
        """True from a search's start until its first page arrived."""
        return self._loading

    @property
    def sort_key(self) -> tuple[str, bool]:
        return self._order_by, self._descending

    def set_filters(self, filters: SearchFilters) -> None:
        """Search again with ``filters`` (in the background)."""
        self._filters = filters
        self.refresh()

    def refresh(self) -> None:
        """Run the current search again (new clips, changed rows)."""
        self._generation += 1
        generation = self._generation
        self._loading = True
        self.search_started.emit()
        args = self._filters.catalog_args()
        order_by, descending = self._order_by, self._descending
        catalog = self._catalog

        def work() -> tuple[int, list[ClipRecord]]:
            total = catalog.count(**args)
            first = catalog.search(**args, order_by=order_by, descending=descending,
                                   limit=PAGE_SIZE) if total else []
            return total, first

        self._runner.run(work, on_success=lambda result: self._searched(generation, result),
                         on_failure=lambda exc: self._failed(generation, exc), label="library search")

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:  # noqa: D401
        """Sort by a column (Qt calls this when a header is clicked)."""
        if not 0 <= column < len(SORT_KEYS):
            return
        order_by, descending = SORT_KEYS[column], order == Qt.SortOrder.DescendingOrder
        if (order_by, descending) == (self._order_by, self._descending):
            return
        self._order_by, self._descending = order_by, descending
        self.refresh()

    def _searched(self, generation: int, result: tuple[int, list[ClipRecord]]) -> None:
        if generation != self._generation:
            return
        total, first = result
        self.beginResetModel()
        self._total = total
        self._pages.clear()
        self._in_flight.clear()
        self._wanted.clear()
        self._ids, self._ids_pending = None, False
        if first:
            self._pages[0] = first
        self.endResetModel()
        self._loading = False
        self.search_finished.emit(total)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._loading = False
        if isinstance(exc, PackSealError):
            self.search_failed.emit(str(exc))
        else:  # a bug: the runner logged it; say so rather than show nothing
            self.search_failed.emit(self.tr("The search failed unexpectedly: {error}").format(error=exc))

    # -- pages -------------------------------------------------------------------------
    def record(self, row: int) -> ClipRecord | None:
        """The clip on ``row`` if its page is loaded (else None, and the page is asked for)."""
        if not 0 <= row < self._total:
            return None
        page = self._pages.get(row // PAGE_SIZE)
        if page is None:
            self._want(row // PAGE_SIZE)
            return None
        self._pages.move_to_end(row // PAGE_SIZE)
        offset = row % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def row_of(self, clip_id: int) -> int | None:
        """The row of a clip among the loaded pages, or None."""
        for number, page in self._pages.items():
            for offset, rec in enumerate(page):
                if rec.id == clip_id:
                    return number * PAGE_SIZE + offset
        return None

    def is_loaded(self, row: int) -> bool:
        return row // PAGE_SIZE in self._pages

    def _want(self, page: int) -> None:
        if page in self._in_flight:
            return
        self._wanted.pop(page, None)
        self._wanted[page] = None
        if not self._flush.isActive():
            self._flush.start()

    def _request_wanted(self) -> None:
        newest = list(self._wanted)[-MAX_PAGE_REQUESTS:]
        self._wanted.clear()
        for page in newest:
            if page not in self._pages and page not in self._in_flight:
                self._fetch(page)

    def _fetch(self, page: int) -> None:
        offset = page * PAGE_SIZE
        generation = self._generation
        catalog, args = self._catalog, self._filters.catalog_args()
        order_by, descending = self._order_by, self._descending
        if order_by not in INDEX_ORDERED and offset >= DEEP_OFFSET:
            if self._ids is None:
                self._want_ids(page)
                return
            ids = self._ids[offset:offset + PAGE_SIZE]

            def work() -> list[ClipRecord]:
                return clips_by_id(catalog, ids)
        else:
            def work() -> list[ClipRecord]:
                return catalog.search(**args, order_by=order_by, descending=descending,
                                      limit=PAGE_SIZE, offset=offset)

        self._in_flight.add(page)
        self._runner.run(work, on_success=lambda rows: self._page_arrived(generation, page, rows),
                         on_failure=lambda exc: self._page_failed(generation, page, exc),
                         label="library page")

    def _want_ids(self, page: int) -> None:
        """Sort the result's ids once, then serve ``page`` (and every later deep page) from them."""
        self._wanted[page] = None
        if self._ids_pending:
            return
        self._ids_pending = True
        generation = self._generation
        catalog, args = self._catalog, self._filters.catalog_args()
        order_by, descending = self._order_by, self._descending

        def work() -> array:
            return search_ids(catalog, **args, order_by=order_by, descending=descending)

        def done(ids: array) -> None:
            if generation != self._generation:
                return
            self._ids, self._ids_pending = ids, False
            self._flush.start()

        self._runner.run(work, on_success=done,
                         on_failure=lambda exc: self._page_failed(generation, page, exc),
                         label="library sort")

    def _page_arrived(self, generation: int, page: int, rows: list[ClipRecord]) -> None:
        self._in_flight.discard(page)
        if generation != self._generation:
            return
        self._pages[page] = rows
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        first = page * PAGE_SIZE
        last = min(self._total, first + PAGE_SIZE) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(SORT_KEYS) - 1))
        self.page_loaded.emit(first)

    def _page_failed(self, generation: int, page: int, exc: BaseException) -> None:
        self._in_flight.discard(page)
        self._ids_pending = False
        if generation == self._generation:
            self.search_failed.emit(str(exc))

    # -- changes made in the library ----------------------------------------------------
    def update_record(self, record: ClipRecord) -> None:
        """Show a clip's new state (pinned, note) in every loaded row that holds it."""
        for number, page in self._pages.items():
            for offset, rec in enumerate(page):
                if rec.id == record.id:
                    page[offset] = record
                    row = number * PAGE_SIZE + offset
                    self.dataChanged.emit(self.index(row, 0), self.index(row, len(SORT_KEYS) - 1))

    def set_verdict(self, clip_id: int, ok: bool | None) -> None:
        """Remember what "verify" said about a clip (None forgets), shown in the Seal column."""
        if ok is None:
            self._verdicts.pop(clip_id, None)
        else:
            self._verdicts[clip_id] = ok
        row = self.row_of(clip_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, SEAL), self.index(row, SEAL))

    def verdict(self, clip_id: int) -> bool | None:
        return self._verdicts.get(clip_id)

    # -- Qt model interface --------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(SORT_KEYS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Clip starts"), self.tr("Order"), self.tr("Station"), self.tr("Length"),
                    self.tr("Size"), self.tr("Seal"), self.tr("Kind"), self.tr("Items check"), self.tr("Packer"))[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == TIME:
            return self.tr("When the clip begins: a few seconds before the waybill was scanned (the pre-roll). "
                           "The station's list shows the scan time.")
        if role == Qt.ItemDataRole.TextAlignmentRole and section in (DURATION, SIZE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        rec = self.record(index.row())
        col = index.column()
        if rec is None:
            if role == Qt.ItemDataRole.DisplayRole and col == TIME:
                return "…"
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(DELETED_COLOUR)
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(rec, col)
        if role == Qt.ItemDataRole.ForegroundRole:
            if rec.deleted:
                return QBrush(DELETED_COLOUR)
            if col == SEAL and self._verdicts.get(rec.id) is False:
                return QBrush(FAILED_COLOUR)
            if col == CHECK and (rec.outcome == "incomplete" or rec.wrong_scans or rec.overridden):
                return QBrush(FAILED_COLOUR)
            return None
        if role == Qt.ItemDataRole.FontRole and rec.deleted:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.DecorationRole and col == SEAL:
            return icon(self._seal_icon(rec))
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (DURATION, SIZE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(rec)
        if role == Qt.ItemDataRole.UserRole:
            return rec
        return None

    def _text(self, rec: ClipRecord, col: int) -> str:
        if col == TIME:
            return formatting.local_time(rec.start_ms)
        if col == ORDER:
            return rec.order_id
        if col == STATION:
            return rec.station
        if col == DURATION:
            return formatting.duration(rec.duration_s)
        if col == SIZE:
            return formatting.file_size(rec.bytes)
        if col == KIND:
            return word(rec.kind)
        if col == CHECK:
            return outcome_text(rec.outcome, rec.wrong_scans, rec.overridden)
        if col == PACKER:
            return rec.packer or ""
        return self.seal_text(rec)

    def seal_text(self, rec: ClipRecord) -> str:
        """The Seal column: deleted, recording, not sealed, verified, failed, or sealed."""
        if rec.deleted:
            return self.tr("Deleted {date}").format(date=formatting.local_date(rec.deleted_ms or 0))
        verdict = self._verdicts.get(rec.id)
        if verdict is False:
            text = self.tr("Verification failed")
        elif rec.ledger_seq is None:
            text = self.tr("Recording") if rec.status == "recording" else self.tr("Not sealed")
        elif verdict is True:
            text = self.tr("Verified")
        elif rec.status == "interrupted":
            text = self.tr("Sealed (cut short)")
        else:
            text = self.tr("Sealed")
        if rec.pinned or rec.disputed:
            text += " · " + self.tr("kept")
        return text

    def widest_seal_texts(self) -> tuple[str, ...]:
        """The longest texts the Seal column shows (to size it in the current language)."""
        plain = (self.tr("Verification failed"), self.tr("Recording"), self.tr("Not sealed"), self.tr("Verified"),
                 self.tr("Sealed (cut short)"), self.tr("Sealed"))
        kept = tuple(text + " · " + self.tr("kept") for text in plain)
        return (self.tr("Deleted {date}").format(date="2026-03-14"), *plain, *kept)

    def _seal_icon(self, rec: ClipRecord) -> str:
        if rec.deleted:
            return "seal-cancelled.svg"
        if self._verdicts.get(rec.id) is False:
            return "seal-failed.svg"
        if rec.ledger_seq is None:
            return "seal-recording.svg" if rec.status == "recording" else "seal-pending.svg"
        return "seal-ok.svg"

    def _tooltip(self, rec: ClipRecord) -> str:
        lines = [rec.order_id, self.tr("Clip starts {start}, waybill scanned {scan}").format(
            start=formatting.local_time(rec.start_ms), scan=formatting.local_time(rec.scan_ms))]
        if rec.pinned:
            lines.append(self.tr("Kept forever: retention never deletes this clip"))
        if rec.disputed:
            lines.append(self.tr("Used in a dispute: retention never deletes this clip"))
        if rec.outcome != "not-checked" or rec.wrong_scans or rec.overridden or rec.kind == "return":
            lines.append(f"{word(rec.kind)}: {outcome_text(rec.outcome, rec.wrong_scans, rec.overridden)}")
        if rec.note:
            lines.append(self.tr("Note: {note}").format(note=rec.note))
        if rec.deleted:
            lines.append(self.tr("The file was deleted; its seal stays in the ledger"))
        return "\n".join(lines)
