"""Shedding load in a fixed order when the machine cannot keep up with the camera.

Pressure is frames lost against the station's will: the source read too late
for a frame (the capture thread got no CPU), or the encoder's queue full. At
the first sign of it the station steps one level down, at most one level per
``step_s``; after ``relief_s`` without pressure it steps one level back up.
If pressure returns soon after a step up, the next relief waits twice as long
(up to two minutes), so a machine on the edge does not flap.

The order, cheapest loss first (docs/RELIABILITY.md says why):

0. everything at full rate;
1. the live preview at a third of the frame rate (nobody watches the screen
   while packing; the tape is untouched);
2. barcode reading from the picture once a second instead of four times
   (a label held up is still read within about a second);
3. half the frame rate on tape;
4. a third of the frame rate on tape.

The resolution is never changed while recording: a new size needs a new
encoder and a new tape (a cut of a second or more, named as a gap), and
segments of two sizes cannot be joined into one clip without re-encoding.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ShedLevel:
    """What a level keeps: preview every n-th taped frame, reader Hz, tape every n-th frame."""

    text: str
    preview_every: int
    reader_hz: float
    keep_every: int


LEVELS: tuple[ShedLevel, ...] = (
    ShedLevel("everything at full rate", 1, 4.0, 1),
    ShedLevel("preview at a third of the frame rate", 3, 4.0, 1),
    ShedLevel("preview slowed, barcode reading once a second", 3, 1.0, 1),
    ShedLevel("preview and barcode reading slowed, half the frame rate on tape", 3, 1.0, 2),
    ShedLevel("preview and barcode reading slowed, a third of the frame rate on tape", 3, 1.0, 3),
)

MAX_RELIEF_S = 120.0


class LoadShedder:
    """Watches the pressure on a pipeline and its tape and sets the pipeline's rates.

    ``lost`` returns the running count of frames lost to pressure; ``queue_fill``
    how full the encoder's queue is (0 to 1). :meth:`tick` is called every half
    second or so by the station's watchdog.
    """

    def __init__(self, pipeline, *, lost: Callable[[], int], queue_fill: Callable[[], float],
                 step_s: float = 2.0, relief_s: float = 10.0) -> None:
        self.pipeline = pipeline
        self._lost = lost
        self._queue_fill = queue_fill
        self.step_s = step_s
        self.base_relief_s = relief_s
        self.relief_s = relief_s
        self.level = 0
        self.deepest = 0
        self._seen = lost()
        self._changed: float | None = None
        self._calm_since: float | None = None
        self._last_step_up: float | None = None

    def tick(self, now: float) -> None:
        lost = self._lost()
        fresh, self._seen = lost - self._seen, lost
        pressed = fresh > 0 or self._queue_fill() > 0.5
        if pressed:
            self._calm_since = None
            if self.level + 1 < len(LEVELS) and (self._changed is None or now - self._changed >= self.step_s):
                if self._last_step_up is not None and now - self._last_step_up < self.relief_s:
                    self.relief_s = min(self.relief_s * 2, MAX_RELIEF_S)
                self._set(self.level + 1, now, f"{fresh} frames lost since the last look")
            return
        if self._calm_since is None:
            self._calm_since = now
        if self.level > 0 and now - self._calm_since >= self.relief_s and now - (self._changed or 0) >= self.relief_s:
            self._last_step_up = now
            self._set(self.level - 1, now, f"no frame lost for {now - self._calm_since:.0f} s")
            self._calm_since = now
        elif self.level == 0 and self._last_step_up is not None and now - self._last_step_up > MAX_RELIEF_S:
            self.relief_s = self.base_relief_s  # calm for long: forget the flapping

    def _set(self, level: int, now: float, why: str) -> None:
        self.level, self._changed = level, now
        self.deepest = max(self.deepest, level)
        shed = LEVELS[level]
        self.pipeline.set_rates(keep_every=shed.keep_every, preview_every=shed.preview_every,
                                reader_hz=shed.reader_hz)
        log.warning("load shedding: level %d (%s): %s", level, shed.text, why)
