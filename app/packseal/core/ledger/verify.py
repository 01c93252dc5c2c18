"""Verification of a data dir, a clip, or a seal, naming every problem precisely.

The data-dir check reads every ledger line once: parse, canonicalise, check
seq/prev/time, verify the signature with the key the chain says is current
(genesis, then each ``key-rotation``), recompute the Merkle root at every
checkpoint, and collect what each entry sealed. Then it compares the ledger
with ``checkpoint.json`` (rollback), checks timestamp tokens, and hashes every
sealed file still expected on disk (1 MiB reads). Per entry that is one JSON
parse, one canonical encoding (the signature is spliced in), two SHA-256s
(entry hash, Merkle leaf) and one Ed25519 verify.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Sequence

from cryptography import x509

from packseal.core.errors import BadInputError, LedgerError, StorageError
from packseal.core.ledger import bodies
from packseal.core.ledger import report as R
from packseal.core.ledger.canonical import ZERO_HASH, dumps_for, is_utc_stamp, loads_line, unb64
from packseal.core.ledger.bodies import relative_path_problem
from packseal.core.ledger.entry import Entry, shape_problem, with_sig
from packseal.core.ledger.journal import (CHECKPOINT_FILE, TIMESTAMP_QUEUE_FILE, ledger_files,
                                          read_lines, torn_fragments)
from packseal.core.ledger.keys import KeyStore, PublicKey
from packseal.core.ledger.merkle import (MerkleFrontier, consistency_proof, inclusion_proof, leaf_hash,
                                         root, verify_consistency, verify_inclusion)
from packseal.core.ledger.report import VerifyReport
from packseal.core.ledger.seal import SEAL_FORMAT, clip_path_for, hash_file, read_seal, seal_path_for
from packseal.core.ledger.token_verify import verify_token
from packseal.core.ledger.tsa_trust import TrustStore, as_store
from packseal.core.ledger.verdict import Anchor, Item, Subject, anchor_finder
from packseal.core.storage.layout import DataLayout


@dataclass(frozen=True)
class _Sealed:
    """A file an entry sealed."""

    seq: int
    kind: str
    file: str
    sha256: str
    bytes: int
    key: str
    entry_hash: str


class _ChainWalker:
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
        self.sealed: dict[str, _Sealed] = {}    # file -> latest sealing
        self.sealed_by_seq: dict[int, _Sealed] = {}
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
            sealed = _Sealed(seq, kind, body["file"], body["sha256"], body["bytes"], key_id, entry_hash)
            self.sealed[sealed.file] = sealed
            self.sealed_by_seq[seq] = sealed
        if body_ok and kind == bodies.CLIP:
            self.items.append(Item(seq, f"clip of order {body['order_id']}", body["end"]))
        elif body_ok and kind in (bodies.GENESIS, bodies.KEY_ROTATION) and signed_ok:
            self.items.append(Item(seq, kind, self.last_time or ""))


def _iter_ledger(report: VerifyReport, directory: Path) -> Iterator[tuple[str, int, bytes, bool]]:
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


def verify_data_dir(layout: DataLayout, *,
                    tsa_roots: TrustStore | Sequence[x509.Certificate] | None = None) -> VerifyReport:
    """Verify the ledger, checkpoint file, timestamps and every sealed file of a data dir.

    ``tsa_roots``: the trusted TSA roots (None: certifi's Mozilla store and
    ``PACKSEAL_TSA_ROOTS``). ``report.subject`` gets what a verdict needs:
    the chain's keys, and for the genesis, each rotation and each clip the
    earliest trusted timestamp covering it.

    Raises :class:`StorageError` when the data dir cannot be read and
    :class:`LedgerError` when it holds no ledger at all.
    """
    rep = VerifyReport(target=str(layout.root))
    if not layout.root.is_dir():
        raise StorageError(f"the data folder {layout.root} does not exist")
    if not ledger_files(layout.ledger):
        if (layout.ledger / CHECKPOINT_FILE).exists():
            rep.problem(R.LEDGER_MISSING, "the ledger files are gone but checkpoint.json shows there "
                        "was a ledger", file="ledger/")
            return rep
        raise LedgerError(f"there is no ledger in {layout.root}: nothing to verify "
                          "(is this a PackSeal data folder?)")
    walker = _ChainWalker(rep, KeyStore(layout.keys, keyring_backend=None).public_keys())
    for where, lineno, line, complete in _iter_ledger(rep, layout.ledger):
        walker.feed(where, lineno, line, complete)
    if walker.last_seq is None:
        rep.problem(R.LEDGER_MISSING, "the ledger files hold no entries", file="ledger/")
        return rep
    _check_checkpoint_file(rep, layout, walker)
    for seq, key_id, time in walker.signed:
        problem = compromise_problem(walker.compromised, seq, key_id, time)
        if problem:
            rep.problem(R.KEY_COMPROMISED, problem, seq)
    anchors, untrusted = _check_timestamps(rep, walker, as_store(tsa_roots))
    find = anchor_finder(anchors)
    chain = [k.fingerprint_hex for k in walker.chain_keys.values()]
    rep.subject = Subject(key_fingerprint=walker.key.fingerprint_hex if walker.key else None,
                          chain_fingerprints=chain, untrusted_tsas=untrusted,
                          items=[Item(i.seq, i.label, i.end, find(i.seq)) for i in walker.items])
    _check_retentions(rep, walker)
    _check_files(rep, layout, walker)
    if walker.uncovered and walker.checkpoints:
        rep.warn(R.NOT_CHECKPOINTED, f"the last {walker.uncovered} entries are not yet covered by a "
                 "checkpoint (one is made periodically and at shutdown)")
    for fragment in torn_fragments(layout.ledger):
        rep.warn(R.TORN_REPAIRED, "an unfinished line (crash while writing) was moved aside here "
                 "when the ledger was reopened", file=f"ledger/torn/{fragment.name}")
    _check_timestamp_queue(rep, layout)
    return rep


def _load_checkpoint_file(path: Path) -> Entry:
    document = json.loads(path.read_bytes())
    if not isinstance(document, dict) or not isinstance(document.get("entry"), dict):
        raise BadInputError("no 'entry' object")
    entry = Entry.from_dict(document["entry"])
    if entry.kind != bodies.CHECKPOINT or bodies.body_problem(entry.kind, entry.body):
        raise BadInputError(f"entry {entry.seq} in it is not a valid checkpoint")
    return entry


def _check_checkpoint_file(rep: VerifyReport, layout: DataLayout, walker: _ChainWalker) -> None:
    """Compare the ledger with the last checkpoint saved outside it: catches rollbacks and forks."""
    path = layout.ledger / CHECKPOINT_FILE
    name = f"ledger/{CHECKPOINT_FILE}"
    if not path.exists():
        if walker.checkpoints:
            rep.warn(R.CHECKPOINT_FILE_MISSING, "the ledger has checkpoints but checkpoint.json is "
                     "missing, so a rollback cannot be checked", file=name)
        return
    try:
        saved = _load_checkpoint_file(path)
    except OSError as exc:
        raise StorageError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except (ValueError, BadInputError) as exc:
        rep.problem(R.CHECKPOINT_FILE_INVALID, f"checkpoint.json is not a valid checkpoint: {exc}", file=name)
        return
    signer = walker.chain_keys.get(saved.key) or walker.station_keys.get(saved.key)
    if signer is None or not signer.verify(saved.signature, saved.payload()):
        rep.problem(R.CHECKPOINT_FILE_INVALID, f"checkpoint.json (entry {saved.seq}) is not signed by "
                    "a key of this station", saved.seq, name)
        return
    rep.count("checkpoint_file")
    size, saved_root = saved.body["tree_size"], saved.body["root_hash"]
    have = len(walker.leaves)
    last = walker.last_seq
    if saved.seq > (last if last is not None else -1) or size > have:
        rep.problem(R.LEDGER_ROLLED_BACK, f"checkpoint.json records checkpoint entry {saved.seq} over "
                    f"{size} entries, but the ledger ends at entry {last}: entries were removed "
                    "(the ledger was rolled back)", saved.seq, name)
        return
    current_root = walker.frontier.root()
    proof = consistency_proof(walker.leaves, size)
    if not verify_consistency(size, have, bytes.fromhex(saved_root), current_root, proof):
        rep.problem(R.LEDGER_ROLLED_BACK, f"the ledger's first {size} entries no longer hash to root "
                    f"{saved_root} saved in checkpoint.json (now {root(walker.leaves, size).hex()}): "
                    "the ledger was replaced by a different history", saved.seq, name)
    elif walker.hash_at.get(saved.seq) != saved.hash:
        rep.problem(R.LEDGER_ROLLED_BACK, f"entry {saved.seq} in the ledger is not the checkpoint saved "
                    "in checkpoint.json", saved.seq, name)


def _check_timestamps(rep: VerifyReport, walker: _ChainWalker,
                      store: TrustStore) -> tuple[list[tuple[int, Anchor]], list[str]]:
    """Verify every token; return the anchors (tree size, anchor) and the names of untrusted TSAs."""
    anchors: list[tuple[int, Anchor]] = []
    untrusted: dict[str, None] = {}
    for seq, body in walker.timestamps:
        rep.count("timestamps")
        cp = walker.checkpoints.get(body["checkpoint_seq"])
        if cp is None or cp != (body["tree_size"], body["root_hash"]) or body["checkpoint_seq"] >= seq:
            rep.problem(R.TIMESTAMP_INVALID, f"timestamp refers to checkpoint {body['checkpoint_seq']} "
                        f"(size {body['tree_size']}, root {body['root_hash'][:16]}…), which is not an "
                        "earlier checkpoint of this ledger", seq)
            continue
        check = verify_token(unb64(body["token"]), body["root_hash"], store,
                             expected_nonce=recorded_nonce(body))
        if check.tampered:
            rep.problem(R.TIMESTAMP_INVALID, f"timestamp token for checkpoint {body['checkpoint_seq']} "
                        f"does not verify: {check.reason}", seq)
        elif check.anchors:
            rep.count("timestamps_trusted")
            anchors.append((body["tree_size"], Anchor(check.gen_time or "", check.tsa or body["tsa_url"],
                                                      body["checkpoint_seq"], seq)))
        else:
            untrusted[check.tsa or body["tsa_url"]] = None
    return anchors, list(untrusted)


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


def _check_retentions(rep: VerifyReport, walker: _ChainWalker) -> None:
    for seq, body in walker.retentions:
        sealed = walker.sealed_by_seq.get(body["sealed_by"])
        if (sealed is None or sealed.seq >= seq or sealed.file != body["file"]
                or sealed.sha256 != body["sha256"]):
            rep.problem(R.RETENTION_MISMATCH, f"retention says entry {body['sealed_by']} sealed "
                        f"{body['file']} ({body['sha256'][:16]}…), but no earlier entry sealed that",
                        seq, body["file"])


def _check_files(rep: VerifyReport, layout: DataLayout, walker: _ChainWalker) -> None:
    by_hash: dict[str, list[_Sealed]] = {}
    for sealed in walker.sealed_by_seq.values():
        by_hash.setdefault(sealed.sha256, []).append(sealed)
    # (file, sealing seq) -> seq of the retention entry that recorded its deletion
    retained = {(body["file"], body["sealed_by"]): seq for seq, body in walker.retentions}
    root_dir = str(layout.root)
    for sealed in walker.sealed.values():
        if relative_path_problem(sealed.file):
            _outside(rep, sealed)
            continue
        if not os.path.lexists(os.path.join(root_dir, sealed.file)):  # str paths: thousands of these
            retention = retained.get((sealed.file, sealed.seq))
            if retention is not None and retention > sealed.seq:
                rep.note(R.FILE_RETAINED, f"deleted under the retention policy (retention entry {retention})",
                         sealed.seq, sealed.file)
                rep.count("files_retained")
            else:
                rep.problem(R.FILE_MISSING, f"the {sealed.kind} file sealed by entry {sealed.seq} is gone "
                            "and no retention entry records its deletion", sealed.seq, sealed.file)
            continue
        try:
            path = layout.absolute(sealed.file)  # resolves symlinks: one may lead out
        except ValueError:
            _outside(rep, sealed)
            continue
        digest, size = hash_file(path)
        rep.count("files_hashed")
        rep.count("bytes_hashed", size)
        if digest != sealed.sha256 or size != sealed.bytes:
            _file_differs(rep, sealed, digest, size, by_hash)
        elif sealed.kind == bodies.CLIP:
            _check_clip_seal(rep, walker, sealed, path)


def _outside(rep: VerifyReport, sealed: _Sealed) -> None:
    rep.problem(R.PATH_OUTSIDE, f"the {sealed.kind} entry names a file outside the data folder; "
                "it was not opened", sealed.seq, sealed.file)


def _file_differs(rep: VerifyReport, sealed: _Sealed, digest: str, size: int,
                  by_hash: dict[str, list[_Sealed]]) -> None:
    others = [s for s in by_hash.get(digest, []) if s.seq != sealed.seq]
    if others:
        other = others[0]
        rep.problem(R.FILE_REPLACED, f"this file now holds the content sealed by entry {other.seq} "
                    f"({other.file}), not what entry {sealed.seq} sealed", sealed.seq, sealed.file)
    elif size < sealed.bytes:
        rep.problem(R.FILE_TRUNCATED, f"{size} bytes, but entry {sealed.seq} sealed {sealed.bytes}: "
                    "the file was cut short", sealed.seq, sealed.file)
    elif size != sealed.bytes:
        rep.problem(R.FILE_SIZE_MISMATCH, f"{size} bytes, but entry {sealed.seq} sealed {sealed.bytes}",
                    sealed.seq, sealed.file)
    else:
        rep.problem(R.FILE_HASH_MISMATCH, f"SHA-256 is {digest}, but entry {sealed.seq} sealed "
                    f"{sealed.sha256}: the content was altered", sealed.seq, sealed.file)


def _check_clip_seal(rep: VerifyReport, walker: _ChainWalker, sealed: _Sealed, clip: Path) -> None:
    """The seal beside a clip must carry the very ledger entry and the chain's key."""
    seal_path = seal_path_for(clip)
    name = f"{sealed.file}.seal.json"
    if not seal_path.exists():
        rep.warn(R.SEAL_MISSING, "the clip has no seal file beside it (the ledger still seals it)",
                 sealed.seq, name)
        return
    rep.count("seals")
    try:
        document = read_seal(seal_path)
    except BadInputError as exc:
        rep.problem(R.SEAL_INVALID, str(exc), sealed.seq, name)
        return
    entry, key = _check_seal_document(rep, document, name)
    if entry is None or key is None:
        return
    if entry.seq != sealed.seq or entry.hash != sealed.entry_hash:
        rep.problem(R.SEAL_ENTRY_MISMATCH, f"the seal carries entry {entry.seq} ({entry.hash[:16]}…), "
                    f"not the ledger's entry {sealed.seq} ({sealed.entry_hash[:16]}…)", sealed.seq, name)
    chain_key = walker.chain_keys.get(sealed.key)
    if key.key_id != sealed.key or chain_key is None or chain_key.raw != key.raw:
        rep.problem(R.SEAL_KEY_MISMATCH, f"the seal's public key {key.key_id} is not the ledger's key "
                    f"{sealed.key} for entry {sealed.seq}", sealed.seq, name)


