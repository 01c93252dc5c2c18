"""The data-dir audit: the ledger, its checkpoint file, timestamps, and every sealed file.

:func:`verify_data_dir` walks the chain (:mod:`.chain_walk`), then compares
the ledger with ``checkpoint.json`` (rollback), checks timestamp tokens, and
hashes every sealed file still expected on disk (1 MiB reads), naming every
problem precisely. One clip or seal is verified by :mod:`.clip_verify`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Sequence

from cryptography import x509

from packseal.core.errors import BadInputError, LedgerError, StorageError
from packseal.core.ledger import bodies
from packseal.core.ledger import report as R
from packseal.core.ledger.canonical import unb64
from packseal.core.ledger.bodies import relative_path_problem
from packseal.core.ledger.chain_walk import ChainWalker, Sealed, compromise_problem, ledger_lines, recorded_nonce
from packseal.core.ledger.clip_verify import check_seal_document, file_differs
from packseal.core.ledger.entry import Entry
from packseal.core.ledger.journal import CHECKPOINT_FILE, TIMESTAMP_QUEUE_FILE, ledger_files, torn_fragments
from packseal.core.ledger.keys import KeyStore
from packseal.core.ledger.merkle import consistency_proof, root, verify_consistency
from packseal.core.ledger.report import VerifyReport
from packseal.core.ledger.seal import hash_file, read_seal, seal_path_for
from packseal.core.ledger.token_verify import verify_token
from packseal.core.ledger.tsa_trust import TrustStore, as_store
from packseal.core.ledger.verdict import Anchor, Item, Subject, Witnessed, anchor_finder
from packseal.core.ledger.witness import WITNESS_DIR, load_all, mismatch
from packseal.core.storage.layout import DataLayout


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
    walker = ChainWalker(rep, KeyStore(layout.keys, keyring_backend=None).public_keys())
    for where, lineno, line, complete in ledger_lines(rep, layout.ledger):
        walker.feed(where, lineno, line, complete)
    if walker.last_seq is None:
        rep.problem(R.LEDGER_MISSING, "the ledger files hold no entries", file="ledger/")
        return rep
    _check_checkpoint_file(rep, layout, walker)
    witness = _check_witnesses(rep, layout, walker)
    for seq, key_id, time in walker.signed:
        problem = compromise_problem(walker.compromised, seq, key_id, time)
        if problem:
            rep.problem(R.KEY_COMPROMISED, problem, seq)
    anchors, untrusted = _check_timestamps(rep, walker, as_store(tsa_roots))
    find = anchor_finder(anchors)
    chain = [k.fingerprint_hex for k in walker.chain_keys.values()]
    rep.subject = Subject(key_fingerprint=walker.key.fingerprint_hex if walker.key else None,
                          chain_fingerprints=chain, untrusted_tsas=untrusted,
                          items=[Item(i.seq, i.label, i.end, find(i.seq)) for i in walker.items],
                          witness=witness)
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


def _check_checkpoint_file(rep: VerifyReport, layout: DataLayout, walker: ChainWalker) -> None:
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


def _check_witnesses(rep: VerifyReport, layout: DataLayout, walker: ChainWalker) -> Witnessed | None:
    """Every hub cosignature in ``ledger/witness/`` must fit this ledger; the widest one is the witness.

    One that does not fit, of an earlier history than a fitting one by the same hub, is a warning:
    that hub's owner accepted this ledger's present history after the earlier one was rewritten
    (docs/HUB.md §4), and the earlier cosignature still shows what it witnessed then.
    """
    best: Witnessed | None = None
    station_id = walker.hash_at.get(0)
    judged = []
    accepted: dict[str, int] = {}  # witness fingerprint -> the latest history of it that fits this ledger
    for name, cos, unreadable in load_all(layout.ledger / WITNESS_DIR):
        where = f"ledger/{WITNESS_DIR}/{name}"
        if cos is None:
            rep.problem(R.WITNESS_MISMATCH, f"not a readable cosignature: {unreadable}", file=where)
            continue
        why = mismatch(cos, station_id, walker.checkpoints)
        judged.append((where, cos, why))
        if why is None:
            accepted[cos.witness_fingerprint] = max(cos.history, accepted.get(cos.witness_fingerprint, 0))
    for where, cos, why in judged:
        if why and cos.history < accepted.get(cos.witness_fingerprint, 0):
            rep.warn(R.WITNESS_HISTORY_REPLACED, f"the hub witnessed an earlier history of this ledger "
                     f"(history {cos.history}), and {why}; the hub's owner accepted the present one as "
                     f"history {accepted[cos.witness_fingerprint]}", cos.checkpoint_seq, where)
            continue
        if why:
            rep.problem(R.WITNESS_MISMATCH, f"a hub witnessed this ledger, but {why}", cos.checkpoint_seq, where)
            continue
        rep.count("cosignatures")
        if best is None or cos.tree_size > best.tree_size:
            best = Witnessed(cos.witness_fingerprint, cos.tree_size, cos.checkpoint_seq, cos.witnessed_at)
    return best


def _check_timestamps(rep: VerifyReport, walker: ChainWalker,
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


def _check_retentions(rep: VerifyReport, walker: ChainWalker) -> None:
    for seq, body in walker.retentions:
        sealed = walker.sealed_by_seq.get((body["sealed_by"], body["file"]))
        if (sealed is None or sealed.seq >= seq or sealed.file != body["file"]
                or sealed.sha256 != body["sha256"]):
            rep.problem(R.RETENTION_MISMATCH, f"retention says entry {body['sealed_by']} sealed "
                        f"{body['file']} ({body['sha256'][:16]}…), but no earlier entry sealed that",
                        seq, body["file"])


def _check_files(rep: VerifyReport, layout: DataLayout, walker: ChainWalker) -> None:
    by_hash: dict[str, list[Sealed]] = {}
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
            file_differs(rep, sealed, digest, size, by_hash)
        elif sealed.kind == bodies.CLIP:
            _check_clip_seal(rep, walker, sealed, path)


def _outside(rep: VerifyReport, sealed: Sealed) -> None:
    rep.problem(R.PATH_OUTSIDE, f"the {sealed.kind} entry names a file outside the data folder; "
                "it was not opened", sealed.seq, sealed.file)


def _check_clip_seal(rep: VerifyReport, walker: ChainWalker, sealed: Sealed, clip: Path) -> None:
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
    entry, key = check_seal_document(rep, document, name)
    if entry is None or key is None:
        return
    if entry.seq != sealed.seq or entry.hash != sealed.entry_hash:
        rep.problem(R.SEAL_ENTRY_MISMATCH, f"the seal carries entry {entry.seq} ({entry.hash[:16]}…), "
                    f"not the ledger's entry {sealed.seq} ({sealed.entry_hash[:16]}…)", sealed.seq, name)
    chain_key = walker.chain_keys.get(sealed.key)
    if key.key_id != sealed.key or chain_key is None or chain_key.raw != key.raw:
        rep.problem(R.SEAL_KEY_MISMATCH, f"the seal's public key {key.key_id} is not the ledger's key "
                    f"{sealed.key} for entry {sealed.seq}", sealed.seq, name)


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
