"""The column mapping of an import: one drop-down per field, filled from a file's header."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QWidget

from packseal.core.orders.profiles import FIELDS, Profile, header_key
from packseal.gui.orders.texts import field_label

NOT_MAPPED = -1


class MappingForm(QWidget):
    """Field → column of the file. :attr:`changed` when the owner picks another column."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mappingForm")
        self._header: list[str] = []
        self._filling = False
        self.combos: dict[str, QComboBox] = {}
        self.labels: dict[str, QLabel] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for n, name in enumerate(FIELDS):
            label, combo = QLabel(self), QComboBox(self)
            combo.setObjectName(f"column-{name}")
            combo.setMinimumContentsLength(14)
            combo.currentIndexChanged.connect(self._picked)
            row, col = divmod(n, 2)
            grid.addWidget(label, row, col * 2)
            grid.addWidget(combo, row, col * 2 + 1)
            self.combos[name], self.labels[name] = combo, label
        self.weight_unit = QComboBox(self)
        self.weight_unit.setObjectName("weightUnit")
        self.weight_unit.addItem("g", "g")
        self.weight_unit.addItem("kg", "kg")
        self.weight_unit.currentIndexChanged.connect(self._picked)
        self._unit_label = QLabel(self)
        last = len(FIELDS) // 2 + len(FIELDS) % 2
        grid.addWidget(self._unit_label, last, 0)
        grid.addWidget(self.weight_unit, last, 1)
        self.retranslate()

    def set_header(self, header: list[str]) -> None:
        """The file's columns become the choices; nothing is mapped."""
        self._header = list(header)
        self._filling = True
        for combo in self.combos.values():
            combo.clear()
            combo.addItem(self.tr("— not in the file —"), NOT_MAPPED)
            for i, h in enumerate(header):
                combo.addItem(h or self.tr("(column {n})").format(n=i + 1), i)
        self._filling = False

    def apply(self, profile: Profile) -> None:
        """Select the columns ``profile`` maps (the first of its headers the file has)."""
        keys = [header_key(h) for h in self._header]
        self._filling = True
        for name, combo in self.combos.items():
            index = next((keys.index(header_key(h)) for h in profile.columns.get(name, ()) if header_key(h) in keys),
                         NOT_MAPPED)
            combo.setCurrentIndex(max(0, combo.findData(index)))
        self.weight_unit.setCurrentIndex(max(0, self.weight_unit.findData(profile.weight_unit)))
        self._filling = False

    def columns(self) -> dict[str, tuple[str, ...]]:
        """Field → (header,) for every mapped field."""
        out = {}
        for name, combo in self.combos.items():
            index = combo.currentData()
            if index is not None and index != NOT_MAPPED:
                out[name] = (self._header[index],)
        return out

    def profile(self, name: str) -> Profile:
        return Profile(name=name, columns=self.columns(), weight_unit=self.weight_unit.currentData())

    def _picked(self) -> None:
        if not self._filling:
            self.changed.emit()

    def retranslate(self) -> None:
        for name, label in self.labels.items():
            label.setText(field_label(name) + ("  *" if name == "order_id" else ""))
        self._unit_label.setText(self.tr("Weight column in:"))
        self.weight_unit.setItemText(0, self.tr("grams (g)"))
        self.weight_unit.setItemText(1, self.tr("kilograms (kg)"))
        if self._header:
            for combo in self.combos.values():
                combo.setItemText(0, self.tr("— not in the file —"))
