"""Frames to ffmpeg with their capture times, so the tape plays in real time even when frames are missing.

Raw frames on a pipe carry no times: ffmpeg would number them 0, 1/fps,
2/fps … and a tape missing a third of its frames (a busy machine) would play
a third too fast, its segments spanning more real time than their length
says. Here each frame goes in a small Matroska stream (raw I420 blocks, one
cluster a frame, written by hand: a few bytes of header per frame, no
library) stamped with its capture time on the monotonic clock, and ffmpeg
keeps those times (``-fps_mode passthrough``). Matroska rather than PyAV's
NUT muxer keeps a second copy of the FFmpeg libraries out of the recorder
(OpenCV brings its own) and costs one small header per frame.

A short stretch without frames (< :data:`GAP_S`) stays in the timeline: the
player holds the previous picture, the clip keeps real time. A longer one is
cut out of the timeline and remembered as a *hole* with its capture times,
so the clip's entry names it as a gap: a clip's duration plus its gaps is
its window.

The feed also decides where the tape's segments begin. Raw frames all count
as keyframes to ffmpeg, so the mark is in the stamp: a frame that must start
a segment gets an odd millisecond, every other frame an even one (at most
1 ms later than its capture time says; :data:`KEYFRAME_EXPR` is the test
ffmpeg applies). A segment starts every ``segment_s`` of tape time, and at
once where :meth:`TimedFeed.cut_at` asks (an order's post-roll has ended:
its clip waits for no segment to fill); no segment holds fewer than
:data:`MIN_SEGMENT_FRAMES` frames.
"""

from __future__ import annotations

import bisect
import struct
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import BinaryIO

import numpy as np

#: Time base of the feed: milliseconds (Matroska's default timestamp scale).
TICKS = 1000
#: A stretch without frames at least this long is cut out of the tape and named as a gap.
GAP_S = 0.5
#: The fewest frames in a segment: 12 frames make at least 14 MPEG-TS packets (each frame one or
#: more, and the tables), which ffmpeg recognises as MPEG-TS when it opens the segment to join it.
MIN_SEGMENT_FRAMES = 12
#: ffmpeg's ``-force_key_frames`` test for the feed's mark: an odd millisecond stamp.
KEYFRAME_EXPR = f"expr:eq(mod(round(t*{TICKS}),2),1)"


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


def _size(n: int) -> bytes:
    """An EBML element size (variable-length integer), 8 bytes: simple and always enough."""
    return (0x01 << 56 | n).to_bytes(8, "big")


def _element(ident: bytes, payload: bytes) -> bytes:
    return ident + _size(len(payload)) + payload


