"""The dispute view's status line, progress bar, error box and notice box.

The status text is given as its English source text (marked for lupdate
with ``QT_TRANSLATE_NOOP`` where it is written) and its ``{placeholders}``'
values, and translated here, so that it is translated again when the
language changes. Nothing stored here refers back to the view: a closure
over the view kept in a child would make the view cyclic garbage, freed by
whichever thread the garbage collector happens to run on. Errors show a
translated headline and advice with the core's own words underneath; the
notice box says plainly when no frame matches.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from packseal.gui.problem_texts import Message

ERROR_STYLE = "QFrame#disputeError { border: 1px solid #c62828; border-radius: 4px; background: #fdecea; }"
NOTICE_STYLE = "QFrame#disputeNotice { border: 1px solid #b26a00; border-radius: 4px; background: #fff8e1; }"


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _box(parent: QWidget, name: str, style: str) -> tuple[QFrame, QLabel]:
    box = QFrame(parent)
    box.setObjectName(name)
    box.setStyleSheet(style)
    label = QLabel(box)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    QVBoxLayout(box).addWidget(label)
    box.hide()
    return box, label


def _plain(html: str) -> str:
    doc = QTextDocument()
    doc.setHtml(html)
    return doc.toPlainText()


class StatusArea(QWidget):
    """See the module docstring. ``reveal_button`` ("show in folder") is wired by the view."""

    def __init__(self, context: str, parent: QWidget | None = None) -> None:
        """``context``: the translation context of the status texts (the class that wrote them)."""
        super().__init__(parent)
        self._context = context
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(240)
        self.progress.hide()
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reveal_button = QPushButton(self)
        self.reveal_button.hide()
        self.error_box, self.error_label = _box(self, "disputeError", ERROR_STYLE)
        self.notice_box, self.notice_label = _box(self, "disputeNotice", NOTICE_STYLE)
        self._status: tuple[str, dict[str, Any]] = ("", {})
        self._notice: Callable[[], Message] | None = None
        line = QHBoxLayout()
        line.addWidget(self.progress)
        line.addWidget(self.label, 1)
        line.addWidget(self.reveal_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(line)
        layout.addWidget(self.error_box)
        layout.addWidget(self.notice_box)

    # -- status line and progress -----------------------------------------------------------
    def set_status(self, text: str, **args: Any) -> None:
        """Show the English source ``text`` translated, with ``args`` filled in; '' clears it."""
        self._status = (text, args)
        self.label.setText(QCoreApplication.translate(self._context, text).format(**args) if text else "")

    @property
    def text(self) -> str:
        return self.label.text()

    def show_progress(self, fraction: float | None) -> None:
        """A bar at ``fraction`` (0..1), or a moving bar when how far is not known."""
        if fraction is None:
            self.progress.setRange(0, 0)
        else:
            self.progress.setRange(0, 100)
            self.progress.setValue(round(fraction * 100))
        self.progress.show()

    def hide_progress(self) -> None:
        self.progress.hide()
        self.progress.setToolTip("")

    # -- error and notice ---------------------------------------------------------------------
    def show_error(self, message: Message) -> None:
        parts = [f"<b>{_html(message.title)}</b>"]
        if message.advice:
            parts.append(_html(message.advice))
        if message.detail:
            parts.append(f"<span style='color:#555'>{_html(message.detail)}</span>")
        self.error_label.setText("<br>".join(parts))
        self.error_box.show()

    def hide_error(self) -> None:
        self.error_box.hide()

    @property
    def error_text(self) -> str:
        """The error shown, as plain text ('' when none is)."""
        return "" if self.error_box.isHidden() else _plain(self.error_label.text())

    def show_notice(self, make: Callable[[], Message]) -> None:
        """A calm notice (headline and advice), built by ``make`` (again on a language change).

        ``make`` should be a module-level function (see the module docstring).
        """
        self._notice = make
        message = make()
        self.notice_label.setText(f"<b>{_html(message.title)}</b><br>{_html(message.advice)}")
        self.notice_box.show()

    def hide_notice(self) -> None:
        self._notice = None
        self.notice_box.hide()

    @property
    def notice_text(self) -> str:
        return "" if self.notice_box.isHidden() else _plain(self.notice_label.text())

    def retranslate(self) -> None:
        self.reveal_button.setText(self.tr("Show in folder"))
        text, args = self._status
        self.set_status(text, **args)
        if self._notice is not None:
            self.show_notice(self._notice)
