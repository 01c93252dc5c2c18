"""Reading the catalog: a clip, an order's clips, a page of search results, tape by time.

Searches by order text go through the FTS index or walk the sort index,
whichever :mod:`.query` says is cheaper for the page asked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime, tzinfo
from typing import Any

from sqlite_utils import Database

from packseal.core.catalog.database import (CatalogDatabase, camera_files_of, check_int_fields, clip_from_row, scalar,
                                           select_rows)
from packseal.core.catalog.query import ClipFilter, order_clause, walk_threshold
from packseal.core.catalog.records import ClipRecord, LiveFile, SegmentRecord
from packseal.core.errors import BadInputError

#: Largest page of search results.
MAX_LIMIT = 10_000
#: Rows read per query when walking a whole table (the lock is let go in between).
_PAGE = 5_000


class CatalogReads(CatalogDatabase):
    """What reads the catalog (one of the two halves of :class:`~packseal.core.catalog.catalog.Catalog`)."""

    def get_clip(self, clip_id: int) -> ClipRecord | None:
        """The clip with this id, or None."""
        with self._using("read a clip") as db:
            rows = select_rows(db, "SELECT * FROM clips WHERE id = ?", [clip_id])
        return clip_from_row(rows[0]) if rows else None

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
            rows = select_rows(
                db, "SELECT * FROM clips WHERE order_id = ? ORDER BY start_ms, id", [order_id]
            )
            return [clip_from_row(r) for r in rows]

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
        kind: str | None = None,
        outcome: str | Iterable[str] | None = None,
        packer: str | None = None,
    ) -> list[ClipRecord]:
        """One page of clips matching the filters.

        ``query`` matches anywhere in the order ID, ignoring case (1-2
        characters: the start of the ID). Dates filter on the clip's start;
        both ends are inclusive, a ``date`` covering its whole day in ``tz``
        (default: this computer's time zone). ``order_by`` is a column name
        from :data:`~packseal.core.catalog.query.ORDER_COLUMNS`. ``kind``
        (shipment, return), ``outcome`` (one or several of
        :data:`~packseal.core.catalog.query.OUTCOME_FILTERS`) and ``packer``
        filter on the clip's signed packing record.
        """
        flt = ClipFilter(query, date_from, date_to, station, status, include_deleted, tz, kind, outcome, packer)
        order = order_clause(order_by, descending)
        if not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
            raise BadInputError(f"a page holds 1 to {MAX_LIMIT} clips, not {limit!r}")
        if not isinstance(offset, int) or offset < 0:
            raise BadInputError(f"the page offset must be 0 or more, not {offset!r}")
        with self._using("search the catalog") as db:
            planned = plan_where(db, flt, wanted=limit + offset, order_by=order_by)
            if planned is None:
                return []
            where, params = planned
            sql = f"SELECT * FROM clips {where} {order} LIMIT ? OFFSET ?"
            return [clip_from_row(r) for r in select_rows(db, sql, [*params, limit, offset])]

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
        kind: str | None = None,
        outcome: str | Iterable[str] | None = None,
        packer: str | None = None,
    ) -> int:
        """How many clips :meth:`search` would find with these filters, over all pages."""
        flt = ClipFilter(query, date_from, date_to, station, status, include_deleted, tz, kind, outcome, packer)
        with self._using("count clips") as db:
            match = flt.text_match()
            if match is not None and flt.text_only:
                return scalar(db, match.count_sql(), match.params)
            planned = plan_where(db, flt, wanted=100, order_by="start_ms")
            if planned is None:
                return 0
            where, params = planned
            return scalar(db, f"SELECT count(*) FROM clips {where}", params)

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
            rows = select_rows(db, sql, {"camera": camera, "start": start_ms, "end": end_ms})
            return [SegmentRecord(**r) for r in rows]

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
        return [clip_from_row(r) for r in self._oldest(
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
        check_int_fields({"before_ms": before_ms}, ("before_ms",), required=False)
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
            check_int_fields({"start": start, "id": row_id}, ("start", "id"), required=True)
            terms.append("(start_ms, id) > (?, ?)")
            params.extend((start, row_id))
        sql = f"SELECT * FROM {table} WHERE {' AND '.join(terms)} ORDER BY start_ms, id LIMIT ?"
        with self._using(action) as db:
            return select_rows(db, sql, [*params, limit])

    def clip_by_ledger_seq(self, seq: int) -> ClipRecord | None:
        """The clip sealed by ledger entry ``seq``, or None."""
        with self._using("find a clip by its ledger entry") as db:
            rows = select_rows(db, "SELECT * FROM clips WHERE ledger_seq = ? ORDER BY id LIMIT 1", [seq])
        return clip_from_row(rows[0]) if rows else None

    def clip_by_file(self, file: str) -> ClipRecord | None:
        """The newest clip row for this data-dir relative path (deleted or not), or None."""
        with self._using("find a clip by its file") as db:
            rows = select_rows(db, "SELECT * FROM clips WHERE file = ? ORDER BY id DESC LIMIT 1", [file])
        return clip_from_row(rows[0]) if rows else None

    def segment_by_file(self, file: str) -> SegmentRecord | None:
        """The newest segment row for this data-dir relative path (deleted or not), or None."""
        with self._using("find a tape segment by its file") as db:
            rows = select_rows(db, "SELECT * FROM segments WHERE file = ? ORDER BY id DESC LIMIT 1", [file])
        return SegmentRecord(**rows[0]) if rows else None

    def clip_files_in(self, folder: str) -> set[str]:
        """The files of every clip row (deleted ones too) directly inside ``folder`` (data-dir relative),
        the other cameras' files beside them included."""
        prefix = folder.rstrip("/") + "/"
        # A range on the clips(file) index: every path starting with "folder/" sorts
        # below "folder0" ("0" follows "/"); deeper paths are dropped below.
        with self._using("list the clips of a folder") as db:
            rows = db.execute("SELECT file, camera_files FROM clips WHERE file >= ? AND file < ?",
                              [prefix, prefix[:-1] + "0"]).fetchall()
        files = [r[0] for r in rows] + [f.file for r in rows for f in camera_files_of(r[1]) if f.file]
        return {f for f in files if f.startswith(prefix) and "/" not in f[len(prefix):]}

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

    def linked_clips(self, clip: ClipRecord) -> list[ClipRecord]:
        """The clips on the other side of a return: a return's shipment, or a shipment's returns.

        A return names its shipment's order ID (``linked_order``); a shipment
        is that order's clip, keyed by the order ID itself or, when it was
        keyed by a waybill, naming the order ID as ``order_ref``. Oldest first.
        """
        if clip.kind == "return":
            if not clip.linked_order:
                return []
            sql = ("SELECT * FROM clips WHERE kind = 'shipment' AND (order_id = :o OR order_ref = :o) "
                   "ORDER BY start_ms, id")
            names = {"o": clip.linked_order}
        else:
            names = {"o": clip.order_id, "r": clip.order_ref or clip.order_id}
            sql = ("SELECT * FROM clips WHERE kind = 'return' AND linked_order IN (:o, :r) "
                   "ORDER BY start_ms, id")
        with self._using("find the clips linked to a clip") as db:
            return [clip_from_row(r) for r in select_rows(db, sql, names)]

    def packers(self) -> list[str]:
        """The badge codes of every packer who has clips, sorted."""
        with self._using("list packers") as db:
            rows = db.execute("SELECT DISTINCT packer FROM clips WHERE packer IS NOT NULL "
                              "ORDER BY packer").fetchall()
        return [row[0] for row in rows]

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


def plan_where(db: Database, flt: ClipFilter, *, wanted: int, order_by: str) -> tuple[str, list[object]] | None:
    """The WHERE clause for ``flt``, using the search text the cheaper way; None if nothing matches."""
    match = flt.text_match()
    if match is None:
        return flt.where()
    # Counting the text's matches reads only its index, and only up to the
    # point where walking the sort index becomes the cheaper plan.
    total = scalar(db, "SELECT coalesce(max(id), 0) FROM clips")  # rowids grow: a cheap estimate
    threshold = walk_threshold(wanted, total, order_by)
    up_to = 1 if threshold is None else threshold + 1
    matches = scalar(db, match.count_sql(up_to=up_to), match.params)
    if matches == 0:
        return None
    walk = threshold is not None and matches > threshold
    return flt.where(text_through_index=not walk)
