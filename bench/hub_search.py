"""How fast the hub's staff search answers at scale (a script that prints figures, not a test).

Starts a private PostgreSQL cluster the way the hub does (packseal.hub.postgres),
applies the hub's migrations, fills ``clips`` with N rows from S stations (one
clip a minute each; default 10,000,000 clips from 50 stations, about 139 days),
then times the searches staff run most: what ``GET /api/clips`` runs in the
database (packseal.hub.search.search: its statements, in one transaction,
through psycopg), and the whole request through the hub's application
in-process (session check, JSON), median of 7 runs. Beside the first, on the
same table: the one statement of schema 008's search (the 5-gram index for
texts of 5 characters or more, the trigram indexes for shorter ones, the
server's parallel workers allowed; the search itself reads schema 009's
day-tagged 4-grams for texts of 4 and 5 characters, day by day) and the one
before it (the trigram indexes alone); all three must find the same page.
It prints what the gram indexes cost (build time, size, and the time of a
clip's insert with and without each) and the plans PostgreSQL chose
(EXPLAIN ANALYZE) for the statements of the searches with a text.

    .venv/bin/python bench/hub_search.py --rows 10000000

``--keep DIR`` leaves the filled cluster in DIR (stopped) and ``--reuse DIR``
times the searches again on it without filling (applying the migrations it
lacks first, and printing how long they took); both leave out the insert
timing, which changes the table.
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
from packseal.hub.search import cursor_after, search, search_query, text_match  # noqa: E402
from packseal.hub.system_user import server_user  # noqa: E402
from tests.support.hub_servers import reachable_temp_dir  # noqa: E402

REPEATS = 7
TRIGRAMS_ONLY = "(c.order_id ILIKE %(q)s OR c.waybills ILIKE %(q)s)"  # the text condition before 008
INSERTS = 5000

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


def fill(db: Database, rows: int, stations: int) -> tuple[float, dict[str, float]]:
    """Insert the rows with the clips indexes dropped, then build them again (as a bulk load would).

    Returns the whole time and each index's build time.
    """
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
    built = {}
    with db.connection() as conn:
        conn.execute("SET maintenance_work_mem = '512MB'")
        for definition in indexes:
            t1 = time.perf_counter()
            conn.execute(definition)
            built[definition.split(" INDEX ", 1)[1].split(" ON ", 1)[0]] = time.perf_counter() - t1
    with db.connection() as conn:
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE clips")
        conn.autocommit = False
    return time.perf_counter() - t0, built


def trigrams_only(params: dict) -> tuple[str, dict]:
    """The statement of ``params`` as it was before the 5-gram index: the text through the trigram indexes alone."""
    sql, args = search_query(params)
    if "q" in params:
        sql = sql.replace(text_match(args["text"]), TRIGRAMS_ONLY)
    return sql, args


def one_text_index(db: Database, searches: list[dict]) -> None:
    """The partial searches through the two trigram indexes, and through one over both columns, side by side."""
    t0 = time.perf_counter()
    with db.connection() as conn:
        conn.execute("SET maintenance_work_mem = '512MB'")
        conn.execute("CREATE INDEX clips_text_trgm ON clips USING gin ((order_id || ' ' || waybills) gin_trgm_ops)")
        conn.execute("ANALYZE clips")
    print(f"\none trigram index over order_id || ' ' || waybills built in {time.perf_counter() - t0:.1f} s")
    print("\n| q | two indexes, SQL ms | one index, SQL ms | rows (both) |\n|---|---|---|---|")
    for params in searches:
        sql, sql_args = trigrams_only(params)
        one_sql = sql.replace(TRIGRAMS_ONLY, "(c.order_id || ' ' || c.waybills) ILIKE %(q)s")
        with db.connection() as conn:
            found = sorted(r["id"] for r in conn.execute(sql, sql_args).fetchall())
            found_one = sorted(r["id"] for r in conn.execute(one_sql, sql_args).fetchall())
            two_ms = median_ms(lambda: conn.execute(sql, sql_args).fetchall())
            one_ms = median_ms(lambda: conn.execute(one_sql, sql_args).fetchall())
        same = "same" if found == found_one else f"differ: {len(found)} / {len(found_one)}"
        print(f"| `{params['q']}` | {two_ms:.2f} | {one_ms:.2f} | {len(found)} ({same}) |", flush=True)


def insert_ms(db: Database, rows: int, first: int, stations: int) -> float:
    """Milliseconds a clip row takes to insert, one statement and one commit each, as sync inserts them."""
    t0 = time.perf_counter()
    with db.connection() as conn:
        conn.autocommit = True
        for n in range(first, first + rows):
            conn.execute(FILL, {"stations": stations, "first": n, "last": n})
        conn.autocommit = False
    return (time.perf_counter() - t0) * 1000 / rows


def grams_cost(db: Database, rows: int, stations: int, built: dict[str, float]) -> None:
    """What the gram indexes cost: their builds, their sizes, and a clip's insert with and without each."""
    with db.connection() as conn:
        size = conn.execute("SELECT pg_relation_size('clips_grams') AS g, pg_relation_size('clips_day_grams') AS d, "
                            "pg_relation_size('clips_order_trgm') + pg_relation_size('clips_waybills_trgm') AS t, "
                            "pg_relation_size('clips') AS c").fetchone()
        function_us = {}
        for function in ("clip_grams(order_id, waybills)", "clip_day_grams(order_id, waybills, start)"):
            t0 = time.perf_counter()
            conn.execute(f"SELECT count({function}) FROM clips WHERE id <= 100000").fetchone()
            function_us[function.split("(")[0]] = (time.perf_counter() - t0) * 1e6 / min(rows, 100_000)
    for name, label, key in (("clips_grams", "5-gram index", "g"), ("clips_day_grams", "day-tagged 4-gram index", "d")):
        print(f"\n{label} {name}: built in {built[name]:.1f} s, {size[key] / 2**20:,.0f} MB "
              f"({size[key] / rows:.1f} bytes a clip)", end="")
    print(f"\nthe two trigram indexes {size['t'] / 2**20:,.0f} MB, the table without indexes "
          f"{size['c'] / 2**20:,.0f} MB; " + ", ".join(f"{f}() {us:.1f} µs a row" for f, us in function_us.items()),
          flush=True)
    first, times = rows + 1, []
    for drop in (None, "clips_day_grams", "clips_grams"):
        if drop:
            with db.connection() as conn:
                conn.execute(f"DROP INDEX {drop}")
        times.append(insert_ms(db, INSERTS, first, stations))
        first += INSERTS
    print(f"insert of one clip (one statement and commit each, {INSERTS:,} clips each, one run after the other): "
          f"{times[0]:.3f} ms with every index, {times[1]:.3f} ms without the day-tagged 4-gram index, "
          f"{times[2]:.3f} ms without either gram index; load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)


class Recording:
    """A connection that notes the statements run through it."""

    def __init__(self, conn) -> None:
        self.conn, self.statements = conn, []

    def execute(self, sql: str, args=None):
        self.statements.append((sql, args))
        return self.conn.execute(sql, args)


def explain(db: Database, label: str, params: dict) -> None:
    """The plans of the statements the search runs, in its transaction (EXPLAIN ANALYZE, BUFFERS)."""
    with db.connection() as conn:
        recording = Recording(conn)
        search(recording, params)
        print(f"\n{label}: {params}", flush=True)
        for sql, sql_args in recording.statements:
            if sql.startswith("SELECT"):
                plan = [r["QUERY PLAN"] for r in conn.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, sql_args)]
                window = {k: str(sql_args[k]) for k in ("first_day", "after_days", "rows") if k in (sql_args or {})}
                print(f"  {window}\n" + "\n".join("    " + line for line in plan), flush=True)


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
    ap.add_argument("--keep", type=Path, metavar="DIR",
                    help="fill a cluster in DIR (a new folder) and leave it there, stopped, for --reuse")
    ap.add_argument("--reuse", type=Path, metavar="DIR",
                    help="time the searches on the cluster a run with --keep DIR filled, without filling")
    args = ap.parse_args()
    if args.keep and args.reuse:
        ap.error("--keep and --reuse are two runs: fill with --keep DIR once, then time with --reuse DIR")
    if (args.keep or args.reuse) and args.one_text_index:
        ap.error("--one-text-index adds an index to the table: not with --keep or --reuse")
    if args.reuse and not (args.reuse / "postgres" / "PG_VERSION").exists():
        ap.error(f"{args.reuse} holds no cluster a run with --keep filled")
    if args.keep and args.keep.exists():
        ap.error(f"{args.keep} exists: --keep makes a new folder")
    print(f"started {time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime())} UTC, load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    if args.keep:
        args.keep.mkdir(mode=0o711, parents=True)
    base = args.keep or args.reuse or reachable_temp_dir("packseal-hubbench-")
    cluster = PrivateCluster(base / "postgres", base / "postgres.json", server_user())
    try:
        cluster.start()
        db = Database(cluster.url())
        db.open()
        t0 = time.perf_counter()
        applied = db.migrate()
        if args.reuse:
            print(f"migrations applied to the kept cluster: {', '.join(applied) or 'none'} in "
                  f"{time.perf_counter() - t0:.1f} s", flush=True)
            with db.connection() as conn:
                args.rows = conn.execute("SELECT count(*) AS n FROM clips").fetchone()["n"]
                args.stations = conn.execute("SELECT count(*) AS n FROM stations").fetchone()["n"]
                conn.execute("DELETE FROM accounts WHERE name = 'bench'")
            seconds, built = 0.0, {}
        else:
            seconds, built = fill(db, args.rows, args.stations)
        with db.connection() as conn:
            size = conn.execute("SELECT pg_size_pretty(pg_total_relation_size('clips')) AS s").fetchone()["s"]
            sample_id = args.rows * 2 // 3 + (12345 if args.rows > 100_000 else 0)
            sample = conn.execute("SELECT order_id, waybills, packer, start, s.name AS station FROM clips c "
                                  "JOIN stations s ON s.id = c.station_id WHERE c.id = %s", (sample_id,)).fetchone()
        print(f"{'reused' if args.reuse else 'filled'} {args.rows:,} clips from {args.stations} stations in {seconds:.1f} s; clips table "
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
        order, waybill, day = sample["order_id"], sample["waybills"], sample["start"].date().isoformat()
        first_page = search_query({"q": "00000"})
        with db.connection() as conn:
            rows = conn.execute(*first_page).fetchall()
        cursor = cursor_after(rows[min(99, len(rows) - 1)])
        queries = [
            (f"partial order ID `{order[-7:]}`", {"q": order[-7:]}),
            (f"partial waybill `{waybill[3:11]}`", {"q": waybill[3:11]}),
            (f"partial waybill, 5 characters `{waybill[6:11]}`", {"q": waybill[6:11]}),
            (f"partial waybill, 6 characters `{waybill[6:12]}`", {"q": waybill[6:12]}),
            (f"whole waybill, mixed case `{waybill.swapcase()[:1] + waybill[1:]}`",
             {"q": waybill.swapcase()[:1] + waybill[1:]}),
            (f"whole order ID `{order}`", {"q": order}),
            (f"partial waybill, 4 characters `{waybill[7:11]}`, newest 100", {"q": waybill[7:11]}),
            (f"partial waybill, 4 characters `{waybill[7:11]}`, page 2 (cursor)", {"q": waybill[7:11], "cursor": None}),
            (f"partial order ID, 4 characters `{order[-4:]}`, newest 100", {"q": order[-4:]}),
            ("common text, 4 characters `0000`, newest 100", {"q": "0000"}),
            ("common text, 4 characters `sf12`, newest 100", {"q": "sf12"}),
            (f"partial waybill, 3 characters `{waybill[8:11]}`, newest 100", {"q": waybill[8:11]}),
            ("partial waybill, 4 characters + its station", {"q": waybill[7:11], "station": sample["station"]}),
            ("partial waybill, 4 characters + its packer", {"q": waybill[7:11], "packer": sample["packer"]}),
            ("partial waybill, 4 characters + last week", {"q": waybill[7:11], "from": week}),
            ("partial waybill, 5 characters + its station", {"q": waybill[6:11], "station": sample["station"]}),
            ("common text `SF1`, newest 100", {"q": "SF1"}),
            ("common text `00000`, newest 100", {"q": "00000"}),
            ("common text `00000`, page 2 (cursor)", {"q": "00000", "cursor": cursor}),
            ("partial waybill + last week", {"q": waybill[3:11], "from": week}),
            ("partial order ID + from/to its day", {"q": order[-7:], "from": day, "to": day}),
            ("partial waybill + its station", {"q": waybill[3:11], "station": sample["station"]}),
            ("partial order ID + its packer", {"q": order[-7:], "packer": sample["packer"]}),
            ("partial waybill + outcome + kind", {"q": waybill[3:11], "outcome": "not-checked", "kind": "shipment"}),
            ("last week, newest 100", {"from": week}),
            ("last week + station", {"from": week, "station": "Bench 7"}),
            ("last week + packer", {"from": week, "packer": "packer-42"}),
            ("no filter, newest 100", {}),
        ]
        print("\n| query | SQL ms | SQL ms, one statement (008) | SQL ms, trigrams only | API ms | rows |"
              "\n|---|---|---|---|---|---|")
        for label, params in queries:
            if params.get("cursor", "") is None:  # the second page of the search before it in the list
                params["cursor"] = cursor
            sql, sql_args = search_query(params)
            old_sql, _ = trigrams_only(params)
            with db.connection() as conn:  # the search as the hub runs it, in a transaction of its own
                page, cursor = search(conn, params)
                sql_ms = median_ms(lambda: search(conn, params))
            with db.connection() as conn:  # the one statement before, with the server's default settings
                found = [r["id"] for r in conn.execute(sql, sql_args).fetchall()]
                found_before = [r["id"] for r in conn.execute(old_sql, sql_args).fetchall()]
                one_ms = median_ms(lambda: conn.execute(sql, sql_args).fetchall())
                old_ms = median_ms(lambda: conn.execute(old_sql, sql_args).fetchall()) if "q" in params else None
            api_ms = median_ms(lambda: client.get("/api/clips", params=params).raise_for_status())
            limit = sql_args["limit"]
            same = ("same" if [r["id"] for r in page] == found[:limit] == found_before[:limit]
                    and (cursor is not None) == (len(found) > limit) == (len(found_before) > limit)
                    else f"DIFFER: {len(found)} in one statement, {len(found_before)} trigrams only")
            before = "" if old_ms is None else f"{old_ms:.2f}"
            more = " + next" if cursor else ""
            print(f"| {label} | {sql_ms:.2f} | {one_ms:.2f} | {before} | {api_ms:.2f} | {len(page)}{more} ({same}) |",
                  flush=True)
        print("\nplans of the searches with a text (EXPLAIN ANALYZE, BUFFERS):")
        for label, params in queries:
            if "q" in params:
                explain(db, label, params)
        if not (args.keep or args.reuse):
            grams_cost(db, args.rows, args.stations, built)
        if args.one_text_index:
            one_text_index(db, [params for label, params in queries if "q" in params])
        print(f"ended {time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime())} UTC, load average "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        client.close()
        db.close()
    finally:
        cluster.stop()
        if not (args.keep or args.reuse):
            shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
