"""The order store: the shop's orders in SQLite, found by order ID or waybill at scan time.

It is its own file, ``<data dir>/orders/orders.sqlite``, not a table set in
``catalog.sqlite``: the catalog is an index rebuilt from the ledger when it is
damaged (imported orders are in no ledger and would be lost with it), a large
import would hold the catalog's single write lock while the recorder seals
segments, and orders sit on a lower floor than the catalog.

Threads: :meth:`OrderStore.find` and the other reads use one connection per
thread (WAL: a read never waits for an import, and sees either all of an
import or none of it). Writes go through :meth:`OrderStore.batch`, one at a
time per store; another process writing the same file waits up to
:data:`BUSY_TIMEOUT_S`.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Self

from packseal.core.errors import StorageError, StorageFullError
from packseal.core.orders.batch import MergeResult, OrderBatch
from packseal.core.orders.model import Order, OrderItem
from packseal.core.orders.schema import code_key, migrate
from packseal.core.orders.update import OrderUpdate

BUSY_TIMEOUT_S = 10.0
_ORDER_COLUMNS = "o.id, o.order_id, o.status, o.buyer_note, o.seller_note, o.weight_g"


def store_error(path: Path, action: str, exc: sqlite3.Error) -> StorageError:
    """An sqlite3 error as a :class:`StorageError` saying what could not be done."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if code == 13:  # SQLITE_FULL
        return StorageFullError(f"could not {action}: the disk holding {path} is full ({exc}); "
                                "free space on it. Nothing was half written")
    if code in (11, 26):  # SQLITE_CORRUPT, SQLITE_NOTADB
        return StorageError(f"could not {action}: the order store {path} is damaged ({exc}). Move it "
                            "aside and import the orders again")
    if code in (5, 6):  # SQLITE_BUSY, SQLITE_LOCKED
        return StorageError(f"could not {action}: the order store {path} stayed locked by another "
                            f"import for {BUSY_TIMEOUT_S:.0f} s ({exc}); try again when it is done")
    return StorageError(f"could not {action} in the order store {path}: {exc}")


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, check_same_thread=False, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000):d}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


