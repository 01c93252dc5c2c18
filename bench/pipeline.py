"""Recording pipeline cost against a bare ffmpeg libx264 encode of the same size.

For each size it runs, in this process, the whole station pipeline (test
camera → overlay → I420 conversion → pipe → ffmpeg tape of segments, with the
preview hand-off and the barcode reader at 4 Hz) for ``--seconds`` of real
time while one order records, and reports CPU seconds per minute of
recording (this process plus ffmpeg) and frames dropped. Then it encodes the
same number of frames of the same scene with ffmpeg alone (raw frames read
from a file in memory, same encoder settings and segment muxer) and of
ffmpeg's own testsrc2, and prints the ratio.

    .venv/bin/python bench/pipeline.py --seconds 30 --sizes 1280x720 1920x1080
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np

from packseal.core.events import EventHub
from packseal.core.capture.synthetic_source import TestPatternSource
from packseal.core.recording.ffmpeg_tool import ffmpeg_exe
from packseal.core.settings import Settings
from packseal.core.station import Station
from packseal.core.storage.layout import DataLayout


def cpu_self() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def cpu_children() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_pipeline(width: int, height: int, fps: int, seconds: float, preset: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        layout = DataLayout.open(Path(tmp) / "data")
        settings = Settings(width=width, height=height, fps=fps, preset=preset, encoder="libx264",
                            station_name="杭州仓-打包台3")
        station = Station(layout=layout, settings=settings, hub=EventHub(),
                          source=f"test:{width}x{height}@{fps}")
        previews = {"n": 0}
        c0s, c0c, t0 = cpu_self(), cpu_children(), time.monotonic()
        station.start()
        station.scan("SF1234567890123", source="bench")
        end = time.monotonic() + seconds
        last = None
        while time.monotonic() < end:  # a preview consumer at ~30 Hz, as the GUI does
            f = station.latest_frame()
            if f is not None and f is not last:
                previews["n"] += 1
                last = f
            time.sleep(1 / 30)
        station.stop_order()
        station.stop()
        wall = time.monotonic() - t0
        tape, pipe = station.tape, station.pipeline
        cpu = (cpu_self() - c0s) + (cpu_children() - c0c)
        return {
            "frames_captured": pipe.stats.frames_captured,
            "frames_written": tape.stats.frames_written,
            "frames_dropped": tape.stats.frames_dropped,
            "previews": previews["n"],
            "overlay_ms_per_frame": 1000 * pipe.stats.overlay_s / max(1, pipe.stats.frames_captured),
            "wall_s": wall,
            "cpu_s": cpu,
            "cpu_s_per_min": cpu / wall * 60,
        }


def bare_ffmpeg(width: int, height: int, fps: int, frames: int, preset: str, scene: bool) -> float:
    """CPU seconds ffmpeg alone spends encoding ``frames`` frames (per minute of video)."""
    seg = ["-c:v", "libx264", "-preset", preset, "-crf", "23", "-bf", "0", "-sc_threshold", "0",
           "-g", str(2 * fps), "-force_key_frames", "expr:gte(t,n_forced*2)", "-pix_fmt", "yuv420p",
           "-f", "segment", "-segment_time", "2", "-segment_format", "mpegts", "-reset_timestamps", "1"]
    with tempfile.TemporaryDirectory(dir="/dev/shm" if os.path.isdir("/dev/shm") else None) as tmp:
        if scene:
            src = TestPatternSource(width, height, fps)
            src.open()
            raw = Path(tmp) / "scene.yuv"
            with open(raw, "wb") as f:
                for _ in range(2 * fps):  # two seconds of the scene, looped
                    f.write(cv2.cvtColor(src.read().image, cv2.COLOR_BGR2YUV_I420).tobytes())
            src.close()
            inp = ["-stream_loop", "-1", "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", f"{width}x{height}",
                   "-framerate", str(fps), "-i", str(raw)]
        else:
            inp = ["-f", "lavfi", "-i", f"testsrc2=size={width}x{height}:rate={fps}"]
        cmd = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", *inp,
               "-frames:v", str(frames), *seg, str(Path(tmp) / "seg-%04d.ts")]
        c0 = cpu_children()
        subprocess.run(cmd, check=True)
        return (cpu_children() - c0) / (frames / fps) * 60


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--sizes", nargs="+", default=["1280x720", "1920x1080"])
    ap.add_argument("--fps", type=int, default=30)
    ap.add_argument("--preset", default="veryfast")
    args = ap.parse_args()
    print(f"# pipeline vs bare ffmpeg, libx264 preset {args.preset}, {args.fps} fps, "
          f"{args.seconds:.0f} s each, {os.cpu_count()} cores")
    print(f"{'size':>10} {'pipeline cpu-s/min':>19} {'bare (same scene)':>18} {'bare (testsrc2)':>16} "
          f"{'ratio':>6} {'captured':>9} {'dropped':>8} {'overlay ms':>10}")
    for size in args.sizes:
        w, h = (int(x) for x in size.split("x"))
        p = run_pipeline(w, h, args.fps, args.seconds, args.preset)
        frames = p["frames_written"]
        bare_scene = bare_ffmpeg(w, h, args.fps, frames, args.preset, scene=True)
        bare_src2 = bare_ffmpeg(w, h, args.fps, frames, args.preset, scene=False)
        print(f"{size:>10} {p['cpu_s_per_min']:>19.1f} {bare_scene:>18.1f} {bare_src2:>16.1f} "
              f"{p['cpu_s_per_min'] / bare_scene:>6.2f} {p['frames_captured']:>9} {p['frames_dropped']:>8} "
              f"{p['overlay_ms_per_frame']:>10.2f}")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
