"""The matched frames as a strip of thumbnails with their clip time and capture time.

The thumbnails come from the clip's frame index (small JPEGs stored there),
so the strip appears without decoding any video. The best match is first;
choosing one shows that frame in the main area. Capture times are shown in
this computer's time zone, as the clock burned into the picture shows them.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListView, QListWidget, QListWidgetItem, QWidget

from packseal.core.compare.matcher import FrameMatch
from packseal.gui.qimage import bgr_to_qimage

THUMB_SIZE = QSize(160, 90)


class ThumbnailStrip(QListWidget):
    """A horizontal row of the matched frames; emits :attr:`match_chosen` with the match's rank (0 = best)."""

    match_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("disputeThumbnails")
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(False)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setIconSize(THUMB_SIZE)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSpacing(4)
        self.setWordWrap(True)
        line = self.fontMetrics().height()
        self.setFixedHeight(THUMB_SIZE.height() + 2 * line + 26)
        self.setGridSize(QSize(THUMB_SIZE.width() + 16, THUMB_SIZE.height() + 2 * line + 10))
        self._matches: list[FrameMatch] = []
        self._closing: list = []  # ClosingFrame: the strip shows an opened-box photo's frames before closing
        self.currentRowChanged.connect(self._row_changed)

    @property
    def matches(self) -> list[FrameMatch]:
        return list(self._matches)

    def show_matches(self, matches: list[FrameMatch], thumbnails: list[np.ndarray]) -> None:
        """Fill the strip (best first) and choose the best, without emitting for it."""
        self.blockSignals(True)
        self.clear()
        self._closing = []
        self._matches = list(matches)
        for rank, (match, thumb) in enumerate(zip(matches, thumbnails)):
            item = QListWidgetItem(QIcon(QPixmap.fromImage(bgr_to_qimage(thumb))), self.caption(rank, match))
            item.setToolTip(self.tooltip(rank, match))
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            self.addItem(item)
        if matches:
            self.setCurrentRow(0)
        self.blockSignals(False)

    def show_closing(self, frames: list, thumbnails: list[np.ndarray]) -> None:
        """Fill the strip with the clip's last frames before the box was closed (oldest first); choose the last."""
        self.blockSignals(True)
        self.clear()
        self._matches = []
        self._closing = list(frames)
        for row, (frame, thumb) in enumerate(zip(frames, thumbnails)):
            item = QListWidgetItem(QIcon(QPixmap.fromImage(bgr_to_qimage(thumb))), self.closing_caption(frame))
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            self.addItem(item)
        if frames:
            self.setCurrentRow(len(frames) - 1)
        self.blockSignals(False)

    def closing_caption(self, frame) -> str:
        local = frame.captured_at.astimezone()
        return self.tr("Before closing: {t} s\n{time}").format(t=f"{frame.t_s:.1f}", time=local.strftime("%H:%M:%S"))

    def caption(self, rank: int, match: FrameMatch) -> str:
        local = match.captured_at.astimezone()
        return self.tr("{n}. t = {t} s\n{time}").format(n=rank + 1, t=f"{match.t_s:.1f}",
                                                         time=local.strftime("%H:%M:%S"))

    def tooltip(self, rank: int, match: FrameMatch) -> str:
        local = match.captured_at.astimezone()
        return self.tr("Frame at {t} s of the clip, captured {when}\nscore {score}, {inliers} matching points").format(
            t=f"{match.t_s:.1f}", when=local.strftime("%Y-%m-%d %H:%M:%S %z"), score=f"{match.score:.0f}",
            inliers=match.inliers)

    def retranslate(self) -> None:
        for row, frame in enumerate(self._closing):
            item = self.item(row)
            if item is not None:
                item.setText(self.closing_caption(frame))
        for rank, match in enumerate(self._matches):
            item = self.item(rank)
            if item is not None:
                item.setText(self.caption(rank, match))
                item.setToolTip(self.tooltip(rank, match))

    def _row_changed(self, row: int) -> None:
        if 0 <= row < max(len(self._matches), len(self._closing)):
            self.match_chosen.emit(row)
