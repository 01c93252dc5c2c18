"""The catalog's database: opening, the one connection and its lock, errors, the catalog's notes.

:class:`CatalogDatabase` is the base of :class:`~packseal.core.catalog.catalog.Catalog`;
what it reads is in :mod:`.reads`, what it writes in :mod:`.writes`. Every
sqlite3 error leaves as a :class:`StorageError` saying what could not be done.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self

from sqlite_utils import Database

from packseal.core.catalog.records import CameraFile, ClipRecord
from packseal.core.catalog.schema import migrate
from packseal.core.errors import BadInputError, StorageError, StorageFullError

log = logging.getLogger(__name__)

#: How long a write waits for another connection's write to finish.
BUSY_TIMEOUT_S = 10.0

# SQLite result codes meaning the file itself is broken (SQLITE_CORRUPT, SQLITE_NOTADB).
_DAMAGED_CODES = {11, 26}
_SQLITE_FULL = 13


class CatalogDamagedError(StorageError):
    """The catalog file is damaged or not a database; it can be rebuilt from the ledger."""


class CatalogDatabase:
    """One SQLite connection to the catalog file, shared by threads under one lock."""

    def __init__(self, db: Database, path: Path) -> None:
        """Use :meth:`open`; this wraps an already opened and migrated database."""
        self._db: Database | None = db
        self._path = path
        # One connection, so every use is serialised; reentrant so that a
        # method may call another public method while holding it.
        self._lock = threading.RLock()
        self.damage_seen = False
        #: Called (once) when a use of the catalog finds it damaged; see ``upkeep.catalog_trust``.
        self.on_damage: Callable[[], None] | None = None

    @classmethod
    def open(cls, path: Path | str) -> Self:
        """Open (creating or migrating as needed) the catalog file at ``path``.

        Raises :class:`StorageError` when the file is damaged or not a
        database, was written by a newer PackSeal, or cannot be opened.
        """
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, check_same_thread=False, timeout=BUSY_TIMEOUT_S)
        except (OSError, sqlite3.Error) as exc:
            raise StorageError(
                f"cannot open the catalog {path}: {exc}; check that the data folder "
                "exists and is writable"
            ) from exc
        try:
            db = Database(conn, execute_plugins=False)
            # WAL lets searches run while the recorder writes; NORMAL sync is
            # safe with WAL (a power cut may lose the last commits, never
            # corrupt the file) and the ledger, not this index, is the record.
            db.enable_wal()
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("PRAGMA foreign_keys = ON")
            db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000):d}")
            migrate(db)
        except sqlite3.Error as exc:
            conn.close()
            raise storage_error(path, "open", exc) from exc
        except BaseException:
            conn.close()
            raise
        return cls(db, path)

    @property
    def path(self) -> Path:
        """The catalog file."""
        return self._path

    def close(self) -> None:
        """Close the database (safe to call twice)."""
        with self._lock:
            if self._db is None:
                return
            db, self._db = self._db, None
            try:
                db.execute("PRAGMA optimize")  # keeps the planner's statistics fresh
            except sqlite3.Error:
                pass  # closing must not fail because the file went bad meanwhile
            db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def _using(self, action: str) -> Iterator[Database]:
        """Hold the lock, hand out the database, translate sqlite3 errors."""
        with self._lock:
            if self._db is None:
                raise StorageError(f"cannot {action}: the catalog {self._path} is closed")
            try:
                yield self._db
            except sqlite3.Error as exc:
                error = storage_error(self._path, action, exc)
                if isinstance(error, CatalogDamagedError) and not self.damage_seen:
                    self.damage_seen = True
                    if self.on_damage is not None:
                        self.on_damage()
                raise error from exc

    def get_meta(self, key: str) -> str | None:
        """A fact the catalog keeps about itself (see :meth:`set_meta`), or None."""
        with self._using("read the catalog's notes") as db:
            row = db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        """Keep a small fact about the catalog itself (e.g. how far it was reconciled)."""
        if not isinstance(key, str) or not isinstance(value, str):
            raise BadInputError("catalog notes are text keys with text values")
        with self._using("write the catalog's notes") as db, db.atomic():
            db.execute("INSERT INTO meta (key, value) VALUES (?, ?) "
                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])

    def check_integrity(self) -> None:
        """Read every page of the file; raise :class:`CatalogDamagedError` if any is broken.

        ``PRAGMA quick_check``: reads the whole file once (no index-content
        cross-check), so it is meant for start-up, not for every search.
        """
        with self._using("check the catalog") as db:
            rows = db.execute("PRAGMA quick_check(5)").fetchall()
        findings = [line for r in rows for line in str(r[0]).splitlines() if line.strip()]
        if findings != ["ok"]:
            raise CatalogDamagedError(
                f"the catalog {self._path} is damaged ({'; '.join(findings)}). It is only a "
                "search index: it will be rebuilt from the ledger (no recording is lost)"
            )


def storage_error(path: Path, action: str, exc: sqlite3.Error) -> StorageError:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in _DAMAGED_CODES:
        return CatalogDamagedError(
            f"the catalog {path} is damaged ({exc}). It is only a search index: it will be "
            "rebuilt from the ledger when PackSeal starts again (no recording is lost)"
        )
    if code is not None and code & 0xFF == _SQLITE_FULL:
        return StorageFullError(
            f"could not {action}: the disk holding the catalog {path} is full ({exc}). "
            "Free space on that disk; nothing was half written"
        )
    if code is not None and code & 0xFF in (5, 6):  # SQLITE_BUSY, SQLITE_LOCKED
        return StorageError(
            f"could not {action}: the catalog {path} stayed locked by another program "
            f"for {BUSY_TIMEOUT_S:.0f} s ({exc}); close other copies of PackSeal and retry"
        )
    return StorageError(f"could not {action} in the catalog {path}: {exc}")

def select_rows(
    db: Database, sql: str, params: Sequence[object] | dict[str, object] = ()
) -> list[dict[str, Any]]:
    """Rows as dicts (lighter than Database.query, which wraps every read in a savepoint)."""
    cursor = db.execute(sql, params if isinstance(params, dict) else list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]

def scalar(db: Database, sql: str, params: Iterable[object] = ()) -> int:
    return int(db.execute(sql, list(params)).fetchone()[0])

def check_int_fields(values: dict[str, Any], names: Iterable[str], *, required: bool) -> None:
    for name in names:
        if name not in values:
            continue
        value = values[name]
        if value is None and not required:
            continue
        if not isinstance(value, int) or isinstance(value, bool):
            raise BadInputError(f"{name} must be a whole number, not {value!r}")

def clip_from_row(row: dict[str, Any]) -> ClipRecord:
    row = dict(row)
    row["pinned"] = bool(row["pinned"])
    row["disputed"] = bool(row["disputed"])
    row["overridden"] = bool(row["overridden"])
    row["camera_files"] = camera_files_of(row.get("camera_files"))
    return ClipRecord(**row)


def camera_files_text(files: Iterable[CameraFile]) -> str | None:
    """The catalog's JSON text of a clip's other cameras' files (None for a clip of one camera)."""
    files = list(files or ())
    if not all(isinstance(f, CameraFile) for f in files):
        raise BadInputError("a clip's camera_files must be CameraFile records")
    return json.dumps([dataclasses.asdict(f) for f in files], ensure_ascii=False) if files else None


def camera_files_of(text: str | None) -> tuple[CameraFile, ...]:
    """The records of :func:`camera_files_text`'s JSON (unreadable text: none)."""
    if not text:
        return ()
    try:
        return tuple(CameraFile(**item) for item in json.loads(text))
    except (ValueError, TypeError):
        log.warning("a clip row's camera_files is not readable JSON: %r", text[:200])
        return ()
