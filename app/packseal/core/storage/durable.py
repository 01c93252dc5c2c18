"""Writes that survive a power cut: atomic replacement, fsync'd folders, private files.

They sit below the ledger: its entries, keys, seals and timestamp queue, the
recorder's channel key and the provenance signing key are written through them.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from packseal.core.errors import StorageError, StorageFullError


def fsync_dir(directory: Path) -> None:
    """Make a rename or a new file in ``directory`` durable (a no-op where unsupported)."""
    if os.name != "posix":
        return  # Windows cannot open a directory for fsync; NTFS journals the rename.
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Replace ``path`` with ``data`` so a reader sees the old or the new file, never half.

    Raises :class:`StorageError` when the file cannot be written.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
        try:
            # A nearly full disk may take part of a write without an error; the
            # next write then reports why (ENOSPC), so nothing short is renamed into place.
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except OSError as exc:
        try:
            tmp.unlink()
        except OSError:
            pass
        if exc.errno == errno.ENOSPC:
            raise StorageFullError(f"the disk is full: {path} could not be written (the old file, if "
                                   "any, is unchanged). Free space on that disk and retry.") from exc
        raise StorageError(f"could not write {path}: {exc.strerror or exc}. "
                           "Check that the data folder is writable and the disk is not full.") from exc


def create_private_file(path: Path, data: bytes) -> None:
    """Create ``path`` readable by its owner only (mode 0600) and write ``data`` durably.

    The mode is given at creation, so the secret is never readable by others,
    not even for a moment. Fails if the file exists (a key is never overwritten).
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(path, 0o600)  # in case a umask or ACL default widened it
        fsync_dir(path.parent)
    except OSError as exc:
        raise StorageError(f"could not create the private file {path}: {exc.strerror or exc}") from exc
