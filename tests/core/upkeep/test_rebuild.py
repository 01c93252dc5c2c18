"""Rebuilding the catalog from the ledger when the database is missing or damaged."""

from __future__ import annotations

import random
import shutil
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from packseal.core.catalog import SCHEMA_VERSION, Catalog, ClipRecord
from packseal.core.errors import StorageError
from packseal.core.storage.layout import DataLayout
from packseal.core.upkeep.rebuild import open_or_rebuild_catalog, rebuild_catalog
from packseal.core.upkeep.reconcile import WATERMARK, reconcile
from packseal.core.upkeep.retention import RetentionPolicy, apply_retention

from .conftest import T0, Disk, Store, open_ledger

NOW = T0 + timedelta(days=10)
# Columns only the catalog holds (the owner's marks and its own ids); everything else,
# created_ms too, comes from the ledger entry, whether the archive or a rebuild wrote the row.
CATALOG_ONLY = {"id", "pinned", "disputed", "note"}


def rows(path: Path) -> dict[str, list[tuple]]:
    """Every clip and segment row of a catalog file, without the catalog-only columns."""
    conn = sqlite3.connect(path)
    try:
        found = {}
        for table in ("clips", "segments"):
            names = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] not in CATALOG_ONLY]
            found[table] = conn.execute(
                f"SELECT {', '.join(names)} FROM {table} ORDER BY ledger_seq").fetchall()
        return found
    finally:
        conn.close()


@pytest.fixture
def recorded(store: Store) -> Store:
    """Tape, clips (one pinned with a note, one disputed), and a retention run that deleted some."""
    for n in range(8):
        store.segment(n, T0 + timedelta(seconds=2 * n))
    for n in range(3):
        store.segment(n, NOW - timedelta(minutes=5) + timedelta(seconds=2 * n), session="today")
    plain = store.clip("SF1000000000001", T0)
    pinned = store.clip("SF1000000000002", T0 + timedelta(minutes=1), pinned=True)
    store.catalog.set_note(pinned.id, "买家说碎了 — keep")
    store.clip("SF1000000000003", T0 + timedelta(minutes=2), disputed=True)
    store.clip("SF1000000000004", NOW - timedelta(hours=2))
    report = apply_retention(store.layout, store.catalog, store.ledger,
                             RetentionPolicy(tape_days=7, clip_days=5, reserve_mb=0, free_target_mb=0),
                             now=NOW, usage=Disk(store.layout.root, 10**15))
    assert len(report.deleted) == 9 and plain.file in {d.file for d in report.deleted}
    store.ledger.checkpoint()
    store.catalog.close()
    return store


def test_the_archive_files_the_row_a_rebuild_makes_even_below_the_millisecond(store: Store) -> None:
    # The ledger keeps milliseconds: a time of x.5 ms must not become x+1 in one row and x in the other.
    odd = T0 + timedelta(microseconds=1_500)
    store.segment(0, odd)
    store.clip("SF1000000000009", odd + timedelta(microseconds=700))
    store.ledger.checkpoint()
    store.catalog.close()
    original = rows(store.layout.catalog_file)
    rebuilt = store.layout.root / "rebuilt.sqlite"
    assert rebuild_catalog(store.layout, store.ledger, rebuilt) == 2
    assert rows(rebuilt) == original
    conn = sqlite3.connect(rebuilt)
    try:
        assert conn.execute("SELECT start_ms FROM segments").fetchone()[0] == round(T0.timestamp() * 1000) + 1
    finally:
        conn.close()


def test_a_missing_catalog_is_rebuilt_with_the_same_rows(recorded: Store) -> None:
    layout = recorded.layout
    original = rows(layout.catalog_file)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{layout.catalog_file}{suffix}").unlink(missing_ok=True)
    catalog, note = open_or_rebuild_catalog(layout, recorded.ledger)
    try:
        assert "was missing and has been rebuilt" in note and "4 clips, 11 tape segments" in note
        assert "Pins, notes and disputed marks" in note and "could not be restored" in note
        assert sum(1 for c in catalog.search(limit=100) if c.deleted) == 1
        assert catalog.search("000000002")[0].pinned is False  # catalog-only: lost, as the note says
    finally:
        catalog.close()
    assert rows(layout.catalog_file) == original
    assert len(original["segments"]) == 11 and sum(1 for r in original["segments"] if r[-2] is not None) == 8


