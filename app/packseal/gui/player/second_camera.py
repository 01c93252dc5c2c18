"""The second camera's file of a clip, shown beside the first and kept on the same moment.

Both cameras' frames carry capture times from one clock (FORMAT.md §6.2), so
the player follows the first camera's file and, for each frame it paints,
shows the second camera's frame captured at that moment: the last one that
started by then. The two files may begin and end up to one tape segment
apart; outside the second file's own time its picture says so instead.
Decoding runs on a decoder thread of its own (:class:`.worker.FrameWorker`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QSize, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from packseal.core.media.decoder import ClipInfo
from packseal.gui.image_canvas import ImageCanvas
from packseal.gui.player.capture_time import capture_time
from packseal.gui.player.worker import DecodedFrame, FrameWorker


@dataclass(frozen=True)
class SecondFile:
    """The other camera's file of a clip: where it is, and the capture time of its first frame."""

    path: Path
    start_ms: int
    camera: str = "cam1"


class SecondCamera(QObject):
    """Owns the second picture and its decoder; :meth:`follow` keeps it on the first's moment."""

    frame_shown = Signal(int)  # index (0-based) of the second file's frame now painted

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.view = ImageCanvas(parent, background=QColor("#101214"), size_hint=QSize(480, 360))
        self.view.setMinimumSize(160, 120)
        self.view.hide()
        self._worker = FrameWorker(self)
        self._worker.opened.connect(self._on_opened)
        self._worker.frame_decoded.connect(self._on_frame)
        self._worker.failed.connect(self._on_failed)
        self._file: SecondFile | None = None
        self._info: ClipInfo | None = None
        self._generation = self._worker.generation
        self._shown: DecodedFrame | None = None
        self._wanted: datetime | None = None  # the moment asked for before the file was open
        self.message = ""

    @property
    def file(self) -> SecondFile | None:
        return self._file

    @property
    def info(self) -> ClipInfo | None:
        return self._info

    @property
    def shown(self) -> DecodedFrame | None:
        """The second camera's frame on screen (its index, time and picture), or None."""
        return self._shown

    @property
    def current_capture_time(self) -> datetime | None:
        if self._shown is None or self._file is None:
            return None
        return capture_time(self._file.start_ms, self._shown.seconds)

    def load(self, file: SecondFile) -> None:
        self._file, self._info, self._shown, self._wanted, self.message = file, None, None, None, ""
        self.view.show()
        self.view.set_message(self.tr("Opening the second camera's file…"))
        self._generation = self._worker.load(Path(file.path), 0)

    def show_message(self, text: str) -> None:
        """The second camera has no file to show (it recorded nothing, or its file is gone)."""
        self._drop()
        self.message = text
        self.view.show()
        self.view.set_message(text)

    def clear(self) -> None:
        """A clip of one camera: no second picture at all."""
        self._drop()
        self.message = ""
        self.view.hide()

    def follow(self, moment: datetime | None) -> None:
        """Show the second camera's frame captured at ``moment`` (a frame the first camera shows)."""
        if self._file is None or moment is None:
            return
        if self._info is None:
            self._wanted = moment  # shown once the file is open
            return
        seconds = (moment.timestamp() * 1000 - self._file.start_ms) / 1000
        last = self._info.frame_count - 1
        if not self._info.times or seconds < -_HALF_FRAME_S or seconds > self._info.duration_s:
            self._shown = None
            self.message = self.tr("The second camera has no picture of this moment.")
            self.view.set_message(self.message)
            self.frame_shown.emit(-1)
            return
        self.message = ""
        index = min(max(self._info.index_at(max(0.0, seconds)), 0), last)
        if self._shown is not None and self._shown.index == index:
            self.frame_shown.emit(index)
            return
        self._worker.request(index)

    def shutdown(self) -> None:
        self._worker.shutdown()

    # -- decoder answers -----------------------------------------------------------------
    def _drop(self) -> None:
        self._worker.unload()
        self._generation = self._worker.generation
        self._file, self._info, self._shown, self._wanted = None, None, None, None

    def _on_opened(self, generation: int, info: ClipInfo) -> None:
        if generation != self._generation:
            return
        self._info = info
        if self._wanted is not None:
            wanted, self._wanted = self._wanted, None
            self.follow(wanted)

    def _on_frame(self, generation: int, frame: DecodedFrame) -> None:
        if generation != self._generation:
            return
        self._shown = frame
        self.view.set_picture(frame.image)
        self.frame_shown.emit(frame.index)

    def _on_failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        if self._shown is None:
            self.message = self.tr("The second camera's file cannot be played: {error}").format(error=message)
            self.view.set_message(self.message)


# A file's first frame also stands for the half frame before it (the two cameras' frames
# of one moment are up to a frame apart).
_HALF_FRAME_S = 0.05
