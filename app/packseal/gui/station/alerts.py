"""Alerts that cannot be missed and never block: a yellow-and-black panel over the station.

Each alert has a key (``camera``, ``encoder``, ``disk``, ``archive``,
``start``…) so that it can be replaced or cleared when the condition ends
(the camera is back, space was freed). *Blocking* alerts mean the station
cannot start a new order; they turn the banner to PROBLEM. Nothing here is
modal: recording goes on behind every alert.

An alert stores a function that produces its texts, so it is re-rendered in
the new language when the language changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QScrollArea, QSizePolicy, QToolButton, QVBoxLayout,
                               QWidget)

from packseal.gui.problem_texts import Message
from packseal.gui.theme import PROBLEM_BG, PROBLEM_FG, icon, scaled_font


@dataclass
class _Alert:
    key: str
    make: Callable[[], Message]
    blocking: bool
    dismissable: bool
    row: "AlertRow"


class AlertRow(QFrame):
    dismissed = Signal(str)

    def __init__(self, key: str, dismissable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("alertRow")
        self.setStyleSheet(
            f"#alertRow {{ background: {PROBLEM_BG}; border: 3px solid {PROBLEM_FG}; border-radius: 8px; }}"
            f"#alertRow QLabel {{ color: {PROBLEM_FG}; background: transparent; }}"
            f"#alertRow QToolButton {{ color: {PROBLEM_FG}; font-weight: bold; border: none; }}")
        pic = QLabel(self)
        pic.setPixmap(icon("alert.svg").pixmap(QSize(44, 44), self.devicePixelRatioF()))
        pic.setFixedSize(44, 44)
        self.title = QLabel(self)
        self.title.setFont(scaled_font(self.font(), 24, bold=True))
        self.title.setWordWrap(True)
        self.advice = QLabel(self)
        self.advice.setFont(scaled_font(self.font(), 17))
        self.advice.setWordWrap(True)
        self.detail = QLabel(self)
        self.detail.setFont(scaled_font(self.font(), 12))
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        words = QVBoxLayout()
        words.setSpacing(1)
        for w in (self.title, self.advice, self.detail):
            words.addWidget(w)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 8, 8)
        row.addWidget(pic, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(words, 1)
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_button.setVisible(dismissable)
        self.close_button.clicked.connect(lambda: self.dismissed.emit(self.key))
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)

    def show_message(self, message: Message) -> None:
        self.title.setText(message.title)
        self.advice.setText(message.advice)
        self.advice.setVisible(bool(message.advice))
        self.detail.setText(message.detail)
        self.detail.setVisible(bool(message.detail))
        self.close_button.setToolTip(self.tr("Dismiss"))


class AlertPanel(QScrollArea):
    """The list of current alerts; hidden when there is none.

    Several alerts at once scroll inside at most :attr:`MAX_HEIGHT` pixels, so
    the station view below (picture, state, Stop) never gets pushed off screen.
    """

    MAX_HEIGHT = 250
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertPanel")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self._alerts: dict[str, _Alert] = {}
        rows = QWidget(self)
        self._layout = QVBoxLayout(rows)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self.setWidget(rows)
        self.setVisible(False)

    def sizeHint(self) -> QSize:  # noqa: N802
        inner = self.widget().sizeHint()
        return QSize(inner.width(), min(inner.height(), self.MAX_HEIGHT))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(0, min(self.widget().minimumSizeHint().height(), self.MAX_HEIGHT))

    def show_alert(self, key: str, make: Callable[[], Message], *, blocking: bool,
                   dismissable: bool = False) -> None:
        """Show (or replace) the alert ``key``; ``make()`` gives its texts in the current language."""
        self.clear_alert(key, notify=False)
        row = AlertRow(key, dismissable, self.widget())
        row.dismissed.connect(self.clear_alert)
        row.show_message(make())
        self._alerts[key] = _Alert(key, make, blocking, dismissable, row)
        self._layout.insertWidget(0, row)  # the newest on top
        self.setVisible(True)
        self.updateGeometry()
        self.changed.emit()

    def clear_alert(self, key: str, notify: bool = True) -> None:
        alert = self._alerts.pop(key, None)
        if alert is None:
            return
        self._layout.removeWidget(alert.row)
        alert.row.deleteLater()
        self.setVisible(bool(self._alerts))
        self.updateGeometry()
        if notify:
            self.changed.emit()

    def keys(self) -> list[str]:
        return list(self._alerts)

    def message(self, key: str) -> Message | None:
        alert = self._alerts.get(key)
        return alert.make() if alert else None

    def blocking_message(self) -> Message | None:
        """The newest blocking alert's texts, or None when the station can record."""
        for alert in reversed(list(self._alerts.values())):
            if alert.blocking:
                return alert.make()
        return None

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            for alert in self._alerts.values():
                alert.row.show_message(alert.make())
        super().changeEvent(event)
