"""The claim's photos in the dispute view: one small picture each, with what its comparison found.

A claim comes with several photos (the item, the damage up close, the
parcel with its label, the opened box). Choosing one shows its comparison;
"Shows the opened box" sets the chosen photo beside the clip's last frames
before the box was closed; Remove takes it out of the claim.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QHBoxLayout, QLabel, QListView, QListWidget,
                               QListWidgetItem, QPushButton, QVBoxLayout, QWidget)

from packseal.core.compare.session import Comparison
from packseal.gui.dispute.claim_photos import ClaimPhotos
from packseal.gui.qimage import bgr_to_qimage

ICON_SIZE = QSize(64, 48)


@dataclass(frozen=True)
class PhotoEntry:
    """One photo of the claim as the list shows it: ``thumb`` (BGR) once compared, ``summary`` one short line."""

    path: Path
    summary: str
    opened_box: bool = False
    thumb: np.ndarray | None = None


class PhotoList(QWidget):
    """See the module docstring. Rows are the photos' positions in the claim."""

    photo_chosen = Signal(int)
    opened_box_toggled = Signal(int, bool)
    remove_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.list = QListWidget(self)
        self.list.setObjectName("disputePhotos")
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setFlow(QListView.Flow.LeftToRight)
        self.list.setWrapping(False)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setIconSize(ICON_SIZE)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setWordWrap(True)
        line = self.list.fontMetrics().height()
        self.list.setGridSize(QSize(ICON_SIZE.width() + 130, ICON_SIZE.height() + 2 * line + 10))
        self.list.setFixedHeight(ICON_SIZE.height() + 2 * line + 26)
        self.opened_box = QCheckBox(self)
        self.remove = QPushButton(self)
        side = QVBoxLayout()
        side.addWidget(self.title)
        side.addWidget(self.opened_box)
        side.addWidget(self.remove)
        side.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(side)
        row.addWidget(self.list, 1)
        self._entries: list[PhotoEntry] = []
        self.list.currentRowChanged.connect(self._row_changed)
        self.opened_box.toggled.connect(self._box_toggled)
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self.list.currentRow()))
        self.retranslate()

    @property
    def entries(self) -> list[PhotoEntry]:
        return list(self._entries)

    def show_claim(self, claim: ClaimPhotos) -> None:
        """Show the claim's photos with what each one's comparison found; hidden while there are none.

        The photo shown is chosen, without emitting for it.
        """
        entries = [PhotoEntry(p, self._summary(claim, p), p in claim.opened_box,
                              _thumbnail(claim.comparisons[p]) if p in claim.comparisons else None)
                   for p in claim.paths]
        current = claim.paths.index(claim.current) if claim.current in claim.paths else 0
        self._entries = entries
        self.list.blockSignals(True)
        self.list.clear()
        for n, entry in enumerate(entries, 1):
            icon = QIcon(QPixmap.fromImage(bgr_to_qimage(entry.thumb))) if entry.thumb is not None else QIcon()
            item = QListWidgetItem(icon, f"{n}. {entry.path.name}\n{entry.summary}")
            item.setToolTip(str(entry.path))
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            self.list.addItem(item)
        if entries:
            self.list.setCurrentRow(max(0, min(current, len(entries) - 1)))
        self.list.blockSignals(False)
        self._sync_box()
        self.remove.setEnabled(bool(entries))
        self.setVisible(bool(entries))

    def _summary(self, claim: ClaimPhotos, path: Path) -> str:
        c = claim.comparisons.get(path)
        if c is None:
            return self.tr("comparing…") if claim.is_comparing(path) else self.tr("not compared yet")
        if c.closing:
            return self.tr("opened box")
        waybills = [code.text for code in c.codes if code.waybill]
        if waybills:
            return self.tr("waybill {code}").format(code=waybills[0])
        if c.no_match:
            return self.tr("no frame matches")
        return self.tr("%n matching frame(s)", "", len(c.matches))

    def _row_changed(self, row: int) -> None:
        self._sync_box()
        if 0 <= row < len(self._entries):
            self.photo_chosen.emit(row)

    def _sync_box(self) -> None:
        row = self.list.currentRow()
        self.opened_box.blockSignals(True)
        self.opened_box.setChecked(0 <= row < len(self._entries) and self._entries[row].opened_box)
        self.opened_box.setEnabled(0 <= row < len(self._entries))
        self.opened_box.blockSignals(False)

    def _box_toggled(self, on: bool) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._entries):
            self.opened_box_toggled.emit(row, on)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Photos of this claim"))
        self.opened_box.setText(self.tr("Shows the opened box"))
        self.opened_box.setToolTip(self.tr("Set this photo beside the clip's last frames before the box was "
                                           "closed, which show what went in"))
        self.remove.setText(self.tr("Remove photo"))
        self.remove.setToolTip(self.tr("Take the chosen photo out of this claim"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _thumbnail(comparison: Comparison) -> np.ndarray:
    """The compared photo, 64 pixels on its long side."""
    import cv2

    image = comparison.photo.image
    s = 64 / max(image.shape[:2])
    return cv2.resize(image, (max(1, round(image.shape[1] * s)), max(1, round(image.shape[0] * s))),
                      interpolation=cv2.INTER_AREA)
