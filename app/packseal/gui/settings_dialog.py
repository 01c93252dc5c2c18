"""The settings dialog: station, camera, recording, order numbers, orders (the live feed), station key.

It edits a copy of the settings and hands the result to the window
(:attr:`SettingsDialog.accepted_settings`), which saves them and applies
what it can at once; the dialog itself changes nothing in the core.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFileDialog,
                               QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox,
                               QTabWidget, QVBoxLayout, QWidget)

from packseal.core.capture.sources import takes_format
from packseal.core.errors import PackSealError
from packseal.core.ledger import PublicKey
from packseal.core.media.ffmpeg import HARDWARE_ENCODERS
from packseal.core.settings import CAMERA_EXPORTS, Settings
from packseal.gui import file_places, i18n
from packseal.gui.camera_picker import CameraPicker
from packseal.gui.order_rules_page import OrderRulesPage
from packseal.gui.scale_page import ScalePage
from packseal.gui.bench_settings import BenchSettingsBox
from packseal.gui.orders.feed_settings import OrderFeedSettings
from packseal.gui.scanner_settings import ScannerSettingsBox
from packseal.gui.key_qr import fingerprint_qr_pixmap
from packseal.gui.tasks import TaskRunner

log = logging.getLogger(__name__)

RESOLUTIONS = ((640, 360), (640, 480), (1280, 720), (1920, 1080), (2560, 1440), (3840, 2160))
# Picture quality as the owner chooses it: the encoder's CRF (lower = sharper, larger files).
QUALITY_STANDARD, QUALITY_HIGH, QUALITY_BEST = 28, 20, 17  # 28: bench/RESULTS.md, "Storage per minute"


@dataclass(frozen=True)
class KeyInfo:
    """What the dialog shows about the station key."""

    fingerprint: str
    key_id: str
    pem: str


def write_public_key(path: Path, pem: str) -> Path:
    """Save the public key PEM (for verifiers; the private key never leaves the data dir)."""
    path = Path(path)
    if path.suffix.lower() != ".pem":
        path = path.with_suffix(path.suffix + ".pem" if path.suffix else ".pem")
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(pem, encoding="ascii")
    os.replace(tmp, path)  # whole or not at all: a reader never sees half a key
    return path


class SettingsDialog(QDialog):
    accepted_settings = Signal(object, object)  # Settings, new data dir (Path) or None when unchanged

    def __init__(self, settings: Settings, *, data_dir: Path, data_dir_fixed: bool, key: KeyInfo,
                 runner: TaskRunner, hub: QWidget | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self._settings = settings
        self._data_dir = Path(data_dir)
        self._data_dir_fixed = data_dir_fixed
        self._key = key
        self._runner = runner
        self.tabs = QTabWidget(self)
        self._build_station_tab()
        self._build_camera_tab()
        self._build_recording_tab()
        self.rules = OrderRulesPage(settings.order_rules, self)
        self.tabs.addTab(self.rules, "")
        self.order_feed = OrderFeedSettings(settings, self._data_dir, runner, self)
        self.tabs.addTab(self.order_feed, "")
        self._build_key_tab()
        self.scale_page = ScalePage(settings.scale, runner, self)
        self.tabs.addTab(self.scale_page, "")
        self.hub_page = hub  # Settings → Hub (gui/hub_page.py), when the window gives one
        if hub is not None:
            self.tabs.addTab(hub, "")
        self.error = QLabel(self)
        self.error.setObjectName("settingsError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828; font-weight: bold;")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)
        self.resize(780, 660)
        self.retranslate()

    # -- pages ------------------------------------------------------------------------------
    def _build_station_tab(self) -> None:
        s = self._settings
        page = QWidget(self)
        form = QFormLayout(page)
        self.station_name = QLineEdit(s.station_name, page)
        self.station_name.setObjectName("stationName")
        self.station_name.setMaxLength(60)
        self.language = QComboBox(page)
        self.language.setObjectName("languageCombo")
        for code in i18n.LANGUAGES:
            self.language.addItem("", code)
        self.language.setCurrentIndex(max(0, self.language.findData(s.language)))
        self.show_qr = QCheckBox(page)
        self.show_qr.setChecked(s.show_qr)
        self.storage = QLineEdit(str(self._data_dir), page)
        self.storage.setObjectName("storageFolder")
        self.storage.setEnabled(not self._data_dir_fixed)
        self.browse = QPushButton(page)
        self.browse.setAutoDefault(False)  # Enter in a field must not open the file dialog
        self.browse.setEnabled(not self._data_dir_fixed)
        self.browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.storage, 1)
        row.addWidget(self.browse)
        self.storage_note = QLabel(page)
        self.storage_note.setWordWrap(True)
        self.storage_note.setStyleSheet("color: #555;")
        self._station_labels = [QLabel(page) for _ in range(4)]
        form.addRow(self._station_labels[0], self.station_name)
        form.addRow(self._station_labels[1], self.language)
        form.addRow(self._station_labels[2], self.show_qr)
        form.addRow(self._station_labels[3], row)
        form.addRow("", self.storage_note)
        self.scanner_box = ScannerSettingsBox(s, page)
        form.addRow(self.scanner_box)
        self.bench_box = BenchSettingsBox(s, page)
        form.addRow(self.bench_box)
        self.tabs.addTab(page, "")

    def _build_camera_tab(self) -> None:
        s = self._settings
        page = QWidget(self)
        form = QFormLayout(page)
        self.camera = CameraPicker(self._runner, s.source, page)
        self.second_camera = CameraPicker(self._runner, s.second_source, page, optional=True)
        self.barcode_camera = QComboBox(page)  # whose picture is read for waybills
        self.barcode_camera.setObjectName("barcodeCameraCombo")
        for index in (0, 1):
            self.barcode_camera.addItem("", index)
        self.barcode_camera.setCurrentIndex(self.barcode_camera.findData(s.barcode_camera))
        self.camera_exports = QComboBox(page)  # what exports and packs of a clip of two cameras carry
        self.camera_exports.setObjectName("cameraExports")
        for value in CAMERA_EXPORTS:
            self.camera_exports.addItem("", value)
        self.camera_exports.setCurrentIndex(max(0, self.camera_exports.findData(s.camera_exports)))
        self.resolution = QComboBox(page)
        sizes = list(RESOLUTIONS)
        if (s.width, s.height) not in sizes:
            sizes.append((s.width, s.height))
        for w, h in sizes:
            self.resolution.addItem(f"{w} × {h}", f"{w}x{h}")
        self.resolution.setCurrentIndex(self.resolution.findData(f"{s.width}x{s.height}"))
        self.fps = QSpinBox(page)
        self.fps.setRange(1, 60)
        self.fps.setValue(min(60, s.fps))
        self.encoder = QComboBox(page)
        self.encoder.setObjectName("encoderCombo")
        for name in ("auto", "libx264", *HARDWARE_ENCODERS):
            self.encoder.addItem(name, name)
        if self.encoder.findData(s.encoder) < 0:
            self.encoder.addItem(s.encoder, s.encoder)
        self.encoder.setCurrentIndex(self.encoder.findData(s.encoder))
        self.quality = QComboBox(page)
        self.quality.setObjectName("qualityCombo")
        for crf in (QUALITY_STANDARD, QUALITY_HIGH, QUALITY_BEST):
            self.quality.addItem("", crf)
        if self.quality.findData(s.quality) < 0:  # a value set by hand in settings.json is kept as it is
            self.quality.addItem("", s.quality)
        self.quality.setCurrentIndex(self.quality.findData(s.quality))
        self.camera_barcodes = QCheckBox(page)
        self.camera_barcodes.setObjectName("cameraBarcodes")
        self.camera_barcodes.setChecked(s.camera_barcodes)
        self.test_camera_barcodes = QCheckBox(page)  # the test scene's label would start orders unasked
        self.test_camera_barcodes.setObjectName("testCameraBarcodes")
        self.test_camera_barcodes.setChecked(s.test_camera_barcodes)
        self.camera_note = QLabel(page)
        self.camera_note.setWordWrap(True)
        self.camera_note.setStyleSheet("color: #555;")
        self._camera_labels = [QLabel(page) for _ in range(9)]
        for label, field in zip(self._camera_labels, (self.camera, self.second_camera, self.resolution, self.fps,
                                                      self.encoder, self.quality, self.camera_barcodes,
                                                      self.barcode_camera, self.camera_exports)):
            form.addRow(label, field)
        below_codes = form.getWidgetPosition(self.camera_barcodes)[0] + 1  # the exception sits under its rule
        form.insertRow(below_codes, "", self.test_camera_barcodes)
        form.addRow("", self.camera_note)
        self.tabs.addTab(page, "")
        for picker in (self.camera, self.second_camera):
            picker.changed.connect(self._sync_format_fields)
        self._sync_format_fields()

    def _sync_format_fields(self) -> None:
        """Resolution and frame rate only where a chosen camera takes them (a file or stream has its own)."""
        asked = [takes_format(p.typed_spec()) for p in (self.camera, self.second_camera)]
        own = self.tr("The chosen camera sets its own: a video file, an IP camera, or a test camera "
                      "with its size in its setting.")
        for field, used in ((self.resolution, any(a[0] for a in asked)), (self.fps, any(a[1] for a in asked))):
            field.setEnabled(used)
            field.setToolTip("" if used else own)

    def _build_recording_tab(self) -> None:
        s = self._settings
        page = QWidget(self)
        form = QFormLayout(page)
        self.preroll = QDoubleSpinBox(page)
        self.postroll = QDoubleSpinBox(page)
        for box, value in ((self.preroll, s.preroll_s), (self.postroll, s.postroll_s)):
            box.setRange(0.0, 60.0)
            box.setSingleStep(0.5)
            box.setDecimals(1)
            box.setValue(value)
        self.reserve = QDoubleSpinBox(page)
        self.reserve.setRange(0.0, 10_000.0)
        self.reserve.setDecimals(1)
        self.reserve.setSingleStep(0.5)
        self.reserve.setValue(s.reserve_mb / 1024)
        self.tape_days = QDoubleSpinBox(page)
        self.tape_days.setObjectName("tapeDays")
        self.tape_days.setRange(0.1, 3650.0)
        self.tape_days.setDecimals(1)
        self.tape_days.setValue(s.tape_days)
        self.clip_days = QSpinBox(page)
        self.clip_days.setObjectName("clipDays")
        self.clip_days.setRange(0, 36500)
        self.clip_days.setValue(round(s.clip_days))
        self.recording_note = QLabel(page)
        self.recording_note.setWordWrap(True)
        self.recording_note.setStyleSheet("color: #555;")
        self._recording_labels = [QLabel(page) for _ in range(5)]
        for label, field in zip(self._recording_labels, (self.preroll, self.postroll, self.reserve,
                                                         self.tape_days, self.clip_days)):
            form.addRow(label, field)
        form.addRow("", self.recording_note)
        self.tabs.addTab(page, "")

    def _build_key_tab(self) -> None:
        page = QWidget(self)
        lay = QVBoxLayout(page)
        self.key_intro = QLabel(page)
        self.key_intro.setWordWrap(True)
        self.fingerprint = QLabel(self._key.fingerprint, page)
        self.fingerprint.setObjectName("keyFingerprint")
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPixelSize(28)
        mono.setBold(True)
        self.fingerprint.setFont(mono)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint.setWordWrap(True)
        full = PublicKey.from_pem(self._key.pem).fingerprint_hex
        self.fingerprint_qr = QLabel(page)
        self.fingerprint_qr.setObjectName("keyFingerprintQr")
        self.fingerprint_qr.setPixmap(fingerprint_qr_pixmap(full))
        self.fingerprint_qr.setToolTip(full)
        self.publish_note = QLabel(page)
        self.publish_note.setWordWrap(True)
        self.export_button = QPushButton(page)
        self.export_button.clicked.connect(self._export_key)
        self.export_result = QLabel(page)
        self.export_result.setWordWrap(True)
        lay.addWidget(self.key_intro)
        lay.addWidget(self.fingerprint)
        lay.addWidget(self.publish_note)
        lay.addWidget(self.fingerprint_qr, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(self.export_result)
        lay.addStretch(1)
        self.tabs.addTab(page, "")

    # -- actions -----------------------------------------------------------------------------
    def _browse(self) -> None:
        # Qt's own dialog, not the system's: scanner bursts are caught there too, and it is translated.
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Storage folder"), self.storage.text(),
                                                  QFileDialog.Option.DontUseNativeDialog
                                                  | QFileDialog.Option.ShowDirsOnly)
        if chosen:
            self.storage.setText(chosen)

    def _export_key(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export public key"),
            str(file_places.last_folder(file_places.PUBLIC_KEY, Path.home()) / f"packseal-{self._key.key_id}.pem"),
            self.tr("PEM public key (*.pem)"), options=QFileDialog.Option.DontUseNativeDialog)
        if path:
            file_places.remember(file_places.PUBLIC_KEY, path)
            self.export_key_to(Path(path))

    def export_key_to(self, path: Path) -> None:
        """Write the public key PEM to ``path`` on a worker; the result is shown under the button."""
        pem = self._key.pem
        self._runner.run(lambda: write_public_key(path, pem), on_success=self._exported,
                         on_failure=self._export_failed, label="export public key")

    def _exported(self, path: Path) -> None:
        self.export_result.setStyleSheet("color: #2e7d32;")
        self.export_result.setText(self.tr("Saved to {path}").format(path=path))

    def _export_failed(self, exc: BaseException) -> None:
        self.export_result.setStyleSheet("color: #c62828;")
        self.export_result.setText(self.tr("Could not save the key: {error}").format(error=exc))

    def result_settings(self) -> tuple[Settings, Path | None]:
        """The edited settings and the new data dir (None if unchanged); raises BadInputError."""
        w, h = (int(v) for v in self.resolution.currentData().split("x"))
        new = dataclasses.replace(
            self._settings,
            station_name=self.station_name.text().strip(),
            language=self.language.currentData(),
            show_qr=self.show_qr.isChecked(),
            camera_barcodes=self.camera_barcodes.isChecked(),
            test_camera_barcodes=self.test_camera_barcodes.isChecked(),
            **self.scanner_box.values(),
            **self.bench_box.values(),
            source=self.camera.spec(), second_source=self.second_camera.spec(),
            barcode_camera=self.barcode_camera.currentData(), camera_exports=self.camera_exports.currentData(),
            width=w, height=h, fps=self.fps.value(),
            encoder=self.encoder.currentData(), quality=self.quality.currentData(),
            preroll_s=round(self.preroll.value(), 1), postroll_s=round(self.postroll.value(), 1),
            reserve_mb=round(self.reserve.value() * 1024),
            tape_days=round(self.tape_days.value(), 1), clip_days=float(self.clip_days.value()),
            order_rules=self.rules.rule_settings(),
            scale=self.scale_page.scale_settings(),
            **self.order_feed.values(),
            **(self.hub_page.values() if self.hub_page is not None else {}),
        )
        self.rules.policy()  # raises naming a broken rule, or when none is left
        new.validate()
        folder = Path(self.storage.text().strip()).expanduser() if self.storage.text().strip() else self._data_dir
        return new, (None if folder.resolve() == self._data_dir.resolve() else folder.resolve())

    def _accept(self) -> None:
        try:
            new, folder = self.result_settings()
        except PackSealError as exc:
            self.show_error(str(exc))
            return
        self.accepted_settings.emit(new, folder)
        self.accept()

    def show_error(self, text: str) -> None:
        self.error.setText(self.tr("Not saved: {reason}").format(reason=text))
        self.error.show()

    # -- texts --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        for i, title in enumerate((self.tr("Station"), self.tr("Camera"), self.tr("Recording"),
                                   self.tr("Order numbers"), self.tr("Orders"), self.tr("Station key"))):
            self.tabs.setTabText(i, title)
        self.tabs.setTabText(self.tabs.indexOf(self.scale_page), self.tr("Scale"))
        if self.hub_page is not None:
            self.tabs.setTabText(self.tabs.indexOf(self.hub_page), self.tr("Hub"))
        for label, text in zip(self._station_labels, (self.tr("Station name:"), self.tr("Language:"),
                                                      self.tr("QR code in the picture:"),
                                                      self.tr("Storage folder:"))):
            label.setText(text)
        names = {i18n.SYSTEM: self.tr("Same as the computer"), i18n.CHINESE: "中文（简体）",
                 i18n.ENGLISH: "English"}
        for i in range(self.language.count()):
            self.language.setItemText(i, names[self.language.itemData(i)])
        self.show_qr.setText(self.tr("Burn a QR code with order, station and time into each frame"))
        self.camera_barcodes.setText(self.tr("Start orders from waybill codes held up to the camera"))
        self.test_camera_barcodes.setText(self.tr("Also from the test camera or a video file (to try it out)"))
        self._sync_format_fields()
        self.scanner_box.retranslate()
        self.bench_box.retranslate()
        self.browse.setText(self.tr("Choose…"))
        self.storage_note.setText(
            self.tr("Set by the command line or PACKSEAL_DATA_DIR; it cannot be changed here.")
            if self._data_dir_fixed else
            self.tr("Clips, the seal ledger and the station key live here. A new folder is used after "
                    "PackSeal is restarted; existing recordings are not moved."))
        for label, text in zip(self._camera_labels, (self.tr("Camera:"), self.tr("Second camera:"),
                                                     self.tr("Resolution:"),
                                                     self.tr("Frame rate (fps):"), self.tr("Encoder:"),
                                                     self.tr("Picture quality:"),
                                                     self.tr("Codes seen by the camera:"),
                                                     self.tr("Codes read from:"),
                                                     self.tr("Exports of two cameras:"))):
            label.setText(text)
        exports = {"both": self.tr("Both cameras' sealed files"),
                   "pip": self.tr("One picture-in-picture file (the sealed files beside it in a pack)")}
        for i in range(self.camera_exports.count()):
            self.camera_exports.setItemText(i, exports[self.camera_exports.itemData(i)])
        self.barcode_camera.setItemText(0, self.tr("The first camera"))
        self.barcode_camera.setItemText(1, self.tr("The second camera"))
        qualities = {QUALITY_STANDARD: self.tr("Standard"), QUALITY_HIGH: self.tr("High"),
                     QUALITY_BEST: self.tr("Best (larger files)")}
        for i in range(self.quality.count()):
            crf = self.quality.itemData(i)
            self.quality.setItemText(i, qualities.get(crf) or self.tr("Set by hand (CRF {crf})").format(crf=crf))
        encoders = {"auto": self.tr("Automatic (the graphics chip if it works, else software)"),
                    "libx264": self.tr("Software (libx264)")}
        for i in range(self.encoder.count()):
            name = self.encoder.itemData(i)
            self.encoder.setItemText(i, encoders.get(name, name))
        self.camera_note.setText(self.tr("Higher picture quality shows more detail and takes more disk space. "
                                         "Changing the camera, resolution, frame rate or encoder restarts the "
                                         "camera; an order being recorded is finished first. A second camera "
                                         "records its own file of each order, sealed with the first; the "
                                         "live picture shows both (F3 switches between side by side and "
                                         "picture-in-picture)."))
        for label, text in zip(self._recording_labels, (self.tr("Pre-roll, at least (seconds before the scan):"),
                                                        self.tr("Post-roll (seconds after the stop):"),
                                                        self.tr("Keep free on disk (GB):"),
                                                        self.tr("Keep video recorded between orders (days):"),
                                                        self.tr("Keep clips (days, 0 = for ever):"))):
            label.setText(text)
        self.clip_days.setSpecialValueText(self.tr("for ever"))
        self.recording_note.setText(self.tr("When free space falls below this reserve, new orders are "
                                            "refused; below twice the reserve a warning is shown. To make "
                                            "room, the oldest video recorded between orders and then the "
                                            "oldest clips are deleted (never pinned clips or clips in a "
                                            "dispute), and every "
                                            "deletion is recorded in the seal."))
        self.key_intro.setText(self.tr("Every clip is sealed with this station's signing key. Its "
                                       "fingerprint below is what a reviewer compares to know a clip "
                                       "really comes from your station."))
        self.publish_note.setText(self.tr("Publish this fingerprint where a reviewer finds it without "
                                          "asking you: your shop profile, the platform's seller notes, a "
                                          "printed card at the packing bench (the QR code holds it). A "
                                          "pack forged later with another key then fails the check."))
        self.export_button.setText(self.tr("Export public key…"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
