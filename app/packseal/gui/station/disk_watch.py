"""Free space in the data dir, read every few seconds for the station page.

The levels are the core's (:class:`packseal.core.storage.space.SpaceGuard`,
the guard the recorder asks before every new order): below twice the
reserve the level is "warning" (warn, keep recording), below the reserve —
or when the data folder's disk cannot be read — "full" (new orders are
refused). Every ``interval_ms`` (10 s) the guard is read afresh on a worker,
since a network drive can take a while to answer.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from packseal.core.storage.space import OK, SpaceGuard, SpaceStatus
from packseal.gui.tasks import TaskRunner

log = logging.getLogger(__name__)


class DiskWatcher(QObject):
    checked = Signal(object)  # SpaceStatus

    def __init__(self, space: SpaceGuard, runner: TaskRunner, parent: QObject | None = None, *,
                 interval_ms: int = 10_000) -> None:
        super().__init__(parent)
        self.space = space
        self._runner = runner
        self.status: SpaceStatus | None = None
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
        self._runner.run(self.space.refresh, on_success=self._measured, on_failure=self._failed,
                         label="disk space")

    def _measured(self, status: SpaceStatus) -> None:
        self._checking = False
        if self.status is None or status.level != self.status.level:
            log.log(logging.INFO if status.level == OK else logging.WARNING, "disk space %s: %s",
                    status.level, status.message or f"{status.free} bytes free in {self.space.root}")
        self.status = status
        self.checked.emit(status)

    def _failed(self, exc: BaseException) -> None:
        self._checking = False
        log.warning("could not read the free space of %s: %s", self.space.root, exc)
