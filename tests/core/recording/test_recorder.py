"""The recorder state machine over a real tape, fed in real time."""

import threading
import time
from datetime import datetime, timedelta, timezone

import numpy as np
import pytest

from packseal.core.capture.frame import Frame
from packseal.core.events import EventHub
from packseal.core.recording.events import (
    ClipAssembled, OrderStarted, OrderStopped, RecorderState, ScanRefused, StateChanged,
)
from packseal.core.media.ffmpeg import probe
from packseal.core.recording.recorder import Recorder
from packseal.core.recording.tape import EncoderSettings, Tape

FPS = 20


class Bench:
    """A tape fed with frames at real-time pace, and a recorder watching it."""

    def __init__(self, tmp_path, preroll=1.0, postroll=1.0, segment_s=1.0):
        (tmp_path / "clips").mkdir()
        (tmp_path / "tape").mkdir()
        self.hub = EventHub()
        self.events: list = []
        self.hub.subscribe(self.events.append)
        self.recorder = Recorder(self.hub, clips_root=tmp_path / "clips", station="Bench 1",
                                 preroll_s=preroll, postroll_s=postroll)
        self.tape = Tape(tmp_path / "tape", width=160, height=120, fps=FPS,
                         settings=EncoderSettings("libx264", 30, "ultrafast", segment_s=segment_s),
                         on_segment=self.recorder.on_segment)
        self.asked: list[float] = []  # where the recorder asked the tape to end a segment

        def end_segments_at(mono):
            self.asked.append(mono)
            self.tape.cut_after(mono)

        self.recorder.end_segments_at = end_segments_at
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._feed, daemon=True)

    def _feed(self):
        i = 0
        t0 = time.monotonic()
        while not self._stop.is_set():
            img = np.full((120, 160, 3), (i * 3) % 255, np.uint8)
            self.tape.write(Frame(img, i, datetime.now(timezone.utc), time.monotonic()))
            i += 1
            time.sleep(max(0.0, t0 + i / FPS - time.monotonic()))

    def __enter__(self):
        self.tape.start()
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.tape.stop()
        self.recorder.flush(tape_ended_cleanly=True)
        self.recorder.wait_idle(30)
        self.recorder.close()

    def of(self, kind):
        return [e for e in self.events if isinstance(e, kind)]

    def wait_clips(self, n, timeout=20):
        deadline = time.monotonic() + timeout
        while len(self.of(ClipAssembled)) < n and time.monotonic() < deadline:
            time.sleep(0.05)
        return [e.clip for e in self.of(ClipAssembled)]


def test_scan_switch_and_repeat_make_two_clips_covering_their_rolls(tmp_path):
    with Bench(tmp_path) as b:
        time.sleep(2.2)
        assert b.recorder.scan("SF1234567890123") == "start"
        assert b.recorder.state is RecorderState.RECORDING
        assert b.recorder.current_order == "SF1234567890123"
        time.sleep(2.0)
        assert b.recorder.scan("JD0012345678901") == "switch"
        assert b.recorder.current_order == "JD0012345678901"
        time.sleep(1.5)
        assert b.recorder.scan("JD0012345678901\r\n") == "stop"
        assert b.recorder.current_order is None
        clips = b.wait_clips(2)
    assert [c.order_id for c in clips] == ["SF1234567890123", "JD0012345678901"]
    started = {e.order_id: e.scan_utc for e in b.of(OrderStarted)}
    stopped = {e.order_id: e for e in b.of(OrderStopped)}
    assert stopped["SF1234567890123"].reason == "scan" and stopped["JD0012345678901"].reason == "repeat"
    for clip in clips:
        scan, stop = started[clip.order_id], stopped[clip.order_id].stop_utc
        assert clip.status == "complete"
        # the clip holds the pre-roll before the scan and the post-roll after the stop ...
        assert clip.start_utc <= scan - timedelta(seconds=1.0)
        assert clip.end_utc >= stop + timedelta(seconds=1.0)
        # ... and no more than one extra segment on either side
        window = (stop - scan).total_seconds() + 2.0
        info = probe(clip.path)
        assert info.codec == "h264" and "mp4" in info.container
        assert window - 0.2 <= info.duration_s <= window + 2 * 1.0 + 0.2
        assert clip.frames == info.frames == sum(s.frames for s in clip.segments)
        assert clip.path.parent.parent == tmp_path / "clips"
        assert clip.path.name.startswith(clip.order_id + "_")
    states = [e.state for e in b.of(StateChanged)]
    assert states[0] is RecorderState.RECORDING and states[-1] is RecorderState.IDLE
    assert RecorderState.FINISHING in states


@pytest.mark.parametrize("code", ["../../etc/passwd", "", "SF12\x00", "x" * 5000])
def test_an_invalid_code_is_refused_and_nothing_starts(tmp_path, code):
    hub = EventHub()
    seen: list = []
    hub.subscribe(seen.append)
    rec = Recorder(hub, clips_root=tmp_path / "clips", station="s")
    try:
        assert rec.scan(code) is None
        assert rec.state is RecorderState.IDLE and rec.current_order is None
        assert [type(e) for e in seen] == [ScanRefused]
        assert seen[0].message
    finally:
        rec.close()
    assert not (tmp_path / "clips").exists()


def test_a_guard_refuses_new_orders_but_lets_the_current_one_stop(tmp_path):
    hub = EventHub()
    seen: list = []
    hub.subscribe(seen.append)
    blocked = {"why": None}
    rec = Recorder(hub, clips_root=tmp_path / "clips", station="s", guard=lambda: blocked["why"])
    try:
        assert rec.scan("SF1234567890123") == "start"
        blocked["why"] = "The disk is full."
        assert rec.scan("JD0012345678901") is None
        assert seen[-1].message == "The disk is full."
        assert rec.current_order == "SF1234567890123"
        assert rec.scan("SF1234567890123") == "stop"
    finally:
        rec.close()


def test_cancel_drops_the_order_without_a_clip(tmp_path):
    with Bench(tmp_path) as b:
        time.sleep(1.2)
        b.recorder.scan("SF1234567890123")
        time.sleep(0.5)
        assert b.recorder.cancel() == "SF1234567890123"
        assert b.recorder.state is RecorderState.IDLE
        time.sleep(2.5)
    assert b.of(ClipAssembled) == []


def test_a_stopped_orders_clip_ends_where_its_post_roll_ends_not_when_a_segment_is_full(tmp_path):
    # segments of 30 s: the clip can only be there before the tape stops if its segment was cut early
    with Bench(tmp_path, preroll=0.5, postroll=1.0, segment_s=30.0) as b:
        time.sleep(1.0)
        assert b.recorder.scan("SF1234567890123") == "start"
        time.sleep(1.0)
        before = time.monotonic()
        assert b.recorder.scan("SF1234567890123") == "stop"
        after = time.monotonic()
        clips = b.wait_clips(1, timeout=25)
        tape_running = b.tape.alive
    assert tape_running and len(clips) == 1
    assert len(b.asked) == 1 and before + 1.0 <= b.asked[0] <= after + 1.0
    clip = clips[0]
    last = clip.segments[-1]
    # the segment ends with the first frame that reaches the post-roll's end (its frame period included)
    assert last.end_mono >= b.asked[0] and last.last_frame_mono < b.asked[0] + 1.0
    assert clip.status == "complete"
    assert clip.frames == probe(clip.path).frames == sum(s.frames for s in clip.segments)
