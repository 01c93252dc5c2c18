"""A real order on the noisy bench scene: storage per minute of its clip, and are the codes still readable?

Records ``--seconds`` of one order with ``packseal record`` from the noisy
test camera (``test:WxH@FPS?noisy``: sensor grain and light flicker) into a
fresh data dir with the app's default encoder settings, exports it with
``packseal export --preset shopee``, and decodes every ``--every``-th frame of
the sealed clip and of the exported MP4 with zxing-cpp: how many show the
parcel's waybill barcode and the overlay's corner QR. Storage per minute is
the clip file's bytes over its duration (container included).

    .venv/bin/python bench/clip_storage.py --seconds 60
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import cv2
import zxingcpp

from packseal.core.capture.overlay import QR_PREFIX
from packseal.core.capture.packing_scene import DEFAULT_LABEL_CODES
from packseal.core.settings import Settings, save_settings

WAYBILL = DEFAULT_LABEL_CODES[0]  # what the test camera's parcel label carries
ORDER = "SF9876543210987"


def packseal(data: Path, *args: str) -> dict:
    proc = subprocess.run([sys.executable, "-m", "packseal", "--data-dir", str(data), *args, "--json"],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"packseal {' '.join(args)} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return json.loads(proc.stdout)


def readable(video: Path, every: int) -> tuple[int, int, int, int]:
    """(frames decoded, sampled, waybill read, QR read)."""
    cap = cv2.VideoCapture(str(video))
    n = sampled = bar = qr = 0
    while True:
        ok, image = cap.read()
        if not ok:
            break
        if n % every == 0:
            sampled += 1
            texts = [s.text for s in zxingcpp.read_barcodes(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY))]
            bar += WAYBILL in texts
            qr += any(t.startswith(QR_PREFIX) for t in texts)
        n += 1
    cap.release()
    return n, sampled, bar, qr


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--size", default="1280x720")
    ap.add_argument("--fps", type=int, default=30)
    ap.add_argument("--every", type=int, default=15)
    args = ap.parse_args()
    s = Settings(tsa_urls=[], station_name="杭州仓-打包台3")
    print(f"# load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} at start; default settings: "
          f"encoder {s.encoder}, preset {s.preset}, CRF {s.quality}, max_kbps {s.max_kbps or 'automatic'}, "
          f"segments {s.segment_s:g} s, post-roll {s.postroll_s:g} s, pre-roll {s.preroll_s:g} s")
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        save_settings(s, data / "settings.json")
        rec = packseal(data, "record", "--order", ORDER, "--source", f"test:{args.size}@{args.fps}?noisy",
                       "--seconds", str(args.seconds))
        clip = Path(rec["clip"])
        exported = packseal(data, "export", "--order", ORDER, "--preset", "shopee", "--out", str(Path(tmp) / "out"))
        videos = [Path(f["path"]) for f in exported["files"] if str(f["path"]).endswith(".mp4")]
        print(f"# clip {rec['duration_s']:.1f} s, {rec['frames']} frames, {rec['frames_dropped']} dropped, "
              f"encoder {rec['encoder']}, status {rec['status']}")
        print("| file | MB | MB / min | frames | sampled | waybill read | QR read |")
        print("|---|---|---|---|---|---|---|")
        for name, path, minutes in [("sealed clip", clip, rec["duration_s"] / 60),
                                    *(("Shopee export", v, None) for v in videos)]:
            n, sampled, bar, qr = readable(path, args.every)
            size = path.stat().st_size / 1e6
            per_min = f"{size / minutes:.2f}" if minutes else f"{size / (n / args.fps / 60):.2f}"
            print(f"| {name} | {size:.2f} | {per_min} | {n} | {sampled} | {bar} | {qr} |")
    print(f"# load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} at the end")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
