"""Photo | frame side by side, zoom and pan kept in step through the alignment.

Both pictures zoom by the same factor (1 = each fits its half), and the
follower is centred on the point of its picture that shows what the
leader's centre shows: the photo's centre mapped into the frame with the
inverse of the match's homography, and back. Zooming into the crack on the
photo therefore closes in on the same corner of the item in the frame.
Without a homography (no match) the relative position is kept instead. At
zoom 1 both simply fit.

The item's outline (the part of the frame that matches the photo) is drawn
on the frame in green and explained by the legend under the pictures; the
owner's annotations go on either picture (see :mod:`.annotations`).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from packseal.gui.dispute.annotations import Annotations, AnnotationTool
from packseal.gui.image_canvas import ImageCanvas

OUTLINE = QColor("#3cc83c")


class FrameCanvas(ImageCanvas):
    """The clip frame, with the matched item outlined."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outline: QPolygonF | None = None

    def paint_over(self, painter: QPainter) -> None:
        if self.outline is not None:
            pen = QPen(OUTLINE, 2.0 / max(self.scale(), 1e-6))
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPolygon(self.outline)


class SideBySide(QWidget):
    """The photo canvas and the frame canvas, each with a caption, in step; see the module docstring."""

    def __init__(self, annotations: Annotations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.photo = ImageCanvas(self)
        self.frame = FrameCanvas(self)
        self.photo.setObjectName("disputePhotoCanvas")
        self.frame.setObjectName("disputeFrameCanvas")
        self.photo.interaction = AnnotationTool(annotations, "photo")
        self.frame.interaction = AnnotationTool(annotations, "frame")
        self.photo_caption = QLabel(self)
        self.frame_caption = QLabel(self)
        for caption in (self.photo_caption, self.frame_caption):
            caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            caption.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.legend = QLabel(self)  # what the green outline means; the area sets its text
        self.legend.setObjectName("disputeOutlineLegend")
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet("color: #2e7d32;")  # the outline's green, dark enough to read
        self._homography: np.ndarray | None = None  # frame pixels → photo pixels
        self._following = False

        pictures = QHBoxLayout()
        for caption, canvas in ((self.photo_caption, self.photo), (self.frame_caption, self.frame)):
            column = QVBoxLayout()
            column.addWidget(caption)
            column.addWidget(canvas, 1)
            pictures.addLayout(column, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(pictures, 1)
        layout.addWidget(self.legend)
        # Methods, not lambdas over self: a closure kept by a child would make this widget cyclic garbage.
        self.photo.view_changed.connect(self._photo_moved)
        self.frame.view_changed.connect(self._frame_moved)
        annotations.changed.connect(self.refresh)
        annotations.display_changed.connect(self.refresh)
        annotations.selection_changed.connect(self.refresh)

    def set_photo(self, image: QImage, full_size: tuple[int, int]) -> None:
        """Show the refund photo (``image`` may be a smaller copy of a ``full_size`` photo)."""
        self.photo.set_picture(image, QSizeF(*full_size))

    def set_frame(self, image: QImage | None, homography: np.ndarray | None, outline: np.ndarray | None,
                  message: str = "") -> None:
        """Show the frame (or ``message`` when there is none); ``outline`` = item polygon in frame pixels."""
        self._homography = homography
        self.frame.outline = (QPolygonF([QPointF(float(x), float(y)) for x, y in outline])
                              if outline is not None and len(outline) >= 3 else None)
        if image is None:
            self.frame.set_message(message)
        else:
            self.frame.set_picture(image)
            if self.photo.zoom > 1.0:
                self._follow(self.photo, self.frame, inverse=True)

    def refresh(self) -> None:
        self.photo.update()
        self.frame.update()

    # -- keeping in step ---------------------------------------------------------------------
    def _photo_moved(self) -> None:
        self._follow(self.photo, self.frame, inverse=True)

    def _frame_moved(self) -> None:
        self._follow(self.frame, self.photo, inverse=False)

    def _follow(self, leader: ImageCanvas, follower: ImageCanvas, *, inverse: bool) -> None:
        if self._following or follower.scene_size.isEmpty() or leader.scene_size.isEmpty():
            return
        self._following = True
        try:
            follower.set_view(leader.zoom, self._map_center(leader, follower, inverse=inverse))
        finally:
            self._following = False

    def _map_center(self, leader: ImageCanvas, follower: ImageCanvas, *, inverse: bool) -> QPointF:
        c = leader.center
        h = self._homography
        if h is not None:
            m = np.linalg.inv(h) if inverse else h
            v = m @ np.array([c.x(), c.y(), 1.0])
            if abs(v[2]) > 1e-9 and np.all(np.isfinite(v)):
                return QPointF(float(v[0] / v[2]), float(v[1] / v[2]))
        ls, fs = leader.scene_size, follower.scene_size
        return QPointF(c.x() / ls.width() * fs.width(), c.y() / ls.height() * fs.height())
