"""Ledger entries into the catalog: rows written in batches, and how far the catalog got.

Reconciliation and the rebuild both walk the ledger and hand each entry to
a :class:`RowWriter`; the row itself comes from the one mapping in
:mod:`packseal.core.catalog.ledger_rows`. The catalog remembers the last entry
it reflects (its seq and hash, :data:`WATERMARK`), so the next reconciliation
reads only what came after, and notices a ledger that was replaced.
"""

from __future__ import annotations

from dataclasses import replace

from packseal.core.catalog.catalog import Catalog
from packseal.core.catalog.ledger_rows import MAX_INT, record_from_entry
from packseal.core.catalog.records import ClipRecord, SegmentRecord
from packseal.core.ledger import Entry

#: Catalog meta key: ``"<seq>:<entry hash>"`` of the last ledger entry reconciled.
WATERMARK = "reconciled_through"
#: Rows written per transaction (and ledger seqs read per page).
BATCH = 20_000


def read_watermark(catalog: Catalog) -> tuple[int, str] | None:
    """The seq and hash of the last ledger entry the catalog reflects, or None."""
    value = catalog.get_meta(WATERMARK)
    if not value:
        return None
    seq, _, digest = value.partition(":")
    try:
        return int(seq), digest
    except ValueError:
        return None


def write_watermark(catalog: Catalog, seq: int, digest: str) -> None:
    """Note that the catalog reflects the ledger up to entry ``seq`` (whose hash is ``digest``)."""
    catalog.set_meta(WATERMARK, f"{seq}:{digest}")


class RowWriter:
    """Rows made from ledger entries and deletion marks, written to the catalog in batches."""

    def __init__(self, catalog: Catalog, problems: list[str]) -> None:
        self.catalog = catalog
        self.problems = problems
        self.clips: dict[int, ClipRecord] = {}        # ledger seq -> row not yet written
        self.segments: dict[int, SegmentRecord] = {}
        self.marks: list[tuple[int, int, str]] = []   # for rows already in the catalog
        self.clips_added = self.segments_added = self.marked = 0

    def add(self, entry: Entry) -> None:
        try:
            record = record_from_entry(entry)
        except ValueError as exc:
            self.problems.append(f"ledger entry {entry.seq} ({entry.kind}) cannot be indexed: {exc}")
            return
        pending = self.clips if isinstance(record, ClipRecord) else self.segments
        pending[entry.seq] = record
        if len(pending) >= BATCH:
            self._write_rows()

    def retire(self, sealed_by: int, when_ms: int, reason: str) -> None:
        """The file sealed by entry ``sealed_by`` was deleted at ``when_ms``."""
        for pending in (self.clips, self.segments):
            record = pending.get(sealed_by)
            if record is not None:
                if record.deleted_ms is None:
                    pending[sealed_by] = replace(record, deleted_ms=when_ms, deleted_reason=reason)
                return
        if 0 <= sealed_by <= MAX_INT:
            self.marks.append((sealed_by, when_ms, reason))
        if len(self.marks) >= BATCH:
            self.flush()

    def flush(self) -> None:
        self._write_rows()
        if self.marks:
            self.marked += self.catalog.mark_deleted_by_ledger_seq(self.marks)
            self.marks.clear()

    def _write_rows(self) -> None:
        # Rows first: a mark queued later may point at a row written in this batch.
        if self.clips:
            self.clips_added += self.catalog.add_clips(self.clips.values())
            self.clips.clear()
        if self.segments:
            self.segments_added += self.catalog.add_segments(self.segments.values())
            self.segments.clear()
