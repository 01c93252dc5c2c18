"""An inline question the packer answers with Enter or Esc, never a modal dialog (recording goes on).

:class:`QuestionBar` takes the keyboard focus while it asks and gives it back
when answered. Its Enter counts only when a person pressed it: a scanner's
Enter follows its code at once (see ``ScannerFilter.typed_alone``), and a
question about a risky order must never be answered by a scan.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from packseal.gui.theme import scaled_font

CONFIRM_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class QuestionBar(QFrame):
    """Subclasses say what is asked (:meth:`retranslate`) and what Enter and Esc do."""

    def __init__(self, name: str, background: str, foreground: str, *, timeout_ms: int = 0,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(f"#{name} {{ background: {background}; border: 4px solid {foreground}; "
                           f"border-radius: 8px; }} #{name} QLabel {{ color: {foreground}; }}")
        #: tells a person's key from a scanner's (the window sets ScannerFilter.typed_alone)
        self.typed_alone: Callable[[QKeyEvent], bool] = lambda _event: True
        self.enters_ignored = 0  # Enters that came with a scan, not from a person (for the log and tests)
        self._asking = False
        self._return_focus: QWidget | None = None
        self.question = QLabel(self)
        self.question.setWordWrap(True)
        self.question.setFont(scaled_font(self.font(), 22, bold=True))
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setFont(scaled_font(self.font(), 17))
        self.detail.hide()
        self.yes = QPushButton(self)
        self.no = QPushButton(self)
        for b in (self.yes, self.no):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.setMinimumHeight(40)
        self.yes.clicked.connect(self._yes)
        self.no.clicked.connect(self._no)
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.yes)
        self.buttons.addWidget(self.no)
        lay = QVBoxLayout(self)
        lay.addWidget(self.question)
        lay.addWidget(self.detail)
        lay.addLayout(self.buttons)
        self._timeout = QTimer(self)
        self._timeout.setSingleShot(True)
        if timeout_ms:
            self._timeout.setInterval(timeout_ms)
            self._timeout.timeout.connect(self._no)
        self.hide()

    @property
    def asking(self) -> bool:
        return self.isVisible() and self._asking

    def open_question(self) -> None:
        """Show the question and take the keyboard focus until it is answered."""
        if not self._asking:
            self._return_focus = self.window().focusWidget()
        self._asking = True
        self.retranslate()
        self.show()
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if self._timeout.interval():
            self._timeout.start()

    def dismiss(self) -> None:
        """Close the question without an answer (it was answered elsewhere, or became moot)."""
        self._close()

    def _yes(self) -> None:
        if self._asking:
            self._close()
            self.on_yes()

    def _no(self) -> None:
        if self._asking:
            self._close()
            self.on_no()

    def on_yes(self) -> None:  # Enter
        raise NotImplementedError

    def on_no(self) -> None:  # Esc
        raise NotImplementedError

    def _close(self) -> None:
        self._asking = False
        self._timeout.stop()
        self.hide()
        if self._return_focus is not None and self._return_focus.isVisible():
            self._return_focus.setFocus()
        self._return_focus = None

    def event(self, event: QEvent) -> bool:
        # Enter and Esc answer the question; they must not reach the window's shortcuts first.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and (event.key() in CONFIRM_KEYS or event.key() == Qt.Key.Key_Escape):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in CONFIRM_KEYS:
            if self.typed_alone(event):
                self._yes()
            else:
                self.enters_ignored += 1
        elif event.key() == Qt.Key.Key_Escape:
            self._no()
        else:
            super().keyPressEvent(event)

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange and self._asking:
            self.retranslate()
        super().changeEvent(event)
