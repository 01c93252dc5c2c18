"""Cutting one continuous window of a clip, and meeting byte limits by choosing the bitrate.

A window is re-encoded with x264 from an accurate seek (never stitched from
pieces). When a size cap applies, the average bitrate is computed from the
window's length and the cap with a margin for the container and the C2PA
manifest, and enforced with ``-maxrate``/``-bufsize`` (capped CRF: quality
where the picture is easy, the cap where it is not). The result is
measured; if it is still over, the rate is lowered and the window encoded
again. So the order number stays readable, the picture is scaled down
rather than starved when the budget per pixel gets too low.

Pictures are encoded under a byte cap by searching the JPEG quality (and
shrinking only when even low quality is too large).
"""

from __future__ import annotations

import logging
import math
import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import cv2
import numpy as np

from packseal.core.errors import BadInputError, EncoderError, StorageError
from packseal.core.media.ffmpeg import MediaInfo, ffmpeg_exe

log = logging.getLogger(__name__)

#: Share of the byte cap the video stream may use (MP4 boxes, rounding, the encoder's slack).
SIZE_MARGIN = 0.90
#: Bits per pixel per frame below which text and the corner QR code start to break up.
MIN_BITS_PER_PIXEL = 0.035
#: Never scale a picture below this height to meet a cap (the QR code needs the pixels).
MIN_HEIGHT = 360
MAX_ATTEMPTS = 4
_CRF = 21


@dataclass(frozen=True)
class Window:
    """One continuous stretch of a clip, in seconds from its first frame."""

    start_s: float
    end_s: float

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s

    def covers(self, duration_s: float) -> bool:
        """True when the window is the whole clip (a few frames of slack)."""
        return self.start_s <= 0.05 and self.end_s >= duration_s - 0.05


def choose_window(duration_s: float, scan_offset_s: float, max_seconds: float | None,
                  start_s: float | None = None, end_s: float | None = None) -> Window:
    """The window to export.

    Given ``start_s`` and/or ``end_s`` they are used (the missing end is
    filled in up to ``max_seconds``); otherwise the whole clip when it fits,
    else the ``max_seconds`` starting at the scan (``scan_offset_s`` into the
    clip), moved back if it would run past the end. Raises
    :class:`BadInputError` for a window outside the clip or longer than allowed.
    """
    for name, value in (("start", start_s), ("end", end_s)):
        if value is not None and not (isinstance(value, (int, float)) and math.isfinite(value)):
            raise BadInputError(f"--{name} must be a number of seconds, got {value!r}")
    limit = max_seconds if max_seconds is not None else math.inf
    if start_s is None and end_s is None:
        if duration_s <= limit:
            return Window(0.0, duration_s)
        start = min(max(0.0, scan_offset_s), duration_s - limit)
        return Window(start, start + limit)
    start = float(start_s) if start_s is not None else max(0.0, float(end_s) - limit)  # type: ignore[arg-type]
    end = float(end_s) if end_s is not None else min(duration_s, start + limit)
    if start >= duration_s or end > duration_s + 0.05:
        raise BadInputError(f"the window {start:.2f}–{end:.2f} s is outside the clip (0–{duration_s:.2f} s)")
    if not 0 <= start < end:
        raise BadInputError(f"the window {start:.2f}–{end:.2f} s is empty or starts before the clip")
    end = min(end, duration_s)
    if end - start > limit + 1e-6:
        raise BadInputError(f"the window {start:.2f}–{end:.2f} s is {end - start:.1f} s long; this platform "
                            f"takes at most {limit:.0f} s in one continuous shot")
    return Window(start, end)


@dataclass(frozen=True)
class Encoded:
    """How a window was encoded: the bitrate cap (kbit/s, None: uncapped), the size, the tries."""

    max_kbps: int | None
    height: int
    attempts: int
    bytes: int


def video_bitrate_kbps(max_bytes: int, duration_s: float, reserve_bytes: int = 0) -> int:
    """Average video bitrate that fills ``max_bytes`` (minus a reserve) over ``duration_s`` with margin."""
    usable = max(0, max_bytes - reserve_bytes) * SIZE_MARGIN
    return max(1, int(usable * 8 / max(duration_s, 0.1) / 1000))


