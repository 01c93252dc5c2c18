"""Exporting a clip for a marketplace's dispute form, from the library.

The owner picks a platform preset (its limits and notes are shown), and when
the clip is longer than the platform takes, the ONE continuous window to
export (start and end spin boxes, never longer than the preset allows,
shown on a bar under them). :func:`packseal.core.evidence.export.export_clip`
does the work on the task runner; its progress callback runs on the worker
thread and reaches the progress bar through a queued signal. Cancelling
makes that callback raise, so the core stops and keeps nothing unsealed.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QRectF, QStandardPaths, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (QComboBox, QDialog, QDoubleSpinBox, QFileDialog, QFormLayout, QGroupBox,
                               QHBoxLayout, QLabel, QLayout, QLineEdit, QListWidget, QProgressBar, QPushButton,
                               QVBoxLayout, QWidget)

from packseal.compose import Services
from packseal.core.catalog import ClipRecord
from packseal.core.evidence.presets import Preset, builtin_presets
from packseal.core.evidence.transcode import choose_window
from packseal.gui import file_places, formatting
from packseal.gui import problem_texts as window_messages
from packseal.gui.i18n import resolve_language
from packseal.gui.library.file_manager import show_in_file_manager
from packseal.gui.preset_notes import is_builtin_note, preset_note
from packseal.gui.tasks import TaskRunner


class ExportCancelled(Exception):
    """Raised inside the core's progress callback when the owner cancels the export."""


class _Relay(QObject):
    """Carries the core's progress from the worker thread to the GUI thread (queued)."""

    progressed = Signal(float, str)  # fraction done, the core's (English) step


