"""The live pictures of a station's cameras: one, or two side by side or picture-in-picture.

Each camera has its own :class:`PreviewWidget`, fed from its own shared-memory
block, so a camera that stops leaves the other one moving. This widget only
places them: side by side (each half of the room: beside each other, or one
above the other where that shows them larger) or picture-in-picture (the
first camera fills the room, the second sits small in its lower right corner,
above it).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QSizePolicy, QWidget

from packseal.gui.station.preview import PreviewWidget

SIDE_BY_SIDE = "side"
PICTURE_IN_PICTURE = "pip"
LAYOUTS = (SIDE_BY_SIDE, PICTURE_IN_PICTURE)
#: The small picture's width, as a share of the room's.
INSET_SHARE = 0.32
_GAP = 6


class CameraPair(QWidget):
    """``first`` and ``second`` (hidden while the station has one camera), placed by :attr:`layout_mode`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.first = PreviewWidget(self)
        self.second = PreviewWidget(self)
        self.second.setMinimumSize(160, 90)
        self.second.hide()
        self._two = False
        self._mode = SIDE_BY_SIDE

    @property
    def previews(self) -> tuple[PreviewWidget, PreviewWidget]:
        return self.first, self.second

    @property
    def two(self) -> bool:
        """Both cameras are shown."""
        return self._two

    @property
    def layout_mode(self) -> str:
        return self._mode

    def set_two(self, on: bool) -> None:
        self._two = on
        self.second.setVisible(on)
        self._place()

    def set_layout_mode(self, mode: str) -> None:
        if mode not in LAYOUTS:
            raise ValueError(f"unknown camera layout {mode!r}")
        self._mode = mode
        self._place()

    def toggle_layout(self) -> str:
        """Side by side ↔ picture-in-picture; returns the new layout."""
        self.set_layout_mode(PICTURE_IN_PICTURE if self._mode == SIDE_BY_SIDE else SIDE_BY_SIDE)
        return self._mode

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(960, 540)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(320, 180)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._place()

    def _place(self) -> None:
        room = self.rect()
        if not self._two:
            self.first.setGeometry(room)
            return
        if self._mode == SIDE_BY_SIDE:
            # Beside each other, or one above the other where that shows the (16:9) pictures larger.
            across = min((room.width() - _GAP) / 2 / 16, room.height() / 9)
            stacked = min(room.width() / 16, (room.height() - _GAP) / 2 / 9)
            if across >= stacked:
                half = (room.width() - _GAP) // 2
                self.first.setGeometry(QRect(room.x(), room.y(), half, room.height()))
                self.second.setGeometry(QRect(room.x() + half + _GAP, room.y(), room.width() - half - _GAP,
                                              room.height()))
            else:
                half = (room.height() - _GAP) // 2
                self.first.setGeometry(QRect(room.x(), room.y(), room.width(), half))
                self.second.setGeometry(QRect(room.x(), room.y() + half + _GAP, room.width(),
                                              room.height() - half - _GAP))
            return
        big, small = self.first, self.second
        big.setGeometry(room)
        inset_w = max(160, round(room.width() * INSET_SHARE))
        inset_h = max(90, round(inset_w * 9 / 16))
        small.setGeometry(QRect(room.right() - inset_w - 12, room.bottom() - inset_h - 12, inset_w, inset_h))
        small.raise_()
