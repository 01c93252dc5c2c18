"""Start-up reconciliation of catalog, ledger and files; rebuilding the catalog from the ledger.

The ledger is the record; the catalog is an index of it and the files are
what it seals. After a crash, a power cut, a full disk or a damaged database
the three can disagree. :func:`reconcile` brings the catalog back in line:

- a clip or segment entry without a catalog row gets its row (from the entry),
  and such a clip gets its ``.seal.json`` if the crash came before it was written;
- a retention entry marks its row deleted; if its file is still there (a crash
  between the entry and the deletion) the deletion is completed;
- a row whose file is gone with no retention entry is reported as a problem
  and kept (``packseal verify`` names it too): never marked deleted silently;
- files in ``clips/`` that neither knows are reported, never deleted.

Only the ledger entries added since the last reconciliation are read (the
catalog remembers how far it got, with the hash of that entry, so a ledger
that was replaced is noticed and read again in full).

:func:`open_or_rebuild_catalog` opens the catalog at start-up and, when the
file is damaged or missing, moves it aside and builds a new one from the
ledger alone (:func:`rebuild_catalog`). Pins, notes and "disputed" marks live
only in the catalog: they are carried over from the damaged file as far as
it can still be read, and are otherwise lost.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable
from urllib.parse import quote

from packseal.core.catalog.catalog import Catalog, CatalogDamagedError
from packseal.core.catalog.records import ClipRecord, SegmentRecord, to_ms
from packseal.core.errors import LedgerError, PackSealError, StorageError
from packseal.core.ledger import CLIP, RETENTION, SEGMENT, Entry, Ledger, seal_path_for, write_seal
from packseal.core.ledger.bodies import body_problem, relative_path_problem
from packseal.core.storage.durable import fsync_dir
from packseal.core.ledger.seal import SEAL_SUFFIX
from packseal.core.storage.layout import DataLayout
from packseal.core.upkeep.retention import CLIP_INDEX_SUFFIX, remove_finished_session

log = logging.getLogger(__name__)

#: Catalog meta key: ``"<seq>:<entry hash>"`` of the last ledger entry reconciled.
WATERMARK = "reconciled_through"
#: Files in clips/ younger than this may still be being written by a running station.
MIN_UNKNOWN_AGE_S = 60.0

_MAX_INT = 2**53 - 1  # the ledger's integer range (FORMAT.md §1)
_BATCH = 20_000


@dataclass
class ReconcileReport:
    """What reconciliation found and did."""

    scanned_from: int = 0           # first ledger seq read
    entries_read: int = 0
    clips_added: int = 0            # rows made from ledger entries the catalog lacked
    segments_added: int = 0
    marked_deleted: int = 0         # rows marked deleted from retention entries
    deletions_completed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)        # problems: gone without a retention entry
    unknown_files: list[str] = field(default_factory=list)  # in clips/, known to neither; kept
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing needs the owner's attention."""
        return not (self.missing or self.problems or self.unknown_files)

    def summary(self) -> str:
        parts = []
        if self.clips_added or self.segments_added:
            parts.append(f"added {self.clips_added} clip(s) and {self.segments_added} tape segment(s) "
                         "to the catalog from the ledger")
        if self.marked_deleted:
            parts.append(f"marked {self.marked_deleted} deleted file(s) in the catalog")
        if self.deletions_completed:
            parts.append(f"finished deleting {len(self.deletions_completed)} file(s) retention had recorded")
        parts.extend(_first(self.missing, "more files are missing"))
        if self.unknown_files:
            shown = ", ".join(self.unknown_files[:5]) + (" …" if len(self.unknown_files) > 5 else "")
            parts.append(f"{len(self.unknown_files)} file(s) in clips/ are known to neither the ledger nor "
                         f"the catalog (kept; move them away if they are not yours): {shown}")
        parts.extend(_first(self.problems, "more problems"))
        parts.extend(self.notes)
        return "; ".join(parts) or "catalog, ledger and files agree"


