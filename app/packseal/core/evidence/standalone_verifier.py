#!/usr/bin/env python3
"""verify_pack.py: check a PackSeal evidence pack without PackSeal.

Needs only Python 3.8 or later and the ``cryptography`` package
(``python3 -m pip install cryptography``). Nothing is extracted or written.

    python3 verify_pack.py              check the unzipped pack this script is in
    python3 verify_pack.py PACK.zip     check a zipped pack without unzipping it
    python3 verify_pack.py FOLDER       check an unzipped pack in FOLDER

It checks that MANIFEST.json is signed by the station key in station-key.pem
(or, in a pack a hub assembled from a station's synced data, by the hub key
in hub-key.pem, the manifest's "assembled_by");
that every file has the SHA-256 and size the manifest lists and that no file
was added or removed; that the clip is the file its seal and ledger entry
name; that the seal's signature is valid; that every ledger entry is signed
by the key in force at its place in the key chain starting at the genesis
entry; that the Merkle inclusion proof puts the clip's entry in the tree the
signed checkpoint names; and that the timestamp entry, if any, belongs to that
checkpoint. (The RFC 3161 token's own signature is checked with
``openssl ts -verify`` as VERIFY.txt shows.)

Exit status: 0 everything checks; 1 something was modified, added, removed or
forged (each problem is named); 2 the pack could not be read.

This file is part of PackSeal (Apache-2.0); the format is documented in
PackSeal's docs/FORMAT.md, section 13.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import hashlib
import json
import os
import stat
import sys
import zipfile
import zlib

try:
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    from cryptography.hazmat.primitives.serialization import load_pem_public_key
except ImportError:  # pragma: no cover - the message is the point
    sys.stderr.write("verify_pack.py needs the 'cryptography' package: python3 -m pip install cryptography\n")
    sys.exit(2)

PACK_FORMAT = "packseal-evidence-pack/1"
MANIFEST, SIGNATURE, PUBLIC_KEY = "MANIFEST.json", "MANIFEST.sig", "station-key.pem"
ASSEMBLER_KEY = "hub-key.pem"  # the hub's key, when a hub assembled the pack (manifest "assembled_by")
TOKEN, ROOT_BIN = "ledger/timestamp.tsr", "ledger/checkpoint-root.bin"
ENTRY_FIELDS = {"v", "seq", "prev", "time", "station", "key", "kind", "body", "sig"}
ZERO_HASH = "0" * 64

# Limits that stop a hostile zip (the same as PackSeal's own reader).
MAX_MEMBERS = 4096
MAX_MEMBER_BYTES = 8 << 30
MAX_TOTAL_BYTES = 16 << 30
MAX_RATIO = 100
RATIO_FLOOR = 1 << 20
MAX_SMALL_FILE = 64 << 20
CHUNK = 1 << 20


MAX_JSON_DEPTH = 32
CLIP_STATEMENTS = ("order_id", "scan_time", "start", "end", "status", "source")
BAD_INPUT = ("pack-unreadable", "input-malformed")
DEFAULT_MAX_DELAY = 86400


class Unreadable(Exception):
    """The pack cannot be read at all (exit status 2)."""


class Refused(Exception):
    """The zip or folder is hostile or damaged: refused before use (a problem, exit status 1)."""

    def __init__(self, code, message):
        Exception.__init__(self, message)
        self.code = code


# ---------------------------------------------------------------- reading safely

def name_problem(name):
    """Why a member name is unsafe, or None."""
    if not name:
        return "an empty name"
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        return "control characters in the name"
    if "\\" in name:
        return "a backslash (Windows path) in the name"
    if ":" in name:
        return "a drive letter or colon in the name"
    if name.startswith("/"):
        return "an absolute path"
    parts = name[:-1].split("/") if name.endswith("/") else name.split("/")
    if any(p in ("", ".", "..") for p in parts):
        return "'..', '.' or empty parts (path traversal)"
    return None


class ZipSource:
    """A zipped pack: every member is checked before anything is read; nothing is extracted."""

    def __init__(self, path):
        self.label = os.path.basename(path)
        try:
            self.zip = zipfile.ZipFile(path)
        except zipfile.BadZipFile as exc:
            raise Refused("pack-unreadable", "%s is not a zip file, or it is damaged (%s)" % (path, exc))
        except OSError as exc:
            raise Unreadable("cannot read %s: %s" % (path, exc))
        infos = self.zip.infolist()
        if len(infos) > MAX_MEMBERS:
            raise Refused("pack-unsafe", "%d entries; a pack never has more than %d (zip bomb?)"
                          % (len(infos), MAX_MEMBERS))
        self.infos, seen, total = {}, {}, 0
        for info in infos:
            name = info.filename
            problem = name_problem(name)
            if problem:
                raise Refused("pack-unsafe", "entry %r has %s" % (name, problem))
            kind = stat.S_IFMT(info.external_attr >> 16)
            if kind == stat.S_IFLNK:
                raise Refused("pack-unsafe", "entry %r is a symbolic link" % name)
            if info.flag_bits & 0x1:
                raise Refused("pack-unsafe", "entry %r is encrypted" % name)
            if name.casefold() in seen:
                raise Refused("pack-unsafe", "the name %r occurs twice (also as %r)"
                              % (name, seen[name.casefold()]))
            seen[name.casefold()] = name
            if name.endswith("/"):
                continue
            if kind not in (0, stat.S_IFREG):
                raise Refused("pack-unsafe", "entry %r is not a regular file" % name)
            if info.file_size > MAX_MEMBER_BYTES:
                raise Refused("pack-unsafe", "%r declares %d bytes" % (name, info.file_size))
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(1, info.compress_size):
                raise Refused("pack-unsafe", "%r would inflate %d bytes to %d (a zip bomb's ratio)"
                              % (name, info.compress_size, info.file_size))
            total += info.file_size
            self.infos[name] = info
        if total > MAX_TOTAL_BYTES:
            raise Refused("pack-unsafe", "the files add up to %d bytes" % total)
        spans = sorted((i.header_offset, i.header_offset + 30 + len(i.filename.encode()) + i.compress_size,
                        i.filename) for i in infos)
        for (_s, end, name), (start, _e, other) in zip(spans, spans[1:]):
            if end > start:
                raise Refused("pack-unsafe", "entries %r and %r overlap (a zip bomb's trick)" % (name, other))
        self.files = dict((n, i.file_size) for n, i in self.infos.items())
        self.read_total = 0

    def chunks(self, name):
        info, got = self.infos[name], 0
        try:
            with self.zip.open(info) as member:
                while True:
                    chunk = member.read(CHUNK)
                    if not chunk:
                        break
                    got += len(chunk)
                    self.read_total += len(chunk)
                    if got > info.file_size or self.read_total > MAX_TOTAL_BYTES:
                        raise Refused("pack-unsafe", "%s inflates beyond its declared size" % name)
                    yield chunk
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise Refused("file-modified", "%s is damaged inside the zip: %s" % (name, exc))
        if got != info.file_size:
            raise Refused("file-modified", "%s has %d bytes, not the declared %d" % (name, got, info.file_size))


class FolderSource:
    """An unzipped pack. Symbolic links are refused, never followed."""

    def __init__(self, root):
        self.label = os.path.basename(os.path.abspath(root))
        self.root = root
        self.files = {}
        for folder, dirs, names in os.walk(root, followlinks=False):
            for entry in sorted(dirs + names):
                full = os.path.join(folder, entry)
                st = os.lstat(full)
                rel = os.path.relpath(full, root).replace(os.sep, "/")
                if stat.S_ISLNK(st.st_mode):
                    raise Refused("pack-unsafe", "%s is a symbolic link" % rel)
                if stat.S_ISDIR(st.st_mode):
                    continue
                if not stat.S_ISREG(st.st_mode):
                    raise Refused("pack-unsafe", "%s is not a regular file" % rel)
                self.files[rel] = st.st_size
                if len(self.files) > MAX_MEMBERS:
                    raise Refused("pack-unsafe", "more than %d files" % MAX_MEMBERS)

    def chunks(self, name):
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(os.path.join(self.root, *name.split("/")), flags)
        with os.fdopen(fd, "rb") as fh:
            while True:
                chunk = fh.read(CHUNK)
                if not chunk:
                    break
                yield chunk


def read_small(source, name):
    if source.files[name] > MAX_SMALL_FILE:
        raise Refused("pack-unsafe", "%s is %d bytes; such a file is never that large" % (name, source.files[name]))
    return b"".join(source.chunks(name))


def digest(source, name):
    h, size = hashlib.sha256(), 0
    for chunk in source.chunks(name):
        h.update(chunk)
        size += len(chunk)
    return h.hexdigest(), size


# ---------------------------------------------------------------- ledger formats

def load_json(raw):
    """json.loads with a depth limit: ValueError('nested ...') for hostile nesting."""
    try:
        value = json.loads(raw.decode("utf-8") if isinstance(raw, bytes) else raw)
    except RecursionError:
        raise ValueError("the JSON is nested too deeply")
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            if depth > MAX_JSON_DEPTH:
                raise ValueError("the JSON is nested deeper than %d levels" % MAX_JSON_DEPTH)
            stack.extend((c, depth + 1) for c in (item.values() if isinstance(item, dict) else item))
    return value


def assembled_by(manifest_raw):
    """The manifest's "assembled_by" object (read before the signature check: it names the signing key)."""
    try:
        value = load_json(manifest_raw)
    except (ValueError, UnicodeDecodeError):
        return None
    found = value.get("assembled_by") if isinstance(value, dict) else None
    return found if isinstance(found, dict) else None


