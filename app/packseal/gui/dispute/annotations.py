"""Drawing the owner's annotations (box, arrow, text) on the photo or the frame, and editing them.

:class:`Annotations` holds the order's annotations, which one is selected, the
chosen tool and what is on screen (which photo, which frame); the view saves
it (see :mod:`.annotation_store`) whenever it changes. :class:`AnnotationTool` is
a canvas's interaction: with the box or arrow tool a drag draws, with the
text tool a click places a label, with the select tool a click selects and
a drag moves the annotation; the pan tool leaves the mouse to the canvas. Annotations
are drawn with lines and labels of a fixed screen size, so they stay
readable at any zoom.
"""

from __future__ import annotations

import math
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QMouseEvent, QPainter, QPen, QPolygonF

from packseal.core.compare.annotation_store import Annotation
from packseal.gui.image_canvas import ImageCanvas

PAN, SELECT, BOX, ARROW, TEXT = "pan", "select", "box", "arrow", "text"
TOOLS = (PAN, SELECT, BOX, ARROW, TEXT)
ANNOTATION_COLOUR = QColor("#ff2d2d")
SELECTED_COLOUR = QColor("#ffd600")
_LINE_PX = 2.5          # screen pixels
_HIT_PX = 7.0
_MIN_DRAG_PX = 4.0
_LABEL_PX = 14


class Annotations(QObject):
    """The annotations of one dispute, the selection, the tool, and which photo and frame are shown."""

    changed = Signal()            # annotations added, edited or removed: save them
    display_changed = Signal()    # other annotations, photo or frame to show: repaint, nothing to save
    selection_changed = Signal()
    tool_changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[Annotation] = []
        self._selected: int | None = None
        self._tool = PAN
        self._photo_sha256 = ""
        self._frame_t_s: float | None = None
        self.default_text = ""

    # -- annotations ------------------------------------------------------------------------
    @property
    def items(self) -> list[Annotation]:
        return list(self._items)

    def set_items(self, annotations: list[Annotation]) -> None:
        """Replace every annotation (a dispute was opened); not a change to save."""
        self._items = list(annotations)
        self._selected = None
        self.display_changed.emit()
        self.selection_changed.emit()

    def add(self, annotation: Annotation) -> int:
        self._items.append(annotation)
        self.changed.emit()
        self.select(len(self._items) - 1)
        return len(self._items) - 1

    def replace(self, index: int, annotation: Annotation, *, final: bool = True) -> None:
        """Put ``annotation`` in place of number ``index``; ``final=False`` while it is dragged (not saved yet)."""
        if 0 <= index < len(self._items) and self._items[index] != annotation:
            self._items[index] = annotation
            (self.changed if final else self.display_changed).emit()

    def commit(self) -> None:
        """Annotations were changed in steps (``final=False``): announce the result as one change to save."""
        self.changed.emit()

    def remove(self, index: int) -> None:
        if not 0 <= index < len(self._items):
            return
        del self._items[index]
        if self._selected is not None:
            self._selected = None if self._selected == index else self._selected - (self._selected > index)
        self.changed.emit()
        self.selection_changed.emit()

    def remove_selected(self) -> None:
        if self._selected is not None:
            self.remove(self._selected)

    def set_text(self, index: int, text: str) -> None:
        """Change an annotation's label; a text annotation keeps its old label rather than become empty."""
        if not 0 <= index < len(self._items):
            return
        annotation = self._items[index]
        text = " ".join(text.split())
        if annotation.kind == TEXT and not text:
            return
        self.replace(index, replace(annotation, text=text))

    # -- selection and tool ---------------------------------------------------------------
    @property
    def selected(self) -> int | None:
        return self._selected

    def select(self, index: int | None) -> None:
        if index is not None and not 0 <= index < len(self._items):
            index = None
        if index != self._selected:
            self._selected = index
            self.selection_changed.emit()

    @property
    def tool(self) -> str:
        return self._tool

    def set_tool(self, tool: str) -> None:
        if tool not in TOOLS:
            raise ValueError(f"unknown tool {tool!r}")
        if tool in (BOX, ARROW, TEXT):
            self.select(None)  # the label field now speaks of the next annotation, not the last one
        if tool != self._tool:
            self._tool = tool
            self.tool_changed.emit(tool)

    # -- what is on screen ------------------------------------------------------------------
    @property
    def photo_sha256(self) -> str:
        """SHA-256 of the photo shown ('' when none): its annotations are the photo annotations shown."""
        return self._photo_sha256

    @photo_sha256.setter
    def photo_sha256(self, value: str) -> None:
        if value != self._photo_sha256:
            self._photo_sha256 = value
            self.display_changed.emit()

    @property
    def frame_t_s(self) -> float | None:
        """Clip time of the frame shown (None when none is): its annotations are the frame annotations shown."""
        return self._frame_t_s

    @frame_t_s.setter
    def frame_t_s(self, value: float | None) -> None:
        if value != self._frame_t_s:
            self._frame_t_s = value
            self.display_changed.emit()

    def visible(self, image: str) -> list[tuple[int, Annotation]]:
        """(index, annotation) of the annotations on the photo shown, or on the frame shown."""
        if image == "photo":
            return [(i, m) for i, m in enumerate(self._items)
                    if m.image == "photo" and m.photo_sha256 == self.photo_sha256]
        if self.frame_t_s is None:
            return []
        return [(i, m) for i, m in enumerate(self._items) if m.on_frame(self.frame_t_s)]

    def annotation_for(self, image: str, **geometry) -> Annotation:
        """A new annotation on the photo or frame now shown."""
        if image == "photo":
            return Annotation(image="photo", photo_sha256=self.photo_sha256, **geometry)
        return Annotation(image="frame", frame_t_s=self.frame_t_s, **geometry)

    def can_draw_on(self, image: str) -> bool:
        return bool(self.photo_sha256) if image == "photo" else self.frame_t_s is not None


