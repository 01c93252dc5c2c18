"""Opening the catalog: schema, migrations, connection settings, damaged files."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from packseal.core.catalog import SCHEMA_VERSION, Catalog
from packseal.core.catalog.schema import MIGRATIONS, migrate, schema_version
from packseal.core.errors import StorageError


def _user_version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def test_a_new_catalog_gets_the_whole_schema(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "catalog.sqlite"  # the folder is created too
    Catalog.open(path).close()
    assert _user_version(path) == SCHEMA_VERSION == len(MIGRATIONS)
    db = Database(path)
    try:
        assert {"orders", "clips", "segments", "clips_fts"} <= set(db.table_names())
        assert set(db["clips"].columns_dict) == {
            "id", "order_id", "station", "scan_ms", "start_ms", "end_ms", "duration_ms",
            "frame_count", "file", "bytes", "sha256", "status", "pinned", "note", "deleted_ms",
            "deleted_reason", "ledger_seq", "created_ms", "disputed", "kind", "outcome", "packer",
            "linked_order", "order_ref", "wrong_scans", "overridden", "weight_g", "pack_ms",
            "camera", "camera_files",
        }
        assert set(db["segments"].columns_dict) == {
            "id", "camera", "seq", "file", "start_ms", "end_ms", "frames", "bytes", "sha256",
            "ledger_seq", "deleted_ms", "deleted_reason",
        }
        indexes = {tuple(i.columns) for i in db["clips"].indexes}
        assert {("order_id",), ("start_ms",), ("station", "start_ms")} <= indexes
        assert ("camera", "start_ms") in {tuple(i.columns) for i in db["segments"].indexes}
        assert {"clips_fts_insert", "clips_fts_delete", "clips_fts_update"} <= set(db.triggers_dict)
        assert db.journal_mode == "wal"
    finally:
        db.close()


def test_the_connection_is_set_up_for_safety_and_sharing(catalog: Catalog) -> None:
    # The settings are per connection, so they are read from the catalog's own.
    conn = catalog._db.conn  # noqa: SLF001 - nothing else shows these settings
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    with pytest.raises(sqlite3.IntegrityError):  # foreign keys are enforced
        conn.execute(
            "INSERT INTO clips (order_id, station, scan_ms, start_ms, file, created_ms) "
            "VALUES ('NO-SUCH-ORDER', 's', 1, 1, 'f', 1)"
        )
    conn.rollback()


def test_reopening_keeps_data_and_version(tmp_path: Path, clip_factory) -> None:
    path = tmp_path / "catalog.sqlite"
    with Catalog.open(path) as cat:
        clip_id = cat.add_clip(clip_factory())
    with Catalog.open(path) as cat:
        assert cat.get_clip(clip_id).order_id == "SF1234567890123"
        assert cat.search("4567890") != []
    assert _user_version(path) == SCHEMA_VERSION


def test_migrations_run_in_order_from_empty(tmp_path: Path) -> None:
    ran: list[int] = []

    def first(db: Database) -> None:
        ran.append(1)
        db.execute("CREATE TABLE a (x INTEGER)")

    def second(db: Database) -> None:
        ran.append(2)
        db.execute("ALTER TABLE a ADD COLUMN y TEXT")

    db = Database(tmp_path / "m.sqlite")
    assert migrate(db, [first]) == 0
    assert schema_version(db) == 1
    assert migrate(db, [first, second]) == 1  # only the new step runs
    assert ran == [1, 2]
    assert schema_version(db) == 2
    assert set(db["a"].columns_dict) == {"x", "y"}
    db.close()


def test_a_failing_migration_leaves_the_previous_version(tmp_path: Path) -> None:
    def good(db: Database) -> None:
        db.execute("CREATE TABLE a (x INTEGER)")

    def bad(db: Database) -> None:
        db.execute("CREATE TABLE b (x INTEGER)")
        db.execute("this is not sql")

    db = Database(tmp_path / "m.sqlite")
    with pytest.raises(sqlite3.OperationalError):
        migrate(db, [good, bad])
    assert schema_version(db) == 1
    assert "a" in db.table_names()
    assert "b" not in db.table_names()  # rolled back with the failed step
    db.close()


def test_a_catalog_from_a_newer_packseal_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "catalog.sqlite"
    Catalog.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StorageError, match="newer version of PackSeal.*update PackSeal"):
        Catalog.open(path)
    assert _user_version(path) == SCHEMA_VERSION + 1  # left untouched


def test_random_bytes_are_reported_as_a_damaged_catalog(tmp_path: Path) -> None:
    path = tmp_path / "catalog.sqlite"
    path.write_bytes(random.Random(1).randbytes(64 * 1024))
    with pytest.raises(StorageError, match="damaged.*rebuilt from the ledger"):
        Catalog.open(path)


def test_damaged_pages_are_reported_when_read(tmp_path: Path, clip_factory) -> None:
    path = tmp_path / "catalog.sqlite"
    with Catalog.open(path) as cat:
        cat.add_clips(clip_factory(f"SF{n:013d}", start_ms=1_714_521_600_000 + n) for n in range(3000))
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    # Keep page 1 (header and schema) and overwrite every other page.
    data[page_size:] = random.Random(2).randbytes(len(data) - page_size)
    path.write_bytes(bytes(data))
    with pytest.raises(StorageError, match="damaged.*rebuilt from the ledger"):
        with Catalog.open(path) as cat:
            cat.search(date_from=None, limit=1000)
            cat.count("0000")


def test_an_unopenable_path_is_a_storage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError, match="cannot open the catalog"):
        Catalog.open(blocker / "catalog.sqlite")


def test_a_closed_catalog_says_so(tmp_path: Path) -> None:
    cat = Catalog.open(tmp_path / "catalog.sqlite")
    cat.close()
    cat.close()  # twice is fine
    with pytest.raises(StorageError, match="closed"):
        cat.search()
