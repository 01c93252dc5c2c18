"""What the hub's server processes share: free ports, dying with the hub, log tails."""

from __future__ import annotations

import os
import signal
import socket
import sys
from pathlib import Path


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on at the moment (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def die_with_parent(sig: int = signal.SIGTERM):
    """A ``preexec_fn`` that has Linux send ``sig`` to the child when the hub dies (even by kill -9).

    Elsewhere it does nothing; the hub then stops its servers only on a clean exit.
    """
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    prctl = ctypes.CDLL(None, use_errno=True).prctl  # looked up here: the child only calls it

    def preexec() -> None:
        prctl(1, int(sig), 0, 0, 0)  # PR_SET_PDEATHSIG
        if os.getppid() == 1:  # the parent died before prctl: go now
            os.kill(os.getpid(), sig)

    return preexec


def log_tail(path: Path, lines: int = 15) -> str:
    """The last lines of a server's log, for an error message."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:]) or "(empty log)"


def flush_tree(folder: Path) -> None:
    """fsync every file and folder under ``folder`` (a server's data, once the server has stopped)."""
    if not folder.is_dir():
        return
    for current, _dirs, files in os.walk(folder):
        for name in files:
            _fsync(Path(current) / name, folder=False)
        _fsync(Path(current), folder=True)


def _fsync(path: Path, folder: bool) -> None:
    try:
        fd = os.open(path, os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if folder else 0))
    except OSError:  # a socket, a file gone meanwhile, a folder on Windows: nothing to flush
        return
    try:
        os.fsync(fd)
    except OSError:
        if not folder:  # a file that cannot reach the disk is an error; some systems cannot fsync folders
            raise
    finally:
        os.close(fd)
