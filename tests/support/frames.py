"""Frames made up for the recording tests, and what ffmpeg says about written frames."""

from __future__ import annotations

import subprocess
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np


def synthetic_frames(n: int, width: int = 320, height: int = 240, fps: float = 30.0):
    """``n`` Frames of a moving bar, with capture times spaced 1/fps apart."""
    from packseal.core.capture.frame import Frame

    t0_utc, t0_mono = datetime.now(timezone.utc), time.monotonic()
    for i in range(n):
        img = np.full((height, width, 3), 40, np.uint8)
        x = (i * 4) % width
        img[:, x:x + 12] = (0, 200, 255)
        yield Frame(img, i, t0_utc + timedelta(seconds=i / fps), t0_mono + i / fps)


def frame_types(path: Path) -> list[str]:
    """Picture types ("I", "P", "B") of every frame in ``path``, decoded by ffmpeg."""
    from packseal.core.media.ffmpeg import ffmpeg_exe

    proc = subprocess.run([ffmpeg_exe(), "-hide_banner", "-nostdin", "-i", str(path), "-vf", "showinfo",
                           "-f", "null", "-"], capture_output=True, text=True, errors="replace")
    return [line.split(" type:")[1][0] for line in proc.stderr.splitlines()
            if "Parsed_showinfo" in line and " type:" in line]
