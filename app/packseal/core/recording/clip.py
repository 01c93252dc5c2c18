"""The order clip: what it is (:class:`Clip`) and how it is joined from tape segments, by stream copy."""

from __future__ import annotations

import errno
import logging
import os
import subprocess
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import ffmpeg

from packseal.core.errors import EncoderError, StorageError, StorageFullError
from packseal.core.media.ffmpeg import ffmpeg_exe
from packseal.core.storage.names import safe_file_stem
from packseal.core.recording.tape import Segment, sha256_file
from packseal.core.recording.timed_feed import GAP_S

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Clip:
    """One order's recording, joined from tape segments."""

    order_id: str
    station: str
    path: Path
    scan_utc: datetime
    stop_utc: datetime
    start_utc: datetime
    end_utc: datetime
    duration_s: float
    frames: int
    bytes: int
    sha256: str
    status: str  # "complete" or "interrupted"
    segments: tuple[Segment, ...]
    gaps: tuple[tuple[datetime, datetime], ...] = ()  # stretches with no video, cut out of the clip
    frames_captured: int | None = None  # frames the camera delivered within start..end, when known
    frames_dropped: int | None = None  # of those (and frames the source missed), not in the clip
    source: dict | None = None  # capture provenance for the signed entry (FrameSource.provenance)
    packing: dict | None = None  # the order check's record for the signed entry (FORMAT.md §6.1)
    camera: str = "cam0"  # the camera whose tape this file was joined from
    #: the same order from the station's other camera: one Clip each (same order, window, packing)
    others: tuple["Clip", ...] = ()
    no_video: tuple[str, ...] = ()  # cameras of the station that recorded nothing of this order
    ledger_seq: int | None = None
    catalog_id: int | None = None


def clip_path_for(clips_root: Path, order_id: str, start_utc: datetime) -> Path:
    """``clips/YYYY-MM-DD/<order>_<HHMMSS>.mp4`` in local time, never overwriting a file."""
    local = start_utc.astimezone()
    if not clips_root.is_dir():  # an unplugged disk leaves an empty mount point: never write there
        raise StorageError(f"The clips folder {clips_root} is gone (was the disk unplugged?). "
                           "Reconnect it and restart PackSeal; the tape of this order is kept.")
    folder = clips_root / local.strftime("%Y-%m-%d")
    folder.mkdir(exist_ok=True)
    stem = f"{safe_file_stem(order_id)}_{local.strftime('%H%M%S')}"
    path = folder / f"{stem}.mp4"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{stem}-{n}.mp4"
    return path


def _concat_lines(seg: Segment) -> str:
    # The concat demuxer's quoting: wrap in single quotes, escape embedded ones.
    line = "file '" + str(seg.path.resolve()).replace("'", "'\\''") + "'\n"
    if seg.timeline_s is not None:
        # MPEG-TS holds no frame durations, so ffmpeg would guess where the next
        # segment begins (off by up to a frame or two each time); the tape knows.
        line += f"duration {seg.timeline_s:.6f}\n"
    return line


@dataclass(frozen=True)
class Joined:
    """What the join wrote: its video frames (packets) and how long they play, as ffmpeg reports them."""

    frames: int
    duration_s: float


def join_segments(segments: list[Segment], out_path: Path) -> Joined:
    """Write ``segments`` (in order) as one MP4 with faststart; returns its frames and duration.

    The file is written under a temporary name and renamed into place, so a
    clip path either holds a whole clip or nothing. The frames and duration are
    the join's own final report (``-progress``: the packets written into the
    file and the end of the last); no second ffmpeg reads the file back.
    """
    if not segments:
        raise EncoderError("There is no recorded video for this order (no tape segments).")
    missing = [s.path for s in segments if not s.path.exists()]
    if missing:
        raise EncoderError(f"Tape segment {missing[0]} is missing; the clip cannot be joined.")
    listing = out_path.with_suffix(".concat.txt")
    tmp = out_path.with_name(out_path.stem + ".part.mp4")
    listing.write_text("".join(_concat_lines(s) for s in segments), encoding="utf-8")
    args = (
        ffmpeg.input(str(listing), f="concat", safe=0)
        .output(str(tmp), c="copy", movflags="+faststart", f="mp4")
        .global_args("-hide_banner", "-nostdin", "-loglevel", "error", "-nostats", "-progress", "pipe:1", "-y")
        .compile(cmd=ffmpeg_exe())
    )
    try:
        proc = subprocess.run(args, capture_output=True, text=True, errors="replace", timeout=300)
        if proc.returncode != 0:
            log.error("ffmpeg join failed: %s", proc.stderr.strip())
            raise EncoderError(f"Joining the clip failed: {proc.stderr.strip()[-300:]}")
        if proc.stderr.strip():
            logging.getLogger("packseal.ffmpeg").warning("[join] %s", proc.stderr.strip())
        joined = _final_report(proc.stdout)
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, out_path)
    finally:
        listing.unlink(missing_ok=True)
        tmp.unlink(missing_ok=True)
    return joined


def _final_report(progress: str) -> Joined:
    """Frames and duration from the last block of ffmpeg's ``-progress`` report (``progress=end``)."""
    blocks = progress.strip().split("progress=")
    if len(blocks) < 2 or not blocks[-1].startswith("end"):
        raise EncoderError("Joining the clip failed: ffmpeg did not report the end of its work.")
    fields = dict(line.split("=", 1) for line in blocks[-2].splitlines() if "=" in line)
    try:
        return Joined(frames=int(fields["frame"]), duration_s=int(fields["out_time_us"]) / 1e6)
    except (KeyError, ValueError) as exc:
        raise EncoderError(f"Joining the clip failed: ffmpeg's report lacks {exc}.") from exc


