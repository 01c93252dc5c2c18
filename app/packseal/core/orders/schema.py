"""The order store's schema (its own SQLite file, ``orders/orders.sqlite``) and its migrations.

Like the catalog: ``PRAGMA user_version`` holds the version, migration ``i``
takes the file from version ``i`` to ``i + 1`` in one transaction, and a
shipped migration is never edited.

Codes are looked up by a *key*: the code with surrounding blanks removed and
letters upper-cased (:func:`code_key`), so a scanner with Caps Lock on still
finds ``SF…``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from packseal.core.errors import StorageError


def code_key(code: str) -> str:
    """The lookup key of an order ID or a waybill: blanks trimmed, letters upper-case."""
    return code.strip().upper()


def _v1_initial(db: sqlite3.Connection) -> None:
    statements = [
        """
        CREATE TABLE orders (
            id          INTEGER PRIMARY KEY,
            order_id    TEXT NOT NULL,          -- as the shop's data wrote it
            order_key   TEXT NOT NULL UNIQUE,   -- code_key(order_id)
            status      TEXT NOT NULL DEFAULT '',
            buyer_note  TEXT NOT NULL DEFAULT '',
            seller_note TEXT NOT NULL DEFAULT '',
            weight_g    INTEGER NOT NULL DEFAULT 0,
            source      TEXT NOT NULL DEFAULT '',  -- the file or feed it last came from
            updated_ms  INTEGER NOT NULL
        )
        """,
        "CREATE INDEX orders_updated ON orders(updated_ms)",
        # Several waybills per order (split parcels, a return's waybill); a waybill may
        # also carry several orders (merged shipment), hence the pair as the key.
        """
        CREATE TABLE waybills (
            code_key  TEXT NOT NULL,
            code      TEXT NOT NULL,
            order_ref INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
            kind      TEXT NOT NULL DEFAULT 'shipment' CHECK (kind IN ('shipment', 'return')),
            PRIMARY KEY (code_key, order_ref)
        ) WITHOUT ROWID
        """,
        "CREATE INDEX waybills_order ON waybills(order_ref)",
        """
        CREATE TABLE items (
            order_ref INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
            line      INTEGER NOT NULL,
            sku       TEXT NOT NULL DEFAULT '',
            barcode   TEXT NOT NULL DEFAULT '',
            name      TEXT NOT NULL DEFAULT '',
            qty       INTEGER NOT NULL CHECK (qty > 0),
            image     TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (order_ref, line)
        ) WITHOUT ROWID
        """,
        "CREATE INDEX items_sku ON items(upper(sku))",
        "CREATE INDEX items_barcode ON items(barcode)",
        # Substring search (order ID and waybills, SKUs and barcodes, the buyer's note):
        # trigrams, so "4567890" finds an order among a million without a scan.
        # Rewritten by the store for every order an import touches.
        """
        CREATE VIRTUAL TABLE order_text USING fts5(ids, skus, note, tokenize='trigram')
        """,
    ]
    for sql in statements:
        db.execute(sql)


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1_initial]
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(db: sqlite3.Connection) -> None:
    """Bring the order store up to :data:`SCHEMA_VERSION` (refusing a newer file)."""
    found = int(db.execute("PRAGMA user_version").fetchone()[0])
    if found > SCHEMA_VERSION:
        raise StorageError(f"the order store was written by a newer PackSeal (schema {found}, this one "
                           f"knows up to {SCHEMA_VERSION}); update PackSeal to open it")
    for version in range(found, SCHEMA_VERSION):
        db.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version](db)
            db.execute(f"PRAGMA user_version = {version + 1:d}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
