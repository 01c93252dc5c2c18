"""Files every recording into the seal (ledger) and the search index (catalog).

The archive listens on the hub. Every closed tape segment, every accepted
scan and every joined clip becomes a signed ledger entry first (the ledger is
the source of truth), then a catalog row pointing back at that entry, made
from the entry as a rebuild makes it (:mod:`packseal.core.catalog.ledger_rows`).
A clip also gets its ``.seal.json`` beside it. When all of that is done the archive
publishes :class:`ClipSealed`; a failure publishes :class:`ArchiveFailed`
and leaves the files where they are for the start-up reconciliation.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from packseal.core.anchoring import DEFAULT_COALESCE_S, AnchorDone, Anchorer
from packseal.core.catalog.catalog import Catalog
from packseal.core.catalog.ledger_rows import record_from_entry
from packseal.core.catalog.records import ClipRecord, SegmentRecord
from packseal.core.errors import BadInputError, PackSealError
from packseal.core.events import EventHub
from packseal.core.ledger import (Entry, Ledger, Timestamper, camera_file_body, clip_body, scan_body, segment_body,
                                  write_seal)
from packseal.core.ledger.bodies import NO_VIDEO
from packseal.core.packing.events import BenchScan
from packseal.core.recording.clip import Clip
from packseal.core.recording.events import ClipAssembled, ScanAccepted, SegmentClosed
from packseal.core.recording.tape import Segment
from packseal.core.storage.layout import DataLayout

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ClipSealed:
    """A clip is on disk, in the ledger (``clip.ledger_seq``), sealed and searchable."""

    clip: Clip
    seal: Path


@dataclass(frozen=True)
class ArchiveFailed:
    """Sealing or indexing a recording failed; the message says what to do."""

    what: str
    message: str


class Archive:
    """Seals and indexes recordings, and has each sealed clip anchored within a minute.

    Every sealed clip asks the :class:`Anchorer` for a checkpoint timestamped
    by the ``timestamper``'s TSAs (queued while offline); clips sealed a few
    seconds apart share one. A new ledger (genesis) is anchored the same way.
    """

    def __init__(self, hub: EventHub, layout: DataLayout, ledger: Ledger, catalog: Catalog, *,
                 timestamper: Timestamper | None = None, checkpoint_every_s: float = 600.0,
                 coalesce_s: float = DEFAULT_COALESCE_S, listen: bool = True) -> None:
        """``listen=False``: seal only on request (checkpoints for packs), never from the hub's
        events — in a window, whose hub carries the recorder process's events, already sealed
        (the recorder anchors them too)."""
        self.hub = hub
        self.layout = layout
        self.ledger = ledger
        self.catalog = catalog
        self.checkpoint_every_s = checkpoint_every_s
        self._last_checkpoint = time.monotonic()
        self._checkpointed_seq = ledger.last_seq
        # ledger seq of recent segments, so a clip entry can name the segments it holds
        self._segment_seqs: OrderedDict[tuple[str, str, int], int] = OrderedDict()
        self._lock = threading.Lock()
        self.anchorer = Anchorer(hub, self._make_checkpoint, timestamper, coalesce_s=coalesce_s)
        if ledger.last_seq == 0:
            self.anchorer.request("genesis")
        self._unsubscribe = hub.subscribe(self._on_event) if listen else (lambda: None)

    @property
    def timestamper(self) -> Timestamper | None:
        return self.anchorer.timestamper

    @timestamper.setter
    def timestamper(self, value: Timestamper | None) -> None:
        self.anchorer.timestamper = value
        self.anchorer.state.tsa_count = len(value.tsa_urls) if value else 0

    def close(self) -> None:
        """Stop listening and seal the day's work with a final, timestamped checkpoint."""
        self._unsubscribe()
        self.anchorer.close(final=False)
        try:
            self.checkpoint()
        except PackSealError as exc:
            log.error("final checkpoint failed: %s", exc)

    def checkpoint(self, *, force: bool = False) -> AnchorDone | None:
        """Checkpoint and timestamp now if anything was added since the last one (or ``force``).

        Runs on the calling thread and waits for the TSAs (their timeout at most).
        """
        with self._lock:
            if not force and self.ledger.last_seq == self._checkpointed_seq:
                return None
        return self.anchorer.anchor_now("checkpoint")

    def _make_checkpoint(self) -> Entry:
        with self._lock:
            entry = self.ledger.checkpoint()
            self._checkpointed_seq = entry.seq
            self._last_checkpoint = time.monotonic()
        log.info("checkpoint at entry %d", entry.seq)
        return entry

    def _maybe_checkpoint(self) -> None:
        if time.monotonic() - self._last_checkpoint >= self.checkpoint_every_s:
            self.anchorer.request("periodic")

    def _on_event(self, event: object) -> None:
        try:
            if isinstance(event, SegmentClosed):
                self.seal_segment(event.segment)
            elif isinstance(event, ScanAccepted):
                self.ledger.append("scan", scan_body(code=event.order_id, scan_time=event.utc,
                                                     order_id=event.order_id, action=event.action))
            elif isinstance(event, BenchScan):  # a packer signing in, a warned order dropped
                self.ledger.append("scan", scan_body(code=event.code, scan_time=event.utc, order_id=event.order_id,
                                                     action=event.action, **event.extra))
            elif isinstance(event, ClipAssembled):
                self.seal_clip(event.clip)
                self._maybe_checkpoint()
        except PackSealError as exc:
            what = type(event).__name__
            log.error("archiving %s failed: %s", what, exc)
            self.hub.publish(ArchiveFailed(what, f"The recording could not be sealed: {exc}"))

    def seal_segment(self, seg: Segment) -> int:
        """Ledger entry and catalog row for a closed tape segment; returns the entry's seq."""
        rel = self.layout.relative(seg.path)
        entry = self.ledger.append("segment", segment_body(
            camera=seg.camera, seq=seg.index, file=rel, sha256=seg.sha256, bytes=seg.bytes,
            start=seg.start_utc, end=seg.end_utc, frames=seg.frames))
        with self._lock:
            self._segment_seqs[(seg.camera, seg.session, seg.index)] = entry.seq
            while len(self._segment_seqs) > 2000:
                self._segment_seqs.popitem(last=False)
        self.catalog.add_segment(_row(entry))  # type: ignore[arg-type] (a segment entry's row)
        return entry.seq

    def seal_clip(self, clip: Clip) -> ClipSealed:
        """Ledger entry, seal files and catalog row for a joined clip; announces ClipSealed.

        A clip of two cameras is one entry naming both files (FORMAT.md §6.2), and
        each file gets a seal beside it carrying that entry.
        """
        rel = self.layout.relative(clip.path)
        two = bool(clip.others or clip.no_video)
        others = [camera_file_body(
            camera=c.camera, status=c.status, file=self.layout.relative(c.path), sha256=c.sha256, bytes=c.bytes,
            start=c.start_utc, end=c.end_utc, duration_ms=round(c.duration_s * 1000), frame_count=c.frames,
            segments=self._segment_seqs_of(c), gaps=list(c.gaps), source=c.source,
            frames_captured=c.frames_captured, frames_dropped=c.frames_dropped) for c in clip.others]
        others += [camera_file_body(camera=name, status=NO_VIDEO) for name in clip.no_video]
        entry = self.ledger.append("clip", clip_body(
            order_id=clip.order_id, scan_time=clip.scan_utc, start=clip.start_utc, end=clip.end_utc,
            file=rel, sha256=clip.sha256, bytes=clip.bytes, duration_ms=round(clip.duration_s * 1000),
            frame_count=clip.frames, status=clip.status, segments=self._segment_seqs_of(clip),
            gaps=list(clip.gaps), source=clip.source, packing=clip.packing, stop_time=clip.stop_utc,
            frames_captured=clip.frames_captured, frames_dropped=clip.frames_dropped,
            camera=clip.camera if two else None, other_cameras=others or None))
        key = self.ledger.public_key_of(entry.key)
        seal = write_seal(clip.path, entry, key)
        for other in clip.others:
            write_seal(other.path, entry, key)
        clip_id = self.catalog.add_clip(_row(entry, station=clip.station))  # type: ignore[arg-type]
        sealed = dataclasses.replace(clip, ledger_seq=entry.seq, catalog_id=clip_id,
                                     others=tuple(dataclasses.replace(c, ledger_seq=entry.seq, catalog_id=clip_id)
                                                  for c in clip.others))
        log.info("clip %s sealed as ledger entry %d (%s)", clip.order_id, entry.seq,
                 ", ".join([seal.name] + [f"{c.path.name}.seal.json" for c in clip.others]))
        event = ClipSealed(sealed, seal)
        self.hub.publish(event)
        self.anchorer.request("clip")
        return event

    def _segment_seqs_of(self, clip: Clip) -> list[int] | None:
        """The seqs of the segment entries a clip was joined from, when all of them are known."""
        with self._lock:
            seqs = [self._segment_seqs.get((s.camera, s.session, s.index)) for s in clip.segments]
        return [s for s in seqs if s is not None] if all(s is not None for s in seqs) else None


def _row(entry: Entry, *, station: str | None = None) -> ClipRecord | SegmentRecord:
    """The catalog row of an entry just appended: the row a rebuild would make from it."""
    try:
        return record_from_entry(entry, station=station)
    except ValueError as exc:
        raise BadInputError(f"ledger entry {entry.seq} ({entry.kind}) cannot be indexed: {exc}") from exc
