"""The status bar's word on time anchoring: when the last trusted timestamp came, what waits.

The anchorer runs in the recorder process; the window asks it for its state
every few seconds (:meth:`set_state` brings the answer) and turns red when
clips were sealed but nothing was anchored for an hour.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QWidget

from packseal.core.anchoring import AnchorState

_ALERT_STYLE = "QLabel { color: white; background: #c0392b; padding: 0 6px; border-radius: 3px; }"


class AnchorStatus(QLabel):
    """"Time anchored 2 min ago" / "Not anchored: 3 waiting" / the one-hour alert."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("anchorStatus")
        self._state: AnchorState | None = None
        self.refresh()

    def set_state(self, state: AnchorState | None) -> None:
        """The recorder's anchoring state (None: no recorder answers now)."""
        self._state = state
        self.refresh()

    def refresh(self) -> None:
        s, now = self._state, time.time()
        if s is None:
            self.setText(self.tr("Time anchoring: waiting for the recorder"))
            self.setStyleSheet("")
            return
        alert = s.stale(now)
        if s.tsa_count == 0:
            text = self.tr("Time not anchored: no timestamp authority set")
        elif alert:
            text = self.tr("No trusted time for over an hour: {n} waiting (check the network)").format(
                n=max(s.queue_length, s.sealed_since_stamp))
        elif s.queue_length:
            text = self.tr("Time anchoring: {n} waiting for the network").format(n=s.queue_length)
        elif s.last_stamped_at is not None:
            minutes = int((now - s.last_stamped_at) // 60)
            text = self.tr("Time anchored {m} min ago").format(m=minutes)
        else:
            text = self.tr("Time anchoring ready")
        self.setText(text)
        self.setStyleSheet(_ALERT_STYLE if alert else "")
        self.setToolTip(s.last_error or self.tr("Every sealed clip is timestamped by independent "
                                                "authorities within a minute."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh()
        super().changeEvent(event)
