"""The retention schedule: it runs by itself, survives a failed run, never overlaps, and stops."""

from __future__ import annotations

import threading
import time

import pytest

from packseal.core.upkeep.retention import RetentionReport
from packseal.core.upkeep.schedule import Schedule

WAIT_S = 30.0  # generous: the machine may be busy


def wait_for(condition, timeout: float = WAIT_S) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail("the condition did not come true in time")
        time.sleep(0.01)


class Runs:
    """A stand-in for ``Services.run_retention`` that counts its calls and how many overlap."""

    def __init__(self, *, fail_first: int = 0, hold: threading.Event | None = None) -> None:
        self.calls = 0
        self.active = 0
        self.most_active = 0
        self.fail_first = fail_first
        self.hold = hold
        self._lock = threading.Lock()

    def __call__(self) -> RetentionReport:
        with self._lock:
            self.calls += 1
            self.active += 1
            self.most_active = max(self.most_active, self.active)
            call = self.calls
        try:
            if self.hold is not None:
                self.hold.wait(WAIT_S)
            if call <= self.fail_first:
                raise OSError("the disk did not answer")
            return RetentionReport()
        finally:
            with self._lock:
                self.active -= 1


def run_scheduled(runs: Runs, until_calls: int) -> None:
    """Start a fast schedule, wait for ``until_calls`` runs, stop it."""
    schedule = Schedule(runs, name="retention", every_s=0.01, first_after_s=0.0)
    schedule.start()
    try:
        wait_for(lambda: runs.calls >= until_calls)
    finally:
        schedule.stop(timeout=WAIT_S)


def test_it_runs_soon_after_the_start_and_again_on_its_schedule() -> None:
    run_scheduled(Runs(), until_calls=3)


def test_a_failed_run_does_not_end_the_schedule(caplog) -> None:
    run_scheduled(Runs(fail_first=2), until_calls=4)
    assert sum("retention failed" in r.getMessage() for r in caplog.records) == 2


def test_a_run_asked_for_waits_for_the_scheduled_one() -> None:
    release = threading.Event()
    runs = Runs(hold=release)
    schedule = Schedule(runs, name="retention", every_s=0.01, first_after_s=0.0)
    schedule.start()
    try:
        wait_for(lambda: runs.calls == 1)  # the scheduled run is under way, held
        asked = [threading.Thread(target=schedule.run_now) for _ in range(3)]
        for t in asked:
            t.start()
        release.set()
        for t in asked:
            t.join(WAIT_S)
        wait_for(lambda: runs.calls >= 5)
    finally:
        schedule.stop(timeout=WAIT_S)
    assert runs.most_active == 1


def test_stop_ends_the_schedule_at_once_and_a_run_asked_for_raises_to_its_caller() -> None:
    runs = Runs(fail_first=1)
    schedule = Schedule(runs, name="retention", every_s=3600.0, first_after_s=3600.0)
    schedule.start()
    with pytest.raises(OSError, match="did not answer"):
        schedule.run_now()
    schedule.stop(timeout=WAIT_S)
    assert not schedule._thread.is_alive()  # noqa: SLF001
    assert runs.calls == 1
    with pytest.raises(RuntimeError, match="already started"):
        schedule.start()
