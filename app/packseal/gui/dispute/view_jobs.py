"""The dispute view's work on the task runner: looking an order up, comparing photos, aligning a frame.

Each job is started with the status line it shows while it runs
(:attr:`ViewJobs.busy_changed`). The view starts a new round when the order or
the photos change (:meth:`ViewJobs.new_round`); the result, error and
progress of a job started in an older round are dropped, so a late result
for another order or photo is never shown. A result of the current round is
handed over after ``busy_changed(False, …)``, an error through :attr:`ViewJobs.failed`.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QObject, Signal

from packseal.gui.tasks import TaskRunner


class ViewJobs(QObject):
    """See the module docstring."""

    busy_changed = Signal(bool, str, object)  # True with the status text shown while a job runs and its
                                              # {placeholders}; False when a job of this round is done
    failed = Signal(object)                  # the exception of a job of this round
    progressed = Signal(str, object)         # a comparison's stage and fraction (or None), of this round
    _relayed = Signal(int, str, object)      # from the worker thread: round, stage, fraction

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._round = 0
        self._closed = False
        self._relayed.connect(self._relay)

    def new_round(self) -> None:
        """Drop whatever runs: results of work started before are not handed over."""
        self._round += 1

    def close(self) -> None:
        """Drop every result from now on (the view is closing)."""
        self._closed = True
        self.new_round()

    def progress(self) -> Callable[[str, object], None]:
        """A progress callback for a job of this round (called on the worker thread)."""
        this = self._round
        return lambda stage, fraction: self._relayed.emit(this, stage, fraction)

    def run(self, job: Callable[[], Any], then: Callable[[Any], None], label: str, status: str,
            **args: Any) -> None:
        """Run ``job`` in the background with ``status`` shown; ``then(result)`` if no new round started since."""
        this = self._round
        self.busy_changed.emit(True, status, args)
        self._runner.run(job, on_success=lambda result: self._done(this, then, result),
                         on_failure=lambda exc: self._done(this, self.failed.emit, exc), label=label)

    def _done(self, this: int, then: Callable[[Any], None], value: Any) -> None:
        if this != self._round or self._closed:
            return
        self.busy_changed.emit(False, "", {})
        then(value)

    def _relay(self, this: int, stage: str, fraction: object) -> None:
        if this == self._round:
            self.progressed.emit(stage, fraction)
