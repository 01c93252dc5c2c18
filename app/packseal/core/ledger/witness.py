"""Cosignatures: a hub's signed word that it saw a station's checkpoint (docs/HUB.md §4).

A cosignature is a small JSON document::

    {"format": "packseal-cosignature/1", "station_id": "<genesis entry hash>",
     "tree_size": 120, "root_hash": "<hex>", "checkpoint_seq": 120,
     "witnessed_at": "2026-12-02T10:00:00.000Z", "witness_key": "<raw base64>",
     "sig": "<base64 Ed25519 over the RFC 8785 bytes of the rest>"}

The hub makes one for each checkpoint it accepted after checking that it
extends the last one it cosigned (RFC 9162 consistency proof). When the
hub's owner has accepted a new history of a station whose history was
rewritten (docs/HUB.md §4), the cosignatures of that history carry its
number, ``"history": 2`` and on, signed with the rest; a cosignature
without it is of the station's first history. The station
keeps them in ``ledger/witness/``; evidence packs carry the ones over their
checkpoint; ``packseal verify`` reports the witness key's fingerprint as
``witnessed_by``. A cosignature proves that the holder of the witness key saw
this tree at that time: a station that later rewrites its history cannot
also change what the witness signed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

from packseal.core.errors import BadInputError, StorageError
from packseal.core.ledger.canonical import b64, canonical, is_utc_stamp, unb64, utc_stamp
from packseal.core.ledger.keys import PublicKey
from packseal.core.storage.durable import atomic_write

FORMAT = "packseal-cosignature/1"
#: Where a station keeps the cosignatures it was given, inside ``ledger/``.
WITNESS_DIR = "witness"
_MEMBERS = frozenset({"format", "station_id", "tree_size", "root_hash", "checkpoint_seq",
                      "witnessed_at", "witness_key", "sig"})
#: The first history's cosignatures have no ``history`` member (as before histories existed).
FIRST_HISTORY = 1
_HEX64 = re.compile(r"[0-9a-f]{64}")
_MAX_INT = 2**53 - 1


@dataclass(frozen=True)
class Cosignature:
    """One hub's signature over one checkpoint of one station's ledger."""

    station_id: str
    tree_size: int
    root_hash: str
    checkpoint_seq: int
    witnessed_at: str
    witness_key: str  # raw Ed25519 public key, base64
    sig: str
    history: int = FIRST_HISTORY  # which of the station's histories the hub accepted (docs/HUB.md §4)

    def unsigned(self) -> dict[str, Any]:
        document = {"format": FORMAT, "station_id": self.station_id, "tree_size": self.tree_size,
                    "root_hash": self.root_hash, "checkpoint_seq": self.checkpoint_seq,
                    "witnessed_at": self.witnessed_at, "witness_key": self.witness_key}
        if self.history != FIRST_HISTORY:
            document["history"] = self.history
        return document

    def to_json(self) -> dict[str, Any]:
        document = self.unsigned()
        document["sig"] = self.sig
        return document

    @property
    def public_key(self) -> PublicKey:
        return PublicKey(unb64(self.witness_key))

    @property
    def witness_fingerprint(self) -> str:
        """The hub key's fingerprint (64 hex), what ``packseal verify`` calls ``witnessed_by``."""
        return self.public_key.fingerprint_hex

    def signature_valid(self) -> bool:
        """True when ``sig`` is the witness key's signature over the other members."""
        try:
            return self.public_key.verify(unb64(self.sig), canonical(self.unsigned()))
        except BadInputError:
            return False

    @classmethod
    def from_json(cls, data: Any) -> "Cosignature":
        """Read a cosignature, checking its shape (not its signature: :meth:`signature_valid`)."""
        if not isinstance(data, dict) or set(data) - {"history"} != _MEMBERS:
            raise BadInputError("not a cosignature: members differ from docs/HUB.md §4")
        if "history" in data and (type(data["history"]) is not int or not 2 <= data["history"] <= _MAX_INT):
            raise BadInputError(f"cosignature history is not a whole number from 2: {data['history']!r}")
        if data["format"] != FORMAT:
            raise BadInputError(f"not a cosignature: format {data['format']!r}")
        for name in ("tree_size", "checkpoint_seq"):
            value = data[name]
            if type(value) is not int or not 0 <= value <= _MAX_INT:
                raise BadInputError(f"cosignature {name} is not a whole number: {value!r}")
        for name in ("station_id", "root_hash"):
            if not isinstance(data[name], str) or not _HEX64.fullmatch(data[name]):
                raise BadInputError(f"cosignature {name} is not 64 lowercase hex digits")
        if not is_utc_stamp(data["witnessed_at"]):
            raise BadInputError("cosignature witnessed_at is not a UTC time with milliseconds")
        for name in ("witness_key", "sig"):
            if not isinstance(data[name], str):
                raise BadInputError(f"cosignature {name} is not base64 text")
        if len(unb64(data["witness_key"])) != 32 or len(unb64(data["sig"])) != 64:
            raise BadInputError("cosignature key or signature has the wrong length")
        return cls(**{k: data[k] for k in _MEMBERS - {"format"}}, history=data.get("history", FIRST_HISTORY))


