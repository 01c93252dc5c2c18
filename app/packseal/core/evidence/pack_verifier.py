"""``packseal verify PACK.zip``: check an evidence pack, read-only and without trusting it.

The checks are those of the standalone verifier shipped in the pack (same
codes, docs/FORMAT.md section 13), made with PackSeal's own ledger code, so
the two are independent implementations of one format. In addition the RFC
3161 token of the checkpoint is verified here (the standalone script leaves
that to ``openssl ts -verify``).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any, Sequence

from cryptography import x509

from packseal.core.errors import BadInputError
from packseal.core.evidence import pack_format as F
from packseal.core.errors import PackReadError, UnsafePackError
from packseal.core.evidence.pack_reader import PackSource, open_pack
from packseal.core.ledger import (CHECKPOINT, CLIP, GENESIS, KEY_ROTATION, TIMESTAMP, Entry,
                                  InclusionProof, PublicKey, VerifyReport)
from packseal.core.ledger.canonical import ZERO_HASH, unb64
from packseal.core.ledger.token_verify import verify_token
from packseal.core.ledger.tsa_trust import TrustStore, as_store
from packseal.core.ledger import report as R
from packseal.core.ledger.verdict import Anchor, Witnessed, anchor_finder
from packseal.core.ledger.witness import Cosignature, mismatch
from packseal.core.ledger.canonical import is_utc_stamp
from packseal.core.ledger.chain_walk import compromise_problem, recorded_nonce
from packseal.core.ledger.clip_verify import clip_subject
from packseal.core.ledger.packing_record import PackingRecord


def looks_like_pack(path: Path) -> bool:
    """True for a zip file or a folder holding ``MANIFEST.sig`` (an unzipped pack)."""
    path = Path(path)
    if path.is_dir():
        return (path / F.SIGNATURE).is_file()
    if path.suffix.lower() == ".zip":
        return True
    # A renamed pack is still a zip; clips and seals never are.
    return path.is_file() and path.suffix.lower() not in (".mp4", ".json") and zipfile.is_zipfile(path)


def verify_pack(path: Path | str, *,
                tsa_roots: TrustStore | Sequence[x509.Certificate] | None = None) -> VerifyReport:
    """Verify the evidence pack at ``path`` (a zip, or an unzipped folder). Never writes anything.

    A hostile or damaged zip is reported as a problem (``pack-unsafe``,
    ``pack-unreadable``), not raised. Raises :class:`StorageError` only when
    the path cannot be read at all.
    """
    path = Path(path)
    report = VerifyReport(target=str(path))
    try:
        source = open_pack(path)
    except UnsafePackError as exc:
        report.problem(F.PACK_UNSAFE, str(exc), file=path.name)
        return report
    except PackReadError as exc:
        report.problem(F.PACK_UNREADABLE, str(exc), file=path.name)
        return report
    with source:
        checked = verify_source(source, tsa_roots=tsa_roots)
    checked.target = report.target
    return checked


def verify_source(source: PackSource, *,
                  tsa_roots: TrustStore | Sequence[x509.Certificate] | None = None) -> VerifyReport:
    """Verify a pack given as a :class:`PackSource` (its files wherever they are, e.g. a hub's store)."""
    report = VerifyReport(target=source.label)
    try:
        _PackCheck(source, report, as_store(tsa_roots)).run()
    except UnsafePackError as exc:
        report.problem(F.PACK_UNSAFE, str(exc))
    except PackReadError as exc:
        report.problem(F.FILE_MODIFIED, str(exc))
    return report


def verify_evidence(source: PackSource, manifest: dict[str, Any], station_key: PublicKey, *,
                    tsa_roots: TrustStore | Sequence[x509.Certificate] | None = None) -> VerifyReport:
    """Checks 4 to 9 of FORMAT.md §13.4 on evidence whose manifest the caller made itself (no signed
    manifest to check): the entries and key chain (``station_key`` the chain's current key), the clip
    file against its entry and seal, the proofs, cosignatures and timestamps. What a hub states about
    a clip it holds is this check of the very files its pack would carry."""
    report = VerifyReport(target=source.label)
    check = _PackCheck(source, report, as_store(tsa_roots))
    check.station_key = station_key
    try:
        check.ledger(manifest)
    except PackReadError as exc:
        report.problem(F.CLIP_MISMATCH, str(exc))
    return report


class _PackCheck:
    def __init__(self, source: PackSource, report: VerifyReport, tsa_roots: TrustStore) -> None:
        self.source = source
        self.report = report
        self.tsa_roots = tsa_roots
        self.station_key: PublicKey | None = None
        self.assembled_by: str | None = None  # fingerprint of the hub key that assembled the pack

    def problem(self, code: str, message: str, seq: int | None = None, file: str | None = None) -> None:
        self.report.problem(code, message, seq, file)

    def run(self) -> None:
        missing = [n for n in (F.MANIFEST, F.SIGNATURE, F.PUBLIC_KEY) if n not in self.source.files]
        for name in missing:
            self.problem(F.MANIFEST_MISSING, "missing: the pack cannot be checked without it", file=name)
        if missing:
            return
        raw = self.source.read(F.MANIFEST)
        try:
            self.station_key = PublicKey.from_pem(self.source.read(F.PUBLIC_KEY))
        except BadInputError as exc:
            self.problem(F.KEY_MISMATCH, f"not an Ed25519 public key: {exc}", file=F.PUBLIC_KEY)
            return
        signer, signer_file = self.station_key, F.PUBLIC_KEY
        assembler = F.assembled_by(raw)
        if assembler is not None:  # assembled by a hub: the hub's key signs the manifest (FORMAT.md §13.2)
            signer, signer_file = self._assembler_key(assembler), F.ASSEMBLER_KEY
            if signer is None:
                return
        if signer.verify(self.source.read(F.SIGNATURE), raw):
            self.report.count("signatures")
        else:
            self.problem(F.MANIFEST_BAD_SIGNATURE, f"MANIFEST.sig is not {signer_file}'s signature over "
                         "MANIFEST.json: the manifest or its signature was changed", file=F.MANIFEST)
        try:
            manifest = F.load_json(raw)
            if manifest.get("format") != F.PACK_FORMAT:
                raise BadInputError(f"unknown format {manifest.get('format')!r}")
            listed = _listed(manifest["files"])
        except F.MalformedJSON as exc:
            self.problem(F.INPUT_MALFORMED, f"not a PackSeal manifest: {exc}", file=F.MANIFEST)
            return
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
            self.problem(F.MANIFEST_INVALID, f"not a PackSeal manifest: {exc}", file=F.MANIFEST)
            return
        if manifest.get("key_id") != self.station_key.key_id:
            self.problem(F.KEY_MISMATCH, f"the manifest names key {manifest.get('key_id')} but "
                         f"station-key.pem is key {self.station_key.key_id}", file=F.PUBLIC_KEY)
        self.files(listed)
        try:
            self.ledger(manifest)
        except F.MalformedJSON as exc:
            self.problem(F.INPUT_MALFORMED, f"the ledger part of the pack is malformed: {exc}")
        except (KeyError, TypeError, ValueError, AttributeError, RecursionError) as exc:
            self.problem(F.LEDGER_INVALID, f"the ledger part of the pack is malformed: {exc}")

    def _assembler_key(self, assembler: dict[str, Any]) -> PublicKey | None:
        """The key of the hub that assembled the pack (``hub-key.pem``), checked against the manifest."""
        if F.ASSEMBLER_KEY not in self.source.files:
            self.problem(F.MANIFEST_MISSING, "the manifest says a hub assembled the pack, but its key is "
                         "missing: the pack cannot be checked without it", file=F.ASSEMBLER_KEY)
            return None
        try:
            key = PublicKey.from_pem(self.source.read(F.ASSEMBLER_KEY))
        except BadInputError as exc:
            self.problem(F.KEY_MISMATCH, f"not an Ed25519 public key: {exc}", file=F.ASSEMBLER_KEY)
            return None
        if assembler.get("key_id") != key.key_id:
            self.problem(F.KEY_MISMATCH, f"the manifest names the hub key {assembler.get('key_id')} but "
                         f"{F.ASSEMBLER_KEY} is key {key.key_id}", file=F.ASSEMBLER_KEY)
        self.assembled_by = key.fingerprint_hex
        return key

    def files(self, listed: dict[str, tuple[str, int]]) -> None:
        present = set(self.source.files)
        for path, (sha, size) in sorted(listed.items()):
            if path not in present:
                self.problem(F.FILE_MISSING, "listed in the manifest but missing from the pack", file=path)
                continue
            try:
                got, got_size = self.source.digest(path)
            except PackReadError as exc:
                self.problem(F.FILE_MODIFIED, str(exc), file=path)
                continue
            self.report.count("files_hashed")
            self.report.count("bytes_hashed", got_size)
            if got != sha or got_size != size:
                self.problem(F.FILE_MODIFIED, f"SHA-256 {got}, {got_size:,} bytes; the manifest says "
                             f"{sha}, {size:,} bytes: the file was modified", file=path)
        for path in sorted(present - set(listed) - F.UNLISTED):
            self.problem(F.FILE_ADDED, "in the pack but not in the manifest: it was added", file=path)

    def ledger(self, manifest: dict[str, Any]) -> None:
        info, clip_info = manifest["ledger"], manifest["clip"]
        entries: dict[int, Entry] = {}
        for line in self.source.read(info["entries"]).split(b"\n"):
            if not line:
                continue
            try:
                entry = Entry.from_line(line)
            except BadInputError as exc:
                self.problem(F.LEDGER_INVALID, f"a line is not a ledger entry: {exc}", file=info["entries"])
                return
            if entry.canonical != line or entry.seq in entries:
                self.problem(F.LEDGER_INVALID, "entry is not in canonical form or occurs twice",
                             entry.seq, info["entries"])
                return
            entries[entry.seq] = entry
        self.report.count("entries", len(entries))
        keys = self.key_chain(entries)
        if keys is None:
            return
        clip, checkpoint = entries.get(clip_info["ledger_seq"]), entries.get(info["checkpoint_seq"])
        if clip is None or clip.kind != CLIP or checkpoint is None or checkpoint.kind != CHECKPOINT:
            self.problem(F.LEDGER_INVALID, "the clip or checkpoint entry named by the manifest is missing",
                         file=info["entries"])
            return
        self.clip(clip, clip_info, keys)
        self.other_cameras(clip, clip_info.get("other_cameras", []), keys)
        self.statements(manifest, clip)
        self.linked_clips(manifest.get("linked_clips", []), entries, keys, checkpoint)
        subject = clip_subject(clip, keys[clip.key])
        subject.chain_fingerprints = [k.fingerprint_hex for k in keys.values()][:list(keys).index(clip.key) + 1]
        subject.assembled_by = self.assembled_by
        self.report.subject = subject
        proven = self.proofs(entries, clip, checkpoint, info["proofs"])
        if info.get("cosignatures"):
            self.witnesses(entries, checkpoint, info["cosignatures"])
        if info.get("timestamp_seq") is not None:
            self.timestamp(entries.get(info["timestamp_seq"]), checkpoint)
        if proven:
            self.anchors(entries, clip, checkpoint)

    def statements(self, manifest: dict[str, Any], clip: Entry) -> None:
        """What the manifest says about the recording must be what the signed clip entry says."""
        body, info = clip.body, manifest["clip"]
        claims = [("order_id", manifest.get("order_id"), body.get("order_id")),
                  ("station", manifest.get("station"), clip.station)]
        claims += [(f"clip.{name}", info[name], body.get(name)) for name in F.CLIP_STATEMENTS if name in info]
        for name, said, signed in claims:
            if said != signed:
                self.problem(F.MANIFEST_CONTRADICTS, f"the manifest says {name} = {said!r}, but the signed "
                             f"clip entry {clip.seq} says {signed!r}", clip.seq, F.MANIFEST)

    def linked_clips(self, linked: list[dict[str, Any]], entries: dict[int, Entry], keys: dict[str, PublicKey],
                     checkpoint: Entry) -> None:
        """The order's other clips (a return, its shipment): each checked like the main clip."""
        if not isinstance(linked, list):
            raise TypeError("the manifest's linked_clips is not a list")
        for info in linked:
            entry = entries.get(info["ledger_seq"])
            if entry is None or entry.kind != CLIP:
                self.problem(F.LEDGER_INVALID, f"the linked clip entry {info['ledger_seq']} named by the manifest "
                             "is missing", file=F.ENTRIES)
                continue
            self.clip(entry, info, keys)
            kind = PackingRecord.of_body(entry.body).kind
            claims = [("role", info.get("role"), kind)]
            claims += [(name, info[name], entry.body.get(name)) for name in F.CLIP_STATEMENTS if name in info]
            for name, said, signed in claims:
                if said != signed:
                    self.problem(F.MANIFEST_CONTRADICTS, f"the manifest says the linked clip's {name} = {said!r}, "
                                 f"but its signed entry {entry.seq} says {signed!r}", entry.seq, F.MANIFEST)
            if entry.seq >= checkpoint.body["tree_size"]:
                self.problem(F.CHECKPOINT_INVALID, f"checkpoint {checkpoint.seq} does not cover the linked clip's "
                             f"entry {entry.seq}", checkpoint.seq)

    def key_chain(self, entries: dict[int, Entry]) -> dict[str, PublicKey] | None:
        """Keys by id, following genesis and every rotation; each entry signed by the key in force."""
        genesis = entries.get(0)
        if genesis is None or genesis.kind != GENESIS or genesis.prev != ZERO_HASH:
            self.problem(F.KEY_CHAIN_INVALID, "the pack lacks the ledger's genesis entry (seq 0)")
            return None
        first = PublicKey(unb64(genesis.body["public_key"]))
        if first.key_id != genesis.body.get("key_id") or first.key_id != genesis.key:
            self.problem(F.KEY_CHAIN_INVALID, "the genesis entry's key id does not match its key", 0)
            return None
        keys, current = {first.key_id: first}, first.key_id
        compromised: dict[str, tuple[str, int]] = {}
        for seq in sorted(entries):
            entry = entries[seq]
            if seq > 0 and entry.key != current:
                self.problem(F.KEY_CHAIN_INVALID, f"signed by key {entry.key}, but key {current} is in "
                             "force there", seq)
                continue
            if not keys[current].verify(entry.signature, entry.payload()):
                self.problem(F.BAD_SIGNATURE, f"the {entry.kind} entry's signature does not verify", seq)
                continue
            self.report.count("signatures")
            if entry.kind == KEY_ROTATION:
                new = PublicKey(unb64(entry.body["new_public_key"]))
                if new.key_id != entry.body.get("new_key_id"):
                    self.problem(F.KEY_CHAIN_INVALID, "the rotation names the wrong key id", seq)
                    return None
                if is_utc_stamp(entry.body.get("compromised_since")):
                    compromised[current] = (entry.body["compromised_since"], seq)
                keys[new.key_id], current = new, new.key_id
        for seq, entry in sorted(entries.items()):
            stolen = compromise_problem(compromised, seq, entry.key, entry.time)
            if stolen:
                self.problem(F.KEY_COMPROMISED, stolen, seq)
        assert self.station_key is not None
        if self.station_key.raw != keys[current].raw:
            self.problem(F.KEY_MISMATCH, f"station-key.pem is not the ledger's current key {current}",
                         file=F.PUBLIC_KEY)
        return keys

    def other_cameras(self, clip: Entry, cameras: list[dict[str, Any]], keys: dict[str, PublicKey]) -> None:
        """The other cameras' files of the clip (FORMAT.md §6.2): each the file its object in the signed
        entry seals, with a seal carrying that entry."""
        if not isinstance(cameras, list):
            raise TypeError("the manifest's clip.other_cameras is not a list")
        signed = {c.get("camera"): c for c in clip.body.get("other_cameras", []) if isinstance(c, dict)}
        for info in cameras:
            sealed = signed.get(info.get("camera"))
            if sealed is None or "file" not in sealed:
                self.problem(F.CLIP_MISMATCH, f"the manifest names camera {info.get('camera')!r}, but clip "
                             f"entry {clip.seq} seals no file of it", clip.seq, F.MANIFEST)
                continue
            self.clip(clip, info, keys, sealed=sealed)

    def clip(self, clip: Entry, info: dict[str, Any], keys: dict[str, PublicKey],
             sealed: dict[str, Any] | None = None) -> None:
        """``info`` (the manifest's clip, or one of its other cameras: ``sealed``, its object in the
        entry) against the file in the pack, the entry and the seal."""
        body = sealed or clip.body
        if info.get("sha256") != body.get("sha256") or info.get("bytes") != body.get("bytes"):
            self.problem(F.CLIP_MISMATCH, "the manifest's clip hash differs from the clip's ledger entry",
                         clip.seq, F.MANIFEST)
        clip_path, seal_path = info["file"], info["seal"]
        if clip_path not in self.source.files or seal_path not in self.source.files:
            return  # reported as file-missing
        got, size = self.source.digest(clip_path)
        if got != body["sha256"] or size != body["bytes"]:
            self.problem(F.CLIP_MISMATCH, f"SHA-256 {got}, {size:,} bytes, but ledger entry {clip.seq} "
                         f"sealed {body['sha256']}, {body['bytes']:,} bytes", clip.seq, clip_path)
        try:
            seal = F.load_json(self.source.read(seal_path))
            seal_entry = Entry.from_dict(seal["entry"])
            seal_key = PublicKey.from_pem(seal["public_key_pem"])
            payload, signature = unb64(seal["payload_b64"]), unb64(seal["signature_b64"])
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            self.problem(F.SEAL_INVALID, f"the seal is malformed: {exc}", clip.seq, seal_path)
            return
        chain_key = keys.get(clip.key)
        if seal_entry.canonical != clip.canonical or payload != clip.payload() or signature != clip.signature:
            self.problem(F.SEAL_INVALID, f"the seal does not carry ledger entry {clip.seq}", clip.seq, seal_path)
        elif chain_key is None or seal_key.raw != chain_key.raw:
            self.problem(F.SEAL_INVALID, f"the seal's key is not the key that signed entry {clip.seq}",
                         clip.seq, seal_path)
        elif not seal_key.verify(signature, payload):
            self.problem(F.BAD_SIGNATURE, "the seal's signature does not verify", clip.seq, seal_path)
        elif seal.get("file") != clip_path.rsplit("/", 1)[-1]:
            self.problem(F.SEAL_INVALID, f"the seal names {seal.get('file')!r}", clip.seq, seal_path)
        else:
            self.report.count("seals")

    def proofs(self, entries: dict[int, Entry], clip: Entry, checkpoint: Entry, proofs_path: str) -> bool:
        """Check every inclusion proof; True when the clip is proven under the checkpoint."""
        doc = F.load_json(self.source.read(proofs_path))
        size, root_hash = checkpoint.body["tree_size"], checkpoint.body["root_hash"]
        if doc.get("tree_size") != size or doc.get("root_hash") != root_hash:
            self.problem(F.INCLUSION_INVALID, f"the proofs are for another tree than checkpoint {checkpoint.seq}",
                         checkpoint.seq, proofs_path)
            return False
        if size <= clip.seq:
            self.problem(F.CHECKPOINT_INVALID, f"checkpoint {checkpoint.seq} does not cover entry {clip.seq}",
                         checkpoint.seq)
            return False
        proofs = {p["seq"]: InclusionProof.from_json(p) for p in doc["proofs"]}
        clip_proven = False
        for seq, entry in sorted(entries.items()):
            if seq >= size:
                continue
            proof = proofs.get(seq)
            if proof is None or proof.tree_size != size or proof.root_hash != root_hash \
                    or not proof.verify(entry.canonical):
                self.problem(F.INCLUSION_INVALID, f"not proven to be in checkpoint {checkpoint.seq}'s tree",
                             seq, proofs_path)
            else:
                self.report.count("inclusion_proofs")
                clip_proven = clip_proven or seq == clip.seq
        return clip_proven

    def witnesses(self, entries: dict[int, Entry], checkpoint: Entry, path: str) -> None:
        """Hub cosignatures over the pack's checkpoint (docs/HUB.md §4): each must fit; the widest is reported."""
        try:
            doc = F.load_json(self.source.read(path))
            listed = doc["cosignatures"] if isinstance(doc, dict) and doc.get("format") == F.COSIGNATURES_FORMAT \
                else None
            if not isinstance(listed, list):
                raise BadInputError(f"not a {F.COSIGNATURES_FORMAT} document")
            cosignatures = [Cosignature.from_json(c) for c in listed]
        except (ValueError, KeyError) as exc:
            self.problem(R.WITNESS_MISMATCH, f"the cosignatures cannot be read: {exc}", checkpoint.seq, path)
            return
        genesis = entries.get(0)
        held = {checkpoint.seq: (checkpoint.body["tree_size"], checkpoint.body["root_hash"])}
        for cos in cosignatures:
            why = mismatch(cos, genesis.hash if genesis else None, held)
            if why:
                self.problem(R.WITNESS_MISMATCH, f"a hub cosignature does not fit: {why}", checkpoint.seq, path)
                continue
            self.report.count("cosignatures")
            subject = self.report.subject
            if subject is not None and (subject.witness is None or cos.tree_size > subject.witness.tree_size):
                subject.witness = Witnessed(cos.witness_fingerprint, cos.tree_size, cos.checkpoint_seq,
                                            cos.witnessed_at)

    def timestamp(self, stamp: Entry | None, checkpoint: Entry) -> None:
        if stamp is None or stamp.kind != TIMESTAMP:
            self.problem(F.TIMESTAMP_INVALID, "the timestamp entry named by the manifest is missing")
            return
        body = stamp.body
        if (body.get("checkpoint_seq") != checkpoint.seq or body.get("tree_size") != checkpoint.body["tree_size"]
                or body.get("root_hash") != checkpoint.body["root_hash"]):
            self.problem(F.TIMESTAMP_INVALID, f"not about checkpoint {checkpoint.seq}", stamp.seq)
            return
        token = unb64(body["token"])
        if F.TOKEN not in self.source.files or self.source.read(F.TOKEN) != token:
            self.problem(F.TIMESTAMP_INVALID, f"not the token of timestamp entry {stamp.seq}", stamp.seq, F.TOKEN)
            return
        if F.ROOT_BIN in self.source.files and \
                self.source.read(F.ROOT_BIN) != bytes.fromhex(checkpoint.body["root_hash"]):
            self.problem(F.TIMESTAMP_INVALID, "not the checkpoint's root hash", stamp.seq, F.ROOT_BIN)
            return

    def anchors(self, entries: dict[int, Entry], clip: Entry, checkpoint: Entry) -> None:
        """Every timestamp entry over the checkpoint: each token is verified; trusted ones anchor the clip."""
        found: list[tuple[int, Anchor]] = []
        untrusted: dict[str, None] = {}
        root_hash = checkpoint.body["root_hash"]
        for seq, stamp in sorted(entries.items()):
            body = stamp.body
            if stamp.kind != TIMESTAMP or body.get("checkpoint_seq") != checkpoint.seq:
                continue
            if body.get("tree_size") != checkpoint.body["tree_size"] or body.get("root_hash") != root_hash:
                self.problem(F.TIMESTAMP_INVALID, f"not about checkpoint {checkpoint.seq}", seq)
                continue
            self.report.count("timestamps")
            result = verify_token(unb64(body["token"]), root_hash, self.tsa_roots, expected_nonce=recorded_nonce(body))
            if result.tampered:
                self.problem(F.TIMESTAMP_INVALID, f"the RFC 3161 token does not verify: {result.reason}", seq)
            elif result.anchors:
                self.report.count("timestamps_trusted")
                found.append((checkpoint.body["tree_size"],
                              Anchor(result.gen_time or "", result.tsa or body["tsa_url"], checkpoint.seq, seq)))
                self.report.note(F.TIMESTAMP_NOTE, f"checkpoint {checkpoint.seq} existed at {result.gen_time} "
                                 f"per {result.tsa} (root {result.root})", seq)
            else:
                untrusted[result.tsa or body.get("tsa_url", "?")] = None
        subject = self.report.subject
        subject.anchor = anchor_finder(found)(clip.seq)
        subject.untrusted_tsas = list(untrusted)


def _listed(items: list[dict[str, Any]]) -> dict[str, tuple[str, int]]:
    listed: dict[str, tuple[str, int]] = {}
    for item in items:
        path, sha, size = item["path"], item["sha256"], item["bytes"]
        if F.member_name_problem(path) or path.endswith("/"):
            raise BadInputError(f"unsafe path {path!r} in the file list")
        if path in listed or path in F.UNLISTED:
            raise BadInputError(f"{path!r} is listed twice")
        if not isinstance(sha, str) or not isinstance(size, int):
            raise BadInputError(f"the entry for {path!r} lacks a hash or a size")
        listed[path] = (sha, size)
    return listed