def canonical(value):
    """RFC 8785 canonical JSON for what PackSeal writes (no floats, no non-BMP keys)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def b64(text):
    return base64.b64decode(text.encode("ascii"), validate=True)


def key_id(raw):
    return hashlib.sha256(raw).hexdigest()[:16]


def raw_key(public):
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
    return public.public_bytes(Encoding.Raw, PublicFormat.Raw)


def verify_sig(public, signature, data):
    try:
        public.verify(signature, data)
        return True
    except (InvalidSignature, ValueError):
        return False


class Entry:
    """A ledger entry read from its canonical line."""

    def __init__(self, line):
        data = load_json(line)
        if not isinstance(data, dict) or set(data) != ENTRY_FIELDS:
            raise ValueError("not a ledger entry (it must have exactly the nine members)")
        if canonical(data) != line:
            raise ValueError("not in canonical form")
        if not isinstance(data["seq"], int) or not isinstance(data["body"], dict):
            raise ValueError("seq or body of the wrong type")
        self.data, self.line = data, line
        self.seq, self.kind, self.key, self.body = data["seq"], data["kind"], data["key"], data["body"]
        unsigned = dict(data)
        del unsigned["sig"]
        self.payload = canonical(unsigned)
        self.signature = b64(data["sig"])


def leaf_hash(entry_bytes):
    return hashlib.sha256(b"\x00" + entry_bytes).digest()


def node_hash(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def verify_inclusion(leaf, index, size, path, root):
    """RFC 9162 section 2.1.3.2."""
    if not 0 <= index < size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while not (fn & 1 or fn == 0):
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


# ---------------------------------------------------------------- the checks

class Check:
    def __init__(self, source, roots=(), expect_key=None, max_delay=DEFAULT_MAX_DELAY):
        self.source = source
        self.problems, self.passed, self.notes, self.warnings = [], [], [], []
        self.roots, self.expect_key, self.max_delay = list(roots), expect_key, max_delay
        self.subject = {}
        self.anchor = None
        self.untrusted = []
        self.chain = []
        self.witness = None
        self.assembled = None

    def warn(self, code, message):
        self.warnings.append((code, message))

    def fail(self, code, message):
        self.problems.append((code, message))

    def ok(self, message):
        self.passed.append(message)

    def load_json(self, name, what):
        if name not in self.source.files:
            self.fail("file-missing", "%s (%s) is not in the pack" % (name, what))
            return None
        try:
            return load_json(read_small(self.source, name))
        except (ValueError, UnicodeDecodeError) as exc:
            nested = "nested" in str(exc)
            self.fail("input-malformed" if nested else "manifest-invalid" if name == MANIFEST else "ledger-invalid",
                      "%s is not valid JSON: %s" % (name, exc))
            return None

    def run(self):
        files = self.source.files
        for name in (MANIFEST, SIGNATURE, PUBLIC_KEY):
            if name not in files:
                self.fail("manifest-missing", "%s is missing: the pack cannot be checked" % name)
        if self.problems:
            return None
        manifest_raw = read_small(self.source, MANIFEST)
        try:
            public = load_pem_public_key(read_small(self.source, PUBLIC_KEY))
            if not isinstance(public, Ed25519PublicKey):
                raise ValueError("not an Ed25519 key")
        except ValueError as exc:
            self.fail("key-mismatch", "station-key.pem is not an Ed25519 public key: %s" % exc)
            return None
        self.station_key = public
        signer, signer_file = public, PUBLIC_KEY
        assembler = assembled_by(manifest_raw)
        if assembler is not None:  # a pack a hub assembled: the hub's key signs the manifest
            signer, signer_file = self.assembler_key(assembler), ASSEMBLER_KEY
            if signer is None:
                return None
        if verify_sig(signer, read_small(self.source, SIGNATURE), manifest_raw):
            self.ok("MANIFEST.json is signed by %s key %s" % ("hub" if assembler is not None else "station",
                                                             key_id(raw_key(signer))))
        else:
            self.fail("manifest-bad-signature", "MANIFEST.sig is not %s's signature over "
                      "MANIFEST.json: the manifest or its signature was changed" % signer_file)
        try:
            manifest = load_json(manifest_raw)
            if manifest.get("format") != PACK_FORMAT:
                raise ValueError("unknown format %r" % manifest.get("format"))
            listed = self.listed_files(manifest["files"])
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
            self.fail("input-malformed" if "nested" in str(exc) else "manifest-invalid",
                      "MANIFEST.json is not a PackSeal manifest: %s" % exc)
            return None
        self.manifest = manifest
        if manifest.get("key_id") != key_id(raw_key(public)):
            self.fail("key-mismatch", "the manifest names key %s but station-key.pem is key %s"
                      % (manifest.get("key_id"), key_id(raw_key(public))))
        self.check_files(listed)
        try:
            self.check_ledger(manifest)
        except (KeyError, TypeError, ValueError, AttributeError, binascii.Error) as exc:
            self.fail("ledger-invalid", "the ledger part of the pack is malformed: %s" % exc)
        return manifest

    def assembler_key(self, assembler):
        """The key of the hub that assembled the pack (hub-key.pem), checked against the manifest."""
        if ASSEMBLER_KEY not in self.source.files:
            self.fail("manifest-missing", "the manifest says a hub assembled the pack, but %s is missing"
                      % ASSEMBLER_KEY)
            return None
        try:
            key = load_pem_public_key(read_small(self.source, ASSEMBLER_KEY))
            if not isinstance(key, Ed25519PublicKey):
                raise ValueError("not an Ed25519 key")
        except ValueError as exc:
            self.fail("key-mismatch", "%s is not an Ed25519 public key: %s" % (ASSEMBLER_KEY, exc))
            return None
        if assembler.get("key_id") != key_id(raw_key(key)):
            self.fail("key-mismatch", "the manifest names the hub key %s but %s is key %s"
                      % (assembler.get("key_id"), ASSEMBLER_KEY, key_id(raw_key(key))))
        self.assembled = hashlib.sha256(raw_key(key)).hexdigest()
        return key

    def listed_files(self, items):
        listed = {}
        for item in items:
            path, sha, size = item["path"], item["sha256"], item["bytes"]
            if name_problem(path) or path.endswith("/"):
                raise ValueError("unsafe path %r" % path)
            if path in listed or path in (MANIFEST, SIGNATURE):
                raise ValueError("%r listed twice" % path)
            listed[path] = (sha, size)
        return listed

    def check_files(self, listed):
        present = set(self.source.files)
        bad = 0
        for path in sorted(listed):
            sha, size = listed[path]
            if path not in present:
                self.fail("file-missing", "%s is listed in the manifest but missing from the pack" % path)
                bad += 1
                continue
            try:
                got, got_size = digest(self.source, path)
            except Refused as exc:
                self.fail(exc.code, str(exc))
                bad += 1
                continue
            if got != sha or got_size != size:
                self.fail("file-modified", "%s was modified: SHA-256 %s, %d bytes; the manifest says %s, %d bytes"
                          % (path, got, got_size, sha, size))
                bad += 1
        for path in sorted(present - set(listed) - {MANIFEST, SIGNATURE}):
            self.fail("file-added", "%s is in the pack but not in the manifest: it was added" % path)
            bad += 1
        if not bad:
            self.ok("%d files: every SHA-256 matches the manifest, none added, none missing" % len(listed))

    def check_ledger(self, manifest):
        ledger, clip_info = manifest["ledger"], manifest["clip"]
        lines = read_small(self.source, ledger["entries"]).split(b"\n")
        entries = {}
        for line in lines:
            if not line:
                continue
            try:
                e = Entry(line)
            except (ValueError, KeyError, binascii.Error) as exc:
                self.fail("ledger-invalid", "%s holds a line that is not a ledger entry: %s" % (ledger["entries"], exc))
                return
            if e.seq in entries:
                self.fail("ledger-invalid", "entry %d occurs twice in %s" % (e.seq, ledger["entries"]))
                return
            entries[e.seq] = e
        keys = self.check_key_chain(entries)
        if keys is None:
            return
        clip = entries.get(clip_info["ledger_seq"])
        checkpoint = entries.get(ledger["checkpoint_seq"])
        if clip is None or clip.kind != "clip" or checkpoint is None or checkpoint.kind != "checkpoint":
            self.fail("ledger-invalid", "the clip entry or the checkpoint entry named by the manifest is missing")
            return
        self.check_clip(clip, clip_info, keys)
        self.check_other_cameras(clip, clip_info.get("other_cameras", []), keys)
        self.check_statements(manifest, clip)
        self.check_linked_clips(manifest.get("linked_clips", []), entries, keys, checkpoint)
        body = clip.body
        source = body.get("source") if isinstance(body.get("source"), dict) else {}
        self.subject = {"order_id": body.get("order_id"), "recorded_at": body.get("start"),
                        "recorded_end": body.get("end"), "station": clip.data.get("station"),
                        "source_kind": source.get("kind"),
                        "key_fingerprint": hashlib.sha256(raw_key(keys[clip.key])).hexdigest()
                        if clip.key in keys else None}
        if self.subject["key_fingerprint"] in self.chain:  # keys after the clip's do not vouch for it
            self.chain = self.chain[:self.chain.index(self.subject["key_fingerprint"]) + 1]
        proven = self.check_proofs(entries, clip, checkpoint, ledger)
        if ledger.get("cosignatures"):
            self.check_witnesses(entries, checkpoint, ledger["cosignatures"])
        if ledger.get("timestamp_seq") is not None:
            self.check_timestamp(entries.get(ledger["timestamp_seq"]), checkpoint)
        if proven:
            self.check_anchors(entries, clip, checkpoint)

    def check_witnesses(self, entries, checkpoint, name):
        """A hub's cosignatures of the checkpoint (docs/HUB.md section 4): the witness key signed the
        canonical JSON of every member but sig, about this ledger's genesis and this very checkpoint."""
        doc = self.load_json(name, "the hub's cosignatures")
        if doc is None:
            return
        listed = doc.get("cosignatures") if isinstance(doc, dict) else None
        if doc.get("format") != "packseal-cosignatures/1" or not isinstance(listed, list):
            self.fail("witness-mismatch", "%s is not a packseal-cosignatures/1 document" % name)
            return
        genesis = entries.get(0)
        station_id = hashlib.sha256(genesis.line).hexdigest() if genesis else None
        for cos in listed:
            try:
                unsigned = {k: v for k, v in cos.items() if k != "sig"}
                key = Ed25519PublicKey.from_public_bytes(b64(cos["witness_key"]))
                key.verify(b64(cos["sig"]), canonical(unsigned))
                fits = (cos["format"] == "packseal-cosignature/1" and cos["station_id"] == station_id
                        and cos["checkpoint_seq"] == checkpoint.seq
                        and cos["tree_size"] == checkpoint.body.get("tree_size")
                        and cos["root_hash"] == checkpoint.body.get("root_hash"))
            except (AttributeError, KeyError, TypeError, ValueError, InvalidSignature) as exc:
                self.fail("witness-mismatch", "a hub cosignature in %s does not verify (%s)" % (name, exc))
                continue
            if not fits:
                self.fail("witness-mismatch", "a hub cosignature in %s is about another ledger or checkpoint"
                          % name)
                continue
            self.ok("checkpoint %d cosigned by the hub key %s at %s" % (
                checkpoint.seq, grouped(hashlib.sha256(b64(cos["witness_key"])).hexdigest()), cos["witnessed_at"]))
            self.witness = {"by": hashlib.sha256(b64(cos["witness_key"])).hexdigest(),
                            "at": cos["witnessed_at"], "tree_size": cos["tree_size"]}

    def check_statements(self, manifest, clip):
        """The manifest's statements about the recording must be those of the signed clip entry."""
        body, info = clip.body, manifest["clip"]
        claims = [("order_id", manifest.get("order_id"), body.get("order_id")),
                  ("station", manifest.get("station"), clip.data.get("station"))]
        claims += [("clip." + n, info[n], body.get(n)) for n in CLIP_STATEMENTS if n in info]
        bad = [c for c in claims if c[1] != c[2]]
        for name, said, signed in bad:
            self.fail("manifest-contradicts-entry", "the manifest says %s = %r, but the signed clip entry %d "
                      "says %r" % (name, said, clip.seq, signed))
        if not bad:
            self.ok("the manifest's order, station and times are those of the signed clip entry %d" % clip.seq)

    def check_linked_clips(self, linked, entries, keys, checkpoint):
        """The order's other clips (a return, its shipment), each checked like the main clip."""
        if not isinstance(linked, list):
            raise ValueError("the manifest's linked_clips is not a list")
        for info in linked:
            entry = entries.get(info["ledger_seq"])
            if entry is None or entry.kind != "clip":
                self.fail("ledger-invalid", "the linked clip entry %r named by the manifest is missing"
                          % info["ledger_seq"])
                continue
            self.check_clip(entry, info, keys)
            packing = entry.body.get("packing")
            kind = packing.get("kind") if isinstance(packing, dict) else None
            kind = kind if isinstance(kind, str) and kind else "shipment"
            claims = [("role", info.get("role"), kind)]
            claims += [(n, info[n], entry.body.get(n)) for n in CLIP_STATEMENTS if n in info]
            bad = [c for c in claims if c[1] != c[2]]
            for name, said, signed in bad:
                self.fail("manifest-contradicts-entry", "the manifest says the linked clip's %s = %r, but its "
                          "signed entry %d says %r" % (name, said, entry.seq, signed))
            if entry.seq >= checkpoint.body["tree_size"]:
                self.fail("checkpoint-invalid", "checkpoint %d does not cover the linked clip's entry %d"
                          % (checkpoint.seq, entry.seq))
            elif not bad:
                self.ok("the linked %s clip %s is order %s's, sealed by entry %d"
                        % (kind, info["file"], entry.body.get("order_id"), entry.seq))

    def check_anchors(self, entries, clip, checkpoint):
        """Verify every RFC 3161 token over the checkpoint; the earliest trusted one anchors the clip."""
        root_hex = checkpoint.body["root_hash"]
        for seq in sorted(entries):
            e = entries[seq]
            if e.kind != "timestamp" or e.body.get("checkpoint_seq") != checkpoint.seq:
                continue
            if e.body.get("root_hash") != root_hex or e.body.get("tree_size") != checkpoint.body["tree_size"]:
                self.fail("timestamp-invalid", "timestamp entry %d is not about checkpoint %d" % (seq, checkpoint.seq))
                continue
            nonce = e.body.get("nonce")
            nonce = int(nonce) if isinstance(nonce, str) and nonce.isdigit() and len(nonce) <= 80 else None
            status, detail = check_token(b64(e.body["token"]), root_hex, self.roots, nonce)
            if status == "bad":
                self.fail("timestamp-invalid", "the RFC 3161 token of entry %d does not verify: %s"
                          % (seq, detail["reason"]))
            elif status == "anchor":
                self.ok("RFC 3161 token of entry %d: checkpoint %d existed at %s per %s (trusted root %s)"
                        % (seq, checkpoint.seq, detail["gen_time"], detail["tsa"], detail["root"]))
                if self.anchor is None or detail["gen_time"] < self.anchor["gen_time"]:
                    self.anchor = detail
            else:
                self.untrusted.append(detail.get("tsa") or e.body.get("tsa_url", "?"))

    def check_key_chain(self, entries):
        """Follow the keys from genesis; every entry must be signed by the key in force."""
        genesis = entries.get(0)
        if genesis is None or genesis.kind != "genesis" or genesis.data["prev"] != ZERO_HASH:
            self.fail("key-chain-invalid", "the pack lacks the ledger's genesis entry (seq 0)")
            return None
        raw = b64(genesis.body["public_key"])
        current = key_id(raw)
        if current != genesis.body.get("key_id") or current != genesis.key:
            self.fail("key-chain-invalid", "the genesis entry's key id does not match its public key")
            return None
        keys = {current: Ed25519PublicKey.from_public_bytes(raw)}
        self.chain = [hashlib.sha256(raw).hexdigest()]
        compromised = {}
        valid = True
        for seq in sorted(entries):
            e = entries[seq]
            if seq > 0 and e.key != current:
                self.fail("key-chain-invalid", "entry %d is signed by key %s, but key %s is in force there"
                          % (seq, e.key, current))
                valid = False
                continue
            if not verify_sig(keys[current], e.signature, e.payload):
                self.fail("bad-signature", "entry %d (%s) has an invalid signature" % (seq, e.kind))
                valid = False
            elif e.kind == "key-rotation":
                new_raw = b64(e.body["new_public_key"])
                if key_id(new_raw) != e.body.get("new_key_id"):
                    self.fail("key-chain-invalid", "key rotation %d names the wrong key id" % seq)
                    return None
                since = e.body.get("compromised_since")
                if isinstance(since, str) and len(since) == 24 and since.endswith("Z"):
                    compromised[current] = (since, seq)
                current = key_id(new_raw)
                keys[current] = Ed25519PublicKey.from_public_bytes(new_raw)
                self.chain.append(hashlib.sha256(new_raw).hexdigest())
        for seq in sorted(entries):
            e = entries[seq]
            declared = compromised.get(e.key)
            if declared and seq != declared[1] and e.data["time"] >= declared[0]:
                self.fail("key-compromised", "entry %d is signed by key %s at %s, but rotation %d declared that "
                          "key compromised since %s" % (seq, e.key, e.data["time"], declared[1], declared[0]))
                valid = False
        if raw_key(self.station_key) != raw_key(keys[current]):
            self.fail("key-mismatch", "station-key.pem is not the ledger's current key %s" % current)
            valid = False
        if valid:
            self.ok("%d ledger entries, each signed by the key in force, from genesis (key chain of %d key%s)"
                    % (len(entries), len(keys), "" if len(keys) == 1 else "s"))
        self.keys_at = keys
        return keys

    def check_other_cameras(self, clip, cameras, keys):
        """The clip's other cameras' files: each the file its object in the signed entry seals."""
        if not isinstance(cameras, list):
            raise ValueError("the manifest's clip.other_cameras is not a list")
        signed = dict((c.get("camera"), c) for c in clip.body.get("other_cameras", []) if isinstance(c, dict))
        for info in cameras:
            sealed = signed.get(info.get("camera"))
            if sealed is None or "file" not in sealed:
                self.fail("clip-mismatch", "the manifest names camera %r, but clip entry %d seals no file of it"
                          % (info.get("camera"), clip.seq))
                continue
            self.check_clip(clip, info, keys, sealed)

    def check_clip(self, clip, clip_info, keys, sealed=None):
        body = sealed or clip.body
        if (clip_info.get("sha256") != body.get("sha256") or clip_info.get("bytes") != body.get("bytes")):
            self.fail("clip-mismatch", "the manifest's clip hash differs from the clip's ledger entry")
        clip_path, seal_path = clip_info["file"], clip_info["seal"]
        if clip_path not in self.source.files or seal_path not in self.source.files:
            self.fail("file-missing", "the clip or its seal is missing")
            return
        got, size = digest(self.source, clip_path)
        if got != body.get("sha256") or size != body.get("bytes"):
            self.fail("clip-mismatch", "%s is not the sealed clip: SHA-256 %s, %d bytes, but ledger entry %d "
                      "sealed %s, %d bytes" % (clip_path, got, size, clip.seq, body.get("sha256"), body.get("bytes")))
        else:
            self.ok("%s is the clip sealed by ledger entry %d (order %s, SHA-256 %s)"
                    % (clip_path, clip.seq, clip.body.get("order_id"), got))
        seal = self.load_json(seal_path, "the clip's seal")
        if not isinstance(seal, dict):
            return
        try:
            seal_entry = canonical(seal["entry"])
            seal_key = load_pem_public_key(seal["public_key_pem"].encode("ascii"))
            seal_payload = b64(seal["payload_b64"])
            seal_sig = b64(seal["signature_b64"])
        except (KeyError, TypeError, ValueError, AttributeError, binascii.Error) as exc:
            self.fail("seal-invalid", "the seal %s is malformed: %s" % (seal_path, exc))
            return
        if seal_entry != clip.line or seal_payload != clip.payload or seal_sig != clip.signature:
            self.fail("seal-invalid", "the seal does not carry the clip's ledger entry %d" % clip.seq)
        elif (not isinstance(seal_key, Ed25519PublicKey) or clip.key not in keys
              or raw_key(seal_key) != raw_key(keys[clip.key])):
            self.fail("seal-invalid", "the seal's public key is not the key that signed entry %d" % clip.seq)
        elif not verify_sig(seal_key, seal_sig, seal_payload):
            self.fail("bad-signature", "the seal's signature does not verify")
        elif seal.get("file") != clip_path.rsplit("/", 1)[-1]:
            self.fail("seal-invalid", "the seal names %r, not %s" % (seal.get("file"), clip_path))
        else:
            self.ok("the seal carries entry %d and its signature verifies" % clip.seq)

    def check_proofs(self, entries, clip, checkpoint, ledger):
        doc = self.load_json(ledger["proofs"], "the inclusion proofs")
        if not isinstance(doc, dict):
            return False
        size, root_hex = checkpoint.body["tree_size"], checkpoint.body["root_hash"]
        if doc.get("tree_size") != size or doc.get("root_hash") != root_hex:
            self.fail("inclusion-proof-invalid", "the proofs are for another tree than checkpoint %d" % checkpoint.seq)
            return False
        if size <= clip.seq:
            self.fail("checkpoint-invalid", "checkpoint %d does not cover the clip's entry %d" % (checkpoint.seq, clip.seq))
            return False
        proofs = dict((p["seq"], p) for p in doc["proofs"])
        root = bytes.fromhex(root_hex)
        good = True
        for seq in sorted(entries):
            if seq >= size:
                continue
            p = proofs.get(seq)
            path = [bytes.fromhex(h) for h in p["path"]] if p else None
            if p is None or p.get("tree_size") != size or not verify_inclusion(
                    leaf_hash(entries[seq].line), seq, size, path, root):
                self.fail("inclusion-proof-invalid", "entry %d is not proven to be in checkpoint %d's tree"
                          % (seq, checkpoint.seq))
                good = False
        if good:
            self.ok("the clip's entry %d (and the key chain before it) is in the Merkle tree of %d entries "
                    "signed by checkpoint %d (root %s)" % (clip.seq, size, checkpoint.seq, root_hex))
        return good

    def check_timestamp(self, stamp, checkpoint):
        if stamp is None or stamp.kind != "timestamp":
            self.fail("timestamp-invalid", "the timestamp entry named by the manifest is missing")
            return
        body = stamp.body
        if (body.get("checkpoint_seq") != checkpoint.seq or body.get("tree_size") != checkpoint.body["tree_size"]
                or body.get("root_hash") != checkpoint.body["root_hash"]):
            self.fail("timestamp-invalid", "timestamp entry %d is not about checkpoint %d" % (stamp.seq, checkpoint.seq))
            return
        files = self.source.files
        if TOKEN not in files or read_small(self.source, TOKEN) != b64(body["token"]):
            self.fail("timestamp-invalid", "%s is not the token of timestamp entry %d" % (TOKEN, stamp.seq))
            return
        if ROOT_BIN in files and read_small(self.source, ROOT_BIN) != bytes.fromhex(body["root_hash"]):
            self.fail("timestamp-invalid", "%s is not the checkpoint's root" % ROOT_BIN)
            return
        self.notes.append("checkpoint %d has an RFC 3161 timestamp from %s; to check it with OpenSSL too: "
                          "openssl ts -verify -data %s -in %s -CAfile <the TSA's root certificate>"
                          % (checkpoint.seq, body.get("tsa_url"), ROOT_BIN, TOKEN))


