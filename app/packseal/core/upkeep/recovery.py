"""Crash recovery: after a kill -9, a dead ffmpeg or a power cut, nothing recorded is lost.

Run whenever a data dir is opened (by the app or any CLI command), before
anything new is recorded. For every tape session of a camera that did not
end cleanly (no ``ended`` marker) and is not held by a running station:

1. segments ffmpeg finished but nobody sealed (the process died between the
   two) are sealed, with capture times from the session's start and the
   stream time in ``segments.csv``;
2. the segment being written when the process died (never listed) is sealed
   too when it still decodes — ffmpeg wrote it packet by packet;
3. every order left in the open-order file becomes a clip from the segments
   recorded for it, status ``interrupted`` (``complete`` when the post-roll
   had already reached the tape), sealed and reported — except, when the
   caller will record on at once (``resume_within_s``, the recorder process
   starting again after it died), an order that was still recording and
   whose last segment ended that recently: it is handed back
   (``RecoveryReport.resumable``) to continue in the new tape, its clip then
   joining the segments of both and naming the outage as a gap.

An order's clip carries its check at the bench as the dead recorder kept it
with the open order (FORMAT.md 6.1: the record made at its stop, or, cut
short while recording, its check as it stood, with ``restarts`` counted).
"""

from __future__ import annotations

import dataclasses
import json
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from packseal.core.catalog.records import to_ms
from packseal.core.errors import PackSealError
from packseal.core.recording.clip import assemble_order_clip
from packseal.core.recording.clip import Clip
from packseal.core.media.ffmpeg import probe
from packseal.core.packing.check import SHOWN
from packseal.core.recording.open_orders import OpenOrder, OpenOrders
from packseal.core.recording.tape import (
    ENDED_FILE, SEGMENT_LIST, SESSION_FILE, Segment, camera_lock, sha256_file,
)
from packseal.core.storage.layout import DataLayout

log = logging.getLogger(__name__)

#: An order cut short this recently by a recorder's death continues in the new recorder.
RESUME_WITHIN_S = 120.0


@dataclass(frozen=True)
class RecoveryNote:
    """Something recovery could not do, as a code and its particulars (the window words it in
    the user's language) and an English sentence (for the log and the command line)."""

    code: str  # "session-unreadable" | "tape-undecodable" | "order-without-video" | "order-failed"
    params: dict
    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class ResumableOrder:
    """An order cut short while recording, to be continued by the new recorder."""

    order: OpenOrder
    segments: tuple[Segment, ...]  # what the dead recorder recorded of it, sealed


@dataclass
class RecoveryReport:
    segments_sealed: int = 0
    clips: list[Clip] = field(default_factory=list)
    notes: list[RecoveryNote] = field(default_factory=list)
    resumable: list[ResumableOrder] = field(default_factory=list)

    @property
    def anything(self) -> bool:
        return bool(self.segments_sealed or self.clips or self.notes or self.resumable)

    def summary(self) -> str:
        parts = []
        if self.resumable:
            parts.append("order(s) cut short by an unexpected stop continue recording, the missed "
                         "seconds noted in the clip: " + ", ".join(r.order.order_id for r in self.resumable))
        if self.clips:
            parts.append("recovered clip(s) after an unexpected stop: "
                         + ", ".join(f"{c.order_id} ({c.status}, {c.duration_s:.0f} s)" for c in self.clips))
        if self.segments_sealed:
            parts.append(f"sealed {self.segments_sealed} tape segment(s) left unsealed")
        parts.extend(str(n) for n in self.notes)
        return "; ".join(parts)


