"""The small pieces of writing an evidence pack: pictures as PNG and report JPEG, zip entries, a sealed clip
streamed in, the copy out."""

from __future__ import annotations

import hashlib
import importlib.resources
import os
import re
import shutil
import zipfile
from pathlib import Path
from typing import Callable

import cv2
import numpy as np

from packseal.core.errors import BadInputError, StorageError
from packseal.core.errors import EvidenceError
from packseal.core.evidence.source_clip import SourceClip
from packseal.core.ledger import hash_file

#: Members stored without compression (already compressed, or tiny binary).
STORED_SUFFIXES = (".mp4", ".png", ".jpg", ".jpeg", ".heic", ".heif", ".webp", ".tsr", ".bin")
_CHUNK = 1 << 20


def copy_to(sealed: Path, out: Path, digest: str) -> None:
    """Copy the sealed pack to ``out`` (atomically), unless ``out`` is that very file."""
    if out == sealed.resolve():
        return
    tmp = out.with_name(f".{out.name}.part")
    try:
        shutil.copyfile(sealed, tmp)
        if hash_file(tmp)[0] != digest:
            raise StorageError(f"the copy of the pack at {tmp} differs from the original; check the disk")
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StorageError(f"cannot write {out}: {exc.strerror or exc}") from exc


def png_bytes(image: np.ndarray) -> bytes:
    ok, buf = cv2.imencode(".png", image)
    if not ok:
        raise EvidenceError("a picture could not be encoded as PNG")
    return buf.tobytes()


def report_jpeg(image: np.ndarray, long_side: int) -> bytes:
    """A JPEG for the report (the pack keeps the lossless PNG)."""
    h, w = image.shape[:2]
    s = min(1.0, long_side / max(h, w))
    if s < 1.0:
        image = cv2.resize(image, (max(1, round(w * s)), max(1, round(h * s))), interpolation=cv2.INTER_AREA)
    ok, buf = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 85])
    if not ok:
        raise EvidenceError("a picture could not be encoded for the report")
    return buf.tobytes()


def photo_suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    return suffix if re.fullmatch(r"\.[a-z0-9]{1,5}", suffix) else ".img"


def standalone_verifier() -> bytes:
    try:
        return importlib.resources.files("packseal.core.evidence").joinpath(
            "standalone_verifier.py").read_bytes()
    except OSError as exc:
        raise EvidenceError("the standalone verifier is missing from this PackSeal installation "
                            f"({exc}); reinstall PackSeal") from exc


def duration_words(seconds: float) -> str:
    seconds = max(0, round(seconds))
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{seconds // 60} min"
    return f"{seconds / 3600:.1f} h" if seconds < 172_800 else f"{seconds / 86400:.1f} days"


def zip_entry(name: str, stamp: tuple) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_STORED if name.lower().endswith(STORED_SUFFIXES) else zipfile.ZIP_DEFLATED
    info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
    return info


def check_out_path(out: Path) -> Path:
    """``out`` as the path of a new pack: a ``.zip`` name whose folder exists (made when missing)."""
    if out.suffix.lower() != ".zip":
        raise BadInputError(f"the pack's name must end in .zip: {out}")
    if out.is_dir():
        raise BadInputError(f"{out} is a folder; give the pack's file name")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"cannot create the folder {out.parent}: {exc.strerror or exc}") from exc
    return out.resolve()


def stream_sealed_clip(zf: zipfile.ZipFile, info: zipfile.ZipInfo, src: SourceClip,
                       part: Callable[[float], None]) -> None:
    """Copy ``src`` into the zip, hashing it on the way: it must still be what was sealed."""
    digest = hashlib.sha256()
    done = 0
    with open(src.path, "rb") as fh, zf.open(info, "w", force_zip64=src.bytes > 0x7FFFFFFF) as dst:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
            dst.write(chunk)
            done += len(chunk)
            part(done / max(1, src.bytes))
    if digest.hexdigest() != src.sha256 or done != src.bytes:
        raise EvidenceError(f"{src.path.name} changed while it was being packed; it is no longer "
                            "the sealed file. Run `packseal verify`.")
