"""The station's one capture clock: the same UTC time for the same monotonic time, for every camera."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

from packseal.core.recording import capture_clock
from packseal.core.recording.capture_clock import CaptureClock


def test_one_mapping_for_every_caller_and_it_follows_a_wall_clock_that_is_set(monkeypatch):
    clock = CaptureClock()
    mono = time.monotonic()
    assert clock.utc(mono) == clock.utc(mono)  # two cameras' frames of one moment: one time
    assert abs((clock.utc(mono + 0.5) - clock.utc(mono)).total_seconds() - 0.5) <= 2e-6
    assert abs((clock.utc(time.monotonic()) - datetime.now(timezone.utc)).total_seconds()) < 0.05

    real = capture_clock.datetime

    class HourAhead(datetime):  # the wall clock is set an hour ahead
        @classmethod
        def now(cls, tz=None):
            return real.now(tz) + timedelta(hours=1)

    monkeypatch.setattr(capture_clock, "datetime", HourAhead)
    monkeypatch.setattr(capture_clock, "CHECK_EVERY_S", 0.0)
    moved = clock.utc(time.monotonic())
    assert abs((moved - real.now(timezone.utc)).total_seconds() - 3600) < 0.05