def recover(layout: DataLayout, archive, catalog, *, camera: str = "cam0",
            resume_within_s: float | None = None) -> RecoveryReport:
    """Finish what a dead station left behind for ``camera`` and a second camera's tape beside
    it (``cam1``, whose orders are in ``camera``'s open-order file: see the module doc)."""
    report = RecoveryReport()
    lock = camera_lock(layout, camera)
    if not lock.try_acquire():
        log.info("camera %s is recording in another process; nothing to recover", camera)
        lock.close()
        return report
    locks = [lock]
    try:
        cameras = [camera]
        for other in _other_tapes(layout, camera):
            other_lock = camera_lock(layout, other)
            if other_lock.try_acquire():
                locks.append(other_lock)
                cameras.append(other)
            else:
                other_lock.close()
        for cam in cameras:
            root = layout.tape(cam)
            sessions = sorted(p for p in root.iterdir() if p.is_dir()) if root.exists() else []
            for session in sessions:
                if not (session / ENDED_FILE).exists():
                    _recover_session(session, cam, layout, archive, catalog, report)
        now = datetime.now(timezone.utc)
        for order in OpenOrders(layout.state, camera).read():
            if resume_within_s is not None and order.stop is None:
                own = _order_segments(order, layout, catalog)
                if own and (now - own[-1].end_utc).total_seconds() <= resume_within_s:
                    segments = _order_segments(order, layout, catalog, cameras)
                    report.resumable.append(ResumableOrder(order, tuple(segments)))
                    continue  # stays open: the new recorder continues it
            _recover_order(order, layout, archive, catalog, report, cameras)
            OpenOrders(layout.state, camera).done(order.order_id, order.scan)
    finally:
        for held in locks:
            held.release()
            held.close()
    if report.anything:
        log.info("recovery: %s", report.summary())
    return report


def _recover_session(session: Path, camera: str, layout: DataLayout, archive, catalog,
                     report: RecoveryReport) -> None:
    try:
        meta = json.loads((session / SESSION_FILE).read_text(encoding="utf-8"))
        started = datetime.fromisoformat(meta["started"])
    except (OSError, ValueError, KeyError) as exc:
        report.notes.append(RecoveryNote("session-unreadable", {"session": session.name, "error": str(exc)},
                                         f"tape session {session.name} has no readable {SESSION_FILE} "
                                         f"({exc}); its segments were left as they are"))
        _mark_ended(session, "unreadable")
        return
    sealed = {r.file for r in catalog.segments_between(
        camera, to_ms(started) - 1, to_ms(datetime.now(timezone.utc)) + 1, include_deleted=True)}
    listed: list[tuple[str, float, float]] = []
    listing = session / SEGMENT_LIST
    if listing.exists():
        for line in listing.read_text(encoding="utf-8").splitlines():
            try:
                name, a, b = line.rsplit(",", 2)
                listed.append((name, float(a), float(b)))
            except ValueError:
                continue  # a torn last line: that segment is handled as the open one
    for name, a, b in listed:
        if layout.relative(session / name) not in sealed and (session / name).exists():
            _seal(session / name, camera, session.name, started, a, b, archive, report)
    names = {n for n, _, _ in listed}
    open_ones = sorted(p for p in session.glob("seg-*.ts") if p.name not in names)
    start_s = listed[-1][2] if listed else 0.0
    for path in open_ones:
        try:
            info = probe(path)
        except PackSealError:
            info = None
        if info is None or info.frames == 0:
            size = path.stat().st_size
            report.notes.append(RecoveryNote("tape-undecodable", {"bytes": size, "file": path.name},
                                             f"the last {size} bytes of tape in {path.name} could not "
                                             "be decoded (the process died while writing them)"))
            continue
        _seal(path, camera, session.name, started, start_s, start_s + info.duration_s, archive, report,
              frames=info.frames)
        start_s += info.duration_s
    _mark_ended(session, "recovered")


def _seal(path: Path, camera: str, session: str, started: datetime, a: float, b: float, archive,
          report: RecoveryReport, frames: int | None = None) -> None:
    digest, size = sha256_file(path)
    if frames is None:
        try:
            frames = probe(path).frames
        except PackSealError:
            frames = 0
    seg = Segment(camera=camera, session=session, index=int(path.stem.removeprefix("seg-")), path=path,
                  start_utc=started + timedelta(seconds=a), end_utc=started + timedelta(seconds=b),
                  start_mono=0.0, end_mono=0.0, frames=frames, bytes=size, sha256=digest)
    archive.seal_segment(seg)
    report.segments_sealed += 1


