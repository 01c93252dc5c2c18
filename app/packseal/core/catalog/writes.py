"""Writing the catalog: clips and segments added, a clip's marks changed, deletions recorded.

Every value is checked before it reaches SQLite, so a bad one is a
:class:`BadInputError` naming the field rather than a half-written row.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import fields
from pathlib import PurePosixPath
from typing import Any

from sqlite_utils import Database
from sqlite_utils.db import NotFoundError

from packseal.core.catalog.database import CatalogDatabase, camera_files_text, check_int_fields, clip_from_row
from packseal.core.catalog.records import CLIP_STATUSES, ClipRecord, SegmentRecord
from packseal.core.errors import BadInputError

_CLIP_COLUMNS = tuple(f.name for f in fields(ClipRecord))
_SEGMENT_COLUMNS = tuple(f.name for f in fields(SegmentRecord))
# A clip's identity (its order, when it was made) is sealed in the ledger and
# never changes; everything else may be filled in or corrected.
_UPDATABLE_CLIP_COLUMNS = frozenset(_CLIP_COLUMNS) - {"id", "order_id", "created_ms"}
# Yes/no columns, stored as 0/1.
_FLAGS = ("pinned", "disputed", "overridden")


class CatalogWrites(CatalogDatabase):
    """What changes the catalog (one of the two halves of :class:`~packseal.core.catalog.catalog.Catalog`)."""

    def add_clip(self, record: ClipRecord) -> int:
        """Add a clip (its ``id`` is ignored) and return the id it was given.

        ``created_ms`` defaults to now. The clip's order is added to (or its
        first/last seen times updated in) the ``orders`` table.
        """
        row = _clip_row(record)
        with self._using("add a clip") as db, db.atomic():
            _upsert_orders(db, [row])
            return int(db["clips"].insert(row).last_pk)

    def add_clips(self, records: Iterable[ClipRecord], *, batch: int = 50_000) -> int:
        """Add many clips fast (rebuilding from the ledger, imports); return how many.

        Each batch of ``batch`` rows is one transaction of ``executemany``.
        """
        return self._insert_many("clips", _CLIP_COLUMNS, map(_clip_row, records), batch,
                                 before=_upsert_orders, action="add clips")

    def _insert_many(self, table: str, all_columns: Iterable[str], rows: Iterable[dict[str, Any]],
                     batch: int, *, action: str, before=None) -> int:
        """Insert ``rows`` in transactions of ``batch`` (``before(db, rows)`` runs in each)."""
        columns = [c for c in all_columns if c != "id"]
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        added = 0
        pending: list[dict[str, Any]] = []

        def flush() -> None:
            nonlocal added
            with self._using(action) as db, db.atomic():
                if before is not None:
                    before(db, pending)
                db.conn.executemany(sql, ([row[c] for c in columns] for row in pending))
            added += len(pending)
            pending.clear()

        for row in rows:
            pending.append(row)
            if len(pending) >= batch:
                flush()
        if pending:
            flush()
        return added

    def update_clip(self, clip_id: int, **changes: Any) -> ClipRecord:
        """Change fields of a clip (end time, size, hash, status, ...); return the new record.

        ``id``, ``order_id`` and ``created_ms`` cannot change. Raises
        :class:`BadInputError` for an unknown clip or field, or a bad value.
        """
        unknown = set(changes) - _UPDATABLE_CLIP_COLUMNS
        if unknown:
            raise BadInputError(
                f"cannot change {', '.join(sorted(unknown))} of a clip; changeable fields: "
                f"{', '.join(sorted(_UPDATABLE_CLIP_COLUMNS))}"
            )
        if not changes:
            raise BadInputError("update_clip was given no fields to change")
        _check_clip_values(changes)
        for flag in _FLAGS:
            if flag in changes:
                changes[flag] = int(bool(changes[flag]))
        with self._using("update a clip") as db:
            try:
                db["clips"].update(clip_id, changes)
            except NotFoundError:
                raise BadInputError(f"there is no clip with id {clip_id} in the catalog") from None
            return clip_from_row(db["clips"].get(clip_id))

    def set_pinned(self, clip_id: int, pinned: bool) -> ClipRecord:
        """Pin a clip (retention keeps it) or unpin it."""
        return self.update_clip(clip_id, pinned=bool(pinned))

    def set_disputed(self, clip_id: int, disputed: bool) -> ClipRecord:
        """Mark a clip as used in a dispute or evidence pack (retention keeps it), or clear that."""
        return self.update_clip(clip_id, disputed=bool(disputed))

    def set_note(self, clip_id: int, text: str) -> ClipRecord:
        """Set the owner's note on a clip ('' clears it)."""
        return self.update_clip(clip_id, note=text)

    def mark_clip_deleted(self, clip_id: int, when_ms: int, reason: str) -> ClipRecord:
        """Record that a clip's file was deleted (by retention or the owner) and why.

        The row stays, so a search still shows that the order had a clip.
        """
        return self.update_clip(clip_id, deleted_ms=when_ms, deleted_reason=reason)

    def add_segment(self, record: SegmentRecord) -> int:
        """Add a tape segment (its ``id`` is ignored); return the id it was given."""
        row = _segment_row(record)
        with self._using("add a tape segment") as db:
            return int(db["segments"].insert(row).last_pk)

    def add_segments(self, records: Iterable[SegmentRecord], *, batch: int = 50_000) -> int:
        """Add many segments fast (rebuilding from the ledger); return how many.

        Each batch of ``batch`` rows is one transaction of ``executemany``.
        """
        return self._insert_many("segments", _SEGMENT_COLUMNS, map(_segment_row, records), batch,
                                 action="add tape segments")

    def mark_segment_deleted(self, segment_id: int, when_ms: int, reason: str | None = None) -> None:
        """Record that a segment's file was deleted (retention) at ``when_ms``, and why."""
        check_int_fields({"when_ms": when_ms}, ("when_ms",), required=True)
        if reason is not None and not isinstance(reason, str):
            raise BadInputError("the reason a segment was deleted must be text")
        with self._using("mark a tape segment deleted") as db:
            try:
                db["segments"].update(segment_id, {"deleted_ms": when_ms, "deleted_reason": reason})
            except NotFoundError:
                raise BadInputError(
                    f"there is no tape segment with id {segment_id} in the catalog"
                ) from None

    def mark_deleted_by_ledger_seq(self, marks: Iterable[tuple[int, int, str | None]]) -> int:
        """Mark deleted the clip or segment rows sealed by these ledger entries; return how many.

        ``marks`` holds ``(ledger_seq, when_ms, reason)``, e.g. from the
        ledger's retention entries; rows already marked keep their first mark.
        """
        rows = []
        for seq, when_ms, reason in marks:
            check_int_fields({"ledger_seq": seq, "when_ms": when_ms}, ("ledger_seq", "when_ms"),
                              required=True)
            rows.append((when_ms, reason, seq))
        if not rows:
            return 0
        changed = 0
        with self._using("mark rows deleted") as db, db.atomic():
            for table in ("clips", "segments"):
                before = db.conn.total_changes
                db.conn.executemany(
                    f"UPDATE {table} SET deleted_ms = ?, deleted_reason = ? "
                    "WHERE ledger_seq = ? AND deleted_ms IS NULL", rows)
                changed += db.conn.total_changes - before
        return changed


