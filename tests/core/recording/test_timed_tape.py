"""The tape keeps capture time: missing frames are held or cut and named, never silently squeezed out."""

from __future__ import annotations

import io
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest

from packseal.core.capture.frame import Frame
from packseal.core.media.ffmpeg import ffmpeg_exe, probe
from packseal.core.errors import EncoderError
from packseal.core.recording.clip import _final_report, assemble_clip
from packseal.core.recording.frame_tally import FrameTally
from packseal.core.recording.tape import EncoderSettings, Tape
from packseal.core.recording.timed_feed import GAP_S, TimedFeed
from tests.support.frames import synthetic_frames

X264 = EncoderSettings(encoder="libx264", preset="ultrafast")


def packet_times(path: Path) -> list[float]:
    """Presentation times (s) of the video packets of ``path``, read by ffmpeg without decoding."""
    out = subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-i", str(path), "-map", "0:v:0",
                          "-c", "copy", "-f", "framecrc", "-"], capture_output=True, text=True, check=True).stdout
    tb = next(line for line in out.splitlines() if line.startswith("#tb 0:")).split(":", 1)[1].strip()
    num, den = (int(x) for x in tb.split("/"))
    return sorted(int(line.split(",")[2]) * num / den for line in out.splitlines()
                  if line.strip() and not line.startswith("#"))


def thinned(frames: list[Frame], keep) -> list[Frame]:
    return [f for i, f in enumerate(frames) if keep(i)]


def record(tmp_path: Path, frames: list[Frame], tally: FrameTally | None = None) -> tuple[Tape, list]:
    segs: list = []
    tape = Tape(tmp_path, width=320, height=240, fps=30, settings=X264, on_segment=segs.append,
                queue_seconds=len(frames) / 30 + 1, tally=tally)
    tape.start()
    for frame in frames:
        assert tape.write(frame)
    tape.stop()
    return tape, segs


def clip_of(tmp_path: Path, segs: list):
    clips = tmp_path / "clips"
    clips.mkdir(exist_ok=True)
    return assemble_clip(order_id="SF1234567890123", station="bench", segments=segs, scan_utc=segs[0].start_utc,
                         stop_utc=segs[-1].end_utc, status="complete", clips_root=clips)


def test_missing_frames_keep_real_time_and_a_long_stretch_is_cut_and_named(tmp_path):
    # 6 s of a 30 fps camera: every other frame missing from 1 s to 3 s (a busy machine),
    # and nothing at all from 4.0 s to 5.2 s (a stall)
    every = list(synthetic_frames(180))
    frames = thinned(every, lambda i: not (30 <= i < 90 and i % 2) and not (120 <= i < 156))
    tape, segs = record(tmp_path, frames)
    assert sum(s.frames for s in segs) == len(frames) == tape.stats.frames_written
    # segments follow capture time: the one with half its frames still spans two seconds
    assert abs((segs[1].end_mono - segs[0].start_mono) - 4.0) < 0.1
    clip = clip_of(tmp_path, segs)
    stall = [(a, b) for a, b in clip.gaps if (b - a).total_seconds() > 1]
    assert len(stall) == 1
    assert abs((stall[0][0] - every[120].utc).total_seconds()) < 0.002
    assert abs((stall[0][1] - every[156].utc).total_seconds()) < 0.002
    # a missing frame just at the cut of 2 s (frame 60) is a short gap of its own; no other
    assert [round((b - a).total_seconds() * 30) for a, b in clip.gaps if (a, b) not in stall] == [1]
    window = (clip.end_utc - clip.start_utc).total_seconds()
    gaps = sum((b - a).total_seconds() for a, b in clip.gaps)
    assert abs(clip.duration_s + gaps - window) < 0.02
    times = packet_times(clip.path)
    assert len(times) == len(frames)
    holes = [b - a for a, b in zip(times, times[1:])]
    assert max(holes) < GAP_S  # the cut stretch is not in the timeline; the thinned one plays in real time
    assert sum(1 for h in holes if h > 1.5 / 30) == 29  # the other missing frames of 1–3 s, held
    assert abs(probe(clip.path).duration_s - clip.duration_s) < 0.05


def test_a_gap_across_a_segment_boundary_is_named_once(tmp_path):
    every = list(synthetic_frames(150))
    frames = thinned(every, lambda i: not 50 <= i < 80)  # 1.67 s to 2.67 s: over the first cut at 2 s
    _, segs = record(tmp_path, frames)
    clip = clip_of(tmp_path, segs)
    assert len(clip.gaps) == 1
    a, b = clip.gaps[0]
    assert abs((b - a) - (every[80].utc - every[50].utc)) < timedelta(milliseconds=2)