def _check_seal_document(rep: VerifyReport, doc: dict[str, Any],
                         name: str) -> tuple[Entry | None, PublicKey | None]:
    """Check a seal on its own: entry, payload, signature and key agree. Returns them when they do."""
    try:
        if doc.get("format") != SEAL_FORMAT:
            raise BadInputError(f"unknown seal format {doc.get('format')!r}")
        entry = Entry.from_dict(doc["entry"])
        key = PublicKey(unb64(doc["public_key_raw_b64"]))
        pem_key = PublicKey.from_pem(doc["public_key_pem"])
        payload = unb64(doc["payload_b64"])
        canonical = entry.payload()  # fields of the wrong type (a mutated seal) fail here
    except (KeyError, TypeError, ValueError, AttributeError, BadInputError) as exc:
        rep.problem(R.SEAL_INVALID, f"the seal is incomplete or malformed: {exc}", file=name)
        return None, None
    seq = entry.seq
    if pem_key.raw != key.raw or doc.get("key_id") != key.key_id:
        rep.problem(R.SEAL_INVALID, "the seal's PEM key, raw key and key id disagree", seq, name)
        return None, None
    if payload != canonical or doc.get("payload_text") != payload.decode("utf-8", "replace"):
        rep.problem(R.SEAL_INVALID, "payload_b64/payload_text are not the canonical bytes of the entry "
                    "in the seal", seq, name)
        return None, None
    if doc.get("signature_b64") != entry.sig:
        rep.problem(R.SEAL_INVALID, "signature_b64 is not the entry's signature", seq, name)
        return None, None
    if entry.key != key.key_id:
        rep.problem(R.SEAL_KEY_MISMATCH, f"the entry was signed by key {entry.key} but the seal carries "
                    f"key {key.key_id}", seq, name)
        return None, None
    if not key.verify(entry.signature, payload):
        rep.problem(R.BAD_SIGNATURE, f"the seal's signature does not verify with key {key.key_id}", seq, name)
        return None, None
    if entry.kind not in bodies.FILE_KINDS or bodies.body_problem(entry.kind, entry.body):
        rep.problem(R.SEAL_INVALID, f"the sealed entry is a {entry.kind} without a valid file body",
                    seq, name)
        return None, None
    return entry, key


