"""Today's orders at this station, newest first, with the seal status of each clip.

Rows come from the catalog at start-up and are then kept current from the
core's events: a row appears when an order starts (recording), turns to
"sealing" when it stops, and ends as sealed (with its ledger entry number),
failed, or cancelled.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget

from packseal.core.catalog.records import ClipRecord
from packseal.gui import formatting
from packseal.gui.theme import icon

RECORDING, SEALING, SEALED, FAILED, CANCELLED = "recording", "sealing", "sealed", "failed", "cancelled"
_ICONS = {RECORDING: "seal-recording.svg", SEALING: "seal-pending.svg", SEALED: "seal-ok.svg",
          FAILED: "seal-failed.svg", CANCELLED: "seal-cancelled.svg"}
_COLOURS = {SEALED: "#2e7d32", FAILED: "#c62828", RECORDING: "#c62828", SEALING: "#1565c0",
            CANCELLED: "#757575"}
MAX_ROWS = 200


@dataclass(frozen=True)
class RecentClip:
    order_id: str
    scan_utc: datetime
    status: str
    ledger_seq: int | None = None
    duration_s: float | None = None
    interrupted: bool = False
    message: str = ""


def row_from_record(record: ClipRecord) -> RecentClip:
    """A catalog clip is sealed by construction: the archive indexes it only after the ledger entry."""
    return RecentClip(record.order_id, record.scan, SEALED, record.ledger_seq, record.duration_s,
                      record.status == "interrupted")


class RecentClipsModel(QAbstractTableModel):
    COLUMNS = 4  # time, order, length, seal

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RecentClip] = []
        self._archive_failure: str | None = None

    # -- updates from the window ------------------------------------------------------
    def load(self, records: list[ClipRecord]) -> None:
        """Replace the rows with the catalog's clips (newest first), keeping live rows on top."""
        live = [r for r in self._rows if r.status in (RECORDING, SEALING)]
        known = {(r.order_id, r.ledger_seq) for r in self._rows}
        loaded = [row_from_record(rec) for rec in records]
        merged = live + [r for r in self._rows if r.status not in (RECORDING, SEALING)]
        merged += [r for r in loaded if (r.order_id, r.ledger_seq) not in known]
        merged.sort(key=lambda r: r.scan_utc, reverse=True)
        self.beginResetModel()
        self._rows = merged[:MAX_ROWS]
        self.endResetModel()

    def order_started(self, order_id: str, scan_utc: datetime) -> None:
        if any(r.order_id == order_id and r.scan_utc == scan_utc and r.status == RECORDING for r in self._rows):
            return  # the same order again: a recorder that restarted continues it
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._rows.insert(0, RecentClip(order_id, scan_utc, RECORDING))
        self.endInsertRows()
        self._trim()

    def order_stopped(self, order_id: str, reason: str) -> None:
        self._update(order_id, (RECORDING,), status=CANCELLED if reason == "cancel" else SEALING)

    def clip_sealed(self, clip: Any) -> None:
        """``clip`` is a core Clip with ``ledger_seq`` set."""
        found = self._update(clip.order_id, (SEALING, RECORDING), status=SEALED, ledger_seq=clip.ledger_seq,
                             duration_s=clip.duration_s, interrupted=clip.status == "interrupted")
        if not found:  # e.g. an order from before this window opened
            self.beginInsertRows(QModelIndex(), 0, 0)
            self._rows.insert(0, RecentClip(clip.order_id, clip.scan_utc, SEALED, clip.ledger_seq,
                                            clip.duration_s, clip.status == "interrupted"))
            self.endInsertRows()

    def archive_failed(self, what: str, message: str) -> None:
        # The archive publishes its failure before the ClipAssembled that caused
        # it reaches us (see bridge.py); remember it for that clip.
        if what == "ClipAssembled":
            self._archive_failure = message

    def clip_assembled(self, clip: Any) -> None:
        if self._archive_failure is not None:
            message, self._archive_failure = self._archive_failure, None
            self._update(clip.order_id, (SEALING, RECORDING), status=FAILED, message=message,
                         duration_s=clip.duration_s)

    def clip_failed(self, order_id: str, message: str) -> None:
        self._update(order_id, (SEALING, RECORDING), status=FAILED, message=message)

    def row(self, i: int) -> RecentClip:
        return self._rows[i]

    def rows(self) -> list[RecentClip]:
        return list(self._rows)

    def _update(self, order_id: str, from_status: tuple[str, ...], **changes: Any) -> bool:
        # The oldest matching live row: orders of the same ID finish in the order they started.
        for i in range(len(self._rows) - 1, -1, -1):
            r = self._rows[i]
            if r.order_id == order_id and r.status in from_status:
                self._rows[i] = replace(r, **changes)
                self.dataChanged.emit(self.index(i, 0), self.index(i, self.COLUMNS - 1))
                return True
        return False

    def _trim(self) -> None:
        if len(self._rows) > MAX_ROWS:
            self.beginRemoveRows(QModelIndex(), MAX_ROWS, len(self._rows) - 1)
            del self._rows[MAX_ROWS:]
            self.endRemoveRows()

    # -- Qt model interface -------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.ToolTipRole and section == 0:
            return self.tr("When the waybill was scanned. The clip starts a little earlier (the pre-roll), "
                           "which is the time the Library shows.")
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Scanned at"), self.tr("Order"), self.tr("Length"), self.tr("Seal"))[section]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return r.scan_utc.astimezone().strftime("%H:%M:%S")
            if col == 1:
                return r.order_id
            if col == 2:
                return formatting.duration(r.duration_s) if r.duration_s is not None else ""  # as the library says
            return self.status_text(r)
        if role == Qt.ItemDataRole.DecorationRole and col == 3:
            return icon(_ICONS[r.status])
        if role == Qt.ItemDataRole.ForegroundRole and col == 3:
            return QBrush(QColor(_COLOURS[r.status]))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(r)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (0, 2):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def status_text(self, r: RecentClip) -> str:
        """A word or two that fits beside the order at the station's font size; the rest is in the tooltip."""
        if r.status == SEALED:
            return self.tr("Cut short") if r.interrupted else self.tr("Sealed")
        return {RECORDING: self.tr("Recording"), SEALING: self.tr("Sealing…"),
                FAILED: self.tr("Failed"), CANCELLED: self.tr("Cancelled")}[r.status]

    def tooltip(self, r: RecentClip) -> str | None:
        """The seal's ledger entry (and whether the clip was cut short), or why it failed."""
        if r.status == SEALED and r.ledger_seq is not None:
            text = self.tr("Sealed in ledger entry {seq}").format(seq=r.ledger_seq)
            return text + (" " + self.tr("(the recording was cut short)") if r.interrupted else "")
        return r.message or None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.COLUMNS - 1))


class RecentClipsView(QTreeView):
    """A flat, read-only list of the model's rows; retranslates its model on a language change."""

    def __init__(self, model: RecentClipsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recentClips")
        self.setModel(model)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys belong to the station, not the list
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.header()
        # The order number and the times take what they need; the seal status (the longest words,
        # "Sealing…", "Cut short") gets all the rest instead of being cut off.
        header.setStretchLastSection(True)
        for column in (0, 1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            model = self.model()
            if isinstance(model, RecentClipsModel):
                model.retranslate()
        super().changeEvent(event)


def today_start_utc() -> datetime:
    """Midnight of today, local time, as a UTC datetime (the catalog's "today")."""
    now = datetime.now().astimezone()
    return now.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(timezone.utc)
