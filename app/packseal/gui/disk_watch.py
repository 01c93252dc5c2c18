"""Free space in the data dir, shown in the window: a warning when it runs low, an alert when full.

Every ``interval_ms`` (10 s) the core's :class:`~packseal.core.storage.space.SpaceGuard`
reads the free space on a worker (a network drive can take a while to
answer), so the window shows the same levels the recorder goes by: below
twice the reserve "warning" (recording goes on), below the reserve "full"
(the recorder's own guard refuses new orders).
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from packseal.core.storage.space import FULL, MIB, OK, WARNING, SpaceGuard, SpaceStatus, Usage
from packseal.gui.tasks import TaskRunner

log = logging.getLogger(__name__)

#: The window's word for the core's "warning" level.
LOW = WARNING

__all__ = ["DiskWatcher", "FULL", "LOW", "OK"]


class DiskWatcher(QObject):
    checked = Signal(int, str)  # free MiB, level (OK, LOW or FULL)

    def __init__(self, path: Path, reserve_mb: Callable[[], int], runner: TaskRunner,
                 parent: QObject | None = None, *, interval_ms: int = 10_000,
                 usage: Usage = shutil.disk_usage) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self._guard = SpaceGuard(self.path, reserve_mb, usage=usage)
        self._runner = runner
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
        self._runner.run(self._guard.refresh, on_success=self._measured, on_failure=self._failed,
                         label="disk space")

    def _measured(self, status: SpaceStatus) -> None:
        self._checking = False
        if status.free is None:  # not readable, or the data folder's disk is gone
            log.warning("%s", status.message)
            return
        self.free_mb = status.free // MIB
        if status.level != self.level:
            log.log(logging.INFO if status.level == OK else logging.WARNING, "disk space %s: %d MiB free in %s",
                    status.level, self.free_mb, self.path)
        self.level = status.level
        self.checked.emit(self.free_mb, status.level)

    def _failed(self, exc: BaseException) -> None:
        self._checking = False
        log.warning("could not read the free space of %s: %s", self.path, exc)
