"""One ledger entry: its fields, canonical bytes, hash and signature.

An entry is the JSON object ``{v, seq, prev, time, station, key, kind, body,
sig}``. ``sig`` is the Ed25519 signature over the canonical bytes of the
entry *without* ``sig`` (the "payload"); the entry's hash, which the next
entry's ``prev`` repeats and which is the Merkle leaf, is SHA-256 over the
canonical bytes of the whole entry, ``sig`` included.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from packseal.core.errors import BadInputError
from packseal.core.ledger.canonical import (b64, canonical, dumps_for, is_utc_stamp,
                                           loads_line, unb64)
from packseal.core.ledger.keys import StationKey

FORMAT_VERSION = 1
FIELDS = frozenset({"v", "seq", "prev", "time", "station", "key", "kind", "body", "sig"})

_HEX64 = re.compile(r"[0-9a-f]{64}")
_HEX16 = re.compile(r"[0-9a-f]{16}")
_KIND = re.compile(r"[a-z][a-z0-9-]{0,31}")
_SIG = re.compile(r"[A-Za-z0-9+/]{86}==")  # 64 bytes in standard base64
_STATION_MEMBER = b',"station":'


@dataclass(frozen=True)
class Entry:
    """A signed ledger entry. ``canonical`` holds its RFC 8785 bytes (with ``sig``)."""

    v: int
    seq: int
    prev: str
    time: str
    station: str
    key: str
    kind: str
    body: dict[str, Any]
    sig: str
    canonical: bytes = field(repr=False, compare=False)

    @property
    def hash(self) -> str:
        """Hex SHA-256 of the canonical entry: what the next entry's ``prev`` holds."""
        return hashlib.sha256(self.canonical).hexdigest()

    @property
    def signature(self) -> bytes:
        return unb64(self.sig)

    def unsigned(self) -> dict[str, Any]:
        """The entry as a dict without ``sig``."""
        return {"v": self.v, "seq": self.seq, "prev": self.prev, "time": self.time,
                "station": self.station, "key": self.key, "kind": self.kind, "body": self.body}

    def to_dict(self) -> dict[str, Any]:
        """The entry as a JSON-ready dict (a copy; the body is shared, do not mutate it)."""
        d = self.unsigned()
        d["sig"] = self.sig
        return d

    def payload(self) -> bytes:
        """The exact bytes that were signed: canonical JSON of the entry without ``sig``."""
        return canonical(self.unsigned())

    @classmethod
    def from_dict(cls, data: Any) -> "Entry":
        """Build an entry from parsed JSON, checking its shape (not its signature)."""
        problem = shape_problem(data)
        if problem:
            raise BadInputError(f"not a ledger entry: {problem}")
        return cls(canonical=canonical(data), **data)

    @classmethod
    def from_line(cls, line: bytes) -> "Entry":
        """Parse one ledger line. Raises :class:`BadInputError` when it is not an entry."""
        try:
            data, fast = loads_line(line)
        except ValueError as exc:
            raise BadInputError(f"not JSON: {exc}") from exc
        problem = shape_problem(data)
        if problem:
            raise BadInputError(f"not a ledger entry: {problem}")
        return cls(canonical=dumps_for(data, fast), **data)


def shape_problem(data: Any) -> str | None:
    """What is wrong with the shape of an entry dict, or None when it is well formed."""
    if not isinstance(data, dict):
        return "not a JSON object"
    if data.keys() != FIELDS:
        missing = sorted(FIELDS - data.keys())
        extra = sorted(data.keys() - FIELDS)
        return f"fields missing {missing} / unexpected {extra}"
    v, seq = data["v"], data["seq"]
    if type(v) is not int or v != FORMAT_VERSION:
        return f"unsupported format version v={v!r}"
    if type(seq) is not int or seq < 0:
        return f"seq is not a non-negative integer: {seq!r}"
    if not isinstance(data["prev"], str) or not _HEX64.fullmatch(data["prev"]):
        return "prev is not 64 lowercase hex digits"
    if not is_utc_stamp(data["time"]):
        return f"time is not UTC with milliseconds: {data['time']!r}"
    if not isinstance(data["station"], str):
        return "station is not a string"
    if not isinstance(data["key"], str) or not _HEX16.fullmatch(data["key"]):
        return "key is not a 16-hex-digit key id"
    if not isinstance(data["kind"], str) or not _KIND.fullmatch(data["kind"]):
        return f"kind is not a lowercase word: {data['kind']!r}"
    if not isinstance(data["body"], dict):
        return "body is not a JSON object"
    if not isinstance(data["sig"], str) or not _SIG.fullmatch(data["sig"]):
        return "sig is not a base64 Ed25519 signature"
    return None


def with_sig(payload: bytes, sig: str) -> bytes:
    """Canonical bytes of a whole entry from its payload (canonical, without ``sig``) and ``sig``.

    In canonical order the members are body, key, kind, prev, seq, sig,
    station, time, v; so ``sig`` goes right before the top-level
    ``"station"`` member, the last ``,"station":`` in the payload (inside a
    JSON string every quote is escaped, so no string can contain it). The
    result equals canonicalising the whole entry, without a second encoding.
    ``sig`` must be plain base64 (no character needs escaping).
    """
    cut = payload.rfind(_STATION_MEMBER)
    if cut < 0:
        raise BadInputError("not an entry payload (no station member)")
    return b"".join((payload[:cut], b',"sig":"', sig.encode("ascii"), b'"', payload[cut:]))


def sign_entry(key: StationKey, *, seq: int, prev: str, time: str, station: str,
               kind: str, body: dict[str, Any]) -> Entry:
    """Make and sign entry ``seq`` with ``key``. ``body`` must already be canonicalisable."""
    unsigned = {"v": FORMAT_VERSION, "seq": seq, "prev": prev, "time": time,
                "station": station, "key": key.key_id, "kind": kind, "body": body}
    signature = b64(key.sign(canonical(unsigned)))
    unsigned["sig"] = signature
    return Entry(canonical=canonical(unsigned), **unsigned)

