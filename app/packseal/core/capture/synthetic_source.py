"""The built-in test camera: a synthetic packing bench paced like a real camera."""

from __future__ import annotations

import time

from packseal.core.capture.frame import Frame
from packseal.core.capture.frame_source import FrameSource, format_fps
from packseal.core.capture.packing_scene import (DEFAULT_LABEL_CODES, PackingScene,
                                                 validate_label_codes)
from packseal.core.capture.pacing import FramePacer
from packseal.core.capture.sensor_noise import SensorNoise
from packseal.core.errors import BadInputError


class TestPatternSource(FrameSource):
    """A camera that needs no hardware: it films :class:`PackingScene`.

    Frames come at ``fps`` against the monotonic clock, never faster than real
    time; a slow reader skips frames instead of lagging. The parcel's label
    shows ``label_codes`` in turn, one every ``label_period_s`` seconds.
    ``noisy`` adds a real camera's sensor grain and light flicker
    (:class:`SensorNoise`), for measuring encoder cost and storage honestly.
    """

    __test__ = False  # its name starts with "Test"; keep pytest from collecting it

    def __init__(self, width: int = 1280, height: int = 720, fps: float = 30, *,
                 label_codes: list[str] | tuple[str, ...] = DEFAULT_LABEL_CODES,
                 label_period_s: float = 8.0, noisy: bool = False) -> None:
        if not 1 <= fps <= 240:
            raise BadInputError(f"The test camera runs at 1 to 240 fps, not {fps}.")
        if width < 160 or height < 120:
            raise BadInputError(f"The test camera needs at least 160×120 pixels, not {width}×{height}.")
        if not label_period_s > 0:
            raise BadInputError(f"label_period_s must be positive, got {label_period_s!r}.")
        super().__init__(width=width, height=height, fps=fps)
        self.label_codes = validate_label_codes(label_codes)
        self.label_period_s = float(label_period_s)
        self._scene: PackingScene | None = None  # drawn on first use: open() or .scene
        self._pacer = FramePacer(fps)
        self._t0 = 0.0
        self.noisy = bool(noisy)
        self._noise: SensorNoise | None = None

    @property
    def scene(self) -> PackingScene:
        """The scene being filmed (its ``render(t)`` gives frames without pacing)."""
        if self._scene is None:
            self._scene = PackingScene(self.width, self.height, label_codes=self.label_codes,
                                       label_period_s=self.label_period_s)
        return self._scene

    def render(self, t: float):
        """The frame at ``t`` seconds, without pacing (with grain and flicker when ``noisy``)."""
        image = self.scene.render(t)
        if self.noisy:
            if self._noise is None:
                self._noise = SensorNoise(self.width, self.height)
            self._noise.apply(image, t)
        return image

    @property
    def description(self) -> str:
        noisy = ", sensor noise" if self.noisy else ""
        return f"Test camera {self.width}×{self.height} @ {format_fps(self.fps)} fps{noisy}"

    @property
    def is_test(self) -> bool:
        return True

    def provenance(self) -> dict:
        found = {"kind": "test", "name": "PackSeal test camera",
                 "size": f"{self.width}x{self.height}@{format_fps(self.fps)}"}
        if self.noisy:
            found["noise"] = "sensor grain and light flicker"
        return found

    def open(self) -> None:
        """Start the clock; the first frame is due at once."""
        self.render(0.0)  # draw the bench and first parcel now, not in the first read()
        self._pacer.restart()
        self._index = 0
        self._t0 = time.monotonic()
        self._opened = True

    def read(self) -> Frame:
        """Wait for the next frame slot and return the bench as it looks then."""
        self._require_open()
        skipped = self._pacer.wait()
        utc, mono = self._pacer.capture_times()
        return self._stamp(self.render(mono - self._t0), utc=utc, mono=mono, skipped=skipped)

    def close(self) -> None:
        self._opened = False
