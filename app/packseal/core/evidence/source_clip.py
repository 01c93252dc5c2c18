"""Finding the sealed clip of an order: the one lookup of ``packseal compare``, the dispute view, packs and exports.

:func:`find_order_clip` gives the order's clip that can be compared: the
catalog row (the newest clip still on disk, or the one asked for) with its
file, cross-checked against the signed ledger entry behind it, because the
catalog is only an index and the signed entry decides which order a clip
belongs to. :func:`find_clip` goes further for evidence: the clip must have
its entry and its seal file and still hash to what was sealed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from packseal.core.catalog import Catalog, ClipRecord
from packseal.core.errors import BadInputError
from packseal.core.errors import EvidenceError
from packseal.core.ledger import Entry, Ledger, hash_file, seal_path_for
from packseal.core.ledger.canonical import parse_utc_stamp
from packseal.core.storage.layout import DataLayout

#: Why an order has no clip to use (:attr:`OrderClipError.reason`).
UNKNOWN_ORDER = "unknown-order"
CLIP_DELETED = "clip-deleted"
CLIP_MISSING = "clip-missing"


class OrderClipError(EvidenceError):
    """The order has no clip to use; ``reason`` is one of the module's reason constants."""

    def __init__(self, reason: str, order_id: str, message: str, *, path: Path | None = None,
                 deleted_reason: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.order_id = order_id
        self.path = path
        self.deleted_reason = deleted_reason


class UnknownOrderError(OrderClipError, BadInputError):
    """No clip of the order is in the catalog (a mistyped number is the user's to correct)."""

    def __init__(self, order_id: str, message: str) -> None:
        super().__init__(UNKNOWN_ORDER, order_id, message)


@dataclass(frozen=True)
class OrderClip:
    """An order's clip on disk: its catalog row, its file, and its signed entry when it has one.

    ``entry`` is None only for a row that was never sealed (a catalog written
    by hand or by an older PackSeal); what the entry states wins over the
    catalog's copy everywhere else.
    """

    record: ClipRecord
    path: Path
    entry: Entry | None

    @property
    def order_id(self) -> str:
        return self.entry.body["order_id"] if self.entry is not None else self.record.order_id

    @property
    def start(self) -> datetime:
        return parse_utc_stamp(self.entry.body["start"]) if self.entry is not None else self.record.start

    @property
    def end(self) -> datetime | None:
        return parse_utc_stamp(self.entry.body["end"]) if self.entry is not None else self.record.end

    @property
    def scan(self) -> datetime:
        return parse_utc_stamp(self.entry.body["scan_time"]) if self.entry is not None else self.record.scan

    @property
    def stop(self) -> datetime | None:
        """When the order was stopped (F9, or the next order's scan); None for an entry that does not say."""
        if self.entry is not None:
            stop = self.entry.body.get("stop_time")
            return parse_utc_stamp(stop) if stop else None
        pack_ms = self.record.pack_ms
        return self.record.scan + timedelta(milliseconds=pack_ms) if pack_ms is not None else None

    def order_span_s(self) -> tuple[float, float | None]:
        """The order's own time in seconds into the clip: (its scan, its stop or None)."""
        stop = self.stop
        return (max(0.0, (self.scan - self.start).total_seconds()),
                (stop - self.start).total_seconds() if stop is not None else None)

    @property
    def sealed_sha256(self) -> str:
        """The SHA-256 the clip was sealed with ('' when nothing states one)."""
        return self.entry.body["sha256"] if self.entry is not None else (self.record.sha256 or "")


@dataclass(frozen=True)
class SourceClip(OrderClip):
    """A clip that is on disk, byte for byte what its ledger entry sealed, with its seal file."""

    entry: Entry
    seal_path: Path

    @property
    def sha256(self) -> str:
        return self.entry.body["sha256"]

    @property
    def bytes(self) -> int:
        return self.entry.body["bytes"]

    @property
    def station(self) -> str:
        return self.entry.station

    @property
    def source(self) -> dict | None:
        source = self.entry.body.get("source")
        return source if isinstance(source, dict) else None


def signed_clip_entry(ledger: Ledger, record: ClipRecord, wanted: str | None = None) -> Entry:
    """The ledger's clip entry behind a catalog row, checked: the catalog is only an index.

    The entry must be a clip entry sealing the row's file, hash and order; when
    ``wanted`` is given, the signed order ID must be it (ignoring case).
    Raises :class:`EvidenceError` when the catalog disagrees with the ledger
    (an edited or stale catalog: rebuild it from the ledger).
    """
    if record.ledger_seq is None:
        raise EvidenceError(f"the clip of order {record.order_id} has no ledger entry yet (it is still "
                            "being sealed); try again in a moment")
    entry = ledger.entry(record.ledger_seq)
    body = entry.body
    if entry.kind != "clip" or body.get("file") != record.file or body.get("sha256") != record.sha256:
        raise EvidenceError(f"ledger entry {record.ledger_seq} does not seal {record.file}; the catalog is "
                            "out of step with the ledger (rebuild it) or was altered")
    signed = str(body.get("order_id", ""))
    if signed != record.order_id or (wanted is not None and signed.lower() != wanted.strip().lower()):
        raise EvidenceError(f"the catalog lists this clip under order {record.order_id!r}, but its signed "
                            f"ledger entry {entry.seq} says order {signed!r}: the catalog was altered or is "
                            "stale. Only the signed order counts; rebuild the catalog from the ledger.")
    return entry


def find_order_clip(layout: DataLayout, ledger: Ledger, catalog: Catalog, order_id: str, *,
                    clip_id: int | None = None) -> OrderClip:
    """The order's clip (``clip_id``, else the newest one still on disk), cross-checked with its signed entry.

    A typed order number may differ from the scanned one in case only.
    Raises :class:`UnknownOrderError` (a :class:`BadInputError`) when the
    order has no clip or ``clip_id`` is not one of its clips,
    :class:`OrderClipError` when the clip was deleted or its file is
    missing, and :class:`EvidenceError` when the catalog row disagrees with
    its signed ledger entry.
    """
    wanted = order_id.strip()
    if not wanted:
        raise UnknownOrderError(order_id, "no order number was given")
    if clip_id is not None:
        record = catalog.get_clip(clip_id)
        if record is None or record.order_id.lower() != wanted.lower():
            raise UnknownOrderError(wanted, f"clip {clip_id} is not a clip of order {wanted!r}")
    else:
        record = catalog.newest_clip(wanted)
        if record is None:
            raise UnknownOrderError(wanted, f"no clip of order {wanted!r} is in the catalog; check the number "
                                            "with `packseal search`")
    if record.deleted or not record.file:
        why = f" ({record.deleted_reason})" if record.deleted_reason else ""
        raise OrderClipError(CLIP_DELETED, record.order_id,
                             f"the clip of order {record.order_id} was deleted{why}; there is no video to use",
                             deleted_reason=record.deleted_reason)
    # The catalog is an index: a sealed clip's signed entry decides which order it belongs to.
    entry = signed_clip_entry(ledger, record, wanted) if record.ledger_seq is not None else None
    path = layout.absolute(record.file)
    if not path.is_file():
        raise OrderClipError(CLIP_MISSING, record.order_id,
                             f"the clip of order {record.order_id} is missing: {path} does not exist. Restore "
                             "it from a backup; `packseal verify` lists what else is missing.", path=path)
    return OrderClip(record=record, path=path, entry=entry)


def find_clip(layout: DataLayout, ledger: Ledger, catalog: Catalog, order_id: str, *,
              clip_id: int | None = None) -> SourceClip:
    """:func:`find_order_clip`, then checked for evidence: sealed in the ledger, seal file present, bytes unchanged.

    Raises as :func:`find_order_clip` does, and :class:`EvidenceError` when
    the clip lacks its ledger entry or seal, or no longer has the content
    that was sealed.
    """
    clip = find_order_clip(layout, ledger, catalog, order_id, clip_id=clip_id)
    entry = clip.entry if clip.entry is not None else signed_clip_entry(ledger, clip.record)
    path = clip.path
    seal = seal_path_for(path)
    if not seal.is_file():
        raise EvidenceError(f"the seal of {path.name} is missing ({seal.name}); run `packseal verify`")
    digest, size = hash_file(path)
    if digest != entry.body["sha256"] or size != entry.body["bytes"]:
        raise EvidenceError(f"{path.name} is not the file that was sealed (its SHA-256 or size changed); "
                            "it cannot be used as evidence. Run `packseal verify` to see what happened.")
    return SourceClip(record=clip.record, path=path, entry=entry, seal_path=seal)
