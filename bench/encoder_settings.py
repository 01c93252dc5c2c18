"""Choosing the tape's encoder settings: storage per minute, CPU, and whether the codes still read.

Renders ``--seconds`` of the noisy test camera (``test:WxH@FPS?noisy``: the
packing bench with sensor grain and 10 Hz light flicker) with the station's
overlay burned in (station name, clock, order, corner QR), and feeds the same
frames, stamped 1/fps apart, through the real :class:`Tape` once per candidate
setting. For each it prints the megabytes per minute of tape, ffmpeg's CPU
seconds per minute of video, and in how many of the sampled decoded frames
zxing-cpp reads the parcel's waybill barcode and the overlay's QR code. The
frames are rendered once, before any encoding, so every candidate gets the
same pictures and only ffmpeg's CPU is counted.

    .venv/bin/python bench/encoder_settings.py                 # the default grid
    .venv/bin/python bench/encoder_settings.py --candidates "veryfast/23/0/0" "veryfast/28/600/0"

A candidate is ``preset/crf/max_kbps/denoise[/segment_s]`` (max_kbps 0: no cap,
denoise = x264's ``nr``, 0: off; segment_s: keyframe spacing, default 2).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import cv2
import numpy as np
import zxingcpp

from packseal.core.capture.frame import Frame
from packseal.core.capture.overlay import QR_PREFIX, Overlay
from packseal.core.capture.synthetic_source import TestPatternSource
from packseal.core.recording.tape import EncoderSettings, Tape

WAYBILL = "SF1234567890123"
DEFAULT_GRID = [
    "veryfast/23/0/0",      # the defaults before this measurement
    "veryfast/28/0/0",
    "veryfast/23/600/0",
    "veryfast/26/600/0",
    "veryfast/26/600/400",
    "veryfast/28/600/400",
    "veryfast/28/600/1000",
    "faster/26/600/400",
    "veryfast/26/600/400/4",
    "superfast/26/600/400",
]


def children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def render_frames(width: int, height: int, fps: int, seconds: float) -> list[np.ndarray]:
    """The noisy bench with the overlay of an order recording, as the tape would get it."""
    cam = TestPatternSource(width, height, fps, noisy=True)
    overlay = Overlay("杭州仓-打包台3")
    start = datetime(2026, 12, 2, 8, 0, tzinfo=timezone.utc)
    frames = []
    for i in range(round(seconds * fps)):
        image = cam.render(i / fps)
        overlay.draw(image, start + timedelta(seconds=i / fps), WAYBILL)
        frames.append(image)
    return frames


def parse_candidate(text: str) -> EncoderSettings:
    parts = text.split("/")
    if len(parts) not in (4, 5):
        raise SystemExit(f"candidate {text!r} is not preset/crf/max_kbps/denoise[/segment_s]")
    seg = float(parts[4]) if len(parts) == 5 else 2.0
    return EncoderSettings("libx264", int(parts[1]), parts[0], seg, int(parts[2]), int(parts[3]))


def encode(frames: list[np.ndarray], fps: int, settings: EncoderSettings, root: Path) -> tuple[Tape, float]:
    h, w = frames[0].shape[:2]
    tape = Tape(root, width=w, height=h, fps=fps, settings=settings, queue_seconds=4.0)
    c0 = children_cpu()
    tape.start()
    utc0, mono0 = datetime.now(timezone.utc), time.monotonic()
    for i, image in enumerate(frames):
        while tape.queue_fill > 0.9:  # feed as fast as ffmpeg takes them, never dropping
            time.sleep(0.005)
        t = i / fps
        tape.write(Frame(image, i, utc0 + timedelta(seconds=t), mono0 + t))
    tape.stop(timeout=120)
    return tape, children_cpu() - c0


def decodes(session: Path, every: int) -> tuple[int, int, int]:
    """(frames sampled, waybill read, overlay QR read) over every ``every``-th decoded frame."""
    sampled = bar = qr = 0
    for seg in sorted(session.glob("seg-*.ts")):
        cap = cv2.VideoCapture(str(seg))
        i = 0
        while True:
            ok, image = cap.read()
            if not ok:
                break
            if i % every == 0:
                sampled += 1
                texts = [s.text for s in zxingcpp.read_barcodes(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY))]
                bar += WAYBILL in texts
                qr += any(t.startswith(QR_PREFIX) for t in texts)
            i += 1
        cap.release()
    return sampled, bar, qr


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", default="1280x720")
    ap.add_argument("--fps", type=int, default=30)
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--every", type=int, default=15, help="check the codes in every N-th decoded frame")
    ap.add_argument("--candidates", nargs="+", default=DEFAULT_GRID)
    args = ap.parse_args()
    w, h = (int(x) for x in args.size.split("x"))
    cv2.setNumThreads(1)
    print(f"# noisy test camera {w}x{h}@{args.fps}, {args.seconds:g} s, overlay with QR; "
          f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f} at start")
    frames = render_frames(w, h, args.fps, args.seconds)
    print("| preset | CRF | max kbit/s | nr | keyframes s | MB / min | ffmpeg CPU s / min "
          "| waybill read | QR read |")
    print("|---|---|---|---|---|---|---|---|---|")
    for text in args.candidates:
        settings = parse_candidate(text)
        with tempfile.TemporaryDirectory() as tmp:
            tape, cpu = encode(frames, args.fps, settings, Path(tmp))
            assert tape.session_dir is not None
            size = sum(p.stat().st_size for p in tape.session_dir.glob("seg-*.ts"))
            minutes = len(frames) / args.fps / 60
            n, bar, qr = decodes(tape.session_dir, args.every)
            shutil.rmtree(tape.session_dir, ignore_errors=True)
        print(f"| {settings.preset} | {settings.quality} | {settings.max_kbps or '—'} | {settings.denoise or '—'} "
              f"| {settings.segment_s:g} | {size / 1e6 / minutes:.2f} | {cpu / minutes:.1f} "
              f"| {bar}/{n} | {qr}/{n} |", flush=True)
    print(f"# load average {os.getloadavg()[0]:.2f} at the end")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
