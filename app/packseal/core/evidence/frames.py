"""Single frames of a sealed clip, decoded exactly, with the time they were captured.

ffmpeg seeks accurately (from the keyframe before, decoding forward) and
hands the frame over as a PNG, a lossless copy of the decoded picture. The
frame's own timestamp is read back (``showinfo``), so the time given with a
frame is the frame's, not the time asked for.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import cv2
import numpy as np

from packseal.core.errors import BadInputError, EncoderError
from packseal.core.recording.ffmpeg_tool import MediaInfo, ffmpeg_exe, probe

_PTS_TIME = re.compile(r"pts_time:\s*(-?[\d.]+)")


@dataclass(frozen=True)
class ClipFrame:
    """One decoded frame: ``t_s`` seconds after the clip's first frame, captured at ``captured_at`` (UTC)."""

    t_s: float
    captured_at: datetime
    png: bytes

    def image(self) -> np.ndarray:
        """The frame as a BGR array."""
        image = cv2.imdecode(np.frombuffer(self.png, np.uint8), cv2.IMREAD_COLOR)
        if image is None:
            raise EncoderError("a decoded frame could not be read back")
        return image


def last_frame_time(info: MediaInfo) -> float:
    """Clip time of the last frame, from what :func:`probe` reported."""
    if info.fps > 0 and info.frames > 0:
        return (info.frames - 1) / info.fps
    return max(0.0, info.duration_s - 0.1)


def evenly_spaced(start_s: float, end_s: float, count: int) -> list[float]:
    """``count`` times spread through [start_s, end_s]: the middles of equal parts."""
    if count <= 0:
        return []
    span = max(0.0, end_s - start_s)
    return [start_s + span * (i + 0.5) / count for i in range(count)]


def grab_frames(clip_path: Path | str, times: list[float], *, start_utc: datetime,
                info: MediaInfo | None = None) -> list[ClipFrame]:
    """The frames at clip ``times`` (seconds; clamped to the clip), in the order asked.

    ``start_utc`` is the capture time of the clip's first frame; each frame's
    capture time is that plus the frame's time in the clip. Raises
    :class:`BadInputError` for an unreadable clip, :class:`EncoderError` when
    ffmpeg fails.
    """
    clip_path = Path(clip_path)
    info = info or probe(clip_path)
    last = last_frame_time(info)
    return [_grab(clip_path, min(max(0.0, float(t)), last), start_utc) for t in times]


def _grab(clip_path: Path, t: float, start_utc: datetime) -> ClipFrame:
    cmd = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-ss", f"{t:.6f}", "-i", str(clip_path),
           "-map", "0:v:0", "-frames:v", "1", "-vf", "showinfo", "-c:v", "png", "-f", "image2pipe",
           "pipe:1"]
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=120)
    except subprocess.TimeoutExpired as exc:
        raise EncoderError(f"ffmpeg took too long to decode {clip_path.name} at {t:.2f} s") from exc
    err = proc.stderr.decode("utf-8", "replace")
    if proc.returncode != 0 or not proc.stdout:
        tail = (err.strip().splitlines() or ["no output"])[-1]
        raise EncoderError(f"the frame at {t:.2f} s of {clip_path.name} could not be decoded ({tail})")
    # After an input seek, timestamps count from the seek point.
    found = _PTS_TIME.search(err)
    offset = float(found.group(1)) if found else 0.0
    actual = round(t + max(0.0, offset), 3)
    return ClipFrame(t_s=actual, captured_at=start_utc + timedelta(seconds=actual), png=proc.stdout)


def check_times(times: list[float] | None, duration_s: float) -> list[float] | None:
    """Refuse frame times that are not numbers inside the clip (BadInputError)."""
    if times is None:
        return None
    checked = []
    for t in times:
        if not isinstance(t, (int, float)) or isinstance(t, bool) or not 0 <= float(t) <= duration_s + 0.5:
            raise BadInputError(f"frame time {t!r} is not inside the clip (0 to {duration_s:.1f} s)")
        checked.append(float(t))
    return checked
