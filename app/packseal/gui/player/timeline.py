"""The timeline: one step per frame, a click jumps there, dragging scrubs frame by frame."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QSlider, QStyle, QStyleOptionSlider, QWidget


class Timeline(QSlider):
    """A horizontal slider over frame indexes; :attr:`scrubbed` carries what the user picked.

    Programmatic moves (:meth:`show_frame`) do not emit it, so the player can
    follow playback without asking for the frames it already shows.
    """

    scrubbed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setRange(0, 0)
        self.setSingleStep(1)
        self.setPageStep(1)
        self.setTracking(True)
        # Keys belong to the player (arrows step frames); the slider is for the mouse.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.sliderMoved.connect(self.scrubbed)

    def set_frame_count(self, count: int) -> None:
        self.blockSignals(True)
        self.setRange(0, max(0, count - 1))
        self.setPageStep(max(1, count // 20))
        self.setValue(0)
        self.blockSignals(False)

    def show_frame(self, index: int) -> None:
        """Move the handle to ``index`` without announcing a scrub."""
        if self.isSliderDown():
            return  # the user is dragging; their hand wins
        self.blockSignals(True)
        self.setValue(index)
        self.blockSignals(False)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        # A click on the groove jumps to that frame (QSlider's default pages towards it).
        if event.button() == Qt.MouseButton.LeftButton and not self._on_handle(event):
            value = self._value_at(event.position().x())
            self.setValue(value)
            self.scrubbed.emit(value)
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        event.ignore()  # let the player handle the keys

    def _on_handle(self, event: QMouseEvent) -> bool:
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        handle = self.style().subControlRect(QStyle.ComplexControl.CC_Slider, option,
                                             QStyle.SubControl.SC_SliderHandle, self)
        return handle.contains(event.position().toPoint())

    def _value_at(self, x: float) -> int:
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        groove = self.style().subControlRect(QStyle.ComplexControl.CC_Slider, option,
                                             QStyle.SubControl.SC_SliderGroove, self)
        handle = self.style().subControlRect(QStyle.ComplexControl.CC_Slider, option,
                                             QStyle.SubControl.SC_SliderHandle, self)
        span = groove.width() - handle.width()
        pos = int(x - groove.x() - handle.width() / 2)
        return QStyle.sliderValueFromPosition(self.minimum(), self.maximum(), max(0, min(pos, span)), span)
