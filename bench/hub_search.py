"""How fast the hub's staff search answers at scale (a script that prints figures, not a test).

Starts a private PostgreSQL cluster the way the hub does (packseal.hub.postgres),
applies the hub's migrations, fills ``clips`` with N rows from S stations (one
clip a minute each; default 10,000,000 clips from 50 stations, about 139 days),
then times the searches staff run most: the SQL that ``GET /api/clips`` runs
(packseal.hub.search), straight through psycopg, and the whole request through
the hub's application in-process (session check, JSON), median of 7 runs.

    .venv/bin/python bench/hub_search.py --rows 10000000
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "app"))
sys.path.insert(0, str(ROOT))

from packseal.hub import accounts  # noqa: E402
from packseal.hub.db import Database  # noqa: E402
from packseal.hub.postgres import PrivateCluster  # noqa: E402
from packseal.hub.search import search_query  # noqa: E402
from packseal.hub.system_user import server_user  # noqa: E402
from tests.support.hub_servers import reachable_temp_dir  # noqa: E402

REPEATS = 7

FILL = """
INSERT INTO clips (station_id, order_id, waybills, packer, sha256, start, duration_s, size, status)
SELECT 'station-' || (1 + n %% %(stations)s),
       CASE n %% 3 WHEN 0 THEN 'SF' || lpad(((n::bigint * 7919) %% 100000)::text, 5, '0') || lpad(n::text, 8, '0')
                   WHEN 1 THEN lpad(((n::bigint * 104729) %% 1000000000)::text, 9, '0') || lpad(n::text, 9, '0')
                   ELSE 'JD' || lpad(n::text, 12, '0') END,
       'YT' || lpad(((n::bigint * 2654435761) %% 10000000000000)::text, 13, '0'),
       'packer-' || (n %% 200),
       encode(sha256(n::text::bytea), 'hex'),
       timestamptz '2026-01-01 00:00+00' + (n / %(stations)s) * interval '1 minute',
       30 + n %% 90, 20000000, 'stored'
