"""A clip's ledger entry as an owner reads it: labelled fields, with the raw JSON behind "Details".

The fields are the ones a person asks about (which entry, when it was
sealed, the order, the file, its fingerprint, size and length, complete or
cut short); the signed JSON itself, exactly as the ledger holds it, is one
click away for whoever wants to check it by hand.
"""

from __future__ import annotations

import html
import json
from datetime import datetime

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from packseal.core.ledger import Entry
from packseal.gui import formatting


class LedgerEntryView(QWidget):
    """The entry's fields, and its raw JSON behind a disclosure button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entry: Entry | None = None
        self._error = ""
        self.fields = QLabel(self)
        self.fields.setObjectName("ledgerEntryFields")
        self.fields.setTextFormat(Qt.TextFormat.RichText)
        self.fields.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fields.setWordWrap(True)
        self.fields.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details_button = QToolButton(self)
        self.details_button.setCheckable(True)
        self.details_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details_button.setArrowType(Qt.ArrowType.RightArrow)
        self.details_button.setAutoRaise(True)
        self.details_button.toggled.connect(self._show_raw)
        self.raw = QPlainTextEdit(self)
        self.raw.setReadOnly(True)
        self.raw.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.raw.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.raw.hide()
        self.fields.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.fields)
        layout.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.raw, 1)
        layout.addStretch(0)
        self.retranslate()

    def set_entry(self, entry: Entry | None, error: str = "") -> None:
        """Show ``entry``; without one, ``error`` (why it could not be read) or nothing."""
        self._entry, self._error = entry, error
        self.raw.setPlainText(json.dumps(entry.to_dict(), indent=2, ensure_ascii=False) if entry else "")
        self.details_button.setVisible(entry is not None)
        if entry is None:
            self.details_button.setChecked(False)
        self._render()

    def field_rows(self) -> list[tuple[str, str]]:
        """(label, value) of each field shown, in the window's language."""
        e = self._entry
        if e is None:
            return []
        body = e.body
        rows = [(self.tr("Entry number"), str(e.seq)), (self.tr("Sealed at"), _local(e.time))]
        if e.kind != "clip":
            rows.append((self.tr("Kind"), e.kind))
        for key, label in (("order_id", self.tr("Order")), ("file", self.tr("File"))):
            if body.get(key):
                rows.append((label, str(body[key])))
        if isinstance(body.get("duration_ms"), int):
            rows.append((self.tr("Length"), formatting.duration(body["duration_ms"] / 1000)))
        if isinstance(body.get("bytes"), int):
            rows.append((self.tr("Size"), formatting.file_size(body["bytes"])))
        if isinstance(body.get("frames"), int):
            rows.append((self.tr("Frames"), str(body["frames"])))
        status = body.get("status")
        if status:
            rows.append((self.tr("Recording"), self.tr("complete") if status == "complete"
                         else self.tr("cut short") if status == "interrupted" else str(status)))
        if body.get("sha256"):
            rows.append((self.tr("File fingerprint (SHA-256)"), str(body["sha256"])))
        return rows

    def _render(self) -> None:
        if self._entry is None:
            self.fields.setText(html.escape(self._error))
            return
        cells = "".join(f"<tr><td style='padding-right:10px; color:#555'>{html.escape(k)}</td>"
                        f"<td>{html.escape(v)}</td></tr>" for k, v in self.field_rows())
        self.fields.setText(f"<table cellspacing='0' cellpadding='1'>{cells}</table>")

    def _show_raw(self, on: bool) -> None:
        self.raw.setVisible(on)
        self.details_button.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)

    def retranslate(self) -> None:
        self.details_button.setText(self.tr("Details: the signed entry as the ledger holds it (JSON)"))
        self._render()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _local(rfc3339: str) -> str:
    """The entry's UTC time in this computer's local time, to the second."""
    try:
        return datetime.fromisoformat(rfc3339.replace("Z", "+00:00")).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return rfc3339
