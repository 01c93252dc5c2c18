"""The virtual result table over thousands of catalog rows: pages, deep sorting, no row limit."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from packseal.core.catalog import ClipRecord
from packseal.core.catalog.browse import clips_by_id, search_ids
from packseal.gui.library import model as model_module
from packseal.gui.library.filters import SearchFilters
from packseal.gui.library.model import DURATION, PAGE_SIZE, SIZE, TIME, ClipTableModel
from packseal.gui.tasks import TaskRunner

ROWS = 2_345  # twelve pages, the last one partial
BASE_MS = 1_760_000_000_000


@pytest.fixture
def catalog(services):
    rng = random.Random(5)
    services.catalog.add_clips(
        ClipRecord(order_id=f"SF{n:08d}", station=("A", "B")[n % 2], scan_ms=BASE_MS + n * 60_000,
                   start_ms=BASE_MS + n * 60_000, file=f"clips/x/SF{n:08d}.mp4",
                   duration_ms=rng.randrange(5_000, 90_000), bytes=rng.randrange(10**5, 10**8))
        for n in range(ROWS))
    return services.catalog


@pytest.fixture
def table(qtbot, catalog):
    runner = TaskRunner(name="model test")
    model = ClipTableModel(catalog, runner)
    view = QTableView()
    view.setModel(model)
    view.resize(800, 400)
    qtbot.addWidget(view)
    view.show()
    view.runner = runner
    yield view, model
    runner.wait_for_done(10_000)


def loaded_rows(model: ClipTableModel, rows: range) -> list[ClipRecord] | None:
    records = [model.record(r) for r in rows]
    return None if any(r is None for r in records) else records


def scroll_to(qtbot, view: QTableView, model: ClipTableModel, row: int, count: int = 5) -> list[ClipRecord]:
    """Scroll the view to ``row`` and wait until the rows there are loaded (pages asked by painting)."""
    view.scrollTo(model.index(row, 0))
    got: list[ClipRecord] | None = None

    def ready() -> bool:
        nonlocal got
        view.viewport().update()
        got = loaded_rows(model, range(row, min(model.total, row + count)))
        return got is not None

    qtbot.waitUntil(ready, timeout=10_000)
    assert got is not None
    return got


def test_every_row_is_reachable_newest_first(qtbot, table):
    view, model = table
    with qtbot.waitSignal(model.search_finished, timeout=10_000) as done:
        model.set_filters(SearchFilters())
    assert done.args == [ROWS] and model.rowCount() == ROWS
    assert model.data(model.index(0, 1)) == f"SF{ROWS - 1:08d}"
    # a row far down shows a placeholder until its page arrives, then the right clip
    last = scroll_to(qtbot, view, model, ROWS - 3, 3)
    assert [r.order_id for r in last] == ["SF00000002", "SF00000001", "SF00000000"]
    middle = scroll_to(qtbot, view, model, 1_000, 1)
    assert middle[0].order_id == f"SF{ROWS - 1 - 1_000:08d}"


def test_sorting_by_size_is_right_deep_into_the_result(qtbot, table, catalog, monkeypatch):
    view, model = table
    monkeypatch.setattr(model_module, "DEEP_OFFSET", 3 * PAGE_SIZE)  # exercise the id-list path
    every = sorted(catalog.search(limit=10_000), key=lambda c: (c.bytes, c.id), reverse=True)
    with qtbot.waitSignal(model.search_finished, timeout=10_000):
        model.set_filters(SearchFilters())
    with qtbot.waitSignal(model.search_finished, timeout=10_000):
        view.sortByColumn(SIZE, Qt.SortOrder.DescendingOrder)
    assert model.sort_key == ("bytes", True)
    assert model.record(0).id == every[0].id
    for row in (PAGE_SIZE * 4 + 17, ROWS - 5, PAGE_SIZE * 2 + 1):  # deep (id list) and shallow (offset)
        got = scroll_to(qtbot, view, model, row, 5)
        assert [r.id for r in got] == [r.id for r in every[row:row + 5]]

    with qtbot.waitSignal(model.search_finished, timeout=10_000):
        view.sortByColumn(DURATION, Qt.SortOrder.AscendingOrder)
    shortest = min(every, key=lambda c: (c.duration_ms, c.id))
    assert model.record(0).id == shortest.id


def test_a_search_narrows_the_rows_and_older_answers_are_ignored(qtbot, table):
    view, model = table
    model.set_filters(SearchFilters(text="0000012"))  # SF00000120..129 and SF00000012
    with qtbot.waitSignal(model.search_finished, timeout=10_000) as done:
        model.set_filters(SearchFilters(text="00001234"))  # replaces the search still running
    assert done.args == [1]
    # every answer has arrived, the first search's too: it must not have replaced this one
    qtbot.waitUntil(lambda: not view.runner.busy, timeout=10_000)
    assert model.total == 1 and model.record(0).order_id == "SF00001234"
    assert model.data(model.index(0, TIME)) != "…"


def test_browsing_ids_matches_search_order(catalog):
    ids = search_ids(catalog, "SF0000", order_by="bytes", descending=False, station="B")
    records = catalog.search("SF0000", order_by="bytes", descending=False, station="B", limit=10_000)
    assert list(ids) == [r.id for r in records]
    sample = [ids[7], ids[3], 999_999, ids[0]]
    assert [r.id for r in clips_by_id(catalog, sample)] == [ids[7], ids[3], ids[0]]
    assert len(search_ids(catalog, "nothing-like-this")) == 0
