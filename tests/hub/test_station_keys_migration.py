"""Migration 005 on a hub that ran the earlier ones and holds data: nothing is lost (schema/005_station_keys.sql)."""

from __future__ import annotations

import psycopg
from psycopg.rows import dict_row

from packseal.hub.db import Database, migrations


def test_a_hub_with_keys_and_uploads_migrates_and_keeps_them(hub_servers):
    url = hub_servers.new_database()
    with psycopg.connect(url, row_factory=dict_row) as conn:
        conn.execute("CREATE TABLE schema_migrations (number integer PRIMARY KEY, name text NOT NULL, "
                     "applied_at timestamptz NOT NULL DEFAULT now())")
        for number, name, sql in migrations():
            if number < 5:
                conn.execute(sql)
                conn.execute("INSERT INTO schema_migrations (number, name) VALUES (%s, %s)", (number, name))
        station = "a" * 64
        conn.execute("INSERT INTO stations (id, name, public_key) VALUES (%s, 'Bench 1', %s)", (station, b"k" * 32))
        conn.execute("INSERT INTO station_keys (key_id, station_id, public_key, since_seq) VALUES "
                     "('00aa', %s, 'pk0', 0), ('00bb', %s, 'pk1', 7)", (station, station))
        named, unnamed = "b" * 64, "c" * 64
        conn.execute("INSERT INTO clips (station_id, order_id, sha256, start, size, ledger_seq) "
                     "VALUES (%s, 'SF1', %s, now(), 10, 3)", (station, named))
        conn.execute("INSERT INTO uploads (id, s3_upload, sha256, size, part_size, kind) VALUES "
                     "('u1', 's3-1', %s, 10, 8388608, 'clip'), ('u2', 's3-2', %s, 10, 8388608, 'clip')",
                     (named, unnamed))
    db = Database(url, max_size=2)
    db.open()
    try:
        assert [name for name in db.migrate()] == [name for number, name, _ in migrations() if number >= 5]
        with db.connection() as conn:
            keys = conn.execute("SELECT key_id, station_id, since_seq, held FROM station_keys ORDER BY key_id").fetchall()
            uploads = conn.execute("SELECT id, station_id, sha256 FROM uploads").fetchall()
            # A second station may now record a key the first holds, but not hold it too.
            other = "d" * 64
            conn.execute("INSERT INTO stations (id, name, public_key) VALUES (%s, 'Bench 2', %s)", (other, b"j" * 32))
            conn.execute("INSERT INTO station_keys (key_id, station_id, public_key, since_seq) "
                         "VALUES ('00bb', %s, 'pk1', 4)", (other,))
            try:
                with conn.transaction():
                    conn.execute("UPDATE station_keys SET held = true WHERE station_id = %s", (other,))
                held_twice = True
            except psycopg.errors.UniqueViolation:
                held_twice = False
    finally:
        db.close()
    assert keys == [{"key_id": "00aa", "station_id": station, "since_seq": 0, "held": True},
                    {"key_id": "00bb", "station_id": station, "since_seq": 7, "held": True}]
    # The upload a clip of the station names is its own; one no clip names could be no one's.
    assert uploads == [{"id": "u1", "station_id": station, "sha256": named}]
    assert not held_twice