def _now_ms() -> int:
    return time.time_ns() // 1_000_000

def _clip_row(record: ClipRecord) -> dict[str, Any]:
    """The row to insert for ``record``, checked; ``id`` left out."""
    if not isinstance(record, ClipRecord):
        raise BadInputError(f"expected a ClipRecord, got {type(record).__name__}")
    # A shallow copy: asdict() deep-copies and is slow on a ledger rebuild.
    row = {name: getattr(record, name) for name in _CLIP_COLUMNS if name != "id"}
    if row["created_ms"] is None:
        row["created_ms"] = _now_ms()
    if not isinstance(row["order_id"], str) or not row["order_id"]:
        raise BadInputError("a clip needs an order ID")
    if not isinstance(row["station"], str) or not row["station"]:
        raise BadInputError("a clip needs a station name")
    check_int_fields(row, ("scan_ms", "start_ms", "created_ms"), required=True)
    _check_clip_values(row)
    for flag in _FLAGS:
        row[flag] = int(bool(row[flag]))
    row["camera_files"] = camera_files_text(row["camera_files"])
    return row

def _segment_row(record: SegmentRecord) -> dict[str, Any]:
    """The row to insert for ``record``, checked; ``id`` left out."""
    if not isinstance(record, SegmentRecord):
        raise BadInputError(f"expected a SegmentRecord, got {type(record).__name__}")
    row = {name: getattr(record, name) for name in _SEGMENT_COLUMNS if name != "id"}
    check_int_fields(row, ("seq", "start_ms", "end_ms"), required=True)
    check_int_fields(row, ("frames", "bytes", "ledger_seq", "deleted_ms"), required=False)
    _check_relative_file(row["file"])
    if not isinstance(row["camera"], str) or not row["camera"]:
        raise BadInputError("a segment needs a camera name")
    if row["end_ms"] < row["start_ms"]:
        raise BadInputError(
            f"segment {row['file']} ends ({row['end_ms']}) before it starts ({row['start_ms']})"
        )
    return row

