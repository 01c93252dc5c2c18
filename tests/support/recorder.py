"""Leave no recorder process behind after a test."""

from __future__ import annotations


def kill_recorder(layout) -> None:
    """Kill the data dir's recorder process if one still runs, and wait until it is gone."""
    import os
    import signal
    import time

    from packseal.core.remote.channel import read_pid, recorder_running

    if recorder_running(layout):  # answering or not
        pid = read_pid(layout)
        if pid is not None:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    deadline = time.monotonic() + 10
    while recorder_running(layout) and time.monotonic() < deadline:
        time.sleep(0.05)