def _uint(ident: bytes, value: int) -> bytes:
    return _element(ident, value.to_bytes(max(1, (value.bit_length() + 7) // 8), "big"))


_UNKNOWN_SIZE = b"\x01\xff\xff\xff\xff\xff\xff\xff"


def matroska_header(width: int, height: int) -> bytes:
    """EBML header, a live Segment of unknown size, Info (1 ms timestamps) and one raw I420 track."""
    ebml = _element(b"\x1a\x45\xdf\xa3", b"".join([
        _uint(b"\x42\x86", 1), _uint(b"\x42\xf7", 1), _uint(b"\x42\xf2", 4), _uint(b"\x42\xf3", 8),
        _element(b"\x42\x82", b"matroska"), _uint(b"\x42\x87", 4), _uint(b"\x42\x85", 2)]))
    info = _element(b"\x15\x49\xa9\x66", _uint(b"\x2a\xd7\xb1", 1_000_000)
                    + _element(b"\x4d\x80", b"PackSeal") + _element(b"\x57\x41", b"PackSeal"))
    video = _element(b"\xe0", _uint(b"\xb0", width) + _uint(b"\xba", height)
                     + _element(b"\x2e\xb5\x24", b"I420"))
    track = _element(b"\xae", _uint(b"\xd7", 1) + _uint(b"\x73\xc5", 1) + _uint(b"\x83", 1)
                     + _element(b"\x86", b"V_UNCOMPRESSED") + video)
    return ebml + b"\x18\x53\x80\x67" + _UNKNOWN_SIZE + info + _element(b"\x16\x54\xae\x6b", track)


def matroska_frame_header(ms: int, frame_bytes: int) -> bytes:
    """A Cluster holding one keyframe SimpleBlock of track 1 at ``ms``; the frame's bytes follow."""
    stamp = _uint(b"\xe7", ms)
    block_head = b"\x81" + struct.pack(">hB", 0, 0x80)  # track 1, relative time 0, keyframe
    block = b"\xa3" + _size(len(block_head) + frame_bytes) + block_head
    return b"\x1f\x43\xb6\x75" + _size(len(stamp) + len(block) + frame_bytes) + stamp + block


class TimedFeed:
    """Writes I420 frames into ``stream`` as Matroska with capture-time stamps; keeps what it wrote.

    Thread-safety: :meth:`write` is called by one writer thread; the lookups
    (:meth:`frames_between`, :meth:`holes_between`, :meth:`forget_before`)
    may run on another.
    """

    def __init__(self, stream: BinaryIO, *, width: int, height: int, fps: float, segment_s: float) -> None:
        self.period = 1.0 / fps
        # a segment is due once this much tape time has passed since the last one began (half a frame early,
        # so a camera's jitter never makes it one frame longer)
        self._segment_ticks = max(1, round((segment_s - self.period / 2) * TICKS))
        self._segment_pts = 0  # tape time of the frame that began the current segment
        self._segment_frames = 0  # frames in the current segment so far
        self._cuts: list[float] = []  # capture times a segment must end at or after, then a new one begins
        self._out = stream
        self._frame_bytes = width * height * 3 // 2
        self._header = matroska_header(width, height)
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
        if last is None:
            pts = 0  # ffmpeg counts from the first stamp: it stays even, so the marks keep their meaning
        elif self._begins_segment(pts, last):
            pts += 1 - pts % 2
            self._segment_pts, self._segment_frames = pts, 0
        else:
            pts += pts % 2
        self._segment_frames += 1
        if yuv.size != self._frame_bytes:
            raise ValueError(f"an I420 frame of {self._frame_bytes} bytes was expected, not {yuv.size}")
        head = matroska_frame_header(pts, self._frame_bytes)
        if self._header:
            head, self._header = self._header + head, b""
        self._write_all(head)
        self._write_all(memoryview(np.ascontiguousarray(yuv)).cast("B"))
        stamp = FrameTime(pts, utc, mono)
        with self._lock:
            self._times.append(stamp)
            self._pts_index.append(pts)
            if hole is not None:
                self._holes.append(Hole(pts, *hole))
        self._last = stamp
        return stamp

    def cut_at(self, mono: float) -> None:
        """End a segment with the first frame that reaches capture time ``mono`` (its frame period
        included) and begin the next with the frame after it."""
        with self._lock:
            bisect.insort(self._cuts, mono)

    def _begins_segment(self, pts: int, last: FrameTime) -> bool:
        """Whether the frame after ``last`` (at tape time ``pts``) begins a segment.

        A segment holds at least :data:`MIN_SEGMENT_FRAMES`: a cut asked for sooner waits
        for them, and a segment that is due waits for a cut asked for within that many frames.
        """
        long_enough = self._segment_frames >= MIN_SEGMENT_FRAMES
        with self._lock:
            reached = bisect.bisect_right(self._cuts, last.mono + self.period)
            if reached and long_enough:
                del self._cuts[:reached]
                return True
            soon = bool(self._cuts) and self._cuts[0] <= last.mono + (MIN_SEGMENT_FRAMES + 1) * self.period
        return pts - self._segment_pts >= self._segment_ticks and not soon

    def _write_all(self, data) -> None:
        view = memoryview(data)
        while view:
            n = self._out.write(view)
            view = view[n:] if n is not None else view[len(view):]

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
