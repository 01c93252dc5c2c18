"""Every frame a camera delivered and every frame that did not reach the tape, by capture time.

The capture thread, the tape's writer and the watchdog each lose frames for
their own reasons (the source came too late for a frame, the station shed it
under load, the encoder's queue was full, the encoder died with frames in
it). They all report here with the frame's capture time on the monotonic
clock, so a clip can say how many frames of *its* stretch of time were
captured and how many were dropped, whatever dropped them.
"""

from __future__ import annotations

import bisect
import threading
from array import array

#: Frames older than this are forgotten (an order is never open this long without a clip).
KEEP_S = 6 * 3600.0


class FrameTally:
    """Capture times of captured and of dropped frames; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._captured = array("d")
        self._dropped = array("d")
        self.captured_total = 0
        self.dropped_total = 0

    def captured(self, mono: float) -> None:
        """A frame captured at ``mono`` (whatever becomes of it afterwards)."""
        with self._lock:
            _insert(self._captured, mono)
            self.captured_total += 1
            if len(self._captured) % 4096 == 0:
                self._prune(mono - KEEP_S)

    def dropped(self, mono: float, count: int = 1, period: float = 0.0) -> None:
        """``count`` frames dropped, the last at ``mono`` and the others ``period`` apart before it."""
        if count <= 0:
            return
        with self._lock:
            for k in range(count - 1, -1, -1):
                _insert(self._dropped, mono - k * period)
            self.dropped_total += count

    def counts(self, start_mono: float, end_mono: float) -> tuple[int, int]:
        """(captured, dropped) frames with capture time in ``[start_mono, end_mono)``."""
        with self._lock:
            return (_count(self._captured, start_mono, end_mono), _count(self._dropped, start_mono, end_mono))

    def _prune(self, before: float) -> None:
        for series in (self._captured, self._dropped):
            del series[:bisect.bisect_left(series, before)]


def _insert(series: array, value: float) -> None:
    if not series or value >= series[-1]:
        series.append(value)  # the usual case: times arrive in order
    else:
        series.insert(bisect.bisect_right(series, value), value)


def _count(series: array, start: float, end: float) -> int:
    return bisect.bisect_left(series, end) - bisect.bisect_left(series, start)
