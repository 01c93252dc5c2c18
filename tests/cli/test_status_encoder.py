"""`packseal status` names the encoder the running recorder's tape uses, and why."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from packseal.core.media.ffmpeg import HARDWARE_ENCODERS


def status(data: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "packseal", "--data-dir", str(data), "status", "--json"],
                          capture_output=True, text=True, timeout=60)


def test_status_shows_the_encoder_chosen_at_start_and_why(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.json").write_text(json.dumps({"settings_version": 2, "tsa_urls": []}), encoding="utf-8")
    rec = subprocess.Popen([sys.executable, "-m", "packseal", "--data-dir", str(data), "recorder",
                            "--source", "test:320x240@10"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        found = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and rec.poll() is None:
            proc = status(data)
            if proc.returncode == 0:
                found = json.loads(proc.stdout)
                if found.get("encoders"):
                    break
            time.sleep(0.5)
        assert found and found["encoders"], f"no encoder in status: {found}"
        enc = found["encoders"]["cam0"]
        assert enc["encoder"] in ("libx264", *HARDWARE_ENCODERS)
        # "auto": every hardware encoder was named with what its test encode did
        assert all(name in enc["reason"] for name in HARDWARE_ENCODERS), enc["reason"]
        human = subprocess.run([sys.executable, "-m", "packseal", "--data-dir", str(data), "status"],
                               capture_output=True, text=True, timeout=60).stdout
        assert f"Encoder:  cam0: {enc['encoder']}" in human
    finally:
        rec.terminate()
        rec.wait(60)
