"""What a real camera adds to a picture: sensor noise and the flicker of mains-powered light.

The built-in test camera draws a clean bench; an encoder finds such frames
far cheaper to compress than a real camera's, so costs and storage measured
on it say little. :class:`SensorNoise` makes a frame look like it came from
a cheap camera under office light: new grain on every frame (independent in
each colour, so it reaches both brightness and colour, as a sensor's does)
and a brightness that beats at 10 Hz (100 Hz lamp flicker seen at 30 fps).

It must stay cheap: the grain is drawn once, larger than the frame, and each
frame takes a window of it at a new random offset (two saturating adds).
"""

from __future__ import annotations

import math

import cv2
import numpy as np

#: Standard deviation of the grain, in 8-bit levels (a webcam indoors shows about 3 to 6).
NOISE_SIGMA = 5.0
#: Brightness swing of the light flicker (fraction of the level) and its beat frequency.
FLICKER_DEPTH = 0.03
FLICKER_HZ = 10.0
_MARGIN = 64  # the grain is this much larger than the frame in each direction


class SensorNoise:
    """Adds grain and flicker to BGR frames of one size, in place."""

    def __init__(self, width: int, height: int, *, sigma: float = NOISE_SIGMA,
                 flicker: float = FLICKER_DEPTH, seed: int = 17) -> None:
        if sigma < 0 or not 0 <= flicker < 1:
            raise ValueError(f"sigma must be ≥ 0 and flicker in [0, 1), not {sigma!r}, {flicker!r}")
        self.width, self.height = int(width), int(height)
        self.sigma, self.flicker = float(sigma), float(flicker)
        self._rng = np.random.default_rng(seed)
        grain = self._rng.normal(0.0, self.sigma, (self.height + _MARGIN, self.width + _MARGIN, 3))
        grain = np.clip(np.rint(grain), -255, 255)
        self._up = np.maximum(grain, 0).astype(np.uint8)
        self._down = np.maximum(-grain, 0).astype(np.uint8)

    def apply(self, image: np.ndarray, t: float) -> np.ndarray:
        """Add the grain and the light at time ``t`` (seconds) to ``image`` (H×W×3 uint8) in place."""
        h, w = image.shape[:2]
        if (w, h) != (self.width, self.height):
            raise ValueError(f"a {self.width}×{self.height} frame was expected, not {w}×{h}")
        if self.flicker:
            gain = 1.0 + self.flicker * math.sin(2 * math.pi * FLICKER_HZ * t)
            cv2.convertScaleAbs(image, dst=image, alpha=gain)
        if self.sigma:
            y, x = (int(v) for v in self._rng.integers(0, _MARGIN, 2))
            cv2.add(image, self._up[y:y + h, x:x + w], dst=image)
            cv2.subtract(image, self._down[y:y + h, x:x + w], dst=image)
        return image
