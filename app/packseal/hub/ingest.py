"""Taking a station's ledger entries: check, witness, catalogue (docs/HUB.md §3–4).

A batch continues what the hub holds, or is refused whole. Each entry must
be well formed, at the next seq, its ``prev`` the hash of the entry before,
signed by the key the chain has at that point (the pairing key, then each
``key-rotation``'s new key). A checkpoint must sign the root of the entries
the hub itself holds and extend the last tree it cosigned (RFC 9162
consistency proof); the hub then cosigns it. An entry at a seq the hub holds
with another hash, a ``prev`` that continues another history, a checkpoint
over another tree: the station is **forked**: the batch is refused, what the
hub held is untouched, and the station's status says so until an owner acts.
Clip entries fill ``clips`` (``waiting_for_file`` until the file is stored).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from packseal.core.errors import BadInputError
from packseal.core.ledger import bodies
from packseal.core.ledger.canonical import parse_utc_stamp, unb64
from packseal.core.ledger.entry import Entry
from packseal.core.ledger.keys import PublicKey
from packseal.core.ledger.merkle import MerkleFrontier, leaf_hash, verify_consistency
from packseal.core.ledger.packing_record import PackingRecord
from packseal.core.ledger.witness import Cosignature, cosign

FORKED = "forked"
#: A clip's status on the hub: its entry arrived, its file not yet / its file is stored and
#: checked / the station deleted the file (a ``retention`` entry) before it reached the hub.
WAITING = "pending"
STORED = "stored"
GONE = "deleted_at_station"


class Refused(Exception):
    """The batch is refused (400) without judging the station: malformed, a gap, a bad signature."""

    def __init__(self, error: str, message: str) -> None:
        super().__init__(message)
        self.error = error


class Forked(Exception):
    """The station's history is not the one the hub holds or witnessed (409, status ``forked``)."""


@dataclass
class Chain:
    """A station's chain as the hub holds it (one row of ``stations``)."""

    genesis: str
    entries_to: int | None
    last_hash: str | None
    current_key: str | None
    frontier: MerkleFrontier
    cosigned_size: int | None
    cosigned_root: str | None
    keys: dict[str, PublicKey] = field(default_factory=dict)


@dataclass
class Outcome:
    accepted: int = 0
    cosignatures: list[Cosignature] = field(default_factory=list)
    clips: int = 0


def _entry(data: Any) -> Entry:
    try:
        entry = Entry.from_dict(data)
    except BadInputError as exc:
        raise Refused("bad-entry", str(exc)) from None
    problem = bodies.body_problem(entry.kind, entry.body)
    if problem:
        raise Refused("bad-entry", f"entry {entry.seq}: {problem}")
    return entry


def check_batch(chain: Chain, raw_entries: list, consistency: dict, held_hash: Callable[[int], str | None],
                sign: Callable[[bytes], bytes], hub_key: PublicKey) -> tuple[list[Entry], Outcome]:
    """Check a batch against ``chain`` (which it advances); the entries new to the hub and what was made.

    ``held_hash(seq)`` gives the hash of an entry the hub holds. Raises
    :class:`Refused` or :class:`Forked`; the caller then writes nothing of the batch.
    """
    if not isinstance(raw_entries, list) or not raw_entries:
        raise Refused("bad-request", "entries must be a non-empty list")
    if not isinstance(consistency, dict):
        raise Refused("bad-request", "consistency must be an object")
    new: list[Entry] = []
    outcome = Outcome()
    for data in raw_entries:
        entry = _entry(data)
        held_to = -1 if chain.entries_to is None else chain.entries_to
        if entry.seq <= held_to:
            held = held_hash(entry.seq)
            if held != entry.hash:
                raise Forked(f"entry {entry.seq} differs from the entry {entry.seq} the hub holds "
                             f"({entry.hash[:16]}… against {str(held)[:16]}…): the ledger was rewritten")
            continue
        if entry.seq != held_to + 1:
            raise Refused("seq-gap", f"entry {entry.seq} does not follow entry {held_to} the hub holds")
        _check_link(chain, entry)
        _check_signature(chain, entry)
        if entry.kind == bodies.CHECKPOINT:
            outcome.cosignatures.append(_witness(chain, entry, consistency, sign, hub_key))
        if entry.kind == bodies.KEY_ROTATION:
            new_key = PublicKey(unb64(entry.body["new_public_key"]))
            if new_key.key_id != entry.body["new_key_id"]:
                raise Refused("bad-entry", f"rotation {entry.seq} names key {entry.body['new_key_id']} "
                              f"for a key whose id is {new_key.key_id}")
            chain.keys[new_key.key_id] = new_key
            chain.current_key = new_key.key_id
        chain.frontier.append(leaf_hash(entry.canonical))
        chain.entries_to, chain.last_hash = entry.seq, entry.hash
        new.append(entry)
        outcome.accepted += 1
    return new, outcome


