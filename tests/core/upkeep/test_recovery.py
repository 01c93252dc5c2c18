"""Crash recovery with real processes killed for real (SIGKILL), then the data dir reopened."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from packseal.core.ledger import verify_data_dir
from packseal.core.media.ffmpeg import probe
from packseal.core.storage.layout import DataLayout


def start_recording(data: Path, seconds: int = 60) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "packseal", "--data-dir", str(data), "record", "--order",
         "SF1234567890123", "--source", "test:320x240@15", "--seconds", str(seconds), "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def wait_for_segments(data: Path, n: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        listings = list((data / "tape").glob("cam0/*/segments.csv"))
        if listings and len(listings[0].read_text().splitlines()) >= n:
            return
        time.sleep(0.1)
    raise AssertionError("the recording did not get going")


def reopen(data: Path) -> dict:
    proc = subprocess.run([sys.executable, "-m", "packseal", "--data-dir", str(data), "search", "--json"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return {"search": json.loads(proc.stdout), "stderr": proc.stderr}


def ffmpeg_pid(parent: int) -> int:
    out = subprocess.run(["ps", "-o", "pid=,comm=", "--ppid", str(parent)], capture_output=True, text=True)
    pids = [int(line.split()[0]) for line in out.stdout.splitlines() if "ffmpeg" in line]
    assert pids, out.stdout
    return pids[0]


@pytest.mark.parametrize("victim", ["everything", "app-only"])
def test_a_killed_station_leaves_a_sealed_interrupted_clip(tmp_path, victim):
    data = tmp_path / "data"
    proc = start_recording(data)
    wait_for_segments(data, 4)  # pre-roll (3 s) plus a few seconds of the order
    killed_at = datetime.now(timezone.utc)
    if victim == "everything":  # a power cut: the app and its ffmpeg die at once
        os.killpg(proc.pid, signal.SIGKILL)
    else:  # the app dies; its ffmpeg sees the pipe close and ends on its own
        proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    time.sleep(0.5)
    result = reopen(data)
    clips = result["search"]["clips"]
    assert len(clips) == 1, result
    clip = clips[0]
    assert clip["order_id"] == "SF1234567890123" and clip["status"] == "interrupted"
    assert "recovered" in result["stderr"]
    info = probe(Path(clip["clip"]))
    assert info.codec == "h264" and info.frames > 0
    end = datetime.fromisoformat(clip["start"]) + timedelta(seconds=info.duration_s)
    assert end >= killed_at - timedelta(seconds=2.5), "more than about 2 s of video was lost"
    report = verify_data_dir(DataLayout(data.resolve()))
    assert report.ok, report.format_text()
    # a second opening finds nothing more to do
    again = reopen(data)
    assert again["search"]["total"] == 1 and "recovered" not in again["stderr"]


def test_a_killed_ffmpeg_is_restarted_and_the_clip_records_the_gap(tmp_path):
    data = tmp_path / "data"
    proc = start_recording(data, seconds=12)
    wait_for_segments(data, 3)
    os.kill(ffmpeg_pid(proc.pid), signal.SIGKILL)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()
    result = json.loads(out)
    assert result["status"] == "complete"
    assert len(result["gaps"]) == 1, result  # the outage is in the clip's record
    sessions = sorted((data / "tape" / "cam0").iterdir())
    assert len([s for s in sessions if s.is_dir()]) == 2  # a second encoder took over
    assert probe(Path(result["clip"])).frames > 0
    report = verify_data_dir(DataLayout(data.resolve()))
    assert report.ok, report.format_text()
    log = (data / "logs" / "packseal.log").read_text()
    assert "encoder restarted" in log
