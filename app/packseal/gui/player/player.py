"""The clip player: play at 0.25×–4×, scrub, step one exact frame, zoom, save a frame.

All decoding happens on the decoder thread (:mod:`.worker`); this widget
asks for frames and paints the answers. Playback follows the wall clock:
each tick asks for the frame that should be on screen *now* at the chosen
speed, so a slow machine skips frames instead of drifting, and the frame
number and capture time shown are always those of the frame painted, read
from its own timestamp.

A clip of two cameras shows the second camera's file beside the first
(:mod:`.second_camera`): every frame painted of the first brings the second
camera's frame of the same capture time, so stepping and playing move both.

Keys (while the player has focus): Space play/pause, ←/→ one frame, Shift+←/→
one second, Home/End, +/−/0 zoom, Ctrl+arrows pan, [ / ] speed, Ctrl+S save frame.
"""

from __future__ import annotations

import math
import time
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QBuffer, QEvent, QIODevice, QSize, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QFileDialog, QHBoxLayout, QLabel, QMessageBox, QStyle,
                               QToolButton, QVBoxLayout, QWidget)

from packseal.core.errors import PackSealError, StorageError
from packseal.core.media.decoder import ClipInfo, MediaError
from packseal.core.storage.durable import atomic_write
from packseal.gui import file_places
from packseal.gui.image_canvas import ImageCanvas
from packseal.gui.player.capture_time import capture_time, format_capture_time, format_position
from packseal.gui.player.second_camera import SecondCamera, SecondFile
from packseal.gui.player.timeline import Timeline
from packseal.gui.player.worker import DecodedFrame, FrameWorker

SPEEDS = (0.25, 0.5, 1.0, 1.5, 2.0, 4.0)
PAN_STEP_PX = 60


