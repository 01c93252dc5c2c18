"""The part of the ledger a clip's evidence depends on, with Merkle proofs.

An evidence pack cannot carry the whole ledger, and does not need to: a
reviewer needs the clip's entry, a signed checkpoint whose tree contains it
(with the inclusion proof), the RFC 3161 timestamp of that checkpoint when
there is one, and the chain of keys from ``genesis`` through every
``key-rotation`` so each signature can be tied to the station's first key.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Callable, Iterable, Protocol

from packseal.core.errors import LedgerError
from packseal.core.evidence import pack_format as F
from packseal.core.ledger.canonical import unb64
from packseal.core.ledger import (CHECKPOINT, CLIP, GENESIS, KEY_ROTATION, TIMESTAMP, Entry,
                                  InclusionProof, inclusion_proof, leaf_hash, root)

log = logging.getLogger(__name__)


class EntrySource(Protocol):
    """What an excerpt is read from: a station's :class:`Ledger`, or the entries a hub holds of it."""

    def entries(self) -> Iterable[Entry]: ...


@dataclass(frozen=True)
class LedgerExcerpt:
    """Entries in seq order, the checkpoint they are proven under, and the proofs."""

    entries: tuple[Entry, ...]
    clip: Entry
    checkpoint: Entry
    timestamp: Entry | None                      # the first timestamp of the checkpoint
    proofs: tuple[InclusionProof, ...]
    timestamps: tuple[Entry, ...] = ()           # every timestamp of the checkpoint (one per TSA)

    def jsonl(self) -> bytes:
        """The entries as a ledger file holds them: canonical bytes, one a line."""
        return b"".join(e.canonical + b"\n" for e in self.entries)

    def proofs_document(self, proofs_format: str) -> dict:
        """``ledger/proofs.json``: the checkpoint's tree and one inclusion proof per covered entry."""
        return {"format": proofs_format, "checkpoint_seq": self.checkpoint.seq,
                "tree_size": self.checkpoint.body["tree_size"],
                "root_hash": self.checkpoint.body["root_hash"],
                "clip_seq": self.clip.seq,
                "timestamp_seq": self.timestamp.seq if self.timestamp else None,
                "proofs": [p.to_json() for p in self.proofs]}


def ledger_members(excerpt: LedgerExcerpt, cosignatures: list[dict]) -> dict[str, bytes]:
    """The pack's ``ledger/`` files for ``excerpt``: entries, proofs, the checkpoint's token and root,
    and ``cosignatures`` (JSON, those over the excerpt's checkpoint) when there are any."""
    members = {F.ENTRIES: excerpt.jsonl(),
               F.PROOFS: json.dumps(excerpt.proofs_document(F.PROOFS_FORMAT), indent=2).encode("utf-8")}
    if cosignatures:
        members[F.COSIGNATURES] = json.dumps({"format": F.COSIGNATURES_FORMAT, "cosignatures": cosignatures},
                                             indent=2).encode("utf-8")
    if excerpt.timestamp is not None:
        members[F.TOKEN] = unb64(excerpt.timestamp.body["token"])
        members[F.ROOT_BIN] = bytes.fromhex(excerpt.checkpoint.body["root_hash"])
    return members


