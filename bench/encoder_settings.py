"""Choosing the tape's encoder settings: storage per minute, CPU, and whether the codes still read.

Renders ``--seconds`` of the noisy test camera (``test:WxH@FPS?noisy``: the
packing bench with sensor grain and 10 Hz light flicker) with the station's
overlay burned in (station name, clock, order, corner QR), and feeds the same
frames, stamped 1/fps apart, through the real :class:`Tape` once per candidate
setting. For each it prints the megabytes per minute of tape, ffmpeg's CPU
seconds per minute of video, and in how many of the sampled decoded frames
zxing-cpp reads the parcel's waybill barcode and the overlay's QR code, and
the PSNR of those frames against the same picture without grain or flicker
(how much of what the camera looked at survives: higher is better). The
frames are rendered once, before any encoding, so every candidate gets the
same pictures and only ffmpeg's CPU is counted.

    .venv/bin/python bench/encoder_settings.py                 # the default grid
    .venv/bin/python bench/encoder_settings.py --candidates "veryfast/23/0/0" "veryfast/28/600/0"

A candidate is ``preset/crf/max_kbps/denoise[/segment_s[/tune]]`` (max_kbps 0: no
cap, auto: the app's automatic cap, denoise = x264's ``nr``, 0: off; segment_s: keyframe spacing, default 2;
tune: an x264 tune, default none).
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
from packseal.core.capture.sensor_noise import NOISE_SIGMA, SensorNoise
from packseal.core.capture.synthetic_source import TestPatternSource
from packseal.core.recording.tape import EncoderSettings, Tape

WAYBILL = "SF1234567890123"
DEFAULT_GRID = [
    "veryfast/23/0/0",      # the defaults before this measurement
    "veryfast/28/auto/0",   # the defaults after it
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


def render_frames(width: int, height: int, fps: int, seconds: float, sigma: float,
                  every: int) -> tuple[list[np.ndarray], dict[int, np.ndarray]]:
    """The noisy bench with the overlay of an order recording, as the tape would get it; and, for every
    ``every``-th frame, the same picture without grain or flicker (what the camera looked at)."""
    cam = TestPatternSource(width, height, fps)
    noise = SensorNoise(width, height, sigma=sigma)
    overlay = Overlay("杭州仓-打包台3")
    start = datetime(2026, 12, 2, 8, 0, tzinfo=timezone.utc)
    frames, clean = [], {}
    for i in range(round(seconds * fps)):
        image = cam.render(i / fps)
        utc = start + timedelta(seconds=i / fps)
        if i % every == 0:
            clean[i] = image.copy()
            overlay.draw(clean[i], utc, WAYBILL)
        image = noise.apply(image, i / fps)
        overlay.draw(image, utc, WAYBILL)
        frames.append(image)
    return frames, clean


def parse_candidate(text: str) -> EncoderSettings:
    parts = text.split("/")
    if len(parts) not in (4, 5, 6):
        raise SystemExit(f"candidate {text!r} is not preset/crf/max_kbps/denoise[/segment_s[/tune]]")
    seg = float(parts[4]) if len(parts) >= 5 else 2.0
    tune = parts[5] if len(parts) == 6 else ""
    cap = None if parts[2] == "auto" else int(parts[2])
    return EncoderSettings("libx264", int(parts[1]), parts[0], seg, cap, int(parts[3]), tune)


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


def decodes(session: Path, every: int, clean: dict[int, np.ndarray]) -> tuple[int, int, int, float]:
    """(frames sampled, waybill read, overlay QR read, mean PSNR against the noise-free picture) over
    every ``every``-th decoded frame."""
    sampled = bar = qr = 0
    psnr: list[float] = []
    n = 0
    for seg in sorted(session.glob("seg-*.ts")):
        cap = cv2.VideoCapture(str(seg))
        while True:
            ok, image = cap.read()
            if not ok:
                break
            if n % every == 0:
                sampled += 1
                psnr.append(cv2.PSNR(image, clean[n]))
                texts = [s.text for s in zxingcpp.read_barcodes(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY))]
                bar += WAYBILL in texts
                qr += any(t.startswith(QR_PREFIX) for t in texts)
            n += 1
        cap.release()
    return sampled, bar, qr, sum(psnr) / max(1, len(psnr))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", default="1280x720")
    ap.add_argument("--fps", type=int, default=30)
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--sigma", type=float, default=NOISE_SIGMA, help="sensor grain (8-bit levels)")
    ap.add_argument("--every", type=int, default=15, help="check the codes in every N-th decoded frame")
    ap.add_argument("--candidates", nargs="+", default=DEFAULT_GRID)
    args = ap.parse_args()
    w, h = (int(x) for x in args.size.split("x"))
    cv2.setNumThreads(1)
    print(f"# test camera {w}x{h}@{args.fps} with grain σ {args.sigma:g} and flicker, {args.seconds:g} s, "
          "overlay with QR; "
          f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f} at start")
    frames, clean = render_frames(w, h, args.fps, args.seconds, args.sigma, args.every)
    print("| preset | tune | CRF | max kbit/s | nr | keyframes s | MB / min | ffmpeg CPU s / min "
          "| waybill read | QR read | PSNR dB |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for text in args.candidates:
        settings = parse_candidate(text)
        with tempfile.TemporaryDirectory() as tmp:
            tape, cpu = encode(frames, args.fps, settings, Path(tmp))
            assert tape.session_dir is not None
            size = sum(p.stat().st_size for p in tape.session_dir.glob("seg-*.ts"))
            minutes = len(frames) / args.fps / 60
            n, bar, qr, psnr = decodes(tape.session_dir, args.every, clean)
            shutil.rmtree(tape.session_dir, ignore_errors=True)
        cap = settings.cap_kbps(w, h, args.fps)
        print(f"| {settings.preset} | {settings.tune or '—'} | {settings.quality} | {cap or '—'} | {settings.denoise or '—'} "
              f"| {settings.segment_s:g} | {size / 1e6 / minutes:.2f} | {cpu / minutes:.1f} "
              f"| {bar}/{n} | {qr}/{n} | {psnr:.2f} |", flush=True)
    print(f"# load average {os.getloadavg()[0]:.2f} at the end")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
