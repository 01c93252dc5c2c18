"""The "Import orders" dialog: choose a file, see its first rows, map its columns, import.

The file is read and imported on the task runner; the dialog only shows.
A mapping can be taken from a saved or shipped profile (the one fitting the
file best is chosen by itself) and saved under a name for the next export.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QLocale, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QGroupBox, QHBoxLayout,
                               QInputDialog, QLabel, QLineEdit, QPushButton, QTableWidget, QTableWidgetItem,
                               QTextBrowser, QVBoxLayout, QWidget)

from packseal.core.errors import PackSealError
from packseal.core.orders.importer import ImportReport, import_file
from packseal.core.orders.profiles import Profile, ProfileShelf
from packseal.core.orders.store import OrderStore
from packseal.core.orders.tabular import read_preview
from packseal.gui import file_places
from packseal.gui.orders.mapping_form import MappingForm
from packseal.gui.orders.texts import row_reason
from packseal.gui.tasks import TaskRunner

PREVIEW_ROWS = 20
CUSTOM = ""  # the profile combo's entry for a mapping chosen column by column
ENCODINGS = (("", "auto"), ("utf-8", "UTF-8"), ("gb18030", "GBK / GB18030"), ("big5", "Big5"),
             ("utf-16", "UTF-16"))
_RED, _GREEN = "#c62828", "#2e7d32"


class OrderImportDialog(QDialog):
    """See the module docstring. :attr:`imported` carries the report of a finished import."""

    imported = Signal(object)  # ImportReport

    def __init__(self, store: OrderStore, shelf: ProfileShelf, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("orderImportDialog")
        self._store, self._shelf, self._runner = store, shelf, runner
        self._header: list[str] = []
        self.report: ImportReport | None = None

        self.path = QLineEdit(self)
        self.path.setObjectName("importFile")
        self.path.editingFinished.connect(self.load)
        self.choose = QPushButton(self)
        self.choose.setAutoDefault(False)  # Enter in a field must not open the file dialog
        self.choose.clicked.connect(self._choose_file)
        self.encoding = QComboBox(self)
        self.encoding.setObjectName("importEncoding")
        for code, _label in ENCODINGS:
            self.encoding.addItem("", code)
        self.encoding.currentIndexChanged.connect(self.load)
        self.file_label, self.encoding_label = QLabel(self), QLabel(self)
        top = QHBoxLayout()
        for w, stretch in ((self.file_label, 0), (self.path, 1), (self.choose, 0), (self.encoding_label, 0),
                           (self.encoding, 0)):
            top.addWidget(w, stretch)

        self.preview = QTableWidget(self)
        self.preview.setObjectName("importPreview")
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.preview.setMinimumHeight(170)

        self.mapping_box = QGroupBox(self)
        self.profile = QComboBox(self.mapping_box)
        self.profile.setObjectName("importProfile")
        self.profile.currentIndexChanged.connect(self._profile_chosen)
        self.save_profile = QPushButton(self.mapping_box)
        self.save_profile.setObjectName("saveProfile")
        self.save_profile.clicked.connect(self._ask_profile_name)
        self.profile_label = QLabel(self.mapping_box)
        self.source_label = QLabel(self.mapping_box)
        self.source_label.setWordWrap(True)
        self.source_label.setStyleSheet("color: #555;")
        self.form = MappingForm(self.mapping_box)
        self.form.changed.connect(self._form_changed)
        row = QHBoxLayout()
        row.addWidget(self.profile_label)
        row.addWidget(self.profile, 1)
        row.addWidget(self.save_profile)
        box = QVBoxLayout(self.mapping_box)
        box.addLayout(row)
        box.addWidget(self.source_label)
        box.addWidget(self.form)

        self.message = QLabel(self)
        self.message.setObjectName("importMessage")
        self.message.setWordWrap(True)
        self.result = QTextBrowser(self)
        self.result.setObjectName("importResult")
        self.result.setMaximumHeight(140)
        self.result.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.import_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button.setObjectName("importButton")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.preview, 1)
        lay.addWidget(self.mapping_box)
        lay.addWidget(self.message)
        lay.addWidget(self.result)
        lay.addWidget(self.buttons)
        self.resize(980, 720)
        self._fill_profiles()
        self.retranslate()
        self._update_buttons()

    # -- the file ---------------------------------------------------------------------------
    def _choose_file(self) -> None:
        start = file_places.last_folder(file_places.ORDER_IMPORT, Path.home())
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Order export to import"), str(start),
                                              self.tr("Order exports (*.csv *.txt *.xlsx);;All files (*)"),
                                              options=QFileDialog.Option.DontUseNativeDialog)
        if path:
            file_places.remember(file_places.ORDER_IMPORT, path)
            self.path.setText(path)
            self.load()

    def load(self) -> None:
        """Read the header and the first rows of the chosen file (on the runner)."""
        text = self.path.text().strip()
        if not text:
            return
        path, encoding = Path(text), self.encoding.currentData() or None
        self._say(self.tr("Reading {name}…").format(name=path.name), "")
        self._runner.run(lambda: read_preview(path, encoding, PREVIEW_ROWS), on_success=self._loaded,
                         on_failure=self._load_failed, label="read order export")

    def _loaded(self, result) -> None:
        table, rows = result
        self._header = table.header
        self.preview.clear()
        self.preview.setColumnCount(len(table.header))
        self.preview.setRowCount(len(rows))
        self.preview.setHorizontalHeaderLabels(table.header)
        # the file's own row numbers, as refused rows are named after an import
        self.preview.setVerticalHeaderLabels([str(number) for number, _cells in rows])
        for r, (_number, cells) in enumerate(rows):
            for c, value in enumerate(cells[:len(table.header)]):
                self.preview.setItem(r, c, QTableWidgetItem(value))
        self.preview.resizeColumnsToContents()
        self.form.set_header(table.header)
        best = self._shelf.guess(table.header)
        self._select_profile(best.name if best else CUSTOM)
        how = table.kind.upper() + (f", {table.encoding}" if table.encoding else "")
        self._say(self.tr("{columns} columns ({how}); the first {rows} rows are shown.").format(
            columns=len(table.header), how=how, rows=len(rows)), "")
        self._update_buttons()

    def _load_failed(self, exc: BaseException) -> None:
        self._header = []
        self.preview.clear()
        self.preview.setRowCount(0)
        self.preview.setColumnCount(0)
        self.form.set_header([])
        self._say(str(exc), _RED)
        self._update_buttons()

    # -- the mapping -------------------------------------------------------------------------
    def _fill_profiles(self, select: str | None = None) -> None:
        self.profile.blockSignals(True)
        self.profile.clear()
        self.profile.addItem("", CUSTOM)
        try:
            profiles = self._shelf.all()
        except PackSealError as exc:
            profiles = []
            self._say(str(exc), _RED)
        self._profiles = {p.name: p for p in profiles}
        for p in profiles:
            self.profile.addItem(p.title(self._language()) if p.shipped else p.name, p.name)
        self.profile.blockSignals(False)
        self._retranslate_custom()
        if select is not None:
            self._select_profile(select)

    def _select_profile(self, name: str) -> None:
        self.profile.setCurrentIndex(max(0, self.profile.findData(name)))
        self._profile_chosen()

    def _profile_chosen(self) -> None:
        chosen = self._profiles.get(self.profile.currentData() or "")
        if chosen is not None and self._header:
            self.form.apply(chosen)
        self.source_label.setText(self.tr("Columns as documented at: {source}").format(source=chosen.source)
                                  if chosen is not None and chosen.source else "")
        self._update_buttons()

    def _form_changed(self) -> None:
        if self.profile.currentData() != CUSTOM:
            self.profile.blockSignals(True)
            self.profile.setCurrentIndex(0)
            self.profile.blockSignals(False)
            self.source_label.setText("")
        self._update_buttons()

    def chosen_profile(self) -> Profile:
        """The mapping to import with: the selected profile (its alternatives and optional columns
        apply), or the columns chosen by hand."""
        chosen = self._profiles.get(self.profile.currentData() or "")
        return chosen if chosen is not None else self.form.profile("custom")

    def _ask_profile_name(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Save mapping"), self.tr("Name of this mapping:"))
        if ok and name.strip():
            self.save_profile_as(name.strip())

    def save_profile_as(self, name: str) -> bool:
        """Save the columns chosen now as profile ``name``; False (and the reason shown) when it cannot be."""
        try:
            self._shelf.save(self.form.profile(name))
        except PackSealError as exc:
            self._say(str(exc), _RED)
            return False
        self._fill_profiles(select=name)
        self._say(self.tr("Mapping saved as “{name}”.").format(name=name), _GREEN)
        return True

    # -- importing ---------------------------------------------------------------------------
    def start_import(self) -> None:
        if not self._header or "order_id" not in self.form.columns():
            self._say(self.tr("Choose the column that holds the order ID first."), _RED)
            return
        path, encoding, profile = Path(self.path.text().strip()), self.encoding.currentData() or None, \
            self.chosen_profile()
        self.import_button.setEnabled(False)
        self._say(self.tr("Importing {name}…").format(name=path.name), "")
        store, shelf = self._store, self._shelf
        self._runner.run(lambda: import_file(store, path, shelf=shelf, mapping=profile, encoding=encoding),
                         on_success=self._import_done, on_failure=self._import_failed, label="import orders")

    def _import_done(self, report: ImportReport) -> None:
        self.report = report
        summary = self.tr("Imported {orders} orders ({new} new, {updated} updated) and {items} items "
                          "from {rows} rows.").format(orders=report.orders, new=report.new_orders,
                                                      updated=report.updated_orders, items=report.items,
                                                      rows=report.rows)
        lines = []
        if report.rows_refused:
            summary += " " + self.tr("{count} rows refused; their orders were not imported.").format(
                count=report.rows_refused)
            for p in report.problems:
                order = self.tr(" (order {order})").format(order=p.order_id) if p.order_id else ""
                lines.append(self.tr("Row {row}{order}: {reason}").format(
                    row=p.row, order=order, reason=row_reason(p.code, p.value, p.reason)))
            if report.rows_refused > len(report.problems):
                lines.append(self.tr("… and {count} more").format(count=report.rows_refused - len(report.problems)))
        self._say(summary, _RED if report.rows_refused else _GREEN)
        self.result.setPlainText("\n".join(lines))
        self.result.setVisible(bool(lines))
        self._update_buttons()
        self.imported.emit(report)

    def _import_failed(self, exc: BaseException) -> None:
        self._say(self.tr("Nothing was imported: {reason}").format(reason=exc), _RED)
        self.result.hide()
        self._update_buttons()

    # -- looks -------------------------------------------------------------------------------
    def _say(self, text: str, colour: str) -> None:
        self.message.setStyleSheet(f"color: {colour}; font-weight: bold;" if colour else "")
        self.message.setText(text)

    def _update_buttons(self) -> None:
        self.import_button.setEnabled(bool(self._header))
        self.save_profile.setEnabled(bool(self._header) and "order_id" in self.form.columns())

    @staticmethod
    def _language() -> str:
        return "zh_CN" if QLocale().language() == QLocale.Language.Chinese else "en"

    def _retranslate_custom(self) -> None:
        self.profile.setItemText(0, self.tr("Columns chosen by hand"))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import orders"))
        self.file_label.setText(self.tr("File:"))
        self.choose.setText(self.tr("Choose…"))
        self.encoding_label.setText(self.tr("Encoding:"))
        self.encoding.setItemText(0, self.tr("Detect (UTF-8 or GBK)"))
        for i, (_code, label) in enumerate(ENCODINGS[1:], 1):
            self.encoding.setItemText(i, label)
        self.mapping_box.setTitle(self.tr("Which column holds what"))
        self.profile_label.setText(self.tr("Mapping:"))
        self.save_profile.setText(self.tr("Save mapping as…"))
        self.import_button.setText(self.tr("Import"))
        self._retranslate_custom()
        self.form.retranslate()
        if not self._header and not self.message.text():
            self._say(self.tr("Choose a CSV or XLSX export of your orders."), "")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
