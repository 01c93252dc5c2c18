"""The seal file beside each clip: everything needed to check the clip without PackSeal.

``<clip>.seal.json`` (e.g. ``SF123.mp4.seal.json``) holds the clip's ledger
entry, the exact bytes that were signed (base64 and as text), the signature,
the public key (PEM and raw) and its key id, and shell commands that check
it all with ``sha256sum`` and ``openssl pkeyutl -verify -rawin``. The file
is pretty-printed with one field per line so those commands can cut the
values out with ``grep`` and ``cut``.
"""

from __future__ import annotations

import hashlib
import json
import shlex
from pathlib import Path, PurePosixPath
from typing import Any

from packseal.core.errors import BadInputError, StorageError
from packseal.core.ledger import bodies
from packseal.core.ledger.canonical import b64
from packseal.core.storage.durable import atomic_write
from packseal.core.ledger.entry import Entry
from packseal.core.ledger.keys import PublicKey

SEAL_FORMAT = "packseal-seal/1"
SEAL_SUFFIX = ".seal.json"
HASH_CHUNK = 1 << 20


def seal_path_for(clip_path: Path | str) -> Path:
    """``clip.mp4`` → ``clip.mp4.seal.json``."""
    clip_path = Path(clip_path)
    return clip_path.with_name(clip_path.name + SEAL_SUFFIX)


def clip_path_for(seal_path: Path | str) -> Path:
    """The inverse of :func:`seal_path_for`."""
    seal_path = Path(seal_path)
    if not seal_path.name.endswith(SEAL_SUFFIX):
        raise BadInputError(f"{seal_path} is not a seal file (its name must end in {SEAL_SUFFIX})")
    return seal_path.with_name(seal_path.name[: -len(SEAL_SUFFIX)])


def hash_file(path: Path | str) -> tuple[str, int]:
    """(hex SHA-256, size in bytes) of a file, read in 1 MiB chunks.

    Raises :class:`StorageError` when the file cannot be read.
    """
    digest = hashlib.sha256()
    size = 0
    buf = bytearray(HASH_CHUNK)
    view = memoryview(buf)
    try:
        with open(path, "rb", buffering=0) as fh:
            while n := fh.readinto(buf):
                digest.update(view[:n])
                size += n
    except OSError as exc:
        raise StorageError(f"cannot read {path}: {exc.strerror or exc}") from exc
    return digest.hexdigest(), size


def check_commands(clip_name: str) -> list[str]:
    """POSIX shell commands that check ``clip_name`` against its seal, run in the clip's folder."""
    seal = shlex.quote(clip_name + SEAL_SUFFIX)
    clip = shlex.quote(clip_name)

    def field(name: str) -> str:
        # Top-level fields sit on their own line, indented by two spaces.
        return f"grep '^  \"{name}\": ' {seal} | cut -d'\"' -f4"

    return [
        f"{field('payload_b64')} | openssl base64 -d -A > payload.bin",
        f"{field('signature_b64')} | openssl base64 -d -A > sig.bin",
        f"printf '%b\\n' \"$({field('public_key_pem')})\" > pub.pem",
        "openssl pkeyutl -verify -pubin -inkey pub.pem -rawin -in payload.bin -sigfile sig.bin",
        f"sha256sum {clip}",
        "grep -o '\"sha256\":\"[0-9a-f]*\"' payload.bin",
        f"{field('public_key_raw_b64')} | openssl base64 -d -A | sha256sum | cut -c1-16",
        "grep -o '\"key\":\"[0-9a-f]*\"' payload.bin",
    ]


def sealed_file_named(entry: Entry, name: str) -> tuple[str, str, int] | None:
    """The (file, sha256, bytes) ``entry`` seals under the file name ``name`` (a clip of two
    cameras seals two files), or None."""
    body = entry.body
    if bodies.body_problem(entry.kind, body):
        return None
    return next((f for f in bodies.sealed_files(entry.kind, body) if PurePosixPath(f[0]).name == name), None)


