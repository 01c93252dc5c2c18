import os
import signal
import time
from pathlib import Path

from packseal.core.media.ffmpeg import probe
from packseal.core.recording.tape import EncoderSettings, Tape, sha256_file
from tests.support.frames import frame_types, synthetic_frames

X264 = EncoderSettings(encoder="libx264", preset="ultrafast")


def _record(tmp_path: Path, n: int, **kw) -> tuple[Tape, list]:
    segs: list = []
    errors: list = []
    tape = Tape(tmp_path, width=320, height=240, fps=30, settings=X264,
                on_segment=segs.append, on_error=errors.append, queue_seconds=n / 30 + 1, **kw)
    tape.start()
    for frame in synthetic_frames(n):
        assert tape.write(frame)
    tape.stop()
    assert errors == []
    return tape, segs


def test_segments_are_two_seconds_each_and_start_on_a_keyframe(tmp_path):
    tape, segs = _record(tmp_path, 150)  # 5 s at 30 fps
    assert [s.frames for s in segs] == [60, 60, 30]
    assert tape.stats.frames_written == 150 and tape.stats.frames_dropped == 0
    for s in segs:
        types = frame_types(s.path)
        assert len(types) == s.frames
        assert types[0] == "I", f"{s.path.name} starts with a {types[0]} frame"
        assert sha256_file(s.path) == (s.sha256, s.bytes)
    # capture times are continuous from one segment to the next
    for a, b in zip(segs, segs[1:]):
        assert abs((b.start_utc - a.end_utc).total_seconds()) < 0.002
        assert abs(b.start_mono - a.end_mono) < 0.002


