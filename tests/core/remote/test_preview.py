"""The live picture through shared memory: whole frames only, and the newest one."""

from __future__ import annotations

import threading
import time
from datetime import datetime, timezone

import numpy as np

from packseal.core.capture.frame import Frame
from packseal.core.remote.preview import PreviewReader, PreviewWriter


def frame(value: int, index: int, w: int = 64, h: int = 48) -> Frame:
    return Frame(np.full((h, w, 3), value % 256, np.uint8), index, datetime.now(timezone.utc), float(index))


def test_the_reader_gets_the_newest_frame_with_its_times_and_none_before_the_first():
    writer = PreviewWriter(64, 48)
    reader = PreviewReader(writer.name)
    try:
        assert reader.latest() is None
        sent = frame(7, 3)
        writer.write(sent)
        got = reader.latest()
        assert got is not None and got.index == 3 and got.mono == 3.0
        assert np.array_equal(got.image, sent.image)
        assert abs((got.utc - sent.utc).total_seconds()) < 1e-5
        assert reader.latest() is got  # nothing new: the same object, so the preview does not repaint
        writer.write(frame(9, 4))
        assert reader.latest().index == 4
    finally:
        reader.close()
        writer.close()


def test_a_frame_of_another_size_is_not_written_into_the_block():
    writer = PreviewWriter(64, 48)
    reader = PreviewReader(writer.name)
    try:
        writer.write(frame(1, 1, w=32, h=24))
        assert reader.latest() is None
    finally:
        reader.close()
        writer.close()


def test_a_reader_never_sees_a_half_written_frame_while_the_writer_races():
    """Each frame is one uniform value; a torn copy would mix two values."""
    writer = PreviewWriter(640, 360)
    reader = PreviewReader(writer.name)
    stop = threading.Event()

    def write() -> None:  # far faster than any camera (30 frames a second)
        i = 0
        while not stop.is_set():
            writer.write(frame(i, i, 640, 360))
            i += 1
            time.sleep(0.001)

    thread = threading.Thread(target=write)
    thread.start()
    seen = 0
    try:
        deadline = time.monotonic() + 1.5
        while time.monotonic() < deadline:
            got = reader.latest()
            if got is None:
                continue
            values = np.unique(got.image)
            assert len(values) == 1 and values[0] == got.index % 256
            seen += 1
    finally:
        stop.set()
        thread.join()
        reader.close()
        writer.close()
    assert seen > 0


def test_closing_the_writer_removes_the_block_and_a_reader_does_not():
    writer = PreviewWriter(16, 16)
    name = writer.name
    reader = PreviewReader(name)
    reader.close()
    again = PreviewReader(name)  # still there after a reader closed
    again.close()
    writer.close()
    import pytest

    with pytest.raises(FileNotFoundError):
        PreviewReader(name)