def height_for(kbps: int, info: MediaInfo) -> int:
    """The largest even height <= the clip's whose bits per pixel stay above the floor (not below MIN_HEIGHT)."""
    fps = info.fps or 30.0
    height = info.height
    while height > MIN_HEIGHT:
        width = info.width * height / info.height
        if kbps * 1000 / (width * height * fps) >= MIN_BITS_PER_PIXEL:
            break
        height = max(MIN_HEIGHT, int(height * 0.75) // 2 * 2)
    return min(info.height, height)


def encode_window(source: Path, dest: Path, window: Window, info: MediaInfo, *, max_bytes: int | None,
                  reserve_bytes: int = 0, progress: Callable[[float], None] | None = None) -> Encoded:
    """Re-encode ``window`` of ``source`` as H.264 MP4 at ``dest``, under ``max_bytes`` if given.

    Raises :class:`EncoderError` when ffmpeg fails or the cap cannot be met.
    """
    kbps = video_bitrate_kbps(max_bytes, window.duration_s, reserve_bytes) if max_bytes else None
    attempts = 0
    while True:
        attempts += 1
        height = height_for(kbps, info) if kbps else info.height
        _run_x264(source, dest, window, kbps, height, info, progress)
        size = dest.stat().st_size
        if max_bytes is None or size + reserve_bytes <= max_bytes:
            return Encoded(max_kbps=kbps, height=height, attempts=attempts, bytes=size)
        if attempts >= MAX_ATTEMPTS:
            raise EncoderError(f"the {window.duration_s:.0f} s window could not be made smaller than "
                               f"{max_bytes:,} bytes (last try: {size:,} bytes at {kbps} kbit/s)")
        assert kbps is not None
        # Scale down by how far over we were, and a little more so the next try lands under.
        kbps = max(1, int(kbps * (max_bytes - reserve_bytes) / size * 0.9))
        log.info("export was %d bytes, over %d; encoding again at %d kbit/s", size, max_bytes, kbps)


def _run_x264(source: Path, dest: Path, window: Window, kbps: int | None, height: int, info: MediaInfo,
              progress: Callable[[float], None] | None) -> None:
    fps = info.fps or 30.0
    cmd = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y",
           "-ss", f"{window.start_s:.3f}", "-i", str(source), "-t", f"{window.duration_s:.3f}",
           "-map", "0:v:0", "-an", "-c:v", "libx264", "-preset", "veryfast", "-crf", str(_CRF),
           "-pix_fmt", "yuv420p", "-g", str(max(1, round(2 * fps)))]
    if kbps is not None:
        # bufsize of one second: the average over any second stays near the cap.
        cmd += ["-maxrate", f"{kbps}k", "-bufsize", f"{kbps}k"]
    if height < info.height:
        cmd += ["-vf", f"scale=-2:{height}:flags=lanczos"]
    cmd += ["-movflags", "+faststart", "-progress", "pipe:1", "-f", "mp4", str(dest)]
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, text=True)
        assert proc.stdout is not None
        for line in proc.stdout:
            if progress is not None and line.startswith("out_time_us="):
                try:
                    done = int(line.split("=", 1)[1]) / 1e6
                except ValueError:
                    continue
                progress(min(1.0, done / max(window.duration_s, 0.001)))
        code = proc.wait()
        err.seek(0)
        message = err.read().decode("utf-8", "replace").strip()
    if message:
        logging.getLogger("packseal.ffmpeg").warning("[export] %s", message)
    if code != 0 or not dest.is_file():
        raise EncoderError(f"ffmpeg could not cut the clip ({message.splitlines()[-1] if message else code})")


def encode_picture(image: np.ndarray, fmt: str, max_bytes: int | None) -> tuple[bytes, int]:
    """``image`` (BGR) as ``fmt`` (jpg or png) bytes under ``max_bytes``; also returns the JPEG quality used.

    The highest JPEG quality that fits is found by bisection; only when
    quality 40 does not fit is the picture shrunk, in steps of 20 %. PNG is
    lossless: only shrinking makes it smaller.
    """
    current = image
    while True:
        if fmt == "png":
            ok, buf = cv2.imencode(".png", current, [cv2.IMWRITE_PNG_COMPRESSION, 9])
            if not ok:
                raise EncoderError("a picture could not be encoded as PNG")
            data, quality = buf.tobytes(), 100
            if max_bytes is None or len(data) <= max_bytes:
                return data, quality
        else:
            data, quality = _best_jpeg(current, max_bytes)
            if data is not None:
                return data, quality
        h, w = current.shape[:2]
        if h <= 64:
            raise EncoderError(f"a frame cannot be made smaller than {max_bytes:,} bytes")
        current = cv2.resize(current, (max(1, int(w * 0.8)), max(1, int(h * 0.8))), interpolation=cv2.INTER_AREA)


def _jpeg(image: np.ndarray, quality: int) -> bytes:
    ok, buf = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality, cv2.IMWRITE_JPEG_OPTIMIZE, 1])
    if not ok:
        raise EncoderError("a picture could not be encoded as JPEG")
    return buf.tobytes()


def _best_jpeg(image: np.ndarray, max_bytes: int | None) -> tuple[bytes | None, int]:
    top = _jpeg(image, 92)
    if max_bytes is None or len(top) <= max_bytes:
        return top, 92
    lo, hi, best = 40, 91, None
    while lo <= hi:
        mid = (lo + hi) // 2
        data = _jpeg(image, mid)
        if len(data) <= max_bytes:
            best, lo = (data, mid), mid + 1
        else:
            hi = mid - 1
    return (best[0], best[1]) if best else (None, 0)


def copy_file(source: Path, dest: Path) -> None:
    """A byte-for-byte copy through a temporary name (the full clip without C2PA)."""
    tmp = dest.with_name(f".{dest.name}.part")
    try:
        with open(source, "rb") as src, open(tmp, "wb") as dst:
            while chunk := src.read(1 << 20):
                dst.write(chunk)
            dst.flush()
            os.fsync(dst.fileno())
        os.replace(tmp, dest)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StorageError(f"cannot write {dest}: {exc.strerror or exc}") from exc
