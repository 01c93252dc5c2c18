"""The built-in test camera: frames, pacing, and a label that really scans."""

from __future__ import annotations

import time
from datetime import datetime, timezone

import cv2
import numpy as np
import pytest
import zxingcpp

from packseal.core.capture.pacing import QUEUE_FRAMES, FramePacer
from packseal.core.capture.sources import TestPatternSource
from packseal.core.errors import BadInputError, CameraError

CODE128 = zxingcpp.BarcodeFormat.Code128


def shrink_to_width(image: np.ndarray, width: int = 640) -> np.ndarray:
    h, w = image.shape[:2]
    return cv2.resize(image, (width, round(h * width / w)), interpolation=cv2.INTER_AREA)


def decode(image: np.ndarray, fmt: zxingcpp.BarcodeFormat) -> list[str]:
    return [b.text for b in zxingcpp.read_barcodes(image, formats=[fmt])]


def test_frames_are_stamped_and_counted():
    before = datetime.now(timezone.utc)
    with TestPatternSource(320, 240, 60) as src:
        frames = [src.read() for _ in range(5)]
    after = datetime.now(timezone.utc)
    assert [f.index for f in frames] == [0, 1, 2, 3, 4]
    for f in frames:
        assert f.image.shape == (240, 320, 3) and f.image.dtype == np.uint8
        assert f.utc.tzinfo is not None and f.utc.utcoffset().total_seconds() == 0
        assert before <= f.utc <= after
    monos = [f.mono for f in frames]
    assert monos == sorted(monos) and len(set(monos)) == 5
    # Each read returns its own picture: the overlay draws into it in place.
    assert not np.shares_memory(frames[0].image, frames[1].image)


def test_description_and_kind():
    src = TestPatternSource(1280, 720, 30)
    assert src.description == "Test camera 1280×720 @ 30 fps"
    assert src.is_test


def test_read_before_open_is_an_error():
    with pytest.raises(CameraError):
        TestPatternSource(320, 240).read()


def test_never_faster_than_real_time():
    fps = 40
    with TestPatternSource(320, 240, fps) as src:
        frames = [src.read() for _ in range(7)]
    # Frame k is due k periods after frame 0 and sleeping never ends early; an
    # unpaced source would deliver all seven within a few milliseconds.
    assert frames[-1].mono - frames[0].mono >= 5.5 / fps


def test_a_reader_late_by_less_than_the_cameras_queue_loses_no_frame():
    fps = 20
    with TestPatternSource(320, 240, fps) as src:
        first = src.read()
        time.sleep((QUEUE_FRAMES - 1.5) / fps)  # busy for a little less than the frames a camera keeps
        late = [src.read() for _ in range(QUEUE_FRAMES)]
    assert [f.skipped for f in late] == [0] * QUEUE_FRAMES
    # Each frame keeps its own slot's capture time, one period apart, although they came at once.
    times = [first.mono] + [f.mono for f in late]
    assert all(abs((b - a) - 1 / fps) < 1e-6 for a, b in zip(times, times[1:]))


def test_a_reader_late_by_more_than_the_queue_skips_the_oldest_frames_and_counts_them():
    fps = 20
    with TestPatternSource(320, 240, fps) as src:
        first = src.read()
        time.sleep((QUEUE_FRAMES + 6.5) / fps)  # busy for ten frame periods and a half
        a, b = src.read(), src.read()
    # Slots 1…10 have passed; the camera still held the last QUEUE_FRAMES of them.
    assert a.skipped >= 6 and b.skipped == 0
    assert (a.index, b.index) == (1, 2)  # indexes count delivered frames
    assert a.mono - first.mono == pytest.approx((1 + a.skipped) / fps, abs=1e-6)
    assert b.mono - a.mono == pytest.approx(1 / fps, abs=1e-6)


def test_pacer_reports_the_slots_it_skipped():
    pacer = FramePacer(50, queue=1)
    assert pacer.wait() == 0  # the first slot is due at once
    time.sleep(5.5 / 50)
    assert pacer.wait() >= 4  # slots 1…4 at least have passed unseen


def test_pacer_keeps_a_slow_reader_on_the_schedule_without_a_debt():
    pacer = FramePacer(50, queue=3)
    pacer.wait()
    start = pacer.due
    time.sleep(20.5 / 50)
    skipped = pacer.wait()
    assert skipped >= 17 and pacer.due == pytest.approx(start + (1 + skipped) / 50)
    # The next slots follow at once while they are past, then the reader is held to real time again.
    for _ in range(3):
        pacer.wait()
    assert pacer.due >= start + 20 / 50


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)])
def test_label_scans_when_the_frame_is_shrunk_to_640_wide(size):
    src = TestPatternSource(*size, label_codes=["SF1234567890123"])
    # Across the drift and tilt of the parcel, not just one lucky pose.
    for t in np.linspace(0.0, 8.0, 9):
        small = shrink_to_width(src.scene.render(float(t)))
        assert decode(small, CODE128) == ["SF1234567890123"], f"t={t}"


def test_several_codes_take_turns():
    codes = ["SF1111111111111", "YT2222222222222", "JD3333333333333"]
    src = TestPatternSource(1280, 720, label_codes=codes, label_period_s=2.0)
    scene = src.scene
    for period in range(4):
        t = period * 2.0 + 1.0  # mid-period: the parcel rests on the bench
        assert scene.label_in_view(t)
        assert decode(shrink_to_width(scene.render(t)), CODE128) == [codes[period % 3]]
    # Between two parcels the bench is empty for a moment.
    assert not scene.label_in_view(2.0)
    assert decode(scene.render(2.0), CODE128) == []


def test_one_code_stays_in_view():
    scene = TestPatternSource(640, 360, label_codes=["X1"], label_period_s=1.0).scene
    assert all(scene.label_in_view(t) for t in np.linspace(0, 5, 21))


def test_the_scene_moves():
    scene = TestPatternSource(640, 360).scene
    a, b = scene.render(1.0), scene.render(1.5)
    changed = np.any(a != b, axis=2)
    assert changed.mean() > 0.01  # hands and parcel moved
    # and the same moment renders the same picture (no hidden state in the pixels)
    assert np.array_equal(scene.render(1.0), a)


@pytest.mark.parametrize("codes", [[], [""], ["快递123"], ["A" * 33], ["line\nbreak"]])
def test_unprintable_label_codes_are_rejected(codes):
    with pytest.raises(BadInputError):
        TestPatternSource(640, 360, label_codes=codes)


@pytest.mark.parametrize("kwargs", [dict(width=100, height=100), dict(fps=0), dict(label_period_s=0)])
def test_bad_settings_are_rejected(kwargs):
    with pytest.raises(BadInputError):
        TestPatternSource(**kwargs)
