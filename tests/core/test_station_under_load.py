"""Recording on a machine that cannot keep up: nothing lost without the clip's entry saying so.

A noisy 720p30 scene from a file (sensor-like noise on every frame and a
light flicker: an encoder's hard case) is recorded while a busy loop runs on
every core. The sealed entry and the clip file must agree with each other
and with the window: duration plus gaps is the window (within one segment),
every frame of the window is in the clip or counted as dropped, and the
clip's own frame times have no hole of the size the entry would have to name.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from packseal.core.archive import Archive, ClipSealed
from packseal.core.catalog.catalog import Catalog
from packseal.core.events import EventHub
from packseal.core.ledger import Ledger, verify_data_dir
from packseal.core.logs import setup_logging
from packseal.core.media.ffmpeg import ffmpeg_exe, probe
from packseal.core.recording.events import EncoderDied, SegmentClosed
from packseal.core.recording.timed_feed import GAP_S
from packseal.core.settings import Settings
from packseal.core.station import Station
from packseal.core.storage.layout import DataLayout
from tests.core.recording.test_timed_tape import packet_times

NOISY_SCENE = ("testsrc2=size=1280x720:rate=30,noise=alls=18:allf=t+u,"
               "eq=brightness='0.06*sin(2*PI*2*t)':eval=frame")


def wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.1)


@pytest.fixture(scope="module")
def noisy_scene(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("scene") / "noisy-720p30.mp4"
    subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", NOISY_SCENE,
                    "-t", "4", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "20", "-pix_fmt", "yuv420p",
                    str(path)], check=True)
    return path


@pytest.fixture
def busy_cores():
    """A busy loop on every core, as other programs on a packing PC; killed at the end."""
    loops = [subprocess.Popen([sys.executable, "-c", "while 1: pass"]) for _ in range(os.cpu_count() or 2)]
    try:
        yield loops
    finally:
        for p in loops:
            p.kill()
            p.wait()


class Bench:
    """A station with its ledger, catalog and archive, recording into ``tmp_path``."""

    def __init__(self, tmp_path: Path, source: str, settings: Settings) -> None:
        self.layout = DataLayout.open(tmp_path / "data")
        setup_logging(self.layout.log_file)
        self.hub = EventHub()
        self.events: list = []
        self.hub.subscribe(self.events.append)
        self.ledger = Ledger.open(self.layout, "Bench 1", "test")
        self.catalog = Catalog.open(self.layout.catalog_file)
        self.archive = Archive(self.hub, self.layout, self.ledger, self.catalog)
        self.station = Station(layout=self.layout, settings=settings, hub=self.hub, source=source,
                               read_barcodes=False)

    def segments(self) -> int:
        return sum(isinstance(e, SegmentClosed) for e in self.events)

    def record_order(self, segments: int, during=None) -> None:
        """Scan, let ``segments`` more segments close (calling ``during`` meanwhile), stop, wait for the seal."""
        wait_for(lambda: self.segments() >= 1, 120, "the first tape segment")
        assert self.station.scan("SF1234567890123") == "start"
        target = self.segments() + segments
        while self.segments() < target:
            if during is not None:
                during()
            else:
                time.sleep(0.1)
        self.station.stop_order()
        wait_for(lambda: any(isinstance(e, ClipSealed) for e in self.events), 180, "the sealed clip")

    def close(self) -> None:
        self.station.stop()
        self.archive.close()
        self.ledger.close()
        self.catalog.close()

    def clip_entry(self) -> dict:
        entries = [e for e in self.ledger.entries() if e.kind == "clip"]
        assert len(entries) == 1
        return entries[0].body


def check_honest_clip(bench: Bench, body: dict, fps: float, segment_s: float) -> None:
    """The invariants of a clip entry and its file, whatever the load was."""
    stamp = datetime.fromisoformat
    window = (stamp(body["end"]) - stamp(body["start"])).total_seconds()
    gaps = [(stamp(g["from"]), stamp(g["to"])) for g in body.get("gaps", [])]
    gap_s = sum((b - a).total_seconds() for a, b in gaps)
    duration = body["duration_ms"] / 1000
    assert abs(duration + gap_s - window) <= segment_s, (duration, gap_s, window)
    # every frame slot of the window is in the clip or counted as dropped (within a second's frames)
    assert isinstance(body["frames_captured"], int) and isinstance(body["frames_dropped"], int)
    assert abs(body["frame_count"] + body["frames_dropped"] - window * fps) <= fps, body
    assert body["frames_captured"] >= body["frame_count"]
    clip = bench.layout.root / body["file"]
    times = packet_times(clip)
    assert len(times) == body["frame_count"]
    holes = [b - a for a, b in zip(times, times[1:])]
    # stretches of GAP_S or more are cut out and named; what plays, plays in real time
    assert max(holes, default=0.0) < GAP_S
    assert abs(probe(clip).duration_s - duration) < 0.1
    assert verify_data_dir(bench.layout).ok


def test_a_noisy_720p30_order_beside_a_busy_loop_on_every_core_loses_nothing_silently(
        tmp_path, noisy_scene, busy_cores):
    settings = Settings(encoder="libx264", preroll_s=1.0, postroll_s=1.0)
    bench = Bench(tmp_path, f"file:{noisy_scene}?loop", settings)
    bench.station.start()
    try:
        bench.record_order(segments=5)
    finally:
        bench.close()
    body = bench.clip_entry()
    check_honest_clip(bench, body, fps=30.0, segment_s=settings.segment_s)
    stats = bench.station.tape_stats()
    pipe = bench.station.pipeline.stats
    # the station's own totals agree with its tally of every frame
    assert bench.station.tally.dropped_total == stats.frames_dropped + pipe.frames_skipped + pipe.frames_shed


def test_a_slow_encoder_is_not_a_dead_one(tmp_path):
    """ffmpeg stopped for seconds at a time (a starved encoder) keeps its tape: no restart, no lost seconds.

    Each pause is longer than a segment and than the encoder's queue, so
    segments come late and frames are dropped; yet ffmpeg takes frames again
    after each pause, which a hung one never does.
    """
    settings = Settings(encoder="libx264", preset="ultrafast", preroll_s=0.5, postroll_s=0.5, segment_s=1.0)
    bench = Bench(tmp_path, "test:320x240@15", settings)
    bench.station.start()
    tape = bench.station.tape
    pid = tape.pid
    pauses = {"n": 0}

    def starve() -> None:  # 3 s stopped (the queue holds 2 s), 0.8 s running, again and again
        os.kill(pid, signal.SIGSTOP)
        time.sleep(3.0)
        os.kill(pid, signal.SIGCONT)
        time.sleep(0.8)
        pauses["n"] += 1

    try:
        bench.record_order(segments=10, during=starve)
    finally:
        os.kill(pid, signal.SIGCONT)
        bench.close()
    assert pauses["n"] >= 3
    assert not any(isinstance(e, EncoderDied) for e in bench.events)
    assert bench.station.tape is tape  # the same ffmpeg all along
    assert "restarting ffmpeg" not in bench.layout.log_file.read_text(encoding="utf-8")
    body = bench.clip_entry()
    assert body["status"] == "complete"
    assert body["frames_dropped"] > 0 and body.get("gaps")  # the pauses cost frames, and say so
    check_honest_clip(bench, body, fps=15.0, segment_s=settings.segment_s)
