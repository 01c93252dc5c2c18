"""The catalog: a SQLite index of clips and tape segments, for fast search.

The ledger is the source of truth; this database only makes finding things
fast, and can be rebuilt from the ledger when it is lost or damaged.

One :class:`Catalog` holds one connection and a lock, so it may be shared by
threads (the recorder's writer, the GUI's search worker). Every sqlite3 error
leaves as a :class:`StorageError` saying what could not be done.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import fields
from datetime import date, datetime, tzinfo
from pathlib import Path, PurePosixPath
from typing import Any

from sqlite_utils import Database
from sqlite_utils.db import NotFoundError

from packseal.core.catalog.query import ClipFilter, order_clause, walk_threshold
from packseal.core.catalog.records import CLIP_STATUSES, ClipRecord, LiveFile, SegmentRecord
from packseal.core.catalog.schema import migrate
from packseal.core.errors import BadInputError, StorageError, StorageFullError

#: How long a write waits for another connection's write to finish.
BUSY_TIMEOUT_S = 10.0
#: Largest page of search results.
MAX_LIMIT = 10_000

_CLIP_COLUMNS = tuple(f.name for f in fields(ClipRecord))
_SEGMENT_COLUMNS = tuple(f.name for f in fields(SegmentRecord))
# A clip's identity (its order, when it was made) is sealed in the ledger and
# never changes; everything else may be filled in or corrected.
_UPDATABLE_CLIP_COLUMNS = frozenset(_CLIP_COLUMNS) - {"id", "order_id", "created_ms"}

# SQLite result codes meaning the file itself is broken (SQLITE_CORRUPT, SQLITE_NOTADB).
_DAMAGED_CODES = {11, 26}
_SQLITE_FULL = 13
#: Rows read per query when walking a whole table (the lock is let go in between).
_PAGE = 5_000


class CatalogDamagedError(StorageError):
    """The catalog file is damaged or not a database; it can be rebuilt from the ledger."""


def _now_ms() -> int:
    return time.time_ns() // 1_000_000


class Catalog:
    """Search index of order clips and tape segments in one SQLite file."""

    def __init__(self, db: Database, path: Path) -> None:
        """Use :meth:`open`; this wraps an already opened and migrated database."""
        self._db: Database | None = db
        self._path = path
        # One connection, so every use is serialised; reentrant so that a
        # method may call another public method while holding it.
        self._lock = threading.RLock()

    # -- opening and closing -------------------------------------------------

    @classmethod
    def open(cls, path: Path | str) -> Catalog:
        """Open (creating or migrating as needed) the catalog file at ``path``.

        Raises :class:`StorageError` when the file is damaged or not a
        database, was written by a newer PackSeal, or cannot be opened.
        """
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, check_same_thread=False, timeout=BUSY_TIMEOUT_S)
        except (OSError, sqlite3.Error) as exc:
            raise StorageError(
                f"cannot open the catalog {path}: {exc}; check that the data folder "
                "exists and is writable"
            ) from exc
        try:
            db = Database(conn, execute_plugins=False)
            # WAL lets searches run while the recorder writes; NORMAL sync is
            # safe with WAL (a power cut may lose the last commits, never
            # corrupt the file) and the ledger, not this index, is the record.
            db.enable_wal()
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("PRAGMA foreign_keys = ON")
            db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000):d}")
            migrate(db)
        except sqlite3.Error as exc:
            conn.close()
            raise _storage_error(path, "open", exc) from exc
        except BaseException:
            conn.close()
            raise
        return cls(db, path)

    @property
    def path(self) -> Path:
        """The catalog file."""
        return self._path

    def close(self) -> None:
        """Close the database (safe to call twice)."""
        with self._lock:
            if self._db is None:
                return
            db, self._db = self._db, None
            try:
                db.execute("PRAGMA optimize")  # keeps the planner's statistics fresh
            except sqlite3.Error:
                pass  # closing must not fail because the file went bad meanwhile
            db.close()

    def __enter__(self) -> Catalog:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def _using(self, action: str) -> Iterator[Database]:
        """Hold the lock, hand out the database, translate sqlite3 errors."""
        with self._lock:
            if self._db is None:
                raise StorageError(f"cannot {action}: the catalog {self._path} is closed")
            try:
                yield self._db
            except sqlite3.Error as exc:
                raise _storage_error(self._path, action, exc) from exc

    # -- writing clips -------------------------------------------------------

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
        for flag in ("pinned", "disputed"):
            if flag in changes:
                changes[flag] = int(bool(changes[flag]))
        with self._using("update a clip") as db:
            try:
                db["clips"].update(clip_id, changes)
            except NotFoundError:
                raise BadInputError(f"there is no clip with id {clip_id} in the catalog") from None
            return _clip_from_row(db["clips"].get(clip_id))

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

    # -- writing segments ------------------------------------------------------

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
        _check_int_fields({"when_ms": when_ms}, ("when_ms",), required=True)
        if reason is not None and not isinstance(reason, str):
            raise BadInputError("the reason a segment was deleted must be text")
        with self._using("mark a tape segment deleted") as db:
            try:
                db["segments"].update(segment_id, {"deleted_ms": when_ms, "deleted_reason": reason})
            except NotFoundError:
                raise BadInputError(
                    f"there is no tape segment with id {segment_id} in the catalog"
                ) from None

    # -- reading ---------------------------------------------------------------

    def get_clip(self, clip_id: int) -> ClipRecord | None:
        """The clip with this id, or None."""
        with self._using("read a clip") as db:
            rows = _select(db, "SELECT * FROM clips WHERE id = ?", [clip_id])
        return _clip_from_row(rows[0]) if rows else None

    def newest_clip(self, order_id: str) -> ClipRecord | None:
        """The order's newest clip that still has a file, else its newest one; None if none.

        A typed order number may differ from the scanned one in case only.
        """
        wanted = order_id.strip()
        clips = self.clips_for_order(wanted) if wanted else []
        if not clips and wanted:
            clips = [c for c in self.search(wanted, limit=1000) if c.order_id.lower() == wanted.lower()]
        if not clips:
            return None
        kept = [c for c in clips if not c.deleted and c.file]
        return max(kept or clips, key=lambda c: (c.start_ms, c.id or 0))

    def clips_for_order(self, order_id: str) -> list[ClipRecord]:
        """Every clip of exactly this order (deleted ones too), oldest first."""
        with self._using("find an order's clips") as db:
            rows = _select(
                db, "SELECT * FROM clips WHERE order_id = ? ORDER BY start_ms, id", [order_id]
            )
            return [_clip_from_row(r) for r in rows]

    def search(
        self,
        query: str | None = None,
        *,
        date_from: datetime | date | None = None,
        date_to: datetime | date | None = None,
        station: str | None = None,
        status: str | Iterable[str] | None = None,
        include_deleted: bool = True,
        order_by: str = "start_ms",
        descending: bool = True,
        limit: int = 100,
        offset: int = 0,
        tz: tzinfo | None = None,
    ) -> list[ClipRecord]:
        """One page of clips matching the filters.

        ``query`` matches anywhere in the order ID, ignoring case (1-2
        characters: the start of the ID). Dates filter on the clip's start;
        both ends are inclusive, a ``date`` covering its whole day in ``tz``
        (default: this computer's time zone). ``order_by`` is a column name
        from :data:`~packseal.core.catalog.query.ORDER_COLUMNS`.
        """
        flt = ClipFilter(query, date_from, date_to, station, status, include_deleted, tz)
        order = order_clause(order_by, descending)
        if not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
            raise BadInputError(f"a page holds 1 to {MAX_LIMIT} clips, not {limit!r}")
        if not isinstance(offset, int) or offset < 0:
            raise BadInputError(f"the page offset must be 0 or more, not {offset!r}")
        with self._using("search the catalog") as db:
            planned = _plan(db, flt, wanted=limit + offset, order_by=order_by)
            if planned is None:
                return []
            where, params = planned
            sql = f"SELECT * FROM clips {where} {order} LIMIT ? OFFSET ?"
            return [_clip_from_row(r) for r in _select(db, sql, [*params, limit, offset])]

    def count(
        self,
        query: str | None = None,
        *,
        date_from: datetime | date | None = None,
        date_to: datetime | date | None = None,
        station: str | None = None,
        status: str | Iterable[str] | None = None,
        include_deleted: bool = True,
        tz: tzinfo | None = None,
    ) -> int:
        """How many clips :meth:`search` would find with these filters, over all pages."""
        flt = ClipFilter(query, date_from, date_to, station, status, include_deleted, tz)
        with self._using("count clips") as db:
            match = flt.text_match()
            if match is not None and flt.text_only:
                return _scalar(db, match.count_sql(), match.params)
            planned = _plan(db, flt, wanted=100, order_by="start_ms")
            if planned is None:
                return 0
            where, params = planned
            return _scalar(db, f"SELECT count(*) FROM clips {where}", params)

    def segments_between(
        self, camera: str, start_ms: int, end_ms: int, *, include_deleted: bool = False
    ) -> list[SegmentRecord]:
        """The camera's segments overlapping ``[start_ms, end_ms]``, in time order.

        A segment covers ``[its start_ms, its end_ms)``, so one that ends
        exactly at ``start_ms`` is not included. The lower bound is found as the latest segment starting at or before
        ``start_ms`` (a camera's tape is sequential), so the search stays an
        index range however long the tape is.
        """
        if end_ms < start_ms:
            raise BadInputError(f"the time range ends ({end_ms}) before it starts ({start_ms})")
        deleted = "" if include_deleted else "AND deleted_ms IS NULL"
        sql = f"""
            SELECT * FROM segments
            WHERE camera = :camera AND start_ms <= :end AND end_ms > :start
              AND start_ms >= coalesce(
                  (SELECT max(start_ms) FROM segments WHERE camera = :camera AND start_ms <= :start),
                  :start)
              {deleted}
            ORDER BY start_ms, seq, id
        """
        with self._using("find tape segments") as db:
            rows = _select(db, sql, {"camera": camera, "start": start_ms, "end": end_ms})
            return [SegmentRecord(**r) for r in rows]

    # -- retention and reconciliation ---------------------------------------------

    def deletable_clips(
        self, before_ms: int | None = None, *, limit: int = 100,
        after: tuple[int, int] | None = None,
    ) -> list[ClipRecord]:
        """The oldest clips retention may delete: not pinned, not disputed, not yet deleted.

        Oldest first (by start, then id), starting before ``before_ms`` (None:
        any time). ``after`` = ``(start_ms, id)`` of the last clip of the
        previous page continues from there (stable while rows are marked
        deleted meanwhile).
        """
        return [_clip_from_row(r) for r in self._oldest(
            "clips", "pinned = 0 AND disputed = 0 AND deleted_ms IS NULL", None,
            before_ms, limit, after, "find clips retention may delete")]

    def oldest_segments(
        self, before_ms: int | None = None, *, camera: str | None = None, limit: int = 500,
        after: tuple[int, int] | None = None,
    ) -> list[SegmentRecord]:
        """The oldest tape segments not yet deleted, of every camera or of ``camera``.

        Ordered and paged like :meth:`deletable_clips`.
        """
        return [SegmentRecord(**r) for r in self._oldest(
            "segments", "deleted_ms IS NULL", camera, before_ms, limit, after,
            "find the oldest tape segments")]

    def _oldest(
        self, table: str, live: str, camera: str | None, before_ms: int | None, limit: int,
        after: tuple[int, int] | None, action: str,
    ) -> list[dict[str, Any]]:
        if not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
            raise BadInputError(f"a page holds 1 to {MAX_LIMIT} rows, not {limit!r}")
        _check_int_fields({"before_ms": before_ms}, ("before_ms",), required=False)
        # ``live`` is one of two fixed strings, identical to a partial index's WHERE.
        terms, params = [live], []
        if before_ms is not None:
            terms.append("start_ms < ?")
            params.append(before_ms)
        if camera is not None:
            terms.append("camera = ?")
            params.append(camera)
        if after is not None:
            start, row_id = after
            _check_int_fields({"start": start, "id": row_id}, ("start", "id"), required=True)
            terms.append("(start_ms, id) > (?, ?)")
            params.extend((start, row_id))
        sql = f"SELECT * FROM {table} WHERE {' AND '.join(terms)} ORDER BY start_ms, id LIMIT ?"
        with self._using(action) as db:
            return _select(db, sql, [*params, limit])

    def mark_deleted_by_ledger_seq(self, marks: Iterable[tuple[int, int, str | None]]) -> int:
        """Mark deleted the clip or segment rows sealed by these ledger entries; return how many.

        ``marks`` holds ``(ledger_seq, when_ms, reason)``, e.g. from the
        ledger's retention entries; rows already marked keep their first mark.
        """
        rows = []
        for seq, when_ms, reason in marks:
            _check_int_fields({"ledger_seq": seq, "when_ms": when_ms}, ("ledger_seq", "when_ms"),
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

    def clip_by_ledger_seq(self, seq: int) -> ClipRecord | None:
        """The clip sealed by ledger entry ``seq``, or None."""
        with self._using("find a clip by its ledger entry") as db:
            rows = _select(db, "SELECT * FROM clips WHERE ledger_seq = ? ORDER BY id LIMIT 1", [seq])
        return _clip_from_row(rows[0]) if rows else None

    def clip_by_file(self, file: str) -> ClipRecord | None:
        """The newest clip row for this data-dir relative path (deleted or not), or None."""
        with self._using("find a clip by its file") as db:
            rows = _select(db, "SELECT * FROM clips WHERE file = ? ORDER BY id DESC LIMIT 1", [file])
        return _clip_from_row(rows[0]) if rows else None

    def segment_by_file(self, file: str) -> SegmentRecord | None:
        """The newest segment row for this data-dir relative path (deleted or not), or None."""
        with self._using("find a tape segment by its file") as db:
            rows = _select(db, "SELECT * FROM segments WHERE file = ? ORDER BY id DESC LIMIT 1", [file])
        return SegmentRecord(**rows[0]) if rows else None

    def clip_files_in(self, folder: str) -> set[str]:
        """The files of every clip row (deleted ones too) directly inside ``folder`` (data-dir relative)."""
        prefix = folder.rstrip("/") + "/"
        # A range on the clips(file) index: every path starting with "folder/" sorts
        # below "folder0" ("0" follows "/"); deeper paths are dropped below.
        with self._using("list the clips of a folder") as db:
            rows = db.execute("SELECT file FROM clips WHERE file >= ? AND file < ?",
                              [prefix, prefix[:-1] + "0"]).fetchall()
        return {r[0] for r in rows if "/" not in r[0][len(prefix):]}

    def live_files(self, table: str) -> Iterator[LiveFile]:
        """Every row of ``table`` ("clips" or "segments") not marked deleted: id, file, ledger seq.

        Read in pages, so other threads may use the catalog in between.
        """
        if table == "clips":
            sql = ("SELECT id, file, ledger_seq FROM clips WHERE deleted_ms IS NULL AND id > ? "
                   "ORDER BY id LIMIT ?")
        elif table == "segments":
            # Through the partial index of live segments: the deleted ones are most rows.
            sql = ("SELECT id, file, ledger_seq, start_ms FROM segments WHERE deleted_ms IS NULL "
                   "AND (start_ms, id) > (?, ?) ORDER BY start_ms, id LIMIT ?")
        else:
            raise BadInputError(f"no table {table!r}: use 'clips' or 'segments'")
        cursor: list[int] = [-1] if table == "clips" else [-(2**62), -1]
        while True:
            with self._using(f"list the {table} that should be on disk") as db:
                rows = db.execute(sql, [*cursor, _PAGE]).fetchall()
            for row in rows:
                yield LiveFile(row[0], row[1], row[2])
            if len(rows) < _PAGE:
                return
            last = rows[-1]
            cursor = [last[0]] if table == "clips" else [last[3], last[0]]

    def ledger_seqs(self, table: str, after: int = -1, *, limit: int = _PAGE) -> list[int]:
        """Up to ``limit`` ledger seqs above ``after`` that rows of ``table`` point at, ascending.

        Deleted rows count too: their entries are known. Pages through the
        ledger_seq index, so a caller can walk a huge table alongside the ledger.
        """
        if table not in ("clips", "segments"):
            raise BadInputError(f"no table {table!r}: use 'clips' or 'segments'")
        with self._using("list the ledger entries the catalog knows") as db:
            rows = db.execute(
                f"SELECT ledger_seq FROM {table} WHERE ledger_seq > ? ORDER BY ledger_seq LIMIT ?",
                [after, limit]).fetchall()
        return [row[0] for row in rows]

    def get_meta(self, key: str) -> str | None:
        """A fact the catalog keeps about itself (see :meth:`set_meta`), or None."""
        with self._using("read the catalog's notes") as db:
            row = db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        """Keep a small fact about the catalog itself (e.g. how far it was reconciled)."""
        if not isinstance(key, str) or not isinstance(value, str):
            raise BadInputError("catalog notes are text keys with text values")
        with self._using("write the catalog's notes") as db, db.atomic():
            db.execute("INSERT INTO meta (key, value) VALUES (?, ?) "
                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])

    def check_integrity(self) -> None:
        """Read every page of the file; raise :class:`CatalogDamagedError` if any is broken.

        ``PRAGMA quick_check``: reads the whole file once (no index-content
        cross-check), so it is meant for start-up, not for every search.
        """
        with self._using("check the catalog") as db:
            rows = db.execute("PRAGMA quick_check(5)").fetchall()
        findings = [line for r in rows for line in str(r[0]).splitlines() if line.strip()]
        if findings != ["ok"]:
            raise CatalogDamagedError(
                f"the catalog {self._path} is damaged ({'; '.join(findings)}). It is only a "
                "search index: it will be rebuilt from the ledger (no recording is lost)"
            )

    def stations(self) -> list[str]:
        """The names of all stations that have clips, sorted."""
        # Skip-scan of the (station, start_ms) index: one index probe per
        # station instead of reading every clip row.
        sql = """
            WITH RECURSIVE s(name) AS (
                SELECT min(station) FROM clips
                UNION ALL
                SELECT (SELECT min(station) FROM clips WHERE station > s.name)
                FROM s WHERE s.name IS NOT NULL
            )
            SELECT name FROM s WHERE name IS NOT NULL
        """
        with self._using("list stations") as db:
            return [row[0] for row in db.execute(sql).fetchall()]


# -- helpers ------------------------------------------------------------------


def _storage_error(path: Path, action: str, exc: sqlite3.Error) -> StorageError:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in _DAMAGED_CODES:
        return CatalogDamagedError(
            f"the catalog {path} is damaged ({exc}). It is only a search index: close "
            "PackSeal, move the file aside, and it will be rebuilt from the ledger "
            "(no recording is lost)"
        )
    if code is not None and code & 0xFF == _SQLITE_FULL:
        return StorageFullError(
            f"could not {action}: the disk holding the catalog {path} is full ({exc}). "
            "Free space on that disk; nothing was half written"
        )
    if code is not None and code & 0xFF in (5, 6):  # SQLITE_BUSY, SQLITE_LOCKED
        return StorageError(
            f"could not {action}: the catalog {path} stayed locked by another program "
            f"for {BUSY_TIMEOUT_S:.0f} s ({exc}); close other copies of PackSeal and retry"
        )
    return StorageError(f"could not {action} in the catalog {path}: {exc}")


def _plan(db: Database, flt: ClipFilter, *, wanted: int, order_by: str) -> tuple[str, list[object]] | None:
    """The WHERE clause for ``flt``, using the search text the cheaper way; None if nothing matches."""
    match = flt.text_match()
    if match is None:
        return flt.where()
    # Counting the text's matches reads only its index, and only up to the
    # point where walking the sort index becomes the cheaper plan.
    total = _scalar(db, "SELECT coalesce(max(id), 0) FROM clips")  # rowids grow: a cheap estimate
    threshold = walk_threshold(wanted, total, order_by)
    up_to = 1 if threshold is None else threshold + 1
    matches = _scalar(db, match.count_sql(up_to=up_to), match.params)
    if matches == 0:
        return None
    walk = threshold is not None and matches > threshold
    return flt.where(text_through_index=not walk)


def _select(
    db: Database, sql: str, params: Sequence[object] | dict[str, object] = ()
) -> list[dict[str, Any]]:
    """Rows as dicts (lighter than Database.query, which wraps every read in a savepoint)."""
    cursor = db.execute(sql, params if isinstance(params, dict) else list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _scalar(db: Database, sql: str, params: Iterable[object] = ()) -> int:
    return int(db.execute(sql, list(params)).fetchone()[0])


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
    _check_int_fields(row, ("scan_ms", "start_ms", "created_ms"), required=True)
    _check_clip_values(row)
    row["pinned"] = int(bool(row["pinned"]))
    row["disputed"] = int(bool(row["disputed"]))
    return row


def _segment_row(record: SegmentRecord) -> dict[str, Any]:
    """The row to insert for ``record``, checked; ``id`` left out."""
    if not isinstance(record, SegmentRecord):
        raise BadInputError(f"expected a SegmentRecord, got {type(record).__name__}")
    row = {name: getattr(record, name) for name in _SEGMENT_COLUMNS if name != "id"}
    _check_int_fields(row, ("seq", "start_ms", "end_ms"), required=True)
    _check_int_fields(row, ("frames", "bytes", "ledger_seq", "deleted_ms"), required=False)
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
    _check_int_fields(
        values,
        ("scan_ms", "start_ms", "end_ms", "duration_ms", "frame_count", "bytes",
         "deleted_ms", "ledger_seq"),
        required=False,
    )
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
    for name in ("sha256", "deleted_reason"):
        if values.get(name) is not None and not isinstance(values[name], str):
            raise BadInputError(f"a clip's {name} must be text")


def _check_int_fields(values: dict[str, Any], names: Iterable[str], *, required: bool) -> None:
    for name in names:
        if name not in values:
            continue
        value = values[name]
        if value is None and not required:
            continue
        if not isinstance(value, int) or isinstance(value, bool):
            raise BadInputError(f"{name} must be a whole number, not {value!r}")


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


def _clip_from_row(row: dict[str, Any]) -> ClipRecord:
    row = dict(row)
    row["pinned"] = bool(row["pinned"])
    row["disputed"] = bool(row["disputed"])
    return ClipRecord(**row)


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
