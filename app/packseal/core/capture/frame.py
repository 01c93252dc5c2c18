"""The unit that flows from a camera to the encoder, the preview and the reader."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np


@dataclass(slots=True)
class Frame:
    """One captured picture and when it was taken.

    ``image`` is an H×W×3 ``uint8`` array in BGR order (OpenCV's order).
    ``utc`` is the wall clock at capture, timezone-aware in UTC; ``mono`` is
    ``time.monotonic()`` at the same moment, for intervals that must not jump
    when the wall clock is set. ``index`` counts frames from the source's start.
    ``skipped`` is how many frames the source knows it missed just before this
    one (it was read too late for them), or None when it cannot know.
    """

    image: np.ndarray
    index: int
    utc: datetime
    mono: float
    skipped: int | None = None

    @property
    def width(self) -> int:
        return int(self.image.shape[1])

    @property
    def height(self) -> int:
        return int(self.image.shape[0])
