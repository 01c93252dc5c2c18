"""Settings → Order numbers: which codes may start an order.

Carriers and marketplaces are checkboxes; the shop's own numbers are written
as a simple pattern (``ORD-########``) or, for experts, a regular expression,
under "Advanced", next to the explicit "accept any code" choice. A test field
says at once which rule accepts a sample code, or why it is refused, using
the core's own policy, so it never disagrees with the station.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QGridLayout, QGroupBox, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QPushButton, QTableWidget, QTableWidgetItem, QToolButton,
                               QVBoxLayout, QWidget)

from packseal.core.errors import BadInputError
from packseal.core.recording.carriers import CARRIER_RULES, MARKETPLACE_RULES
from packseal.core.recording.order_id import InvalidOrderIdError, OrderIdPolicy
from packseal.core.recording.rule_settings import policy_from_rule_settings
from packseal.gui import problem_texts
from packseal.gui.rule_texts import rule_title, rule_tooltip
from packseal.gui.scanner import PASSTHROUGH_PROPERTY

NAME, PATTERN, EXPERT = range(3)
_OK, _BAD, _WARN = "color: #2e7d32;", "color: #c62828;", "color: #b26a00;"


class OrderRulesPage(QWidget):
    def __init__(self, config: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("orderRulesPage")
        enabled = set(config.get("carriers", []))
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.carriers_box = QGroupBox(self)
        self.markets_box = QGroupBox(self)
        self.checks: dict[str, QCheckBox] = {}
        for box, rules, columns in ((self.carriers_box, CARRIER_RULES, 4), (self.markets_box, MARKETPLACE_RULES, 4)):
            grid = QGridLayout(box)
            for i, rule in enumerate(rules):
                check = QCheckBox(box)
                check.setObjectName(f"rule_{rule.key}")
                check.setChecked(rule.key in enabled)
                check.toggled.connect(self._try)
                grid.addWidget(check, i // columns, i % columns)
                self.checks[rule.key] = check

        self.advanced_toggle = QToolButton(self)
        self.advanced_toggle.setObjectName("advancedToggle")
        self.advanced_toggle.setCheckable(True)
        self.advanced_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.advanced_toggle.setStyleSheet("QToolButton { border: none; font-weight: bold; }")
        self.advanced_toggle.toggled.connect(self._show_advanced)
        self.advanced = QWidget(self)
        self.own_note = QLabel(self.advanced)
        self.own_note.setWordWrap(True)
        self.table = QTableWidget(0, 3, self.advanced)
        self.table.setObjectName("ownRulesTable")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PATTERN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(EXPERT, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setMinimumHeight(90)
        self.table.setMaximumHeight(120)
        self.table.itemChanged.connect(self._try)
        self.add_button = QPushButton(self.advanced)
        self.remove_button = QPushButton(self.advanced)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.accept_any = QCheckBox(self.advanced)
        self.accept_any.setObjectName("acceptAny")
        self.accept_any.setChecked(bool(config.get("accept_any", False)))
        self.accept_any.toggled.connect(self._try)
        self.any_warning = QLabel(self.advanced)
        self.any_warning.setObjectName("acceptAnyWarning")
        self.any_warning.setWordWrap(True)
        self.any_warning.setStyleSheet(_WARN)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        adv = QVBoxLayout(self.advanced)
        adv.setContentsMargins(0, 0, 0, 0)
        adv.addWidget(self.own_note)
        adv.addWidget(self.table)
        adv.addLayout(buttons)
        adv.addWidget(self.accept_any)
        adv.addWidget(self.any_warning)

        self.try_label = QLabel(self)
        self.try_field = QLineEdit(self)
        self.try_field.setObjectName("ruleTry")
        # A code scanned into this field is meant for it, not for the station.
        self.try_field.setProperty(PASSTHROUGH_PROPERTY, True)
        self.try_field.textChanged.connect(self._try)
        self.try_result = QLabel(self)
        self.try_result.setObjectName("ruleTryResult")
        self.try_result.setWordWrap(True)
        trial = QHBoxLayout()
        trial.addWidget(self.try_label)
        trial.addWidget(self.try_field, 1)

        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addWidget(self.carriers_box)
        lay.addWidget(self.markets_box)
        lay.addWidget(self.advanced_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(self.advanced)
        lay.addStretch(1)
        lay.addLayout(trial)
        lay.addWidget(self.try_result)
        for entry in config.get("custom", []):
            expert = "regex" in entry
            self._append(str(entry.get("name", "")), str(entry.get("regex" if expert else "pattern", "")), expert)
        self.advanced_toggle.setChecked(bool(self.table.rowCount() or self.accept_any.isChecked()))
        self._show_advanced(self.advanced_toggle.isChecked())
        self.retranslate()

    # -- what the page holds ---------------------------------------------------------------
    def rule_settings(self) -> dict[str, Any]:
        """The ``order_rules`` settings object the page shows (blank rows dropped)."""
        custom = []
        for r in range(self.table.rowCount()):
            name, text = self._cell(r, NAME), self._cell(r, PATTERN)
            if not (name or text):
                continue
            expert = self.table.item(r, EXPERT).checkState() == Qt.CheckState.Checked
            custom.append({"name": name, "regex" if expert else "pattern": text})
        return {"carriers": [k for k, c in self.checks.items() if c.isChecked()], "custom": custom,
                "accept_any": self.accept_any.isChecked()}

    def policy(self) -> OrderIdPolicy:
        """The policy these choices make; raises BadInputError naming what is wrong."""
        return policy_from_rule_settings(self.rule_settings())

    # -- editing -------------------------------------------------------------------------------
    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item else ""

    def _append(self, name: str, text: str, expert: bool = False) -> None:
        r = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(r)
        self.table.setItem(r, NAME, QTableWidgetItem(name))
        self.table.setItem(r, PATTERN, QTableWidgetItem(text))
        box = QTableWidgetItem(self.tr("regular expression"))
        box.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        box.setCheckState(Qt.CheckState.Checked if expert else Qt.CheckState.Unchecked)
        self.table.setItem(r, EXPERT, box)
        self.table.blockSignals(False)
        self._try()

    def _add(self) -> None:
        self._append(self.tr("shop"), "ORD-########")
        self.table.setCurrentCell(self.table.rowCount() - 1, PATTERN)
        self.table.editItem(self.table.item(self.table.rowCount() - 1, PATTERN))

    def _remove(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for r in rows or ([self.table.currentRow()] if self.table.currentRow() >= 0 else []):
            self.table.removeRow(r)
        self._try()

    def _show_advanced(self, shown: bool) -> None:
        self.advanced.setVisible(shown)
        self.advanced_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def _try(self, *_: object) -> None:
        self.any_warning.setVisible(self.accept_any.isChecked())
        code = self.try_field.text()
        if not code.strip():
            self.try_result.setText("")
            return
        try:
            policy = self.policy()
        except BadInputError as exc:
            self.try_result.setStyleSheet(_BAD)
            self.try_result.setText(self.tr("The rules cannot be used yet: {reason}").format(reason=exc))
            return
        try:
            valid = policy.validate(code)
        except InvalidOrderIdError as exc:
            self.try_result.setStyleSheet(_BAD)
            message = problem_texts.scan_refused(code, str(exc), exc.reason, exc.detail, examples=policy.example_codes)
            text = message.advice if exc.reason != "product-code" else self.tr("{title}. {advice}").format(
                title=message.title, advice=message.advice)
            self.try_result.setText(self.tr("Refused: {reason}").format(reason=text))
            return
        text = self.tr("Accepted as {rule}.").format(rule=rule_title(valid.pattern))
        if valid.also_product:
            self.try_result.setStyleSheet(_WARN)
            text += " " + self.tr("The same digits are also a valid {kind} product code; the ticked rule "
                                  "claims this number range, so a scan starts an order. From the camera, a "
                                  "code printed as {kind} is always refused.").format(kind=valid.also_product)
        else:
            self.try_result.setStyleSheet(_OK)
        self.try_result.setText(text)

    # -- texts ---------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.intro.setText(self.tr("A scan starts an order only when the code is the number of a ticked carrier "
                                   "or marketplace. Product barcodes on the goods (EAN, UPC, ISBN) never start "
                                   "or end an order."))
        self.carriers_box.setTitle(self.tr("Carriers' waybill numbers"))
        self.markets_box.setTitle(self.tr("Marketplace order numbers (printed on packing lists)"))
        for rule in CARRIER_RULES + MARKETPLACE_RULES:
            check = self.checks[rule.key]
            check.setText(rule_title(rule.key).replace("&", "&&"))  # "J&T" is no keyboard shortcut
            check.setToolTip(rule_tooltip(rule))
        self.advanced_toggle.setText(self.tr("Advanced: the shop's own numbers"))
        self.own_note.setText(self.tr("Write the shop's order number with # for a digit, @ for a letter and * "
                                      "for either; {8} repeats the sign before it 8 times, {6-10} 6 to 10 times. "
                                      "Example: ORD-######## accepts ORD-20240001. Tick “regular expression” to "
                                      "write a regular expression instead."))
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Pattern"), self.tr("Expert form")])
        self.table.blockSignals(True)
        for r in range(self.table.rowCount()):
            self.table.item(r, EXPERT).setText(self.tr("regular expression"))
        self.table.blockSignals(False)
        self.add_button.setText(self.tr("Add"))
        self.remove_button.setText(self.tr("Remove"))
        self.accept_any.setText(self.tr("Accept any code of 8–40 letters and digits (not recommended)"))
        self.any_warning.setText(self.tr("Warning: any scanned code will then end the running order and start a "
                                         "new one, also a mis-scan or a shelf label. Only product barcodes are "
                                         "still refused."))
        self.try_label.setText(self.tr("Try a code:"))
        self.try_field.setPlaceholderText(self.tr("type or scan a code here"))
        self._try()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
