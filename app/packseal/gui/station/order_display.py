"""The current order in very large type, with the time it has been recording."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from packseal.gui import formatting
from packseal.gui.theme import scaled_font

MAX_ID_PX = 64
MIN_ID_PX = 22


class OrderDisplay(QFrame):
    """Shows ``—`` when idle; the order ID (shrunk to fit, never cut) and a running clock."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("orderDisplay")
        self._order: str | None = None
        self._started: float | None = None   # monotonic start of the current order
        self._frozen: float | None = None    # final length once the order stopped
        self.caption = QLabel(self)
        self.caption.setObjectName("orderCaption")
        self.caption.setFont(scaled_font(self.font(), 18))
        self.order_label = QLabel("—", self)
        self.order_label.setObjectName("orderId")
        self.order_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.elapsed_label = QLabel("", self)
        self.elapsed_label.setObjectName("orderElapsed")
        self.elapsed_label.setFont(scaled_font(self.font(), 40, bold=True))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 6, 4)
        lay.setSpacing(0)
        lay.addWidget(self.caption)
        lay.addWidget(self.order_label)
        lay.addWidget(self.elapsed_label)
        self._tick = QTimer(self)
        self._tick.setInterval(250)
        self._tick.timeout.connect(self._update_elapsed)
        self.retranslate()
        self._fit()

    @property
    def order_id(self) -> str | None:
        return self._order

    def show_order(self, order_id: str, *, started_mono: float | None = None) -> None:
        """A new order started recording (now, or at ``started_mono``)."""
        self._order = order_id
        self._started = time.monotonic() if started_mono is None else started_mono
        self._frozen = None
        self.order_label.setText(order_id)
        self._fit()
        self._update_elapsed()
        self._tick.start()

    def stop_clock(self) -> None:
        """The order stopped: keep its ID and freeze its length."""
        if self._started is not None and self._frozen is None:
            self._frozen = time.monotonic() - self._started
        self._tick.stop()
        self._update_elapsed()

    def clear(self) -> None:
        self._order = self._started = self._frozen = None
        self._tick.stop()
        self.order_label.setText("—")
        self._fit()
        self._update_elapsed()

    def _update_elapsed(self) -> None:
        if self._started is None:
            self.elapsed_label.setText(self.tr("Waiting for a scan"))
            self.elapsed_label.setFont(scaled_font(self.font(), 22))
            return
        seconds = self._frozen if self._frozen is not None else time.monotonic() - self._started
        self.elapsed_label.setFont(scaled_font(self.font(), 40, bold=True))
        self.elapsed_label.setText(formatting.duration(int(seconds)))  # a clock: whole seconds gone by

    def _fit(self) -> None:
        # The largest size at which the whole ID fits the width: it is never cut.
        text = self.order_label.text()
        room = max(100, self.order_label.width() or self.width() - 12)
        px = MAX_ID_PX
        while px > MIN_ID_PX:
            if QFontMetrics(scaled_font(self.font(), px, bold=True)).horizontalAdvance(text) <= room:
                break
            px -= 2
        self.order_label.setFont(scaled_font(self.font(), px, bold=True))
        self.order_label.setMinimumHeight(QFontMetrics(scaled_font(self.font(), MAX_ID_PX, bold=True)).height())

    def retranslate(self) -> None:
        self.caption.setText(self.tr("Order"))
        self._update_elapsed()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
