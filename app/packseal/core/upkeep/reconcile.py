"""Start-up reconciliation of catalog, ledger and files.

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

The last two look at every live file, which takes seconds on a station
with months of clips: :func:`check_files` is that half on its own, so that
the recorder can run it once its station is recording (``reconcile(...,
files=False)`` at the start, then ``check_files`` with retention held off).

A catalog that is damaged or missing is rebuilt instead (:mod:`.rebuild`).
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, TypeVar

from packseal.core.catalog.catalog import Catalog
from packseal.core.catalog.ledger_rows import stamp_ms
from packseal.core.errors import LedgerError, PackSealError
from packseal.core.ledger import CLIP, RETENTION, SEGMENT, Entry, Ledger, seal_path_for, write_seal
from packseal.core.ledger.bodies import body_problem, relative_path_problem
from packseal.core.ledger.seal import SEAL_SUFFIX
from packseal.core.storage.layout import DataLayout
from packseal.core.upkeep.indexing import BATCH, WATERMARK, RowWriter, read_watermark, write_watermark
from packseal.core.upkeep.retention import CLIP_INDEX_SUFFIX, remove_finished_session

log = logging.getLogger(__name__)
T = TypeVar("T")

#: Files in clips/ younger than this may still be being written by a running station.
MIN_UNKNOWN_AGE_S = 60.0

__all__ = ["MIN_UNKNOWN_AGE_S", "WATERMARK", "FilesChecked", "ReconcileReport", "check_files", "reconcile"]


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
    files_pending: bool = False     # the files' half was left for :func:`check_files`

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


@dataclass(frozen=True)
class FilesChecked:
    """The files' half of the start-up reconciliation, run after the station started, found problems."""

    summary: str


def _first(items: list[str], rest: str, shown: int = 5) -> list[str]:
    """At most ``shown`` items and a count of the others: a summary is logged, and logs stay small."""
    if len(items) <= shown:
        return list(items)
    return [*items[:shown], f"… and {len(items) - shown} {rest}"]


# -- which entries the catalog already has ------------------------------------------------


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
            self.page = self.catalog.ledger_seqs(self.table, self.after, limit=BATCH)
            self.pos = 0
            if len(self.page) < BATCH:
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


def reconcile(layout: DataLayout, catalog: Catalog, ledger: Ledger, *, full: bool = False,
              remove: Callable[[Path], None] = os.remove,
              min_unknown_age_s: float = MIN_UNKNOWN_AGE_S, files: bool = True) -> ReconcileReport:
    """Bring the catalog in line with the ledger and the files (module doc); report what was found.

    Reads the ledger from where the last reconciliation stopped (``full``:
    from the start). Run it at start-up, after crash recovery and before
    retention, while no station of this data dir records (like recovery:
    under the camera lock). ``remove`` deletes one file (replaceable to
    inject faults). ``files=False`` leaves the look at every live file for
    :func:`check_files` (``files_pending`` says so). Raises
    :class:`StorageError` when the catalog cannot be written.
    """
    report = ReconcileReport()
    writer = RowWriter(catalog, report.problems)
    pending: list[_Pending] = []
    unindexed_clips: list[Entry] = []
    root = str(layout.root)
    mark = None if full else read_watermark(catalog)
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
                writer.retire(body["sealed_by"], stamp_ms(entry.time), body["reason"])
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
    report.files_pending = True
    if files:
        _look_at_files(layout, catalog, ledger, report, min_unknown_age_s, stopping=lambda: False)
    if read_all and last is not None:
        seq, digest = (hold.seq - 1, hold.prev) if hold is not None else (last.seq, last.hash)
        if seq >= 0:
            write_watermark(catalog, seq, digest)
    if report.clips_added or report.segments_added or report.marked_deleted or not report.ok:
        log.log(logging.INFO if report.ok else logging.WARNING, "reconciliation: %s", report.summary())
    return report


