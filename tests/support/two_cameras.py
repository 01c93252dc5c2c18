"""A data dir holding one order recorded for real from two test cameras (as `packseal record
--source A --source B` records it): one clip entry naming both files, both sealed and indexed."""

from __future__ import annotations

from pathlib import Path

ORDER = "SF1234567890123"
FIRST, SECOND = "test:320x240@15", "test:240x180@10"


def record_two_cameras(data: Path, order: str = ORDER, seconds: float = 2.0) -> dict:
    """Record ``order`` into ``data`` from two test cameras of different sizes and rates;
    returns what ``record --json`` prints (with ``clips``, one per camera)."""
    from packseal.cli.record import record_order
    from packseal.compose import open_services

    services = open_services(data)
    try:
        services.settings.preroll_s = services.settings.postroll_s = 0.5
        services.settings.segment_s = 1.0
        out = record_order(services, order, source=[FIRST, SECOND], seconds=seconds)
        assert services.indexer.wait(60)
    finally:
        services.close()
    return out


def side_camera_file(path: Path, seconds: float = 16.0, fps: int = 15) -> Path:
    """A video file standing for a second camera beside the bench: the test scene seen from the side,
    close up and turned (for screenshots; a ``file:PATH?loop`` source plays it again and again)."""
    import subprocess

    import cv2
    import numpy as np

    from packseal.core.capture.packing_scene import PackingScene
    from packseal.core.media.ffmpeg import ffmpeg_exe

    scene = PackingScene(1280, 720)
    width, height = 960, 720
    path.parent.mkdir(parents=True, exist_ok=True)
    encode = subprocess.Popen(
        [ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-f", "rawvideo",
         "-pix_fmt", "bgr24", "-s", f"{width}x{height}", "-framerate", str(fps), "-i", "pipe:",
         "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p", str(path)],
        stdin=subprocess.PIPE)
    # the side view: a tilted, closer look at the parcel's left part, a little darker
    src = np.float32([[200, 140], [1000, 100], [1060, 640], [160, 600]])
    dst = np.float32([[0, 0], [width, 60], [width, height], [0, height - 40]])
    warp = cv2.getPerspectiveTransform(src, dst)
    for n in range(int(seconds * fps)):
        frame = cv2.warpPerspective(scene.render(n / fps), warp, (width, height), borderMode=cv2.BORDER_REPLICATE)
        encode.stdin.write(cv2.convertScaleAbs(frame, alpha=0.85, beta=-5).tobytes())
    encode.stdin.close()
    if encode.wait() != 0:
        raise RuntimeError("ffmpeg could not write the side camera's file")
    return path
