"""PackSeal's window as a child process on a private X screen, seen from outside.

:class:`StationApp` starts ``tests.support.probe`` (the real app plus a
look-only remote), waits for the window, and offers what a test checks:
the log file, the catalog through ``packseal search --json``, and the
remote's ``look``. Keys are sent by :class:`tests.support.keyboard.Keyboard`.
"""

from __future__ import annotations

import dataclasses
import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from packseal.core.recording.rule_settings import default_rule_settings
from packseal.core.settings import save_settings
from packseal.core.storage.layout import DataLayout
from tests.support.keyboard import Keyboard
from tests.support.recorder import kill_recorder
from tests.support.station_window import FAST
from tests.support.xserver import XServer

REPO = Path(__file__).resolve().parents[2]
WINDOW_TITLE = "PackSeal 打包存证"


class StationApp:
    def __init__(self, server: XServer, data_dir: Path, source: str | list[str] = "test:640x360@15") -> None:
        self.server = server
        self.data_dir = data_dir
        self.keyboard = Keyboard(server)
        self.log_file = data_dir / "logs" / "packseal.log"
        self._replies: queue.Queue[str] = queue.Queue()
        self.output: list[str] = []
        env = server.env
        env["PYTHONFAULTHANDLER"] = "1"
        # This checkout's app, never an installed copy of packseal (an editable install may point elsewhere).
        env["PYTHONPATH"] = os.pathsep.join([str(REPO / "app"), str(REPO)])
        # Its translation cache and remembered folders stay beside its data, out of the real home.
        env["XDG_CACHE_HOME"] = str(data_dir.parent / "cache")
        env["XDG_CONFIG_HOME"] = str(data_dir.parent / "config")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.support.probe", "--data-dir", str(data_dir),
             *[a for one in ([source] if isinstance(source, str) else source) for a in ("--source", one)]],
            cwd=REPO, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.window = self.wait_for_window(WINDOW_TITLE)
        self.wait_for_log(r"first preview frame")
        self.keyboard.focus(self.window)  # there is no window manager to give it the focus

    # -- the process --------------------------------------------------------------
    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            if line.startswith("PROBE "):
                self._replies.put(line[6:])
            else:
                self.output.append(line.rstrip("\n"))

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    def ask(self, command: str, timeout: float = 30.0) -> dict:
        """Send one remote command and return its answer (see probe.py)."""
        assert self.proc.stdin is not None
        self._check_alive()
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        try:
            reply = json.loads(self._replies.get(timeout=timeout))
        except queue.Empty:
            self._check_alive()
            raise TimeoutError(f"no answer to {command!r} within {timeout} s") from None
        if "error" in reply:
            raise RuntimeError(f"{command!r}: {reply['error']}")
        return reply

    def _check_alive(self) -> None:
        if not self.alive:
            tail = "\n".join(self.output[-40:])
            raise AssertionError(f"PackSeal exited with code {self.proc.returncode}:\n{tail}")

    def close(self, timeout: float = 90.0) -> int:
        """Close the window the normal way (SIGTERM finishes the last clip) and wait."""
        if self.alive:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        kill_recorder(DataLayout(self.data_dir.resolve()))  # the window's recorder, if it outlived it
        return self.proc.returncode

    # -- waiting --------------------------------------------------------------------
    def wait_until(self, condition, timeout: float = 30.0, what: str = "condition"):
        deadline = time.monotonic() + timeout
        while True:
            value = condition()
            if value:
                return value
            self._check_alive()
            if time.monotonic() > deadline:
                raise TimeoutError(f"{what} not met within {timeout} s")
            time.sleep(0.1)

    def wait_for_window(self, title: str, timeout: float = 60.0) -> int:
        """The X window id of the newest visible window whose title contains ``title``."""
        ids = self.wait_until(lambda: self.keyboard.window_ids(title), timeout, f"a window named {title!r}")
        return ids[-1]

    def log_lines(self) -> list[str]:
        try:
            return self.log_file.read_text(encoding="utf-8", errors="replace").splitlines()
        except FileNotFoundError:
            return []

    def wait_for_log(self, pattern: str, *, after: int = 0, timeout: float = 30.0) -> str:
        """The first log line from index ``after`` on that matches ``pattern``."""
        rx = re.compile(pattern)

        def found():
            return next((line for line in self.log_lines()[after:] if rx.search(line)), None)
        return self.wait_until(found, timeout, f"a log line matching {pattern!r}")

    # -- looking ------------------------------------------------------------------------
    def look(self) -> dict:
        return self.ask("look")

    def focus_widget(self, path: str) -> None:
        """Put the focus into a widget, as a click would, and make its window the X input focus."""
        self.ask(f"focus {path}")
        where = self.ask(f"center {path}")
        self.keyboard.focus(where["window"])
        self.keyboard.move_to(where["x"], where["y"])

    def text(self, path: str) -> str | None:
        """The text in the field at ``path`` (see probe.py)."""
        return self.ask(f"text {path}")["text"]

    def search(self, query: str = "") -> list[dict]:
        """The catalog through the command line (``packseal search --json``)."""
        proc = subprocess.run([str(Path(sys.executable).parent / "packseal"), "--data-dir", str(self.data_dir),
                               "search", *([query] if query else []), "--json"],
                              capture_output=True, text=True, timeout=60)
        if proc.returncode != 0:
            raise AssertionError(f"packseal search failed: {proc.stderr}")
        return json.loads(proc.stdout)["clips"]


def open_app(x_server, tmp_path_factory, *, prepare=None, sources: list[str] | None = None,
             **settings) -> StationApp:
    """The app in a new data dir with the suite's fast settings (and ``settings``), on ``x_server``.

    ``prepare(data_dir)`` runs before the app starts (to seal clips into the data dir first);
    ``sources``: the cameras on its command line (default: one small test camera).
    """
    data = tmp_path_factory.mktemp("realx") / "data"
    data.mkdir()
    # The suite's fast settings, but the camera's barcode reading left as a shop gets it. These tests are
    # about keys, not order rules: any code that is not a product barcode is an order here.
    rules = {**default_rule_settings(), "accept_any": True}
    settings = {"order_rules": rules, **settings}
    save_settings(dataclasses.replace(FAST, camera_barcodes=True, **settings), data / "settings.json")
    if prepare is not None:
        prepare(data)
    return StationApp(x_server, data, sources) if sources else StationApp(x_server, data)


SCAN_LINE = r"scan (accepted|refused|not taken)"


def scan(app: StationApp, code: str, delay_ms: int = 12, **keys) -> tuple[str, dict]:
    """Scan ``code`` and return the scan's one log line and what the window shows then."""
    before = len(app.log_lines())
    app.keyboard.scan(code, delay_ms, **keys)
    line = app.wait_for_log(SCAN_LINE, after=before, timeout=20)
    look = app.wait_until(lambda: _settled(app, line), 20, "the window showing the scan's outcome")
    lines = [x for x in app.log_lines()[before:] if is_scan_line(x)]
    assert lines == [line], f"one scan, one log line: {lines}"
    return line, look


def is_scan_line(line: str) -> bool:
    """A log line about a scan from the hand scanner (not the camera)."""
    return re.search(SCAN_LINE, line) is not None and "(camera)" not in line


def _settled(app: StationApp, line: str) -> dict | None:
    look = app.look()
    if "scan accepted" in line and "→ stop" not in line:
        order = line.split(": ", 1)[1].split(" → ")[0]
        return look if look["order"] == order else None
    if "refused" in line or "not taken" in line:
        return look if look["refusal"] else None
    return look
