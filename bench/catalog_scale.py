"""How fast the catalog answers at scale (a script that prints figures, not a test).

Fills a fresh catalog in a temporary folder with N clip rows (default one
million: several years of a busy station), then times the searches the owner
runs most, through :class:`packseal.core.catalog.Catalog` and, beside it, the
same SQL through the plain ``sqlite3`` module (the cost of PackSeal's layer),
plus a LIKE scan to show what the trigram index saves.

    .venv/bin/python bench/catalog_scale.py --rows 1000000
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "app"))

from packseal.core.catalog import Catalog, to_ms  # noqa: E402
from packseal.core.catalog.query import fts_phrase  # noqa: E402

STATIONS = ("packing-1", "packing-2", "packing-3", "returns")
START = datetime(2022, 1, 1, tzinfo=timezone.utc)
BATCH = 100_000
REPEATS = 7


def order_id(rng: random.Random, n: int) -> str:
    """A plausible mix of waybill and marketplace order numbers; ``n`` keeps them unique."""
    kind = n % 5
    if kind == 0:
        return f"SF{rng.randrange(10**5):05d}{n:08d}"
    if kind == 1:
        return f"YT{rng.randrange(10**5):05d}{n:08d}"
    if kind == 2:
        return f"773{rng.randrange(10**4):04d}{n:08d}"
    if kind == 3:
        return f"{rng.randrange(10**10, 10**11)}{n:08d}"  # 19-digit Taobao order
    return f"JDVA{rng.randrange(10**3):03d}{n:08d}"


def fill(path: Path, rows: int, seed: int) -> tuple[float, list[str]]:
    """Insert ``rows`` clips (one order each) with executemany; return seconds and the IDs."""
    rng = random.Random(seed)
    step_ms = int(3 * 365 * 24 * 3600 * 1000 / rows)  # spread over about three years
    base = to_ms(START)
    ids: list[str] = []
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous = NORMAL")
    began = time.perf_counter()
    for first in range(0, rows, BATCH):
        clips = []
        for n in range(first, min(rows, first + BATCH)):
            oid = order_id(rng, n)
            ids.append(oid)
            start = base + n * step_ms + rng.randrange(step_ms // 2 + 1)
            duration = rng.randrange(15_000, 90_000)
            clips.append((
                oid, STATIONS[n % len(STATIONS)], start + 2_000, start, start + duration, duration,
                duration // 40, f"clips/{oid}.mp4", duration * 200, "ab" * 32, "complete", start,
            ))
        with conn:
            conn.executemany(
                "INSERT INTO orders (order_id, first_seen, last_seen, clip_count) VALUES (?, ?, ?, 1)",
                [(c[0], c[2], c[2]) for c in clips],
            )
            conn.executemany(
                "INSERT INTO clips (order_id, station, scan_ms, start_ms, end_ms, duration_ms, "
                "frame_count, file, bytes, sha256, status, created_ms) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                clips,
            )
        print(f"  {min(rows, first + BATCH):>9,} rows  {time.perf_counter() - began:6.1f} s", flush=True)
    conn.execute("PRAGMA optimize")
    conn.close()
    return time.perf_counter() - began, ids


def timed(fn: Callable[[], object]) -> tuple[float, float, object]:
    """Median and minimum milliseconds over REPEATS runs (after one warm-up run), and the result."""
    result = fn()
    times = []
    for _ in range(REPEATS):
        began = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times), min(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="clip rows to create")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="fill (or reuse) DIR/catalog.sqlite instead of a temporary folder")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="packseal-bench-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "catalog.sqlite"
        if path.exists():
            print(f"reusing {path}")
            ids = [row[0] for row in sqlite3.connect(path).execute("SELECT order_id FROM clips ORDER BY id")]
        else:
            Catalog.open(path).close()  # schema and indexes from the real migrations
            print(f"filling {args.rows:,} clips into {path}")
            seconds, ids = fill(path, args.rows, args.seed)
            size_mb = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
            print(f"filled in {seconds:.1f} s ({args.rows / seconds:,.0f} rows/s), {size_mb:,.0f} MB on disk\n")

        target = ids[len(ids) // 2]
        partial = target[4:12]  # from the middle of an ID
        week_from = START + timedelta(days=400)
        week_to = week_from + timedelta(days=6)
        week_ms = (to_ms(week_from), to_ms(week_to + timedelta(days=1)) - 1)
        newest = "ORDER BY start_ms DESC, id DESC LIMIT 100"

        cat = Catalog.open(path)
        raw = sqlite3.connect(path)
        raw.execute("PRAGMA journal_mode = WAL")

        def raw_rows(sql: str, params: list[object]) -> list[tuple]:
            return raw.execute(sql, params).fetchall()

        cases: list[tuple[str, Callable[[], object], Callable[[], object]]] = [
            (
                f"partial ID '{partial}' (first 100)",
                lambda: cat.search(partial),
                lambda: raw_rows(
                    "SELECT * FROM clips WHERE id IN (SELECT rowid FROM clips_fts "
                    f"WHERE clips_fts MATCH ?) {newest}", [fts_phrase(partial)]),
            ),
            (
                f"partial ID '{partial}' count",
                lambda: cat.count(partial),
                lambda: raw_rows(
                    "SELECT count(*) FROM clips WHERE id IN (SELECT rowid FROM clips_fts "
                    "WHERE clips_fts MATCH ?)", [fts_phrase(partial)]),
            ),
            (
                "2-char prefix 'SF' (first 100)",
                lambda: cat.search("SF"),
                # The plan the catalog picks for a text that many IDs match:
                # walk start_ms newest first, filter by the text (unary + hides its index).
                lambda: raw_rows(
                    f"SELECT * FROM clips WHERE +upper(order_id) >= ? AND +upper(order_id) < ? {newest}",
                    ["SF", "SG"]),
            ),
            (
                "common text '773' (first 100)",
                lambda: cat.search("773"),
                lambda: raw_rows(
                    "SELECT * FROM clips WHERE +id IN (SELECT rowid FROM clips_fts "
                    f"WHERE clips_fts MATCH ?) {newest}", [fts_phrase("773")]),
            ),
            (
                "one week, date range (first 100)",
                lambda: cat.search(date_from=week_from.date(), date_to=week_to.date(), tz=timezone.utc),
                lambda: raw_rows(f"SELECT * FROM clips WHERE start_ms >= ? AND start_ms <= ? {newest}",
                                 list(week_ms)),
            ),
            (
                "one week + station (first 100)",
                lambda: cat.search(date_from=week_from.date(), date_to=week_to.date(),
                                   station="packing-2", tz=timezone.utc),
                lambda: raw_rows(
                    f"SELECT * FROM clips WHERE start_ms >= ? AND start_ms <= ? AND station = ? {newest}",
                    [*week_ms, "packing-2"]),
            ),
            (
                "first page: count + newest 100",
                lambda: (cat.count(), cat.search()),
                lambda: (raw_rows("SELECT count(*) FROM clips", []),
                         raw_rows(f"SELECT * FROM clips {newest}", [])),
            ),
            (
                "first page of a week: count + 100",
                lambda: (cat.count(date_from=week_from.date(), date_to=week_to.date(), tz=timezone.utc),
                         cat.search(date_from=week_from.date(), date_to=week_to.date(), tz=timezone.utc)),
                lambda: (raw_rows("SELECT count(*) FROM clips WHERE start_ms >= ? AND start_ms <= ?",
                                  list(week_ms)),
                         raw_rows(f"SELECT * FROM clips WHERE start_ms >= ? AND start_ms <= ? {newest}",
                                  list(week_ms))),
            ),
            (
                "stations()",
                cat.stations,
                lambda: raw_rows("SELECT DISTINCT station FROM clips ORDER BY station", []),
            ),
        ]

        print(f"{'query':<40} {'Catalog ms':>11} {'sqlite3 ms':>11}   (median of {REPEATS}, min)")
        for name, through_catalog, through_sqlite in cases:
            c_med, c_min, _ = timed(through_catalog)
            r_med, r_min, _ = timed(through_sqlite)
            print(f"{name:<40} {c_med:>11.2f} {r_med:>11.2f}   ({c_min:.2f} / {r_min:.2f})")

        found = cat.search(partial)
        assert any(c.order_id == target for c in found), "the partial ID search missed its target"
        print("\nfor comparison, plain SQL without the catalog's choices:")
        naive = [
            (f"partial ID '{partial}' as a LIKE scan",
             f"SELECT * FROM clips WHERE order_id LIKE ? {newest}", [f"%{partial}%"]),
            ("prefix 'SF' through its index, sorted",
             f"SELECT * FROM clips WHERE upper(order_id) >= ? AND upper(order_id) < ? {newest}",
             ["SF", "SG"]),
            ("text '773' through the trigram index, sorted",
             "SELECT * FROM clips WHERE id IN (SELECT rowid FROM clips_fts WHERE clips_fts MATCH ?) "
             f"{newest}", [fts_phrase("773")]),
        ]
        for name, sql, params in naive:
            med, _, _ = timed(lambda: raw_rows(sql, params))  # noqa: B023 - run at once
            print(f"  {name:<46} {med:>9.1f} ms")
        cat.close()
        raw.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
