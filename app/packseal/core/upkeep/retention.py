"""Retention: deleting old tape and clips, oldest first, each deletion recorded in the ledger.

Three passes, each oldest first:

a. tape segments older than ``tape_days`` (``tape-expired``);
b. clips older than ``clip_days``, when that is not 0 (``clip-expired``);
c. while free space is below the target (reserve + a margin): more tape, then
   clips (``disk-space``), until there is room or nothing deletable is left.

Never deleted: pinned or disputed clips; a clip whose file the station's hub
has not confirmed, while a hub is paired (``clip_confirmed``, from
``core/sync/state.py``); tape of the last
``protect_recent_s`` (the pre-roll and the orders being recorded live there)
or of an order still open; anything never sealed (reported instead); a file
whose size (tape) or SHA-256 (clips) no longer matches its seal (reported:
deleting it would hide the change from ``packseal verify``).

For every deletion, in this order: (1) a ``retention`` entry in the ledger
names the file, its sealed SHA-256 and the entry that sealed it; (2) the file
goes (a clip's frame index too; its ``.seal.json`` stays: it is small and
proves what existed); (3) the catalog row is marked deleted. A crash between
(1) and (2) leaves a file the ledger calls deleted but that still matches its
seal, which ``packseal verify`` accepts, and :func:`~packseal.core.upkeep.
reconcile.reconcile` removes at the next start-up; a crash between (2) and
(3) leaves a row whose file is gone with a retention entry, which
reconciliation marks deleted.
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from packseal.core.catalog.catalog import Catalog
from packseal.core.catalog.records import ClipRecord, SegmentRecord, to_ms
from packseal.core.errors import BadInputError, LedgerError, StorageError, StorageFullError
from packseal.core.events import EventHub
from packseal.core.ledger import CLIP, SEGMENT, Entry, Ledger, hash_file, retention_body
from packseal.core.ledger.bodies import sealed_files
from packseal.core.recording.open_orders import OpenOrders
from packseal.core.storage.layout import DataLayout
from packseal.core.storage.space import MIB, Usage, format_size, free_bytes

log = logging.getLogger(__name__)

TAPE_EXPIRED = "tape-expired"
CLIP_EXPIRED = "clip-expired"
DISK_SPACE = "disk-space"

#: The free-space target defaults to the reserve plus this margin, so one pass
#: makes room for a while instead of deleting a segment per check.
TARGET_MARGIN_MB = 1024
#: A clip's frame index beside it (``compare.frame_index.INDEX_SUFFIX``; not
#: imported, so upkeep does not pull in OpenCV).
CLIP_INDEX_SUFFIX = ".index.npz"
#: Bookkeeping files of a tape session folder (``recording.tape``): unsealed,
#: removed with the folder once its last segment is gone.
SESSION_BOOKKEEPING = ("segments.csv", "session.json", "ended")
SESSION_ENDED = "ended"
#: Tape before an open order's scan − pre-roll is kept this much longer
#: (a segment may start up to one segment length before the window).
OPEN_ORDER_MARGIN_S = 15.0

_DAY_MS = 86_400_000
_PAGE = 500


@dataclass(frozen=True)
class RetentionPolicy:
    """How long tape and clips are kept, and how much free space retention makes.

    ``clip_days`` 0 keeps clips for ever (they are then deleted only for
    space). ``free_target_mb`` defaults to ``reserve_mb`` + 1024.
    """

    tape_days: float = 7.0
    clip_days: float = 0.0
    reserve_mb: int = 2048
    free_target_mb: int | None = None
    protect_recent_s: float = 600.0

    def __post_init__(self) -> None:
        for name in ("tape_days", "clip_days", "reserve_mb", "protect_recent_s"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= 0:
                raise BadInputError(f"retention setting {name} must be a number of 0 or more, not {value!r}")
        if self.free_target_mb is not None and (
                isinstance(self.free_target_mb, bool) or not isinstance(self.free_target_mb, int)
                or self.free_target_mb < self.reserve_mb):
            raise BadInputError(f"the free-space target ({self.free_target_mb!r} MiB) must be a whole "
                                f"number of at least the reserve ({self.reserve_mb} MiB)")

    @property
    def target_mb(self) -> int:
        """Free space (MiB) that pass (c) makes."""
        return self.free_target_mb if self.free_target_mb is not None else self.reserve_mb + TARGET_MARGIN_MB


@dataclass(frozen=True)
class Deletion:
    """One file retention deleted (``removed`` False: recorded, but the file could not go yet)."""

    kind: str          # "segment" or "clip"
    file: str          # relative to the data dir
    bytes: int
    reason: str
    sealed_by: int     # ledger seq of the entry that sealed it
    retention_seq: int  # ledger seq of the retention entry
    removed: bool = True


@dataclass
class RetentionReport:
    """What one retention run did, and what the owner needs to know."""

    target: int = 0
    free_before: int | None = None
    free_after: int | None = None
    deleted: list[Deletion] = field(default_factory=list)
    unsealed: list[str] = field(default_factory=list)   # never sealed: left in place
    kept_for_hub: int = 0  # clips due to go, kept because the hub has not confirmed their file yet
    problems: list[str] = field(default_factory=list)
    message: str | None = None  # for the owner: still short of space, what to do

    @property
    def bytes_freed(self) -> int:
        return sum(d.bytes for d in self.deleted if d.removed)

    def count(self, kind: str, reason: str | None = None) -> int:
        return sum(1 for d in self.deleted if d.kind == kind and (reason is None or d.reason == reason))

    def summary(self) -> str:
        parts = []
        if self.deleted:
            parts.append(f"deleted {self.count(SEGMENT)} tape segment(s) and {self.count(CLIP)} clip(s), "
                         f"{format_size(self.bytes_freed)} freed")
        if self.unsealed:
            shown = ", ".join(self.unsealed[:5]) + (" …" if len(self.unsealed) > 5 else "")
            parts.append(f"{len(self.unsealed)} file(s) never sealed were kept: {shown}")
        # A summary is logged: a few problems and a count keep the log small.
        parts.extend(self.problems[:5])
        if len(self.problems) > 5:
            parts.append(f"… and {len(self.problems) - 5} more problems")
        if self.kept_for_hub:
            parts.append(f"{self.kept_for_hub} clip(s) kept until the hub confirms their file")
        if self.message:
            parts.append(self.message)
        return "; ".join(parts) or "nothing to delete"


@dataclass(frozen=True)
class RetentionApplied:
    """A retention run deleted files, or found a problem, or could not make enough room."""

    report: RetentionReport


class _Stop(Exception):
    """Nothing more may be deleted in this run (the ledger or the catalog cannot be written)."""


def apply_retention(layout: DataLayout, catalog: Catalog, ledger: Ledger, policy: RetentionPolicy, *,
                    now: datetime | None = None, usage: Usage = shutil.disk_usage,
                    hub: EventHub | None = None,
                    remove: Callable[[Path], None] = os.remove,
                    clip_confirmed: Callable[[int, str], bool] | None = None) -> RetentionReport:
    """Delete expired tape and clips, then more while free space is below the target (module doc).

    ``now`` is the time ages are measured from (default: now); ``usage``
    reads free space (``shutil.disk_usage``); ``remove`` deletes one file
    (``os.remove``; replaceable to inject faults). ``clip_confirmed(seq,
    sha256)`` says whether a clip's file may go as far as the station's hub
    is concerned (None: no hub). Publishes
    :class:`RetentionApplied` on ``hub`` when anything was deleted or needs
    the owner. Run it on a worker thread: every deletion is one fsync'd
    ledger append.
    """
    now = now or datetime.now(timezone.utc)
    run = _Run(layout, catalog, ledger, usage, remove, clip_confirmed)
    report = run.report
    report.target = policy.target_mb * MIB
    now_ms = to_ms(now)
    recent_ms = now_ms - round(policy.protect_recent_s * 1000)
    tape_keep_ms = min(recent_ms, _open_orders_start_ms(layout))
    report.free_before = run.free()
    try:
        run.tape(min(now_ms - round(policy.tape_days * _DAY_MS), tape_keep_ms), tape_keep_ms,
                 TAPE_EXPIRED, for_space=False)
        if policy.clip_days > 0:
            run.clips(min(now_ms - round(policy.clip_days * _DAY_MS), recent_ms), recent_ms,
                      CLIP_EXPIRED, for_space=False)
        if run.short_of(report.target):
            run.tape(tape_keep_ms, tape_keep_ms, DISK_SPACE, for_space=True)
        if run.short_of(report.target):
            run.clips(recent_ms, recent_ms, DISK_SPACE, for_space=True)
        stopped = False
    except _Stop:
        stopped = True
    report.free_after = run.free()
    report.message = _owner_message(layout, policy, report, stopped=stopped)
    if report.deleted or report.problems or report.message:
        log.log(logging.WARNING if report.problems or report.message else logging.INFO,
                "retention: %s", report.summary())
        if hub is not None:
            hub.publish(RetentionApplied(report))
    return report


def _owner_message(layout: DataLayout, policy: RetentionPolicy, report: RetentionReport, *,
                   stopped: bool) -> str | None:
    free = report.free_after
    if free is None:
        return (f"The free space of the disk holding {layout.root} could not be read, so no space "
                "was made; check that the disk is connected.")
    if free >= report.target:
        return None
    refused = (" New recordings are refused until then." if free < policy.reserve_mb * MIB else "")
    if stopped:
        return (f"Only {format_size(free)} is free on the disk holding {layout.root}, and retention had "
                f"to stop before making room (see the problems above).{refused} Free space on that disk, "
                "or lower the reserve in Settings.")
    minutes = policy.protect_recent_s / 60
    return (f"Only {format_size(free)} is free on the disk holding {layout.root}, less than the "
            f"{format_size(report.target)} retention aims for, and nothing more may be deleted: "
            f"pinned and disputed clips, the last {minutes:.0f} minutes of tape and files that are "
            f"not PackSeal's are kept.{refused} Free space on that disk (unpin clips you no longer "
            "need, move exports away, delete other files), or lower the reserve in Settings.")


def _open_orders_start_ms(layout: DataLayout) -> int:
    """Tape from here on may still be joined into an open order's clip (a far-future time if none)."""
    earliest = 2**62
    try:
        names = sorted(p.name for p in layout.state.glob("open-orders-*.json"))
    except OSError:
        return earliest
    for name in names:
        camera = name.removeprefix("open-orders-").removesuffix(".json")
        for order in OpenOrders(layout.state, camera).read():
            try:
                start = to_ms(order.scan) - round((order.preroll_s + OPEN_ORDER_MARGIN_S) * 1000)
            except (TypeError, ValueError):
                continue
            earliest = min(earliest, start)
    return earliest


