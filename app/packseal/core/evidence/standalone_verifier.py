#!/usr/bin/env python3
"""verify_pack.py: check a PackSeal evidence pack without PackSeal.

Needs only Python 3.8 or later and the ``cryptography`` package
(``python3 -m pip install cryptography``). Nothing is extracted or written.

    python3 verify_pack.py              check the unzipped pack this script is in
    python3 verify_pack.py PACK.zip     check a zipped pack without unzipping it
    python3 verify_pack.py FOLDER       check an unzipped pack in FOLDER

It checks that MANIFEST.json is signed by the station key in station-key.pem;
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
import hashlib
import json
import os
import stat
import sys
import zipfile
import zlib

try:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    from cryptography.hazmat.primitives.serialization import load_pem_public_key
except ImportError:  # pragma: no cover - the message is the point
    sys.stderr.write("verify_pack.py needs the 'cryptography' package: python3 -m pip install cryptography\n")
    sys.exit(2)

PACK_FORMAT = "packseal-evidence-pack/1"
MANIFEST, SIGNATURE, PUBLIC_KEY = "MANIFEST.json", "MANIFEST.sig", "station-key.pem"
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
        data = json.loads(line.decode("utf-8"))
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
    def __init__(self, source):
        self.source = source
        self.problems, self.passed, self.notes = [], [], []

    def fail(self, code, message):
        self.problems.append((code, message))

    def ok(self, message):
        self.passed.append(message)

    def load_json(self, name, what):
        if name not in self.source.files:
            self.fail("file-missing", "%s (%s) is not in the pack" % (name, what))
            return None
        try:
            return json.loads(read_small(self.source, name).decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            self.fail("manifest-invalid" if name == MANIFEST else "ledger-invalid",
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
        if verify_sig(public, read_small(self.source, SIGNATURE), manifest_raw):
            self.ok("MANIFEST.json is signed by station key %s" % key_id(raw_key(public)))
        else:
            self.fail("manifest-bad-signature", "MANIFEST.sig is not station-key.pem's signature over "
                      "MANIFEST.json: the manifest or its signature was changed")
        try:
            manifest = json.loads(manifest_raw.decode("utf-8"))
            if manifest.get("format") != PACK_FORMAT:
                raise ValueError("unknown format %r" % manifest.get("format"))
            listed = self.listed_files(manifest["files"])
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
            self.fail("manifest-invalid", "MANIFEST.json is not a PackSeal manifest: %s" % exc)
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
        self.check_proofs(entries, clip, checkpoint, ledger)
        if ledger.get("timestamp_seq") is not None:
            self.check_timestamp(entries.get(ledger["timestamp_seq"]), checkpoint)

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
                current = key_id(new_raw)
                keys[current] = Ed25519PublicKey.from_public_bytes(new_raw)
        if raw_key(self.station_key) != raw_key(keys[current]):
            self.fail("key-mismatch", "station-key.pem is not the ledger's current key %s" % current)
            valid = False
        if valid:
            self.ok("%d ledger entries, each signed by the key in force, from genesis (key chain of %d key%s)"
                    % (len(entries), len(keys), "" if len(keys) == 1 else "s"))
        self.keys_at = keys
        return keys

    def check_clip(self, clip, clip_info, keys):
        body = clip.body
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
                    % (clip_path, clip.seq, body.get("order_id"), got))
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
            return
        size, root_hex = checkpoint.body["tree_size"], checkpoint.body["root_hash"]
        if doc.get("tree_size") != size or doc.get("root_hash") != root_hex:
            self.fail("inclusion-proof-invalid", "the proofs are for another tree than checkpoint %d" % checkpoint.seq)
            return
        if size <= clip.seq:
            self.fail("checkpoint-invalid", "checkpoint %d does not cover the clip's entry %d" % (checkpoint.seq, clip.seq))
            return
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
        self.notes.append("checkpoint %d has an RFC 3161 timestamp (%s, from %s); check the token's signature "
                          "with: openssl ts -verify -data %s -in %s -CAfile <the TSA's root certificate>"
                          % (checkpoint.seq, body.get("gen_time", "?"), body.get("tsa_url"), ROOT_BIN, TOKEN))


def open_source(target):
    if os.path.isdir(target):
        return FolderSource(target)
    if not os.path.exists(target):
        raise Unreadable("%s does not exist" % target)
    return ZipSource(target)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    target = argv[0] if argv else os.path.dirname(os.path.abspath(__file__))
    print("PackSeal evidence pack: %s" % target)
    try:
        source = open_source(target)
        check = Check(source)
        manifest = check.run()
    except Unreadable as exc:
        print("ERROR: %s" % exc)
        return 2
    except Refused as exc:
        print("FAIL %s: %s" % (exc.code, exc))
        print("RESULT: FAILED - the pack was refused before it was checked.")
        return 1
    except OSError as exc:
        print("ERROR: cannot read the pack: %s" % exc)
        return 2
    if manifest:
        kid = manifest.get("key_id", "")
        print("  order %s, station %s, made %s" % (manifest.get("order_id"), manifest.get("station"),
                                                 manifest.get("created")))
        print("  station key fingerprint %s (compare it with one you obtained independently)"
              % " ".join(kid[i:i + 4] for i in range(0, len(kid), 4)))
    for message in check.passed:
        print("OK    %s" % message)
    for message in check.notes:
        print("NOTE  %s" % message)
    for code, message in check.problems:
        print("FAIL  %s: %s" % (code, message))
    if check.problems:
        print("RESULT: FAILED - %d problem(s); the pack is not as the station made it." % len(check.problems))
        return 1
    print("RESULT: OK - nothing was modified, added or removed, and every signature verifies.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
