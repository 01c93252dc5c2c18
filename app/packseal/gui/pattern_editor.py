"""Editing the shapes of order and waybill numbers the station accepts.

An empty list means PackSeal's built-in table (SF, JD, YTO, Taobao…). The
list is checked with the core's :class:`OrderIdPolicy` before it is saved,
and a test field shows at once which pattern a code matches.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from packseal.core.errors import BadInputError
from packseal.core.recording.order_id import DEFAULT_PATTERNS, OrderIdPolicy, OrderPattern
from packseal.gui.scanner import PASSTHROUGH_PROPERTY


class PatternEditor(QWidget):
    def __init__(self, patterns: list[dict[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.table = QTableWidget(0, 2, self)
        self.table.setObjectName("patternTable")
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.add_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        self.builtin_button = QPushButton(self)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.builtin_button.clicked.connect(self._load_builtin)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.builtin_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.try_label = QLabel(self)
        self.try_field = QLineEdit(self)
        self.try_field.setObjectName("patternTry")
        # A code scanned into this field is meant for it, not for the station.
        self.try_field.setProperty(PASSTHROUGH_PROPERTY, True)
        self.try_result = QLabel(self)
        self.try_result.setWordWrap(True)
        self.try_field.textChanged.connect(self._try)
        self.table.itemChanged.connect(self._try)
        trial = QHBoxLayout()
        trial.addWidget(self.try_label)
        trial.addWidget(self.try_field, 1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.note)
        lay.addWidget(self.table, 1)
        lay.addLayout(buttons)
        lay.addLayout(trial)
        lay.addWidget(self.try_result)
        for p in patterns:
            self._append(p.get("name", ""), p.get("regex", ""))
        self.retranslate()

    def patterns(self) -> list[dict[str, str]]:
        """The rows as settings entries (blank rows dropped)."""
        out = []
        for r in range(self.table.rowCount()):
            name = (self.table.item(r, 0).text() if self.table.item(r, 0) else "").strip()
            regex = (self.table.item(r, 1).text() if self.table.item(r, 1) else "").strip()
            if name or regex:
                out.append({"name": name or f"pattern{r + 1}", "regex": regex})
        return out

    def policy(self) -> OrderIdPolicy:
        """The policy these rows make; raises BadInputError naming a broken pattern."""
        rows = self.patterns()
        if not rows:
            return OrderIdPolicy()
        for row in rows:
            if not row["regex"]:
                raise BadInputError(f"order ID pattern {row['name']!r} has no regular expression")
        return OrderIdPolicy([OrderPattern(p["name"], p["regex"]) for p in rows])

    def _append(self, name: str, regex: str) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        self.table.setItem(r, 0, QTableWidgetItem(name))
        self.table.setItem(r, 1, QTableWidgetItem(regex))

    def _add(self) -> None:
        self._append("", "")
        self.table.setCurrentCell(self.table.rowCount() - 1, 0)
        self.table.editItem(self.table.item(self.table.rowCount() - 1, 0))

    def _remove(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for r in rows or ([self.table.currentRow()] if self.table.currentRow() >= 0 else []):
            self.table.removeRow(r)
        self._try()

    def _load_builtin(self) -> None:
        self.table.setRowCount(0)
        for p in DEFAULT_PATTERNS:
            self._append(p.name, p.regex)
        self._try()

    def _try(self, *_: object) -> None:
        code = self.try_field.text()
        if not code:
            self.try_result.setText("")
            return
        try:
            valid = self.policy().validate(code)
        except BadInputError as exc:
            self.try_result.setStyleSheet("color: #c62828;")
            self.try_result.setText(self.tr("Refused: {reason}").format(reason=exc))
            return
        self.try_result.setStyleSheet("color: #2e7d32;")
        self.try_result.setText(self.tr("Accepted as “{pattern}”").format(pattern=valid.pattern))

    def retranslate(self) -> None:
        self.note.setText(self.tr("A scanned code must match one of these regular expressions (the whole "
                                  "code). Leave the list empty to use PackSeal's built-in list of carriers "
                                  "and shops."))
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Regular expression")])
        self.add_button.setText(self.tr("Add"))
        self.remove_button.setText(self.tr("Remove"))
        self.builtin_button.setText(self.tr("Fill in the built-in list"))
        self.try_label.setText(self.tr("Try a code:"))
        self.try_field.setPlaceholderText(self.tr("type or scan a code here"))
        self._try()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