def _first(items: list[str], rest: str, shown: int = 5) -> list[str]:
    """At most ``shown`` items and a count of the others: a summary is logged, and logs stay small."""
    if len(items) <= shown:
        return list(items)
    return [*items[:shown], f"… and {len(items) - shown} {rest}"]


# -- rows from ledger entries -------------------------------------------------------------


def _ms(stamp: str) -> int:
    return to_ms(datetime.fromisoformat(stamp))


def record_from_entry(entry: Entry) -> ClipRecord | SegmentRecord:
    """The catalog row a ``clip`` or ``segment`` entry describes.

    Raises :class:`ValueError` saying why when the entry cannot be a row
    (malformed body, unsafe path, numbers out of range).
    """
    body = entry.body
    problem = body_problem(entry.kind, body)
    if problem:
        raise ValueError(problem)
    problem = relative_path_problem(body["file"])
    if problem:
        raise ValueError(f"its file {body['file']!r} {problem}")
    numbers = [v for v in body.values() if type(v) is int]
    if any(n > _MAX_INT for n in numbers):
        raise ValueError("it holds a number beyond 2^53 - 1")
    start, end = _ms(body["start"]), _ms(body["end"])
    if end < start:
        raise ValueError(f"it ends ({body['end']}) before it starts ({body['start']})")
    if entry.kind == SEGMENT:
        return SegmentRecord(
            camera=body["camera"], seq=body["seq"], file=body["file"], start_ms=start, end_ms=end,
            frames=body["frames"], bytes=body["bytes"], sha256=body["sha256"], ledger_seq=entry.seq)
    if entry.kind == CLIP:
        return ClipRecord(
            order_id=body["order_id"], station=entry.station or "(unnamed station)",
            scan_ms=_ms(body["scan_time"]), start_ms=start, end_ms=end, file=body["file"],
            duration_ms=body["duration_ms"], frame_count=body["frame_count"], bytes=body["bytes"],
            sha256=body["sha256"], status=body["status"], ledger_seq=entry.seq,
            created_ms=_ms(entry.time))
    raise ValueError(f"a {entry.kind} entry seals no clip or segment")


class _RowWriter:
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
        if len(pending) >= _BATCH:
            self._write_rows()

    def retire(self, sealed_by: int, when_ms: int, reason: str) -> None:
        """The file sealed by entry ``sealed_by`` was deleted at ``when_ms``."""
        for pending in (self.clips, self.segments):
            record = pending.get(sealed_by)
            if record is not None:
                if record.deleted_ms is None:
                    pending[sealed_by] = replace(record, deleted_ms=when_ms, deleted_reason=reason)
                return
        if 0 <= sealed_by <= _MAX_INT:
            self.marks.append((sealed_by, when_ms, reason))
        if len(self.marks) >= _BATCH:
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


class _KnownSeqs:
    """Which ledger seqs have a catalog row, asked in ascending order (a merge walk, bounded memory)."""

    def __init__(self, catalog: Catalog, after: int) -> None:
        self._walks = {table: _SeqWalk(catalog, table, after) for table in ("clips", "segments")}

    def __contains__(self, seq: int) -> bool:
        return any(seq in walk for walk in self._walks.values())


class _SeqWalk:
    def __init__(self, catalog: Catalog, table: str, after: int) -> None:
        self.catalog, self.table = catalog, table
        self.page: list[int] = []
        self.pos = 0
        self.after = after
        self.done = False

    def __contains__(self, seq: int) -> bool:
        while True:
            while self.pos < len(self.page) and self.page[self.pos] < seq:
                self.pos += 1
            if self.pos < len(self.page):
                return self.page[self.pos] == seq
            if self.done:
                return False
            self.page = self.catalog.ledger_seqs(self.table, self.after, limit=_BATCH)
            self.pos = 0
            if len(self.page) < _BATCH:
                self.done = True
            if self.page:
                self.after = self.page[-1]


# -- reconciliation -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Pending:
    """A retention entry whose file is still on disk."""

    seq: int
    prev: str  # hash of the entry before it: the watermark to hold if its deletion cannot finish
    file: str
    sealed_by: int


