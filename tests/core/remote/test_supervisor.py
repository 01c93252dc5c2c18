"""The supervisor brings a dead window back, ends with a window that ends normally, passes signals on."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from packseal.core.remote.supervisor import supervise


def fake_window(tmp_path: Path, script: str) -> list[str]:
    """A "window" that records each run in runs.txt and then does what ``script`` says."""
    path = tmp_path / "window.py"
    path.write_text(textwrap.dedent(f"""
        import os, signal, sys, time
        from pathlib import Path
        runs = Path({str(tmp_path / "runs.txt")!r})
        n = len(runs.read_text().splitlines()) + 1 if runs.exists() else 1
        with runs.open("a") as f:
            f.write(f"{{os.getpid()}}\\n")
    """) + textwrap.dedent(script))
    return [sys.executable, str(path)]


def runs(tmp_path: Path) -> int:
    return len((tmp_path / "runs.txt").read_text().splitlines())


def test_a_window_that_dies_is_started_again_and_one_that_quits_ends_it(tmp_path):
    argv = fake_window(tmp_path, """
        if n <= 2:
            os.kill(os.getpid(), signal.SIGKILL)  # a crash, twice
        sys.exit(0)                               # then the packer quits
    """)
    assert supervise(argv, restart_delay_s=0.05) == 0
    assert runs(tmp_path) == 3


@pytest.mark.parametrize("code", [0, 2])
def test_a_window_that_ends_normally_or_cannot_start_is_not_restarted(tmp_path, code):
    argv = fake_window(tmp_path, f"sys.exit({code})\n")
    assert supervise(argv, restart_delay_s=0.05) == code
    assert runs(tmp_path) == 1


def test_a_window_that_keeps_dying_is_restarted_after_a_growing_pause(tmp_path):
    argv = fake_window(tmp_path, """
        if n <= 3:
            sys.exit(1)  # an uncaught error at start, three times
        sys.exit(0)
    """)
    started = time.monotonic()
    assert supervise(argv, restart_delay_s=0.05) == 0
    assert runs(tmp_path) == 4
    assert time.monotonic() - started >= 2.0  # the third death within a minute paused 2 s first


def test_sigterm_is_passed_to_the_window_which_closes_normally(tmp_path):
    argv = fake_window(tmp_path, f"""
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        Path({str(tmp_path / "ready")!r}).touch()
        time.sleep(60)
    """)
    runner = f"import sys; from packseal.core.remote.supervisor import supervise; sys.exit(supervise({argv!r}))"
    proc = subprocess.Popen([sys.executable, "-c", runner])
    deadline = time.monotonic() + 30
    while not (tmp_path / "ready").exists():  # the window listens for SIGTERM now
        assert time.monotonic() < deadline
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(30) == 0
    assert runs(tmp_path) == 1


def test_sources_given_twice_reach_the_window_and_its_recorder_as_two_cameras(tmp_path):
    from packseal.cli import _parser
    from packseal.core.remote.client import recorder_command
    from packseal.core.remote.supervisor import window_command
    from packseal.core.storage.layout import DataLayout

    args = _parser().parse_args(["--source", "usb:0", "--source", "usb:2"])
    window = window_command([], args.gui_source)
    assert window[-5:] == ["window", "--source", "usb:0", "--source", "usb:2"]
    assert _parser().parse_args(window[window.index("window"):]).gui_source == ["usb:0", "usb:2"]
    layout = DataLayout.open(tmp_path / "data")
    assert recorder_command(layout, ["usb:0", "usb:2"])[-4:] == ["--source", "usb:0", "--source", "usb:2"]
    assert recorder_command(layout, "test")[-2:] == ["--source", "test"]
    assert "--source" not in recorder_command(layout, None)
