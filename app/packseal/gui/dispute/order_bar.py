"""The dispute view's top row: the order field, the photo, Compare and the evidence-pack button."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from packseal.gui.scanner import PASSTHROUGH_PROPERTY


class OrderBar(QWidget):
    """The widgets of the top row; the view wires them and decides which are enabled."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._photo: Path | None = None
        self._count = 0
        self.order_label = QLabel(self)
        self.order_edit = QLineEdit(self)
        self.order_edit.setObjectName("disputeOrder")
        self.order_edit.setProperty(PASSTHROUGH_PROPERTY, True)  # a scan into this field fills it
        self.order_edit.setClearButtonEnabled(True)
        self.order_edit.setMinimumWidth(self.order_edit.fontMetrics().horizontalAdvance("SF1234567890123") + 40)
        self.open_button = QPushButton(self)
        self.photo_label = QLabel(self)
        self.photo_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.compare_button = QPushButton(self)
        self.pack_button = QPushButton(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.order_label)
        row.addWidget(self.order_edit)
        row.addSpacing(12)
        row.addWidget(self.open_button)
        row.addWidget(self.photo_label, 1)
        row.addWidget(self.compare_button)
        row.addSpacing(12)
        row.addWidget(self.pack_button)
        self.retranslate()

    def show_photo(self, path: Path | None, count: int = 1) -> None:
        """Name the photo shown and how many the claim has (or say there is none yet)."""
        self._photo, self._count = path, count
        self.photo_label.setText(self._photo_text())

    def _photo_text(self) -> str:
        if self._photo is None:
            return self.tr("No photo yet")
        shown = self.tr("Photo: {name}").format(name=self._photo.name)
        if self._count > 1:
            return shown + " · " + self.tr("%n photos in this claim", "", self._count)
        return shown

    def retranslate(self) -> None:
        self.order_label.setText(self.tr("Order:"))
        self.order_edit.setPlaceholderText(self.tr("type or scan the order number, then Enter"))
        self.open_button.setText(self.tr("Add photos…"))
        self.open_button.setToolTip(self.tr("Add the buyer's refund photos (Ctrl+O), or drop them onto this view"))
        self.compare_button.setText(self.tr("Compare"))
        self.pack_button.setText(self.tr("Build evidence pack…"))
        self.pack_button.setToolTip(self.tr("One zip with the sealed clip, the photos, the frames, your annotations "
                                            "and a report, which a platform reviewer can check without PackSeal"))
        self.photo_label.setText(self._photo_text())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
