"""The ledger's files on disk: naming, listing, reading lines and entries, finding the tail.

``<data dir>/ledger/`` holds ``ledger-000001.jsonl``, ``ledger-000002.jsonl``
... (one canonical entry per line, ``\\n``-terminated, seq continuing across
files), ``checkpoint.json`` (the latest checkpoint entry), ``.lock`` (the
inter-process lock) and ``torn/`` (fragments of lines cut short by a crash,
moved aside when the ledger was next opened).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from packseal.core.errors import BadInputError, LedgerError, StorageError
from packseal.core.ledger.entry import Entry
from packseal.core.storage.durable import fsync_dir

FILE_RE = re.compile(r"ledger-(\d{6})\.jsonl")
CHECKPOINT_FILE = "checkpoint.json"
LOCK_FILE = ".lock"
TORN_DIR = "torn"
TIMESTAMP_QUEUE_FILE = "timestamp-queue.json"

_CHUNK = 1 << 16


def file_name(number: int) -> str:
    """Name of ledger file ``number`` (counting from 1)."""
    return f"ledger-{number:06d}.jsonl"


def ledger_files(directory: Path) -> list[tuple[int, Path]]:
    """The ledger files in ``directory`` as (number, path), by number.

    Raises :class:`StorageError` when the directory cannot be read.
    """
    try:
        names = os.listdir(directory)
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise StorageError(f"cannot read the ledger folder {directory}: {exc.strerror or exc}") from exc
    found = []
    for name in names:
        m = FILE_RE.fullmatch(name)
        if m:
            found.append((int(m.group(1)), Path(directory) / name))
    return sorted(found)


def read_lines(path: Path) -> Iterator[tuple[int, bytes, bool]]:
    """Yield (line number from 1, line without ``\\n``, complete?) for every line of ``path``.

    The last item is incomplete when the file does not end with a newline.
    Raises :class:`StorageError` when the file cannot be read.
    """
    try:
        with open(path, "rb", buffering=1 << 20) as fh:
            for number, raw in enumerate(fh, 1):
                if raw.endswith(b"\n"):
                    yield number, raw[:-1], True
                else:
                    yield number, raw, False
    except OSError as exc:
        raise StorageError(f"cannot read ledger file {path}: {exc.strerror or exc}") from exc


def first_line(path: Path) -> bytes | None:
    """The first complete line of ``path`` (None for an empty file)."""
    try:
        with open(path, "rb") as fh:
            raw = fh.readline()
    except OSError as exc:
        raise StorageError(f"cannot read ledger file {path}: {exc.strerror or exc}") from exc
    return raw[:-1] if raw.endswith(b"\n") else None


def read_entries(directory: Path, start: int = 0) -> Iterator[Entry]:
    """Every complete entry in ``directory`` from seq ``start`` on, in file order (shape-checked only).

    A last line not yet complete (being written, or torn) ends the reading.
    Raises :class:`LedgerError` on a line that is not an entry.
    """
    files = ledger_files(directory)
    if start > 0:
        files = files[_file_index_for(files, start):]
    for _number, path in files:
        for lineno, line, complete in read_lines(path):
            if not complete:
                break  # being written by another process, or torn: not an entry yet
            try:
                entry = Entry.from_line(line)
            except BadInputError as exc:
                raise LedgerError(f"{path.name} line {lineno}: {exc}") from exc
            if entry.seq >= start:
                yield entry


def _file_index_for(files: list[tuple[int, Path]], seq: int) -> int:
    """Index of the last file whose first entry is at or before ``seq`` (a binary search)."""
    lo, hi = 0, len(files) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        line = first_line(files[mid][1])
        try:
            first = Entry.from_line(line).seq if line else None
        except BadInputError as exc:
            raise LedgerError(f"{files[mid][1].name} line 1: {exc}") from exc
        if first is not None and first <= seq:
            lo = mid
        else:
            hi = mid - 1
    return lo


def last_line(path: Path, end: int) -> bytes | None:
    """The last complete line in ``path[:end]`` (``end`` just after its newline), read backwards."""
    if end <= 0:
        return None
    try:
        with open(path, "rb") as fh:
            buf = b""
            pos = end
            while pos > 0:
                step = min(_CHUNK, pos)
                pos -= step
                fh.seek(pos)
                buf = fh.read(step) + buf
                # buf[-1] is the newline ending the last line; look for the one before it.
                cut = buf.rfind(b"\n", 0, len(buf) - 1)
                if cut >= 0:
                    return buf[cut + 1:-1]
            return buf[:-1]
    except OSError as exc:
        raise StorageError(f"cannot read ledger file {path}: {exc.strerror or exc}") from exc


@dataclass
class Tail:
    """Where the ledger ends on disk."""

    number: int          # number of the last ledger file
    path: Path           # the last ledger file
    good_end: int        # offset just after its last newline (where the next line goes)
    torn: bytes          # bytes after that newline: a line cut short, normally empty
    last: bytes | None   # last complete line of the ledger (maybe in an earlier file)
    first: bytes | None  # first complete line of the last file


def read_tail(directory: Path) -> Tail | None:
    """Find the end of the ledger in ``directory``; None when there is no ledger file."""
    files = ledger_files(directory)
    if not files:
        return None
    number, path = files[-1]
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            # Only the part after the last newline can be torn; read backwards to find it.
            pos, torn = size, b""
            while pos > 0:
                step = min(_CHUNK, pos)
                fh.seek(pos - step)
                chunk = fh.read(step)
                cut = chunk.rfind(b"\n")
                if cut >= 0:
                    torn = chunk[cut + 1:] + torn
                    pos = pos - step + cut + 1
                    break
                torn = chunk + torn
                pos -= step
    except OSError as exc:
        raise StorageError(f"cannot read ledger file {path}: {exc.strerror or exc}") from exc
    last = last_line(path, pos)
    first = first_line(path) if pos > 0 else None
    if last is None and len(files) > 1:
        prev_path = files[-2][1]
        try:
            last = last_line(prev_path, prev_path.stat().st_size)
        except OSError as exc:
            raise StorageError(f"cannot read ledger file {prev_path}: {exc.strerror or exc}") from exc
    return Tail(number=number, path=path, good_end=pos, torn=torn, last=last, first=first)


def move_torn_aside(tail: Tail) -> Path:
    """Save the torn bytes under ``torn/`` and cut the ledger file back to its last full line."""
    torn_dir = tail.path.parent / TORN_DIR
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    target = torn_dir / f"{tail.path.name}.{tail.good_end}.{stamp}.torn"
    try:
        torn_dir.mkdir(exist_ok=True)
        with open(target, "xb") as fh:
            fh.write(tail.torn)
            fh.flush()
            os.fsync(fh.fileno())
        fsync_dir(torn_dir)
        with open(tail.path, "r+b") as fh:
            fh.truncate(tail.good_end)
            os.fsync(fh.fileno())
    except OSError as exc:
        raise StorageError(f"could not repair the torn end of {tail.path}: {exc.strerror or exc}") from exc
    return target


def torn_fragments(directory: Path) -> list[Path]:
    """Fragments moved aside by earlier repairs."""
    torn_dir = Path(directory) / TORN_DIR
    if not torn_dir.is_dir():
        return []
    return sorted(torn_dir.glob("*.torn"))