class AnnotationTool:
    """The annotation interaction of one canvas (the photo's or the frame's); see the module docstring."""

    def __init__(self, annotations: Annotations, image: str) -> None:
        self.annotations = annotations
        self.image = image
        self._start: QPointF | None = None
        self._now: QPointF | None = None
        self._moving: tuple[int, Annotation] | None = None

    def drawing(self) -> bool:
        return self.annotations.tool != PAN

    # -- mouse -----------------------------------------------------------------------------
    def press(self, canvas: ImageCanvas, at: QPointF, event: QMouseEvent) -> bool:
        a = self.annotations
        if event.button() != Qt.MouseButton.LeftButton or a.tool == PAN or not a.can_draw_on(self.image):
            return False
        canvas.setFocus()
        if a.tool == SELECT:
            hit = self.hit(canvas, at)
            a.select(hit)
            if hit is None:
                return False  # a press beside every annotation pans
            self._moving = (hit, a.items[hit])
            self._start = at
            return True
        if a.tool == TEXT:
            text = a.default_text.strip() or QCoreApplication.translate("Annotations", "Note")
            a.add(a.annotation_for(self.image, kind=TEXT, x=round(at.x()), y=round(at.y()), text=text))
            return True
        self._start = self._now = at
        return True

    def move(self, canvas: ImageCanvas, at: QPointF, event: QMouseEvent) -> bool:
        if self._start is None:
            return False
        if self._moving is not None:
            index, original = self._moving
            dx, dy = round(at.x() - self._start.x()), round(at.y() - self._start.y())
            self.annotations.replace(index, original.moved(dx, dy), final=False)
        else:
            self._now = at
        canvas.update()
        return True

    def release(self, canvas: ImageCanvas, at: QPointF, event: QMouseEvent) -> bool:
        if self._start is None or event.button() != Qt.MouseButton.LeftButton:
            return False
        start, self._start, self._now = self._start, None, None
        if self._moving is not None:
            index, original = self._moving
            self._moving = None
            dx, dy = round(at.x() - start.x()), round(at.y() - start.y())
            if dx or dy:  # dropped where it is now: a change to keep
                self.annotations.replace(index, original.moved(dx, dy), final=False)
                self.annotations.commit()
            return True
        long_enough = math.dist((start.x(), start.y()), (at.x(), at.y())) * canvas.scale() >= _MIN_DRAG_PX
        a = self.annotations
        if long_enough and a.tool == BOX:
            x0, x1 = sorted((start.x(), at.x()))
            y0, y1 = sorted((start.y(), at.y()))
            a.add(a.annotation_for(self.image, kind=BOX, x=round(x0), y=round(y0), w=max(1, round(x1 - x0)),
                             h=max(1, round(y1 - y0)), text=a.default_text.strip()))
        elif long_enough and a.tool == ARROW:
            a.add(a.annotation_for(self.image, kind=ARROW, x1=round(start.x()), y1=round(start.y()),
                             x2=round(at.x()), y2=round(at.y()), text=a.default_text.strip()))
        canvas.update()
        return True

    def hit(self, canvas: ImageCanvas, at: QPointF) -> int | None:
        """The topmost visible annotation under ``at`` (scene), or None."""
        tol = _HIT_PX / max(canvas.scale(), 1e-6)
        for index, item in reversed(self.annotations.visible(self.image)):
            if item.kind == BOX:
                if QRectF(item.x, item.y, item.w, item.h).adjusted(-tol, -tol, tol, tol).contains(at):
                    return index
            elif item.kind == ARROW:
                if _segment_distance(at, QPointF(item.x1, item.y1), QPointF(item.x2, item.y2)) <= tol:
                    return index
            if item.text and _label_rect(canvas, item).contains(canvas.to_widget(at)):
                return index
        return None

    # -- painting ----------------------------------------------------------------------------
    def paint(self, canvas: ImageCanvas, painter: QPainter) -> None:
        selected = self.annotations.selected
        for index, item in self.annotations.visible(self.image):
            paint_annotation(canvas, painter, item, SELECTED_COLOUR if index == selected else ANNOTATION_COLOUR)
        if self._start is not None and self._now is not None and self._moving is None:
            draft = self._draft()
            if draft is not None:
                paint_annotation(canvas, painter, draft, ANNOTATION_COLOUR, dashed=True)

    def _draft(self) -> Annotation | None:
        s, e = self._start, self._now
        assert s is not None and e is not None
        if self.annotations.tool == BOX:
            return Annotation(image=self.image, kind=BOX, x=round(min(s.x(), e.x())), y=round(min(s.y(), e.y())),
                        w=max(1, round(abs(e.x() - s.x()))), h=max(1, round(abs(e.y() - s.y()))))
        if self.annotations.tool == ARROW:
            return Annotation(image=self.image, kind=ARROW, x1=round(s.x()), y1=round(s.y()), x2=round(e.x()),
                        y2=round(e.y()))
        return None


