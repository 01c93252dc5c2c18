"""Taking a station's ledger entries: check, witness, catalogue (docs/HUB.md §3–4).

A batch continues what the hub holds, or is refused whole. Each entry must
be well formed, in increasing seq order, at the next seq, signed by the key
the chain has at that point (the genesis key, then each ``key-rotation``'s
new key), its ``prev`` the hash of the entry before. A checkpoint must sign
the root of the entries the hub itself holds and extend the last tree it
cosigned (RFC 9162 consistency proof); the hub then cosigns it. An entry
signed by the station's key at that point that conflicts with what the hub
holds (another entry at a seq the hub holds, a ``prev`` that continues
another history, a checkpoint over another tree) proves the station
**forked**: the batch is refused, what the hub held is untouched, the signed
entry is kept as evidence, and the station's status says so until an owner
accepts its present history (:mod:`packseal.hub.stations`): the hub then
takes its ledger again from entry 0 as the station's next history, and its
cosignatures name that history. An entry whose signature does not verify
proves nothing: 400.
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
    """The station's history is not the one the hub holds or witnessed (409, status ``forked``);
    ``evidence``: the station-signed entry that shows it."""

    def __init__(self, message: str, evidence: Entry) -> None:
        super().__init__(message)
        self.evidence = evidence


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
    history: int = 1  # which of the station's histories this is (stations.history)
    keys: dict[str, PublicKey] = field(default_factory=dict)
    #: ``(since_seq, key id)`` of each key the chain had, in order: genesis (0), then each rotation.
    key_history: list[tuple[int, str]] = field(default_factory=list)

    def key_at(self, seq: int) -> PublicKey | None:
        """The key that signs entry ``seq`` (> 0) of the entries the hub holds."""
        signer = None
        for since, key_id in self.key_history:
            if since < seq:
                signer = key_id
        return self.keys.get(signer) if signer else None


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
    except RecursionError:
        raise Refused("bad-entry", "an entry nested too deep") from None
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
    previous = -1
    for data in raw_entries:
        entry = _entry(data)
        if entry.seq <= previous:
            raise Refused("bad-request", f"entry {entry.seq} comes after entry {previous} in the batch: "
                          "a batch lists entries once each, in increasing seq order")
        previous = entry.seq
        held_to = -1 if chain.entries_to is None else chain.entries_to
        if entry.seq <= held_to:
            _check_held(chain, entry, held_hash(entry.seq))
            continue
        if entry.seq != held_to + 1:
            raise Refused("seq-gap", f"entry {entry.seq} does not follow entry {held_to} the hub holds")
        _check_signature(chain, entry)
        _check_link(chain, entry)
        if entry.kind == bodies.CHECKPOINT:
            outcome.cosignatures.append(_witness(chain, entry, consistency, sign, hub_key))
        if entry.kind == bodies.KEY_ROTATION:
            new_key = PublicKey(unb64(entry.body["new_public_key"]))
            if new_key.key_id != entry.body["new_key_id"]:
                raise Refused("bad-entry", f"rotation {entry.seq} names key {entry.body['new_key_id']} "
                              f"for a key whose id is {new_key.key_id}")
            chain.keys[new_key.key_id] = new_key
            chain.key_history.append((entry.seq, new_key.key_id))
            chain.current_key = new_key.key_id
        chain.frontier.append(leaf_hash(entry.canonical))
        chain.entries_to, chain.last_hash = entry.seq, entry.hash
        new.append(entry)
        outcome.accepted += 1
    return new, outcome


def _check_held(chain: Chain, entry: Entry, held: str | None) -> None:
    """An entry at a seq the hub holds: the same one, or, signed by the chain's key at that seq, a fork."""
    if held == entry.hash:
        return
    if entry.seq == 0:
        raise Refused("bad-entry", "entry 0 is not the genesis entry this station paired with")
    key = chain.key_at(entry.seq)
    if key is None or entry.key != key.key_id or not key.verify(entry.signature, entry.payload()):
        raise Refused("bad-signature", f"entry {entry.seq} differs from the entry the hub holds, and it is not "
                      "signed by the station's key at that point: it proves nothing")
    raise Forked(f"entry {entry.seq} differs from the entry {entry.seq} the hub holds "
                 f"({entry.hash[:16]}… against {str(held)[:16]}…): the ledger was rewritten", entry)


def _check_link(chain: Chain, entry: Entry) -> None:
    if entry.seq == 0:
        if entry.hash != chain.genesis:
            raise Refused("bad-entry", "entry 0 is not the genesis entry this station paired with")
        return
    if entry.prev != chain.last_hash:
        raise Forked(f"entry {entry.seq} continues another history (its prev {entry.prev[:16]}… is not "
                     f"the hash of entry {entry.seq - 1} the hub holds, {str(chain.last_hash)[:16]}…)", entry)


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
        chain.key_history.append((0, key.key_id))
        chain.current_key = key.key_id


def _witness(chain: Chain, entry: Entry, consistency: dict, sign: Callable[[bytes], bytes],
             hub_key: PublicKey) -> Cosignature:
    size, root_hash = entry.body["tree_size"], entry.body["root_hash"]
    if size != entry.seq:
        raise Refused("bad-checkpoint", f"checkpoint {entry.seq} covers {size} entries; the hub witnesses "
                      "only checkpoints over every entry before them")
    if chain.frontier.root().hex() != root_hash:
        raise Forked(f"checkpoint {entry.seq} signs root {root_hash[:16]}…, but the {size} entries the hub "
                     f"holds hash to {chain.frontier.root().hex()[:16]}…", entry)
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
    # The root is the hub's own tree over the entries it holds, which extend what it cosigned: a proof
    # that fails here is a wrong proof, not a rewritten history.
    if old_size and not verify_consistency(old_size, size, old_root, bytes.fromhex(root_hash), proof):
        raise Refused("bad-checkpoint", f"the consistency proof of checkpoint {entry.seq} from size {old_size} "
                      "does not verify")
    chain.cosigned_size, chain.cosigned_root = size, root_hash
    return cosign(sign, hub_key, station_id=chain.genesis, tree_size=size, root_hash=root_hash,
                  checkpoint_seq=entry.seq, history=chain.history)


def clip_row(entry: Entry) -> dict[str, Any]:
    """The ``clips`` row of a clip entry (status set by the caller).

    ``waybills``: the code scanned (the clip's ``order_id``) and the shop's
    order it belongs to when the packing record names one, separated by spaces.
    A NUL (valid in a ledger string, not in PostgreSQL text) is shown as ``␀``
    in the catalogue; the entry itself is kept byte for byte.
    ``kind`` and ``outcome``: the packing record's (FORMAT.md §6.1), as the
    station's own catalog reads them.
    """
    body = entry.body
    record = PackingRecord.of_body(body)
    codes = [body["order_id"]] + ([record.order_ref] if record.order_ref else [])
    waybills = " ".join(dict.fromkeys(_text(c).replace(" ", "") for c in codes))
    return {"ledger_seq": entry.seq, "order_id": _text(body["order_id"]), "waybills": waybills,
            "packer": _text(record.packer) or None, "kind": record.kind, "outcome": record.outcome,
            "sha256": body["sha256"], "size": body["bytes"],
            "start": parse_utc_stamp(body["start"]), "duration_s": body["duration_ms"] / 1000.0}


def _text(value: str | None) -> str:
    """``value`` as catalogue text: NUL, which PostgreSQL text cannot hold, as U+2400 (␀)."""
    return (value or "").replace("\x00", "\u2400")
