"""Real X key events through xdotool, like a keyboard-wedge scanner or a person.

``xdotool type`` sends for every character what a USB keyboard would: the
keycode, with Shift pressed and released around capital letters, and key
release events; that is what a scanner in keyboard mode does, and what
synthetic Qt key events leave out.
"""

from __future__ import annotations

import shutil
import subprocess

from tests.support.xserver import XServer


class Keyboard:
    def __init__(self, server: XServer) -> None:
        if shutil.which("xdotool") is None:
            raise RuntimeError("xdotool is not installed (./dev.sh installs it)")
        self.server = server

    def _run(self, *args: str) -> str:
        proc = subprocess.run([*_HARDWARE_TIMING, "xdotool", *args], env=self.server.env, capture_output=True,
                              text=True, timeout=60)
        if proc.returncode != 0:
            raise RuntimeError(f"xdotool {' '.join(args)} failed: {proc.stderr.strip()}")
        return proc.stdout

    def type(self, text: str, gap_ms: int = 6) -> None:
        """Type ``text``, one character every ``gap_ms``.

        ``xdotool type --delay D`` leaves about D/2 between characters; the
        default here is what ``xdotool type`` does by default (6 ms: as fast
        as a scanner).
        """
        self._run("type", "--delay", str(2 * gap_ms), "--", text)

    def key(self, *names: str, delay_ms: int = 12) -> None:
        """Press and release keys by X keysym name (``Return``, ``ctrl+o``, ``KP_1``, ``Caps_Lock``)."""
        self._run("key", "--delay", str(delay_ms), *names)

    def scan(self, code: str, delay_ms: int = 8, *, terminator: str | None = "Return",
             keypad_digits: bool = False) -> None:
        """What a hand scanner sends: the code and the terminator (None: no terminator), in one burst.

        One xdotool command, so the gaps between keys are ``delay_ms`` throughout.
        """
        args = ["key", "--delay", str(delay_ms)]
        args += [_keysym(ch, keypad_digits) for ch in code]
        if terminator:
            args.append(terminator)
        self._run(*args)

    def scan_in_parts(self, code: str, split: int, pause_ms: int, delay_ms: int = 12) -> None:
        """A burst the window system split: ``code[:split]``, a pause of ``pause_ms``, the rest and Enter.

        One xdotool command (a ``sleep`` between two ``key`` lists): the X server stamps each key
        when it handles it, so the pause is in the keys' own timestamps, as when a loaded X server
        is descheduled in the middle of a scan.
        """
        head = [_keysym(ch, False) for ch in code[:split]]
        tail = [_keysym(ch, False) for ch in code[split:]] + ["Return"]
        self._run("key", "--delay", str(delay_ms), *head, "sleep", f"{pause_ms / 1000:.3f}",
                  "key", "--delay", str(delay_ms), *tail)

    def click(self, x: int, y: int) -> None:
        self._run("mousemove", str(x), str(y), "click", "1")

    def move_to(self, x: int, y: int) -> None:
        self._run("mousemove", str(x), str(y))

    def window_ids(self, name: str) -> list[int]:
        proc = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", name], env=self.server.env,
                              capture_output=True, text=True, timeout=30)
        return [int(w) for w in proc.stdout.split()]

    def focus(self, window: int) -> None:
        """Give ``window`` the keyboard focus (there is no window manager on the test screen)."""
        self._run("windowfocus", str(window))

    def focused_window_name(self) -> str:
        return self._run("getwindowfocus", "getwindowname").strip()


def _hardware_timing() -> list[str]:
    """``chrt -f 10`` where the system allows it: xdotool then runs at real-time priority.

    A scanner's key timing is its hardware's, never descheduled between two keys; xdotool is an
    ordinary process, and at load 17-18 bursts it sent paused for more than a second mid-code
    (xdotool or the X server descheduled; the stamps cannot tell which). At real-time priority
    xdotool adds no pauses of its own: those left are the ones a test asks for and the ones the
    loaded X server and app make, which are what the tests are about.
    Without the permission (or chrt), xdotool runs as it is.
    """
    chrt = shutil.which("chrt")
    if chrt is None:
        return []
    try:
        ok = subprocess.run([chrt, "-f", "10", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        ok = False
    return [chrt, "-f", "10"] if ok else []


_HARDWARE_TIMING = _hardware_timing()

_NAMED = {"-": "minus", "_": "underscore", "/": "slash", ".": "period", " ": "space", "#": "numbersign",
          "+": "plus", ":": "colon"}


def _keysym(ch: str, keypad_digits: bool) -> str:
    if ch.isdigit():
        return f"KP_{ch}" if keypad_digits else ch
    if ch.isalpha() and ch.isascii():
        return ch  # xdotool holds Shift around capitals, as a keyboard would
    try:
        return _NAMED[ch]
    except KeyError:
        raise ValueError(f"no key for {ch!r} in this driver") from None
