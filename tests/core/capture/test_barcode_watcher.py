"""The background scanner: one report per appearance, newest frame only, never dies."""

from __future__ import annotations

import logging
import threading
import time
from datetime import datetime, timezone

import cv2
import numpy as np
import pytest
import zxingcpp

from packseal.core.capture.barcode import BarcodeWatcher
from packseal.core.capture.frame import Frame
from packseal.core.capture.sources import TestPatternSource
from packseal.core.errors import BadInputError

HANG_GUARD_S = 20.0  # only ever reached when something is broken


class Reports:
    """Collects ``on_code`` calls from the watcher thread."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []
        self.lock = threading.Lock()

    def __call__(self, text: str, fmt: str) -> None:
        with self.lock:
            self.calls.append((text, fmt))

    @property
    def texts(self) -> list[str]:
        with self.lock:
            return [t for t, _ in self.calls]


def frame_at(scene, t: float, index: int) -> Frame:
    """The test camera's picture at scene time ``t``, captured (on the frame clock) at ``t``."""
    return Frame(image=scene.render(t), index=index, utc=datetime.now(timezone.utc), mono=1000.0 + t)


def feed(watcher: BarcodeWatcher, frame: Frame) -> None:
    """Offer a frame and wait until the watcher has decoded it."""
    before = watcher.decoded_frames
    watcher.offer(frame)
    deadline = time.monotonic() + HANG_GUARD_S
    while watcher.decoded_frames == before:
        assert time.monotonic() < deadline, "the watcher stopped decoding"
        time.sleep(0.002)


@pytest.fixture
def watcher_factory():
    made: list[BarcodeWatcher] = []

    def make(on_code, **kwargs) -> BarcodeWatcher:
        watcher = BarcodeWatcher(on_code, rate_hz=kwargs.pop("rate_hz", 200.0), **kwargs)
        watcher.start()
        made.append(watcher)
        return watcher

    yield make
    for watcher in made:
        watcher.stop()


def test_a_label_in_view_is_reported_once(watcher_factory):
    reports = Reports()
    watcher = watcher_factory(reports, rearm_s=0.5)
    scene = TestPatternSource(1280, 720, label_codes=["SF1234567890123"]).scene
    for i in range(30):  # three seconds of frame time, label always in view
        feed(watcher, frame_at(scene, i * 0.1, i))
    assert reports.calls == [("SF1234567890123", "Code128")]


def turned_label(text: str) -> np.ndarray:
    """A bar code standing on end: only a thorough read finds it."""
    bars = np.asarray(zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.Code128).to_image(scale=2))
    standing = cv2.rotate(np.repeat(bars[:1], 90, axis=0), cv2.ROTATE_90_CLOCKWISE)
    image = np.full((720, 1280, 3), 200, np.uint8)
    image[100:100 + standing.shape[0], 600:600 + standing.shape[1]] = standing[..., None]
    return image


def test_reads_alternate_thorough_and_quick_and_a_turned_label_stays_in_view(watcher_factory):
    reports = Reports()
    watcher = watcher_factory(reports, rearm_s=0.25)
    blank = np.full((720, 1280, 3), 200, np.uint8)
    label = turned_label("SF1234567890123")
    at = lambda image, i: Frame(image=image.copy(), index=i, utc=datetime.now(timezone.utc), mono=1000.0 + i * 0.1)
    feed(watcher, at(blank, 0))  # read 1: thorough
    feed(watcher, at(label, 1))  # read 2: quick, does not see it
    assert reports.texts == []
    feed(watcher, at(label, 2))  # read 3: thorough
    assert reports.texts == ["SF1234567890123"]
    for i in range(3, 30):  # the quick reads in between miss it for 0.1 s at a time: not re-armed
        feed(watcher, at(label, i))
    assert reports.texts == ["SF1234567890123"]


def test_a_label_in_view_at_start_up_counts_only_after_it_left_the_view(watcher_factory):
    reports = Reports()
    watcher = watcher_factory(reports, rearm_s=1.0)
    watcher.quiet_until = 1000.0 + 0.5  # the first half second of frame time is start-up
    codes = ["SF1111111111111", "YT2222222222222"]
    scene = TestPatternSource(1280, 720, label_codes=codes, label_period_s=2.0).scene
    for i in range(55):
        feed(watcher, frame_at(scene, i * 0.1, i))
    # SF lay there at start-up: not a scan. Then YT came, and SF again after leaving the view.
    assert reports.texts == ["YT2222222222222", "SF1111111111111"]