def _read_watermark(catalog: Catalog) -> tuple[int, str] | None:
    value = catalog.get_meta(WATERMARK)
    if not value:
        return None
    seq, _, digest = value.partition(":")
    try:
        return int(seq), digest
    except ValueError:
        return None


def reconcile(layout: DataLayout, catalog: Catalog, ledger: Ledger, *, full: bool = False,
              remove: Callable[[Path], None] = os.remove,
              min_unknown_age_s: float = MIN_UNKNOWN_AGE_S) -> ReconcileReport:
    """Bring the catalog in line with the ledger and the files (module doc); report what was found.

    Reads the ledger from where the last reconciliation stopped (``full``:
    from the start). Run it at start-up, after crash recovery and before
    retention, while no station of this data dir records (like recovery:
    under the camera lock). ``remove`` deletes one file (replaceable to
    inject faults). Raises :class:`StorageError` when the catalog cannot be
    written.
    """
    report = ReconcileReport()
    writer = _RowWriter(catalog, report.problems)
    pending: list[_Pending] = []
    unindexed_clips: list[Entry] = []
    root = str(layout.root)
    mark = None if full else _read_watermark(catalog)
    last: Entry | None = None
    read_all = False
    try:
        entries = ledger.entries(mark[0] if mark else 0)
        start = 0
        if mark is not None:
            first = next(entries, None)
            if first is not None and first.seq == mark[0] and first.hash == mark[1]:
                start, last = mark[0] + 1, first
            else:
                report.notes.append("the ledger is not the one the catalog was last reconciled with "
                                    "(restored or replaced?): it was read in full")
                entries = ledger.entries(0)
        report.scanned_from = start
        known = _KnownSeqs(catalog, start - 1)
        for entry in entries:
            report.entries_read += 1
            last = entry
            if entry.kind in (SEGMENT, CLIP):
                if entry.seq not in known:
                    writer.add(entry)
                    if entry.kind == CLIP:
                        unindexed_clips.append(entry)
            elif entry.kind == RETENTION and not body_problem(RETENTION, entry.body):
                body = entry.body
                writer.retire(body["sealed_by"], _ms(entry.time), body["reason"])
                if (not relative_path_problem(body["file"])
                        and os.path.lexists(os.path.join(root, body["file"]))):
                    pending.append(_Pending(entry.seq, entry.prev, body["file"], body["sealed_by"]))
        read_all = True
    except LedgerError as exc:
        report.problems.append(f"the ledger could not be read to its end ({exc}); run `packseal verify`")
    finally:
        writer.flush()
    report.clips_added, report.segments_added = writer.clips_added, writer.segments_added
    report.marked_deleted = writer.marked
    _write_missing_seals(layout, ledger, unindexed_clips, report)
    hold = _finish_deletions(layout, catalog, pending, report, remove)
    _find_missing(layout, catalog, ledger, report, start_seq=report.scanned_from)
    _find_unknown(layout, catalog, report, min_unknown_age_s)
    if read_all and last is not None:
        seq, digest = (hold.seq - 1, hold.prev) if hold is not None else (last.seq, last.hash)
        if seq >= 0:
            catalog.set_meta(WATERMARK, f"{seq}:{digest}")
    if report.clips_added or report.segments_added or report.marked_deleted or not report.ok:
        log.log(logging.INFO if report.ok else logging.WARNING, "reconciliation: %s", report.summary())
    return report


def _write_missing_seals(layout: DataLayout, ledger: Ledger, entries: list[Entry],
                         report: ReconcileReport) -> None:
    """Write the seal of a clip sealed in the ledger whose seal file a crash prevented."""
    for entry in entries:
        file = entry.body.get("file")
        if not isinstance(file, str) or relative_path_problem(file):
            continue
        clip = layout.root / file
        if not clip.is_file() or seal_path_for(clip).exists():
            continue
        try:
            write_seal(clip, entry, ledger.public_key_of(entry.key))
        except PackSealError as exc:
            report.problems.append(f"the seal of {file} could not be written ({exc})")
        else:
            report.notes.append(f"wrote the missing seal of {file} (ledger entry {entry.seq})")


