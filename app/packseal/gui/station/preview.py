"""The live camera picture, with the guide rectangle for barcodes read by the camera.

Capture runs on the core's camera thread; the preview only polls the
station's newest frame about 30 times a second. A frame is shrunk to the
widget's size once (OpenCV, far cheaper than scaling while painting) and
wrapped in a QImage without another copy; painting is then a plain blit.
"""

from __future__ import annotations

import time
from typing import Callable

import cv2
import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from packseal.core.capture.barcode import GUIDE_ROI, Roi
from packseal.core.capture.frame import Frame
from packseal.gui.qimage import bgr_to_qimage
from packseal.gui.theme import scaled_font

FrameProvider = Callable[[], Frame | None]

__all__ = ["GUIDE_ROI", "FrameProvider", "PreviewWidget"]


class PreviewWidget(QWidget):
    """Shows the newest frame, scaled with its aspect ratio kept, and the scan guide."""

    first_frame_shown = Signal()

    def __init__(self, parent: QWidget | None = None, *, poll_hz: float = 30.0) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 180)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # we paint every pixel
        self._provider: FrameProvider | None = None
        self._frame: Frame | None = None
        self._scaled: np.ndarray | None = None  # keeps the QImage's pixels alive
        self._image: QImage | None = None
        self._guide: Roi | None = None
        self._placeholder = ""
        self._caption = ""
        self.frames_shown = 0
        self._fps_count, self._fps_t0, self.fps = 0, time.monotonic(), 0.0
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(max(5, round(1000 / poll_hz)))
        self._timer.timeout.connect(self._poll)

    # -- what to show -------------------------------------------------------------
    def set_provider(self, provider: FrameProvider | None) -> None:
        """Poll ``provider`` for frames (None: stop and show the placeholder)."""
        self._provider = provider
        self._frame = self._scaled = self._image = None
        if provider is None:
            self._timer.stop()
        else:
            self._timer.start()
        self.update()

    def set_guide(self, roi: Roi | None) -> None:
        """Draw the barcode guide over this part of the picture (None: no guide)."""
        self._guide = roi
        self.update()

    def set_placeholder(self, text: str) -> None:
        """Text shown while there is no picture (starting, restarting, camera failed)."""
        self._placeholder = text
        self.update()

    def set_caption(self, text: str) -> None:
        """A name in the picture's top left corner ("Second camera"; "" for none)."""
        self._caption = text
        self.update()

    @property
    def caption(self) -> str:
        return self._caption

    @property
    def placeholder(self) -> str:
        return self._placeholder

    @property
    def showing(self) -> bool:
        """A picture is on screen (not the placeholder)."""
        return self._image is not None

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(960, 540)

    # -- frames ---------------------------------------------------------------------
    def _poll(self) -> None:
        frame = self._provider() if self._provider is not None else None
        if frame is None or frame is self._frame:
            return
        self._frame = frame
        self._rescale()
        self.frames_shown += 1
        self._fps_count += 1
        now = time.monotonic()
        if now - self._fps_t0 >= 1.0:
            self.fps = self._fps_count / (now - self._fps_t0)
            self._fps_count, self._fps_t0 = 0, now
        self.update()
        if self.frames_shown == 1:
            self.first_frame_shown.emit()

    def _rescale(self) -> None:
        frame = self._frame
        if frame is None:
            return
        image = frame.image
        h, w = image.shape[:2]
        ratio = self.devicePixelRatioF()
        box_w, box_h = max(1, round(self.width() * ratio)), max(1, round(self.height() * ratio))
        scale = min(box_w / w, box_h / h)
        tw, th = max(1, round(w * scale)), max(1, round(h * scale))
        if (tw, th) == (w, h):
            scaled = image  # the core hands over a finished frame it no longer writes to
        else:
            # INTER_AREA keeps fine detail (the label, the overlay text) when shrinking a lot.
            method = cv2.INTER_AREA if scale < 0.67 else cv2.INTER_LINEAR
            scaled = cv2.resize(image, (tw, th), interpolation=method)
        scaled = np.ascontiguousarray(scaled)
        self._scaled = scaled
        qimage = bgr_to_qimage(scaled, copy=False)  # self._scaled keeps the pixels alive
        qimage.setDevicePixelRatio(ratio)
        self._image = qimage

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._rescale()

    # -- painting -------------------------------------------------------------------
    def image_rect(self) -> QRectF:
        """Where the picture is drawn, in widget coordinates (empty before the first frame)."""
        if self._image is None:
            return QRectF()
        size = self._image.deviceIndependentSize()
        return QRectF((self.width() - size.width()) / 2, (self.height() - size.height()) / 2,
                      size.width(), size.height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#101418"))
        if self._image is None:
            painter.setPen(QColor("#cfd8dc"))
            painter.setFont(scaled_font(self.font(), max(16, self.height() // 18)))
            painter.drawText(self.rect().adjusted(20, 20, -20, -20),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._placeholder)
            self._paint_caption(painter, QRectF(self.rect()))
            return
        target = self.image_rect()
        painter.drawImage(target.topLeft(), self._image)
        if self._guide is not None:
            self._paint_guide(painter, target)
        self._paint_caption(painter, target)

    def _paint_caption(self, painter: QPainter, target: QRectF) -> None:
        if not self._caption:
            return
        painter.setFont(scaled_font(self.font(), max(11, min(18, round(self.height() / 22))), bold=True))
        metrics = painter.fontMetrics()
        pad = 5
        # Top centre: the burned-in overlay leaves it free (station name top left, time top right,
        # order bottom left, QR code bottom right), so the caption never hides what the clip shows.
        width = metrics.horizontalAdvance(self._caption) + 2 * pad
        box = QRectF(target.center().x() - width / 2, target.top() + 6, width, metrics.height() + 2 * pad)
        painter.fillRect(box, QColor(0, 0, 0, 170))
        painter.setPen(QColor("#ffffff"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self._caption)

    def _paint_guide(self, painter: QPainter, target: QRectF) -> None:
        x, y, w, h = self._guide
        box = QRectF(target.x() + x * target.width(), target.y() + y * target.height(),
                     w * target.width(), h * target.height())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        dashed = QPen(QColor(255, 255, 255, 150), 2, Qt.PenStyle.DashLine)
        painter.setPen(dashed)
        painter.drawRect(box)
        # Solid corners: the guide reads as a viewfinder even over a busy picture.
        corner = min(box.width(), box.height()) * 0.12
        solid = QPen(QColor(255, 214, 0, 230), 4)
        solid.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(solid)
        for cx, cy, dx, dy in ((box.left(), box.top(), 1, 1), (box.right(), box.top(), -1, 1),
                               (box.left(), box.bottom(), 1, -1), (box.right(), box.bottom(), -1, -1)):
            painter.drawLine(QLineF(QPointF(cx, cy), QPointF(cx + dx * corner, cy)))
            painter.drawLine(QLineF(QPointF(cx, cy), QPointF(cx, cy + dy * corner)))
        caption = self.tr("Camera scan area")
        painter.setFont(scaled_font(self.font(), max(11, round(target.height() / 32))))
        metrics = painter.fontMetrics()
        pad = 4
        text_rect = QRectF(box.left(), box.top() - metrics.height() - 2 * pad - 4,
                           metrics.horizontalAdvance(caption) + 2 * pad, metrics.height() + 2 * pad)
        if text_rect.top() < target.top():
            text_rect.moveTop(box.top() + 6)
            text_rect.moveLeft(box.left() + 6)
        painter.fillRect(text_rect, QColor(0, 0, 0, 150))
        painter.setPen(QColor(255, 214, 0))
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignCenter, caption)