def build_seal(clip_name: str, entry: Entry, public_key: PublicKey) -> dict[str, Any]:
    """The seal document for ``entry`` (a ``clip`` or other file-sealing entry) beside ``clip_name``."""
    payload = entry.payload()
    named = sealed_file_named(entry, clip_name)
    sha256, size = (named[1], named[2]) if named else (entry.body.get("sha256"), entry.body.get("bytes"))
    return {
        "format": SEAL_FORMAT,
        "about": ("PackSeal seal: the ledger entry below was signed with Ed25519 by the station key "
                  "named in it. The signed bytes are payload_b64 (also shown as payload_text); "
                  "they contain the clip's SHA-256. See the commands in 'check'."),
        "file": clip_name,
        "file_sha256": sha256,
        "file_bytes": size,
        "entry_hash": entry.hash,
        "entry": entry.to_dict(),
        "payload_b64": b64(payload),
        "payload_text": payload.decode("utf-8"),
        "signature_b64": entry.sig,
        "key_id": public_key.key_id,
        "key_fingerprint": public_key.fingerprint,
        "public_key_pem": public_key.pem(),
        "public_key_raw_b64": public_key.raw_b64,
        "check": check_commands(clip_name),
    }


def write_seal(clip_path: Path | str, entry: Entry, public_key: PublicKey) -> Path:
    """Write ``<clip>.seal.json`` beside ``clip_path`` for its ledger ``entry``; return its path.

    Refuses (:class:`BadInputError`) when the entry was not signed by
    ``public_key``, its signature does not verify, or the clip's size is not
    the size the entry sealed.
    """
    clip_path = Path(clip_path)
    if public_key.key_id != entry.key:
        raise BadInputError(f"entry {entry.seq} is signed by key {entry.key}, not {public_key.key_id}")
    if not public_key.verify(entry.signature, entry.payload()):
        raise BadInputError(f"entry {entry.seq} does not verify with key {public_key.key_id}")
    if "sha256" not in entry.body or "file" not in entry.body:
        raise BadInputError(f"entry {entry.seq} ({entry.kind}) does not seal a file")
    try:
        size = clip_path.stat().st_size
    except OSError as exc:
        raise StorageError(f"cannot read {clip_path}: {exc.strerror or exc}") from exc
    named = sealed_file_named(entry, clip_path.name)
    sealed_size = named[2] if named else entry.body.get("bytes")
    if size != sealed_size:
        raise BadInputError(f"{clip_path} has {size} bytes but entry {entry.seq} sealed {sealed_size}")
    target = seal_path_for(clip_path)
    atomic_write(target, seal_bytes(clip_path.name, entry, public_key))
    return target


def seal_bytes(clip_name: str, entry: Entry, public_key: PublicKey) -> bytes:
    """The bytes of the seal file of ``entry`` beside ``clip_name``, as a station writes them.

    The hub rebuilds a synced clip's seal with this from the entry and the
    station's key it holds: every member equal to the station's own seal
    file's; the ``entry`` object's members come in the order of the entry
    given (a parsed canonical line: sorted), which may differ from the
    station's file in that order only.
    """
    # One field per line (indent) so the shell commands can cut values out.
    return json.dumps(build_seal(clip_name, entry, public_key), indent=2, ensure_ascii=False).encode("utf-8") + b"\n"


MAX_SEAL_BYTES = 1 << 20


def read_seal(seal_path: Path | str) -> dict[str, Any]:
    """Load a seal file. Raises :class:`StorageError` (unreadable) or :class:`BadInputError` (not JSON)."""
    try:
        with open(seal_path, "rb") as fh:
            data = fh.read(MAX_SEAL_BYTES + 1)
    except OSError as exc:
        raise StorageError(f"cannot read seal {seal_path}: {exc.strerror or exc}") from exc
    if len(data) > MAX_SEAL_BYTES:
        raise BadInputError(f"{seal_path} is too large to be a seal")
    try:
        document = json.loads(data)
    except RecursionError:
        raise BadInputError(f"{seal_path} is not a seal (JSON nested too deeply)") from None
    except ValueError as exc:
        raise BadInputError(f"{seal_path} is not JSON: {exc}") from exc
    if not isinstance(document, dict):
        raise BadInputError(f"{seal_path} is not a seal (not a JSON object)")
    return document