class OrderStore:
    """The orders of one data dir. Open it with :meth:`open`; it satisfies ``OrderLookup``."""

    def __init__(self, path: Path, writer: sqlite3.Connection) -> None:
        self._path = path
        self._writer: sqlite3.Connection | None = writer
        self._write_lock = threading.Lock()
        self._local = threading.local()
        self._readers: list[tuple[threading.Thread, sqlite3.Connection]] = []
        self._readers_lock = threading.Lock()

    @classmethod
    def open(cls, path: Path | str) -> Self:
        """Open (creating or migrating) the order store at ``path``; StorageError if it cannot be."""
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            conn = _connect(path)
        except (OSError, sqlite3.Error) as exc:
            raise StorageError(f"cannot open the order store {path}: {exc}") from exc
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            # NORMAL with WAL: a power cut may lose the last import, never damage the file.
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA temp_store = FILE")  # a big import stages on disk, not in memory
            # After a big import the WAL is cut back to this size once it is checkpointed.
            conn.execute(f"PRAGMA journal_size_limit = {64 << 20:d}")
            migrate(conn)
        except sqlite3.Error as exc:
            conn.close()
            raise store_error(path, "open the order store", exc) from exc
        except BaseException:
            conn.close()
            raise
        return cls(path, conn)

    @property
    def path(self) -> Path:
        return self._path

    def close(self) -> None:
        """Close every connection (safe to call twice)."""
        with self._write_lock:
            writer, self._writer = self._writer, None
        if writer is not None:
            writer.close()
        with self._readers_lock:
            readers, self._readers = self._readers, []
        for _thread, conn in readers:
            conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- reading --------------------------------------------------------------------------
    @contextmanager
    def _reading(self, action: str) -> Iterator[sqlite3.Connection]:
        if self._writer is None:
            raise StorageError(f"cannot {action}: the order store {self._path} is closed")
        conn = getattr(self._local, "conn", None)
        try:
            if conn is None:
                conn = _connect(self._path)
                conn.execute("PRAGMA query_only = ON")
                with self._readers_lock:
                    # threads come and go (pools, HTTP handlers): the connections of ended ones are closed
                    gone = [c for t, c in self._readers if not t.is_alive()]
                    self._readers = [(t, c) for t, c in self._readers if t.is_alive()]
                    self._readers.append((threading.current_thread(), conn))
                for old in gone:
                    old.close()
                self._local.conn = conn
            yield conn
        except sqlite3.Error as exc:
            raise store_error(self._path, action, exc) from exc

    def find(self, code: str) -> Order | None:
        """The order whose order ID, waybill or return waybill is ``code``, or None.

        Case and surrounding blanks do not matter. An order ID wins over a
        waybill; a waybill shared by several orders (a merged shipment) gives
        the most recently imported one (:meth:`find_all` gives them all).
        Safe to call from any thread, also while an import runs.
        """
        found = self.find_all(code, limit=1)
        return found[0] if found else None

    def find_all(self, code: str, *, limit: int = 20) -> list[Order]:
        """Every order ``code`` names: the one with that order ID, else those shipped under it."""
        key = code_key(code) if isinstance(code, str) else ""
        if not key:
            return []
        with self._reading("look up an order") as conn:
            rows = conn.execute(f"SELECT {_ORDER_COLUMNS} FROM orders o WHERE order_key = ?", (key,)).fetchall()
            if not rows:
                rows = conn.execute(
                    f"SELECT {_ORDER_COLUMNS} FROM waybills w JOIN orders o ON o.id = w.order_ref WHERE w.code_key = ? "
                    "ORDER BY o.updated_ms DESC, o.id DESC LIMIT ?", (key, limit)).fetchall()
            return [self._order(conn, row) for row in rows]

    def search(self, text: str, *, limit: int = 200) -> list[Order]:
        """Orders whose order ID, waybills, SKUs or barcodes, or buyer's note contain ``text``.

        Newest first. Three characters or more use the trigram index; one or
        two match the start of an order ID, waybill or SKU, or anywhere in the
        buyer's note. Empty: the newest orders.
        """
        text = (text or "").strip()
        with self._reading("search the orders") as conn:
            if not text:
                ids = [r[0] for r in conn.execute(
                    "SELECT id FROM orders ORDER BY updated_ms DESC, id DESC LIMIT ?", (limit,))]
            elif len(text) >= 3:
                phrase = '"' + text.replace('"', '""') + '"'
                ids = [r[0] for r in conn.execute(
                    "SELECT rowid FROM order_text WHERE order_text MATCH ? ORDER BY rowid DESC LIMIT ?",
                    (phrase, limit))]
            else:
                escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                prefix = escaped.upper() + "%"
                # Codes by their start (indexed); the buyer's note anywhere (a scan, but a short one
                # is what a Chinese note search looks like: 加急, 发票).
                ids = [r[0] for r in conn.execute(
                    "SELECT id FROM orders WHERE order_key LIKE ? ESCAPE '\\' "
                    "UNION SELECT order_ref FROM waybills WHERE code_key LIKE ? ESCAPE '\\' "
                    "UNION SELECT order_ref FROM items WHERE upper(sku) LIKE ? ESCAPE '\\' "
                    "UNION SELECT id FROM orders WHERE buyer_note LIKE ? ESCAPE '\\' "
                    "ORDER BY 1 DESC LIMIT ?", (prefix, prefix, prefix, f"%{escaped}%", limit))]
            orders = []
            for ref in ids:
                row = conn.execute(f"SELECT {_ORDER_COLUMNS} FROM orders o WHERE id = ?", (ref,)).fetchone()
                if row is not None:
                    orders.append(self._order(conn, row))
            return orders

    def counts(self) -> dict[str, int]:
        """How many orders, items and waybills are stored."""
        with self._reading("count the orders") as conn:
            return {name: int(conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0])
                    for name in ("orders", "items", "waybills")}

    @staticmethod
    def _order(conn: sqlite3.Connection, row: tuple) -> Order:
        ref, order_id, status, buyer_note, seller_note, weight_g = row
        waybills, returns = [], []
        for code, kind in conn.execute("SELECT code, kind FROM waybills WHERE order_ref = ?", (ref,)):
            (returns if kind == "return" else waybills).append(code)
        items = tuple(OrderItem(sku=s, barcode=b, name=n, qty=q, image=i) for s, b, n, q, i in conn.execute(
            "SELECT sku, barcode, name, qty, image FROM items WHERE order_ref = ? ORDER BY line", (ref,)))
        return Order(order_id=order_id, waybills=tuple(sorted(waybills)), status=status, items=items,
                     buyer_note=buyer_note, seller_note=seller_note, weight_g=weight_g,
                     return_waybills=tuple(sorted(returns)))

    # -- writing --------------------------------------------------------------------------
    @contextmanager
    def batch(self, source: str) -> Iterator[OrderBatch]:
        """Stage updates, then merge them all in one transaction when the block ends.

        An exception inside the block merges nothing. ``source`` (a file name,
        ``feed:<name>``) is kept with each order it touches.
        """
        with self._write_lock:
            if self._writer is None:
                raise StorageError(f"cannot import: the order store {self._path} is closed")
            batch = OrderBatch(self._writer, self._path, source, int(time.time() * 1000))
            try:
                batch.begin()
                yield batch
                batch.commit()
            except sqlite3.Error as exc:
                batch.rollback()
                raise store_error(self._path, "import the orders", exc) from exc
            except BaseException:
                batch.rollback()
                raise

    def merge(self, updates: Iterable[OrderUpdate], *, source: str, replace_items: bool = False) -> MergeResult:
        """Merge ``updates`` in one transaction (see :class:`~.update.OrderUpdate`)."""
        with self.batch(source) as batch:
            for update in updates:
                batch.add(update, replace_items=replace_items)
        return batch.result
