"""The background indexer: closing stops the clip in hand, so a process never ends while it indexes."""

from __future__ import annotations

import threading
import time

import pytest

from packseal.core.compare import frame_index
from packseal.core.compare.frame_index import IndexingStopped, build_index, ensure_index, index_path_for
from packseal.core.compare.index_queue import IndexQueue
from tests.support.scene import CLIP_START

HANG_GUARD_S = 60.0  # only ever reached when something is broken


@pytest.fixture
def slow_features(monkeypatch):
    """Each indexed frame takes 0.3 s longer, as on a busy machine; the event is set at the first."""
    started = threading.Event()
    detect = frame_index.detect

    def slow(*args, **kwargs):
        started.set()
        time.sleep(0.3)
        return detect(*args, **kwargs)

    monkeypatch.setattr(frame_index, "detect", slow)
    return started


def test_closing_stops_the_clip_in_hand_saves_no_part_of_it_and_it_is_indexed_on_first_use(
        clip_copy, slow_features, caplog):
    queue = IndexQueue()
    queue.submit(clip_copy, start_utc=CLIP_START, sha256=frame_index.sha256_of_file(clip_copy))
    assert slow_features.wait(HANG_GUARD_S)
    caplog.set_level("INFO", logger="packseal.core.compare.index_queue")
    queue.close()  # 24 frames of 0.3 s would take 7 s; the worker stops at the next one
    assert not queue._thread.is_alive()
    assert queue.indexed == 0 and not index_path_for(clip_copy).exists()
    assert "stopped for closing" in caplog.text
    index = ensure_index(clip_copy, start_utc=CLIP_START)
    assert len(index) > 0 and index_path_for(clip_copy).exists()


def test_building_an_index_stops_when_asked(clip_copy):
    asked = []

    def stopping() -> bool:
        asked.append(True)
        return len(asked) > 3

    with pytest.raises(IndexingStopped):
        build_index(clip_copy, start_utc=CLIP_START, stopping=stopping)
    assert len(asked) == 4