def _check_clip_values(values: dict[str, Any]) -> None:
    """Check the clip fields present in ``values``."""
    check_int_fields(
        values,
        ("scan_ms", "start_ms", "end_ms", "duration_ms", "frame_count", "bytes",
         "deleted_ms", "ledger_seq", "weight_g", "pack_ms"),
        required=False,
    )
    check_int_fields(values, ("wrong_scans",), required=True)
    for name in ("kind", "outcome"):
        if name in values and (not isinstance(values[name], str) or not values[name]):
            raise BadInputError(f"a clip's {name} must be a word such as 'shipment' or 'complete'")
    if "status" in values and values["status"] not in CLIP_STATUSES:
        raise BadInputError(
            f"unknown clip status {values['status']!r}; use one of {', '.join(CLIP_STATUSES)}"
        )
    if "file" in values:
        _check_relative_file(values["file"])
    if "note" in values and not isinstance(values["note"], str):
        raise BadInputError("a clip's note must be text")
    if "station" in values and (not isinstance(values["station"], str) or not values["station"]):
        raise BadInputError("a clip needs a station name")
    for name in ("sha256", "deleted_reason", "packer", "linked_order", "order_ref"):
        if values.get(name) is not None and not isinstance(values[name], str):
            raise BadInputError(f"a clip's {name} must be text")

def _check_relative_file(file: object) -> None:
    """Files are stored relative to the data dir with forward slashes, never leaving it."""
    if not isinstance(file, str) or not file:
        raise BadInputError("a file path relative to the data dir is needed")
    pure = PurePosixPath(file)
    if "\\" in file or pure.is_absolute() or ":" in file or ".." in pure.parts:
        raise BadInputError(
            f"file path {file!r} must be relative to the data dir, use forward slashes "
            "and stay inside it (for example clips/2024-05-01/SF1234567890123.mp4)"
        )

def _upsert_orders(db: Database, rows: list[dict[str, Any]]) -> None:
    """Add the rows' orders, or widen their first/last seen times and count the clips."""
    db.conn.executemany(
        """
        INSERT INTO orders (order_id, first_seen, last_seen, clip_count) VALUES (?, ?, ?, 1)
        ON CONFLICT(order_id) DO UPDATE SET
            first_seen = min(first_seen, excluded.first_seen),
            last_seen = max(last_seen, excluded.last_seen),
            clip_count = clip_count + 1
        """,
        [(r["order_id"], r["scan_ms"], r["scan_ms"]) for r in rows],
    )