class PlayerWidget(QWidget):
    """Plays one clip at a time; see the module docstring for the keys."""

    frame_shown = Signal(int)          # index (0-based) of the frame now painted
    playing_changed = Signal(bool)
    clip_opened = Signal(object)       # ClipInfo
    failed = Signal(str)               # the clip cannot be played (message for people)
    frame_saved = Signal(str)          # path of a PNG written by "Save frame"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker = FrameWorker(self)
        self._worker.opened.connect(self._on_opened)
        self._worker.frame_decoded.connect(self._on_frame)
        self._worker.failed.connect(self._on_failed)
        self._info: ClipInfo | None = None
        self._generation = 0
        self._start_ms: int | None = None
        self._title = ""
        self._target = 0
        self._shown: DecodedFrame | None = None
        self._speed = 1.0
        self._playing = False
        self._anchor_wall = 0.0
        self._anchor_s = 0.0
        self._message = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)

        self.view = ImageCanvas(self, background=QColor("#101214"), size_hint=QSize(640, 360))
        self.view.setMinimumSize(240, 160)
        self.second = SecondCamera(self)
        self.second.frame_shown.connect(lambda _index: self._update_readout())
        self.timeline = Timeline(self)
        self.timeline.scrubbed.connect(self._on_scrubbed)

        style = self.style()
        self.back_button = self._tool(style.standardIcon(QStyle.StandardPixmap.SP_MediaSeekBackward),
                                      lambda: self.step(-1))
        self.play_button = self._tool(style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay), self.toggle_play)
        self.forward_button = self._tool(style.standardIcon(QStyle.StandardPixmap.SP_MediaSeekForward),
                                         lambda: self.step(1))
        self.speed_box = QComboBox(self)
        for speed in SPEEDS:
            self.speed_box.addItem(f"{speed:g}×", speed)
        self.speed_box.setCurrentIndex(SPEEDS.index(1.0))
        self.speed_box.currentIndexChanged.connect(lambda i: self.set_speed(SPEEDS[i]))
        self.speed_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.speed_label = QLabel(self)
        self.zoom_out_button = self._tool(None, self.view.zoom_out, "−")
        self.zoom_fit_button = self._tool(None, self.view.reset_view, "1:1")
        self.zoom_in_button = self._tool(None, self.view.zoom_in, "+")
        self.zoom_label = QLabel(self)
        self.view.zoom_changed.connect(self._show_zoom)
        self.save_button = self._tool(style.standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton),
                                      self.save_frame_dialog)
        self.save_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)

        self.frame_label = QLabel(self)
        self.frame_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.time_label = QLabel(self)
        self.time_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.time_label.font()
        font.setBold(True)
        self.time_label.setFont(font)

        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        for w in (self.back_button, self.play_button, self.forward_button):
            controls.addWidget(w)
        controls.addSpacing(12)
        controls.addWidget(self.speed_label)
        controls.addWidget(self.speed_box)
        controls.addSpacing(12)
        controls.addWidget(self.zoom_label)
        for w in (self.zoom_out_button, self.zoom_fit_button, self.zoom_in_button):
            controls.addWidget(w)
        controls.addStretch(1)
        controls.addWidget(self.save_button)

        readout = QHBoxLayout()
        readout.setContentsMargins(0, 0, 0, 0)
        readout.addWidget(self.frame_label)
        readout.addStretch(1)
        readout.addWidget(self.time_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        pictures = QHBoxLayout()
        pictures.setContentsMargins(0, 0, 0, 0)
        pictures.setSpacing(4)
        pictures.addWidget(self.view, 1)
        pictures.addWidget(self.second.view, 1)
        layout.addLayout(pictures, 1)
        layout.addWidget(self.timeline)
        layout.addLayout(readout)
        layout.addLayout(controls)

        self._shortcuts()
        self.retranslate()
        self._set_enabled(False)

    # -- public API ----------------------------------------------------------------
    @property
    def info(self) -> ClipInfo | None:
        """The open clip's frame table (None while nothing plays)."""
        return self._info

    @property
    def current_index(self) -> int | None:
        """Index (0-based) of the frame on screen, read from its timestamp."""
        return None if self._shown is None else self._shown.index

    @property
    def current_image(self) -> QImage | None:
        """The full-resolution decoded frame on screen (not the zoomed view)."""
        return None if self._shown is None else self._shown.image

    @property
    def current_capture_time(self) -> datetime | None:
        """UTC capture time of the frame on screen, when the clip's start time is known."""
        if self._shown is None or self._start_ms is None:
            return None
        return capture_time(self._start_ms, self._shown.seconds)

    @property
    def frame_count(self) -> int:
        return 0 if self._info is None else self._info.frame_count

    @property
    def is_playing(self) -> bool:
        return self._playing

    @property
    def speed(self) -> float:
        return self._speed

    @property
    def message(self) -> str:
        """The text shown instead of video ('' while a clip is shown)."""
        return self._message

    def load(self, path: Path | str, start_ms: int | None = None, *, title: str = "",
             second: SecondFile | str | None = None) -> None:
        """Open a clip and show its first frame. ``start_ms``: capture time of its first frame (UTC ms).

        ``second``: the second camera's file of the clip, shown beside it on the same moment
        (needs ``start_ms``), or a text saying why that camera has none to show."""
        self.pause()
        if isinstance(second, SecondFile) and start_ms is not None:
            self.second.load(second)
        elif isinstance(second, str):
            self.second.show_message(second)
        else:
            self.second.clear()
        self._info, self._shown, self._target = None, None, 0
        self._start_ms, self._title, self._message = start_ms, title, ""
        self.timeline.set_frame_count(0)
        self._set_enabled(False)
        self.view.set_message(self.tr("Opening the clip…"))
        self._generation = self._worker.load(Path(path), 0)
        self._update_readout()

    def show_message(self, text: str) -> None:
        """Show ``text`` instead of video (a deleted or missing clip); nothing is decoded."""
        self.pause()
        self._worker.unload()
        self._generation = self._worker.generation
        self._info, self._shown, self._start_ms, self._message = None, None, None, text
        self.second.clear()
        self.timeline.set_frame_count(0)
        self._set_enabled(False)
        self.view.set_message(text)
        self._update_readout()

    def clear(self) -> None:
        """Show nothing (no clip selected)."""
        self.show_message("")

    def play(self) -> None:
        if self._info is None or self._playing:
            return
        last = self._info.frame_count - 1
        if self._target >= last:
            self._request(0)  # at the end, Play starts over
        self._playing = True
        self._anchor()
        self.playing_changed.emit(True)
        self._show_play_state()
        self._tick()

    def pause(self) -> None:
        if not self._playing:
            return
        self._playing = False
        self._timer.stop()
        self.playing_changed.emit(False)
        self._show_play_state()

    def toggle_play(self) -> None:
        self.pause() if self._playing else self.play()

    def step(self, delta: int) -> None:
        """Pause and move ``delta`` frames from the frame last asked for (exact: decoded, not guessed)."""
        if self._info is None:
            return
        self.pause()
        self._request(self._target + delta)

    def step_seconds(self, seconds: float) -> None:
        """Pause and move by ``seconds`` of clip time."""
        if self._info is None:
            return
        self.pause()
        self._request(self._info.index_at(self._info.times[self._target] + seconds))

    def seek(self, index: int) -> None:
        """Show frame ``index`` (clamped to the clip); playback, if on, continues from there."""
        if self._info is None:
            return
        self._request(index)
        if self._playing:
            self._anchor()

    def set_speed(self, speed: float) -> None:
        """Playback speed, 0.25 to 4 times real time."""
        speed = min(max(float(speed), SPEEDS[0]), SPEEDS[-1])
        if self._playing:
            self._anchor()  # keep the picture where it is; only the pace changes
        self._speed = speed
        nearest = min(range(len(SPEEDS)), key=lambda i: abs(SPEEDS[i] - speed))
        self.speed_box.blockSignals(True)
        self.speed_box.setCurrentIndex(nearest)
        self.speed_box.blockSignals(False)

    def save_frame(self, path: Path | str) -> Path:
        """Write the frame on screen, at full resolution, as a lossless PNG; returns the path."""
        image = self.current_image
        if image is None:
            raise MediaError("there is no frame on screen to save")
        path = Path(path)
        if path.suffix.lower() != ".png":
            path = path.with_name(path.name + ".png")
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not image.save(buffer, "PNG"):
            raise StorageError(f"the frame could not be encoded as PNG for {path}")
        # Whole or not at all: a reader (or a full disk) never meets half a picture.
        atomic_write(path, bytes(buffer.data()), mode=0o644)
        self.frame_saved.emit(str(path))
        return path

    def save_frame_dialog(self) -> None:
        """Ask where to save the frame on screen, then save it."""
        if self._shown is None:
            return
        self.pause()
        folder = file_places.last_folder(file_places.FRAME, Path(QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.PicturesLocation) or Path.home()))
        stem = "".join(c if c.isalnum() or c in "-_" else "_" for c in self._title) or "frame"
        suggested = str(Path(folder) / f"{stem}_frame{self._shown.index + 1:05d}.png")
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save frame as PNG"), suggested,
                                                self.tr("PNG image (*.png)"))
        if not chosen:
            return
        file_places.remember(file_places.FRAME, chosen)
        try:
            self.save_frame(chosen)
        except PackSealError as exc:
            QMessageBox.warning(self, self.tr("Frame not saved"), str(exc))

    def shutdown(self) -> None:
        """Stop the decoder thread (call before the window closes)."""
        self.pause()
        self._worker.shutdown()
        self.second.shutdown()

    # -- decoder answers -------------------------------------------------------------
    def _on_opened(self, generation: int, info: ClipInfo) -> None:
        if generation != self._generation:
            return
        self._info = info
        self.timeline.set_frame_count(info.frame_count)
        self._set_enabled(True)
        self.clip_opened.emit(info)

    def _on_frame(self, generation: int, frame: DecodedFrame) -> None:
        if generation != self._generation:
            return
        self._shown = frame
        self.view.set_picture(frame.image)
        self.timeline.show_frame(frame.index)
        self.second.follow(self.current_capture_time)
        self._update_readout()
        self.frame_shown.emit(frame.index)

    def _on_failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self.pause()
        if self._shown is None:
            self._message = self.tr("This clip cannot be played: {error}").format(error=message)
            self.view.set_message(self._message)
        self.failed.emit(message)

    # -- playback clock --------------------------------------------------------------
    def _anchor(self) -> None:
        assert self._info is not None
        self._anchor_wall = time.monotonic()
        self._anchor_s = self._info.times[min(self._target, self._info.frame_count - 1)]

    def _tick(self) -> None:
        if not self._playing or self._info is None:
            return
        times = self._info.times
        now = time.monotonic()
        index = self._info.index_at(self._anchor_s + (now - self._anchor_wall) * self._speed)
        if index != self._target:
            self._request(index)
        if index >= len(times) - 1:
            self.pause()
            return
        due = self._anchor_wall + (times[index + 1] - self._anchor_s) / self._speed
        self._timer.start(max(1, math.ceil((due - now) * 1000)))

    def _request(self, index: int) -> None:
        if self._info is None:
            return
        self._target = min(max(index, 0), self._info.frame_count - 1)
        self._worker.request(self._target)

    def _on_scrubbed(self, index: int) -> None:
        self.pause()
        self._request(index)

    # -- looks -----------------------------------------------------------------------
    def _tool(self, icon, slot, text: str = "") -> QToolButton:
        button = QToolButton(self)
        if icon is not None:
            button.setIcon(icon)
        if text:
            button.setText(text)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(slot)
        return button

    def _shortcuts(self) -> None:
        keys = [
            (Qt.Key.Key_Space, self.toggle_play),
            (Qt.Key.Key_Left, lambda: self.step(-1)),
            (Qt.Key.Key_Right, lambda: self.step(1)),
            (QKeySequence("Shift+Left"), lambda: self.step_seconds(-1.0)),
            (QKeySequence("Shift+Right"), lambda: self.step_seconds(1.0)),
            (Qt.Key.Key_Home, lambda: self.seek(0)),
            (Qt.Key.Key_End, lambda: self.seek(self.frame_count - 1)),
            (Qt.Key.Key_Plus, self.view.zoom_in),
            (Qt.Key.Key_Equal, self.view.zoom_in),
            (Qt.Key.Key_Minus, self.view.zoom_out),
            (Qt.Key.Key_0, self.view.reset_view),
            (QKeySequence("Ctrl+Left"), lambda: self.view.pan_by(PAN_STEP_PX, 0)),
            (QKeySequence("Ctrl+Right"), lambda: self.view.pan_by(-PAN_STEP_PX, 0)),
            (QKeySequence("Ctrl+Up"), lambda: self.view.pan_by(0, PAN_STEP_PX)),
            (QKeySequence("Ctrl+Down"), lambda: self.view.pan_by(0, -PAN_STEP_PX)),
            (Qt.Key.Key_BracketLeft, lambda: self._speed_step(-1)),
            (Qt.Key.Key_BracketRight, lambda: self._speed_step(1)),
            (QKeySequence.StandardKey.Save, self.save_frame_dialog),
        ]
        for key, slot in keys:
            sequence = key if isinstance(key, QKeySequence) else QKeySequence(key)
            shortcut = QShortcut(sequence, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def _speed_step(self, direction: int) -> None:
        i = min(range(len(SPEEDS)), key=lambda k: abs(SPEEDS[k] - self._speed))
        self.set_speed(SPEEDS[min(max(i + direction, 0), len(SPEEDS) - 1)])

    def _set_enabled(self, on: bool) -> None:
        for w in (self.back_button, self.play_button, self.forward_button, self.speed_box, self.timeline,
                  self.zoom_in_button, self.zoom_out_button, self.zoom_fit_button, self.save_button):
            w.setEnabled(on)

    def _show_play_state(self) -> None:
        pixmap = QStyle.StandardPixmap.SP_MediaPause if self._playing else QStyle.StandardPixmap.SP_MediaPlay
        self.play_button.setIcon(self.style().standardIcon(pixmap))
        self.play_button.setToolTip(self.tr("Pause (Space)") if self._playing else self.tr("Play (Space)"))

    def _show_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(self.tr("Zoom {zoom}×").format(zoom=f"{zoom:.2g}"))

    def _update_readout(self) -> None:
        if self._shown is None or self._info is None:
            self.frame_label.setText("")
            self.time_label.setText("")
            return
        self.frame_label.setText(self.tr("Frame {number} of {count} · {position} / {length}").format(
            number=self._shown.index + 1, count=self._info.frame_count,
            position=format_position(self._shown.seconds), length=format_position(self._info.duration_s)))
        moment = self.current_capture_time
        self.time_label.setText(
            self.tr("Captured {time}").format(time=format_capture_time(moment)) if moment else "")
        second = self.second
        if second.info is not None and second.shown is not None and not second.message:
            self.frame_label.setText(self.frame_label.text() + self.tr(
                "  ·  second camera: frame {number} of {count}").format(
                number=second.shown.index + 1, count=second.info.frame_count))

    def retranslate(self) -> None:
        self.back_button.setToolTip(self.tr("One frame back (←)"))
        self.forward_button.setToolTip(self.tr("One frame forward (→)"))
        self.speed_label.setText(self.tr("Speed"))
        self.speed_box.setToolTip(self.tr("Playback speed ([ and ] change it)"))
        self.zoom_in_button.setToolTip(self.tr("Zoom in (+ or the mouse wheel)"))
        self.zoom_out_button.setToolTip(self.tr("Zoom out (−)"))
        self.zoom_fit_button.setToolTip(self.tr("Show the whole frame (0, or double-click the picture)"))
        self.save_button.setText(self.tr("Save frame…"))
        self.save_button.setToolTip(self.tr("Save the frame on screen as a lossless PNG image (Ctrl+S)"))
        self.timeline.setToolTip(self.tr("Drag to scrub frame by frame; drag the picture to pan"))
        self._show_play_state()
        self._show_zoom(self.view.zoom)
        self._update_readout()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
