"""The evidence pack's layout: file names, formats, reading limits and the codes of findings.

docs/FORMAT.md section 13 describes the pack for independent verifiers; the
builder (:mod:`pack`), PackSeal's verifier (:mod:`pack_verifier`) and the
standalone verifier shipped inside every pack (:mod:`standalone_verifier`,
which repeats these values because it may import nothing from PackSeal)
all follow it.
"""

from __future__ import annotations

import json
from typing import Any

PACK_FORMAT = "packseal-evidence-pack/1"
PROOFS_FORMAT = "packseal-proofs/1"
COSIGNATURES_FORMAT = "packseal-cosignatures/1"

# Signed list of every other file (canonical JSON) and its Ed25519 signature (64 raw bytes).
MANIFEST = "MANIFEST.json"
SIGNATURE = "MANIFEST.sig"
# Everything below is listed in the manifest with its SHA-256 and size.
PUBLIC_KEY = "station-key.pem"
#: A pack assembled by a hub from a station's synced data: the hub's public key, which signs the
#: manifest (the station key never leaves the station). Named by the manifest's ``assembled_by``.
ASSEMBLER_KEY = "hub-key.pem"
SUMS = "SHA256SUMS"
INSTRUCTIONS = "VERIFY.txt"
VERIFIER = "verify_pack.py"
REPORT = "report.pdf"
CLIP_DIR = "clip"
ENTRIES = "ledger/entries.jsonl"
PROOFS = "ledger/proofs.json"
COSIGNATURES = "ledger/cosignatures.json"
TOKEN = "ledger/timestamp.tsr"
ROOT_BIN = "ledger/checkpoint-root.bin"
FRAMES_DIR = "frames"
FRAMES_INDEX = "frames/frames.json"
PHOTOS_DIR = "photos"
PHOTOS_INDEX = "photos/photos.json"
COMPARISON_DIR = "comparison"
#: The other clip of the order (a return's shipment, a shipment's return) and its seal.
LINKED_DIR = "linked"
COMPOSED_DIR = "composed"  # a picture-in-picture file made from the two cameras' sealed files (not sealed)
#: What a linked clip is (the ``kind`` of its signed packing record).
LINKED_ROLES = ("return", "shipment")

#: The two files the manifest cannot list (itself and its signature).
UNLISTED = frozenset({MANIFEST, SIGNATURE})

# Limits when reading a pack someone sent: generous for real packs (a long
# clip is a few GB), fatal for zip bombs.
MAX_MEMBERS = 4096
MAX_MEMBER_BYTES = 8 << 30
MAX_TOTAL_BYTES = 16 << 30
#: Largest uncompressed/compressed ratio for members above RATIO_FLOOR bytes.
#: Real members stay far below (MP4 and PNG are stored, JSON deflates ~10:1).
MAX_RATIO = 100
RATIO_FLOOR = 1 << 20
#: Largest metadata file (manifest, entries, seal, proofs) read into memory.
MAX_SMALL_FILE = 64 << 20

# Codes of what a verification finds (shared by both verifiers).
PACK_UNREADABLE = "pack-unreadable"
PACK_UNSAFE = "pack-unsafe"
MANIFEST_MISSING = "manifest-missing"
MANIFEST_INVALID = "manifest-invalid"
MANIFEST_BAD_SIGNATURE = "manifest-bad-signature"
KEY_MISMATCH = "key-mismatch"
FILE_MISSING = "file-missing"
FILE_ADDED = "file-added"
FILE_MODIFIED = "file-modified"
LEDGER_INVALID = "ledger-invalid"
KEY_CHAIN_INVALID = "key-chain-invalid"
BAD_SIGNATURE = "bad-signature"
SEAL_INVALID = "seal-invalid"
CLIP_MISMATCH = "clip-mismatch"
INCLUSION_INVALID = "inclusion-proof-invalid"
CHECKPOINT_INVALID = "checkpoint-invalid"
TIMESTAMP_INVALID = "timestamp-invalid"
TIMESTAMP_UNTRUSTED = "timestamp-untrusted"
TIMESTAMP_NOTE = "timestamp"
MANIFEST_CONTRADICTS = "manifest-contradicts-entry"
INPUT_MALFORMED = "input-malformed"
KEY_COMPROMISED = "key-compromised"

#: What the manifest's ``clip`` states about the recording; each must equal the signed clip entry.
CLIP_STATEMENTS = ("order_id", "scan_time", "start", "end", "status", "source")
#: Deepest nesting of objects and arrays accepted in a pack's JSON files.
MAX_JSON_DEPTH = 32


class MalformedJSON(ValueError):
    """JSON nested beyond reason: hostile input, not a pack."""


def load_json(raw: bytes) -> Any:
    """Parse a pack's JSON file; ``ValueError`` when it is not JSON, :class:`MalformedJSON` when nested."""
    try:
        value = json.loads(raw)
    except RecursionError:
        raise MalformedJSON("the JSON is nested too deeply") from None
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            if depth > MAX_JSON_DEPTH:
                raise MalformedJSON(f"the JSON is nested deeper than {MAX_JSON_DEPTH} levels")
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return value


def assembled_by(raw_manifest: bytes) -> dict[str, Any] | None:
    """The manifest's ``assembled_by`` object (a pack a hub assembled), or None; read before the
    signature is checked, since it says which key made the signature. Malformed: None (the
    manifest's own parse reports it)."""
    try:
        value = load_json(raw_manifest)
    except ValueError:
        return None
    found = value.get("assembled_by") if isinstance(value, dict) else None
    return found if isinstance(found, dict) else None


def member_name_problem(name: str) -> str | None:
    """Why ``name`` may not be a file name inside a pack, or None when it is safe.

    Accepted: relative paths with ``/`` separators, no empty, ``.`` or ``..``
    parts, no backslash, no colon (drive letters, NTFS streams), no control
    characters. A trailing ``/`` (a folder entry) is allowed.
    """
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
    if any(part in ("", ".", "..") for part in parts):
        return "'..', '.' or empty parts (path traversal)"
    return None
