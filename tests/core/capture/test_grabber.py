"""A camera read through OpenCV keeps its last few frames for a reader that comes late, and counts the rest."""

from __future__ import annotations

import time

import numpy as np

from packseal.core.capture.opencv_sources import OpenCvSource
from packseal.core.capture.pacing import QUEUE_FRAMES

FPS = 50


class _Device:
    """Stands in for the camera driver (none on a test machine): a frame every 1/FPS s, numbered in its pixels."""

    def __init__(self) -> None:
        self.sent = 0

    def read(self):
        time.sleep(1 / FPS)
        self.sent += 1
        return True, np.full((4, 4, 3), self.sent % 256, np.uint8)

    def get(self, _prop) -> float:
        return float(FPS)

    def release(self) -> None:
        pass


class _Source(OpenCvSource):
    def __init__(self) -> None:
        super().__init__(width=4, height=4, fps=FPS, read_timeout_s=2, first_frame_timeout_s=2)

    def _create_capture(self):
        return _Device()

    def _failure_hint(self) -> str:
        return ""

    @property
    def description(self) -> str:
        return "a paced test device"

    def provenance(self) -> dict:
        return {"kind": "test"}


def _number(frame) -> int:
    return int(frame.image[0, 0, 0])


def test_a_late_reader_gets_the_frames_kept_with_their_own_times_and_the_older_ones_are_counted():
    src = _Source()
    src.open()
    try:
        first = src.read()
        time.sleep((QUEUE_FRAMES - 1.5) / FPS)  # held up for less than the frames kept
        kept = [src.read() for _ in range(QUEUE_FRAMES - 1)]
        assert [f.skipped for f in kept] == [0] * (QUEUE_FRAMES - 1)
        numbers = [_number(first)] + [_number(f) for f in kept]
        assert numbers == list(range(numbers[0], numbers[0] + QUEUE_FRAMES))
        assert all(a.mono < b.mono for a, b in zip([first, *kept], kept))  # their own capture times

        time.sleep((QUEUE_FRAMES + 8) / FPS)  # held up for far longer: the oldest frames were not kept
        late, after = src.read(), src.read()
        lost = _number(late) - _number(kept[-1]) - 1
        assert lost >= 4 and late.skipped == lost
        assert after.skipped == 0 and _number(after) == _number(late) + 1
    finally:
        src.close()
