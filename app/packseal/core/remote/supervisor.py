"""``packseal`` with no subcommand: keeps a station window on the screen.

The supervisor is a small process without Qt, camera or data: it runs the
window as a child process (``packseal window``), and when the window dies —
a crash, a kill — it starts a new one at once; the recorder process, which
the window started, records on meanwhile, and the new window shows the
order still recording. When the window ends normally (the packer quit, the
first-run dialog was cancelled, or it could not start: exit 0 or 2), the
supervisor ends with the same code. A window that keeps dying is started
again after a growing pause (from the third death within a minute: 2 s,
4 s … at most 30 s), so a fault that passes does not leave the packer
without a window, and one that stays does not spin.

SIGINT and SIGTERM are passed to the window, which then closes normally
(finishing the last clip).
"""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
import time

log = logging.getLogger(__name__)

NORMAL_EXITS = (0, 2)
CRASH_WINDOW_S, MAX_PAUSE_S = 60.0, 30.0


def window_command(global_args: list[str], sources: list[str] | None) -> list[str]:
    if getattr(sys, "frozen", False):
        argv = [sys.executable]
    else:
        argv = [sys.executable, "-m", "packseal"]
    argv += [*global_args, "window"]
    for source in sources or ():
        argv += ["--source", source]
    return argv


def supervise(argv: list[str], *, restart_delay_s: float = 0.3) -> int:
    """Run ``argv`` (the window) until it exits normally; start it again when it dies."""
    crashes: list[float] = []
    stopping = False
    child: subprocess.Popen | None = None

    def forward(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True
        if child is not None and child.poll() is None:
            child.send_signal(signal.SIGTERM if signum == signal.SIGTERM else signal.SIGINT)

    previous = {sig: signal.signal(sig, forward) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        while True:
            child = subprocess.Popen(argv)
            code = _wait(child)
            if code in NORMAL_EXITS or stopping:
                return code
            now = time.monotonic()
            crashes = [t for t in crashes if now - t < CRASH_WINDOW_S] + [now]
            # The third death within a minute and after: 2 s, 4 s, 8 s … at most 30 s.
            pause = restart_delay_s if len(crashes) < 3 else min(MAX_PAUSE_S, 2.0 ** (len(crashes) - 2))
            print(f"packseal: the window ended unexpectedly (exit {code}); the recorder records on; "
                  f"a new window in {pause:.1f} s", file=sys.stderr)
            if _sleep_unless(lambda: stopping, pause):
                return code
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _sleep_unless(stop, seconds: float) -> bool:
    """Sleep ``seconds``, waking early (True) when ``stop()`` becomes true."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if stop():
            return True
        time.sleep(min(0.1, max(0.0, deadline - time.monotonic())))
    return stop()


def _wait(child: subprocess.Popen) -> int:
    while True:
        try:
            return child.wait()
        except KeyboardInterrupt:  # pragma: no cover - handled by the signal handler above
            continue
