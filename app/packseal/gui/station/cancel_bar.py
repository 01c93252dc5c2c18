"""Cancelling a mistaken scan, with the keyboard only: F8, then Enter to confirm or Esc to keep."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from packseal.gui.station.question_bar import QuestionBar
from packseal.gui.theme import PROBLEM_BG, PROBLEM_FG

TIMEOUT_MS = 15_000  # unanswered, the question goes away and the order keeps recording


class CancelConfirmBar(QuestionBar):
    """An inline question (never a modal dialog: recording and scans go on while it is open)."""

    confirmed = Signal(str)  # order id
    kept = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("cancelBar", PROBLEM_BG, PROBLEM_FG, timeout_ms=TIMEOUT_MS, parent=parent)
        self._order: str | None = None

    def ask(self, order_id: str) -> None:
        """Ask whether to cancel ``order_id``; takes the keyboard focus until answered."""
        self._order = order_id
        self.open_question()

    def on_yes(self) -> None:
        order, self._order = self._order, None
        if order is not None:
            self.confirmed.emit(order)

    def on_no(self) -> None:
        self._order = None
        self.kept.emit()

    def retranslate(self) -> None:
        self.question.setText(self.tr("Cancel order {order}? Its recording will be discarded.")
                              .format(order=self._order or ""))
        self.yes.setText(self.tr("Enter: yes, cancel it"))
        self.no.setText(self.tr("Esc: no, keep recording"))
