"""Tampering with evidence packs the way an attacker would, and running the pack's own verifier."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Callable

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from packseal.core.ledger import canonical


def members(pack: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(pack) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def write_zip(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return path


def rewrite(src: Path, dst: Path, *, replace: dict[str, bytes] | None = None,
            add: dict[str, bytes] | None = None, remove: set[str] | None = None) -> Path:
    """A copy of the pack with members replaced, added or removed (the manifest left as it was)."""
    files = members(src)
    for name in remove or ():
        del files[name]
    files.update(replace or {})
    files.update(add or {})
    return write_zip(dst, files)


def resigned(src: Path, dst: Path, change: Callable[[dict[str, bytes]], None],
             sign: Callable[[bytes], bytes], public_pem: bytes | None = None) -> Path:
    """Apply ``change`` to the members, then make manifest and SHA256SUMS consistent and sign again.

    With the station's own signing function this stands for a forger who holds
    the key; with a fresh key (``public_pem`` replacing station-key.pem) for
    one who does not.
    """
    files = members(src)
    change(files)
    if public_pem is not None:
        files["station-key.pem"] = public_pem
    manifest = json.loads(files["MANIFEST.json"])
    listed = {f["path"] for f in manifest["files"]}

    def entry(path: str) -> dict:
        return {"path": path, "sha256": hashlib.sha256(files[path]).hexdigest(), "bytes": len(files[path])}

    sums = "".join(f"{hashlib.sha256(files[p]).hexdigest()}  {p}\n" for p in sorted(listed - {"SHA256SUMS"}))
    files["SHA256SUMS"] = sums.encode()
    manifest["files"] = [entry(p) for p in sorted(listed)]
    if public_pem is not None:
        from packseal.core.ledger import PublicKey

        manifest["key_id"] = PublicKey.from_pem(public_pem).key_id
    raw = canonical(manifest)
    files["MANIFEST.json"] = raw
    files["MANIFEST.sig"] = sign(raw)
    return write_zip(dst, files)


def stranger_key() -> tuple[Callable[[bytes], bytes], bytes]:
    """A signing function and public PEM of a key that is not the station's."""
    key = Ed25519PrivateKey.generate()
    pem = key.public_key().public_bytes(serialization.Encoding.PEM,
                                        serialization.PublicFormat.SubjectPublicKeyInfo)
    return key.sign, pem


def run_script(script: Path, *args: Path | str) -> subprocess.CompletedProcess:
    """Run a standalone verifier script with this Python (which has ``cryptography``)."""
    return subprocess.run([sys.executable, str(script), *map(str, args)], capture_output=True, text=True,
                          timeout=120)
