"""Free space in the data dir: a warning when it runs low, a refusal when it runs out.

Every ``interval_ms`` (10 s) the free space is read on a worker (a network
drive can take a while to answer). Below twice the reserve the level is
"low" (warn, keep recording); below the reserve it is "full" (the
recorder's own guard refuses new orders then).
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from packseal.gui.tasks import TaskRunner

log = logging.getLogger(__name__)

OK, LOW, FULL = "ok", "low", "full"
MIB = 1024 * 1024


def level_for(free_mb: int, reserve_mb: int) -> str:
    """"full" below the reserve, "low" below twice the reserve, else "ok"."""
    if free_mb < reserve_mb:
        return FULL
    if free_mb < 2 * reserve_mb:
        return LOW
    return OK


class DiskWatcher(QObject):
    checked = Signal(int, str)  # free MiB, level

    def __init__(self, path: Path, reserve_mb: Callable[[], int], runner: TaskRunner,
                 parent: QObject | None = None, *, interval_ms: int = 10_000,
                 free_bytes: Callable[[Path], int] | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self._reserve_mb = reserve_mb
        self._runner = runner
        self._free_bytes = free_bytes or (lambda p: shutil.disk_usage(p).free)
        self.level = OK
        self.free_mb: int | None = None
        self._checking = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check_now)

    def start(self) -> None:
        self.check_now()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def check_now(self) -> None:
        """Read the free space on a worker; :attr:`checked` follows on the GUI thread."""
        if self._checking:
            return
        self._checking = True
        path, measure = self.path, self._free_bytes
        self._runner.run(lambda: measure(path) // MIB, on_success=self._measured,
                         on_failure=self._failed, label="disk space")

    def _measured(self, free_mb: int) -> None:
        self._checking = False
        self.free_mb = int(free_mb)
        level = level_for(self.free_mb, self._reserve_mb())
        if level != self.level:
            log.log(logging.INFO if level == OK else logging.WARNING, "disk space %s: %d MiB free in %s",
                    level, self.free_mb, self.path)
        self.level = level
        self.checked.emit(self.free_mb, level)

    def _failed(self, exc: BaseException) -> None:
        self._checking = False
        log.warning("could not read the free space of %s: %s", self.path, exc)
