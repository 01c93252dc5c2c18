"""The reader on a pseudo-terminal scale: readings, stable weight, unplug and replug, bad lines, a flood."""

from __future__ import annotations

import itertools

import pytest

from packseal.core.scale.events import (DISCONNECTED, GARBLED, SILENT, UNMATCHED, ScaleBack, ScaleLost,
                                        ScaleReading)
from packseal.core.scale.patterns import shipped
from packseal.core.scale.reader import ScaleReader, SerialConfig
from tests.core.scale.conftest import wait_for
from tests.support.scale_sim import FORMATS


@pytest.fixture
def reading(scale_sim):
    """(simulator, reader, events) for a format; the reader is stopped afterwards."""
    made = []

    def make(fmt: str = "st-us", pattern: str | None = None, **kw):
        sim = scale_sim(fmt, **kw)
        events: list = []
        reader = ScaleReader(SerialConfig(str(sim.path)), shipped(pattern or fmt), events.append, silent_s=1.0)
        reader.start()
        made.append(reader)
        return sim, reader, events

    yield make
    for reader in made:
        reader.stop()


def kinds(events, kind):
    return [e for e in events if isinstance(e, kind)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_end_to_end_gives_the_stable_weight(reading, fmt):
    sim, reader, events = reading(fmt, grams=1234)
    assert wait_for(lambda: reader.stable_weight_g() == 1234)
    assert reader.status().state == "ok"
    sim.set_weight(2500, stable=False)
    assert wait_for(lambda: any(e.grams == 2500 and not e.stable for e in kinds(events, ScaleReading)))
    assert reader.stable_weight_g() == 1234  # the moving weight is not the stable one
    assert reader.latest().grams == 2500 and not reader.latest().stable
    sim.set_weight(2500, stable=True)
    assert wait_for(lambda: reader.stable_weight_g() == 2500)
    assert not kinds(events, ScaleLost)


def test_the_init_command_is_sent_to_scales_that_need_one(reading):
    sim, reader, _ = reading("mt-sics", grams=10)
    assert wait_for(lambda: b"SIR\r\n" in sim.received)


def test_a_stable_reading_older_than_the_limit_is_not_the_weight_at_stop(scale_sim):
    sim = scale_sim("st-us", grams=800)
    now = [0.0]
    reader = ScaleReader(SerialConfig(str(sim.path)), shipped("st-us"), stable_max_age_s=5.0, silent_s=1e9,
                         clock=lambda: now[0])
    reader.start()
    try:
        assert wait_for(lambda: reader.stable_weight_g() == 800)
        sim.set_weight(900, stable=False)  # the packer leans on the scale: only moving readings now
        assert wait_for(lambda: reader.latest() is not None and reader.latest().grams == 900)
        now[0] = 5.0
        assert reader.stable_weight_g() == 800  # exactly at the limit: still the weight
        now[0] = 5.01
        assert reader.stable_weight_g() is None
    finally:
        reader.stop()


def test_unplugged_then_plugged_again_is_lost_once_and_back_once(reading):
    sim, reader, events = reading("st-us", grams=1500)
    assert wait_for(lambda: reader.stable_weight_g() == 1500)
    sim.unplug()
    assert wait_for(lambda: kinds(events, ScaleLost))
    lost = kinds(events, ScaleLost)[0]
    assert lost.reason == DISCONNECTED and str(sim.path) in lost.message
    assert reader.latest() is None and reader.status().state == "lost"
    assert wait_for(lambda: "cannot be opened" in reader.status().message)  # it keeps trying
    sim.set_weight(1700)
    sim.replug()
    assert wait_for(lambda: kinds(events, ScaleBack))
    assert wait_for(lambda: reader.stable_weight_g() == 1700)
    assert len(kinds(events, ScaleLost)) == 1 and len(kinds(events, ScaleBack)) == 1
    back_at = events.index(kinds(events, ScaleBack)[0])
    assert not any(isinstance(e, ScaleLost) for e in events[back_at:])


def test_a_port_that_does_not_exist_is_lost_at_once_and_found_when_it_appears(scale_sim, tmp_path):
    events: list = []
    reader = ScaleReader(SerialConfig(str(tmp_path / "ttyScale")), shipped("st-us"), events.append)
    reader.start()
    try:
        assert wait_for(lambda: kinds(events, ScaleLost))
        assert kinds(events, ScaleLost)[0].reason == DISCONNECTED
        scale_sim("st-us", grams=42)  # the same path appears (tmp_path / "ttyScale")
        assert wait_for(lambda: kinds(events, ScaleBack)) and wait_for(lambda: reader.stable_weight_g() == 42)
    finally:
        reader.stop()


def test_gibberish_from_a_wrong_baud_rate_is_reported_as_garbled_then_recovers(reading):
    sim, reader, events = reading("st-us", grams=300)
    assert wait_for(lambda: reader.stable_weight_g() == 300)
    sim.mode = "gibberish"
    assert wait_for(lambda: kinds(events, ScaleLost))
    lost = kinds(events, ScaleLost)[0]
    assert lost.reason == GARBLED and "baud rate" in lost.message
    assert reader.latest() is None
    sim.mode = "lines"
    assert wait_for(lambda: kinds(events, ScaleBack))


def test_lines_of_another_format_are_reported_as_unmatched_with_a_sample(reading):
    sim, reader, events = reading("ohaus", pattern="st-us", grams=300)
    assert wait_for(lambda: kinds(events, ScaleLost))
    lost = kinds(events, ScaleLost)[0]
    assert lost.reason == UNMATCHED and lost.sample.strip() == "300 g"
    assert reader.stable_weight_g() is None
    status = reader.status()
    assert status.readings == 0 and status.lines > 0


def test_a_scale_that_says_nothing_is_reported_as_silent(reading):
    sim, reader, events = reading("st-us")
    sim.mode = "quiet"
    assert wait_for(lambda: kinds(events, ScaleLost))
    assert kinds(events, ScaleLost)[0].reason == SILENT


def quiet_once_open(sim, reader) -> int:
    """Stop the scale's own lines once the reader has the port open (opening flushes what came before)."""
    assert wait_for(lambda: reader.status().readings > 0)
    sim.set_mode("quiet")  # no line of its own after this returns
    return reader.status().readings


def test_partial_lines_are_joined_and_garbage_between_readings_is_counted(reading):
    sim, reader, events = reading("st-us")
    before = quiet_once_open(sim, reader)
    sim.send(b"ST,GS,+   0.")
    sim.send(b"777kg\r\nNOISE*&^%\r\n\x00\x02\r\nUS,GS,+ 0.7")
    assert wait_for(lambda: reader.stable_weight_g() == 777)
    status = reader.status()
    assert status.readings >= before + 1 and status.unmatched == 1  # (its own last lines may still come in)
    sim.send(b"80kg\r\n")
    assert wait_for(lambda: reader.latest() is not None and reader.latest().grams == 780)
    assert not reader.latest().stable and reader.stable_weight_g() == 777


def test_a_line_that_never_ends_is_dropped_as_garbled(reading):
    sim, reader, events = reading("st-us")
    quiet_once_open(sim, reader)
    sim.send(b"A" * 2000)
    sim.send(b"\r\nST,GS,+   0.123kg\r\n")
    assert wait_for(lambda: reader.stable_weight_g() == 123)
    assert reader.status().garbled >= 1


def test_a_flood_is_read_without_falling_behind(reading):
    sim, reader, events = reading("st-us", grams=5000)
    sim.mode = "flood"
    assert wait_for(lambda: reader.status().lines > 20_000, timeout=30)
    sim.set_weight(5100)
    assert wait_for(lambda: reader.stable_weight_g() == 5100)
    published = kinds(events, ScaleReading)
    assert len(published) < reader.status().lines / 50  # throttled: the window is not flooded
    assert not kinds(events, ScaleLost)


def test_readings_are_published_on_change_and_at_least_every_second(reading):
    sim, reader, events = reading("st-us", grams=100, rate_hz=20)
    assert wait_for(lambda: len(kinds(events, ScaleReading)) >= 3, timeout=10)  # unchanged: once a second
    same = kinds(events, ScaleReading)
    assert {(e.grams, e.stable) for e in same} == {(100, True)}
    for grams in itertools.islice(itertools.count(101), 5):
        sim.set_weight(grams)
        assert wait_for(lambda g=grams: any(e.grams == g for e in kinds(events, ScaleReading)))


def test_a_port_held_by_another_reader_is_refused_as_in_use(reading):
    sim, reader, events = reading("st-us", grams=1)
    assert wait_for(lambda: reader.stable_weight_g() == 1)
    second_events: list = []
    second = ScaleReader(SerialConfig(str(sim.path)), shipped("st-us"), second_events.append)
    second.start()
    try:
        assert wait_for(lambda: kinds(second_events, ScaleLost))
        assert "in use" in kinds(second_events, ScaleLost)[0].message
    finally:
        second.stop()
    assert reader.status().state == "ok"


def test_a_lost_scale_is_said_again_when_asked_and_a_working_one_is_not(reading):
    sim, reader, events = reading()
    assert wait_for(lambda: reader.stable_weight_g() is not None)
    reader.announce()
    assert not kinds(events, ScaleLost)  # nothing to say again while readings arrive
    sim.unplug()
    assert wait_for(lambda: kinds(events, ScaleLost))
    first = kinds(events, ScaleLost)[0]
    reader.announce()
    again = kinds(events, ScaleLost)[1:]  # published once more, with the latest word on it
    assert len(again) == 1 and (again[0].port, again[0].reason) == (first.port, DISCONNECTED)
