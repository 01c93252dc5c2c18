"""The hand scanner's part of Settings → Station: prefix, suffix and Tab as the end of a code.

Most scanners send the code and Enter and need nothing here. Some are set up
(by the shop or the seller) to send a fixed prefix or suffix around each
code, or Tab instead of Enter; these fields tell PackSeal, which then strips
the prefix and suffix and takes Tab as the end of a scan.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from packseal.core.settings import Settings


class ScannerSettingsBox(QGroupBox):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scannerSettings")
        self.prefix = QLineEdit(settings.scanner_prefix, self)
        self.prefix.setObjectName("scannerPrefix")
        self.suffix = QLineEdit(settings.scanner_suffix, self)
        self.suffix.setObjectName("scannerSuffix")
        for edit in (self.prefix, self.suffix):
            edit.setMaxLength(16)
        self.tab_ends = QCheckBox(self)
        self.tab_ends.setObjectName("scannerTabEnds")
        self.tab_ends.setChecked(settings.scanner_tab_ends_code)
        self._labels = [QLabel(self), QLabel(self)]
        form = QFormLayout(self)
        form.addRow(self._labels[0], self.prefix)
        form.addRow(self._labels[1], self.suffix)
        form.addRow("", self.tab_ends)

    def values(self) -> dict[str, object]:
        """The fields of :class:`Settings` this box edits."""
        return {"scanner_prefix": self.prefix.text(), "scanner_suffix": self.suffix.text(),
                "scanner_tab_ends_code": self.tab_ends.isChecked()}

    def retranslate(self) -> None:
        self.setTitle(self.tr("Hand scanner"))
        self._labels[0].setText(self.tr("Prefix it sends:"))
        self._labels[1].setText(self.tr("Suffix it sends:"))
        for edit in (self.prefix, self.suffix):
            edit.setPlaceholderText(self.tr("none (most scanners)"))
        self.tab_ends.setText(self.tr("The scanner ends each code with Tab instead of Enter"))