class _SealingEntries:
    """Ledger entries by seq, read ahead in runs: retention goes oldest first, so seqs climb."""

    READ_AHEAD = 5_000

    def __init__(self, ledger: Ledger) -> None:
        self._ledger = ledger
        self._cache: dict[int, Entry | None] = {}

    def get(self, seq: int) -> Entry | None:
        if seq not in self._cache:
            self._cache.clear()  # bounded memory; the next entries wanted are further on
            for n, entry in enumerate(self._ledger.entries(seq)):
                self._cache[entry.seq] = entry if entry.kind in (SEGMENT, CLIP) else None
                if n >= self.READ_AHEAD:
                    break
        return self._cache.get(seq)


class _Run:
    """The state of one retention run."""

    def __init__(self, layout: DataLayout, catalog: Catalog, ledger: Ledger, usage: Usage,
                 remove: Callable[[Path], None], clip_confirmed: Callable[[int, str], bool] | None) -> None:
        self.layout = layout
        self.clip_confirmed = clip_confirmed
        self.catalog = catalog
        self.ledger = ledger
        self.usage = usage
        self.remove = remove
        self.sealing = _SealingEntries(ledger)
        self.report = RetentionReport()

    def free(self) -> int | None:
        try:
            return free_bytes(self.layout.root, usage=self.usage)
        except StorageError as exc:
            log.warning("retention: %s", exc)
            return None

    def short_of(self, target: int) -> bool:
        free = self.free()
        return free is not None and free < target

    # -- the passes -----------------------------------------------------------------

    def tape(self, before_ms: int, keep_after_ms: int, reason: str, *, for_space: bool) -> None:
        """Delete segments starting before ``before_ms``, oldest first.

        Stops at the first segment ending after ``keep_after_ms`` (tape that may still be needed).
        """
        after: tuple[int, int] | None = None
        while True:
            page = self.catalog.oldest_segments(before_ms, limit=_PAGE, after=after)
            for seg in page:
                after = (seg.start_ms, int(seg.id))
                if seg.end_ms > keep_after_ms:
                    return
                if for_space and not self.short_of(self.report.target):
                    return
                self._delete(SEGMENT, seg, reason)
            if len(page) < _PAGE:
                return

    def clips(self, before_ms: int, keep_after_ms: int, reason: str, *, for_space: bool) -> None:
        """Delete clips (never pinned or disputed) starting before ``before_ms``, oldest first."""
        after: tuple[int, int] | None = None
        while True:
            page = self.catalog.deletable_clips(before_ms, limit=_PAGE, after=after)
            for clip in page:
                after = (clip.start_ms, int(clip.id))
                if clip.retained:  # the query excludes them; a second guard costs nothing
                    continue
                if (clip.end_ms or clip.start_ms) > keep_after_ms:
                    continue
                if self.clip_confirmed is not None and not self.clip_confirmed(
                        clip.ledger_seq if clip.ledger_seq is not None else -1, clip.sha256 or ""):
                    self.report.kept_for_hub += 1
                    continue
                if for_space and not self.short_of(self.report.target):
                    return
                self._delete(CLIP, clip, reason)
            if len(page) < _PAGE:
                return

    # -- one deletion ------------------------------------------------------------------

    def _delete(self, kind: str, row: SegmentRecord | ClipRecord, reason: str) -> None:
        report, rel = self.report, row.file
        what = "tape segment" if kind == SEGMENT else "clip"
        if row.ledger_seq is None:
            report.unsealed.append(rel)
            return
        sealed = self._sealing_entry(row.ledger_seq)
        if sealed is None or sealed.kind != kind or sealed.body.get("file") != rel:
            report.problems.append(
                f"the catalog says {what} {rel} was sealed by ledger entry {row.ledger_seq}, but that "
                f"entry does not seal it; it was kept (rebuild the catalog from the ledger)")
            return
        # A clip of two cameras seals two files (FORMAT.md §6.2): both go, each with its retention entry.
        done = [self._delete_file(kind, what, file, sha256, size, row, reason)
                for file, sha256, size in sealed_files(kind, sealed.body)]
        if done[0] is None:
            return
        entry, removed = done[0]
        size = sealed.body["bytes"]
        # 3. the catalog mirrors the ledger (with the entry's time, as a rebuild would).
        when_ms = to_ms(datetime.fromisoformat(entry.time))
        try:
            if kind == CLIP:
                self.catalog.mark_clip_deleted(int(row.id), when_ms, reason)
            else:
                self.catalog.mark_segment_deleted(int(row.id), when_ms, reason)
        except (StorageError, BadInputError) as exc:
            report.problems.append(f"{rel} was deleted but its catalog row could not be marked ({exc}); "
                                   "the start-up reconciliation marks it from the ledger")
            report.deleted.append(Deletion(kind, rel, size, reason, row.ledger_seq, entry.seq, removed))
            raise _Stop from exc
        report.deleted.append(Deletion(kind, rel, size, reason, row.ledger_seq, entry.seq, removed))
        if kind == SEGMENT and removed:
            remove_finished_session(self.layout.absolute(rel).parent, self.layout)

    def _delete_file(self, kind: str, what: str, rel: str, sha256: str, size: int,
                     row: SegmentRecord | ClipRecord, reason: str) -> tuple[Entry, bool] | None:
        """Seal the deletion of one file in the ledger, then delete it; None when it was kept."""
        report = self.report
        try:
            path = self.layout.absolute(rel)
        except ValueError:
            report.problems.append(f"{what} {rel} lies outside the data folder; it was not touched")
            return None
        try:
            on_disk = path.stat().st_size
        except FileNotFoundError:
            report.problems.append(f"{what} {rel} is already gone; the start-up reconciliation settles "
                                   "its catalog row")
            return None
        except OSError as exc:
            report.problems.append(f"{what} {rel} cannot be read ({exc.strerror or exc}); it was kept")
            return None
        # Deleting a file that no longer matches its seal would hide the change
        # from `packseal verify`. Tape is checked by size only (hashing every
        # expired byte would read the whole tape again); clips by their hash.
        changed = on_disk != size
        if not changed and kind == CLIP:
            try:
                changed = hash_file(path)[0] != sha256
            except StorageError as exc:
                report.problems.append(f"{what} {rel} cannot be read ({exc}); it was kept")
                return None
        if changed:
            report.problems.append(
                f"{what} {rel} no longer matches what ledger entry {row.ledger_seq} sealed; it was kept "
                "so that `packseal verify` shows the change")
            return None
        # 1. the ledger first: from here on the file may go.
        try:
            entry = self.ledger.append("retention", retention_body(
                file=rel, sha256=sha256, sealed_by=row.ledger_seq, reason=reason))
        except StorageFullError as exc:
            report.problems.append(f"the disk is completely full: the retention entry for {rel} could "
                                   f"not be written, so nothing was deleted ({exc}). Free some space "
                                   "on that disk by hand, then PackSeal can delete old tape again")
            raise _Stop from exc
        except (StorageError, LedgerError) as exc:
            report.problems.append(f"retention stopped: the ledger cannot be written ({exc})")
            raise _Stop from exc
        # 2. the file (and a clip's frame index; its seal stays as the record of what existed).
        removed = True
        try:
            self.remove(path)
        except FileNotFoundError:
            pass
        except OSError as exc:
            removed = False
            report.problems.append(
                f"could not delete {rel} ({exc.strerror or exc}); the ledger records its deletion "
                f"(entry {entry.seq}), so it is removed at the next start-up")
        if kind == CLIP:
            self._remove_quietly(path.with_name(path.name + CLIP_INDEX_SUFFIX))
        return entry, removed

    def _sealing_entry(self, seq: int) -> Entry | None:
        try:
            return self.sealing.get(seq)
        except (LedgerError, StorageError) as exc:
            self.report.problems.append(f"retention stopped: the ledger cannot be read ({exc}); "
                                        "run `packseal verify`")
            raise _Stop from exc

    def _remove_quietly(self, path: Path) -> None:
        try:
            self.remove(path)
        except FileNotFoundError:
            pass
        except OSError as exc:
            log.warning("could not delete %s: %s", path, exc)


def remove_finished_session(folder: Path, layout: DataLayout) -> bool:
    """Remove a tape session folder whose segments are all gone; True if it went.

    Only a session that ended (its ``ended`` marker is there: not live, not
    waiting for crash recovery) and holds nothing but its bookkeeping files.
    """
    try:
        if (folder.resolve().parent.parent != layout.tape_root.resolve()
                or not (folder / SESSION_ENDED).exists()):
            return False
        if any(p.name not in SESSION_BOOKKEEPING for p in folder.iterdir()):
            return False
        for name in SESSION_BOOKKEEPING:
            (folder / name).unlink(missing_ok=True)
        folder.rmdir()
    except OSError as exc:
        log.warning("could not remove the emptied tape session %s: %s", folder, exc)
        return False
    return True


