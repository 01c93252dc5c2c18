"""The interface every frame source (camera, stream, file, test pattern) offers."""

from __future__ import annotations

import abc
import time
from datetime import datetime, timezone
from types import TracebackType
from typing import Any, Self

import numpy as np

from packseal.core.capture.frame import Frame
from packseal.core.errors import CameraError


class SourceEnded(CameraError):
    """A finite source (a video file played once) has delivered its last frame."""


class FrameSource(abc.ABC):
    """A supplier of frames, opened once, read in a loop, closed at the end.

    ``read()`` blocks until the next frame and stamps it with the UTC wall
    clock and the monotonic clock at capture. Sizes and rate are the ones the
    source really delivers once open (a camera may grant less than asked);
    before :meth:`open` they are the requested ones. Use as a context manager
    to have it opened and closed::

        with open_source("usb:0") as src:
            frame = src.read()
    """

    def __init__(self, *, width: int, height: int, fps: float) -> None:
        self._width = int(width)
        self._height = int(height)
        self._fps = float(fps)
        self._index = 0
        self._opened = False

    # -- lifecycle ---------------------------------------------------------
    @abc.abstractmethod
    def open(self) -> None:
        """Start delivering frames; raises :class:`CameraError` when that is impossible."""

    @abc.abstractmethod
    def read(self) -> Frame:
        """Block until the next frame and return it.

        Raises :class:`CameraError` when the source is lost or stalls longer
        than its timeout, :class:`SourceEnded` when a finite source is done.
        """

    @abc.abstractmethod
    def close(self) -> None:
        """Stop and release the device; safe to call twice or on a source never opened."""

    def __enter__(self) -> Self:
        self.open()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- description -------------------------------------------------------
    @property
    def width(self) -> int:
        return self._width

    @property
    def height(self) -> int:
        return self._height

    @property
    def fps(self) -> float:
        return self._fps

    @property
    def is_open(self) -> bool:
        return self._opened

    @property
    @abc.abstractmethod
    def description(self) -> str:
        """Human text naming the source, e.g. ``"Test camera 1280×720 @ 30 fps"``."""

    @property
    def is_test(self) -> bool:
        """True when frames do not come from a live camera (test pattern, video file)."""
        return False

    def provenance(self) -> dict[str, Any]:
        """What the signed clip entry says about where its picture came from.

        ``kind`` is ``usb``, ``ip``, ``file`` or ``test``, with the device's
        identity where the system gives one. Never a password.
        """
        return {"kind": "test" if self.is_test else "usb"}

    # -- helpers for subclasses -------------------------------------------
    def _require_open(self) -> None:
        if not self._opened:
            raise CameraError(f"{self.description} is not open; call open() before read().")

    def _stamp(self, image: np.ndarray, *, utc: datetime | None = None,
               mono: float | None = None, skipped: int | None = None) -> Frame:
        """Wrap ``image`` in a :class:`Frame` with the next index and capture times."""
        frame = Frame(image=image, index=self._index,
                      utc=utc if utc is not None else datetime.now(timezone.utc),
                      mono=mono if mono is not None else time.monotonic(), skipped=skipped)
        self._index += 1
        return frame

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.description}>"


def format_fps(fps: float) -> str:
    """``30.0`` → ``"30"``, ``29.97`` → ``"29.97"``: rates as people write them."""
    return f"{fps:.2f}".rstrip("0").rstrip(".")
