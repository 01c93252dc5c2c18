"""Walking the ledger line by line: order, signatures, keys, checkpoints, and what each entry sealed.

:class:`ChainWalker` reads every ledger line once: parse, canonicalise,
check seq/prev/time, verify the signature with the key the chain says is
current (genesis, then each ``key-rotation``), recompute the Merkle root at
every checkpoint, and collect what each entry sealed, for the data-dir audit
(:mod:`.verify`) to compare with the files. Per entry that is one JSON
parse, one canonical encoding (the signature is spliced in), two SHA-256s
(entry hash, Merkle leaf) and one Ed25519 verify.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator


from packseal.core.errors import BadInputError
from packseal.core.ledger import bodies
from packseal.core.ledger import report as R
from packseal.core.ledger.canonical import ZERO_HASH, dumps_for, is_utc_stamp, loads_line, unb64
from packseal.core.ledger.entry import shape_problem, with_sig
from packseal.core.ledger.journal import ledger_files, read_lines
from packseal.core.ledger.keys import PublicKey
from packseal.core.ledger.merkle import MerkleFrontier, leaf_hash, root
from packseal.core.ledger.report import VerifyReport
from packseal.core.ledger.verdict import Item


@dataclass(frozen=True)
class Sealed:
    """A file an entry sealed."""

    seq: int
    kind: str
    file: str
    sha256: str
    bytes: int
    key: str
    entry_hash: str


class ChainWalker:
    """Checks ledger lines one at a time, in file order, and remembers what later checks need."""

    def __init__(self, report: VerifyReport, station_keys: dict[str, PublicKey]) -> None:
        self.report = report
        self.station_keys = station_keys
        self.expected_seq = 0
        self.expected_prev: str | None = ZERO_HASH
        self.last_time: str | None = None
        self.key: PublicKey | None = None       # key the chain says signs the next entry
        self.chain_keys: dict[str, PublicKey] = {}
        self.genesis_seen = False
        self.frontier = MerkleFrontier()
        self.leaves: list[bytes] = []
        self.hash_at: dict[int, str] = {}       # seq -> entry hash (first occurrence)
        self.checkpoints: dict[int, tuple[int, str]] = {}  # seq -> (tree_size, root_hash)
        self.uncovered = 0  # entries after the last checkpoint (timestamps aside)
        self.timestamps: list[tuple[int, dict[str, Any]]] = []
        self.sealed: dict[str, Sealed] = {}    # file -> latest sealing
        self.sealed_by_seq: dict[tuple[int, str], Sealed] = {}  # (seq, file) -> what it sealed
        self.retentions: list[tuple[int, dict[str, Any]]] = []
        self.last_seq: int | None = None
        self.items: list[Item] = []             # what must be anchored: genesis, rotations, clips
        self.signed: list[tuple[int, str, str]] = []  # (seq, key id, time) of every signed entry
        self.compromised: dict[str, tuple[str, int]] = {}  # key id -> (since, seq of the declaring rotation)

    def feed(self, where: str, lineno: int, line: bytes, complete: bool) -> None:
        rep = self.report
        if not complete:
            rep.warn(R.TORN_LINE, f"line {lineno} is unfinished (a crash while writing); the ledger "
                     "moves it aside when next opened", file=where)
            return
        try:
            data, fast = loads_line(line)
        except ValueError as exc:
            self._broken(f"line {lineno} is not JSON ({exc})", where, None)
            return
        problem = shape_problem(data)
        if problem:
            seq_or_none = data.get("seq") if isinstance(data, dict) and type(data.get("seq")) is int else None
            self._broken(f"line {lineno} is not a valid entry: {problem}", where, seq_or_none)
            return
        seq: int = data["seq"]
        sig = data.pop("sig")
        try:
            payload = dumps_for(data, fast)
            full = with_sig(payload, sig)
        except BadInputError as exc:
            self._broken(f"line {lineno} cannot be canonicalised: {exc}", where, seq)
            return
        if full != line:
            rep.problem(R.NOT_CANONICAL, f"line {lineno} is not in canonical form: PackSeal writes only "
                        "canonical lines, so it was rewritten by something else", seq, where)
        entry_hash = hashlib.sha256(full).hexdigest()
        rep.count("entries")
        self._check_order(seq, data["prev"], where)
        if self.last_time is not None and data["time"] < self.last_time:
            rep.warn(R.CLOCK_BACKWARDS, f"time {data['time']} is earlier than the previous entry's "
                     f"{self.last_time}: the station clock went backwards", seq)
        self.last_time = data["time"]
        kind, body = data["kind"], data["body"]
        body_ok = self._check_body(kind, body, seq)
        signed_ok = self._check_signature(data, payload, unb64(sig), body_ok)
        if signed_ok:
            self.signed.append((seq, data["key"], data["time"]))
        self._after_entry(seq, kind, body, body_ok, signed_ok, data["key"], entry_hash)
        self.hash_at.setdefault(seq, entry_hash)
        leaf = leaf_hash(full)
        self.leaves.append(leaf)
        self.frontier.append(leaf)
        if seq >= self.expected_seq:
            self.expected_seq, self.expected_prev = seq + 1, entry_hash
        # else: an entry out of order; the chain goes on from the last one in order.
        self.last_seq = max(seq, self.last_seq if self.last_seq is not None else -1)

    def _broken(self, message: str, where: str, seq: int | None) -> None:
        self.report.problem(R.ENTRY_MALFORMED, message, seq, where)
        # The line probably held entry expected_seq; carry on from there without a prev to compare.
        self.expected_seq = (seq if seq is not None else self.expected_seq) + 1
        self.expected_prev = None

    def _check_order(self, seq: int, prev: str, where: str) -> None:
        rep, expected = self.report, self.expected_seq
        if seq > expected:
            missing = f"entry {expected}" if seq == expected + 1 else f"entries {expected}..{seq - 1}"
            rep.problem(R.SEQ_GAP, f"{missing} missing: found entry {seq} where {expected} "
                        "belongs (deleted entries)", expected, where)
        elif seq < expected:
            rep.problem(R.SEQ_OUT_OF_ORDER, f"entry {seq} comes after entry {expected - 1}: entries "
                        "were reordered, duplicated or inserted", seq, where)
        elif self.expected_prev is not None and prev != self.expected_prev:
            rep.problem(R.PREV_MISMATCH, f"prev does not match the hash of entry {seq - 1}: entry "
                        f"{seq - 1} was edited or replaced, or this entry was inserted", seq, where)

    def _check_body(self, kind: str, body: dict[str, Any], seq: int) -> bool:
        if kind not in bodies.KINDS:
            self.report.warn(R.UNKNOWN_KIND, f"kind {kind!r} is not known to this verifier "
                             "(signature and chain still checked)", seq)
            return False
        problem = bodies.body_problem(kind, body)
        if problem:
            self.report.problem(R.BODY_MALFORMED, problem, seq)
            return False
        return True

    def _check_signature(self, data: dict[str, Any], payload: bytes, sig: bytes, body_ok: bool) -> bool:
        rep, seq, kind, key_id = self.report, data["seq"], data["kind"], data["key"]
        if kind == bodies.GENESIS:
            signer = self._genesis_key(data, body_ok)
        elif self.key is None:
            # No valid genesis: fall back on the keys folder so edits are still caught.
            signer = self.station_keys.get(key_id)
            if signer is None:
                rep.problem(R.KEY_UNKNOWN, f"signed with key {key_id}, which neither the chain nor "
                            "the keys folder knows", seq)
        elif key_id != self.key.key_id:
            rep.problem(R.KEY_MISMATCH, f"signed with key {key_id}, but the chain's key at this point "
                        f"is {self.key.key_id} (genesis/rotation): a substituted key", seq)
            signer = None
        else:
            signer = self.key
        if signer is None:
            return False
        rep.count("signatures")
        if not signer.verify(sig, payload):
            rep.problem(R.BAD_SIGNATURE, f"the signature does not verify with key {signer.key_id}: "
                        "the entry was edited or the signature forged", seq)
            return False
        return True

    def _genesis_key(self, data: dict[str, Any], body_ok: bool) -> PublicKey | None:
        rep, seq, body = self.report, data["seq"], data["body"]
        if self.genesis_seen or seq != 0:
            rep.problem(R.GENESIS_INVALID, "a genesis entry may only be entry 0, and only once", seq)
            return None
        self.genesis_seen = True
        if not body_ok:
            return None
        key = PublicKey(unb64(body["public_key"]))
        if key.key_id != body["key_id"] or key.key_id != data["key"]:
            rep.problem(R.GENESIS_INVALID, f"genesis key id {body['key_id']} / entry key {data['key']} "
                        f"do not match its public key ({key.key_id})", seq)
            return None
        if self.station_keys and key.key_id not in self.station_keys:
            rep.problem(R.KEY_SWAPPED, f"genesis names key {key.key_id}, but the station's keys folder "
                        f"holds {', '.join(sorted(self.station_keys))}: the ledger's key was replaced", seq)
        self.key = key
        self.chain_keys[key.key_id] = key
        return key

    def _after_entry(self, seq: int, kind: str, body: dict[str, Any], body_ok: bool,
                     signed_ok: bool, key_id: str, entry_hash: str) -> None:
        rep = self.report
        if kind != bodies.TIMESTAMP:
            self.uncovered = 0 if kind == bodies.CHECKPOINT else self.uncovered + 1
        if kind == bodies.CHECKPOINT and body_ok:
            rep.count("checkpoints")
            size = body["tree_size"]
            if size > self.frontier.size:
                rep.problem(R.CHECKPOINT_ROOT_MISMATCH, f"checkpoint covers {size} entries but only "
                            f"{self.frontier.size} precede it", seq)
            else:
                head = self.frontier.root() if size == self.frontier.size else root(self.leaves, size)
                actual = head.hex()
                if actual != body["root_hash"]:
                    rep.problem(R.CHECKPOINT_ROOT_MISMATCH, f"checkpoint root {body['root_hash']} over "
                                f"entries 0..{size - 1}, but those entries hash to {actual}", seq)
                self.checkpoints[seq] = (size, body["root_hash"])
        elif kind == bodies.KEY_ROTATION and body_ok and signed_ok:
            new = PublicKey(unb64(body["new_public_key"]))
            if new.key_id != body["new_key_id"]:
                rep.problem(R.BODY_MALFORMED, f"rotation names key id {body['new_key_id']} but its "
                            f"public key has id {new.key_id}", seq)
            else:
                if is_utc_stamp(body.get("compromised_since")):
                    self.compromised[key_id] = (body["compromised_since"], seq)
                self.key = new
                self.chain_keys[new.key_id] = new
                rep.count("key_rotations")
        elif kind == bodies.TIMESTAMP and body_ok:
            self.timestamps.append((seq, body))
        elif kind == bodies.RETENTION and body_ok:
            self.retentions.append((seq, body))
        elif kind in bodies.FILE_KINDS and body_ok:
            for file, sha256, size in bodies.sealed_files(kind, body):  # a clip of two cameras: two files
                sealed = Sealed(seq, kind, file, sha256, size, key_id, entry_hash)
                self.sealed[sealed.file] = sealed
                self.sealed_by_seq[(seq, file)] = sealed
        if body_ok and kind == bodies.CLIP:
            self.items.append(Item(seq, f"clip of order {body['order_id']}", body["end"]))
        elif body_ok and kind in (bodies.GENESIS, bodies.KEY_ROTATION) and signed_ok:
            self.items.append(Item(seq, kind, self.last_time or ""))


def ledger_lines(report: VerifyReport, directory: Path) -> Iterator[tuple[str, int, bytes, bool]]:
    """Every line of every ledger file, reporting gaps in the file numbering."""
    files = ledger_files(directory)
    report.count("ledger_files", len(files))
    expected = 1
    for number, path in files:
        if number != expected:
            first, last = f"ledger-{expected:06d}.jsonl", f"ledger-{number - 1:06d}.jsonl"
            span = first if number - 1 == expected else f"{first} .. {last}"
            report.problem(R.LEDGER_FILE_MISSING, f"ledger file(s) {span} missing (deleted)",
                           file=f"ledger/{first}")
        expected = number + 1
        name = f"ledger/{path.name}"
        for lineno, line, complete in read_lines(path):
            yield name, lineno, line, complete


def compromise_problem(compromised: dict[str, tuple[str, int]], seq: int, key_id: str, time: str) -> str | None:
    """Why entry ``seq`` (signed by ``key_id`` at ``time``) is not to be trusted, or None.

    A rotation may declare its old key compromised since a time: that key's
    signatures on entries at or after it (other than the declaring rotation)
    are what a thief could have made.
    """
    declared = compromised.get(key_id)
    if declared is None or seq == declared[1] or time < declared[0]:
        return None
    return (f"signed by key {key_id} at {time}, but rotation {declared[1]} declared that key compromised "
            f"since {declared[0]}: a thief could have signed this")


def recorded_nonce(body: dict[str, Any]) -> int | None:
    """The nonce a timestamp entry recorded (decimal string), or None for entries without one."""
    text = body.get("nonce")
    return int(text) if isinstance(text, str) and text.isdigit() and len(text) <= 80 else None