def _segment_distance(p: QPointF, a: QPointF, b: QPointF) -> float:
    ax, ay, bx, by, px, py = a.x(), a.y(), b.x(), b.y(), p.x(), p.y()
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def _anchor(annotation: Annotation) -> QPointF:
    """Where an annotation's label sits (its bottom-left corner), as the evidence pack places it: above x, y."""
    if annotation.kind == ARROW:
        return QPointF(annotation.x1, annotation.y1)
    return QPointF(annotation.x, annotation.y)


def _label_font() -> QFont:
    font = QFont()
    font.setPixelSize(_LABEL_PX)
    font.setBold(True)
    return font


def _label_rect(canvas: ImageCanvas, annotation: Annotation) -> QRectF:
    """The label's box in widget coordinates."""
    metrics = QFontMetricsF(_label_font())
    pad = 4.0
    width = metrics.horizontalAdvance(annotation.text) + 2 * pad
    height = metrics.height() + 2 * pad
    at = canvas.to_widget(_anchor(annotation))
    return QRectF(at.x(), at.y() - height - 2, width, height)


def paint_annotation(canvas: ImageCanvas, painter: QPainter, annotation: Annotation, colour: QColor, *,
                     dashed: bool = False) -> None:
    """Draw ``annotation`` (painter in scene coordinates) with lines and label of a fixed screen size."""
    s = max(canvas.scale(), 1e-6)
    pen = QPen(colour, _LINE_PX / s)
    pen.setStyle(Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    halo = QPen(QColor(255, 255, 255, 200), (_LINE_PX + 2.5) / s)
    if annotation.kind == BOX:
        rect = QRectF(annotation.x, annotation.y, annotation.w, annotation.h)
        for p in (halo, pen):
            painter.setPen(p)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect)
    elif annotation.kind == ARROW:
        start, end = QPointF(annotation.x1, annotation.y1), QPointF(annotation.x2, annotation.y2)
        head = _arrow_head(start, end, 14.0 / s)
        for p in (halo, pen):
            painter.setPen(p)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawLine(start, end)
            painter.setBrush(p.color())
            painter.drawPolygon(head)
    if annotation.text:
        painter.save()
        painter.resetTransform()
        rect = _label_rect(canvas, annotation)
        painter.setPen(QPen(colour, 1.5))
        painter.setBrush(QColor(255, 255, 255, 235))
        painter.drawRect(rect)
        painter.setFont(_label_font())
        painter.setPen(colour if colour != SELECTED_COLOUR else QColor("#8d6e00"))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), annotation.text)
        painter.restore()


def _arrow_head(start: QPointF, end: QPointF, size: float) -> QPolygonF:
    angle = math.atan2(end.y() - start.y(), end.x() - start.x())
    left = QPointF(end.x() - size * math.cos(angle - 0.45), end.y() - size * math.sin(angle - 0.45))
    right = QPointF(end.x() - size * math.cos(angle + 0.45), end.y() - size * math.sin(angle + 0.45))
    return QPolygonF([end, left, right])


__all__ = ["ARROW", "BOX", "PAN", "SELECT", "TEXT", "TOOLS", "Annotations", "AnnotationTool", "paint_annotation"]
