"""Reading an evidence pack someone sent, zipped or unzipped, without trusting it.

Nothing is ever extracted: a member is hashed while it streams out of the
zip, and only small metadata files are read into memory. Before anything is
read, every member name, type and size is checked; a pack with path
traversal, absolute paths, drive letters or backslashes, symlinks, duplicate
names, encrypted or overlapping members, too many members, or sizes and
compression ratios of a zip bomb is refused with :class:`UnsafePackError`.
While streaming, a member may not yield more than it declared.
"""

from __future__ import annotations

import hashlib
import os
import stat
import zipfile
import zlib
from abc import ABC, abstractmethod
from pathlib import Path

from packseal.core.errors import StorageError
from packseal.core.evidence import pack_format as F
from packseal.core.errors import PackReadError, UnsafePackError

_CHUNK = 1 << 20
_LOCAL_HEADER = 30  # fixed part of a zip local file header


class PackSource(ABC):
    """The files of a pack: ``files`` maps each relative path to its size in bytes."""

    label: str
    files: dict[str, int]

    @abstractmethod
    def _chunks(self, name: str):
        """Yield the bytes of member ``name`` in chunks."""

    def read(self, name: str, limit: int = F.MAX_SMALL_FILE) -> bytes:
        """The whole of a (small) member. Raises :class:`PackReadError` beyond ``limit`` bytes."""
        if self.files[name] > limit:
            raise PackReadError(f"{name} in {self.label} is {self.files[name]:,} bytes; a file of "
                                f"this kind is never above {limit:,}")
        parts, size = [], 0
        for chunk in self._chunks(name):
            size += len(chunk)
            if size > limit:
                raise PackReadError(f"{name} in {self.label} is larger than {limit:,} bytes")
            parts.append(chunk)
        return b"".join(parts)

    def digest(self, name: str) -> tuple[str, int]:
        """(hex SHA-256, size) of member ``name``."""
        h = hashlib.sha256()
        size = 0
        for chunk in self._chunks(name):
            h.update(chunk)
            size += len(chunk)
        return h.hexdigest(), size

    def close(self) -> None:
        """Release the open file, if any."""

    def __enter__(self) -> "PackSource":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class ZipPack(PackSource):
    """A pack as a zip file, checked member by member before use."""

    def __init__(self, path: Path) -> None:
        self.label = path.name
        self.path = path
        try:
            self._zip = zipfile.ZipFile(path)
        except zipfile.BadZipFile as exc:
            raise PackReadError(f"{path} is not a zip file, or it is damaged ({exc})") from exc
        except OSError as exc:
            raise StorageError(f"cannot read {path}: {exc.strerror or exc}") from exc
        try:
            self._infos = self._check_members()
        except BaseException:
            self._zip.close()
            raise
        self.files = {name: info.file_size for name, info in self._infos.items()}
        self._total_read = 0

    def _check_members(self) -> dict[str, zipfile.ZipInfo]:
        infos = self._zip.infolist()
        if len(infos) > F.MAX_MEMBERS:
            raise UnsafePackError(f"{self.label} holds {len(infos):,} entries; a pack never has more "
                                  f"than {F.MAX_MEMBERS:,} (refused as a possible zip bomb)")
        files: dict[str, zipfile.ZipInfo] = {}
        folded: dict[str, str] = {}
        total = 0
        for info in infos:
            name = info.filename
            problem = F.member_name_problem(name)
            if problem:
                raise UnsafePackError(f"{self.label} was refused: entry {name!r} has {problem}")
            kind = stat.S_IFMT(info.external_attr >> 16)
            if kind == stat.S_IFLNK:
                raise UnsafePackError(f"{self.label} was refused: entry {name!r} is a symbolic link")
            if info.flag_bits & 0x1:
                raise UnsafePackError(f"{self.label} was refused: entry {name!r} is encrypted")
            key = name.casefold()
            if key in folded:
                raise UnsafePackError(f"{self.label} was refused: the name {name!r} occurs twice "
                                      f"(also as {folded[key]!r}); one would overwrite the other")
            folded[key] = name
            if name.endswith("/") or info.is_dir():
                continue
            if kind not in (0, stat.S_IFREG):
                raise UnsafePackError(f"{self.label} was refused: entry {name!r} is not a regular file")
            if info.file_size > F.MAX_MEMBER_BYTES:
                raise UnsafePackError(f"{self.label} was refused: {name!r} declares {info.file_size:,} "
                                      f"bytes (limit {F.MAX_MEMBER_BYTES:,})")
            if (info.file_size > F.RATIO_FLOOR
                    and info.file_size > F.MAX_RATIO * max(1, info.compress_size)):
                raise UnsafePackError(f"{self.label} was refused: {name!r} would inflate "
                                      f"{info.compress_size:,} bytes to {info.file_size:,} "
                                      "(a zip bomb's compression ratio)")
            total += info.file_size
            files[name] = info
        if total > F.MAX_TOTAL_BYTES:
            raise UnsafePackError(f"{self.label} was refused: its files add up to {total:,} bytes "
                                  f"(limit {F.MAX_TOTAL_BYTES:,})")
        self._check_no_overlap(infos)
        return files

    def _check_no_overlap(self, infos: list[zipfile.ZipInfo]) -> None:
        # Members that share compressed data make a small zip inflate many times over.
        spans = sorted((i.header_offset, i.header_offset + _LOCAL_HEADER + len(i.filename.encode())
                        + i.compress_size, i.filename) for i in infos)
        for (_start, end, name), (next_start, _e, next_name) in zip(spans, spans[1:]):
            if end > next_start:
                raise UnsafePackError(f"{self.label} was refused: entries {name!r} and {next_name!r} "
                                      "overlap in the file (a zip bomb's trick)")

    def _chunks(self, name: str):
        info = self._infos[name]
        got = 0
        try:
            with self._zip.open(info) as member:
                while chunk := member.read(_CHUNK):
                    got += len(chunk)
                    self._total_read += len(chunk)
                    if got > info.file_size or self._total_read > F.MAX_TOTAL_BYTES:
                        raise UnsafePackError(f"{name} in {self.label} inflates beyond its declared "
                                              f"{info.file_size:,} bytes")
                    yield chunk
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise PackReadError(f"{name} in {self.label} is damaged: {exc}") from exc
        except OSError as exc:
            raise StorageError(f"cannot read {self.path}: {exc.strerror or exc}") from exc
        if got != info.file_size:
            raise PackReadError(f"{name} in {self.label} has {got:,} bytes, not the declared "
                                f"{info.file_size:,}")

    def close(self) -> None:
        self._zip.close()


