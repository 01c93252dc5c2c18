"""An exclusive lock between processes on one data dir (the GUI and a CLI command).

The ledger holds one around every append; a running station holds one per
camera for as long as it records, so crash recovery can tell a live tape
from a dead one.

POSIX uses ``fcntl.flock`` on a lock file; Windows ``msvcrt.locking`` on its
first byte. The lock is released by the OS when a process dies, so a crash
never leaves the ledger locked.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from packseal.core.errors import LedgerError, StorageError

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt
else:
    import fcntl

_WINDOWS_WAIT_S = 60.0


class InterProcessLock:
    """``with lock:`` holds the lock file exclusively. Not re-entrant; guard threads separately."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise StorageError(f"could not open the lock file {self.path}: "
                               f"{exc.strerror or exc}") from exc

    def acquire(self) -> None:
        if os.name == "nt":  # pragma: no cover
            deadline = time.monotonic() + _WINDOWS_WAIT_S
            while True:
                try:
                    os.lseek(self._fd, 0, os.SEEK_SET)
                    msvcrt.locking(self._fd, msvcrt.LK_NBLCK, 1)
                    return
                except OSError:
                    if time.monotonic() > deadline:
                        raise LedgerError(f"another PackSeal process holds {self.path} for over a minute; "
                                          "close the other PackSeal window or command and retry.")
                    time.sleep(0.01)
        else:
            fcntl.flock(self._fd, fcntl.LOCK_EX)

    def try_acquire(self) -> bool:
        """Take the lock if it is free; False at once if another process holds it."""
        try:
            if os.name == "nt":  # pragma: no cover
                os.lseek(self._fd, 0, os.SEEK_SET)
                msvcrt.locking(self._fd, msvcrt.LK_NBLCK, 1)
            else:
                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def release(self) -> None:
        if os.name == "nt":  # pragma: no cover
            os.lseek(self._fd, 0, os.SEEK_SET)
            msvcrt.locking(self._fd, msvcrt.LK_UNLCK, 1)
        else:
            fcntl.flock(self._fd, fcntl.LOCK_UN)

    def __enter__(self) -> "InterProcessLock":
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