# ---------------------------------------------------------------- RFC 3161 tokens, parsed here

OID_TSTINFO = "1.2.840.113549.1.9.16.1.4"
OID_CONTENT_TYPE = "1.2.840.113549.1.9.3"
OID_MESSAGE_DIGEST = "1.2.840.113549.1.9.4"
OID_TIME_STAMPING = "1.3.6.1.5.5.7.3.8"
HASHES = {"2.16.840.1.101.3.4.2.1": "sha256", "2.16.840.1.101.3.4.2.2": "sha384",
          "2.16.840.1.101.3.4.2.3": "sha512"}
MAX_DEPTH_CHAIN = 6


class Der(object):
    """One DER element: tag byte, the whole encoding, and its content."""

    def __init__(self, data, pos=0):
        if pos + 2 > len(data):
            raise ValueError("truncated DER")
        self.tag = data[pos]
        length, i = data[pos + 1], pos + 2
        if length & 0x80:
            n = length & 0x7F
            if n == 0 or n > 4 or i + n > len(data):
                raise ValueError("bad DER length")
            length = int.from_bytes(data[i:i + n], "big")
            i += n
        if i + length > len(data):
            raise ValueError("truncated DER")
        self.start, self.content_start, self.end = pos, i, i + length
        self.data = data

    @property
    def raw(self):
        return self.data[self.start:self.end]

    @property
    def content(self):
        return self.data[self.content_start:self.end]

    def children(self):
        out, pos = [], self.content_start
        while pos < self.end:
            child = Der(self.data, pos)
            if child.end > self.end:
                raise ValueError("DER element overruns its parent")
            out.append(child)
            pos = child.end
        return out


