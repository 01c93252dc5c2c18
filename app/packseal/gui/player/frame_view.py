"""The picture of the player, with zoom and pan.

Zoom 1 fits the whole frame in the widget; zooming keeps the picture point
under the mouse (or the centre, from the keyboard) where it is, so the owner
can close in on a label or a corner of the parcel. Past 2× the pixels are
drawn sharp (no smoothing): a frame under examination should show what was
recorded, not what interpolation makes of it.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QResizeEvent,
                           QWheelEvent)
from PySide6.QtWidgets import QSizePolicy, QWidget

MIN_ZOOM = 1.0
MAX_ZOOM = 32.0
ZOOM_STEP = 1.25


class FrameView(QWidget):
    """Paints one QImage scaled to fit, times the zoom, shifted by the pan."""

    zoom_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, 160)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._image: QImage | None = None
        self._zoom = MIN_ZOOM
        self._center = QPointF()  # picture point shown at the middle of the widget
        self._drag_from: QPointF | None = None
        self._message = ""

    # -- what to show ---------------------------------------------------------------
    @property
    def image(self) -> QImage | None:
        return self._image

    def set_image(self, image: QImage) -> None:
        """Show ``image``; the zoom and pan stay when the size stays (stepping frames)."""
        same_size = self._image is not None and self._image.size() == image.size()
        self._image = image
        self._message = ""
        if not same_size:
            self._zoom = MIN_ZOOM
            self._center = QPointF(image.width() / 2, image.height() / 2)
            self.zoom_changed.emit(self._zoom)
        self.update()

    def set_message(self, text: str) -> None:
        """Show ``text`` instead of a picture (loading, or why there is none)."""
        self._image = None
        self._message = text
        if self._zoom != MIN_ZOOM:
            self._zoom = MIN_ZOOM
            self.zoom_changed.emit(self._zoom)
        self.update()

    # -- zoom and pan ---------------------------------------------------------------
    @property
    def zoom(self) -> float:
        return self._zoom

    @property
    def center(self) -> QPointF:
        """The picture point at the middle of the view."""
        return QPointF(self._center)

    def set_zoom(self, zoom: float, anchor: QPointF | None = None) -> None:
        """Zoom to ``zoom`` (1 = fit) keeping the picture point under ``anchor`` (widget coords) in place."""
        if self._image is None:
            return
        zoom = min(max(zoom, MIN_ZOOM), MAX_ZOOM)
        anchor = anchor if anchor is not None else QPointF(self.width() / 2, self.height() / 2)
        widget_mid = QPointF(self.width() / 2, self.height() / 2)
        under = self._center + (anchor - widget_mid) / self._scale()
        self._zoom = zoom
        self._center = under - (anchor - widget_mid) / self._scale()
        self._clamp()
        self.zoom_changed.emit(self._zoom)
        self.update()

    def zoom_in(self) -> None:
        self.set_zoom(self._zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom / ZOOM_STEP)

    def reset_view(self) -> None:
        """Fit the whole frame again."""
        if self._image is not None:
            self._center = QPointF(self._image.width() / 2, self._image.height() / 2)
        self.set_zoom(MIN_ZOOM)

    def pan_by(self, dx: float, dy: float) -> None:
        """Move the picture by (dx, dy) widget pixels (positive: the picture moves right/down)."""
        if self._image is None:
            return
        self._center -= QPointF(dx, dy) / self._scale()
        self._clamp()
        self.update()

    def picture_rect(self) -> QRectF:
        """Where the picture is drawn, in widget coordinates."""
        if self._image is None:
            return QRectF()
        scale = self._scale()
        mid = QPointF(self.width() / 2, self.height() / 2)
        top_left = mid - self._center * scale
        return QRectF(top_left.x(), top_left.y(), self._image.width() * scale, self._image.height() * scale)

    def _fit_scale(self) -> float:
        assert self._image is not None
        return min(self.width() / max(1, self._image.width()), self.height() / max(1, self._image.height()))

    def _scale(self) -> float:
        return self._fit_scale() * self._zoom

    def _clamp(self) -> None:
        """Keep the picture covering the view where it can (no panning off into the dark)."""
        assert self._image is not None
        scale = self._scale()
        for axis, (size, view) in enumerate(((self._image.width(), self.width()),
                                             (self._image.height(), self.height()))):
            half = view / 2 / scale
            low, high = half, size - half
            value = self._center.x() if axis == 0 else self._center.y()
            value = size / 2 if low > high else min(max(value, low), high)
            if axis == 0:
                self._center.setX(value)
            else:
                self._center.setY(value)

    # -- Qt events ------------------------------------------------------------------
    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(640, 360)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#101214"))
        if self._image is not None:
            scale = self._scale()
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, scale < 2.0)
            painter.drawImage(self.picture_rect(), self._image)
        elif self._message:
            painter.setPen(QColor("#e0e0e0"))
            margin = 24
            painter.drawText(self.rect().adjusted(margin, margin, -margin, -margin),
                             int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), self._message)
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        if self._image is not None:
            self._clamp()
        super().resizeEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        steps = event.angleDelta().y() / 120
        if steps and self._image is not None:
            self.set_zoom(self._zoom * ZOOM_STEP ** steps, event.position())
            event.accept()
        else:
            event.ignore()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton and self._image is not None:
            self._drag_from = event.position()
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._drag_from is not None:
            delta = event.position() - self._drag_from
            self._drag_from = event.position()
            self.pan_by(delta.x(), delta.y())
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag_from = None
            self.unsetCursor()
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.reset_view()
        super().mouseDoubleClickEvent(event)