FROM generate_series(%(first)s::bigint, %(last)s::bigint) AS n
"""


def fill(db: Database, rows: int, stations: int) -> float:
    """Insert the rows with the clips indexes dropped, then build them again (as a bulk load would)."""
    t0 = time.perf_counter()
    with db.connection() as conn:
        conn.execute("INSERT INTO stations (id, name, public_key, last_sync_at) SELECT 'station-' || i, "
                     "'Bench ' || i, '\\x00'::bytea, now() FROM generate_series(1, %s) AS i", (stations,))
        indexes = [r["indexdef"] for r in conn.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'clips' AND indexname NOT IN "
            "(SELECT conname FROM pg_constraint WHERE conrelid = 'clips'::regclass)")]
        for definition in indexes:
            conn.execute("DROP INDEX " + definition.split(" INDEX ", 1)[1].split(" ON ", 1)[0])
    step = 1_000_000
    for first in range(1, rows + 1, step):
        with db.connection() as conn:
            conn.execute(FILL, {"stations": stations, "first": first, "last": min(first + step - 1, rows)})
    with db.connection() as conn:
        conn.execute("SET maintenance_work_mem = '512MB'")
        for definition in indexes:
            conn.execute(definition)
    with db.connection() as conn:
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE clips")
        conn.autocommit = False
    return time.perf_counter() - t0


def one_text_index(db: Database, searches: list[dict]) -> None:
    """The partial searches as they are, and through one trigram index over both columns, side by side."""
    t0 = time.perf_counter()
    with db.connection() as conn:
        conn.execute("SET maintenance_work_mem = '512MB'")
        conn.execute("CREATE INDEX clips_text_trgm ON clips USING gin ((order_id || ' ' || waybills) gin_trgm_ops)")
        conn.execute("ANALYZE clips")
    print(f"\none trigram index over order_id || ' ' || waybills built in {time.perf_counter() - t0:.1f} s")
    print("\n| q | two indexes, SQL ms | one index, SQL ms | rows (both) |\n|---|---|---|---|")
    two = "(c.order_id ILIKE %(q)s OR c.waybills ILIKE %(q)s)"
    for params in searches:
        sql, sql_args = search_query(params)
        one_sql = sql.replace(two, "(c.order_id || ' ' || c.waybills) ILIKE %(q)s")
        with db.connection() as conn:
            found = sorted(r["id"] for r in conn.execute(sql, sql_args).fetchall())
            found_one = sorted(r["id"] for r in conn.execute(one_sql, sql_args).fetchall())
            two_ms = median_ms(lambda: conn.execute(sql, sql_args).fetchall())
            one_ms = median_ms(lambda: conn.execute(one_sql, sql_args).fetchall())
        same = "same" if found == found_one else f"differ: {len(found)} / {len(found_one)}"
        print(f"| `{params['q']}` | {two_ms:.2f} | {one_ms:.2f} | {len(found)} ({same}) |", flush=True)


def median_ms(run) -> float:
    times = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        run()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--stations", type=int, default=50)
    ap.add_argument("--one-text-index", action="store_true",
                    help="then also time the partial searches through one trigram index over "
                         "order_id || ' ' || waybills (built after the main table), side by side")
    args = ap.parse_args()
    print(f"started {time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime())} UTC, load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    base = reachable_temp_dir("packseal-hubbench-")
    cluster = PrivateCluster(base / "postgres", base / "postgres.json", server_user())
    try:
        cluster.start()
        db = Database(cluster.url())
        db.open()
        db.migrate()
        seconds = fill(db, args.rows, args.stations)
        with db.connection() as conn:
            size = conn.execute("SELECT pg_size_pretty(pg_total_relation_size('clips')) AS s").fetchone()["s"]
            sample = conn.execute("SELECT order_id, waybills FROM clips WHERE id = %s",
                                  (args.rows * 2 // 3 + 12345,)).fetchone()
        print(f"filled {args.rows:,} clips from {args.stations} stations in {seconds:.1f} s; clips table "
              f"with indexes: {size}; load average now {' '.join(f'{x:.2f}' for x in os.getloadavg())}",
              flush=True)
        from starlette.testclient import TestClient

        from packseal.hub.web import create_app

        with db.connection() as conn:
            accounts.add_account(conn, "bench", "auditor", "bench-password")
        app = create_app(SimpleNamespace(db=db, https=False))  # search needs no object store
        client = TestClient(app)
        assert client.post("/api/login", json={"user": "bench", "password": "bench-password"}).status_code == 200
        with db.connection() as conn:
            newest = conn.execute("SELECT max(start) AS m FROM clips").fetchone()["m"]
        week = (newest - timedelta(days=7)).date().isoformat()
        queries = [
            (f"partial order ID `{sample['order_id'][-7:]}`", {"q": sample["order_id"][-7:]}),
            (f"partial waybill `{sample['waybills'][3:11]}`", {"q": sample["waybills"][3:11]}),
            ("common text `SF1`, newest 100", {"q": "SF1"}),
            ("last week, newest 100", {"from": week}),
            ("last week + station", {"from": week, "station": "Bench 7"}),
            ("last week + packer", {"from": week, "packer": "packer-42"}),
            ("no filter, newest 100", {}),
        ]
        print("\n| query | SQL ms | API ms | rows |\n|---|---|---|---|")
        for label, params in queries:
            sql, sql_args = search_query(params)
            with db.connection() as conn:
                found = len(conn.execute(sql, sql_args).fetchall())
                sql_ms = median_ms(lambda: conn.execute(sql, sql_args).fetchall())
            api_ms = median_ms(lambda: client.get("/api/clips", params=params).raise_for_status())
            print(f"| {label} | {sql_ms:.2f} | {api_ms:.2f} | {found} |", flush=True)
        if args.one_text_index:
            one_text_index(db, [params for label, params in queries if "q" in params])
        print(f"ended {time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime())} UTC, load average "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        client.close()
        db.close()
    finally:
        cluster.stop()
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