def der_oid(el):
    if el.tag != 0x06:
        raise ValueError("expected an OID")
    b = el.content
    if not b:
        raise ValueError("empty OID")
    parts, value = [b[0] // 40 if b[0] < 80 else 2, b[0] % 40 if b[0] < 80 else b[0] - 80], 0
    for byte in b[1:]:
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            parts.append(value)
            value = 0
    return ".".join(str(p) for p in parts)


def der_int(el):
    if el.tag != 0x02:
        raise ValueError("expected an INTEGER")
    return int.from_bytes(el.content, "big", signed=True)


def parse_token(der):
    """The parts of a DER TimeStampResp a verifier needs (ValueError when it is not one)."""
    resp = Der(der)
    if resp.tag != 0x30 or resp.end != len(der):
        raise ValueError("not a DER SEQUENCE")
    parts = resp.children()
    status = der_int(parts[0].children()[0])
    if status != 0:
        raise ValueError("the TSA did not grant the request (status %d)" % status)
    content_info = parts[1].children()
    if der_oid(content_info[0]) != "1.2.840.113549.1.7.2":
        raise ValueError("the token is not CMS SignedData")
    signed = content_info[1].children()[0].children()
    encap = signed[2].children()
    if der_oid(encap[0]) != OID_TSTINFO:
        raise ValueError("the token does not hold a TSTInfo")
    tst_raw = encap[1].children()[0].content
    certs, signer_infos = [], None
    for el in signed[3:]:
        if el.tag == 0xA0:
            certs = [x509.load_der_x509_certificate(c.raw) for c in el.children()]
        elif el.tag == 0x31:
            signer_infos = el.children()
    if not signer_infos or len(signer_infos) != 1:
        raise ValueError("the token must have exactly one signer")
    si = signer_infos[0].children()
    sid = si[1]
    digest_alg = HASHES.get(der_oid(si[2].children()[0]))
    attrs = si[3]
    if attrs.tag != 0xA0 or digest_alg is None:
        raise ValueError("the signer has no signed attributes or an unknown digest")
    sig_alg = der_oid(si[4].children()[0])
    signature = si[5].content
    tst = Der(tst_raw).children()
    imprint = tst[2].children()
    info = {"imprint_alg": der_oid(imprint[0].children()[0]), "imprint": imprint[1].content,
            "gen_time": tst[4].content.decode("ascii"), "nonce": None}
    for el in tst[5:]:
        if el.tag == 0x02:
            info["nonce"] = der_int(el)
    attr_values = {}
    for attr in attrs.children():
        kids = attr.children()
        attr_values[der_oid(kids[0])] = kids[1].children()[0]
    info.update(certs=certs, sid=sid, digest_alg=digest_alg, sig_alg=sig_alg, signature=signature,
                tst_raw=tst_raw, attrs=attr_values,
                signed_attrs=b"\x31" + attrs.data[attrs.start + 1:attrs.end])
    return info


def gen_time(text):
    """GeneralizedTime (YYYYMMDDHHMMSS[.f]Z) as an aware datetime."""
    if not text.endswith("Z") or len(text) < 15:
        raise ValueError("genTime %r is not UTC" % text)
    moment = datetime.datetime.strptime(text[:14], "%Y%m%d%H%M%S")
    frac = text[14:-1]
    if frac:
        moment = moment.replace(microsecond=int((frac[1:] + "000000")[:6]))
    return moment.replace(tzinfo=datetime.timezone.utc)


def stamp_text(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (moment.microsecond // 1000)


def cert_name(cert):
    cns = cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    return str(cns[0].value) if cns else cert.subject.rfc4514_string()


def valid_at(cert, moment):
    return cert.not_valid_before_utc <= moment <= cert.not_valid_after_utc


def issued_by(cert, issuer):
    if cert.issuer != issuer.subject:
        return False
    try:
        cert.verify_directly_issued_by(issuer)
        return True
    except (ValueError, TypeError, InvalidSignature):
        return False


def verify_signature(cert, signature, data, hash_name):
    algorithm = getattr(hashes, hash_name.upper())()
    key = cert.public_key()
    try:
        if isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, data, padding.PKCS1v15(), algorithm)
        elif isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, data, ec.ECDSA(algorithm))
        else:
            return False
        return True
    except InvalidSignature:
        return False


def check_token(der, root_hex, roots, expected_nonce):
    """Verify a token fully; returns (status, detail) with status 'anchor', 'untrusted', 'unknown' or 'bad'.

    'anchor': valid and its chain ends at a trusted root; 'untrusted': valid but
    the chain ends only at a root the token carries; 'unknown': the chain's root
    is nowhere to be found; 'bad': malformed, about something else, or forged.
    """
    try:
        t = parse_token(der)
    except (ValueError, IndexError, TypeError, UnicodeDecodeError) as exc:
        return "bad", {"reason": "not a valid RFC 3161 timestamp: %s" % exc}
    try:
        when = gen_time(t["gen_time"])
    except ValueError as exc:
        return "bad", {"reason": str(exc)}
    detail = {"gen_time": stamp_text(when)}
    if t["imprint_alg"] != "2.16.840.1.101.3.4.2.1" or t["imprint"] != hashlib.sha256(bytes.fromhex(root_hex)).digest():
        return "bad", dict(detail, reason="the token's message imprint is not SHA-256 of the checkpoint root")
    if expected_nonce is not None and t["nonce"] != expected_nonce:
        return "bad", dict(detail, reason="the token's nonce is not the one the station sent")
    sid = t["sid"]
    signer = None
    if sid.tag == 0x30:
        issuer_der, serial = sid.children()[0].raw, der_int(sid.children()[1])
        signer = next((c for c in t["certs"] if c.issuer.public_bytes() == issuer_der and c.serial_number == serial), None)
    if signer is None:
        return "unknown", dict(detail, reason="the token does not carry its signer's certificate")
    detail["tsa"] = cert_name(signer)
    try:
        eku = signer.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
        eku_ok = eku.critical and [o.dotted_string for o in eku.value] == [OID_TIME_STAMPING]
    except x509.ExtensionNotFound:
        eku_ok = False
    if not eku_ok:
        return "bad", dict(detail, reason="the signing certificate is not a timestamping certificate "
                                          "(critical extended key usage timeStamping alone)")
    if not valid_at(signer, when):
        return "bad", dict(detail, reason="the signing certificate was not valid at the token's time")
    content_type = t["attrs"].get(OID_CONTENT_TYPE)
    digest = t["attrs"].get(OID_MESSAGE_DIGEST)
    if content_type is None or der_oid(content_type) != OID_TSTINFO or digest is None \
            or digest.content != hashlib.new(t["digest_alg"], t["tst_raw"]).digest():
        return "bad", dict(detail, reason="the signed attributes do not match the TSTInfo")
    if not verify_signature(signer, t["signature"], t["signed_attrs"], t["digest_alg"]):
        return "bad", dict(detail, reason="the token's signature does not verify")
    current, path = signer, [signer]
    for _ in range(MAX_DEPTH_CHAIN):
        root = next((r for r in roots if issued_by(current, r) and valid_at(r, when)), None)
        if root is not None:
            return "anchor", dict(detail, root=cert_name(root))
        step = next((c for c in t["certs"] if c not in path and issued_by(current, c) and valid_at(c, when)), None)
        if step is None:
            break
        if step.issuer == step.subject:
            return "untrusted", dict(detail, root=cert_name(step))
        path.append(step)
        current = step
    return "unknown", dict(detail, reason="the chain of %s ends at %s, which is not trusted here"
                           % (detail["tsa"], current.issuer.rfc4514_string()))


def trusted_roots(extra_files):
    """certifi's Mozilla roots (when installed), $PACKSEAL_TSA_ROOTS and --tsa-root files."""
    roots, files = [], []
    try:
        import certifi
        files.append(certifi.where())
    except ImportError:
        pass
    files += [p for p in os.environ.get("PACKSEAL_TSA_ROOTS", "").split(os.pathsep) if p.strip()]
    files += list(extra_files)
    for name in files:
        with open(name, "rb") as fh:
            import warnings
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                roots += x509.load_pem_x509_certificates(fh.read())
    return roots


def open_source(target):
    if os.path.isdir(target):
        return FolderSource(target)
    if not os.path.exists(target):
        raise Unreadable("%s does not exist" % target)
    return ZipSource(target)


def parse_args(argv):
    opts = {"target": None, "roots": [], "expect": None, "require": False, "delay": DEFAULT_MAX_DELAY,
            "json": False}
    it = iter(argv)
    for arg in it:
        if arg in ("--tsa-root", "--expect-key", "--max-anchor-delay"):
            value = next(it, None)
            if value is None:
                raise Unreadable("%s needs a value" % arg)
            if arg == "--tsa-root":
                opts["roots"].append(value)
            elif arg == "--expect-key":
                hexed = "".join(c for c in value.lower() if c not in " :-_\t")
                if len(hexed) < 32 or len(hexed) > 64 or any(c not in "0123456789abcdef" for c in hexed):
                    raise Unreadable("--expect-key needs 32 to 64 hex digits of the key fingerprint")
                opts["expect"] = hexed
            else:
                if not value.isdigit():
                    raise Unreadable("--max-anchor-delay needs a number of seconds")
                opts["delay"] = int(value)
        elif arg == "--require-anchor":
            opts["require"] = True
        elif arg == "--json":
            opts["json"] = True
        elif arg.startswith("--"):
            raise Unreadable("unknown option %s (see --help)" % arg)
        elif opts["target"] is None:
            opts["target"] = arg
        else:
            raise Unreadable("give one pack only")
    return opts


def grouped(fp):
    return " ".join(fp[i:i + 4] for i in range(0, 32, 4)) if fp else "unknown"


def verdict_of(check, opts):
    """(verdict, exit status, facts) in the terms of `packseal verify`."""
    sub = check.subject
    fp = sub.get("key_fingerprint")
    pinned = False
    if opts["expect"]:
        pinned = any(f.startswith(opts["expect"]) for f in (check.chain or ([fp] if fp else [])))
        if not pinned:
            check.fail("key-not-expected", "signed by key %s, not by the expected key %s nor a key it handed "
                       "over to" % (grouped(fp), grouped(opts["expect"])))
    anchor, delay = check.anchor, None
    if anchor and sub.get("recorded_end"):
        delay = int(round((gen_time_of_stamp(anchor["gen_time"])
                           - gen_time_of_stamp(sub["recorded_end"])).total_seconds()))
    for name in check.untrusted:
        check.warn("timestamp-untrusted", "a valid timestamp from %s, an authority that is not trusted "
                   "here: not an anchor (give its root with --tsa-root if you trust it)" % name)
    in_time = anchor is not None and (delay is None or delay <= opts["delay"])
    if anchor and not in_time:
        check.warn("late-anchor", "the first trusted timestamp covering the clip is %s, %d s after the "
                   "recording ended (more than %d s allowed)" % (anchor["gen_time"], delay, opts["delay"]))
    elif anchor is None and not check.problems:
        check.warn("not-anchored", "no timestamp from a trusted TSA covers this; when it was recorded is only "
                   "the station's own claim")
    if sub.get("source_kind") in ("test", "file"):
        check.warn("synthetic-source", "the clip was recorded from a %s source, not a camera" % sub["source_kind"])
    if check.problems:
        verdict = "tampered"
        code = 2 if any(c in BAD_INPUT for c, _ in check.problems) else 1
    elif in_time:
        verdict, code = "anchored", 0
    else:
        verdict, code = "unanchored", 1 if opts["require"] else 0
    facts = {"verdict": verdict, "exit_code": code, "key_fingerprint": fp, "key_pinned": pinned,
             "order_id": sub.get("order_id"), "recorded_at": sub.get("recorded_at"),
             "recorded_end": sub.get("recorded_end"), "station": sub.get("station"),
             "anchored_at": anchor["gen_time"] if anchor and in_time else None,
             "first_anchor_at": anchor["gen_time"] if anchor else None,
             "anchor_delay_s": delay, "tsa": anchor["tsa"] if anchor else None,
             "source_kind": sub.get("source_kind"),
             "witnessed_by": check.witness["by"] if check.witness else None,
             "witnessed_at": check.witness["at"] if check.witness else None,
             "witnessed_tree_size": check.witness["tree_size"] if check.witness else None,
             "assembled_by": check.assembled,
             "problems": [{"code": c, "message": m} for c, m in check.problems],
             "warnings": [{"code": c, "message": m} for c, m in check.warnings]}
    return facts


def gen_time_of_stamp(text):
    return datetime.datetime.strptime(text[:19], "%Y-%m-%dT%H:%M:%S").replace(
        tzinfo=datetime.timezone.utc, microsecond=int(text[20:23]) * 1000)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    try:
        opts = parse_args(argv)
        roots = trusted_roots(opts["roots"])
    except (Unreadable, OSError, ValueError) as exc:
        print("ERROR: %s" % exc)
        return 2
    target = opts["target"] or os.path.dirname(os.path.abspath(__file__))
    out = [] if opts["json"] else None
    say = out.append if out is not None else print
    say("PackSeal evidence pack: %s" % target)
    check = Check(None, roots, opts["expect"], opts["delay"])
    try:
        check.source = open_source(target)
        check.run()
    except Unreadable as exc:
        check.fail("pack-unreadable", str(exc))
    except Refused as exc:
        check.fail(exc.code, str(exc))
    except OSError as exc:
        check.fail("pack-unreadable", "cannot read the pack: %s" % exc)
    facts = verdict_of(check, opts)
    if opts["json"]:
        print(json.dumps(facts, ensure_ascii=False))
        return facts["exit_code"]
    fp = facts["key_fingerprint"]
    if fp:
        say("  order %s, station %s, recorded %s to %s (as the signed clip entry says)"
            % (facts["order_id"], facts["station"], facts["recorded_at"], facts["recorded_end"]))
        say("  station key fingerprint %s (SHA-256 %s)" % (grouped(fp), fp))
    for message in check.passed:
        say("OK    %s" % message)
    for message in check.notes:
        say("NOTE  %s" % message)
    for code, message in check.warnings:
        say("WARN  %s: %s" % (code, message))
    for code, message in check.problems:
        say("FAIL  %s: %s" % (code, message))
    verdict = facts["verdict"]
    if verdict == "tampered":
        say("RESULT: TAMPERED - %d problem(s); the pack is not as the station made it." % len(check.problems))
    else:
        say("RESULT: INTACT - nothing was modified, added or removed since key %s signed it." % grouped(fp))
        say("        " + ("That key is the one you expected." if facts["key_pinned"] else
                          "Who holds that key is NOT checked: compare the fingerprint with one the shop "
                          "published, or pass --expect-key."))
        if verdict == "anchored":
            say("VERDICT: ANCHORED - existed no later than %s (%d s after recording) per %s."
                % (facts["anchored_at"], facts["anchor_delay_s"] or 0, facts["tsa"]))
        else:
            say("VERDICT: UNANCHORED - no trusted timestamp in time; the recording time is only the "
                "station's own claim.")
    return facts["exit_code"]


if __name__ == "__main__":
    sys.exit(main())
