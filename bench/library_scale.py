"""How fast the library's table answers at a million clips (a script that prints figures, not a test).

Fills a catalog with N clip rows (default one million) with the filler of
``bench/catalog_scale.py``, then, for the searches the owner runs, measures
in one run:

* **model**: from setting the filters on the library's table model to its
  first rows being available (count + first page, on the task runner);
* **table**: from setting the filters to the table view's first paint
  showing loaded rows (a real ``QTableView`` under offscreen Qt);
* **sqlite3**: the same count and first page run directly with ``sqlite3``.

Then it scrolls the table deep into the result (row 500,000), sorted by time
and by size, and times until those rows are painted.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/library_scale.py --keep /tmp/bench1m
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "app"))
sys.path.insert(0, str(HERE))

import catalog_scale  # noqa: E402  (the filler shared with the catalog benchmark)
from PySide6.QtCore import QEvent, QObject, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableView  # noqa: E402

from packseal.core.catalog import Catalog, to_ms  # noqa: E402
from packseal.core.catalog.query import fts_phrase  # noqa: E402
from packseal.gui.library.filters import SearchFilters  # noqa: E402
from packseal.gui.library.model import SIZE, TIME, ClipTableModel  # noqa: E402
from packseal.gui.tasks import TaskRunner  # noqa: E402

REPEATS = 5
NEWEST = "ORDER BY start_ms DESC, id DESC LIMIT 200"


class PaintWatch(QObject):
    """Notes when the table's viewport is painted with every visible row loaded."""

    def __init__(self, view: QTableView, model: ClipTableModel) -> None:
        super().__init__()
        self.view, self.model = view, model
        self.armed = False
        self.painted_at: float | None = None
        view.viewport().installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if self.armed and event.type() == QEvent.Type.Paint and not self.model.loading:
            top = self.view.rowAt(0)
            bottom = self.view.rowAt(self.view.viewport().height() - 1)
            bottom = self.model.rowCount() - 1 if bottom < 0 else bottom
            if top < 0 or all(self.model.is_loaded(r) for r in range(top, bottom + 1)):
                self.painted_at = time.perf_counter()
                self.armed = False
        return False