def _check_timestamp_queue(rep: VerifyReport, layout: DataLayout) -> None:
    path = layout.ledger / TIMESTAMP_QUEUE_FILE
    try:
        pending = json.loads(path.read_bytes()).get("pending", [])
    except FileNotFoundError:
        return
    except (OSError, ValueError, AttributeError):
        rep.warn(R.TIMESTAMP_PENDING, "the timestamp queue is unreadable",
                 file=f"ledger/{TIMESTAMP_QUEUE_FILE}")
        return
    if pending:
        rep.warn(R.TIMESTAMP_PENDING, f"{len(pending)} checkpoint(s) still wait for a trusted timestamp "
                 "(the TSA was unreachable)", file=f"ledger/{TIMESTAMP_QUEUE_FILE}")


# ------------------------------------------------------------------ clips and seals


def verify_seal(seal_path: Path | str, *,
                tsa_roots: TrustStore | Sequence[x509.Certificate] | None = None) -> VerifyReport:
    """Verify a seal file and the clip beside it (and, inside a data dir, against its ledger)."""
    seal_path = Path(seal_path)
    return _verify_clip_and_seal(clip_path_for(seal_path), seal_path, tsa_roots)


def verify_clip(path: Path | str, *,
                tsa_roots: TrustStore | Sequence[x509.Certificate] | None = None) -> VerifyReport:
    """Verify a clip with the ``.seal.json`` beside it (and, inside a data dir, against its ledger).

    ``report.subject`` says what the signed clip entry states and, inside a
    data dir, the earliest trusted timestamp covering it.
    """
    path = Path(path)
    return _verify_clip_and_seal(path, seal_path_for(path), tsa_roots)


