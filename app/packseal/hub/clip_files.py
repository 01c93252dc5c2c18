"""A clip's file as the hub holds it: streamed from the object store, or fetched into a checked local copy.

Decoding (frame times, comparisons, the frames of a pack) needs a local file.
:func:`fetch` copies the object into a file and keeps it only when its
SHA-256 and size are the sealed ones; :func:`cached_clip` keeps one such
copy per clip in ``DATA/cache/clips/`` (with the frame index comparisons
build beside it), which may be deleted at any time: it is made again.
Statements about the stored file itself (a verdict) are made by streaming
the object, never from the copy.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Iterator

from packseal.hub.context import HubContext
from packseal.hub.objectstore import object_key

CHUNK = 1 << 20
CACHE_DIR = Path("cache") / "clips"


class ClipFileChanged(Exception):
    """The object store holds a file other than the sealed one under the clip's key (or none)."""


def object_chunks(ctx: HubContext, sha256: str) -> Iterator[bytes]:
    """The stored object's bytes, in chunks of about 1 MiB."""
    body = ctx.store.client.get_object(Bucket=ctx.store.bucket, Key=object_key(sha256))["Body"]
    try:
        yield from body.iter_chunks(CHUNK)
    finally:
        body.close()


def fetch(ctx: HubContext, sha256: str, size: int, target: Path) -> Path:
    """Copy the stored clip to ``target``; raises :class:`ClipFileChanged` unless it is the sealed file."""
    if ctx.store.size(object_key(sha256)) is None:
        raise ClipFileChanged(f"the object store has no file {sha256[:16]}…")
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(f".{target.name}.{os.getpid()}.part")
    digest, got = hashlib.sha256(), 0
    try:
        with open(part, "wb") as out:
            for chunk in object_chunks(ctx, sha256):
                digest.update(chunk)
                got += len(chunk)
                out.write(chunk)
        if digest.hexdigest() != sha256 or got != size:
            raise ClipFileChanged(f"the object store's file under {sha256[:16]}… has SHA-256 "
                                  f"{digest.hexdigest()[:16]}… and {got:,} bytes, not the sealed {sha256[:16]}… "
                                  f"and {size:,} bytes: it was altered in the store")
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)
    return target


def cached_clip(ctx: HubContext, sha256: str, size: int) -> Path:
    """A checked local copy of the clip in ``DATA/cache/clips/``, fetched the first time."""
    path = ctx.data_dir / CACHE_DIR / f"{sha256}.mp4"
    if path.is_file() and path.stat().st_size == size:
        return path
    return fetch(ctx, sha256, size, path)