def find_gaps(segments: list[Segment]) -> tuple[tuple[datetime, datetime], ...]:
    """Stretches with no video, in time order.

    Inside a segment, the holes the tape cut out (frames missing for ``GAP_S``
    or longer: a busy machine). Between two segments, any missing frame: the
    join puts segments back to back, so even a short stretch there is not in
    the clip's timeline (an outage, a restarted encoder, frames dropped just
    at the cut). Segments of unknown frame times (recovered from the ledger)
    count from half a second.
    """
    gaps = [(h.start_utc, h.end_utc) for s in segments for h in s.holes]
    for a, b in zip(segments, segments[1:]):
        step = a.end_mono - a.last_frame_mono if a.last_frame_mono is not None else 2 * GAP_S
        if (b.start_utc - a.end_utc).total_seconds() > step / 2:
            gaps.append((a.end_utc, b.start_utc))
    return tuple(sorted(gaps))


def assemble_clip(*, order_id: str, station: str, segments: list[Segment], scan_utc: datetime,
                  stop_utc: datetime | None, status: str, clips_root: Path, path: Path | None = None,
                  camera: str | None = None) -> Clip:
    """Join an order's segments (deduplicated, in time order) into its clip file.

    ``path`` is where the file goes (default: a new name under ``clips_root``, :func:`clip_path_for`).
    """
    segs = sorted({(s.session, s.index): s for s in segments}.values(), key=lambda s: s.start_utc)
    if not segs:
        raise EncoderError("No video was recorded for this order.")
    try:
        path = path or clip_path_for(clips_root, order_id, segs[0].start_utc)
        info = join_segments(segs, path)
        digest, size = sha256_file(path)
    except OSError as exc:
        error = StorageFullError if exc.errno == errno.ENOSPC else StorageError
        raise error(f"The clip of order {order_id} could not be written: {exc.strerror}.") from exc
    return Clip(
        gaps=find_gaps(segs),
        order_id=order_id, station=station, path=path, scan_utc=scan_utc,
        stop_utc=stop_utc or segs[-1].end_utc, start_utc=segs[0].start_utc, end_utc=segs[-1].end_utc,
        duration_s=info.duration_s, frames=info.frames, bytes=size, sha256=digest, status=status,
        segments=tuple(segs), camera=camera or segs[0].camera,
    )


def camera_file_path(first: Path, camera: str) -> Path:
    """The file of another camera beside the first camera's clip: ``X.mp4`` → ``X.cam1.mp4``."""
    return first.with_name(f"{first.stem}.{camera}{first.suffix}")


def assemble_order_clip(*, order_id: str, station: str, segments: list[Segment], scan_utc: datetime,
                        stop_utc: datetime | None, status: str, clips_root: Path,
                        cameras: tuple[str, ...] = ("cam0",),
                        window: tuple[datetime, datetime] | None = None) -> Clip:
    """An order's clip: one file per camera of the station, joined from that camera's segments.

    The first camera that recorded anything gives the clip its name and is the
    returned :class:`Clip`; the others are its ``others`` (``X.cam1.mp4``
    beside ``X.mp4``), and cameras that recorded nothing are named in
    ``no_video``. With ``window`` (the order's scan − pre-roll to stop +
    post-roll, given for a station of two cameras), each file's gaps also name
    the part of the window its camera missed at the start or the end (lost, or
    its encoder down) while another camera recorded it; such a file's status
    is ``interrupted``.
    """
    by_camera = {c: [s for s in segments if s.camera == c] for c in cameras}
    for seg in segments:  # a camera the station no longer has (an order resumed after a change)
        by_camera.setdefault(seg.camera, []).append(seg)
    recorded = [c for c, segs in by_camera.items() if segs]
    if not recorded:
        raise EncoderError("No video was recorded for this order.")
    first = assemble_clip(order_id=order_id, station=station, segments=by_camera[recorded[0]], scan_utc=scan_utc,
                          stop_utc=stop_utc, status=status, clips_root=clips_root, camera=recorded[0])
    files = [first] + [
        assemble_clip(order_id=order_id, station=station, segments=by_camera[c], scan_utc=scan_utc,
                      stop_utc=stop_utc, status=status, clips_root=clips_root, camera=c,
                      path=camera_file_path(first.path, c))
        for c in recorded[1:]]
    if window is not None and len(files) > 1:
        files = _with_edge_gaps(files, window)
    return replace(files[0], others=tuple(files[1:]), no_video=tuple(c for c in by_camera if c not in recorded))


def _with_edge_gaps(files: list[Clip], window: tuple[datetime, datetime]) -> list[Clip]:
    """Each file with the part of the window it lacks, where another camera's file has picture.

    The first file's status stays the order's (the entry's ``status``); another camera's
    file that lacks part of the window is ``interrupted``.
    """
    low = max(window[0], min(f.start_utc for f in files))
    high = min(window[1], max(f.end_utc for f in files))
    out = []
    for n, f in enumerate(files):
        edges = []
        if (f.start_utc - low).total_seconds() >= GAP_S:
            edges.append((low, f.start_utc))
        if (high - f.end_utc).total_seconds() >= GAP_S:
            edges.append((f.end_utc, high))
        if edges:
            f = replace(f, gaps=tuple(sorted(f.gaps + tuple(edges))), status=f.status if n == 0 else "interrupted")
        out.append(f)
    return out