def cosign(sign: Callable[[bytes], bytes], witness_key: PublicKey, *, station_id: str, tree_size: int,
           root_hash: str, checkpoint_seq: int, history: int = FIRST_HISTORY,
           when: datetime | None = None) -> Cosignature:
    """Make a cosignature with ``sign`` (the witness's Ed25519 signing function)."""
    unsigned = Cosignature(station_id=station_id, tree_size=tree_size, root_hash=root_hash,
                           checkpoint_seq=checkpoint_seq, witnessed_at=utc_stamp(when),
                           witness_key=witness_key.raw_b64, sig="", history=history)
    signature = b64(sign(canonical(unsigned.unsigned())))
    made = Cosignature(**{**unsigned.__dict__, "sig": signature})
    Cosignature.from_json(made.to_json())  # the shape a verifier expects
    return made


def mismatch(cos: Cosignature, station_id: str | None, checkpoints: dict[int, tuple[int, str]]) -> str | None:
    """Why ``cos`` does not witness this ledger, or None when it does.

    ``checkpoints`` maps checkpoint entry seq to ``(tree_size, root_hash)``;
    ``station_id`` is the hash of the ledger's entry 0.
    """
    if not cos.signature_valid():
        return "its signature does not verify with the witness key it names"
    if station_id is not None and cos.station_id != station_id:
        return f"it is about another ledger (genesis {cos.station_id[:16]}…)"
    held = checkpoints.get(cos.checkpoint_seq)
    if held is None:
        return f"the ledger has no checkpoint entry {cos.checkpoint_seq}"
    if held != (cos.tree_size, cos.root_hash):
        return (f"the witness signed checkpoint {cos.checkpoint_seq} as {cos.tree_size} entries with root "
                f"{cos.root_hash[:16]}…, but the ledger's checkpoint {cos.checkpoint_seq} says "
                f"{held[0]} entries with root {held[1][:16]}…: the history was changed after it was witnessed")
    return None


def file_name(cos: Cosignature) -> str:
    """``<checkpoint seq, 12 digits>-<witness key id>[-h<history>].json``: one per checkpoint, witness
    and history (a later history's cosignature never replaces an earlier one's)."""
    history = f"-h{cos.history}" if cos.history != FIRST_HISTORY else ""
    return f"{cos.checkpoint_seq:012d}-{cos.witness_fingerprint[:16]}{history}.json"


def save(directory: Path, cos: Cosignature) -> Path:
    """Keep ``cos`` in ``directory`` (atomically, canonical JSON)."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / file_name(cos)
    atomic_write(path, canonical(cos.to_json()) + b"\n")
    return path


def load_all(directory: Path) -> list[tuple[str, Cosignature | None, str | None]]:
    """Every ``*.json`` in ``directory``: ``(file name, cosignature or None, why it is unreadable)``."""
    found: list[tuple[str, Cosignature | None, str | None]] = []
    if not directory.is_dir():
        return found
    for path in sorted(directory.glob("*.json")):
        try:
            found.append((path.name, Cosignature.from_json(json.loads(path.read_bytes())), None))
        except OSError as exc:
            raise StorageError(f"cannot read {path}: {exc.strerror or exc}") from exc
        except (ValueError, BadInputError) as exc:
            found.append((path.name, None, str(exc)))
    return found
