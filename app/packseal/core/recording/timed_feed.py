"""Frames to ffmpeg with their capture times, so the tape plays in real time even when frames are missing.

Raw frames on a pipe carry no times: ffmpeg would number them 0, 1/fps,
2/fps … and a tape missing a third of its frames (a busy machine) would play
a third too fast, its segments spanning more real time than their length
says. Here each frame is wrapped in NUT (a streamable container with per-frame
timestamps, muxed by PyAV without encoding) stamped with its capture time on
the monotonic clock, and ffmpeg keeps those times (``-fps_mode passthrough``).

A short stretch without frames (< :data:`GAP_S`) stays in the timeline: the
player holds the previous picture, the clip keeps real time. A longer one is
cut out of the timeline and remembered as a *hole* with its capture times,
so the clip's entry names it as a gap: a clip's duration plus its gaps is
its window.
"""

from __future__ import annotations

import bisect
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from fractions import Fraction
from typing import BinaryIO

import av
import numpy as np

#: Time base of the feed and of MPEG-TS: 90 kHz ticks.
TICKS = 90_000
#: A stretch without frames at least this long is cut out of the tape and named as a gap.
GAP_S = 0.5


@dataclass(frozen=True)
class FrameTime:
    """When a frame fed to ffmpeg was captured, and its time on the tape (``pts`` ticks)."""

    pts: int
    utc: datetime
    mono: float


@dataclass(frozen=True)
class Hole:
    """A stretch cut out of the tape: no frame was captured or kept from ``start`` to ``end``.

    ``pts`` is the tape time of the first frame after it.
    """

    pts: int
    start_utc: datetime
    end_utc: datetime
    start_mono: float
    end_mono: float


class TimedFeed:
    """Writes I420 frames into ``stream`` as NUT with capture-time stamps; keeps what it wrote.

    Thread-safety: :meth:`write` is called by one writer thread; the lookups
    (:meth:`frames_between`, :meth:`holes_between`, :meth:`forget_before`)
    may run on another.
    """

    def __init__(self, stream: BinaryIO, *, width: int, height: int, fps: float) -> None:
        self.period = 1.0 / fps
        self._container = av.open(stream, mode="w", format="nut")
        vs = self._container.add_stream("rawvideo", rate=round(fps))
        vs.width, vs.height, vs.pix_fmt = width, height, "yuv420p"
        vs.time_base = vs.codec_context.time_base = Fraction(1, TICKS)
        self._stream = vs
        self._lock = threading.Lock()
        self._times: list[FrameTime] = []
        self._pts_index: list[int] = []
        self._holes: list[Hole] = []
        self._origin: float | None = None  # capture mono of tape time 0, moved by each cut
        self._last: FrameTime | None = None

    def write(self, yuv: np.ndarray, utc: datetime, mono: float) -> FrameTime:
        """Send one frame (an I420 plane array, H·3/2 × W) captured at ``utc``/``mono``."""
        last = self._last
        hole = None
        if self._origin is None:
            self._origin = mono
        elif last is not None and mono - last.mono >= GAP_S:
            # Cut the stretch out: the next frame follows one frame period after the last.
            missing = mono - last.mono - self.period
            self._origin += missing
            end_of_last = last.mono + self.period
            hole = (last.utc + timedelta(seconds=self.period), utc, end_of_last, mono)
        pts = round((mono - self._origin) * TICKS)
        if last is not None and pts <= last.pts:
            pts = last.pts + 1  # capture times that do not advance still give distinct tape times
        frame = av.VideoFrame.from_ndarray(yuv, format="yuv420p")
        frame.pts, frame.time_base = pts, Fraction(1, TICKS)
        self._container.mux(self._stream.encode(frame))
        stamp = FrameTime(pts, utc, mono)
        with self._lock:
            self._times.append(stamp)
            self._pts_index.append(pts)
            if hole is not None:
                self._holes.append(Hole(pts, *hole))
        self._last = stamp
        return stamp

    def close(self) -> None:
        """End the NUT stream (ffmpeg then sees the end of its input)."""
        try:
            self._container.mux(self._stream.encode(None))
        finally:
            self._container.close()

    def frames_between(self, start_s: float, end_s: float | None) -> list[FrameTime]:
        """Frames whose tape time lies in ``[start_s, end_s)`` (``end_s`` None: to the last)."""
        lo = round(start_s * TICKS)
        with self._lock:
            i = bisect.bisect_left(self._pts_index, lo)
            j = len(self._pts_index) if end_s is None else bisect.bisect_left(self._pts_index, round(end_s * TICKS))
            return self._times[i:j]

    def holes_between(self, first_pts: int, last_pts: int) -> list[Hole]:
        """Holes cut just before a frame with tape time in ``(first_pts, last_pts]``."""
        with self._lock:
            return [h for h in self._holes if first_pts < h.pts <= last_pts]

    def forget_before(self, pts: int) -> None:
        """Drop what is known of frames and holes before tape time ``pts`` (segment closed)."""
        with self._lock:
            i = bisect.bisect_left(self._pts_index, pts)
            del self._times[:i]
            del self._pts_index[:i]
            self._holes = [h for h in self._holes if h.pts >= pts]

    def unsegmented(self) -> list[FrameTime]:
        """Frames sent but not yet in a closed segment (lost if ffmpeg dies now)."""
        with self._lock:
            return list(self._times)
