"""Waiting in the station window itself: start to the first live frame shown, stop scan to the clip listed.

``bench/latency.py`` times the station inside one process, up to the catalog.
This times what the packer sees: the real station window (offscreen Qt
unless ``QT_QPA_PLATFORM`` says otherwise) starting its own recorder process,
as the app does, on the test camera at the app's default size; scans typed
into the window as a keyboard-wedge scanner types them (key events with a
3 ms gap, then Enter).

* **start**: from ``window.start()`` (the recorder process is spawned, opens
  its camera, tries the encoders) to the window's preview having shown its
  first live frame; and from the script's first line (imports included).
* **app start** (``--app-starts N``; alone with ``--orders 0``): the
  ``packseal`` command itself, as a packer starts it (its supervisor, the
  window process, the recorder process), from the command's start to the
  window's log line "first preview frame … after start-up" (which also gives
  the time from the window process's start). One station, started once
  untimed first (that sets up its data dir and writes Python's bytecode
  caches, as an installed app has them), then N times.
* **stop**: for each order, from the stop scan's last key to the order's row
  in the window's list of recent clips turning "Sealed" (the model the list
  paints from; it is painted at its next repaint). The order's own time and a
  random pause before the stop make the scan fall anywhere in a segment.

    .venv/bin/python bench/window_latency.py --orders 8 --seconds 5
"""

from __future__ import annotations

import time

SCRIPT_START = time.monotonic()

import argparse  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import signal  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication  # noqa: E402

from packseal.compose import open_services  # noqa: E402
from packseal.core.settings import Settings, save_settings  # noqa: E402
from packseal.core.storage.layout import DataLayout  # noqa: E402
from packseal.gui import i18n  # noqa: E402
from packseal.gui.app import make_application, make_window  # noqa: E402
from packseal.gui.station.recent_clips import SEALED  # noqa: E402
from tests.support.recorder import kill_recorder  # noqa: E402
from tests.support.station_window import scan  # noqa: E402

STATION = "杭州仓-打包台3"


def wait_until(app: QApplication, condition, timeout: float, what: str) -> float:
    """Run the event loop until ``condition()``; the monotonic time it first held."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        app.processEvents()
        if condition():
            return time.monotonic()
        time.sleep(0.002)
    raise SystemExit(f"timed out waiting for {what}")


def sealed_row(window, order: str) -> bool:
    rows = window.station.recent_model.rows()
    return bool(rows) and rows[0].order_id == order and rows[0].status == SEALED


FIRST_FRAME = re.compile(r"first preview frame ([\d.]+) s after start-up")


def app_start(data: Path) -> tuple[float, float]:
    """The ``packseal`` command started on the data dir ``data``: (command start → first frame logged,
    the window process's start → first frame) in seconds."""
    log = data / "logs" / "packseal.log"
    seen = log.stat().st_size if log.exists() else 0
    # As an installed app runs: with Python's bytecode caches (a shell may have switched them off).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    t0 = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "packseal", "--data-dir", str(data)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        while time.monotonic() - t0 < 120:
            text = log.read_bytes()[seen:].decode("utf-8", "replace") if log.exists() else ""
            found = FIRST_FRAME.search(text)
            if found:
                return time.monotonic() - t0, float(found.group(1))
            time.sleep(0.01)
        raise SystemExit("the app showed no live frame within 120 s")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(30)
        kill_recorder(DataLayout(data))


def app_starts(source: str, count: int, catalog_segments: int = 0) -> None:
    """``count`` timed starts of the ``packseal`` command on one station, after an untimed first one
    (which sets up the data dir and writes the bytecode caches).

    ``catalog_segments``: the station's catalog first gets that many tape-segment rows, as an old
    station's has (``bench/catalog_check.py``), the last week's with their files."""
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        save_settings(Settings(station_name=STATION, tsa_urls=[], language="en", source=source),
                      data / "settings.json")
        if catalog_segments:
            from catalog_check import fill  # beside this script

            fill(DataLayout.open(data).catalog_file, catalog_segments, files_in=data)
            print(f"# the catalog holds {catalog_segments:,} segment rows, "
                  f"{(data / 'catalog.sqlite').stat().st_size / 1e6:.0f} MB; the last week's "
                  "302,400 are live, with their (empty) files in tape/")
        app_start(data)
        print("| app start | command start → first live frame s | window process start → first live frame s |")
        print("|---|---|---|")
        for i in range(count):
            whole, window_main = app_start(data)
            print(f"| {i + 1} | {whole:.2f} | {window_main:.2f} |")
            sys.stdout.flush()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--orders", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=5.0, help="length of each order")
    ap.add_argument("--source", default="test:1280x720@30")
    ap.add_argument("--app-starts", type=int, default=0, help="also start the packseal command this many times")
    ap.add_argument("--catalog-segments", type=int, default=0,
                    help="for --app-starts: fill the station's catalog with this many segment rows first")
    args = ap.parse_args()
    app = make_application()
    print(f"# station window ({os.environ['QT_QPA_PLATFORM']} Qt), its own recorder process, source {args.source}, "
          f"app defaults otherwise; {os.cpu_count()} cores; load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} at start")
    if args.orders == 0:
        app_starts(args.source, args.app_starts, args.catalog_segments)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        save_settings(Settings(station_name=STATION, tsa_urls=[], language="en", source=args.source),
                      data / "settings.json")
        services = open_services(data, recorder=False)
        translations = i18n.Translations(app, cache_dir=Path(tmp) / "qm")
        translations.apply("en")
        window = make_window(services, args.source, translations=translations, camera_codes=False)
        window.show()
        t_start = time.monotonic()
        window.start()
        shown = wait_until(app, lambda: window.view.preview.frames_shown > 0, 60, "the first live frame")
        print("| window.start() to the first live frame shown s | script start to it s |")
        print("|---|---|")
        print(f"| {shown - t_start:.2f} | {shown - SCRIPT_START:.2f} |")
        settings = services.settings
        print(f"# post-roll {settings.postroll_s:g} s, segments {settings.segment_s:g} s, encoder setting "
              f"{settings.encoder}")
        waits = []
        print("| order | stop scan → row sealed in the window s |")
        print("|---|---|")
        rng = random.Random(17)
        for i in range(args.orders):
            order = f"SF40000000000{i:02d}"
            scan(None, window.view, order)
            wait_until(app, lambda: window.view.banner.state.name == "RECORDING", 30, "the order to start")
            end = time.monotonic() + args.seconds + rng.uniform(0, settings.segment_s)
            while time.monotonic() < end:
                app.processEvents()
                time.sleep(0.01)
            scan(None, window.view, order)
            stopped = time.monotonic()
            listed = wait_until(app, lambda: sealed_row(window, order), 60, f"{order} sealed in the list")
            waits.append(listed - stopped)
            print(f"| {order} | {listed - stopped:.2f} |")
            sys.stdout.flush()
            wait_until(app, lambda: window.view.banner.state.name == "IDLE", 30, "the station to be idle")
        print(f"# stop scan → sealed in the window: median {statistics.median(waits):.2f} s, "
              f"at most {max(waits):.2f} s over {len(waits)} orders")
        closed: list[bool] = []
        window.shut_down.connect(lambda: closed.append(True))
        window.close()
        wait_until(app, lambda: bool(closed), 90, "the window to close")
        window.controller.client.close()
        kill_recorder(services.layout)  # gone already when the window stopped it; never left behind
        services.close()
    if args.app_starts:
        app_starts(args.source, args.app_starts, args.catalog_segments)
    print(f"# load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} at the end")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
