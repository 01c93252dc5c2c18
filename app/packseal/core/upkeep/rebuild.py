"""Rebuilding the catalog from the ledger alone, when it is damaged or missing.

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
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

from packseal.core.catalog.catalog import Catalog
from packseal.core.catalog.database import CatalogDamagedError
from packseal.core.catalog.ledger_rows import stamp_ms
from packseal.core.errors import LedgerError, StorageError
from packseal.core.ledger import CLIP, RETENTION, SEGMENT, Entry, Ledger
from packseal.core.ledger.bodies import body_problem
from packseal.core.storage.durable import fsync_dir
from packseal.core.storage.layout import DataLayout
from packseal.core.upkeep import catalog_trust
from packseal.core.upkeep.indexing import RowWriter, write_watermark

log = logging.getLogger(__name__)


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
        writer = RowWriter(catalog, result.problems)
        last: Entry | None = None
        try:
            for entry in ledger.entries():
                last = entry
                if entry.kind in (SEGMENT, CLIP):
                    writer.add(entry)
                elif entry.kind == RETENTION and not body_problem(RETENTION, entry.body):
                    writer.retire(entry.body["sealed_by"], stamp_ms(entry.time), entry.body["reason"])
        except LedgerError as exc:
            result.problems.append(f"the ledger could not be read past entry "
                                   f"{last.seq if last else 0} ({exc}); run `packseal verify`")
            last = None  # not reconciled to the end: the next reconciliation reads it all
        writer.flush()
        result.clips, result.segments = writer.clips_added, writer.segments_added
        if carry_over_from is not None:
            result.carried_over = _carry_over(catalog, carry_over_from)
        if last is not None:
            write_watermark(catalog, last.seq, last.hash)
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
    happened). A damaged file (one that fails to open, one a run before found
    damaged, or, with ``check``, one whose pages fail ``PRAGMA quick_check``) is
    moved aside as ``catalog.sqlite.damaged-<time>`` and replaced by a rebuild; a
    missing file is rebuilt when the ledger holds anything beyond its genesis.
    Other errors (a catalog from a newer PackSeal, a locked or unwritable file)
    are raised as :class:`StorageError`. The full read is skipped when the file
    can be trusted without it (:func:`.catalog_trust.must_read_whole`).
    """
    path = layout.catalog_file
    if not path.exists():
        if ledger.last_seq == 0:
            return _trusted(layout, Catalog.open(path), read_whole=True), None  # a new station
        result = _rebuild(layout, ledger, path, None)
        return _trusted(layout, Catalog.open(path), read_whole=True), (
            f"The search index was missing and has been rebuilt from the ledger ({result.clips} clips, "
            f"{result.segments} tape segments). Pins, notes and disputed marks are kept only in the "
            "index, so they could not be restored." + _problems(result))
    try:
        if catalog_trust.found_damaged(layout):
            raise CatalogDamagedError(f"the catalog {path} was found damaged while PackSeal ran")
        catalog = Catalog.open(path)
        read_whole = check and catalog_trust.must_read_whole(layout, path)
        if read_whole:
            try:
                catalog.check_integrity()
            except BaseException:
                catalog.close()
                raise
        return _trusted(layout, catalog, read_whole=read_whole), None
    except CatalogDamagedError as exc:
        log.error("%s", exc)
    aside = move_catalog_aside(path)
    result = _rebuild(layout, ledger, path, aside)
    kept = (f"{result.carried_over} pinned, disputed or annotated clip(s) were carried over from it."
            if result.carried_over else
            "Pins, notes and disputed marks could not be read from it and are lost.")
    return _trusted(layout, Catalog.open(path), read_whole=True), (
        f"The search index was damaged; it was moved aside to {aside.name} and rebuilt from the ledger "
        f"({result.clips} clips, {result.segments} tape segments). {kept}" + _problems(result))


def _trusted(layout: DataLayout, catalog: Catalog, *, read_whole: bool) -> Catalog:
    """Note the opened catalog as trusted; damage met in use makes the next start rebuild it."""
    catalog_trust.note_opened(layout, catalog.path, read_whole=read_whole)
    catalog.on_damage = lambda: catalog_trust.note_damaged(layout)
    return catalog


def _problems(result: RebuildResult) -> str:
    if not result.problems:
        return ""
    return " Some ledger entries could not be indexed: " + "; ".join(result.problems[:3])
