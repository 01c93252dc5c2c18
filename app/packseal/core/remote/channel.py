"""Where a data dir's recorder listens, and the key that lets a client in.

One recorder serves one data dir. It listens on a local socket (a Unix
socket on POSIX, a named pipe on Windows) whose name is derived from the
data dir's path, so every client finds it without asking. Connections are
authenticated with a random key that the recorder writes into the data dir
(readable by its owner only): whoever may read the recordings may command
the recorder, nobody else. Messages are Python objects sent with
:mod:`multiprocessing.connection`, which checks the key (HMAC challenge)
before a single message is read.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import socket
import sys
import threading
import tempfile
from multiprocessing.connection import Client, Connection, Listener
from pathlib import Path

from packseal.core.storage.durable import atomic_write
from packseal.core.storage.filelock import InterProcessLock
from packseal.core.storage.layout import DataLayout

KEY_FILE = "recorder.key"
PID_FILE = "recorder.pid"
LOCK_FILE = "recorder.lock"


def address(layout: DataLayout) -> str:
    """The recorder's address for ``layout`` (the same in every process)."""
    tag = hashlib.sha256(str(layout.root).encode("utf-8")).hexdigest()[:20]
    if sys.platform == "win32":  # pragma: no cover - Windows only
        return rf"\\.\pipe\packseal-{tag}"
    # A socket path must stay short (about 100 bytes), so it lives in the runtime folder.
    base = os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
    return str(Path(base) / f"packseal-{os.getuid()}-{tag}.sock")


def family() -> str:
    return "AF_PIPE" if sys.platform == "win32" else "AF_UNIX"


def new_key(layout: DataLayout) -> bytes:
    """A fresh key for a starting recorder, written where its clients read it (owner-only)."""
    key = secrets.token_bytes(32)
    atomic_write(layout.state / KEY_FILE, key.hex().encode("ascii"), mode=0o600)
    return key


def read_key(layout: DataLayout) -> bytes | None:
    try:
        return bytes.fromhex((layout.state / KEY_FILE).read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return None


def recorder_lock(layout: DataLayout) -> InterProcessLock:
    """Held by the running recorder for its whole life: one recorder per data dir."""
    return InterProcessLock(layout.state / LOCK_FILE)


def recorder_running(layout: DataLayout) -> bool:
    """True while some process holds the recorder lock of ``layout``."""
    lock = recorder_lock(layout)
    try:
        if lock.try_acquire():
            lock.release()
            return False
        return True
    finally:
        lock.close()


def listen(layout: DataLayout, key: bytes) -> Listener:
    addr = address(layout)
    if family() == "AF_UNIX":
        try:
            os.unlink(addr)  # a socket file left by a recorder that was killed
        except FileNotFoundError:
            pass
    listener = Listener(addr, family=family(), authkey=key, backlog=8)
    if family() == "AF_UNIX":
        os.chmod(addr, 0o600)
    return listener


def wake(layout: DataLayout, timeout: float = 1.0) -> None:
    """Knock on the recorder's own address without a greeting (wakes a blocked ``accept``)."""
    if family() == "AF_UNIX":
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as knock:
            knock.settimeout(timeout)
            try:
                knock.connect(address(layout))
            except OSError:
                pass
        return
    knocker = threading.Thread(target=_knock_pipe, args=(layout,), daemon=True)  # pragma: no cover
    knocker.start()
    knocker.join(timeout)


def _knock_pipe(layout: DataLayout) -> None:  # pragma: no cover - Windows only
    try:
        connect(layout).close()
    except Exception:
        pass


def write_pid(layout: DataLayout) -> None:
    """Note the running recorder's process ID (for ``packseal status`` when it does not answer)."""
    atomic_write(layout.state / PID_FILE, str(os.getpid()).encode("ascii"), mode=0o600)


def read_pid(layout: DataLayout) -> int | None:
    try:
        return int((layout.state / PID_FILE).read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return None


def connect(layout: DataLayout) -> Connection:
    """A connection to the running recorder; raises OSError when none answers."""
    key = read_key(layout)
    if key is None:
        raise ConnectionRefusedError("no recorder key in the data folder")
    return Client(address(layout), family=family(), authkey=key)
