"""A zoomable, pannable picture whose coordinates are the image's own pixels.

Every picture of the dispute view (photo, frame, overlay, heatmap, error
levels) and the library player's frame is an :class:`ImageCanvas`. The canvas has a *scene*: the image's
full-size pixel grid (the refund photo at full size even when the decoded
copy shown is smaller, the clip frame at its decoded size). Zoom 1 fits the
scene in the widget; the wheel zooms around the point under the cursor, a
drag pans, a double click fits again. Subclasses and the annotation tool
draw in scene coordinates, so region boxes and annotations stay on the item at
every zoom. Past 2× the pixels are drawn sharp (no smoothing): a picture
under examination should show what was recorded, not what interpolation
makes of it.

An *interaction* (the annotation tool) may claim mouse presses before the
canvas pans; see :class:`Interaction`.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QPointF, QRectF, QSize, QSizeF, Qt, Signal
from PySide6.QtGui import (QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QResizeEvent, QTransform,
                           QWheelEvent)
from PySide6.QtWidgets import QSizePolicy, QWidget

MIN_ZOOM = 1.0
MAX_ZOOM = 40.0
ZOOM_STEP = 1.25
BACKGROUND = QColor("#16181a")


class Interaction(Protocol):
    """Mouse handling a canvas offers first to its tool; each returns True when it took the event."""

    def press(self, canvas: ImageCanvas, at: QPointF, event: QMouseEvent) -> bool: ...
    def move(self, canvas: ImageCanvas, at: QPointF, event: QMouseEvent) -> bool: ...
    def release(self, canvas: ImageCanvas, at: QPointF, event: QMouseEvent) -> bool: ...
    def paint(self, canvas: ImageCanvas, painter: QPainter) -> None: ...
    def drawing(self) -> bool: ...  # True while a drawing tool is chosen (a double click does not fit)


class ImageCanvas(QWidget):
    """Paints a picture into its scene rectangle, zoomed and panned; see the module docstring."""

    view_changed = Signal()     # the user zoomed or panned (not emitted by set_view)
    zoom_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None, *, background: QColor = BACKGROUND,
                 size_hint: QSize = QSize(560, 420)) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 150)
        self._background = QColor(background)
        self._size_hint = QSize(size_hint)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._image: QImage | None = None
        self._scene = QSizeF()
        self._zoom = MIN_ZOOM
        self._center = QPointF()
        self._drag_from: QPointF | None = None
        self._message = ""
        self.interaction: Interaction | None = None

    # -- what to show ---------------------------------------------------------------
    @property
    def image(self) -> QImage | None:
        return self._image

    @property
    def scene_size(self) -> QSizeF:
        return QSizeF(self._scene)

    @property
    def message(self) -> str:
        return self._message

    def set_picture(self, image: QImage | None, scene_size: QSizeF | QSize | None = None) -> None:
        """Show ``image`` stretched over ``scene_size`` (default: its own size). The view is kept when the scene is."""
        if image is None:
            self._image, self._scene = None, QSizeF()
            self.update()
            return
        scene = QSizeF(scene_size) if scene_size is not None else QSizeF(image.size())
        same = scene == self._scene
        self._image, self._scene, self._message = image, scene, ""
        if not same:
            self._zoom = MIN_ZOOM
            self._center = QPointF(scene.width() / 2, scene.height() / 2)
            self.zoom_changed.emit(self._zoom)
        self.update()

    def set_message(self, text: str) -> None:
        """Show ``text`` instead of a picture (loading, or why there is none)."""
        self._image, self._scene, self._message = None, QSizeF(), text
        if self._zoom != MIN_ZOOM:
            self._zoom = MIN_ZOOM
            self.zoom_changed.emit(self._zoom)
        self.update()

    # -- geometry -----------------------------------------------------------------------
    @property
    def zoom(self) -> float:
        return self._zoom

    @property
    def center(self) -> QPointF:
        """The scene point at the middle of the widget."""
        return QPointF(self._center)

    def fit_scale(self) -> float:
        if self._scene.isEmpty():
            return 1.0
        return min(self.width() / self._scene.width(), self.height() / self._scene.height())

    def scale(self) -> float:
        """Widget pixels per scene pixel."""
        return self.fit_scale() * self._zoom

    def scene_transform(self) -> QTransform:
        """Scene → widget coordinates."""
        s = self.scale()
        t = QTransform()
        t.translate(self.width() / 2, self.height() / 2)
        t.scale(s, s)
        t.translate(-self._center.x(), -self._center.y())
        return t

    def to_widget(self, point: QPointF) -> QPointF:
        return self.scene_transform().map(point)

    def to_scene(self, point: QPointF) -> QPointF:
        inverted, ok = self.scene_transform().inverted()
        return inverted.map(point) if ok else QPointF()

    def set_view(self, zoom: float, center: QPointF) -> None:
        """Zoom and centre on ``center`` (scene) as a follower: no ``view_changed``, loose clamping."""
        if self._scene.isEmpty():
            return
        self._zoom = min(max(zoom, MIN_ZOOM), MAX_ZOOM)
        if self._zoom <= MIN_ZOOM + 1e-6:
            self._center = QPointF(self._scene.width() / 2, self._scene.height() / 2)
        else:
            self._center = QPointF(min(max(center.x(), 0.0), self._scene.width()),
                                   min(max(center.y(), 0.0), self._scene.height()))
        self.zoom_changed.emit(self._zoom)
        self.update()

    def zoom_at(self, zoom: float, anchor: QPointF | None = None) -> None:
        """Zoom to ``zoom`` keeping the scene point under ``anchor`` (widget) in place; a user action."""
        if self._scene.isEmpty():
            return
        anchor = anchor if anchor is not None else QPointF(self.width() / 2, self.height() / 2)
        under = self.to_scene(anchor)
        self._zoom = min(max(zoom, MIN_ZOOM), MAX_ZOOM)
        mid = QPointF(self.width() / 2, self.height() / 2)
        self._center = under - (anchor - mid) / self.scale()
        self._clamp()
        self.zoom_changed.emit(self._zoom)
        self.view_changed.emit()
        self.update()

    def zoom_in(self) -> None:
        """One step closer, around the middle of the view; a user action."""
        self.zoom_at(self._zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        """One step back, around the middle of the view; a user action."""
        self.zoom_at(self._zoom / ZOOM_STEP)

    def picture_rect(self) -> QRectF:
        """Where the whole picture is drawn, in widget coordinates (empty without one)."""
        if self._scene.isEmpty():
            return QRectF()
        return self.scene_transform().mapRect(QRectF(QPointF(0, 0), self._scene))

    def pan_by(self, dx: float, dy: float) -> None:
        """Move the picture by (dx, dy) widget pixels; a user action."""
        if self._scene.isEmpty():
            return
        self._center -= QPointF(dx, dy) / self.scale()
        self._clamp()
        self.view_changed.emit()
        self.update()

    def reset_view(self) -> None:
        """Fit the whole picture again; a user action."""
        if self._scene.isEmpty():
            return
        self._zoom = MIN_ZOOM
        self._center = QPointF(self._scene.width() / 2, self._scene.height() / 2)
        self.zoom_changed.emit(self._zoom)
        self.view_changed.emit()
        self.update()

    def show_scene_rect(self, rect: QRectF) -> None:
        """Zoom and pan so that ``rect`` (scene) fills about a third of the view, with its surroundings."""
        if self._scene.isEmpty() or rect.isEmpty():
            return
        fit = self.fit_scale()
        want = min(self.width() / rect.width(), self.height() / rect.height()) / 3
        self._zoom = min(max(want / fit, MIN_ZOOM), MAX_ZOOM)
        self._center = rect.center()
        self._clamp()
        self.zoom_changed.emit(self._zoom)
        self.view_changed.emit()
        self.update()

    def _clamp(self) -> None:
        """Keep the picture covering the view where it can (no panning off into the dark)."""
        s = self.scale()
        for axis, (size, view) in enumerate(((self._scene.width(), self.width()),
                                             (self._scene.height(), self.height()))):
            half = view / 2 / s
            low, high = half, size - half
            value = self._center.x() if axis == 0 else self._center.y()
            value = size / 2 if low > high else min(max(value, low), high)
            if axis == 0:
                self._center.setX(value)
            else:
                self._center.setY(value)

    # -- painting -------------------------------------------------------------------------
    def paint_picture(self, painter: QPainter) -> None:
        """Draw the picture (painter in scene coordinates). Subclasses compose theirs here."""
        if self._image is not None:
            painter.drawImage(QRectF(QPointF(0, 0), self._scene), self._image)

    def paint_over(self, painter: QPainter) -> None:
        """Draw on top of the picture (painter in scene coordinates): boxes, annotations."""

    def pixels_sharp(self) -> bool:
        """True when the image's pixels are drawn enlarged past 2× (then without smoothing)."""
        if self._image is None or self._image.width() == 0:
            return False
        return self.scale() * self._scene.width() / self._image.width() >= 2.0

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self._size_hint)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), self._background)
        if self._image is not None:
            painter.save()
            painter.setTransform(self.scene_transform())
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, not self.pixels_sharp())
            self.paint_picture(painter)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            self.paint_over(painter)
            if self.interaction is not None:
                self.interaction.paint(self, painter)
            painter.restore()
        elif self._message:
            painter.setPen(QColor("#e0e0e0"))
            margin = 24
            painter.drawText(self.rect().adjusted(margin, margin, -margin, -margin),
                             int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), self._message)
        painter.end()

    # -- Qt events ----------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        if not self._scene.isEmpty():
            self._clamp()
        super().resizeEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        steps = event.angleDelta().y() / 120
        if steps and not self._scene.isEmpty():
            self.zoom_at(self._zoom * ZOOM_STEP ** steps, event.position())
            event.accept()
        else:
            event.ignore()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._scene.isEmpty():
            return super().mousePressEvent(event)
        at = self.to_scene(event.position())
        if self.interaction is not None and self.interaction.press(self, at, event):
            event.accept()
            return
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag_from = event.position()
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._drag_from is not None:
            delta = event.position() - self._drag_from
            self._drag_from = event.position()
            self.pan_by(delta.x(), delta.y())
            return
        if self.interaction is not None and not self._scene.isEmpty():
            if self.interaction.move(self, self.to_scene(event.position()), event):
                return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._drag_from is not None and event.button() == Qt.MouseButton.LeftButton:
            self._drag_from = None
            self.unsetCursor()
            return
        if self.interaction is not None and not self._scene.isEmpty():
            if self.interaction.release(self, self.to_scene(event.position()), event):
                return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        # With a drawing tool the second click of a double click is not another annotation.
        if self.interaction is None or not self.interaction.drawing():
            self.reset_view()
        event.accept()
