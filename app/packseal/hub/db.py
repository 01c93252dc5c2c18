"""The hub's catalog database: a psycopg 3 connection pool and the schema migrations.

Migrations are the files ``schema/NNN_name.sql`` of this package, applied in
the order of NNN, each in one transaction, each recorded in the table
``schema_migrations`` so it runs once. A hub that finds a migration of a
higher number than it knows stops rather than work on a schema it does not
understand. The pool checks each connection before lending it, so a restarted
PostgreSQL costs the requests in flight at that moment and no more.
"""

from __future__ import annotations

import re
from importlib import resources

from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

from packseal.hub.errors import HubError

_MIGRATION = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")
POOL_MAX = 20


def migrations() -> list[tuple[int, str, str]]:
    """(number, file name, SQL) of every migration shipped with the hub, in order."""
    found = []
    for item in resources.files("packseal.hub").joinpath("schema").iterdir():
        m = _MIGRATION.match(item.name)
        if m:
            found.append((int(m.group(1)), item.name, item.read_text(encoding="utf-8")))
    found.sort()
    numbers = [n for n, _, _ in found]
    if len(set(numbers)) != len(numbers):
        raise HubError(f"two hub schema migrations share a number: {[f for _, f, _ in found]}")
    return found


class Database:
    """The pool of connections to the hub's PostgreSQL database."""

    def __init__(self, url: str, max_size: int = POOL_MAX) -> None:
        self.url = url
        self.pool = ConnectionPool(url, min_size=1, max_size=max_size, open=False, name="packseal-hub",
                                   kwargs={"row_factory": dict_row, "connect_timeout": 5},
                                   check=ConnectionPool.check_connection, reconnect_timeout=0)

    def open(self, timeout: float = 30.0) -> None:
        try:
            self.pool.open(wait=True, timeout=timeout)
        except Exception as exc:  # psycopg_pool raises PoolTimeout with the cause in the log
            self.pool.close()
            raise HubError(f"cannot connect to the hub's database ({_safe(self.url)}): {exc}") from exc

    def close(self) -> None:
        self.pool.close()

    def connection(self, timeout: float = 10.0):
        """A pooled connection (a context manager: commits on success, rolls back on error)."""
        return self.pool.connection(timeout=timeout)

    def migrate(self) -> list[str]:
        """Apply the migrations not yet applied; returns their file names."""
        applied: list[str] = []
        shipped = migrations()
        with self.connection() as conn:
            # One hub at a time migrates; the others wait here, then see the work done and committed.
            conn.execute("SELECT pg_advisory_lock(7215001)")
            conn.commit()
            try:
                with conn.transaction():
                    conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (number integer PRIMARY KEY, "
                                 "name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())")
                    done = {r["number"] for r in conn.execute("SELECT number FROM schema_migrations")}
                newest = max(done, default=0)
                if shipped and newest > shipped[-1][0]:
                    raise HubError(f"the hub's database has schema migration {newest}, newer than this "
                                   f"PackSeal knows ({shipped[-1][0]}): run the newer PackSeal")
                for number, name, sql in shipped:
                    if number in done:
                        continue
                    with conn.transaction():  # each migration whole or not at all
                        conn.execute(sql)
                        conn.execute("INSERT INTO schema_migrations (number, name) VALUES (%s, %s)", (number, name))
                    applied.append(name)
            finally:
                conn.rollback()
                conn.execute("SELECT pg_advisory_unlock(7215001)")
                conn.commit()
        return applied


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", url)

