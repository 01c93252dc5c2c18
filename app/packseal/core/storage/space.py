"""Free disk space in the data dir, and the reserve below which nothing new is recorded.

A full disk must never be found out by ffmpeg or SQLite failing mid-clip, and
a recording must never be written somewhere else because the data dir is
full. So the station asks a :class:`SpaceGuard` before every new order: below
the reserve the order is refused with a message that says how much is free,
what the reserve is, and what to do (free space on that disk, or lower the
reserve in Settings). Between the reserve and twice the reserve the level is
"warning": recording goes on and the owner is told early.

Reading the free space is one ``statvfs`` call, but on a network drive it can
take a while, so the answer is kept for a second: the guard is cheap enough
to call on every scan.
"""

from __future__ import annotations

import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from packseal.core.errors import StorageError

MIB = 1024 * 1024

OK = "ok"
WARNING = "warning"
FULL = "full"

#: The early warning starts at this many times the reserve.
WARNING_FACTOR = 2
#: How long a reading of the free space is reused.
CACHE_S = 1.0

Usage = Callable[[Path], Any]  # shutil.disk_usage or a stand-in: anything with ``.free`` in bytes


def free_bytes(path: Path | str, *, usage: Usage = shutil.disk_usage) -> int:
    """Bytes free for this user on the disk holding ``path``.

    Raises :class:`StorageError` when the disk cannot be asked (the folder is
    gone, a network drive does not answer).
    """
    try:
        return int(usage(Path(path)).free)
    except OSError as exc:
        raise StorageError(
            f"cannot read the free space of {path}: {exc.strerror or exc}; check that the "
            "disk holding the data folder is connected"
        ) from exc


def format_size(n: int) -> str:
    """``300 KiB``, ``812 MiB``, ``3.1 GiB``: sizes as people read them (binary units, as disks report)."""
    if abs(n) >= 10 * 1024 * MIB:
        return f"{n / (1024 * MIB):.0f} GiB"
    if abs(n) >= 1024 * MIB:
        return f"{n / (1024 * MIB):.1f} GiB"
    if abs(n) >= MIB:
        return f"{n // MIB} MiB"
    return f"{n // 1024} KiB"


@dataclass(frozen=True)
class SpaceStatus:
    """One reading of the free space against the reserve.

    ``level`` is ``ok``, ``warning`` (below :data:`WARNING_FACTOR` × the
    reserve: recording goes on) or ``full`` (below the reserve, or the free
    space could not be read: new recordings are refused). ``free`` is None
    when it could not be read. ``message`` says what is wrong and what to do
    (None when the level is ``ok``).
    """

    free: int | None
    reserve: int
    level: str
    message: str | None

    @property
    def refuses(self) -> bool:
        """True when new recordings must be refused."""
        return self.level == FULL


class SpaceGuard:
    """Watches the free space of the disk holding ``root`` against a reserve of ``reserve_mb``.

    ``reserve_mb`` may be a number or a function returning the current
    setting (so a change in Settings applies at the next check). ``marker``
    names something every data dir holds (its ``ledger`` folder): when it is
    missing, the disk holding the data dir is probably unplugged and an empty
    mount point is left, so recording is refused rather than written onto
    whatever disk now answers at that path. ``usage`` and ``clock`` are
    replaceable for tests. Thread-safe.
    """

    def __init__(self, root: Path | str, reserve_mb: int | Callable[[], int], *,
                 usage: Usage = shutil.disk_usage, clock: Callable[[], float] = time.monotonic,
                 cache_s: float = CACHE_S, marker: str | None = "ledger") -> None:
        self.root = Path(root)
        self.marker = marker
        self._reserve_mb = reserve_mb
        self._usage = usage
        self._clock = clock
        self._cache_s = cache_s
        self._lock = threading.Lock()
        self._cached: tuple[float, SpaceStatus] | None = None

    @property
    def reserve(self) -> int:
        """The reserve in bytes, as set now."""
        value = self._reserve_mb() if callable(self._reserve_mb) else self._reserve_mb
        return max(0, int(value)) * MIB

    def status(self) -> SpaceStatus:
        """The free space and its level (read at most once per ``cache_s``)."""
        with self._lock:
            now = self._clock()
            if self._cached is not None and now - self._cached[0] < self._cache_s:
                return self._cached[1]
            status = self._read()
            self._cached = (now, status)
            return status

    def refresh(self) -> SpaceStatus:
        """Read the free space now, ignoring the cached reading (after deleting files)."""
        with self._lock:
            self._cached = None
        return self.status()

    def check(self) -> str | None:
        """None when a new recording may start; else the message saying why not and what to do.

        Usable directly as the station's ``guard``.
        """
        status = self.status()
        return status.message if status.refuses else None

    def _read(self) -> SpaceStatus:
        reserve = self.reserve
        where = str(self.root)
        if self.marker is not None and not (self.root / self.marker).exists():
            return SpaceStatus(None, reserve, FULL, (
                f"New recordings are refused: the data folder {where} is not there (its disk may be "
                "unplugged or not mounted). Connect the disk holding the data folder, then try again."))
        try:
            free = free_bytes(self.root, usage=self._usage)
        except StorageError as exc:
            return SpaceStatus(None, reserve, FULL, f"New recordings are refused: {exc}.")
        if free < reserve:
            return SpaceStatus(free, reserve, FULL, (
                f"The disk holding {where} has only {format_size(free)} free, below the reserve of "
                f"{format_size(reserve)}, so new recordings are refused before the disk fills up. "
                "Free space on that disk (delete files you no longer need, or move exports "
                "away), or lower the reserve in Settings."))
        if free < reserve * WARNING_FACTOR:
            return SpaceStatus(free, reserve, WARNING, (
                f"The disk holding {where} is nearly full: {format_size(free)} free, reserve "
                f"{format_size(reserve)}. Recording goes on, but below the reserve new recordings "
                "will be refused; free space on that disk soon."))
        return SpaceStatus(free, reserve, OK, None)