def test_missing_frames_just_before_a_cut_are_named_not_counted_twice(tmp_path):
    every = list(synthetic_frames(150))
    frames = thinned(every, lambda i: not 52 <= i < 60)  # frame 60 opens the second segment at 2 s
    _, segs = record(tmp_path, frames)
    clip = clip_of(tmp_path, segs)
    assert [round((b - a).total_seconds() * 30) for a, b in clip.gaps] == [8]
    window = (clip.end_utc - clip.start_utc).total_seconds()
    gaps = sum((b - a).total_seconds() for a, b in clip.gaps)
    assert abs(clip.duration_s + gaps - window) < 0.02


def test_frames_a_full_queue_drops_are_tallied_by_capture_time(tmp_path):
    tally = FrameTally()
    segs: list = []
    tape = Tape(tmp_path, width=320, height=240, fps=30, settings=X264, on_segment=segs.append,
                queue_seconds=0.01, tally=tally)
    tape.start()
    frames = list(synthetic_frames(200))
    accepted = sum(tape.write(f) for f in frames)  # far faster than real time: most are dropped
    tape.stop()
    assert tape.stats.frames_overflowed == 200 - accepted > 0
    captured, dropped = tally.counts(frames[0].mono, frames[-1].mono + 1)
    assert dropped == 200 - accepted == tally.dropped_total
    assert sum(s.frames for s in segs) == accepted


def segment_starts(cuts: dict[int, float], n: int = 150, segment_s: float = 2.0) -> list[int]:
    """Which of ``n`` frames at 30 fps the feed marks as beginning a segment (odd millisecond stamps);
    ``cuts``: before frame i, ask for a cut at capture time t."""
    feed = TimedFeed(io.BytesIO(), width=32, height=16, fps=30, segment_s=segment_s)
    yuv = np.zeros((24, 32), np.uint8)
    t0 = datetime.now(timezone.utc)
    starts = []
    for i in range(n):
        if i in cuts:
            feed.cut_at(100.0 + cuts[i])
        stamp = feed.write(yuv, t0 + timedelta(seconds=i / 30), 100.0 + i / 30)
        if stamp.pts % 2:
            starts.append(i)
    return starts


def test_the_feed_marks_a_segment_every_segment_s_and_where_a_cut_is_asked():
    assert segment_starts({}) == [60, 120]  # frame 0 begins the tape: ffmpeg's first frame is a keyframe
    # frame 30 is the first to reach 1.01 s (its period included): it ends a segment, the next begins one
    assert segment_starts({5: 1.01}) == [31, 91]


def test_no_segment_is_shorter_than_twelve_frames():
    # a cut due 0.05 s after a regular start: that start waits for the cut rather than make 2 frames
    assert segment_starts({50: 2.05}) == [62, 122]
    # a cut asked for a time long past, 2 frames into a segment, waits until the segment holds 12
    assert segment_starts({62: 1.0}) == [60, 72, 132]


def test_the_joins_own_report_is_what_ffmpeg_reads_back_from_the_clip(tmp_path):
    segs: list = []
    tape = Tape(tmp_path, width=320, height=240, fps=30, settings=X264, on_segment=segs.append, queue_seconds=6)
    tape.start()
    frames = list(synthetic_frames(140))
    for i, frame in enumerate(frames):
        if i == 10:
            tape.cut_after(frames[0].mono + 2.7)  # a segment ends early, as at an order's post-roll
        tape.write(frame)
    tape.stop()
    clip = clip_of(tmp_path, segs)
    info = probe(clip.path)
    assert clip.frames == info.frames == 140
    assert abs(clip.duration_s - info.duration_s) <= 0.01  # ffmpeg's listing rounds to 10 ms
    assert abs(clip.duration_s - 140 / 30) < 0.005


def test_a_join_without_ffmpegs_final_report_is_an_error():
    with pytest.raises(EncoderError, match="did not report the end"):
        _final_report("frame=12\nout_time_us=400000\nprogress=continue\n")
    with pytest.raises(EncoderError, match="lacks"):
        _final_report("frame=12\nprogress=end\n")
    assert _final_report("frame=1\nprogress=continue\nframe=12\nout_time_us=400000\nprogress=end\n").frames == 12
