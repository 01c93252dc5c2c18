"""The first start: name the station, pick the camera, choose where recordings live.

An error under the fields goes away as soon as the input is changed; a
storage folder fixed by ``--data-dir`` or ``PACKSEAL_DATA_DIR`` is greyed
with a note saying so; Cancel (or Esc, or closing the window) asks before
quitting, since PackSeal cannot run without these answers.
"""

from __future__ import annotations

import socket
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QMessageBox, QPushButton, QVBoxLayout, QWidget)

from packseal.core.errors import PackSealError
from packseal.core.settings import Settings
from packseal.gui.camera_picker import CameraPicker
from packseal.gui.tasks import TaskRunner
from packseal.gui.theme import scaled_font


class FirstRunDialog(QDialog):
    """Asks for station name, camera and storage folder; :meth:`result_settings` gives the answer."""

    def __init__(self, data_dir: Path, *, data_dir_fixed: bool, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunDialog")
        self._data_dir_fixed = data_dir_fixed
        self.heading = QLabel(self)
        self.heading.setFont(scaled_font(self.font(), 26, bold=True))
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.station_name = QLineEdit(socket.gethostname()[:40] or "Station 1", self)
        self.station_name.setObjectName("stationName")
        self.station_name.setMaxLength(60)
        self.camera = CameraPicker(runner, "auto", self)
        self.storage = QLineEdit(str(data_dir), self)
        self.storage.setObjectName("storageFolder")
        self.storage.setEnabled(not data_dir_fixed)
        self.browse = QPushButton(self)
        # Enter in a field means Start, never this button (it comes first, so Qt would make it the default).
        self.browse.setAutoDefault(False)
        self.browse.setEnabled(not data_dir_fixed)
        self.browse.clicked.connect(self._browse)
        folder = QHBoxLayout()
        folder.addWidget(self.storage, 1)
        folder.addWidget(self.browse)
        self.storage_note = QLabel(self)  # why the folder cannot be changed, when it cannot
        self.storage_note.setWordWrap(True)
        self.storage_note.setStyleSheet("color: #555;")
        self.storage_note.setVisible(data_dir_fixed)
        self.key_note = QLabel(self)
        self.key_note.setWordWrap(True)
        self.key_note.setStyleSheet("color: #555;")
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #c62828; font-weight: bold;")
        self.error.setWordWrap(True)
        self.error.hide()
        self._labels = [QLabel(self) for _ in range(3)]
        form = QFormLayout()
        form.addRow(self._labels[0], self.station_name)
        form.addRow(self._labels[1], self.camera)
        form.addRow(self._labels[2], folder)
        form.addRow("", self.storage_note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setDefault(True)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addWidget(self.intro)
        lay.addLayout(form)
        lay.addWidget(self.key_note)
        lay.addWidget(self.error)
        lay.addStretch(1)
        lay.addWidget(self.buttons)
        self.resize(720, 320)
        self.quit_question = QMessageBox(QMessageBox.Icon.Question, "", "",
                                         QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        self.quit_question.setDefaultButton(QMessageBox.StandardButton.No)
        self.quit_question.setWindowModality(Qt.WindowModality.WindowModal)
        self.quit_question.accepted.connect(self._quit_confirmed)  # Yes is the accepting role
        self._quitting = False
        # The error was about the input as it was: any change makes it stale.
        self.station_name.textChanged.connect(self._clear_error)
        self.storage.textChanged.connect(self._clear_error)
        self.camera.combo.currentIndexChanged.connect(self._clear_error)
        self.camera.other.textChanged.connect(self._clear_error)
        self.retranslate()

    def result_settings(self) -> tuple[Settings, Path]:
        """Settings for the new station and the chosen data dir; raises BadInputError when invalid."""
        settings = Settings(station_name=self.station_name.text().strip(), source=self.camera.spec())
        settings.validate()
        text = self.storage.text().strip()
        if not text:
            raise PackSealError(self.tr("Choose a storage folder."))
        return settings, Path(text).expanduser().resolve()

    def reject(self) -> None:
        """Cancel, Esc or the window's close button: ask first; quitting leaves the station unset."""
        if self._quitting:
            super().reject()
            return
        self.quit_question.open()

    def _quit_confirmed(self) -> None:
        self._quitting = True
        self.reject()

    def _clear_error(self) -> None:
        self.error.clear()
        self.error.hide()

    def _accept(self) -> None:
        try:
            self.result_settings()
        except PackSealError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.accept()

    def _browse(self) -> None:
        # Qt's own dialog, not the system's: scanner bursts are caught there too, and it is translated.
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Storage folder"), self.storage.text(),
                                                  QFileDialog.Option.DontUseNativeDialog
                                                  | QFileDialog.Option.ShowDirsOnly)
        if chosen:
            self.storage.setText(chosen)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Welcome to PackSeal"))
        self.heading.setText(self.tr("Set up this packing station"))
        self.intro.setText(self.tr("PackSeal records each order while it is packed and seals the video "
                                   "so that nobody can alter it unnoticed. Three things to set; all can "
                                   "be changed later in Settings."))
        for label, text in zip(self._labels, (self.tr("Station name:"), self.tr("Camera:"),
                                              self.tr("Storage folder:"))):
            label.setText(text)
        self.browse.setText(self.tr("Choose…"))
        self.key_note.setText(self.tr("When you press “Start”, PackSeal creates this station's signing key "
                                      "in the storage folder. The private key never leaves it; keep backups of "
                                      "the folder."))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Start"))
        self.storage_note.setText(self.tr("Set by --data-dir or PACKSEAL_DATA_DIR when PackSeal was started; "
                                          "it cannot be changed here."))
        self.storage.setToolTip(self.storage_note.text() if self._data_dir_fixed else "")
        self.quit_question.setWindowTitle(self.tr("Quit PackSeal?"))
        self.quit_question.setText(self.tr("Quit without setting up the station?"))
        self.quit_question.setInformativeText(self.tr("Nothing is recorded until the station is set up. "
                                                      "PackSeal asks again at the next start."))
        self.quit_question.button(QMessageBox.StandardButton.Yes).setText(self.tr("Quit"))
        self.quit_question.button(QMessageBox.StandardButton.No).setText(self.tr("Back to setup"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