def _check_link(chain: Chain, entry: Entry) -> None:
    if entry.seq == 0:
        if entry.hash != chain.genesis:
            raise Forked("entry 0 is not the genesis entry this station paired with")
        return
    if entry.prev != chain.last_hash:
        raise Forked(f"entry {entry.seq} continues another history (its prev {entry.prev[:16]}… is not "
                     f"the hash of entry {entry.seq - 1} the hub holds, {str(chain.last_hash)[:16]}…)")


def _check_signature(chain: Chain, entry: Entry) -> None:
    if entry.seq == 0:
        key = PublicKey(unb64(entry.body["public_key"]))
        if key.key_id != entry.key or entry.body["key_id"] != entry.key:
            raise Refused("bad-entry", "the genesis entry's key id is not its public key's")
    else:
        if entry.key != chain.current_key:
            raise Refused("bad-signature", f"entry {entry.seq} is signed by key {entry.key}, but the chain's "
                          f"key at that point is {chain.current_key}")
        key = chain.keys.get(entry.key)
        if key is None:
            raise Refused("bad-signature", f"key {entry.key} is not known for this station")
    if not key.verify(entry.signature, entry.payload()):
        raise Refused("bad-signature", f"the signature of entry {entry.seq} does not verify")
    if entry.seq == 0:
        chain.keys[key.key_id] = key
        chain.current_key = key.key_id


def _witness(chain: Chain, entry: Entry, consistency: dict, sign: Callable[[bytes], bytes],
             hub_key: PublicKey) -> Cosignature:
    size, root_hash = entry.body["tree_size"], entry.body["root_hash"]
    if size != entry.seq:
        raise Refused("bad-checkpoint", f"checkpoint {entry.seq} covers {size} entries; the hub witnesses "
                      "only checkpoints over every entry before them")
    if chain.frontier.root().hex() != root_hash:
        raise Forked(f"checkpoint {entry.seq} signs root {root_hash[:16]}…, but the {size} entries the hub "
                     f"holds hash to {chain.frontier.root().hex()[:16]}…")
    old_size = chain.cosigned_size or 0
    given = consistency.get(str(entry.seq))
    if not isinstance(given, dict) or given.get("from_size") != old_size or not isinstance(given.get("proof"), list):
        raise Refused("bad-checkpoint", f"checkpoint {entry.seq} needs a consistency proof from size "
                      f"{old_size}, the last tree the hub cosigned")
    try:
        proof = [bytes.fromhex(h) for h in given["proof"]]
        old_root = bytes.fromhex(chain.cosigned_root) if chain.cosigned_root else b""
    except (TypeError, ValueError):
        raise Refused("bad-checkpoint", "the consistency proof is not a list of hex hashes") from None
    if old_size and not verify_consistency(old_size, size, old_root, bytes.fromhex(root_hash), proof):
        raise Forked(f"checkpoint {entry.seq} (size {size}) does not extend the tree of {old_size} entries "
                     "the hub cosigned: the history was rewritten")
    chain.cosigned_size, chain.cosigned_root = size, root_hash
    return cosign(sign, hub_key, station_id=chain.genesis, tree_size=size, root_hash=root_hash,
                  checkpoint_seq=entry.seq)


def clip_row(entry: Entry) -> dict[str, Any]:
    """The ``clips`` row of a clip entry (status set by the caller).

    ``waybills``: the code scanned (the clip's ``order_id``) and the shop's
    order it belongs to when the packing record names one, separated by spaces.
    ``kind`` and ``outcome``: the packing record's (FORMAT.md §6.1), as the
    station's own catalog reads them.
    """
    body = entry.body
    record = PackingRecord.of_body(body)
    codes = [body["order_id"]] + ([record.order_ref] if record.order_ref else [])
    waybills = " ".join(dict.fromkeys(c.replace(" ", "") for c in codes))
    return {"ledger_seq": entry.seq, "order_id": body["order_id"], "waybills": waybills,
            "packer": record.packer or None, "kind": record.kind, "outcome": record.outcome,
            "sha256": body["sha256"], "size": body["bytes"],
            "start": parse_utc_stamp(body["start"]), "duration_s": body["duration_ms"] / 1000.0}