def clip_subject(entry: Entry, key: PublicKey) -> Subject:
    """What a clip entry states, for the verdict (its provenance included)."""
    body = entry.body
    source = body.get("source")
    kind = source.get("kind") if isinstance(source, dict) and isinstance(source.get("kind"), str) else None
    return Subject(key_fingerprint=key.fingerprint_hex, chain_fingerprints=[key.fingerprint_hex],
                   order_id=body.get("order_id"), recorded_at=body.get("start"), recorded_end=body.get("end"),
                   station=entry.station, source_kind=kind, clip_seq=entry.seq)


def _verify_clip_and_seal(clip: Path, seal_path: Path,
                          tsa_roots: TrustStore | Sequence[x509.Certificate] | None) -> VerifyReport:
    rep = VerifyReport(target=str(clip))
    if not clip.exists() and not seal_path.exists():
        raise StorageError(f"neither {clip} nor its seal {seal_path.name} exists")
    if not seal_path.exists():
        rep.problem(R.SEAL_MISSING, "there is no seal file beside the clip", file=seal_path.name)
        return rep
    try:
        document = read_seal(seal_path)
    except BadInputError as exc:
        rep.problem(R.SEAL_INVALID, str(exc), file=seal_path.name)
        return rep
    rep.count("seals")
    entry, key = _check_seal_document(rep, document, seal_path.name)
    if entry is None or key is None:
        return rep
    rep.count("signatures")
    rep.subject = clip_subject(entry, key)
    if not clip.is_file():
        retention = _retention_of(find_data_dir(seal_path), entry)
        if retention is not None:
            rep.note(R.FILE_RETAINED, f"the clip was deleted on {retention.time} under the retention "
                     f"policy ({retention.body.get('reason', '')}; retention entry {retention.seq})",
                     entry.seq, clip.name)
            rep.count("files_retained")
        else:
            rep.problem(R.FILE_MISSING, "the clip named by the seal is not beside it", entry.seq, clip.name)
    else:
        if Path(entry.body["file"]).name != clip.name:
            rep.warn(R.CLIP_RENAMED, f"the clip was sealed as {entry.body['file']}", entry.seq, clip.name)
        digest, size = hash_file(clip)
        rep.count("files_hashed")
        rep.count("bytes_hashed", size)
        sealed = _Sealed(entry.seq, entry.kind, entry.body["file"], entry.body["sha256"],
                         entry.body["bytes"], entry.key, entry.hash)
        if digest != sealed.sha256 or size != sealed.bytes:
            _file_differs(rep, sealed, digest, size, {})
    root_dir = find_data_dir(clip)
    if root_dir is not None:
        _cross_check_ledger(rep, DataLayout(root_dir), entry, key, seal_path.name, as_store(tsa_roots))
    else:
        rep.warn(R.NOT_CHECKPOINTED, "the clip is not inside its data folder, so no checkpoint or "
                 "timestamp can be checked; verify its evidence pack or its data folder")
    return rep


