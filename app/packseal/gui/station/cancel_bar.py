"""Cancelling a mistaken scan, with the keyboard only: F8, then Enter to confirm or Esc to keep."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from packseal.gui.theme import PROBLEM_BG, PROBLEM_FG, scaled_font

_CONFIRM_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
TIMEOUT_MS = 15_000  # unanswered, the question goes away and the order keeps recording


class CancelConfirmBar(QFrame):
    """An inline question (never a modal dialog: recording and scans go on while it is open)."""

    confirmed = Signal(str)  # order id
    kept = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cancelBar")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(f"#cancelBar {{ background: {PROBLEM_BG}; border: 4px solid {PROBLEM_FG}; "
                           f"border-radius: 8px; }} #cancelBar QLabel {{ color: {PROBLEM_FG}; }}")
        self._order: str | None = None
        self._return_focus: QWidget | None = None
        self.question = QLabel(self)
        self.question.setWordWrap(True)
        self.question.setFont(scaled_font(self.font(), 22, bold=True))
        self.yes = QPushButton(self)
        self.no = QPushButton(self)
        for b in (self.yes, self.no):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.setMinimumHeight(40)
        self.yes.clicked.connect(self._confirm)
        self.no.clicked.connect(self._keep)
        buttons = QHBoxLayout()
        buttons.addWidget(self.yes)
        buttons.addWidget(self.no)
        lay = QVBoxLayout(self)
        lay.addWidget(self.question)
        lay.addLayout(buttons)
        self._timeout = QTimer(self)
        self._timeout.setSingleShot(True)
        self._timeout.setInterval(TIMEOUT_MS)
        self._timeout.timeout.connect(self._keep)
        self.hide()

    @property
    def asking(self) -> bool:
        return self.isVisible() and self._order is not None

    def ask(self, order_id: str) -> None:
        """Ask whether to cancel ``order_id``; takes the keyboard focus until answered."""
        self._order = order_id
        self._return_focus = self.window().focusWidget()
        self.retranslate()
        self.show()
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._timeout.start()

    def dismiss(self) -> None:
        """Close the question without an answer (e.g. the order ended meanwhile)."""
        self._close()

    def _confirm(self) -> None:
        order = self._order
        self._close()
        if order is not None:
            self.confirmed.emit(order)

    def _keep(self) -> None:
        if self._order is not None:
            self._close()
            self.kept.emit()

    def _close(self) -> None:
        self._order = None
        self._timeout.stop()
        self.hide()
        if self._return_focus is not None and self._return_focus.isVisible():
            self._return_focus.setFocus()
        self._return_focus = None

    def event(self, event: QEvent) -> bool:
        # Enter and Esc answer the question; they must not reach the window's shortcuts first.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and (event.key() in _CONFIRM_KEYS or event.key() == Qt.Key.Key_Escape):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in _CONFIRM_KEYS:
            self._confirm()
        elif event.key() == Qt.Key.Key_Escape:
            self._keep()
        else:
            super().keyPressEvent(event)

    def retranslate(self) -> None:
        self.question.setText(self.tr("Cancel order {order}? Its recording will be discarded.")
                              .format(order=self._order or ""))
        self.yes.setText(self.tr("Enter: yes, cancel it"))
        self.no.setText(self.tr("Esc: no, keep recording"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
