"""The one way the window runs work in the background.

``runner.run(fn, on_success=..., on_failure=...)`` calls ``fn()`` on a
thread pool and delivers its result (or exception) to the callbacks on the
GUI thread, through a queued Qt signal. Worker code never touches a widget;
callbacks never block. A failure nobody handles is logged with its
traceback and announced on :attr:`TaskRunner.failed_unhandled` so the
window can show it: nothing is swallowed.

A runner made with ``serial=True`` runs one task at a time, in the order
given. The station's commands (start, scan, stop, restart) go through such a
lane, so a scan queued while the camera starts runs after the start, and two
quick scans reach the recorder in the order they were made.
"""

from __future__ import annotations

import itertools
import logging
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

Success = Callable[[Any], None]
Failure = Callable[[BaseException], None]


class _Outcome(QObject):
    """Carries one task's result from its worker thread back to the GUI thread."""

    finished = Signal(int, object, object)  # task id, result, exception (or None)


class _Job(QRunnable):
    def __init__(self, task_id: int, fn: Callable[[], Any], outcome: _Outcome) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the runner keeps it until its outcome arrived
        self._task_id = task_id
        self._fn = fn
        self._outcome = outcome

    def run(self) -> None:
        try:
            result, error = self._fn(), None
        except BaseException as exc:  # delivered, logged and shown on the GUI thread
            result, error = None, exc
        self._outcome.finished.emit(self._task_id, result, error)


class TaskRunner(QObject):
    """Runs callables off the GUI thread; see the module docstring."""

    failed_unhandled = Signal(str, object)  # label, exception

    def __init__(self, parent: QObject | None = None, *, serial: bool = False,
                 max_threads: int = 2, name: str = "tasks") -> None:
        super().__init__(parent)
        self.name = name
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1 if serial else max(1, max_threads))
        self._pool.setObjectName(name)
        self._ids = itertools.count(1)
        self._pending: dict[int, tuple[_Job, _Outcome, Success | None, Failure | None, str]] = {}

    @property
    def busy(self) -> bool:
        """True while a task is queued or running."""
        return bool(self._pending)

    def run(self, fn: Callable[[], Any], *, on_success: Success | None = None,
            on_failure: Failure | None = None, label: str = "") -> int:
        """Queue ``fn``; returns a task id. Callbacks run later on the GUI thread."""
        task_id = next(self._ids)
        outcome = _Outcome()
        outcome.finished.connect(self._deliver)  # queued: emitted on a pool thread
        job = _Job(task_id, fn, outcome)
        self._pending[task_id] = (job, outcome, on_success, on_failure,
                                  label or getattr(fn, "__name__", "task"))
        self._pool.start(job)
        return task_id

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until every queued task has run (for shutdown); deliveries still need the event loop."""
        return self._pool.waitForDone(msecs)

    @Slot(int, object, object)
    def _deliver(self, task_id: int, result: Any, error: BaseException | None) -> None:
        entry = self._pending.pop(task_id, None)
        if entry is None:
            return
        _, outcome, on_success, on_failure, label = entry
        outcome.deleteLater()
        if error is None:
            if on_success is not None:
                self._call(on_success, result, label)
            return
        log.error("%s: task %r failed: %s", self.name, label, error,
                  exc_info=(type(error), error, error.__traceback__))
        if on_failure is not None:
            self._call(on_failure, error, label)
        else:
            self.failed_unhandled.emit(label, error)

    def _call(self, callback: Callable[[Any], None], value: Any, label: str) -> None:
        try:
            callback(value)
        except Exception as exc:  # a broken callback is a bug: log it and show it
            log.exception("%s: callback of task %r failed", self.name, label)
            self.failed_unhandled.emit(label, exc)
