"""Upkeep on a schedule, on a thread of its own: whoever records keeps the disk in order.

The recorder process starts a :class:`Schedule` for retention beside its
station, so a station with no window open still deletes expired tape and
makes room before the reserve is reached. A run asked for meanwhile (the
window's "make room now", the recorder's ``run_retention`` command) goes
through :meth:`Schedule.run_now`, so two runs never overlap. A second one
reads the catalog whole once a day (``Services.read_catalog_whole_if_due``).
"""

from __future__ import annotations

import logging
import threading
from typing import Any, Callable

log = logging.getLogger(__name__)

#: How often retention runs.
EVERY_S = 600.0
#: The first run comes this soon after the start (expired tape from a long stop goes at once).
FIRST_AFTER_S = 5.0


class Schedule:
    """Calls ``run`` (e.g. ``Services.run_retention``) ``first_after_s`` after :meth:`start`, then every ``every_s``."""

    def __init__(self, run: Callable[[], Any], *, name: str, every_s: float = EVERY_S,
                 first_after_s: float = FIRST_AFTER_S) -> None:
        self._run = run
        self.name = name
        self.every_s = every_s
        self.first_after_s = first_after_s
        self._running = threading.Lock()  # one run at a time, scheduled or asked for
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start the schedule's thread (once)."""
        if self._thread is not None:
            raise RuntimeError(f"the {self.name} schedule is already started")
        self._thread = threading.Thread(target=self._loop, name=self.name, daemon=True)
        self._thread.start()

    def stop(self, timeout: float | None = None) -> None:
        """No further scheduled runs; waits up to ``timeout`` for a run under way to finish."""
        self._stop.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def run_now(self) -> Any:
        """Run on the calling thread, after any run under way; errors go to the caller."""
        return self.exclusive(self._run)

    def exclusive(self, fn: Callable[[], Any]) -> Any:
        """Call ``fn`` on the calling thread while no run is under way (none starts meanwhile)."""
        with self._running:
            return fn()

    def _loop(self) -> None:
        wait = self.first_after_s
        while not self._stop.wait(wait):
            wait = self.every_s
            try:
                self.run_now()  # what it did is logged, and published on the hub, by the run itself
            except Exception:
                log.exception("%s failed", self.name)
