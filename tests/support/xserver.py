"""A private Xvfb screen for tests that need real X key events.

:func:`start_xvfb` picks a display number nobody uses (no socket, no lock
file), starts Xvfb on it and waits until it answers; :meth:`XServer.stop`
kills it. Programs opened on it need ``DISPLAY`` from :attr:`XServer.env`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

# Display numbers tried, well above what desktops and xvfb-run (99 and up) take first;
# PACKSEAL_TEST_DISPLAYS=51-59 confines the tests to a range of one's own.
DEFAULT_DISPLAYS = "140-400"


def _display_range() -> range:
    spec = os.environ.get("PACKSEAL_TEST_DISPLAYS", DEFAULT_DISPLAYS)
    first, _, last = spec.partition("-")
    return range(int(first), int(last or first) + 1)


@dataclass
class XServer:
    display: str
    process: subprocess.Popen

    @property
    def env(self) -> dict[str, str]:
        """The environment for a Qt program on this screen (xcb, never offscreen)."""
        env = dict(os.environ)
        env.update(DISPLAY=self.display, QT_QPA_PLATFORM="xcb")
        env.pop("WAYLAND_DISPLAY", None)
        return env

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


def _free(n: int) -> bool:
    return not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists()


def start_xvfb(size: str = "1280x800x24", timeout: float = 20.0) -> XServer:
    """Start Xvfb on a free display; raises RuntimeError if none starts."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        raise RuntimeError("Xvfb is not installed (./dev.sh installs the xvfb package)")
    for n in _display_range():
        if not _free(n):
            continue
        proc = subprocess.Popen([xvfb, f":{n}", "-screen", "0", size, "-nolisten", "tcp", "-noreset"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                break  # lost a race for this number (or it failed): try the next one
            if Path(f"/tmp/.X11-unix/X{n}").exists():
                server = XServer(f":{n}", proc)
                if _answers(server):
                    return server
            time.sleep(0.05)
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
    raise RuntimeError("no free X display number could be started")


def _answers(server: XServer) -> bool:
    return subprocess.run(["xdotool", "getmouselocation"], env=server.env, capture_output=True,
                          timeout=10).returncode == 0
