"""Verifying one clip or one seal file, on its own or against the ledger of its data dir."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Sequence

from cryptography import x509

from packseal.core.errors import BadInputError, StorageError
from packseal.core.ledger import bodies
from packseal.core.ledger import report as R
from packseal.core.ledger.canonical import is_utc_stamp, unb64
from packseal.core.ledger.chain_walk import Sealed, compromise_problem, recorded_nonce
from packseal.core.ledger.entry import Entry
from packseal.core.ledger.journal import ledger_files, read_lines
from packseal.core.ledger.keys import PublicKey
from packseal.core.ledger.merkle import inclusion_proof, leaf_hash, root, verify_inclusion
from packseal.core.ledger.report import VerifyReport
from packseal.core.ledger.seal import SEAL_FORMAT, clip_path_for, hash_file, read_seal, seal_path_for
from packseal.core.ledger.token_verify import verify_token
from packseal.core.ledger.tsa_trust import TrustStore, as_store
from packseal.core.ledger.verdict import Anchor, Subject, anchor_finder
from packseal.core.storage.layout import DataLayout


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
    entry, key = check_seal_document(rep, document, seal_path.name)
    if entry is None or key is None:
        return rep
    rep.count("signatures")
    rep.subject = clip_subject(entry, key)
    if not clip.is_file():
        retention = _retention_of(find_data_dir(seal_path), entry, clip.name)
        if retention is not None:
            rep.note(R.FILE_RETAINED, f"the clip was deleted on {retention.time} under the retention "
                     f"policy ({retention.body.get('reason', '')}; retention entry {retention.seq})",
                     entry.seq, clip.name)
            rep.count("files_retained")
        else:
            rep.problem(R.FILE_MISSING, "the clip named by the seal is not beside it", entry.seq, clip.name)
    else:
        digest, size = hash_file(clip)
        rep.count("files_hashed")
        rep.count("bytes_hashed", size)
        files = bodies.sealed_files(entry.kind, entry.body)  # a clip of two cameras seals two files
        file, sha256, sealed_size = (
            next((f for f in files if Path(f[0]).name == clip.name), None)
            or next((f for f in files if f[1] == digest), None) or files[0])
        if Path(file).name != clip.name:
            rep.warn(R.CLIP_RENAMED, f"the clip was sealed as {file}", entry.seq, clip.name)
        sealed = Sealed(entry.seq, entry.kind, file, sha256, sealed_size, entry.key, entry.hash)
        if digest != sealed.sha256 or size != sealed.bytes:
            file_differs(rep, sealed, digest, size, {})
    root_dir = find_data_dir(clip)
    if root_dir is not None:
        _cross_check_ledger(rep, DataLayout(root_dir), entry, key, seal_path.name, as_store(tsa_roots))
    else:
        rep.warn(R.NOT_CHECKPOINTED, "the clip is not inside its data folder, so no checkpoint or "
                 "timestamp can be checked; verify its evidence pack or its data folder")
    return rep


def _retention_of(root_dir: Path | None, entry: Entry, name: str) -> Entry | None:
    """The ledger's retention entry for the file named ``name`` that ``entry`` sealed, if the data
    dir has one."""
    if root_dir is None:
        return None
    files = {f[0] for f in bodies.sealed_files(entry.kind, entry.body) if Path(f[0]).name == name} \
        or {entry.body["file"]}
    for _number, path in ledger_files(root_dir / "ledger"):
        for _lineno, line, complete in read_lines(path):
            if not complete or b'"retention"' not in line:
                continue
            try:
                e = Entry.from_line(line)
            except BadInputError:
                continue
            if (e.kind == bodies.RETENTION and e.seq > entry.seq
                    and e.body.get("sealed_by") == entry.seq and e.body.get("file") in files):
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


def check_seal_document(rep: VerifyReport, doc: dict[str, Any],
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


def file_differs(rep: VerifyReport, sealed: Sealed, digest: str, size: int,
                  by_hash: dict[str, list[Sealed]]) -> None:
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
