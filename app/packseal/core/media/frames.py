"""Single frames of a sealed clip, decoded exactly, with the time they were captured.

Frames come from :class:`~packseal.core.media.decoder.ClipDecoder`, which
knows every frame's timestamp, so the frame given for a clip time is the
one a player shows at that time, and the time given with it is the
frame's own, not the time asked for. The frame is handed over as a PNG, a
lossless copy of the decoded picture.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import cv2
import numpy as np

from packseal.core.errors import BadInputError, StorageError
from packseal.core.media.decoder import ClipDecoder


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
            raise StorageError("a decoded frame could not be read back")
        return image


def evenly_spaced(start_s: float, end_s: float, count: int) -> list[float]:
    """``count`` times spread through [start_s, end_s]: the middles of equal parts."""
    if count <= 0:
        return []
    span = max(0.0, end_s - start_s)
    return [start_s + span * (i + 0.5) / count for i in range(count)]


def order_times(start_s: float, end_s: float, count: int, order: tuple[float, float | None]) -> list[float]:
    """``count`` times spread through the part of [start_s, end_s] that is the order's own time.

    ``order`` is (scan, stop) in seconds into the clip (stop None: not known). Before the scan
    is the pre-roll, after the stop the post-roll: when orders are packed one after the other,
    they show the order before and the order after, each with its own number burned in. A span
    outside the order's own time is used whole.
    """
    scan_s, stop_s = order
    low, high = max(start_s, scan_s), end_s if stop_s is None else min(end_s, stop_s)
    return evenly_spaced(low, high, count) if low < high else evenly_spaced(start_s, end_s, count)


def grab_frames(clip_path: Path | str, times: list[float], *, start_utc: datetime) -> list[ClipFrame]:
    """The frames on screen at clip ``times`` (seconds; clamped to the clip), in the order asked.

    ``start_utc`` is the capture time of the clip's first frame; each frame's
    capture time is that plus the frame's time in the clip. Raises
    :class:`MediaError` (a :class:`StorageError`) when the clip cannot be
    opened or a frame cannot be decoded.
    """
    frames = []
    with ClipDecoder(clip_path) as decoder:
        info = decoder.info
        for t in times:
            picture = decoder.decode(info.index_at(max(0.0, float(t))))
            ok, png = cv2.imencode(".png", picture.image)
            if not ok:
                raise StorageError(f"frame {picture.index + 1} of {Path(clip_path).name} could not be "
                                   "encoded as PNG")
            actual = round(picture.seconds, 3)
            frames.append(ClipFrame(t_s=actual, captured_at=start_utc + timedelta(seconds=actual),
                                    png=png.tobytes()))
    return frames


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
