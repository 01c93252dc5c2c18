"""The state banner: readable across the room by colour, word and icon."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from packseal.gui.theme import STATE_LOOKS, DisplayState, icon, scaled_font


class StateBanner(QFrame):
    """A wide coloured band: icon, the state in capitals, and a line saying what to do."""

    ICON_PX = 72

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stateBanner")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._state = DisplayState.STARTING
        self._hint_override: str | None = None
        self._icon = QLabel(self)
        self._icon.setFixedSize(QSize(self.ICON_PX, self.ICON_PX))
        self.title = QLabel(self)
        self.title.setObjectName("stateTitle")
        self.title.setFont(scaled_font(self.font(), 46, bold=True))
        self.hint = QLabel(self)
        self.hint.setObjectName("stateHint")
        self.hint.setWordWrap(True)
        self.hint.setFont(scaled_font(self.font(), 20))
        words = QVBoxLayout()
        words.setSpacing(2)
        words.addWidget(self.title)
        words.addWidget(self.hint)
        row = QHBoxLayout(self)
        row.setContentsMargins(18, 12, 18, 12)
        row.setSpacing(16)
        row.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addLayout(words, 1)
        self._render()

    @property
    def state(self) -> DisplayState:
        return self._state

    def set_state(self, state: DisplayState, hint: str | None = None) -> None:
        """Show ``state``; ``hint`` replaces the usual advice line (e.g. the problem's name)."""
        self._state = state
        self._hint_override = hint
        self._render()

    def _texts(self) -> tuple[str, str]:
        return {
            DisplayState.STARTING: (self.tr("STARTING"), self.tr("Opening the camera…")),
            DisplayState.IDLE: (self.tr("IDLE"), self.tr("Scan a waybill to start recording")),
            DisplayState.RECORDING: (self.tr("RECORDING"),
                                     self.tr("Scan the next waybill to switch, or press F9 to stop")),
            DisplayState.FINISHING: (self.tr("FINISHING"), self.tr("Saving the clip (post-roll)…")),
            DisplayState.PROBLEM: (self.tr("PROBLEM"), self.tr("See the alert below")),
        }[self._state]

    def _render(self) -> None:
        look = STATE_LOOKS[self._state]
        title, hint = self._texts()
        self.title.setText(title)
        self.hint.setText(self._hint_override or hint)
        self._icon.setPixmap(icon(look.icon).pixmap(QSize(self.ICON_PX, self.ICON_PX),
                                                    self.devicePixelRatioF()))
        self.setStyleSheet(
            f"#stateBanner {{ background: {look.background}; border-radius: 10px; }}"
            f"#stateBanner QLabel {{ color: {look.foreground}; background: transparent; }}")
        self.setAccessibleName(f"{title}: {self.hint.text()}")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self._render()
        super().changeEvent(event)
