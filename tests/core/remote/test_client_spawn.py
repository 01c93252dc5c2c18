"""A window closed just as its link thread starts the recorder leaves no recorder running.

Seen after a full test run: a window closed a moment after it opened left its recorder recording,
with no window, until the machine stopped. The link thread had logged "starting the recorder" and
was inside the process start when the closing window asked for a recorder "still starting", found
none yet, and went on; the recorder then started.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time

from packseal.core.remote.client import RecorderClient
from packseal.core.storage.layout import DataLayout


def test_a_recorder_being_started_when_the_window_closes_is_stopped(tmp_path):
    layout = DataLayout.open(tmp_path / "data")
    spawning, started = threading.Event(), []

    def slow_spawn() -> subprocess.Popen:
        spawning.set()
        time.sleep(0.5)  # a busy machine: the process start takes a while
        proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
        started.append(proc)
        return proc

    client = RecorderClient(layout, spawn=slow_spawn)
    client.start()
    try:
        assert spawning.wait(10)
        # What the window's close does (StationController.shutdown): no recorder answers yet.
        client.expect_shutdown()
        client.stop_starting_recorder(timeout=10)
        assert len(started) == 1 and started[0].poll() is not None  # the one being started was stopped
        assert client.wait_gone(10)
        assert len(started) == 1  # and none started after
    finally:
        client.close()
        for proc in started:
            if proc.poll() is None:
                proc.kill()


def test_no_recorder_starts_once_the_window_is_closing(tmp_path):
    layout = DataLayout.open(tmp_path / "data")
    started = []
    client = RecorderClient(layout, spawn=lambda: started.append(1) or subprocess.Popen(["true"]))
    client.expect_shutdown()
    client.start()
    try:
        assert client.wait_gone(10)
        assert started == []
    finally:
        client.close()
