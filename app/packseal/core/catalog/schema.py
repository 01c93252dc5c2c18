"""The catalog's schema and its versioned migrations.

The schema version lives in ``PRAGMA user_version``. :data:`MIGRATIONS` is an
ordered list: migration ``i`` takes a database from version ``i`` to
``i + 1``. Each runs in its own transaction together with the version bump,
so a crash mid-migration leaves the previous version intact. Migrations are
written as explicit SQL (not generated) so that a database created today and
one migrated step by step end up identical.

Never edit a migration that has shipped; append a new one.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

from packseal.core.errors import StorageError


def _v1_initial(db: Database) -> None:
    """Orders, clips, segments, their indexes, and the trigram index on order IDs."""
    statements = [
        """
        CREATE TABLE orders (
            order_id   TEXT PRIMARY KEY NOT NULL,
            first_seen INTEGER NOT NULL,   -- first scan, ms since epoch UTC
            last_seen  INTEGER NOT NULL,   -- latest scan
            clip_count INTEGER NOT NULL DEFAULT 0
        )
        """,
        """
        CREATE TABLE clips (
            id             INTEGER PRIMARY KEY,
            order_id       TEXT NOT NULL REFERENCES orders(order_id),
            station        TEXT NOT NULL,
            scan_ms        INTEGER NOT NULL,
            start_ms       INTEGER NOT NULL,
            end_ms         INTEGER,
            duration_ms    INTEGER,
            frame_count    INTEGER,
            file           TEXT NOT NULL,   -- relative to the data dir, forward slashes
            bytes          INTEGER,
            sha256         TEXT,
            status         TEXT NOT NULL DEFAULT 'complete'
                           CHECK (status IN ('recording', 'complete', 'interrupted')),
            pinned         INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
            note           TEXT NOT NULL DEFAULT '',
            deleted_ms     INTEGER,
            deleted_reason TEXT,
            ledger_seq     INTEGER,
            created_ms     INTEGER NOT NULL
        )
        """,
        "CREATE INDEX clips_order ON clips(order_id)",
        "CREATE INDEX clips_start ON clips(start_ms)",
        "CREATE INDEX clips_station_start ON clips(station, start_ms)",
        # Case-insensitive prefix search for 1-2 character queries (too short
        # for trigrams); the query must use the same expression to hit it.
        "CREATE INDEX clips_order_upper ON clips(upper(order_id))",
        """
        CREATE TABLE segments (
            id         INTEGER PRIMARY KEY,
            camera     TEXT NOT NULL,
            seq        INTEGER NOT NULL,
            file       TEXT NOT NULL,
            start_ms   INTEGER NOT NULL,
            end_ms     INTEGER NOT NULL,
            frames     INTEGER,
            bytes      INTEGER,
            sha256     TEXT,
            ledger_seq INTEGER,
            deleted_ms INTEGER
        )
        """,
        "CREATE INDEX segments_camera_start ON segments(camera, start_ms)",
        # Substring search on order IDs: an external-content FTS5 table with
        # the trigram tokenizer (SQLite >= 3.34) indexes every 3-character run,
        # so "34567890" finds "SF1234567890123" without scanning a million rows.
        """
        CREATE VIRTUAL TABLE clips_fts USING fts5(
            order_id, content='clips', content_rowid='id', tokenize='trigram'
        )
        """,
        # Kept in sync by triggers. Only a change of order_id touches the index,
        # so pinning or annotating a clip costs no FTS work.
        """
        CREATE TRIGGER clips_fts_insert AFTER INSERT ON clips BEGIN
            INSERT INTO clips_fts(rowid, order_id) VALUES (new.id, new.order_id);
        END
        """,
        """
        CREATE TRIGGER clips_fts_delete AFTER DELETE ON clips BEGIN
            INSERT INTO clips_fts(clips_fts, rowid, order_id) VALUES ('delete', old.id, old.order_id);
        END
        """,
        """
        CREATE TRIGGER clips_fts_update AFTER UPDATE OF order_id ON clips BEGIN
            INSERT INTO clips_fts(clips_fts, rowid, order_id) VALUES ('delete', old.id, old.order_id);
            INSERT INTO clips_fts(rowid, order_id) VALUES (new.id, new.order_id);
        END
        """,
    ]
    for sql in statements:
        db.execute(sql)


def _v2_retention(db: Database) -> None:
    """Disputed clips, why a segment went, indexes for retention and reconciliation, meta."""
    statements = [
        # A clip used in a dispute or an evidence pack: retention never deletes it.
        "ALTER TABLE clips ADD COLUMN disputed INTEGER NOT NULL DEFAULT 0 CHECK (disputed IN (0, 1))",
        "ALTER TABLE segments ADD COLUMN deleted_reason TEXT",
        # Reconciliation finds a row from a file on disk or from a ledger entry.
        "CREATE INDEX clips_file ON clips(file)",
        "CREATE INDEX segments_file ON segments(file)",
        "CREATE INDEX clips_ledger_seq ON clips(ledger_seq)",
        "CREATE INDEX segments_ledger_seq ON segments(ledger_seq)",
        # Retention walks the oldest deletable rows first. Partial indexes hold
        # only those rows, so the walk never steps over the (ever growing)
        # deleted ones; the queries repeat these WHERE terms word for word so
        # the planner can use them.
        """
        CREATE INDEX clips_deletable ON clips(start_ms)
        WHERE pinned = 0 AND disputed = 0 AND deleted_ms IS NULL
        """,
        "CREATE INDEX segments_live_start ON segments(start_ms) WHERE deleted_ms IS NULL",
        # Small facts about the catalog itself (how far it was reconciled with the ledger).
        """
        CREATE TABLE meta (
            key   TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL
        )
        """,
    ]
    for sql in statements:
        db.execute(sql)


def _v3_packing(db: Database) -> None:
    """What a clip's signed ``packing`` record says (FORMAT.md §6.1), for filters and statistics.

    Rows from before have no record: a shipment, not checked, which is
    exactly what :mod:`.ledger_rows` makes of an entry without one, so a
    migrated catalog and one rebuilt from the ledger hold the same rows.
    """
    statements = [
        "ALTER TABLE clips ADD COLUMN kind TEXT NOT NULL DEFAULT 'shipment'",
        "ALTER TABLE clips ADD COLUMN outcome TEXT NOT NULL DEFAULT 'not-checked'",
        "ALTER TABLE clips ADD COLUMN packer TEXT",
        # A return's shipment order; a shipment's order ID in the shop's data when
        # the clip is keyed by a waybill. Together they link returns to shipments.
        "ALTER TABLE clips ADD COLUMN linked_order TEXT",
        "ALTER TABLE clips ADD COLUMN order_ref TEXT",
        "ALTER TABLE clips ADD COLUMN wrong_scans INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE clips ADD COLUMN overridden INTEGER NOT NULL DEFAULT 0 CHECK (overridden IN (0, 1))",
        "ALTER TABLE clips ADD COLUMN weight_g INTEGER",
        # From the scan to the stop (not to the clip's end, which adds the post-roll).
        "ALTER TABLE clips ADD COLUMN pack_ms INTEGER",
        "CREATE INDEX clips_outcome_start ON clips(outcome, start_ms)",
        # The rare rows the library filters for: partial indexes hold only them, so a page of
        # "wrong item seen" or of returns never walks the whole catalog (query.OUTCOME_FILTERS
        # and the kind filter repeat these terms).
        "CREATE INDEX clips_wrong_start ON clips(start_ms) WHERE wrong_scans > 0",
        "CREATE INDEX clips_overridden_start ON clips(start_ms) WHERE overridden = 1",
        "CREATE INDEX clips_returns_start ON clips(start_ms) WHERE kind = 'return'",
        "CREATE INDEX clips_packer_start ON clips(packer, start_ms) WHERE packer IS NOT NULL",
        "CREATE INDEX clips_linked_order ON clips(linked_order) WHERE linked_order IS NOT NULL",
        "CREATE INDEX clips_order_ref ON clips(order_ref) WHERE order_ref IS NOT NULL",
    ]
    for sql in statements:
        db.execute(sql)


def _v4_cameras(db: Database) -> None:
    """The camera of a clip's file and the other cameras' files (a station of two cameras).

    Both stay NULL for clips of one camera, which is what :mod:`.ledger_rows` makes of an
    entry without ``other_cameras``, so a migrated catalog and a rebuilt one agree.
    """
    db.execute("ALTER TABLE clips ADD COLUMN camera TEXT")
    db.execute("ALTER TABLE clips ADD COLUMN camera_files TEXT")  # JSON: [{camera, status, file, …}]


#: Migration i brings a database from version i to version i + 1.
MIGRATIONS: list[Callable[[Database], None]] = [
    _v1_initial,
    _v2_retention,
    _v3_packing,
    _v4_cameras,
]

#: The schema version this code writes.
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(db: Database) -> int:
    """The version stored in the database (0 for a new, empty file)."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: Database, migrations: list[Callable[[Database], None]] | None = None) -> int:
    """Bring ``db`` up to the newest version; return the version it had before.

    Raises :class:`StorageError` when the database was written by a newer
    PackSeal than this one (its schema is unknown here; writing to it could
    damage it).
    """
    steps = MIGRATIONS if migrations is None else migrations
    found = schema_version(db)
    if found > len(steps):
        raise StorageError(
            f"the catalog was written by a newer version of PackSeal (catalog schema "
            f"version {found}, this PackSeal knows up to {len(steps)}); update PackSeal "
            "to open it"
        )
    for version in range(found, len(steps)):
        with db.atomic():
            steps[version](db)
            # user_version is part of the database header, so it is written
            # (or rolled back) together with the migration's own changes.
            db.execute(f"PRAGMA user_version = {version + 1:d}")
    return found