def _retention_of(root_dir: Path | None, entry: Entry) -> Entry | None:
    """The ledger's retention entry for the file ``entry`` sealed, if the data dir has one."""
    if root_dir is None:
        return None
    for _number, path in ledger_files(root_dir / "ledger"):
        for _lineno, line, complete in read_lines(path):
            if not complete or b'"retention"' not in line:
                continue
            try:
                e = Entry.from_line(line)
            except BadInputError:
                continue
            if (e.kind == bodies.RETENTION and e.seq > entry.seq
                    and e.body.get("sealed_by") == entry.seq and e.body.get("file") == entry.body["file"]):
                return e
    return None


def find_data_dir(path: Path) -> Path | None:
    """The data dir holding ``path`` (a parent with a non-empty ``ledger/``), or None."""
    for parent in Path(path).resolve().parents:
        if (parent / "ledger").is_dir() and ledger_files(parent / "ledger"):
            return parent
    return None


def _cross_check_ledger(rep: VerifyReport, layout: DataLayout, entry: Entry, key: PublicKey,
                        name: str, store: TrustStore) -> None:
    """Is the seal's entry the ledger's entry, signed by the chain's key, under a checkpoint?

    This reads the ledger once without verifying every signature (that is
    :func:`verify_data_dir`'s job); it follows the key chain through
    rotations that verify and recomputes the Merkle tree.
    """
    leaves: list[bytes] = []
    chain_key: PublicKey | None = None
    key_for_entry: PublicKey | None = None
    ledger_hash: str | None = None
    checkpoint: tuple[int, int, str] | None = None  # (seq, tree_size, root)
    covering: dict[int, tuple[int, str]] = {}       # checkpoints over the entry: seq -> (size, root)
    stamps: list[Entry] = []
    vouching: list[str] = []                         # fingerprints of the chain's keys up to the entry
    compromised: dict[str, tuple[str, int]] = {}
    for _number, path in ledger_files(layout.ledger):
        for _lineno, line, complete in read_lines(path):
            if not complete:
                continue
            try:
                e = Entry.from_line(line)
            except BadInputError:
                leaves.append(b"")  # keeps positions; any checkpoint over it will not match
                continue
            if e.seq == entry.seq:
                ledger_hash = e.hash
                key_for_entry = chain_key
            if e.kind == bodies.GENESIS and e.seq == 0 and not bodies.body_problem(e.kind, e.body):
                chain_key = PublicKey(unb64(e.body["public_key"]))
                vouching.append(chain_key.fingerprint_hex)
                if e.seq == entry.seq:
                    key_for_entry = chain_key
            elif (e.kind == bodies.KEY_ROTATION and chain_key is not None
                  and not bodies.body_problem(e.kind, e.body)
                  and chain_key.verify(e.signature, e.payload())):
                if is_utc_stamp(e.body.get("compromised_since")):
                    compromised[chain_key.key_id] = (e.body["compromised_since"], e.seq)
                chain_key = PublicKey(unb64(e.body["new_public_key"]))
                if e.seq < entry.seq:
                    vouching.append(chain_key.fingerprint_hex)
            elif e.kind == bodies.CHECKPOINT and not bodies.body_problem(e.kind, e.body):
                if e.body["tree_size"] > entry.seq:
                    covering[e.seq] = (e.body["tree_size"], e.body["root_hash"])
                    if checkpoint is None or checkpoint[0] < e.seq:
                        checkpoint = (e.seq, e.body["tree_size"], e.body["root_hash"])
            elif e.kind == bodies.TIMESTAMP and not bodies.body_problem(e.kind, e.body):
                stamps.append(e)
            leaves.append(leaf_hash(e.canonical))
    where = f"ledger of {layout.root}"
    rep.count("ledger_entries_read", len(leaves))
    stolen = compromise_problem(compromised, entry.seq, entry.key, entry.time)
    if stolen:
        rep.problem(R.KEY_COMPROMISED, stolen, entry.seq, name)
    if ledger_hash is None:
        rep.problem(R.SEAL_ENTRY_MISMATCH, f"the {where} has no entry {entry.seq}", entry.seq, name)
        return
    if ledger_hash != entry.hash:
        rep.problem(R.SEAL_ENTRY_MISMATCH, f"the seal's entry {entry.seq} differs from entry {entry.seq} "
                    f"in the {where}", entry.seq, name)
        return
    if key_for_entry is None or key_for_entry.raw != key.raw:
        rep.problem(R.SEAL_KEY_MISMATCH, f"the seal's key {key.key_id} is not the {where}'s key for "
                    f"entry {entry.seq} ({key_for_entry.key_id if key_for_entry else 'unknown'})",
                    entry.seq, name)
        return
    if checkpoint is None:
        rep.warn(R.NOT_CHECKPOINTED, f"no checkpoint in the {where} covers entry {entry.seq} yet", entry.seq)
        return
    cp_seq, size, cp_root = checkpoint
    if size > len(leaves):
        rep.problem(R.CHECKPOINT_ROOT_MISMATCH, f"checkpoint {cp_seq} covers more entries than exist",
                    cp_seq)
        return
    proof = inclusion_proof(leaves, entry.seq, size)
    if verify_inclusion(leaf_hash(entry.canonical), entry.seq, size, proof, bytes.fromhex(cp_root)):
        rep.note(R.INCLUDED, f"entry {entry.seq} is in the Merkle tree signed by checkpoint {cp_seq} "
                 f"(size {size}, root {cp_root})", entry.seq, name)
    else:
        rep.problem(R.CHECKPOINT_ROOT_MISMATCH, f"entry {entry.seq} is not under the root of "
                    f"checkpoint {cp_seq}: the ledger before it was changed", cp_seq, name)
        return
    subject = rep.subject
    if vouching and subject is not None:
        subject.chain_fingerprints = vouching
    _anchor_clip(rep, entry, leaves, covering, stamps, store)


