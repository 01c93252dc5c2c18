"""The pack's signed manifest and its ``sha256sum`` list.

``MANIFEST.json`` is canonical JSON (RFC 8785, one line) naming every other
file of the pack with its SHA-256 and size, plus what the pack is about.
``MANIFEST.sig`` holds the 64 raw bytes of the station key's Ed25519
signature over exactly the bytes of ``MANIFEST.json``, so
``openssl pkeyutl -verify -rawin`` checks it as it is.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from packseal.core.evidence import pack_format as F
from packseal.core.ledger import canonical, utc_stamp

ABOUT = ("PackSeal evidence pack. Every file of the pack except MANIFEST.json and MANIFEST.sig is "
         "listed in 'files' with its SHA-256 and size; MANIFEST.sig is the Ed25519 signature over the "
         "exact bytes of this file, made with the station key in station-key.pem. VERIFY.txt says how "
         "to check everything.")


ABOUT_ASSEMBLED = ("PackSeal evidence pack assembled by the shop's hub from the data its station synced. Every "
                   "file of the pack except MANIFEST.json and MANIFEST.sig is listed in 'files' with its SHA-256 "
                   "and size; MANIFEST.sig is the Ed25519 signature over the exact bytes of this file, made with "
                   "the hub key in hub-key.pem ('assembled_by'). The clip's seal and the ledger entries are "
                   "signed by the station key in station-key.pem. VERIFY.txt says how to check everything.")


@dataclass(frozen=True)
class PackFile:
    """A file of the pack: its path inside the pack, SHA-256 and size."""

    path: str
    sha256: str
    bytes: int

    @classmethod
    def of(cls, path: str, data: bytes) -> "PackFile":
        return cls(path, hashlib.sha256(data).hexdigest(), len(data))

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "sha256": self.sha256, "bytes": self.bytes}


def build_manifest(*, created: datetime, software: str, station: str, order_id: str, language: str,
                   key_id: str, clip: dict[str, Any], ledger: dict[str, Any],
                   files: list[PackFile], linked_clips: list[dict[str, Any]] | None = None,
                   composed: dict[str, Any] | None = None,
                   assembled_by: dict[str, Any] | None = None) -> dict[str, Any]:
    """The manifest document (``files`` sorted by path; ``linked_clips``, ``composed`` and
    ``assembled_by`` (a hub's pack, FORMAT.md §13.2) only when there are any)."""
    manifest = {
        "format": F.PACK_FORMAT,
        "about": ABOUT,
        "created": utc_stamp(created),
        "software": software,
        "station": station,
        "order_id": order_id,
        "language": language,
        "key_id": key_id,
        "clip": clip,
        "ledger": ledger,
        "files": [f.to_json() for f in sorted(files, key=lambda f: f.path)],
    }
    if linked_clips:
        manifest["linked_clips"] = linked_clips
    if composed:
        manifest["composed"] = composed
    if assembled_by:
        manifest["assembled_by"] = assembled_by
        manifest["about"] = ABOUT_ASSEMBLED
    return manifest


def manifest_bytes(manifest: dict[str, Any]) -> bytes:
    """The exact bytes of ``MANIFEST.json`` (canonical JSON, no trailing newline): what is signed."""
    return canonical(manifest)


def sha256sums(files: list[PackFile]) -> bytes:
    """``SHA256SUMS`` for ``sha256sum -c``: ``<hash>  <path>`` per file, sorted by path."""
    return "".join(f"{f.sha256}  {f.path}\n" for f in sorted(files, key=lambda f: f.path)).encode("utf-8")
