"""Sealed order clips for the evidence tests, made faster than real time.

Recording through the station runs at the camera's pace (a 70 s clip takes
70 s). These clips are made the way the station makes them, only without
the wait: each frame is drawn (the test camera's packing bench, or the
compare tests' dispute scene), the real :class:`Overlay` burns in the
station, the time, the order ID and the corner QR code, ffmpeg encodes
H.264 without B-frames into an MP4, and the real :class:`Archive` seals the
clip into the ledger, writes its seal and adds it to the catalog.
"""

from __future__ import annotations

import subprocess
from datetime import datetime, timedelta, timezone
from typing import Callable

import numpy as np
import zxingcpp

from packseal.core.archive import ClipSealed
from packseal.core.capture.overlay import Overlay, parse_overlay_qr
from packseal.core.capture.packing_scene import PackingScene
from packseal.core.recording.clip import clip_path_for
from packseal.core.recording.clip import Clip
from packseal.core.media.ffmpeg import ffmpeg_exe, probe
from packseal.core.recording.tape import sha256_file

Render = Callable[[float], np.ndarray]


def packing_bench(width: int, height: int, order_id: str) -> Render:
    """The built-in test camera's bench, the label showing ``order_id``."""
    scene = PackingScene(width, height, label_codes=(order_id,), label_period_s=1000.0)
    return scene.render


def seal_generated_clip(services, order_id: str, render: Render, *, seconds: float, size: tuple[int, int],
                        fps: int, scan_after_s: float = 1.0, start_utc: datetime | None = None,
                        order_before: str | None = None, order_after: str | None = None,
                        stop_after_s: float | None = None) -> ClipSealed:
    """Encode ``seconds`` of ``render(t)`` with the overlay burned in, and seal it as ``order_id``'s clip.

    The order stops at ``stop_after_s`` (default: the clip's end). With ``order_before``, the frames
    before the scan carry that order's number, as a pre-roll does when the order before was being
    packed until this order's scan; with ``order_after``, the frames after the stop carry the next
    order's, as the post-roll does when the next order's scan stopped this one.
    """
    stop_s = seconds if stop_after_s is None else stop_after_s
    width, height = size
    start = start_utc or (datetime.now(timezone.utc) - timedelta(seconds=seconds + 30)).replace(microsecond=0)
    path = clip_path_for(services.layout.clips, order_id, start)
    overlay = Overlay(services.settings.station_name)
    cmd = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
           "-f", "rawvideo", "-pix_fmt", "bgr24", "-s", f"{width}x{height}", "-r", str(fps), "-i", "pipe:",
           "-c:v", "libx264", "-preset", "ultrafast", "-crf", "21", "-bf", "0", "-g", str(2 * fps),
           "-pix_fmt", "yuv420p", "-movflags", "+faststart", str(path)]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdin is not None
    frames = int(round(seconds * fps))
    for i in range(frames):
        t = i / fps
        image = np.ascontiguousarray(render(t))
        shown = (order_before if order_before is not None and t < scan_after_s else
                 order_after if order_after is not None and t >= stop_s else order_id)
        overlay.draw(image, start + timedelta(seconds=t), shown)
        proc.stdin.write(image.tobytes())
    proc.stdin.close()
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.wait() != 0:
        raise RuntimeError(f"ffmpeg could not write the test clip: {err}")
    info = probe(path)
    digest, nbytes = sha256_file(path)
    clip = Clip(order_id=order_id, station=services.settings.station_name, path=path,
                scan_utc=start + timedelta(seconds=scan_after_s), stop_utc=start + timedelta(seconds=stop_s),
                start_utc=start, end_utc=start + timedelta(seconds=seconds), duration_s=info.duration_s,
                frames=info.frames, bytes=nbytes, sha256=digest, status="complete", segments=())
    return services.archive.seal_clip(clip)


def read_order_ids(image) -> tuple[set[str], list[dict]]:
    """Order IDs read from a picture: the overlay QR codes (parsed) and the label's Code 128."""
    codes = zxingcpp.read_barcodes(image)
    overlays = [q for q in (parse_overlay_qr(c.text) for c in codes) if q]
    linear = {c.text for c in codes if c.format == zxingcpp.BarcodeFormat.Code128}
    return {q["order_id"] for q in overlays} | linear, overlays