def _anchor_clip(rep: VerifyReport, entry: Entry, leaves: list[bytes], covering: dict[int, tuple[int, str]],
                 stamps: list[Entry], store: TrustStore) -> None:
    """Check the tokens over checkpoints covering ``entry``; the earliest trusted one anchors it."""
    anchors: list[tuple[int, Anchor]] = []
    untrusted: dict[str, None] = {}
    roots_ok: dict[int, bool] = {}
    for stamp in stamps:
        body = stamp.body
        cp = covering.get(body["checkpoint_seq"])
        if cp is None or cp != (body["tree_size"], body["root_hash"]):
            continue
        size, cp_root = cp
        if body["checkpoint_seq"] not in roots_ok:
            roots_ok[body["checkpoint_seq"]] = size <= len(leaves) and root(leaves, size).hex() == cp_root
        if not roots_ok[body["checkpoint_seq"]]:
            continue  # a checkpoint that does not match the ledger anchors nothing
        rep.count("timestamps")
        check = verify_token(unb64(body["token"]), cp_root, store, expected_nonce=recorded_nonce(body))
        if check.tampered:
            rep.problem(R.TIMESTAMP_INVALID, f"timestamp token for checkpoint {body['checkpoint_seq']} "
                        f"does not verify: {check.reason}", stamp.seq)
        elif check.anchors:
            rep.count("timestamps_trusted")
            anchors.append((size, Anchor(check.gen_time or "", check.tsa or body["tsa_url"],
                                         body["checkpoint_seq"], stamp.seq)))
        else:
            untrusted[check.tsa or body["tsa_url"]] = None
    if rep.subject is not None:
        rep.subject.anchor = anchor_finder(anchors)(entry.seq)
        rep.subject.untrusted_tsas = list(untrusted)