def run_until(app: QApplication, done: Callable[[], bool], timeout_s: float = 60.0) -> None:
    deadline = time.perf_counter() + timeout_s
    while not done():
        if time.perf_counter() > deadline:
            raise TimeoutError("the table did not answer in time")
        app.processEvents()
        time.sleep(0.0005)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="clip rows to create")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="fill (or reuse) DIR/catalog.sqlite instead of a temporary folder")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])

    with tempfile.TemporaryDirectory(prefix="packseal-bench-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "catalog.sqlite"
        if path.exists():
            print(f"reusing {path}")
            ids = [r[0] for r in sqlite3.connect(path).execute("SELECT order_id FROM clips ORDER BY id")]
        else:
            Catalog.open(path).close()
            print(f"filling {args.rows:,} clips into {path}")
            seconds, ids = catalog_scale.fill(path, args.rows, args.seed)
            print(f"filled in {seconds:.1f} s")
        print(f"{len(ids):,} clips\n")

        partial = ids[len(ids) // 2][4:12]
        week_from = catalog_scale.START + timedelta(days=400)
        week_to = week_from + timedelta(days=6)
        week_ms = [to_ms(week_from), to_ms(week_to + timedelta(days=1)) - 1]

        catalog = Catalog.open(path)
        raw = sqlite3.connect(path)
        runner = TaskRunner(name="bench")
        model = ClipTableModel(catalog, runner)
        view = QTableView()
        view.setModel(model)
        view.verticalHeader().setSectionResizeMode(view.verticalHeader().ResizeMode.Fixed)
        view.resize(900, 700)
        view.show()
        watch = PaintWatch(view, model)

        def rows(sql: str, params: list[object]) -> object:
            return raw.execute(sql, params).fetchall()

        in_week = "start_ms >= ? AND start_ms <= ?"
        cases: list[tuple[str, SearchFilters, Callable[[], object]]] = [
            ("everything, newest first", SearchFilters(),
             lambda: (rows("SELECT count(*) FROM clips", []), rows(f"SELECT * FROM clips {NEWEST}", []))),
            (f"partial ID '{partial}'", SearchFilters(text=partial),
             lambda: (rows("SELECT count(*) FROM clips_fts WHERE clips_fts MATCH ?", [fts_phrase(partial)]),
                      rows("SELECT * FROM clips WHERE id IN (SELECT rowid FROM clips_fts WHERE clips_fts "
                           f"MATCH ?) {NEWEST}", [fts_phrase(partial)]))),
            ("prefix 'SF' (200,000 match)", SearchFilters(text="SF"),
             lambda: (rows("SELECT count(*) FROM clips WHERE upper(order_id) >= ? AND upper(order_id) < ?",
                           ["SF", "SG"]),
                      rows(f"SELECT * FROM clips WHERE +upper(order_id) >= ? AND +upper(order_id) < ? {NEWEST}",
                           ["SF", "SG"]))),
            ("common text '773'", SearchFilters(text="773"),
             lambda: (rows("SELECT count(*) FROM clips_fts WHERE clips_fts MATCH ?", [fts_phrase("773")]),
                      rows("SELECT * FROM clips WHERE +id IN (SELECT rowid FROM clips_fts WHERE clips_fts "
                           f"MATCH ?) {NEWEST}", [fts_phrase("773")]))),
            ("one week + station", SearchFilters(date_from=week_from.astimezone().date(),
                                                 date_to=week_to.astimezone().date(), station="packing-2"),
             lambda: (rows(f"SELECT count(*) FROM clips WHERE {in_week} AND station = ?", [*week_ms, "packing-2"]),
                      rows(f"SELECT * FROM clips WHERE {in_week} AND station = ? {NEWEST}",
                           [*week_ms, "packing-2"]))),
        ]

        def search(filters: SearchFilters) -> tuple[float, float]:
            """(ms to first rows in the model, ms to the table's first painted page)."""
            view.scrollToTop()
            run_until(app, lambda: not runner.busy)
            app.processEvents()
            watch.painted_at = None
            began = time.perf_counter()
            model.set_filters(filters)
            watch.armed = True
            run_until(app, lambda: not model.loading)
            rows_at = time.perf_counter()
            run_until(app, lambda: watch.painted_at is not None)
            assert watch.painted_at is not None
            return (rows_at - began) * 1000, (watch.painted_at - began) * 1000

        def raw_ms(fn: Callable[[], object]) -> float:
            began = time.perf_counter()
            fn()
            return (time.perf_counter() - began) * 1000

        print(f"{'search (count + first 200 rows)':<36} {'model ms':>9} {'table ms':>9} {'sqlite3 ms':>11}"
              f"   rows found   (median of {REPEATS})")
        for name, filters, through_sqlite in cases:
            search(filters)  # warm-up: caches, planner statistics
            raw_ms(through_sqlite)
            # the run with the median table time, both its figures (medians taken apart could cross)
            model_ms, table_ms = sorted((search(filters) for _ in range(REPEATS)), key=lambda t: t[1])[REPEATS // 2]
            direct = statistics.median(raw_ms(through_sqlite) for _ in range(REPEATS))
            print(f"{name:<36} {model_ms:>9.1f} {table_ms:>9.1f} {direct:>11.1f}   {model.total:>10,}")

        print("\nscrolling deep (time until the rows there are painted):")

        def scroll(row: int) -> float:
            run_until(app, lambda: not runner.busy)
            app.processEvents()  # let the view lay out the reset model before scrolling it
            watch.painted_at = None
            began = time.perf_counter()
            view.scrollTo(model.index(row, 0), QTableView.ScrollHint.PositionAtTop)
            watch.armed = True
            run_until(app, lambda: watch.painted_at is not None and model.is_loaded(row))
            return (time.perf_counter() - began) * 1000

        def sort(column: int, order: Qt.SortOrder) -> float:
            began = time.perf_counter()
            model.sort(column, order)
            run_until(app, lambda: not model.loading)
            return (time.perf_counter() - began) * 1000

        model.set_filters(SearchFilters())
        run_until(app, lambda: not model.loading)
        deep = len(ids) // 2
        print(f"  {'by time, to row ' + format(deep, ','):<46} {scroll(deep):>8.1f} ms")
        print(f"  {'by time, to row ' + format(deep + 30_000, ','):<46} {scroll(deep + 30_000):>8.1f} ms")
        print(f"  {'sort by size (first page)':<46} {sort(SIZE, Qt.SortOrder.DescendingOrder):>8.1f} ms")
        print(f"  {'by size, to row ' + format(deep, ',') + ' (sorts the ids once)':<46} {scroll(deep):>8.1f} ms")
        print(f"  {'by size, to row ' + format(deep + 30_000, ','):<46} {scroll(deep + 30_000):>8.1f} ms")
        offset_sql = "SELECT * FROM clips ORDER BY bytes DESC, id DESC LIMIT 200 OFFSET ?"
        print(f"  {'sqlite3: by size, OFFSET ' + format(deep, ','):<46} "
              f"{raw_ms(lambda: rows(offset_sql, [deep])):>8.1f} ms")
        sort(TIME, Qt.SortOrder.DescendingOrder)

        runner.wait_for_done()
        app.processEvents()
        view.close()
        catalog.close()
        raw.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
