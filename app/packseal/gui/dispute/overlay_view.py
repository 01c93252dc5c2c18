"""The frame aligned onto the photo: an opacity slider, a swipe divider and a blink mode.

The frame arrives already warped onto the photo (see
:func:`packseal.core.compare.alignment.align_frame`), with a mask of where it reaches; the
canvas paints the photo and the frame over it. Three ways to look:

* opacity: 0 shows the photo, 100 the frame, in between a blend;
* swipe: the frame only left of a divider the owner drags across the item;
* blink: photo and frame alternate twice a second, which makes a small
  change (a crack, a dent, a missing part) jump out to the eye.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSizeF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget

from packseal.gui.image_canvas import ImageCanvas
from packseal.gui.dispute.messages import HINT_COLOUR

BLINK_INTERVAL_MS = 500  # photo, frame, photo …: two changes a second
_GRAB_PX = 8.0
DIVIDER = QColor("#ffd600")


class OverlayCanvas(ImageCanvas):
    """Photo with the aligned frame over it; see the module docstring."""

    divider_moved = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self._frame: QImage | None = None
        self.opacity = 0.5
        self.swipe = False
        self.divider = 0.5           # share of the photo's width
        self.blinking = False
        self.blink_shows_frame = False
        self._dragging_divider = False

    def set_layers(self, photo: QImage, scene: QSizeF, frame: QImage | None) -> None:
        """``photo`` over ``scene`` (full photo pixels); ``frame`` the warped frame with transparency outside it."""
        self._frame = frame
        self.set_picture(photo, scene)

    def set_layers_none(self, message: str) -> None:
        """Nothing to overlay: show ``message``."""
        self._frame = None
        self.set_message(message)

    @property
    def frame_image(self) -> QImage | None:
        return self._frame

    def paint_picture(self, painter: QPainter) -> None:
        super().paint_picture(painter)
        if self._frame is None:
            return
        rect = QRectF(QPointF(0, 0), self.scene_size)
        if self.blinking:
            if self.blink_shows_frame:
                painter.drawImage(rect, self._frame)
            return
        painter.save()
        if self.swipe:
            painter.setClipRect(QRectF(0, 0, self.divider * rect.width(), rect.height()))
        painter.setOpacity(self.opacity)
        painter.drawImage(rect, self._frame)
        painter.restore()

    def paint_over(self, painter: QPainter) -> None:
        if not self.swipe or self.blinking or self._frame is None:
            return
        x = self.divider * self.scene_size.width()
        s = max(self.scale(), 1e-6)
        painter.setPen(QPen(QColor(0, 0, 0, 160), 4.0 / s))
        painter.drawLine(QPointF(x, 0), QPointF(x, self.scene_size.height()))
        painter.setPen(QPen(DIVIDER, 2.0 / s))
        painter.drawLine(QPointF(x, 0), QPointF(x, self.scene_size.height()))
        # a handle in the middle of the view's height, so there is something to grab
        mid = self.to_scene(QPointF(0, self.height() / 2)).y()
        painter.setBrush(DIVIDER)
        painter.drawEllipse(QPointF(x, mid), 7.0 / s, 7.0 / s)

    def set_divider(self, share: float) -> None:
        self.divider = min(max(share, 0.0), 1.0)
        self.divider_moved.emit(self.divider)
        self.update()

    def _near_divider(self, pos: QPointF) -> bool:
        if not self.swipe or self.blinking or self.scene_size.isEmpty():
            return False
        x = self.to_widget(QPointF(self.divider * self.scene_size.width(), 0)).x()
        return abs(pos.x() - x) <= _GRAB_PX

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton and self._near_divider(event.position()):
            self._dragging_divider = True
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._dragging_divider:
            at = self.to_scene(event.position())
            self.set_divider(at.x() / self.scene_size.width())
            return
        if event.buttons() == Qt.MouseButton.NoButton:
            if self._near_divider(event.position()):
                self.setCursor(Qt.CursorShape.SplitHCursor)
            else:
                self.unsetCursor()
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._dragging_divider:
            self._dragging_divider = False
            return
        super().mouseReleaseEvent(event)


class OverlayView(QWidget):
    """The overlay canvas with its controls: opacity, swipe, blink."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel(self)
        self.canvas = OverlayCanvas(self)
        self.canvas.setObjectName("disputeOverlayCanvas")
        self.opacity_label = QLabel(self)
        self.opacity_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.opacity_slider.setRange(0, 100)
        self.opacity_slider.setValue(50)
        self.opacity_slider.setPageStep(10)
        self.opacity_value = QLabel(self)
        self.opacity_value.setMinimumWidth(self.opacity_value.fontMetrics().horizontalAdvance("100 %") + 4)
        self.swipe_box = QCheckBox(self)
        self.blink_button = QPushButton(self)
        self.blink_button.setCheckable(True)
        self.hint = QLabel(self)
        self.hint.setStyleSheet(f"color: {HINT_COLOUR};")

        controls = QHBoxLayout()
        controls.addWidget(self.opacity_label)
        controls.addWidget(self.opacity_slider, 2)
        controls.addWidget(self.opacity_value)
        controls.addSpacing(16)
        controls.addWidget(self.swipe_box)
        controls.addSpacing(8)
        controls.addWidget(self.blink_button)
        controls.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.canvas, 1)
        layout.addLayout(controls)
        layout.addWidget(self.hint)

        self._blink = QTimer(self)
        self._blink.setInterval(BLINK_INTERVAL_MS)
        self._blink.timeout.connect(self._toggle_blink)
        self.opacity_slider.valueChanged.connect(self._opacity_changed)
        self.swipe_box.toggled.connect(self._swipe_toggled)
        self.blink_button.toggled.connect(self.set_blinking)
        self.retranslate()
        self._opacity_changed(self.opacity_slider.value())

    def set_layers(self, photo: QImage, scene: QSizeF, frame: QImage | None, caption: str) -> None:
        self.caption.setText(caption)
        self.canvas.set_layers(photo, scene, frame)

    def clear(self, message: str = "") -> None:
        self.set_blinking(False)
        self.caption.setText("")
        self.canvas.set_layers_none(message)

    # -- controls ---------------------------------------------------------------------------
    def _opacity_changed(self, value: int) -> None:
        self.canvas.opacity = value / 100
        self.opacity_value.setText(f"{value} %")
        self.canvas.update()

    def _swipe_toggled(self, on: bool) -> None:
        self.canvas.swipe = on
        self.canvas.update()
        self._update_hint()

    def set_blinking(self, on: bool) -> None:
        """Alternate photo and frame (twice a second) while ``on``."""
        if self.blink_button.isChecked() != on:
            self.blink_button.setChecked(on)  # comes back here through toggled
            return
        self.canvas.blinking = on
        self.canvas.blink_shows_frame = on
        if on and self.isVisible():
            self._blink.start()
        else:
            self._blink.stop()
        self.opacity_slider.setEnabled(not on)
        self.swipe_box.setEnabled(not on)
        self.canvas.update()
        self._update_hint()

    def _toggle_blink(self) -> None:
        self.canvas.blink_shows_frame = not self.canvas.blink_shows_frame
        self.canvas.update()

    @property
    def blinking(self) -> bool:
        return self.canvas.blinking

    # -- texts and visibility ------------------------------------------------------------------
    def _update_hint(self) -> None:
        if self.canvas.blinking:
            self.hint.setText(self.tr("Blinking: the photo and the frame take turns; "
                                      "what changes between them is what differs."))
        elif self.canvas.swipe:
            self.hint.setText(self.tr("Drag the yellow divider across the item: the frame is on its left, "
                                      "the photo on its right."))
        else:
            self.hint.setText(self.tr("Wheel: zoom · drag: move · double-click: fit"))

    def retranslate(self) -> None:
        self.opacity_label.setText(self.tr("Frame opacity"))
        self.swipe_box.setText(self.tr("Swipe"))
        self.swipe_box.setToolTip(self.tr("Show the frame only on one side of a divider you can drag"))
        self.blink_button.setText(self.tr("Blink"))
        self.blink_button.setToolTip(self.tr("Alternate the photo and the frame twice a second"))
        self.opacity_slider.setToolTip(self.tr("0: the photo only · 100: the frame only"))
        self._update_hint()

    def showEvent(self, event) -> None:  # noqa: N802
        if self.canvas.blinking:
            self._blink.start()
        super().showEvent(event)

    def hideEvent(self, event) -> None:  # noqa: N802
        self._blink.stop()  # no repainting of a picture nobody sees
        super().hideEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
