"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
import subprocess
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never ask the public TSAs (no network here, and tests must not wait on it): tests that need
# timestamps start the local stand-in TSA and point PACKSEAL_TSA_URLS at it. Set in os.environ,
# so every subprocess (the packseal command, the GUI) inherits it.
os.environ["PACKSEAL_TSA_URLS"] = ""
os.environ.pop("PACKSEAL_TSA_ROOTS", None)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch) -> Path:
    """An empty data dir, also set as PACKSEAL_DATA_DIR so nothing touches the real one."""
    d = tmp_path / "data"
    monkeypatch.setenv("PACKSEAL_DATA_DIR", str(d))
    return d


def synthetic_frames(n: int, width: int = 320, height: int = 240, fps: float = 30.0):
    """``n`` Frames of a moving bar, with capture times spaced 1/fps apart."""
    from packseal.core.capture.frame import Frame

    t0_utc, t0_mono = datetime.now(timezone.utc), time.monotonic()
    from datetime import timedelta

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
