"""The sealed clip an evidence pack or export starts from, checked before any use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from packseal.core.catalog import Catalog, ClipRecord
from packseal.core.errors import BadInputError
from packseal.core.errors import EvidenceError
from packseal.core.ledger import Entry, Ledger, hash_file, seal_path_for
from packseal.core.ledger.canonical import parse_utc_stamp
from packseal.core.storage.layout import DataLayout


@dataclass(frozen=True)
class SourceClip:
    """A clip that is on disk, byte for byte what its ledger entry sealed."""

    record: ClipRecord
    path: Path
    seal_path: Path
    entry: Entry

    @property
    def sha256(self) -> str:
        return self.entry.body["sha256"]

    @property
    def bytes(self) -> int:
        return self.entry.body["bytes"]

    # What the signed entry states: packs, exports and reports take these, never the catalog's copy.
    @property
    def order_id(self) -> str:
        return self.entry.body["order_id"]

    @property
    def start(self) -> datetime:
        return parse_utc_stamp(self.entry.body["start"])

    @property
    def end(self) -> datetime:
        return parse_utc_stamp(self.entry.body["end"])

    @property
    def scan(self) -> datetime:
        return parse_utc_stamp(self.entry.body["scan_time"])

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


def find_clip(layout: DataLayout, ledger: Ledger, catalog: Catalog, order_id: str, *,
              clip_id: int | None = None) -> SourceClip:
    """The order's clip (``clip_id``, else the newest one still on disk), checked against its seal.

    Raises :class:`BadInputError` when the order has no clip (or ``clip_id``
    is not one of its clips) and :class:`EvidenceError` when the clip was
    deleted, is missing, lacks its seal or ledger entry, or no longer has the
    content that was sealed.
    """
    wanted = order_id.strip()
    clips = catalog.clips_for_order(wanted)
    if not clips:  # a typed ID may differ from the scanned one only in case
        clips = [c for c in catalog.search(wanted, limit=1000) if c.order_id.lower() == wanted.lower()]
    if clip_id is not None:
        clips = [c for c in clips if c.id == clip_id]
        if not clips:
            raise BadInputError(f"clip {clip_id} is not a clip of order {order_id!r}")
    if not clips:
        raise BadInputError(f"no clip of order {order_id!r} is in the catalog; check the number with "
                            "`packseal search`")
    kept = [c for c in clips if not c.deleted and c.file]
    if not kept:
        c = clips[-1]
        why = f" ({c.deleted_reason})" if c.deleted_reason else ""
        raise EvidenceError(f"the clip of order {c.order_id} was deleted{why}; there is no video to use")
    record = max(kept, key=lambda c: (c.start_ms, c.id or 0))
    entry = signed_clip_entry(ledger, record, wanted)
    path = layout.absolute(record.file)
    if not path.is_file():
        raise EvidenceError(f"the clip of order {record.order_id} is missing: {path} does not exist. "
                            "Restore it from a backup; `packseal verify` lists what else is missing.")
    seal = seal_path_for(path)
    if not seal.is_file():
        raise EvidenceError(f"the seal of {path.name} is missing ({seal.name}); run `packseal verify`")
    digest, size = hash_file(path)
    if digest != entry.body["sha256"] or size != entry.body["bytes"]:
        raise EvidenceError(f"{path.name} is not the file that was sealed (its SHA-256 or size changed); "
                            "it cannot be used as evidence. Run `packseal verify` to see what happened.")
    return SourceClip(record=record, path=path, seal_path=seal, entry=entry)