def _finish_deletions(layout: DataLayout, catalog: Catalog, pending: list[_Pending],
                      report: ReconcileReport, remove: Callable[[Path], None]) -> _Pending | None:
    """Delete files the ledger already records as deleted; return the first that could not go."""
    hold: _Pending | None = None
    for item in pending:
        clip, seg = catalog.clip_by_file(item.file), catalog.segment_by_file(item.file)
        newest = max((r.ledger_seq for r in (clip, seg) if r is not None and r.ledger_seq is not None),
                     default=None)
        if newest != item.sealed_by:
            continue  # the path was sealed again later: the file there now is the newer one
        row = clip if clip is not None and clip.ledger_seq == item.sealed_by else seg
        path = layout.root / item.file
        try:
            size = path.stat().st_size
        except OSError:
            continue  # gone meanwhile: nothing left to finish
        if row is not None and row.bytes is not None and size != row.bytes:
            report.problems.append(f"{item.file} is recorded as deleted (ledger entry {item.seq}) but the "
                                   "file there differs from the one sealed; it was kept")
            continue
        try:
            remove(path)
        except FileNotFoundError:
            pass
        except OSError as exc:
            report.problems.append(f"could not finish deleting {item.file} ({exc.strerror or exc}); "
                                   "it is tried again at the next start-up")
            hold = hold or item
            continue
        report.deletions_completed.append(item.file)
        if row is clip and clip is not None:
            try:
                remove(path.with_name(path.name + CLIP_INDEX_SUFFIX))
            except OSError:
                pass
        else:
            remove_finished_session(path.parent, layout)
    return hold


def _find_missing(layout: DataLayout, catalog: Catalog, ledger: Ledger, report: ReconcileReport, *,
                  start_seq: int) -> None:
    """Report live rows whose file is gone (after the marks from retention entries were applied)."""
    root = str(layout.root)
    missing = [(table, row) for table in ("clips", "segments") for row in catalog.live_files(table)
               if not os.path.lexists(os.path.join(root, row.file))]
    if missing and start_seq > 0:
        # A retention entry older than the reconciled part may explain them
        # (a catalog restored from a backup): look for one, once.
        wanted = {row.ledger_seq for _, row in missing if row.ledger_seq is not None}
        marks = []
        try:
            for entry in ledger.entries(0):
                if entry.seq >= start_seq:
                    break
                if (entry.kind == RETENTION and not body_problem(RETENTION, entry.body)
                        and entry.body["sealed_by"] in wanted):
                    marks.append((entry.body["sealed_by"], _ms(entry.time), entry.body["reason"]))
        except LedgerError:
            pass  # already reported by the main pass, or shown by `packseal verify`
        if marks:
            report.marked_deleted += catalog.mark_deleted_by_ledger_seq(marks)
            explained = {m[0] for m in marks}
            missing = [(t, r) for t, r in missing if r.ledger_seq not in explained]
    for table, row in missing:
        what = "clip" if table == "clips" else "tape segment"
        if row.ledger_seq is None:
            report.missing.append(f"{what} {row.file} is missing; it was never sealed, so nothing "
                                  "proves what it held")
        else:
            report.missing.append(f"{what} {row.file} is missing and no retention entry explains it "
                                  f"(sealed by ledger entry {row.ledger_seq}); its catalog row is kept — "
                                  "run `packseal verify`")


def _find_unknown(layout: DataLayout, catalog: Catalog, report: ReconcileReport, min_age_s: float) -> None:
    """Report files in clips/ that are no clip, seal or frame index the catalog knows."""
    now = time.time()
    for dirpath, _dirnames, filenames in os.walk(layout.clips):
        folder = Path(dirpath).relative_to(layout.root).as_posix()
        known = catalog.clip_files_in(folder) if filenames else set()
        for name in sorted(filenames):
            base = name
            for suffix in (SEAL_SUFFIX, CLIP_INDEX_SUFFIX):
                if name.endswith(suffix):
                    base = name[: -len(suffix)]
            path = Path(dirpath) / name
            if f"{folder}/{base}" in known:
                continue
            try:
                if now - path.lstat().st_mtime < min_age_s:
                    continue  # perhaps being written right now
            except OSError:
                continue
            report.unknown_files.append(path.relative_to(layout.root).as_posix())


