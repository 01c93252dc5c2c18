"""One clip as the hub holds it, and the evidence behind it: its signed entry, keys, seal and ledger excerpt.

:func:`load_clip` reads the clip's row and its signed ledger entry (the
entry, not the row, is what every statement is made from). :func:`evidence_for`
adds what a pack carries: the station's key chain, the clip's seal rebuilt
from its entry and key (byte for byte the seal the station wrote beside the
clip), the entries and Merkle proofs under a checkpoint chosen as a station
chooses it, and the hub's cosignatures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath

from packseal.core.errors import LedgerError
from packseal.core.evidence import pack_format as F
from packseal.core.evidence.ledger_excerpt import LedgerExcerpt, excerpt_for
from packseal.core.ledger.entry import Entry
from packseal.core.ledger.keys import PublicKey
from packseal.core.ledger.seal import SEAL_SUFFIX, seal_bytes
from packseal.core.ledger.witness import Cosignature
from packseal.hub.station_ledger import StationLedger


class ClipNotFound(Exception):
    """No such clip on the hub (404)."""


class NoEvidence(Exception):
    """The hub cannot state anything about the clip yet; ``reason`` is a short code (docs/HUB.md §5)."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class HubClip:
    """A clip row of the hub with the signed entry behind it."""

    id: int
    station_id: str
    station: str
    order_id: str
    waybills: str
    packer: str | None
    sha256: str
    size: int
    start: datetime
    duration_s: float | None
    status: str
    ledger_seq: int
    entry: Entry

    @property
    def file_name(self) -> str:
        """The clip's file name at the station (what its seal names)."""
        return PurePosixPath(self.entry.body["file"]).name


def load_clip(conn, clip_id: int) -> HubClip:
    """The clip ``clip_id`` with its signed entry; :class:`ClipNotFound` when there is none."""
    row = conn.execute(
        "SELECT c.id, c.station_id, s.name AS station, c.order_id, c.waybills, c.packer, c.sha256, c.size, "
        "c.start, c.duration_s, c.status, c.ledger_seq, e.entry FROM clips c JOIN stations s ON s.id = c.station_id "
        "JOIN ledger_entries e ON e.station_id = c.station_id AND e.seq = c.ledger_seq WHERE c.id = %s",
        (clip_id,)).fetchone()
    if row is None:
        raise ClipNotFound(f"no clip {clip_id}")
    entry = Entry.from_line(bytes(row.pop("entry")))
    return HubClip(**row, entry=entry)


@dataclass(frozen=True)
class ClipEvidence:
    """What a pack of the clip carries from the hub's database (the file itself is in the object store)."""

    clip: HubClip
    excerpt: LedgerExcerpt
    cosignatures: tuple[Cosignature, ...]
    station_key: PublicKey  # the chain's current key: station-key.pem
    clip_key: PublicKey     # the key that signed the clip entry

    @property
    def clip_member(self) -> str:
        return f"{F.CLIP_DIR}/{self.clip.file_name}"

    @property
    def seal_member(self) -> str:
        return f"{self.clip_member}{SEAL_SUFFIX}"

    def seal(self) -> bytes:
        return seal_bytes(self.clip.file_name, self.clip.entry, self.clip_key)

    def checkpoint_cosignatures(self) -> list[dict]:
        """The cosignatures over the excerpt's checkpoint, as a pack lists them."""
        return [c.to_json() for c in self.cosignatures if c.checkpoint_seq == self.excerpt.checkpoint.seq]


def clip_seal(conn, clip: HubClip) -> bytes:
    """The clip's seal file, rebuilt from its entry and the key that signed it."""
    key = StationLedger(conn, clip.station_id).key(clip.entry.key)
    if key is None:  # ingest registers every key of the chain before it accepts an entry signed by it
        raise LedgerError(f"the hub does not hold key {clip.entry.key} that signed clip entry {clip.ledger_seq}")
    return seal_bytes(clip.file_name, clip.entry, key)


def evidence_for(conn, clip: HubClip) -> ClipEvidence:
    """The clip's evidence; :class:`NoEvidence` when no synced checkpoint covers its entry yet."""
    ledger = StationLedger(conn, clip.station_id)
    cosignatures = ledger.cosignatures()
    try:
        excerpt = excerpt_for(ledger, clip.ledger_seq,
                              witnessed=frozenset(c.checkpoint_seq for c in cosignatures))
    except LedgerError as exc:
        raise NoEvidence("not-checkpointed", f"no checkpoint the station synced covers this clip yet ({exc}); the "
                         "station makes one every few minutes and sends it at its next sync") from None
    station_key, clip_key = ledger.current_key(), ledger.key(clip.entry.key)
    if station_key is None or clip_key is None:
        raise LedgerError(f"the hub lacks a key of station {clip.station_id[:16]}…'s chain")
    return ClipEvidence(clip, excerpt, tuple(cosignatures), station_key, clip_key)
