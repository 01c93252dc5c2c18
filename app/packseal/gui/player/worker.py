"""The decoder thread: opens clips and decodes frames off the GUI thread.

The GUI thread only asks ("open this clip", "show frame 412") and paints
what comes back. Requests never queue up: while a frame is being decoded
only the newest request waits, so dragging the timeline or holding the
arrow key never leaves the picture behind the hand. Each clip opened gets a
new generation number; answers about an older clip are dropped by the
receiver.

This is a long-lived thread with its own decoder (PyAV objects belong to one
thread), unlike the one-off jobs of :mod:`packseal.gui.tasks`.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from packseal.core.media.decoder import ClipDecoder, ClipInfo, MediaError, Picture
from packseal.gui.qimage import bgr_to_qimage

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DecodedFrame:
    """A frame ready to paint: which frame it is (from its own timestamp) and its picture."""

    index: int
    seconds: float
    image: QImage


def to_qimage(picture: Picture) -> QImage:
    """A QImage owning a copy of the picture's pixels (safe to hand to another thread)."""
    return bgr_to_qimage(picture.image)


class FrameWorker(QObject):
    """Owns the decoder thread; signals arrive on the thread this object lives on (the GUI's)."""

    opened = Signal(int, object)          # generation, ClipInfo
    frame_decoded = Signal(int, object)   # generation, DecodedFrame
    failed = Signal(int, str)             # generation, message

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cond = threading.Condition()
        self._generation = 0
        self._open: Path | None = None
        self._close = False
        self._frame: int | None = None
        self._stop = False
        self._thread = threading.Thread(target=self._run, name="clip-decoder", daemon=True)
        self._thread.start()

    @property
    def generation(self) -> int:
        """The number of the clip asked for last (answers carry it)."""
        return self._generation

    def load(self, path: Path, first_frame: int = 0) -> int:
        """Open ``path`` and decode ``first_frame``; returns the new generation number."""
        with self._cond:
            self._generation += 1
            self._open, self._close, self._frame = Path(path), False, first_frame
            self._cond.notify()
            return self._generation

    def unload(self) -> None:
        """Close the current clip (nothing is shown any more)."""
        with self._cond:
            self._generation += 1
            self._open, self._close, self._frame = None, True, None
            self._cond.notify()

    def request(self, index: int) -> None:
        """Decode frame ``index`` of the current clip (replaces any request not yet started)."""
        with self._cond:
            self._frame = index
            self._cond.notify()

    def shutdown(self, timeout_s: float = 5.0) -> None:
        """Stop the thread and close the clip; waits up to ``timeout_s`` for a decode in progress."""
        with self._cond:
            self._stop = True
            self._cond.notify()
        self._thread.join(timeout_s)

    def _run(self) -> None:
        decoder: ClipDecoder | None = None
        decoder_generation = -1
        try:
            while True:
                with self._cond:
                    while not (self._stop or self._open or self._close or self._frame is not None):
                        self._cond.wait()
                    if self._stop:
                        return
                    path, close, index = self._open, self._close, self._frame
                    generation = self._generation
                    self._open, self._close, self._frame = None, False, None
                if path is not None or close:
                    if decoder is not None:
                        decoder.close()
                        decoder = None
                if path is not None:
                    try:
                        decoder = ClipDecoder(path)
                    except MediaError as exc:
                        self.failed.emit(generation, str(exc))
                        continue
                    decoder_generation = generation
                    self.opened.emit(generation, decoder.info)
                if index is None or decoder is None or decoder_generation != generation:
                    continue
                try:
                    picture = decoder.decode(index)
                except MediaError as exc:
                    self.failed.emit(generation, str(exc))
                    continue
                self.frame_decoded.emit(generation, DecodedFrame(picture.index, picture.seconds,
                                                                 to_qimage(picture)))
        except Exception as exc:  # a bug: log it with its traceback and show it, never die silently
            log.exception("the clip decoder thread failed")
            self.failed.emit(self._generation, f"the video decoder stopped: {exc}")
        finally:
            if decoder is not None:
                decoder.close()


__all__ = ["ClipInfo", "DecodedFrame", "FrameWorker", "to_qimage"]