# -- rebuilding ---------------------------------------------------------------------------


@dataclass
class RebuildResult:
    clips: int = 0
    segments: int = 0
    carried_over: int = 0   # clips whose pin, note or disputed mark came from the damaged file
    problems: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return self.clips + self.segments


def rebuild_catalog(layout: DataLayout, ledger: Ledger, catalog_path: Path | str, *,
                    carry_over_from: Path | None = None) -> int:
    """Build a fresh catalog at ``catalog_path`` from the ledger alone; return the rows written.

    Segment entries become segment rows, clip entries clip rows, retention
    entries deletion marks. Pins, notes and "disputed" marks are not in the
    ledger: they are lost, except what can still be read from
    ``carry_over_from`` (a damaged catalog moved aside). The new file is
    built beside the target and renamed into place, so a crash leaves the
    old state. Raises :class:`StorageError` when it cannot be written.
    """
    return _rebuild(layout, ledger, Path(catalog_path), carry_over_from).rows


def _rebuild(layout: DataLayout, ledger: Ledger, target: Path, carry_over_from: Path | None) -> RebuildResult:
    result = RebuildResult()
    building = target.with_name(target.name + ".rebuilding")
    _remove_database(building)
    catalog = Catalog.open(building)
    try:
        writer = _RowWriter(catalog, result.problems)
        last: Entry | None = None
        try:
            for entry in ledger.entries():
                last = entry
                if entry.kind in (SEGMENT, CLIP):
                    writer.add(entry)
                elif entry.kind == RETENTION and not body_problem(RETENTION, entry.body):
                    writer.retire(entry.body["sealed_by"], _ms(entry.time), entry.body["reason"])
        except LedgerError as exc:
            result.problems.append(f"the ledger could not be read past entry "
                                   f"{last.seq if last else 0} ({exc}); run `packseal verify`")
            last = None  # not reconciled to the end: the next reconciliation reads it all
        writer.flush()
        result.clips, result.segments = writer.clips_added, writer.segments_added
        if carry_over_from is not None:
            result.carried_over = _carry_over(catalog, carry_over_from)
        if last is not None:
            catalog.set_meta(WATERMARK, f"{last.seq}:{last.hash}")
    except BaseException:
        catalog.close()
        _remove_database(building)
        raise
    catalog.close()
    if Path(f"{building}-wal").exists():
        # Closing checkpoints the WAL into the file; one left over would be lost by the rename.
        raise StorageError(f"could not finish the rebuilt catalog {building}: its journal was not "
                           "written back; close other PackSeal windows and retry")
    try:
        _move_stale_journal_aside(target)
        os.replace(building, target)
        fsync_dir(target.parent)
    except OSError as exc:
        raise StorageError(f"could not put the rebuilt catalog in place at {target}: "
                           f"{exc.strerror or exc}") from exc
    carried = f", {result.carried_over} pins/notes carried over" if carry_over_from else ""
    log.warning("catalog rebuilt from the ledger: %d clips, %d tape segments%s", result.clips,
                result.segments, carried)
    return result


def _remove_database(path: Path) -> None:
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        try:
            name.unlink(missing_ok=True)
        except OSError as exc:
            raise StorageError(f"cannot remove {name}: {exc.strerror or exc}") from exc


def _move_stale_journal_aside(target: Path) -> None:
    """A -wal/-shm left beside a missing or moved database must not be replayed into the new one."""
    if target.exists():
        return
    stamp = _stamp()
    for suffix in ("-wal", "-shm"):
        stale = Path(f"{target}{suffix}")
        if stale.exists():
            os.replace(stale, Path(f"{target}.stale-{stamp}{suffix}"))


