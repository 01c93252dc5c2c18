"""Frames a recording station loses while the start-up look at every file runs beside it.

The recorder process starts its station first and looks at every live file
of the data dir ten seconds later (``Services.check_files``, on a thread of
the same process). That look is a Python loop over every live segment row
and folder; this bench records an order from a replaying 720p camera (as
``bench/pipeline.py`` does, barcode reading on) and runs the look beside it
in the same process, on a data dir whose catalog has ``--rows`` segment
rows, the last week's 302,400 of them with their (empty) files, as
``bench/catalog_check.py`` fills it. It prints the frames lost during the look
and in a window as long right after it.

    .venv/bin/python bench/files_check_beside_recording.py --rows 1000000 --runs 3

``--dir`` keeps the filled data dir there (filling takes about half a minute
a million rows) and uses it again.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import cv2

from catalog_check import fill
from packseal.compose import open_services
from packseal.core.capture.barcode import GUIDE_ROI
from packseal.core.events import EventHub
from packseal.core.settings import Settings
from packseal.core.station import Station
from packseal.core.storage.layout import DataLayout
from pipeline import ORDER, STATION, ReplayCamera, _losses, render


def losses(station: Station) -> dict[str, int]:
    return {**_losses(station.tape, station.pipeline), "captured": station.pipeline.stats.frames_captured}


def one_run(data: Path, frames) -> tuple[float, dict[str, int], dict[str, int]]:
    """(seconds the look took, frames lost in as long a window after it, frames lost during it)."""
    services = open_services(data, files_later=True)
    try:
        if not services.reconciliation.files_pending:
            raise SystemExit("the data dir left no look at the files for later")
        with tempfile.TemporaryDirectory() as tmp:
            settings = Settings(station_name=STATION, encoder="libx264", tsa_urls=[], fps=30,
                                source="test?noisy", width=1280, height=720)
            station = Station(layout=DataLayout.open(Path(tmp) / "data"), settings=settings, hub=EventHub(),
                              source=ReplayCamera(frames, 30), read_barcodes=True, test_barcodes=True)
            station.start()
            try:
                station.watcher.roi = GUIDE_ROI  # as the recorder process reads
                station.scan(ORDER, source="bench")
                time.sleep(3.0)  # past the encoder's start
                a = losses(station)
                t0 = time.monotonic()
                report = services.check_files()
                took = time.monotonic() - t0
                if report is None or report.files_pending:
                    raise SystemExit("the look at the files did not run to its end")
                time.sleep(0.5)  # a frame late because of the look is counted when the next one comes
                b = losses(station)
                during = {k: b[k] - a[k] for k in a}
                a = losses(station)
                time.sleep(took + 0.5)
                b = losses(station)
                quiet = {k: b[k] - a[k] for k in a}
            finally:
                station.stop_order()
                station.stop()
    finally:
        services.close()
    return took, quiet, during


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--dir", type=Path, help="where the filled data dir is kept (default: a temporary one)")
    args = ap.parse_args()
    cv2.setNumThreads(1)
    with tempfile.TemporaryDirectory() as tmp:
        data = (args.dir or Path(tmp)) / "data"
        if not data.exists():
            t0 = time.monotonic()
            fill(DataLayout.open(data).catalog_file, args.rows, files_in=data)
            print(f"# filled {args.rows:,} segment rows, 302,400 live files, in {time.monotonic() - t0:.0f} s")
        frames = render(1280, 720, 30, 4.0, True)
        print(f"# load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} at start; {os.cpu_count()} cores")
        print("| run | the look took | captured / lost during it (and 0.5 s after) | "
              "captured / lost in as long a window after it |")
        print("|---|---|---|---|")
        for run in range(1, args.runs + 1):
            took, quiet, during = one_run(data, frames)

            def said(c: dict[str, int]) -> str:
                lost = ", ".join(f"{k} {v}" for k, v in c.items() if k != "captured")
                return f"{c['captured']} / {lost}"

            print(f"| {run} | {took:.2f} s | {said(during)} | {said(quiet)} |", flush=True)
        print(f"# load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} at the end")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