def check_files(layout: DataLayout, catalog: Catalog, ledger: Ledger, report: ReconcileReport, *,
                min_unknown_age_s: float = MIN_UNKNOWN_AGE_S,
                stopping: Callable[[], bool] = lambda: False) -> ReconcileReport:
    """The files' half of a reconciliation left for later (``reconcile(..., files=False)``), into ``report``.

    Live rows whose file is gone, and files in ``clips/`` known to neither. It
    may run while a station records (a row is written only once its file
    exists, and files in ``clips/`` younger than ``min_unknown_age_s`` are
    left alone), but not beside retention, which deletes a file before it
    marks the row: hold retention off meanwhile. Given up, with
    ``files_pending`` left set, as soon as ``stopping()`` comes true.
    """
    before_missing, before_unknown = len(report.missing), len(report.unknown_files)
    try:
        _look_at_files(layout, catalog, ledger, report, min_unknown_age_s, stopping=stopping)
    except _Stopped:
        log.info("the look at every file was given up: PackSeal is stopping")
        return report
    if len(report.missing) > before_missing or len(report.unknown_files) > before_unknown:
        log.warning("reconciliation, the files: %s", report.summary())
    return report


def _look_at_files(layout: DataLayout, catalog: Catalog, ledger: Ledger, report: ReconcileReport,
                   min_unknown_age_s: float, *, stopping: Callable[[], bool]) -> None:
    """Missing files, then unknown ones, into ``report``; :class:`_Stopped` once ``stopping()``."""
    _find_missing(layout, catalog, ledger, report, start_seq=report.scanned_from, stopping=stopping)
    _find_unknown(layout, catalog, report, min_unknown_age_s, stopping=stopping)
    report.files_pending = False


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


class _Stopped(Exception):
    pass


def _until(items: Iterable[T], stopping: Callable[[], bool], every: int = 1000) -> Iterator[T]:
    """``items``, raising :class:`_Stopped` once ``stopping()`` comes true (asked every ``every`` items)."""
    for n, item in enumerate(items):
        if n % every == 0 and stopping():
            raise _Stopped
        yield item


def _find_missing(layout: DataLayout, catalog: Catalog, ledger: Ledger, report: ReconcileReport, *,
                  start_seq: int, stopping: Callable[[], bool]) -> None:
    """Report live rows whose file is gone (after the marks from retention entries were applied)."""
    present = _Listings(str(layout.root))
    missing = [(table, row) for table in ("clips", "segments")
               for row in _until(catalog.live_files(table), stopping) if not present.has(row.file)]
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
                    marks.append((entry.body["sealed_by"], stamp_ms(entry.time), entry.body["reason"]))
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


class _Listings:
    """Whether files are there, one folder listing at a time: far cheaper than a look at each path."""

    _KEPT = 64  # folders listed at once (two cameras' tapes interleave in time)

    def __init__(self, root: str) -> None:
        self.root = root
        self._names: dict[str, frozenset[str]] = {}

    def has(self, relative: str) -> bool:
        folder, _, name = relative.rpartition("/")
        names = self._names.get(folder)
        if names is None:
            if len(self._names) >= self._KEPT:
                self._names.clear()
            try:
                with os.scandir(os.path.join(self.root, folder)) as found:
                    names = frozenset(entry.name for entry in found)
            except OSError:
                names = frozenset()
            self._names[folder] = names
        # Not listed: look at the path itself (a folder that could not be listed, a disk that folds case).
        return name in names or os.path.lexists(os.path.join(self.root, relative))


def _find_unknown(layout: DataLayout, catalog: Catalog, report: ReconcileReport, min_age_s: float, *,
                  stopping: Callable[[], bool]) -> None:
    """Report files in clips/ that are no clip, seal or frame index the catalog knows."""
    now = time.time()
    for dirpath, _dirnames, filenames in _until(os.walk(layout.clips), stopping, every=1):
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