def test_a_killed_ffmpeg_leaves_every_finished_segment_playable(tmp_path):
    segs: list = []
    errors: list = []
    tape = Tape(tmp_path, width=320, height=240, fps=30, settings=X264,
                on_segment=segs.append, on_error=errors.append)
    tape.start()
    for frame in synthetic_frames(251):  # into the fifth segment (frames 240 to 299)
        tape.write(frame)
        time.sleep(1 / 60)
    # ffmpeg dies once it has written some of that segment: on a busy machine it may lag behind the
    # frames sent (a full suite run once found none of them written when it was killed at once).
    under_way = tape.session_dir / "seg-000004.ts"
    deadline = time.monotonic() + 30
    while not (under_way.exists() and frame_types(under_way)):
        assert time.monotonic() < deadline, "ffmpeg wrote nothing of the fifth segment"
        time.sleep(0.1)
    os.kill(tape.pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while not errors and time.monotonic() < deadline:
        time.sleep(0.05)
    assert errors, "the tape did not report the dead encoder"
    assert "encoder" in str(errors[0]).lower()
    tape.stop()
    assert len(segs) >= 3
    for s in segs:
        assert probe(s.path).frames == s.frames == 60
    on_disk = sorted(tape.session_dir.glob("seg-*.ts"))
    partial = on_disk[-1]
    assert partial == under_way and partial.name not in {s.path.name for s in segs}
    # the segment that was being written when ffmpeg died still decodes (MPEG-TS)
    assert len(frame_types(partial)) > 0


def test_a_full_queue_drops_frames_and_counts_them(tmp_path):
    segs: list = []
    tape = Tape(tmp_path, width=320, height=240, fps=30, settings=X264,
                on_segment=segs.append, queue_seconds=0.01)
    tape.start()
    accepted = sum(tape.write(f) for f in synthetic_frames(200))  # far faster than real time
    tape.stop()
    assert tape.stats.frames_dropped == 200 - accepted > 0
    assert tape.stats.frames_written == accepted
    assert sum(s.frames for s in segs) == accepted


def test_an_unplugged_data_disk_is_never_written_to(tmp_path):
    """A vanished data folder (empty mount point) is refused, never recreated."""
    import pytest
    from datetime import datetime, timezone

    from packseal.core.errors import EncoderError, StorageError
    from packseal.core.recording.clip import clip_path_for

    gone = tmp_path / "unplugged" / "tape"
    with pytest.raises(EncoderError, match="unplugged"):
        Tape(gone, width=320, height=240, fps=30, settings=X264).start()
    with pytest.raises(StorageError, match="unplugged"):
        clip_path_for(tmp_path / "unplugged" / "clips", "SF1234567890123", datetime.now(timezone.utc))
    assert not (tmp_path / "unplugged").exists()


def test_a_segment_ends_where_asked_and_the_next_starts_on_a_keyframe(tmp_path):
    segs: list = []
    tape = Tape(tmp_path, width=320, height=240, fps=30, settings=X264, on_segment=segs.append,
                queue_seconds=8)
    tape.start()
    frames = list(synthetic_frames(210))  # 7 s at 30 fps
    start = frames[0].mono
    for i, frame in enumerate(frames):
        if i == 30:
            tape.cut_after(start + 2.5)  # in the second segment: it ends there, not at 4 s
        tape.write(frame)
    tape.stop()
    assert [s.frames for s in segs] == [60, 15, 60, 60, 15]
    assert abs(segs[1].end_mono - (start + 2.5)) < 0.002
    assert sum(s.frames for s in segs) == tape.stats.frames_written == 210
    for s in segs:
        types = frame_types(s.path)
        assert len(types) == s.frames == probe(s.path).frames
        assert types[0] == "I" and types.count("I") == 1, f"{s.path.name}: {''.join(types)}"
    for a, b in zip(segs, segs[1:]):
        assert abs(b.start_mono - a.end_mono) < 0.002


def test_a_cut_asked_for_a_time_already_on_tape_ends_the_segment_at_once(tmp_path):
    segs: list = []
    tape = Tape(tmp_path, width=320, height=240, fps=30, settings=X264, on_segment=segs.append,
                queue_seconds=8)
    tape.start()
    frames = list(synthetic_frames(90))
    for frame in frames[:40]:
        tape.write(frame)
    for _ in range(3000):  # until every frame is handed to ffmpeg (at most 30 s)
        if tape.stats.frames_written == 40:
            break
        time.sleep(0.01)
    tape.cut_after(frames[10].mono)
    for frame in frames[40:]:
        tape.write(frame)
    tape.stop()
    assert [s.frames for s in segs] == [40, 50]


def test_the_queue_holds_two_seconds_of_frames_while_the_encoder_is_held_up(tmp_path):
    """ffmpeg held up for 1.5 s (as its start at 1080p on a busy PC) loses no frame; held up for
    longer than the queue's two seconds, the frames it had no room for are counted, not lost silently.

    720p frames: one of them (1.4 MB of I420) is more than the pipe holds, so the queue is what
    holds frames while ffmpeg takes none (the writer holds one more, blocked in the pipe).
    """
    segs: list = []
    tape = Tape(tmp_path, width=1280, height=720, fps=30, settings=X264, on_segment=segs.append)
    tape.start()
    frames = list(synthetic_frames(150, width=1280, height=720))
    try:
        os.kill(tape.pid, signal.SIGSTOP)
        for frame in frames[:45]:  # 1.5 s of frames while ffmpeg takes none
            assert tape.write(frame)
        for frame in frames[45:100]:  # another 1.8 s: the queue holds 60, the rest finds it full
            tape.write(frame)
        assert tape.queue_fill == 1.0
    finally:
        os.kill(tape.pid, signal.SIGCONT)
    deadline = time.monotonic() + 120  # however slow ffmpeg is here, it empties the queue
    while tape.queue_fill > 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    for frame in frames[100:]:  # 50 frames: room for all of them now
        time.sleep(1 / 30)
        assert tape.write(frame)
    tape.stop()
    assert tape.stats.frames_overflowed == tape.stats.frames_dropped
    assert 100 - 60 - 2 <= tape.stats.frames_overflowed <= 100 - 60  # the writer and the pipe: 2 at most
    assert tape.stats.frames_written == 150 - tape.stats.frames_overflowed
    assert sum(s.frames for s in segs) == tape.stats.frames_written