def _mark_ended(session: Path, how: str) -> None:
    try:
        (session / ENDED_FILE).write_text(how, encoding="utf-8")
    except OSError as exc:
        log.error("could not mark %s as ended: %s", session, exc)


def _other_tapes(layout: DataLayout, camera: str) -> list[str]:
    """The other cameras with a tape folder beside ``camera``'s (a station of two cameras)."""
    root = layout.tape_root
    names = sorted(p.name for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
    return [n for n in names if n != camera and n.startswith("cam") and n[3:].isdigit()]


def finish_resumable(layout: DataLayout, archive, catalog, report: RecoveryReport) -> None:
    """Make the resumable orders interrupted clips after all (the new recorder could not start)."""
    for item in report.resumable:
        cameras = [item.order.camera] + sorted({s.camera for s in item.segments} - {item.order.camera})
        _recover_order(item.order, layout, archive, catalog, report, cameras)
        OpenOrders(layout.state, item.order.camera).done(item.order.order_id, item.order.scan)
    report.resumable = []


def _order_segments(order: OpenOrder, layout: DataLayout, catalog,
                    cameras: list[str] | None = None) -> list[Segment]:
    """The sealed tape segments inside ``order``'s window (up to now while it had no stop), of
    ``cameras`` (default: the order's camera), camera by camera."""
    scan, stop = order.scan, order.stop
    end = stop + timedelta(seconds=order.postroll_s) if stop else datetime.now(timezone.utc)
    rows = [r for cam in cameras or [order.camera]
            for r in catalog.segments_between(cam, to_ms(scan - timedelta(seconds=order.preroll_s)), to_ms(end))]
    segments = []
    for r in rows:
        path = layout.absolute(r.file)
        if path.exists():
            segments.append(Segment(camera=r.camera, session=path.parent.name, index=r.seq, path=path,
                                    start_utc=r.start, end_utc=r.end, start_mono=0.0, end_mono=0.0,
                                    frames=r.frames or 0, bytes=r.bytes or 0, sha256=r.sha256 or ""))
    return segments


def _recover_order(order, layout: DataLayout, archive, catalog, report: RecoveryReport,
                   cameras: list[str] | None = None) -> None:
    scan, stop = order.scan, order.stop
    cameras = cameras or [order.camera]
    segments = _order_segments(order, layout, catalog, cameras)
    if not segments:
        report.notes.append(RecoveryNote(
            "order-without-video", {"order_id": order.order_id, "scan_utc": scan},
            f"order {order.order_id} (scanned {scan:%Y-%m-%d %H:%M:%S} UTC) was cut short before any "
            "of its video reached the disk; no clip could be made"))
        return
    last_end = max(s.end_utc for s in segments)
    whole = stop is not None and last_end >= stop + timedelta(seconds=order.postroll_s)
    window = (scan - timedelta(seconds=order.preroll_s), stop + timedelta(seconds=order.postroll_s)) \
        if stop is not None and len(cameras) > 1 else None
    try:
        clip = assemble_order_clip(order_id=order.order_id, station=order.station, segments=segments,
                                   scan_utc=scan, stop_utc=stop, status="complete" if whole else "interrupted",
                                   clips_root=layout.clips, cameras=tuple(cameras), window=window)
        packing = _packing(order, last_end)
        if packing is not None:
            clip = dataclasses.replace(clip, packing=packing)
        sealed = archive.seal_clip(clip)
    except PackSealError as exc:
        report.notes.append(RecoveryNote("order-failed", {"order_id": order.order_id, "error": str(exc)},
                                         f"order {order.order_id} could not be recovered: {exc}"))
        return
    report.clips.append(sealed.clip)


def _packing(order: OpenOrder, cut: datetime) -> dict | None:
    """The packing record (FORMAT.md §6.1) of an order a dead recorder left: the one made at its
    stop, or its check as kept on disk while it recorded, cut short at ``cut`` (None: none kept)."""
    if order.packing is not None:
        return order.packing
    check = order.saved_check()
    if check is None:
        return None
    check.restarts += 1
    check.warn_missing(SHOWN, cut, "the recorder stopped unexpectedly")
    return check.record() if check.knows_anything else None