class FolderPack(PackSource):
    """An unzipped pack. Symlinks and special files are refused, never followed."""

    def __init__(self, root: Path) -> None:
        self.label = root.name or str(root)
        self.root = root
        files: dict[str, int] = {}
        for folder, dirs, names in os.walk(root, followlinks=False):
            for entry in sorted(dirs + names):
                full = Path(folder) / entry
                try:
                    st = full.lstat()
                except OSError as exc:
                    raise StorageError(f"cannot read {full}: {exc.strerror or exc}") from exc
                rel = full.relative_to(root).as_posix()
                if stat.S_ISLNK(st.st_mode):
                    raise UnsafePackError(f"{self.label} was refused: {rel} is a symbolic link")
                if stat.S_ISDIR(st.st_mode):
                    continue
                if not stat.S_ISREG(st.st_mode):
                    raise UnsafePackError(f"{self.label} was refused: {rel} is not a regular file")
                problem = F.member_name_problem(rel)
                if problem:
                    raise UnsafePackError(f"{self.label} was refused: {rel!r} has {problem}")
                files[rel] = st.st_size
                if len(files) > F.MAX_MEMBERS:
                    raise UnsafePackError(f"{self.label} holds more than {F.MAX_MEMBERS:,} files; "
                                          "it is not an evidence pack")
        self.files = files

    def _chunks(self, name: str):
        path = self.root / name
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        try:
            fd = os.open(path, flags)
        except OSError as exc:
            raise StorageError(f"cannot read {path}: {exc.strerror or exc}") from exc
        with os.fdopen(fd, "rb") as fh:
            while chunk := fh.read(_CHUNK):
                yield chunk


def open_pack(path: Path | str) -> PackSource:
    """Open a pack (a ``.zip`` or an unzipped folder) for checked reading.

    Raises :class:`UnsafePackError` for a hostile pack, :class:`PackReadError`
    for a file that is not a readable zip, :class:`StorageError` when the path
    cannot be read at all.
    """
    path = Path(path)
    if path.is_dir():
        return FolderPack(path)
    if not path.exists():
        raise StorageError(f"{path} does not exist")
    return ZipPack(path)
