"""How soon a killed window is back: ``packseal`` (supervisor, window, recorder) on the test camera.

Run: .venv/bin/python bench/window_restart.py [--kills 3] [--source test:1280x720@30]

Kills the window process with SIGKILL several times and prints, for each, the seconds until a new
window is connected to the recorder (as ``packseal status`` reports it), and whether the recorder
is still the same process. Goal: a new window within 5 s, the recorder never restarted. Kills are spaced ``--gap`` seconds
apart; the third death within a minute makes the supervisor pause first (so a crash loop does
not spin), which this bench then shows too.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kills", type=int, default=3)
    ap.add_argument("--gap", type=float, default=25.0,
                    help="seconds between kills (from the third death within a minute the supervisor "
                         "pauses before a new window, 2 s doubling)")
    ap.add_argument("--source", default="test:1280x720@30")
    args = ap.parse_args()
    data = Path(tempfile.mkdtemp()) / "data"
    data.mkdir()
    (data / "settings.json").write_text(json.dumps({"station_name": "Bench", "language": "en",
                                                     "camera_barcodes": False}), encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    packseal = [sys.executable, "-m", "packseal", "--data-dir", str(data)]

    def status() -> dict:
        out = subprocess.run(packseal + ["status", "--json"], capture_output=True, text=True, env=env)
        return json.loads(out.stdout)

    app = subprocess.Popen(packseal + ["--source", args.source], env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    try:
        while not status()["window_pid"]:
            time.sleep(0.2)
        times = []
        for i in range(args.kills):
            time.sleep(args.gap if i else 3.0)
            first = status()
            started = time.monotonic()
            os.kill(first["window_pid"], signal.SIGKILL)
            while (now := status())["window_pid"] in (None, first["window_pid"]):
                pass
            times.append(time.monotonic() - started)
            same = now["recorder_pid"] == first["recorder_pid"]
            print(f"kill {i + 1}: a new window connected after {times[-1]:.2f} s; "
                  f"recorder {'the same process' if same else 'RESTARTED'}")
        print(f"worst {max(times):.2f} s, median {sorted(times)[len(times) // 2]:.2f} s over {len(times)} kills")
    finally:
        app.send_signal(signal.SIGTERM)
        app.wait(90)


if __name__ == "__main__":
    main()
