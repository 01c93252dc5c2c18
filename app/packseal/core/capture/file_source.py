"""A video file played as if it were a camera (demos, tests, reproducing a problem)."""

from __future__ import annotations

import hashlib

import logging
from pathlib import Path

import cv2
import numpy as np

from packseal.core.capture.frame import Frame
from packseal.core.capture.frame_source import FrameSource, SourceEnded, format_fps
from packseal.core.capture.pacing import FramePacer
from packseal.core.errors import BadInputError

log = logging.getLogger(__name__)

FALLBACK_FPS = 25.0
MAX_CATCH_UP = 2  # frames decoded and thrown away when a read comes late


class FileSource(FrameSource):
    """Decodes a video file and delivers its frames at the file's own frame rate.

    Frames follow a monotonic schedule like a live camera's: never faster than
    real time; a reader that falls behind gets the few frames a camera would
    still hold (:data:`~packseal.core.capture.pacing.QUEUE_FRAMES`), then
    skips frames rather than lagging.
    At the end the source raises :class:`SourceEnded`, or with ``loop=True``
    starts again from the first frame.
    """

    def __init__(self, path: str | Path, *, loop: bool = False) -> None:
        super().__init__(width=0, height=0, fps=FALLBACK_FPS)
        self.path = Path(path)
        self.loop = loop
        self._capture: cv2.VideoCapture | None = None
        self._first: np.ndarray | None = None
        self._pacer = FramePacer(FALLBACK_FPS)
        self._ended = False
        self._sha256: str | None = None

    @property
    def description(self) -> str:
        size = f" {self.width}×{self.height} @ {format_fps(self.fps)} fps" if self.width else ""
        return f"Video file {self.path.name}{size}" + (" (looping)" if self.loop else "")

    @property
    def is_test(self) -> bool:
        return True

    def provenance(self) -> dict:
        if self._sha256 is None:
            digest = hashlib.sha256()
            try:
                with open(self.path, "rb") as fh:
                    while chunk := fh.read(1 << 20):
                        digest.update(chunk)
                self._sha256 = digest.hexdigest()
            except OSError:
                self._sha256 = ""
        return {"kind": "file", "name": self.path.name, "sha256": self._sha256}

    def open(self) -> None:
        """Open the file and decode its first frame; :class:`BadInputError` if it is not a video."""
        if self._opened:
            return
        if not self.path.is_file():
            raise BadInputError(f"The video file {self.path} does not exist. Check the path "
                                "after 'file:' in the camera setting.")
        capture, first = self._open_capture()
        fps = capture.get(cv2.CAP_PROP_FPS)
        if not 1 <= fps <= 240:
            log.warning("%s reports %r fps; playing it at %g fps", self.path, fps, FALLBACK_FPS)
            fps = FALLBACK_FPS
        self._fps = float(fps)
        self._height, self._width = int(first.shape[0]), int(first.shape[1])
        self._capture, self._first = capture, first
        self._pacer = FramePacer(self._fps)
        self._index = 0
        self._ended = False
        self._opened = True

    def _open_capture(self) -> tuple[cv2.VideoCapture, np.ndarray]:
        # One decoding thread: FFmpeg's frame threading inside OpenCV aborted the whole
        # process on a starved machine ("Assertion fctx->async_lock failed"), and on
        # a busy machine extra threads only compete with the encoder.
        capture = cv2.VideoCapture(str(self.path), cv2.CAP_FFMPEG, [cv2.CAP_PROP_N_THREADS, 1])
        ok, first = capture.read() if capture.isOpened() else (False, None)
        if not ok or first is None:
            capture.release()
            raise BadInputError(f"{self.path} could not be decoded as a video. Use a video file "
                                "FFmpeg can play (e.g. MP4 with H.264).")
        return capture, first

    def read(self) -> Frame:
        """Wait for the next frame's slot and return it; :class:`SourceEnded` after the last."""
        self._require_open()
        if self._ended:
            raise SourceEnded(f"{self.description} has ended.")
        skipped = self._pacer.wait()
        image = self._next_image(skipped)
        if image is None and self.loop:
            self._restart()
            image = self._next_image(0)
        if image is None:
            self._ended = True
            raise SourceEnded(f"{self.description} has ended after {self._index} frames.")
        utc, mono = self._pacer.capture_times()
        return self._stamp(np.ascontiguousarray(image), utc=utc, mono=mono, skipped=skipped)

    def _next_image(self, skip: int) -> np.ndarray | None:
        assert self._capture is not None
        if self._first is not None:
            image, self._first = self._first, None
            if skip == 0:
                return image
            skip -= 1
        # grab() still decodes (H.264 needs every frame), so catching up on a busy
        # machine would make the next frame later still: a few frames at most, then
        # the file's picture falls behind the clock, as a camera that drops frames.
        for _ in range(min(skip, MAX_CATCH_UP)):
            if not self._capture.grab():
                return None
        ok, image = self._capture.read()
        return image if ok else None

    def _restart(self) -> None:
        # Reopening is more dependable than seeking to frame 0 across containers.
        assert self._capture is not None
        self._capture.release()
        self._capture, self._first = self._open_capture()

    def close(self) -> None:
        self._opened = False
        if self._capture is not None:
            self._capture.release()
            self._capture = None
        self._first = None