def _stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _carry_over(catalog: Catalog, damaged: Path) -> int:
    """Copy pins, notes and disputed marks from a damaged catalog, as far as it reads; return how many."""
    found: dict[int, tuple[bool, str, bool]] = {}
    try:
        # immutable: read the file as it is, never write to it or to a journal.
        conn = sqlite3.connect(f"file:{quote(str(damaged))}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error:
        return 0
    try:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(clips)")}
        disputed = "disputed" if "disputed" in columns else "0"
        cursor = conn.execute(
            f"SELECT ledger_seq, pinned, note, {disputed} FROM clips "
            f"WHERE ledger_seq IS NOT NULL AND (pinned != 0 OR note != '' OR {disputed} != 0)")
        for seq, pinned, note, is_disputed in cursor:  # stops at the first unreadable page
            if type(seq) is int and pinned in (0, 1) and isinstance(note, str) and is_disputed in (0, 1):
                found[seq] = (bool(pinned), note, bool(is_disputed))
    except sqlite3.Error as exc:
        log.warning("read %d pins/notes from the damaged catalog before: %s", len(found), exc)
    finally:
        conn.close()
    carried = 0
    for seq, (pinned, note, is_disputed) in found.items():
        clip = catalog.clip_by_ledger_seq(seq)
        if clip is not None and clip.id is not None:
            catalog.update_clip(clip.id, pinned=pinned, note=note, disputed=is_disputed)
            carried += 1
    return carried


def move_catalog_aside(path: Path) -> Path:
    """Rename a damaged catalog (and its -wal/-shm) to ``<name>.damaged-<time>``; return the new path."""
    aside = path.with_name(f"{path.name}.damaged-{_stamp()}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.damaged-{_stamp()}-{n}")
    try:
        os.replace(path, aside)
        for suffix in ("-wal", "-shm"):
            journal = Path(f"{path}{suffix}")
            if journal.exists():
                os.replace(journal, Path(f"{aside}{suffix}"))
        fsync_dir(path.parent)
    except OSError as exc:
        raise StorageError(f"could not move the damaged catalog {path} aside: {exc.strerror or exc}; "
                           "move it away by hand and start PackSeal again") from exc
    return aside


def open_or_rebuild_catalog(layout: DataLayout, ledger: Ledger, *,
                            check: bool = True) -> tuple[Catalog, str | None]:
    """Open the catalog for start-up, rebuilding it from the ledger when damaged or missing.

    Returns the open catalog and a note for the owner (None when nothing
    happened). A damaged file (or, with ``check``, one whose pages fail
    ``PRAGMA quick_check``) is moved aside as ``catalog.sqlite.damaged-<time>``
    and replaced by a rebuild; a missing file is rebuilt when the ledger holds
    anything beyond its genesis. Other errors (a catalog from a newer
    PackSeal, a locked or unwritable file) are raised as :class:`StorageError`.
    """
    path = layout.catalog_file
    if not path.exists():
        if ledger.last_seq == 0:
            return Catalog.open(path), None  # a new station: nothing to rebuild
        result = _rebuild(layout, ledger, path, None)
        return Catalog.open(path), (
            f"The search index was missing and has been rebuilt from the ledger ({result.clips} clips, "
            f"{result.segments} tape segments). Pins, notes and disputed marks are kept only in the "
            "index, so they could not be restored." + _problems(result))
    try:
        catalog = Catalog.open(path)
        if check:
            try:
                catalog.check_integrity()
            except BaseException:
                catalog.close()
                raise
        return catalog, None
    except CatalogDamagedError as exc:
        log.error("%s", exc)
    aside = move_catalog_aside(path)
    result = _rebuild(layout, ledger, path, aside)
    kept = (f"{result.carried_over} pinned, disputed or annotated clip(s) were carried over from it."
            if result.carried_over else
            "Pins, notes and disputed marks could not be read from it and are lost.")
    return Catalog.open(path), (
        f"The search index was damaged; it was moved aside to {aside.name} and rebuilt from the ledger "
        f"({result.clips} clips, {result.segments} tape segments). {kept}" + _problems(result))


def _problems(result: RebuildResult) -> str:
    if not result.problems:
        return ""
    return " Some ledger entries could not be indexed: " + "; ".join(result.problems[:3])