def test_reported_again_only_after_being_out_of_view_for_rearm_s(watcher_factory):
    reports = Reports()
    watcher = watcher_factory(reports, rearm_s=1.0)
    codes = ["SF1111111111111", "YT2222222222222"]
    # The test camera swaps parcels every 2 s: SF, YT, SF, YT… with the bench
    # empty between two parcels. Each parcel is out of view for over 2 s.
    scene = TestPatternSource(1280, 720, label_codes=codes, label_period_s=2.0).scene
    for i in range(55):
        feed(watcher, frame_at(scene, i * 0.1, i))
    assert reports.texts == ["SF1111111111111", "YT2222222222222", "SF1111111111111"]


def test_short_absence_does_not_rearm(watcher_factory):
    reports = Reports()
    watcher = watcher_factory(reports, rearm_s=3.0)
    scene = TestPatternSource(1280, 720, label_codes=["A-1", "B-2"], label_period_s=2.0).scene
    # A-1 leaves at ~1.7 s and is back at ~4.3 s: absent for less than 3 s.
    for i in range(50):
        feed(watcher, frame_at(scene, i * 0.1, i))
    assert reports.texts == ["A-1", "B-2"]


def test_offer_never_blocks_and_keeps_only_the_newest_frame(watcher_factory):
    release = threading.Event()
    seen: list[str] = []

    def slow_handler(text: str, fmt: str) -> None:
        seen.append(text)
        release.wait(HANG_GUARD_S)  # the watcher thread is stuck here

    watcher = watcher_factory(slow_handler, rearm_s=0.0)
    scene = TestPatternSource(640, 360, label_codes=["Q-1"]).scene
    blank = np.zeros((360, 640, 3), np.uint8)
    watcher.offer(frame_at(scene, 1.0, 0))
    deadline = time.monotonic() + HANG_GUARD_S
    while not seen:
        assert time.monotonic() < deadline
        time.sleep(0.002)
    # While the thread is busy, offers return at once and replace each other.
    for i in range(1, 101):
        watcher.offer(Frame(blank, i, datetime.now(timezone.utc), 2000.0 + i))
    last = frame_at(scene, 1.0, 101)
    last.mono = 9999.0
    watcher.offer(last)
    release.set()
    deadline = time.monotonic() + HANG_GUARD_S
    while watcher.decoded_frames < 2:
        assert time.monotonic() < deadline
        time.sleep(0.002)
    time.sleep(0.05)
    # The first frame, then only the newest: 100 blank frames never got decoded
    # (one of them would have put Q-1 out of view and re-armed it).
    assert watcher.decoded_frames == 2
    assert seen == ["Q-1"]


def test_a_failing_decode_or_handler_does_not_stop_the_watcher(watcher_factory, caplog):
    calls: list[str] = []

    def handler(text: str, fmt: str) -> None:
        calls.append(text)
        if len(calls) == 1:
            raise RuntimeError("handler bug")

    watcher = watcher_factory(handler, rearm_s=0.0)
    scene = TestPatternSource(640, 360, label_codes=["OK-7"]).scene
    with caplog.at_level(logging.ERROR, logger="packseal.core.capture.barcode"):
        feed(watcher, Frame(np.zeros((8, 8), np.float64), 0, datetime.now(timezone.utc), 1.0))
        feed(watcher, frame_at(scene, 1.0, 1))  # handler raises
        feed(watcher, Frame(np.zeros((360, 640, 3), np.uint8), 2, datetime.now(timezone.utc), 1002.0))
        feed(watcher, frame_at(scene, 3.0, 3))  # rearm_s=0: reported again
    assert watcher.running
    assert calls == ["OK-7", "OK-7"]
    messages = [r.getMessage() for r in caplog.records]
    assert any("Reading barcodes from frame 0 failed" in m for m in messages)
    assert any("Handling scanned code 'OK-7' failed" in m for m in messages)


def test_scan_area_and_restart(watcher_factory):
    reports = Reports()
    # A guide rectangle over the left edge of the frame, away from the label.
    watcher = watcher_factory(reports, rearm_s=0.0, roi=(0.0, 0.0, 0.15, 1.0))
    scene = TestPatternSource(1280, 720, label_codes=["R-9"]).scene
    feed(watcher, frame_at(scene, 1.0, 0))
    assert reports.texts == []
    watcher.roi = None
    feed(watcher, frame_at(scene, 1.1, 1))
    assert reports.texts == ["R-9"]
    watcher.stop()
    assert not watcher.running
    watcher.start()
    feed(watcher, frame_at(scene, 1.2, 2))
    assert watcher.running


@pytest.mark.parametrize("kwargs", [dict(rate_hz=0), dict(rearm_s=-1), dict(roi=(0.5, 0.5, 0.9, 0.1))])
def test_bad_settings(kwargs):
    with pytest.raises(BadInputError):
        BarcodeWatcher(lambda text, fmt: None, **kwargs)