def test_a_catalog_of_random_bytes_is_moved_aside_and_rebuilt(recorded: Store) -> None:
    layout = recorded.layout
    original = rows(layout.catalog_file)
    garbage = random.Random(5).randbytes(200_000)
    layout.catalog_file.write_bytes(garbage)
    catalog, note = open_or_rebuild_catalog(layout, recorded.ledger)
    catalog.close()
    aside = list(layout.root.glob("catalog.sqlite.damaged-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == garbage  # kept, for whoever wants to look
    assert "was damaged" in note and aside[0].name in note
    assert rows(layout.catalog_file) == original


def test_damaged_pages_are_found_at_start_up_and_rebuilt(recorded: Store) -> None:
    layout = recorded.layout
    original = rows(layout.catalog_file)
    with Catalog.open(layout.catalog_file) as cat:
        cat.add_clips(ClipRecord(order_id=f"PAD{n:010d}", station="s", scan_ms=n, start_ms=n,
                                 file=f"clips/pad/{n}.mp4") for n in range(3000))
    data = bytearray(layout.catalog_file.read_bytes())
    tail = len(data) // 3  # the pad rows and their index entries went in last
    data[-tail:] = random.Random(6).randbytes(tail)
    layout.catalog_file.write_bytes(bytes(data))
    Catalog.open(layout.catalog_file).close()  # it still opens: only reading every page finds the damage
    catalog, note = open_or_rebuild_catalog(layout, recorded.ledger)
    catalog.close()
    assert "was damaged" in note
    assert rows(layout.catalog_file) == original  # the pad rows were never in the ledger


def test_pins_notes_and_disputed_marks_are_carried_over_from_a_readable_copy(recorded: Store,
                                                                              tmp_path: Path) -> None:
    layout = recorded.layout
    old = tmp_path / "old.sqlite"
    shutil.copy(layout.catalog_file, old)
    target = tmp_path / "new.sqlite"
    assert rebuild_catalog(layout, recorded.ledger, target, carry_over_from=old) == 4 + 11
    with Catalog.open(target) as cat:
        marks = {c.order_id: (c.pinned, c.disputed, c.note) for c in cat.search(limit=100)}
        assert marks["SF1000000000002"] == (True, False, "买家说碎了 — keep")
        assert marks["SF1000000000003"] == (False, True, "")
        assert marks["SF1000000000004"] == (False, False, "")
        assert cat.get_meta(WATERMARK).startswith(f"{recorded.ledger.last_seq}:")
    assert not list(tmp_path.glob("new.sqlite.rebuilding*"))


def test_after_a_rebuild_reconciliation_has_nothing_to_do(recorded: Store) -> None:
    layout = recorded.layout
    layout.catalog_file.unlink()
    catalog, _ = open_or_rebuild_catalog(layout, recorded.ledger)
    try:
        report = reconcile(layout, catalog, recorded.ledger)
        assert report.entries_read == 0 and report.ok, report.summary()
    finally:
        catalog.close()


def test_a_new_station_opens_an_empty_catalog_without_a_note(tmp_path: Path) -> None:
    from packseal.core.storage.layout import DataLayout

    layout = DataLayout.open(tmp_path / "data")
    with open_ledger(layout) as ledger:
        catalog, note = open_or_rebuild_catalog(layout, ledger)
        catalog.close()
    assert note is None and layout.catalog_file.exists()


def test_a_catalog_from_a_newer_packseal_is_not_touched(recorded: Store) -> None:
    layout = recorded.layout
    conn = sqlite3.connect(layout.catalog_file)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StorageError, match="newer version"):
        open_or_rebuild_catalog(layout, recorded.ledger)
    assert not list(layout.root.glob("catalog.sqlite.damaged-*"))



# The window and the recorder it starts open the data dir side by side at every start.
OPEN_WHEN_TOLD = """
import sys, time
from pathlib import Path
from packseal.compose import open_services
go = Path(sys.argv[2])
Path(sys.argv[3]).touch()
while not go.exists():
    time.sleep(0.0005)
services = open_services(sys.argv[1], recorder=False, index_clips=False)
print(services.catalog_note or "-", flush=True)
services.close()
"""


def open_together(root: Path, tmp_path: Path, count: int = 4) -> list[str]:
    """``count`` processes open the data dir at the same moment; returns each one's catalog note."""
    go = tmp_path / "go"
    ready = [tmp_path / f"ready-{n}" for n in range(count)]
    openers = [subprocess.Popen([sys.executable, "-c", OPEN_WHEN_TOLD, str(root), str(go), str(flag)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for flag in ready]
    deadline = time.monotonic() + 120
    while not all(flag.exists() for flag in ready) and time.monotonic() < deadline:
        time.sleep(0.02)  # each imports PackSeal, then waits for the word
    go.touch()
    said = [p.communicate(timeout=120) for p in openers]
    assert [p.returncode for p in openers] == [0] * count, said
    return [out.strip() for out, _err in said]


def test_processes_opening_a_data_dir_without_its_catalog_together_rebuild_it_once(store: Store, tmp_path) -> None:
    for n in range(400):  # enough for a rebuild to take a while
        store.segment(n, T0 + timedelta(seconds=2 * n), size=100)
    store.clip("SF1000000000001", T0, pinned=True)
    store.ledger.checkpoint()
    store.catalog.close()
    layout = store.layout
    original = rows(layout.catalog_file)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{layout.catalog_file}{suffix}").unlink(missing_ok=True)
    notes = open_together(layout.root, tmp_path)
    assert sum("was missing and has been rebuilt" in n for n in notes) == 1, notes
    assert notes.count("-") == 3  # the others found it ready
    assert rows(layout.catalog_file) == original


def test_processes_opening_an_older_catalog_together_migrate_it_once(tmp_path) -> None:
    from sqlite_utils import Database

    from packseal.core.catalog.schema import MIGRATIONS, migrate, schema_version

    layout = DataLayout.open(tmp_path / "data")
    db = Database(layout.catalog_file)
    migrate(db, MIGRATIONS[:1])  # as a catalog of the first version, found after an update
    db.close()
    assert open_together(layout.root, tmp_path) == ["-"] * 4
    db = Database(layout.catalog_file)
    try:
        assert schema_version(db) == SCHEMA_VERSION
    finally:
        db.close()