class WindowBar(QWidget):
    """The clip as a bar: the exported window highlighted, the scan marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(22)
        self._duration = 1.0
        self._scan = 0.0
        self._start, self._end = 0.0, 1.0

    def set_clip(self, duration_s: float, scan_s: float) -> None:
        self._duration, self._scan = max(duration_s, 1e-3), scan_s
        self.update()

    def set_window(self, start_s: float, end_s: float) -> None:
        self._start, self._end = start_s, end_s
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.width() - 2, self.height() - 2
        painter.setPen(QColor("#888888"))
        painter.setBrush(QColor("#dddddd"))
        painter.drawRoundedRect(QRectF(1, 4, w, h - 8), 3, 3)
        x0 = 1 + w * self._start / self._duration
        x1 = 1 + w * self._end / self._duration
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#2f7fd0"))
        painter.drawRect(QRectF(x0, 4, max(1.0, x1 - x0), h - 8))
        xs = 1 + w * self._scan / self._duration
        painter.setPen(QColor("#d03030"))
        painter.drawLine(int(xs), 1, int(xs), h + 1)
        painter.end()


class ExportDialog(QDialog):
    """Export ``clip`` for a platform; see the module docstring."""

    exported = Signal(object)  # ExportResult
    failed = Signal(object)    # the exception (ExportCancelled when cancelled)

    def __init__(self, services: Services, runner: TaskRunner, clip: ClipRecord, parent: QWidget | None = None,
                 *, presets: dict[str, Preset] | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self._clip = clip
        self._presets = dict(presets if presets is not None else builtin_presets())
        self._language = resolve_language(services.settings.language)
        self._cancel = threading.Event()
        self._busy = False
        self._close_when_done = False
        self._out_dir: Path | None = None
        self.result = None  # the last ExportResult
        self._duration = max(0.1, (clip.duration_ms if clip.duration_ms is not None
                                    else (clip.end_ms or clip.start_ms) - clip.start_ms) / 1000)
        self._scan = max(0.0, min(self._duration, (clip.scan_ms - clip.start_ms) / 1000))
        self._relay = _Relay(self)
        self._relay.progressed.connect(self._on_progress)

        self.clip_label = QLabel(self)
        self.preset_label = QLabel(self)
        self.preset_box = QComboBox(self)
        for preset in self._presets.values():
            self.preset_box.addItem(preset.title(self._language), preset.name)
        self.limits_label = QLabel(self)
        self.limits_label.setWordWrap(True)
        self.notes_label = QLabel(self)
        self.notes_label.setWordWrap(True)
        self.notes_label.setStyleSheet("color: #555555;")

        self.window_group = QGroupBox(self)
        self.window_hint = QLabel(self.window_group)
        self.window_hint.setWordWrap(True)
        self.start_label = QLabel(self.window_group)
        self.end_label = QLabel(self.window_group)
        self.start_spin = QDoubleSpinBox(self.window_group)
        self.end_spin = QDoubleSpinBox(self.window_group)
        for spin in (self.start_spin, self.end_spin):
            spin.setDecimals(1)
            spin.setSingleStep(1.0)
            spin.setRange(0.0, self._duration)
        self.window_bar = WindowBar(self.window_group)
        self.window_bar.set_clip(self._duration, self._scan)
        self.start_spin.valueChanged.connect(self._start_changed)
        self.end_spin.valueChanged.connect(self._end_changed)
        spins = QHBoxLayout()
        spins.addWidget(self.start_label)
        spins.addWidget(self.start_spin)
        spins.addSpacing(12)
        spins.addWidget(self.end_label)
        spins.addWidget(self.end_spin)
        spins.addStretch(1)
        window_layout = QVBoxLayout(self.window_group)
        window_layout.addWidget(self.window_hint)
        window_layout.addLayout(spins)
        window_layout.addWidget(self.window_bar)

        self.folder_label = QLabel(self)
        self.folder_edit = QLineEdit(self)
        self.folder_edit.setText(str(file_places.last_folder(file_places.EXPORT, default_export_folder())))
        self.browse_button = QPushButton(self)
        self.browse_button.clicked.connect(self.choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.browse_button)

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.files_list = QListWidget(self)
        self.files_list.hide()

        self.export_button = QPushButton(self)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.open_button = QPushButton(self)
        self.open_button.clicked.connect(self.open_folder)
        self.open_button.hide()
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)

        form = self._form = QFormLayout()
        form.addRow(self.preset_label, self.preset_box)
        form.addRow("", self.limits_label)
        form.addRow("", self.notes_label)
        form.addRow(self.folder_label, folder_row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.clip_label)
        layout.addLayout(form)
        layout.addWidget(self.window_group)
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)
        layout.addWidget(self.files_list, 1)
        layout.addLayout(buttons)
        # The dialog never gets smaller than its content: a squeezed word-wrapped label draws its lines over
        # the next row (the platform's notes over its limits once the exported files were listed).
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addStrut(540)  # the dialog's least width (a size constraint overrides setMinimumWidth)

        self.preset_box.currentIndexChanged.connect(self._preset_changed)
        self.retranslate()
        self._preset_changed()

    # -- state ---------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """True while an export runs."""
        return self._busy

    @property
    def preset(self) -> Preset:
        return self._presets[self.preset_box.currentData()]

    def set_preset(self, name: str) -> None:
        """Choose the preset called ``name`` (as the combo box does)."""
        index = self.preset_box.findData(name)
        if index < 0:
            raise KeyError(name)
        self.preset_box.setCurrentIndex(index)

    def max_seconds(self) -> float | None:
        """The longest window the chosen preset takes, or None when the whole clip fits."""
        video = self.preset.video
        if video is None or video.max_seconds is None or self._duration <= video.max_seconds:
            return None
        return float(video.max_seconds)

    def chosen_span(self) -> tuple[float, float] | None:
        """The chosen (start, end) in seconds, or None when the whole clip is exported."""
        if self.max_seconds() is None:
            return None
        return self.start_spin.value(), self.end_spin.value()

    def _preset_changed(self) -> None:
        self._clear_result()  # what the last export wrote belongs to the other platform
        self._show_limits()
        limit = self.max_seconds()
        self.window_group.setVisible(limit is not None)
        if limit is not None:
            default = choose_window(self._duration, self._scan, limit)
            self._set_window(default.start_s, default.end_s)
        self.adjustSize()

    def _set_window(self, start: float, end: float) -> None:
        for spin, value in ((self.start_spin, start), (self.end_spin, end)):
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)
        self.window_bar.set_window(self.start_spin.value(), self.end_spin.value())

    def _start_changed(self, start: float) -> None:
        # Keep the window non-empty and within the preset's limit by moving the end along.
        limit = self.max_seconds() or self._duration
        end = self.end_spin.value()
        if end - start > limit:
            end = start + limit
        if end <= start:
            end = min(self._duration, start + min(limit, 1.0))
            start = min(start, end - 0.1)
        self._set_window(start, end)

    def _end_changed(self, end: float) -> None:
        limit = self.max_seconds() or self._duration
        start = self.start_spin.value()
        if end - start > limit:
            start = end - limit
        if end <= start:
            start = max(0.0, end - min(limit, 1.0))
            end = max(end, start + 0.1)
        self._set_window(start, end)

    # -- actions -------------------------------------------------------------------
    def choose_folder(self) -> None:
        """Ask for the folder the files are written to."""
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the exported files"),
                                                  self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    def start_export(self) -> bool:
        """Run the export on the task runner; False if one runs already or the folder is missing."""
        if self._busy:
            return False
        from packseal.core.evidence.export import export_clip  # loaded on first use

        folder = self.folder_edit.text().strip()
        if not folder:
            self._show_error(self.tr("Choose a folder for the exported files."))
            return False
        s, clip, preset, relay, cancel = self._services, self._clip, self.preset, self._relay, self._cancel
        window = self.chosen_span()
        start, end = window if window is not None else (None, None)
        out = Path(folder).expanduser()

        def progress(fraction: float, step: str) -> None:
            if cancel.is_set():
                raise ExportCancelled("the export was cancelled")
            relay.progressed.emit(float(fraction), step)

        cancel.clear()
        self._set_busy(True)
        self._clear_result()
        self.status_label.setText(self.tr("Exporting…"))
        self.progress.setValue(0)
        self._runner.run(lambda: export_clip(s.layout, s.ledger, s.catalog, clip.order_id, preset, out,
                                             start_s=start, end_s=end, clip_id=clip.id, progress=progress,
                                             cameras=s.settings.camera_exports),
                         on_success=self._done, on_failure=self._failed, label="export clip")
        return True

    def cancel(self) -> None:
        """Stop the running export at its next progress step."""
        if self._busy:
            self._cancel.set()
            self.cancel_button.setEnabled(False)
            self.status_label.setText(self.tr("Cancelling…"))

    def open_folder(self) -> None:
        """Open the file manager at the folder of the exported files."""
        if self._out_dir is not None and not show_in_file_manager(self._out_dir):
            self._show_error(self.tr("No file manager could be opened for {path}").format(path=self._out_dir))

    def reject(self) -> None:
        if self._busy:  # closing while the worker runs: cancel, close once it has stopped
            self._close_when_done = True
            self.cancel()
            return
        super().reject()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        self.export_button.setVisible(not busy)
        for widget in (self.preset_box, self.window_group, self.folder_edit, self.browse_button):
            widget.setEnabled(not busy)

    def _on_progress(self, fraction: float, step: str) -> None:
        self.progress.setValue(round(max(0.0, min(1.0, fraction)) * 1000))
        self.progress.setToolTip(step)  # the core's own words for the step, in English

    def _done(self, result) -> None:
        self._set_busy(False)
        file_places.remember(file_places.EXPORT, result.out_dir)
        self.result = result
        self._out_dir = result.out_dir
        w = result.window
        self.status_label.setText(self.tr("Exported {count} file(s), {start} s to {end} s of the clip, into {folder}")
                                  .format(count=len(result.files), start=f"{w.start_s:.1f}", end=f"{w.end_s:.1f}",
                                          folder=result.out_dir))
        for f in result.files:
            size = formatting.file_size(f.bytes)
            seal = self.tr("C2PA signed") if f.c2pa else self.tr("no C2PA manifest")
            self.files_list.addItem(self.tr("{name} — {size}, {seal}, ledger entry {seq}").format(
                name=f.path.name, size=size, seal=seal, seq=f.ledger_seq))
        for warning in result.warnings:
            # The core's warning is English; the headline says what it means here.
            self.files_list.addItem(self.tr("Warning: {text}").format(text=warning))
        self.files_list.show()
        self.open_button.show()
        self._fit_content()
        self.exported.emit(result)
        if self._close_when_done:
            super().reject()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, ExportCancelled):
            self.status_label.setText(self.tr("The export was cancelled; nothing was kept."))
        else:
            message = window_messages.for_exception(exc)
            text = self.tr("The export failed.") + f" {message.title}. {message.advice}"
            self._show_error(text + (f"\n{message.detail}" if message.detail else ""))
        self.failed.emit(exc)
        if self._close_when_done:
            super().reject()

    def _show_error(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet("color: #b00020;")
        self._fit_content()

    def _clear_result(self) -> None:
        self.result = None
        self._out_dir = None
        self.status_label.setText("")
        self.status_label.setStyleSheet("")
        self.files_list.clear()
        self.files_list.hide()
        self.open_button.hide()

    def _fit_content(self) -> None:
        """Grow (never shrink below what the owner chose) so every line of every label has its room."""
        self.layout().activate()
        wanted = self.sizeHint().expandedTo(self.minimumSizeHint())
        self.resize(self.size().expandedTo(wanted))

    # -- texts ---------------------------------------------------------------------
    def _show_limits(self) -> None:
        preset = self.preset
        parts = []
        if preset.video is not None:
            v = preset.video
            length = (self.tr("at most {seconds} s").format(seconds=f"{v.max_seconds:g}") if v.max_seconds
                      else self.tr("any length"))
            size = (self.tr("at most {size}").format(size=formatting.file_size(v.max_bytes))
                    if v.max_bytes else self.tr("any size"))
            parts.append(self.tr("Video (MP4): {length}, {size}").format(length=length, size=size))
        if preset.images is not None:
            i = preset.images
            size = (self.tr("at most {size} each").format(size=formatting.file_size(i.max_bytes))
                    if i.max_bytes else self.tr("any size"))
            parts.append(self.tr("Pictures: {count} × {format}, {size}").format(
                count=i.count, format=i.format.upper(), size=size))
        self.limits_label.setText("\n".join(parts))
        # A built-in preset's note is shown translated; a note the owner wrote into the presets file is
        # shown in Chinese only as a tooltip, so a Chinese dialog does not mix languages.
        shown = self._language == "en" or is_builtin_note(preset)
        note = preset_note(preset)
        self.notes_label.setText(note if shown else "")
        if hasattr(self, "_form"):  # retranslate() runs once before the layout exists
            self._form.setRowVisible(self.notes_label, shown and bool(note))
        self.preset_box.setToolTip(note)
        limit = self.max_seconds()
        if limit is not None:
            self.window_hint.setText(self.tr(
                "The clip is {clip} s long; this platform takes at most {limit} s in one continuous shot. "
                "Choose the part to export (the red line is the scan).").format(
                    clip=f"{self._duration:.1f}", limit=f"{limit:g}"))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Export for a platform"))
        self.clip_label.setText(self.tr("Order {order}, recorded at {station}").format(
            order=self._clip.order_id, station=self._clip.station))
        self.preset_label.setText(self.tr("Platform"))
        self.window_group.setTitle(self.tr("Part of the clip"))
        self.start_label.setText(self.tr("Start (s)"))
        self.end_label.setText(self.tr("End (s)"))
        self.folder_label.setText(self.tr("Save to"))
        self.browse_button.setText(self.tr("Choose…"))
        self.export_button.setText(self.tr("Export"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.open_button.setText(self.tr("Open folder"))
        self.close_button.setText(self.tr("Close"))
        self._show_limits()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def default_export_folder() -> Path:
    """The user's Videos folder, else Documents, else home."""
    for location in (QStandardPaths.StandardLocation.MoviesLocation,
                     QStandardPaths.StandardLocation.DocumentsLocation):
        folder = QStandardPaths.writableLocation(location)
        if folder:
            return Path(folder)
    return Path.home()
