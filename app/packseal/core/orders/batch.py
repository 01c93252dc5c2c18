"""One import into the order store: updates staged in temporary tables, merged in one transaction.

Staging lets a file's rows arrive in any order (one row per item, the order's
fields repeated) without holding the whole file in memory, lets the importer
drop an order whose rows turned out bad before anything is merged, and keeps
the write to the store itself short: a handful of set-based statements.

Merge rules: an order's fields given by the import replace the stored ones
(``None`` = not given, kept); items given replace all stored items of that
order; waybills are added to the stored ones.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from packseal.core.orders.schema import code_key
from packseal.core.orders.update import OrderUpdate

_STAGING = [
    """CREATE TEMP TABLE s_orders (
        key TEXT PRIMARY KEY, order_id TEXT NOT NULL, status TEXT, buyer_note TEXT,
        seller_note TEXT, weight_g INTEGER, items_given INTEGER NOT NULL DEFAULT 0)""",
    """CREATE TEMP TABLE s_items (
        seq INTEGER PRIMARY KEY, key TEXT NOT NULL, sku TEXT, barcode TEXT, name TEXT,
        qty INTEGER, image TEXT)""",
    "CREATE INDEX temp.s_items_key ON s_items(key)",
    """CREATE TEMP TABLE s_waybills (
        key TEXT NOT NULL, code_key TEXT NOT NULL, code TEXT NOT NULL, kind TEXT NOT NULL,
        PRIMARY KEY (key, code_key)) WITHOUT ROWID""",
    "CREATE TEMP TABLE s_dropped (key TEXT PRIMARY KEY) WITHOUT ROWID",
]
_FLUSH_EVERY = 5000
# One staged row an update; later updates of an order fill in what earlier ones left out.
_STAGE_ORDER = (
    "INSERT INTO s_orders (key, order_id, status, buyer_note, seller_note, weight_g, items_given) "
    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET order_id = excluded.order_id, "
    "status = COALESCE(excluded.status, status), buyer_note = COALESCE(excluded.buyer_note, buyer_note), "
    "seller_note = COALESCE(excluded.seller_note, seller_note), "
    "weight_g = COALESCE(excluded.weight_g, weight_g), items_given = max(items_given, excluded.items_given)")
_TEMP_TABLES = ("s_orders", "s_items", "s_waybills", "s_dropped", "s_refs")

_MERGE = [
    "DELETE FROM s_orders WHERE key IN (SELECT key FROM s_dropped)",
    "DELETE FROM s_items WHERE key IN (SELECT key FROM s_dropped)",
    "DELETE FROM s_waybills WHERE key IN (SELECT key FROM s_dropped)",
]
_UPDATE_EXISTING = """
    UPDATE orders SET order_id = s.order_id,
        status = COALESCE(s.status, orders.status),
        buyer_note = COALESCE(s.buyer_note, orders.buyer_note),
        seller_note = COALESCE(s.seller_note, orders.seller_note),
        weight_g = COALESCE(s.weight_g, orders.weight_g),
        source = :source, updated_ms = :now
    FROM s_orders s WHERE orders.order_key = s.key"""
_INSERT_NEW = """
    INSERT INTO orders (order_id, order_key, status, buyer_note, seller_note, weight_g, source, updated_ms)
    SELECT s.order_id, s.key, COALESCE(s.status, ''), COALESCE(s.buyer_note, ''),
           COALESCE(s.seller_note, ''), COALESCE(s.weight_g, 0), :source, :now
    FROM s_orders s WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.order_key = s.key)
    ORDER BY s.rowid"""
_AFTER = [
    """CREATE TEMP TABLE s_refs AS
       SELECT o.id AS ref, s.key AS key, s.items_given AS items_given
       FROM s_orders s JOIN orders o ON o.order_key = s.key""",
    "DELETE FROM items WHERE order_ref IN (SELECT ref FROM s_refs WHERE items_given)",
    """INSERT INTO items (order_ref, line, sku, barcode, name, qty, image)
       SELECT r.ref, si.seq, si.sku, si.barcode, si.name, si.qty, si.image
       FROM s_items si JOIN s_refs r ON r.key = si.key""",
    """INSERT OR IGNORE INTO waybills (code_key, code, order_ref, kind)
       SELECT sw.code_key, sw.code, r.ref, sw.kind FROM s_waybills sw JOIN s_refs r ON r.key = sw.key""",
    "DELETE FROM order_text WHERE rowid IN (SELECT ref FROM s_refs)",
    """INSERT INTO order_text (rowid, ids, skus, note)
       SELECT o.id,
              o.order_id || ' ' || COALESCE((SELECT group_concat(code, ' ') FROM waybills w
                                              WHERE w.order_ref = o.id), ''),
              COALESCE((SELECT group_concat(sku || ' ' || barcode, ' ') FROM items i
                        WHERE i.order_ref = o.id), ''),
              o.buyer_note
       FROM orders o JOIN s_refs r ON o.id = r.ref""",
]
_WAYBILLS_STEP = 3  # the statement of _AFTER that adds waybills (its row count is reported)


@dataclass
class MergeResult:
    """What one import changed: orders (new + updated), item lines written, waybills added."""

    orders: int = 0
    new_orders: int = 0
    updated_orders: int = 0
    items: int = 0
    waybills_added: int = 0


class OrderBatch:
    """Staged updates on the store's writer connection; made by ``OrderStore.batch``."""

    def __init__(self, conn: sqlite3.Connection, path: Path, source: str, now_ms: int) -> None:
        self._conn = conn
        self._path = path
        self._source = source
        self._now = now_ms
        self.result = MergeResult()
        self._orders: list[tuple] = []
        self._items: list[tuple] = []
        self._waybills: list[tuple] = []

    def begin(self) -> None:
        self._drop_temp()
        self._conn.execute("BEGIN")
        for sql in _STAGING:
            self._conn.execute(sql)

    def add(self, update: OrderUpdate, *, replace_items: bool = False) -> None:
        """Stage ``update``. Items of several updates of one order add up, unless
        ``replace_items`` (a feed record describes the whole order).

        Rows are buffered and written :data:`_FLUSH_EVERY` at a time (a million-row file
        then costs a few thousand statements, not millions)."""
        key = code_key(update.order_id)
        if not key:
            raise ValueError("an order update needs an order ID")
        given = update.items is not None
        if given and replace_items:
            self.flush()  # the staged items of earlier updates go first, then are replaced
            self._conn.execute("DELETE FROM s_items WHERE key = ?", (key,))
        self._orders.append((key, update.order_id.strip(), update.status, update.buyer_note, update.seller_note,
                             update.weight_g, int(given)))
        self._items += [(key, i.sku, i.barcode, i.name, i.qty, i.image) for i in update.items or ()]
        self._waybills += [(key, code_key(w), w.strip(), "shipment") for w in update.waybills if code_key(w)]
        self._waybills += [(key, code_key(w), w.strip(), "return") for w in update.return_waybills if code_key(w)]
        if len(self._orders) >= _FLUSH_EVERY:
            self.flush()

    def flush(self) -> None:
        """Write the buffered rows to the staging tables (in the order they were added)."""
        c = self._conn
        if self._orders:
            c.executemany(_STAGE_ORDER, self._orders)
        if self._items:
            c.executemany("INSERT INTO s_items (key, sku, barcode, name, qty, image) VALUES (?, ?, ?, ?, ?, ?)",
                          self._items)
        if self._waybills:
            c.executemany("INSERT OR IGNORE INTO s_waybills (key, code_key, code, kind) VALUES (?, ?, ?, ?)",
                          self._waybills)
        self._orders, self._items, self._waybills = [], [], []

    def drop(self, order_id: str) -> None:
        """Merge nothing of this order (one of its rows was refused)."""
        self._conn.execute("INSERT OR IGNORE INTO s_dropped (key) VALUES (?)", (code_key(order_id),))

    def commit(self) -> None:
        self.flush()
        c = self._conn
        for sql in _MERGE:
            c.execute(sql)
        params = {"source": self._source, "now": self._now}
        updated = c.execute(_UPDATE_EXISTING, params).rowcount
        new = c.execute(_INSERT_NEW, params).rowcount
        changed = [c.execute(sql).rowcount for sql in _AFTER]
        items = int(c.execute("SELECT count(*) FROM s_items").fetchone()[0])
        c.execute("COMMIT")
        self.result = MergeResult(orders=new + updated, new_orders=new, updated_orders=updated,
                                  items=items, waybills_added=changed[_WAYBILLS_STEP])
        self._drop_temp()

    def rollback(self) -> None:
        self._orders, self._items, self._waybills = [], [], []
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")
        self._drop_temp()

    def _drop_temp(self) -> None:
        for name in _TEMP_TABLES:
            self._conn.execute(f"DROP TABLE IF EXISTS temp.{name}")
