"""Test clips whose every frame carries its own frame number, readable back from the pixels.

The number is drawn as a row of black/white blocks (one bit each, most
significant first) big enough to survive H.264 at any sane quality, so a
test can read which frame the player really shows instead of trusting the
player's own counter. The clips are made the way the recorder makes them:
libx264 without B-frames, a keyframe every ``keyframe_s`` seconds, written as
MPEG-TS and then stream-copied into an MP4 (so the MP4's first timestamp is
not zero, as in a real clip).
"""

from __future__ import annotations

import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np

from packseal.core.capture.overlay import Overlay
from packseal.core.media.ffmpeg import ffmpeg_exe

BITS = 10
BLOCK = 16
CODE_Y = 110
CODE_X = 40


def draw_code(image: np.ndarray, number: int) -> None:
    """Draw ``number`` as BITS blocks at (CODE_X, CODE_Y) in an RGB or BGR image, in place."""
    image[CODE_Y - 4:CODE_Y + BLOCK + 4, CODE_X - 4:CODE_X + BITS * BLOCK + 4] = 128
    for bit in range(BITS):
        on = (number >> (BITS - 1 - bit)) & 1
        x = CODE_X + bit * BLOCK
        image[CODE_Y:CODE_Y + BLOCK, x:x + BLOCK] = 255 if on else 0


def read_code(image: np.ndarray) -> int:
    """The number :func:`draw_code` drew, read back from a decoded (lossy) picture."""
    number = 0
    for bit in range(BITS):
        x = CODE_X + bit * BLOCK
        patch = image[CODE_Y + 4:CODE_Y + BLOCK - 4, x + 4:x + BLOCK - 4]
        number = (number << 1) | int(patch.mean() > 128)
    return number


def make_clip(path: Path, *, frames: int = 60, fps: int = 15, width: int = 320, height: int = 240,
              keyframe_s: float = 2.0, start_utc: datetime | None = None, order_id: str = "SF1000",
              station: str = "Bench 1") -> Path:
    """Write a numbered clip to ``path`` (an .mp4) and return it."""
    start_utc = start_utc or datetime(2026, 3, 14, 6, 30, tzinfo=timezone.utc)
    overlay = Overlay(station, show_qr=False, tz=timezone.utc)
    path.parent.mkdir(parents=True, exist_ok=True)
    ts = path.with_suffix(".ts")
    encode = subprocess.Popen(
        [ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
         "-f", "rawvideo", "-pix_fmt", "bgr24", "-s", f"{width}x{height}", "-framerate", str(fps),
         "-i", "pipe:", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "18", "-bf", "0",
         "-g", str(round(fps * keyframe_s)), "-sc_threshold", "0", "-pix_fmt", "yuv420p",
         "-f", "mpegts", str(ts)],
        stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    assert encode.stdin is not None
    for n in range(frames):
        img = np.full((height, width, 3), 60, np.uint8)
        x = (n * 5) % (width - 20)
        img[height - 70:height - 30, x:x + 20] = (40, 160, 230)  # a moving box, for eyes
        overlay.draw(img, start_utc + timedelta(seconds=n / fps), order_id)
        draw_code(img, n)
        encode.stdin.write(img.tobytes())
    encode.stdin.close()
    if encode.wait() != 0:
        raise RuntimeError(encode.stderr.read().decode(errors="replace"))
    subprocess.run([ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i", str(ts),
                    "-c", "copy", "-movflags", "+faststart", str(path)], check=True)
    ts.unlink()
    return path


def pixels(image) -> np.ndarray:
    """A QImage as an H×W×3 RGB array (a copy)."""
    from PySide6.QtGui import QImage

    image = image.convertToFormat(QImage.Format.Format_RGB888)
    w, h, stride = image.width(), image.height(), image.bytesPerLine()
    raw = np.frombuffer(image.constBits(), np.uint8, count=stride * h).reshape(h, stride)
    return raw[:, :w * 3].reshape(h, w, 3).copy()
