"""What the owner can do with the selected clip: keep it forever, note it, dispute, find the file.

Pin and note are written to the catalog on the task runner (the recorder
may be writing too); the row updates when the write is done.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QGridLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout,
                               QWidget)

from packseal.core.catalog import Catalog, ClipRecord
from packseal.gui.library.file_manager import show_in_file_manager
from packseal.gui.tasks import TaskRunner


class ClipActions(QWidget):
    """Pin, note, dispute and "show in file manager" for one clip."""

    clip_changed = Signal(object)        # ClipRecord as saved in the catalog
    dispute_requested = Signal(str)      # order id
    export_requested = Signal(object)    # ClipRecord to export for a platform
    failed = Signal(str)                 # a write failed (message for people)

    def __init__(self, catalog: Catalog, runner: TaskRunner, root: Path,
                 parent: QWidget | None = None, *, services=None) -> None:
        super().__init__(parent)
        self._services = services  # given: the export button opens the export dialog itself
        self._catalog = catalog
        self._runner = runner
        self._root = root
        self._record: ClipRecord | None = None

        self.pin_box = QCheckBox(self)
        self.pin_box.toggled.connect(self._pin_toggled)
        self.note_label = QLabel(self)
        self.note_edit = QLineEdit(self)
        self.note_edit.setMaxLength(500)
        self.note_edit.editingFinished.connect(self.save_note)
        self.note_state = QLabel(self)
        self.dispute_button = QPushButton(self)
        self.dispute_button.clicked.connect(self._dispute)
        self.reveal_button = QPushButton(self)
        self.reveal_button.clicked.connect(self.reveal)
        self.export_button = QPushButton(self)
        self.export_button.clicked.connect(self.export)

        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.note_label, 0, 0)
        grid.addWidget(self.note_edit, 0, 1)
        grid.addWidget(self.note_state, 1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pin_box)
        layout.addLayout(grid)
        layout.addWidget(self.dispute_button)
        layout.addWidget(self.reveal_button)
        layout.addWidget(self.export_button)
        layout.addStretch(1)
        self.retranslate()
        self.set_record(None)

    @property
    def record(self) -> ClipRecord | None:
        return self._record

    def set_record(self, record: ClipRecord | None) -> None:
        """Act on ``record`` from now on (None: nothing selected, everything disabled)."""
        self._record = record
        self.pin_box.blockSignals(True)
        self.pin_box.setChecked(bool(record and record.pinned))
        self.pin_box.blockSignals(False)
        self.note_edit.setText(record.note if record else "")
        self.note_state.setText("")
        present = record is not None and not record.deleted
        # A deleted clip cannot be kept any more; its note and its dispute still make sense.
        self.pin_box.setEnabled(present)
        self.note_edit.setEnabled(record is not None)
        self.dispute_button.setEnabled(record is not None)
        self.reveal_button.setEnabled(present)
        self.export_button.setEnabled(present)

    def save_note(self) -> None:
        """Write the note box's text to the catalog if it changed."""
        record = self._record
        text = self.note_edit.text().strip()
        if record is None or record.id is None or text == record.note:
            return
        clip_id, catalog = record.id, self._catalog
        self.note_state.setText(self.tr("Saving…"))
        self._runner.run(lambda: catalog.set_note(clip_id, text), label="save note",
                         on_success=lambda rec: self._saved(rec, self.tr("Note saved")),
                         on_failure=self._failed)

    def set_pinned(self, pinned: bool) -> None:
        """Pin (keep forever) or unpin the clip, as the check box does."""
        self.pin_box.setChecked(pinned)

    def reveal(self) -> None:
        """Open the file manager at the clip's file."""
        record = self._record
        if record is None:
            return
        path = self._root / record.file
        if not show_in_file_manager(path if path.exists() else path.parent):
            self.failed.emit(self.tr("No file manager could be opened for {path}").format(path=path))

    def export(self):
        """Open the "export for a platform" dialog for the clip (or announce the wish without services)."""
        record = self._record
        if record is None:
            return None
        self.export_requested.emit(record)
        if self._services is None:
            return None
        from packseal.gui.export_dialog import ExportDialog

        dialog = ExportDialog(self._services, self._runner, record, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _pin_toggled(self, pinned: bool) -> None:
        record = self._record
        if record is None or record.id is None or pinned == record.pinned:
            return
        clip_id, catalog = record.id, self._catalog
        message = self.tr("Kept forever") if pinned else self.tr("No longer kept")
        self._runner.run(lambda: catalog.set_pinned(clip_id, pinned), label="pin clip",
                         on_success=lambda rec: self._saved(rec, message), on_failure=self._failed)

    def _saved(self, record: ClipRecord, message: str) -> None:
        if self._record is not None and self._record.id == record.id:
            self._record = record
            self.note_state.setText(message)
        self.clip_changed.emit(record)

    def _failed(self, exc: BaseException) -> None:
        text = self.tr("The change was not saved: {error}").format(error=exc)
        self.note_state.setText(text)
        if self._record is not None:  # show what the catalog still holds
            self.set_record(self._record)
            self.note_state.setText(text)
        self.failed.emit(text)

    def _dispute(self) -> None:
        if self._record is not None:
            self.dispute_requested.emit(self._record.order_id)

    def retranslate(self) -> None:
        self.pin_box.setText(self.tr("Keep forever (pinned)"))
        self.pin_box.setToolTip(self.tr("Retention never deletes a pinned clip"))
        self.note_label.setText(self.tr("Note"))
        self.note_edit.setPlaceholderText(self.tr("e.g. buyer says the cup arrived broken"))
        self.dispute_button.setText(self.tr("Open dispute view for this order"))
        self.reveal_button.setText(self.tr("Show in file manager"))
        self.export_button.setText(self.tr("Export for a platform…"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
