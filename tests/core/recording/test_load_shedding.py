"""Load is shed in a fixed order, one level at a time, and given back slowly."""

from __future__ import annotations

from packseal.core.recording.load_shedding import LEVELS, LoadShedder


class FakePipeline:
    def __init__(self) -> None:
        self.rates: list[tuple[int, int, float]] = []

    def set_rates(self, *, keep_every: int, preview_every: int, reader_hz: float) -> None:
        self.rates.append((keep_every, preview_every, reader_hz))


class Pressure:
    def __init__(self) -> None:
        self.lost = 0
        self.fill = 0.0


def shedder() -> tuple[LoadShedder, FakePipeline, Pressure]:
    pipe, p = FakePipeline(), Pressure()
    return LoadShedder(pipe, lost=lambda: p.lost, queue_fill=lambda: p.fill, step_s=2.0, relief_s=10.0), pipe, p


def test_the_preview_goes_first_then_barcode_reading_then_the_frame_rate():
    s, pipe, p = shedder()
    now = 0.0
    while s.level < len(LEVELS) - 1:
        p.lost += 5  # frames keep being lost
        now += 0.5
        s.tick(now)
    # one level every 2 s at most, in this order
    assert pipe.rates == [(1, 3, 4.0), (1, 3, 1.0), (2, 3, 1.0), (3, 3, 1.0)]
    assert now >= 6.0
    p.lost += 5
    s.tick(now + 5)
    assert s.level == len(LEVELS) - 1 and len(pipe.rates) == 4  # nothing left to shed


def test_a_full_encoder_queue_is_pressure_even_before_frames_are_lost():
    s, pipe, p = shedder()
    p.fill = 0.8
    s.tick(1.0)
    assert s.level == 1 and pipe.rates == [(1, 3, 4.0)]


def test_load_comes_back_one_level_after_a_calm_spell_and_later_after_a_relapse():
    s, pipe, p = shedder()
    for t in (0.5, 2.5, 4.5):
        p.lost += 3
        s.tick(t)
    assert s.level == 3
    t = 4.5
    while s.level == 3:
        t += 0.5
        s.tick(t)
    assert s.level == 2 and 14.0 <= t <= 15.5  # about 10 s without a lost frame
    while s.level == 2:  # pressure again right after the step up (down again within step_s)
        p.lost += 1
        t += 0.5
        s.tick(t)
    assert s.level == 3
    back = t
    while s.level == 3:
        t += 0.5
        s.tick(t)
    assert t - back >= 20.0  # the relief now waits twice as long
    assert s.deepest == 3
