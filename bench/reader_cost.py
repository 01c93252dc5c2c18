"""What one barcode read costs the station, before and after issue 17, alternated in one run.

The camera's reader runs ``read_codes`` four times a second. "before" is the
reading as it was (the grey picture shrunk with area averaging at any
ratio, then one zxing pass), kept here as a function;
"after" is :func:`packseal.core.capture.barcode.read_codes`. Both get the
same frames of the noisy test camera with the overlay burned in, taking turns
at going first on each frame, and must find the same codes.

A second table times the reads the camera's watcher makes within the guide
frame (``GUIDE_ROI``, as the recorder process reads): a thorough read and a
quick one (``thorough=False``: upright codes at the given size only), which
the watcher takes in turns, so it pays the mean of the two.

    .venv/bin/python bench/reader_cost.py --frames 60
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from datetime import datetime, timezone

import cv2
import zxingcpp

from packseal.core.capture.barcode import GUIDE_ROI, QR_PREFIX, read_codes
from packseal.core.capture.overlay import Overlay
from packseal.core.capture.synthetic_source import TestPatternSource

B = zxingcpp.BarcodeFormat
FORMATS_BEFORE = zxingcpp.BarcodeFormats([B.Code128, B.Code39, B.EAN13, B.EAN8, B.UPCA, B.UPCE, B.QRCode,
                                          B.DataMatrix])


def read_before(image, max_width: int = 960) -> list[str]:
    grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    if grey.shape[1] > max_width:
        scale = max_width / grey.shape[1]
        grey = cv2.resize(grey, (max_width, round(grey.shape[0] * scale)), interpolation=cv2.INTER_AREA)
    return sorted(s.text for s in zxingcpp.read_barcodes(grey, formats=FORMATS_BEFORE, try_invert=False)
                  if s.valid and not s.text.startswith(QR_PREFIX))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--frames", type=int, default=60)
    ap.add_argument("--sizes", nargs="+", default=["1280x720", "1920x1080"])
    args = ap.parse_args()
    cv2.setNumThreads(1)  # as the station runs
    print(f"# load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} at start; {os.cpu_count()} cores")
    print("| size | before ms / read (median) | after ms / read (median) | same codes found |")
    print("|---|---|---|---|")
    for size in args.sizes:
        w, h = (int(x) for x in size.split("x"))
        cam, overlay = TestPatternSource(w, h, 30, noisy=True), Overlay("杭州仓-打包台3")
        before, after, same = [], [], 0
        for i in range(args.frames):
            image = cam.render(i / 30)
            overlay.draw(image, datetime.now(timezone.utc), "SF1234567890123")
            # the one read second finds the frame in the cache: take turns at going first
            first_old = i % 2 == 0
            t0 = time.perf_counter()
            old = read_before(image) if first_old else sorted(d.text for d in read_codes(image))
            t1 = time.perf_counter()
            new = sorted(d.text for d in read_codes(image)) if first_old else read_before(image)
            t2 = time.perf_counter()
            if not first_old:
                old, new = new, old
            before.append(t1 - t0 if first_old else t2 - t1)
            after.append(t2 - t1 if first_old else t1 - t0)
            same += old == new
        print(f"| {w}×{h} | {1000 * statistics.median(before):.2f} | {1000 * statistics.median(after):.2f} "
              f"| {same} of {args.frames} |")
    print()
    print("| size | thorough read ms (median) | quick read ms (median) | the watcher's mean a read | "
          "same codes found |")
    print("|---|---|---|---|---|")
    for size in args.sizes:
        w, h = (int(x) for x in size.split("x"))
        cam, overlay = TestPatternSource(w, h, 30, noisy=True), Overlay("杭州仓-打包台3")
        times: dict[bool, list[float]] = {True: [], False: []}
        same = 0
        for i in range(args.frames):
            image = cam.render(i / 30)
            overlay.draw(image, datetime.now(timezone.utc), "SF1234567890123")
            found = {}
            for thorough in ((True, False) if i % 2 == 0 else (False, True)):
                t0 = time.perf_counter()
                found[thorough] = sorted(d.text for d in read_codes(image, roi=GUIDE_ROI, thorough=thorough))
                times[thorough].append(time.perf_counter() - t0)
            same += found[True] == found[False]
        full, quick = (1000 * statistics.median(times[k]) for k in (True, False))
        print(f"| {w}×{h} | {full:.2f} | {quick:.2f} | {(full + quick) / 2:.2f} | {same} of {args.frames} |")
    print(f"# load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} at the end")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
