"""Delivering frames on a fixed monotonic schedule, like a camera does."""

from __future__ import annotations

import math
import time


class FramePacer:
    """Hands out frame slots ``start + k / fps`` and sleeps until each one is due.

    A consumer that reads faster than ``fps`` is held back to real time. One
    that falls behind by more than a frame does not get a burst of late frames
    afterwards: the pacer skips the missed slots, as a live camera drops frames
    nobody fetched, so the delay never accumulates.
    """

    def __init__(self, fps: float) -> None:
        if not fps > 0:
            raise ValueError(f"fps must be positive, got {fps!r}")
        self.period = 1.0 / fps
        self._start: float | None = None
        self._slot = 0

    def restart(self) -> None:
        """Forget the schedule; the next :meth:`wait` is due immediately."""
        self._start = None
        self._slot = 0

    def wait(self) -> int:
        """Sleep until the next slot is due and return how many slots were skipped."""
        now = time.monotonic()
        if self._start is None:
            self._start = now
            self._slot = 1
            return 0
        due = self._start + self._slot * self.period
        if now < due:
            time.sleep(due - now)
            self._slot += 1
            return 0
        # Late. Deliver now, in the slot we are in, and drop the slots in between.
        current = math.floor((now - self._start) / self.period)
        skipped = max(0, current - self._slot)
        self._slot = max(self._slot, current) + 1
        return skipped

    @property
    def elapsed(self) -> float:
        """Seconds since the first slot (0 before it)."""
        return 0.0 if self._start is None else time.monotonic() - self._start
