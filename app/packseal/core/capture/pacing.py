"""Delivering frames on a fixed monotonic schedule, like a camera does."""

from __future__ import annotations

import math
import time
from datetime import datetime, timedelta, timezone

#: Frames a camera keeps for a reader that comes late, as a driver keeps a few filled buffers: a
#: reader late by fewer frame periods than this still gets every frame, each with its own capture
#: time; only frames older than that are lost (and counted). At 30 fps, 4 frames are 133 ms, which
#: covers the scheduling hiccups of a busy two-core PC (docs/RELIABILITY.md, "Frames read late").
QUEUE_FRAMES = 4


class FramePacer:
    """Hands out frame slots ``start + k / fps`` and sleeps until each one is due.

    A consumer that reads faster than ``fps`` is held back to real time. One
    that falls behind gets the slots the camera still holds (the last
    ``queue`` of them) at once, and the slots older than those are skipped,
    as a live camera drops frames nobody fetched in time: the delay never
    accumulates. :attr:`due` is the monotonic time of the slot just handed
    out, the frame's capture time.
    """

    def __init__(self, fps: float, queue: int = QUEUE_FRAMES) -> None:
        if not fps > 0:
            raise ValueError(f"fps must be positive, got {fps!r}")
        if queue < 1:
            raise ValueError(f"a camera keeps at least the newest frame, got queue={queue!r}")
        self.period = 1.0 / fps
        self.queue = int(queue)
        self._start: float | None = None
        self._slot = 0
        self.due = 0.0

    def restart(self) -> None:
        """Forget the schedule; the next :meth:`wait` is due immediately."""
        self._start = None
        self._slot = 0

    def wait(self) -> int:
        """Sleep until the next slot is due, make it :attr:`due`, and return how many slots were skipped."""
        now = time.monotonic()
        if self._start is None:
            self._start = self.due = now
            self._slot = 1
            return 0
        due = self._start + self._slot * self.period
        if now < due:
            time.sleep(due - now)
            skipped = 0
        else:
            # Late: the camera holds the slots from `oldest` to the newest one made by now.
            oldest = math.floor((now - self._start) / self.period) - self.queue + 1
            skipped = max(0, oldest - self._slot)
            self._slot += skipped
        self.due = self._start + self._slot * self.period
        self._slot += 1
        return skipped

    def capture_times(self) -> tuple[datetime, float]:
        """(UTC, monotonic) capture time of the slot just handed out (:attr:`due`)."""
        now_mono, now_utc = time.monotonic(), datetime.now(timezone.utc)
        return now_utc - timedelta(seconds=max(0.0, now_mono - self.due)), self.due

    @property
    def elapsed(self) -> float:
        """Seconds since the first slot (0 before it)."""
        return 0.0 if self._start is None else time.monotonic() - self._start
