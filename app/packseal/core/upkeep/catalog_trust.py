"""When the catalog is read whole: at start-up only when it may have been damaged, else daily in the background.

Reading every page of the catalog (``PRAGMA quick_check``) costs about half a
second per million tape segment rows, and a station adds millions a year; at
every start it would keep the packer waiting longer each month. SQLite in WAL
mode survives a killed process by design, so damage has three causes:

* the machine stopped (power cut, crash) while the file was open, and the disk
  did not keep what SQLite was told it kept;
* the disk itself (bad sectors);
* another program writing into the file.

So at start-up the file is read whole before use only when the first cause is
possible: when it is not known to be the file that was last read whole, or
opened, in this run of the machine, or left by a clean close (the last
connection closed, its journal written back and removed, the file unchanged
since). The other two causes are found by a full read in the background at
least once a day (:func:`read_whole_if_due`, run by the recorder), or by any
use of a damaged page; either makes the next start rebuild the file from the
ledger (:mod:`.rebuild`).

What is known is kept in ``state/catalog-checked.json``.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable
from urllib.parse import quote

from packseal.core.catalog.catalog import Catalog
from packseal.core.events import EventHub
from packseal.core.storage.layout import DataLayout

log = logging.getLogger(__name__)

MARK = "catalog-checked.json"  # in state/
#: How often the catalog is read whole in the background.
READ_WHOLE_EVERY_S = 24 * 3600.0
_BOOT_ID = Path("/proc/sys/kernel/random/boot_id")


@dataclass(frozen=True)
class CatalogDamageFound:
    """The background full read found damage; the next start rebuilds the catalog from the ledger."""

    message: str


def boot_id() -> str | None:
    """Which run of the machine this is: the same until it restarts (None when it cannot be told).

    Linux names each boot. Elsewhere the moment of the boot stands for it (wall clock
    minus the monotonic clock, to the minute): a clock set meanwhile, or a sleep not
    counted by the monotonic clock, makes it look like a restart, which costs only a
    full read.
    """
    try:
        return _BOOT_ID.read_text(encoding="ascii").strip() or None
    except OSError:
        pass
    return f"booted-{round((time.time() - time.monotonic()) / 60)}"


def must_read_whole(layout: DataLayout, path: Path) -> bool:
    """Whether the catalog file must be read whole before use (it exists)."""
    mark = _read(layout)
    if mark is None:
        return True
    now = _file_state(path)
    here = boot_id()
    if here is not None and mark["boot"] == here and mark["file"][0] == now[0]:
        return False  # the same file, trusted earlier in this run of the machine
    return not (mark["closed"] and mark["file"] == now and _journal_bytes(path) == 0)


def note_opened(layout: DataLayout, path: Path, *, read_whole: bool) -> None:
    """The file at ``path`` is trusted now: it was read whole just now, or did not need to be."""
    previous = _read(layout)
    _write(layout, {"file": _file_state(path), "boot": boot_id(), "closed": False,
                    "read_whole_at": time.time() if read_whole
                    else previous["read_whole_at"] if previous is not None else 0.0})


def close_catalog(layout: DataLayout, catalog: Catalog) -> None:
    """Close the catalog; when this was its last connection and it closed cleanly, note so.

    The last connection writes the journal back into the file, syncs it, and
    removes the journal: the file is then whole on disk, and the next start,
    after a restart of the machine too, may trust it as long as it is unchanged.
    """
    catalog.close()
    if catalog.damage_seen:
        return  # noted when it was seen: the next start rebuilds the file
    path = catalog.path
    mark = _read(layout)
    if mark is None or not path.exists() or Path(f"{path}-wal").exists():
        return  # another connection is still open (it notes the close), or nothing is trusted
    _write(layout, {**mark, "file": _file_state(path), "boot": boot_id(), "closed": True})


def note_damaged(layout: DataLayout) -> None:
    """The catalog was found damaged in use or by a full read: the next start rebuilds it from the ledger.

    The rebuild does not wait for a full read to find the damage again: a page
    that failed a search may be one ``quick_check`` does not look into.
    """
    _write(layout, {"damaged": True})


def found_damaged(layout: DataLayout) -> bool:
    """Whether a run before found the catalog damaged (see :func:`note_damaged`)."""
    try:
        return json.loads((layout.state / MARK).read_text(encoding="utf-8")).get("damaged") is True
    except (OSError, ValueError, AttributeError):
        return False


def read_whole_if_due(layout: DataLayout, catalog: Catalog, hub: EventHub | None = None, *,
                      every_s: float = READ_WHOLE_EVERY_S,
                      stopping: Callable[[], bool] = lambda: False) -> bool | None:
    """Read the catalog whole on a connection of its own, when the last full read is ``every_s`` old.

    Returns None when not due (or given up because ``stopping()`` came true),
    True when every page reads, False when damage was found: then it is logged,
    :class:`CatalogDamageFound` is published on ``hub`` and the next start
    rebuilds the catalog. Searches and writes go on meanwhile (WAL: the read
    sees one moment of the file).
    """
    mark = _read(layout)
    if mark is not None and 0 <= time.time() - mark["read_whole_at"] < every_s:
        return None
    started = time.time()
    try:
        problem = _quick_check(catalog.path, stopping)
    except _GivenUp:
        log.info("the catalog's full read was given up: PackSeal is stopping")
        return None
    if problem is None:
        mark = _read(layout)
        if mark is not None:
            _write(layout, {**mark, "read_whole_at": started})
        log.info("the catalog was read whole in %.1f s: every page reads", time.time() - started)
        return True
    note_damaged(layout)
    message = (f"the catalog {catalog.path} is damaged ({problem}). It is only a search index: it will be "
               "rebuilt from the ledger when PackSeal starts again (no recording is lost)")
    log.error("%s", message)
    if hub is not None:
        hub.publish(CatalogDamageFound(message))
    return False


class _GivenUp(Exception):
    pass


def _quick_check(path: Path, stopping: Callable[[], bool]) -> str | None:
    """What ``PRAGMA quick_check`` finds wrong with the file (None: nothing); :class:`_GivenUp` on ``stopping()``."""
    try:
        conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=10.0)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        conn.set_progress_handler(stopping, 10_000)  # a true answer interrupts the read
        rows = conn.execute("PRAGMA quick_check(5)").fetchall()
    except sqlite3.Error as exc:
        if stopping():
            raise _GivenUp from exc
        return str(exc)
    finally:
        conn.close()
    findings = [line for r in rows for line in str(r[0]).splitlines() if line.strip()]
    return None if findings == ["ok"] else "; ".join(findings)


def _file_state(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def _journal_bytes(path: Path) -> int:
    try:
        return Path(f"{path}-wal").stat().st_size
    except FileNotFoundError:
        return 0


def _read(layout: DataLayout) -> dict[str, Any] | None:
    try:
        mark = json.loads((layout.state / MARK).read_text(encoding="utf-8"))
        state = mark["file"]
        if not (isinstance(state, list) and len(state) == 3 and all(type(n) is int for n in state)):
            return None
        if not isinstance(mark["closed"], bool) or not isinstance(mark["read_whole_at"], (int, float)):
            return None
        if mark["boot"] is not None and not isinstance(mark["boot"], str):
            return None
        return mark
    except (OSError, ValueError, KeyError, TypeError):
        return None  # none yet, from an older PackSeal, or unreadable: nothing is trusted


def _write(layout: DataLayout, mark: dict[str, Any]) -> None:
    target = layout.state / MARK
    temporary = target.with_name(f"{target.name}.{os.getpid()}.new")
    try:
        temporary.write_text(json.dumps(mark), encoding="utf-8")
        os.replace(temporary, target)
    except OSError as exc:  # nothing noted: the next start just reads the file whole
        log.warning("could not note the catalog's check: %s", exc)
