"""The bench's part of Settings → Station: packer badges, the returns prefix, the duplicate warning.

* **Packer badge prefix** (default ``PACKER-``): a scanned code starting with
  it signs that packer in; empty turns sign-in off.
* **Returns prefix** (default empty): waybills starting with it are recorded
  as returns even when the returns mode (F6) is off.
* **Warn on a waybill recorded in the last N days** (default 30; 0 = off).
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QSpinBox, QWidget

from packseal.core.settings import Settings


class BenchSettingsBox(QGroupBox):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("benchSettings")
        self.packer_prefix = QLineEdit(settings.packer_prefix, self)
        self.packer_prefix.setObjectName("packerPrefix")
        self.return_prefix = QLineEdit(settings.return_prefix, self)
        self.return_prefix.setObjectName("returnPrefix")
        for edit in (self.packer_prefix, self.return_prefix):
            edit.setMaxLength(16)
        self.duplicate_days = QSpinBox(self)
        self.duplicate_days.setObjectName("duplicateDays")
        self.duplicate_days.setRange(0, 3650)
        self.duplicate_days.setValue(settings.duplicate_days)
        self._labels = [QLabel(self) for _ in range(3)]
        form = QFormLayout(self)
        form.addRow(self._labels[0], self.packer_prefix)
        form.addRow(self._labels[1], self.return_prefix)
        form.addRow(self._labels[2], self.duplicate_days)

    def values(self) -> dict[str, object]:
        """The fields of :class:`Settings` this box edits."""
        return {"packer_prefix": self.packer_prefix.text().strip(), "return_prefix": self.return_prefix.text().strip(),
                "duplicate_days": self.duplicate_days.value()}

    def retranslate(self) -> None:
        self.setTitle(self.tr("Packing bench"))
        self._labels[0].setText(self.tr("Packer badges start with:"))
        self._labels[1].setText(self.tr("Return waybills start with:"))
        self._labels[2].setText(self.tr("Warn on a waybill recorded in the last (days):"))
        self.packer_prefix.setPlaceholderText(self.tr("empty: no sign-in"))
        self.return_prefix.setPlaceholderText(self.tr("empty: returns only in returns mode (F6)"))
        self.duplicate_days.setSpecialValueText(self.tr("never"))
