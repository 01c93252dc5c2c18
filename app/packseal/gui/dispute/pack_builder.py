"""Building the evidence pack from the dispute view, on the task runner, with progress.

:func:`packseal.core.evidence.pack.build_pack` does the work (checking the
clip against its seal, the ledger excerpt, frames, report, zip, sealing);
it reports progress from the worker thread, which this class forwards to
the GUI thread through a queued signal. The pack's report is written in the
language the window speaks.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from packseal.compose import Services
from packseal.gui.tasks import TaskRunner

log = logging.getLogger(__name__)


class PackBuilder(QObject):
    """Runs one ``build_pack`` at a time; see the module docstring."""

    progressed = Signal(float, str)  # fraction done, the core's (English) step
    finished = Signal(object)        # PackResult
    failed = Signal(object)          # the exception

    def __init__(self, services: Services, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self._busy = False

    @property
    def busy(self) -> bool:
        return self._busy

    def build(self, order_id: str, photos: list[Path], out: Path, *, language: str,
              frames: list[float] | None = None, annotations: list[dict[str, Any]] | None = None) -> bool:
        """Start building the pack of ``order_id`` into ``out``; False if one is being built already."""
        if self._busy:
            return False
        from packseal.core.evidence.pack import build_pack  # the heavy part is loaded on first use

        s = self._services
        self._busy = True
        # Emitted on the worker's thread; Qt queues it to the GUI thread where the slots live.
        progress = self.progressed.emit
        self._runner.run(
            lambda: build_pack(s.layout, s.ledger, s.catalog, s.archive, order_id, list(photos), out,
                               language=language, frames=frames, annotations=annotations, progress=progress),
            on_success=self._done, on_failure=self._failed, label="build evidence pack")
        return True

    def _done(self, result: object) -> None:
        self._busy = False
        self.finished.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.failed.emit(exc)