def excerpt_for(ledger: EntrySource, clip_seq: int,
                make_checkpoint: Callable[[], None] | None = None, *,
                linked_seqs: tuple[int, ...] = (), witnessed: frozenset[int] = frozenset()) -> LedgerExcerpt:
    """Collect what entry ``clip_seq`` depends on, proven under a checkpoint.

    The checkpoint is the earliest one covering the clip that has a trusted
    timestamp (it proves the clip existed at the TSA's time), else the earliest
    covering one a hub cosigned (``witnessed``: checkpoint seqs), else the
    latest covering one. When none covers the clip yet, ``make_checkpoint`` is called
    (the archive's ``checkpoint(force=True)``, which also asks the TSA when one
    is configured) and the ledger is read again. Raises :class:`LedgerError`
    when the entry is not a clip or the ledger does not match its checkpoint.
    ``linked_seqs`` are further clip entries (a return and its shipment) that
    go in too, proven under the same checkpoint, which must then cover them all.
    """
    scan = _scan(ledger)
    last = max((clip_seq, *linked_seqs))
    if last >= len(scan.leaves):
        raise LedgerError(f"the ledger has no entry {last}")
    if not _covering(scan, last) and make_checkpoint is not None:
        make_checkpoint()
        scan = _scan(ledger)
    covering = _covering(scan, last)
    if not covering:
        raise LedgerError(f"no checkpoint covers entry {last}; make one (the archive does at "
                          "shutdown and every few minutes) and try again")
    stamped = [c for c in covering if c.seq in scan.timestamps]
    cosigned = [c for c in covering if c.seq in witnessed]
    checkpoint = stamped[0] if stamped else cosigned[0] if cosigned else covering[-1]
    stamps = scan.timestamps.get(checkpoint.seq, [])
    timestamp = stamps[0] if stamps else None
    size = checkpoint.body["tree_size"]
    if root(scan.leaves, size).hex() != checkpoint.body["root_hash"]:
        raise LedgerError(f"checkpoint {checkpoint.seq} does not match the ledger's entries; "
                          "run `packseal verify` before making an evidence pack")
    clip = scan.clips.get(clip_seq)
    if clip is None:
        raise LedgerError(f"entry {clip_seq} is not a clip entry; the catalog points at the wrong "
                          "entry (rebuild it from the ledger)")
    chosen = {e.seq: e for e in scan.key_chain}
    chosen[clip.seq] = clip
    for seq in linked_seqs:
        if seq not in scan.clips:
            raise LedgerError(f"entry {seq} is not a clip entry; the catalog points at the wrong entry "
                              "(rebuild it from the ledger)")
        chosen[seq] = scan.clips[seq]
    chosen[checkpoint.seq] = checkpoint
    for stamp in stamps:
        chosen[stamp.seq] = stamp
    entries = tuple(chosen[s] for s in sorted(chosen))
    proofs = tuple(_proof(scan.leaves, e.seq, checkpoint) for e in entries if e.seq < size)
    return LedgerExcerpt(entries=entries, clip=clip, checkpoint=checkpoint, timestamp=timestamp,
                         proofs=proofs, timestamps=tuple(stamps))


@dataclass
class _Scan:
    leaves: list[bytes]
    checkpoints: list[Entry]
    timestamps: dict[int, list[Entry]]  # checkpoint seq -> its timestamp entries
    key_chain: list[Entry]         # genesis and every key rotation
    clips: dict[int, Entry]        # clip entries by seq (other kinds are only hashed)


def _scan(ledger: EntrySource) -> _Scan:
    """One pass over the ledger: leaf hashes and the entries a pack may need."""
    scan = _Scan([], [], {}, [], {})
    for entry in ledger.entries():
        if entry.seq != len(scan.leaves):
            raise LedgerError(f"the ledger is broken at seq {len(scan.leaves)} (found {entry.seq}); "
                              "run `packseal verify`")
        scan.leaves.append(leaf_hash(entry.canonical))
        if entry.kind == CLIP:
            scan.clips[entry.seq] = entry
        elif entry.kind == CHECKPOINT:
            scan.checkpoints.append(entry)
        elif entry.kind == TIMESTAMP:
            scan.timestamps.setdefault(int(entry.body.get("checkpoint_seq", -1)), []).append(entry)
        elif entry.kind in (GENESIS, KEY_ROTATION):
            scan.key_chain.append(entry)
    return scan


def _covering(scan: _Scan, seq: int) -> list[Entry]:
    return [c for c in scan.checkpoints if c.body["tree_size"] > seq]


def _proof(leaves: list[bytes], seq: int, checkpoint: Entry) -> InclusionProof:
    size = checkpoint.body["tree_size"]
    path = inclusion_proof(leaves, seq, size)
    return InclusionProof(seq=seq, tree_size=size, root_hash=checkpoint.body["root_hash"],
                          path=tuple(h.hex() for h in path), checkpoint_seq=checkpoint.seq)
