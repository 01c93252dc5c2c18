"""The statistics page on known packing days: the numbers, the chart, CSV through the Export button, an empty catalog.

(Beside the library's tests, whose data dir fixture it shares.)"""

from __future__ import annotations

import csv
from datetime import date

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog

from packseal.gui.statistics import StatisticsPage
from packseal.gui.tasks import TaskRunner
from tests.support.packed_day import DAY_A, DAY_B, seal_packed_days



@pytest.fixture
def runner():
    r = TaskRunner(name="statistics test")
    yield r
    r.wait_for_done(10_000)


def test_statistics_page_numbers_chart_and_csv(qtbot, services, runner, tmp_path, monkeypatch):
    seal_packed_days(services)
    page = StatisticsPage(services, runner)
    qtbot.addWidget(page)
    page.resize(1190, 760)
    page.show()
    page.set_range(DAY_A, DAY_B)
    qtbot.waitUntil(lambda: page.statistics is not None and page.statistics.date_from == DAY_A, timeout=10_000)
    table = page.table
    lines = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]
    day_a = date.fromisoformat(DAY_A.isoformat())
    assert [day_a.isoformat(), "P-07", "2"] == lines[0][:3]
    assert lines[0][4:] == ["3.0", "1", "1", "1"]
    assert any(line[1] == "(not signed in)" for line in lines)
    assert lines[-1][:3] == ["All days", "All packers", "5"]
    series = page.chart.series()
    assert len(series) == 1 and {s.label() for s in series[0].barSets()} == {"P-07", "P-12", "(not signed in)"}
    assert "5 order(s)" in page.status_label.text()
    out = tmp_path / "stats.csv"
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kw: (asked.append(args), (str(out), "CSV files (*.csv)"))[1])
    page.export_button.click()  # as the owner does: the save dialog, then the file
    assert len(asked) == 1
    qtbot.waitUntil(out.exists, timeout=5_000)
    qtbot.waitUntil(lambda: "Saved" in page.status_label.text(), timeout=5_000)
    table_csv = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert table_csv[0][:3] == ["Day", "Packer", "Orders"] and out.read_bytes()[:3] == b"\xef\xbb\xbf"


def test_statistics_page_on_an_empty_catalog(qtbot, services, runner):
    page = StatisticsPage(services, runner)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.statistics is not None, timeout=10_000)
    assert page.table.rowCount() == 0 and not page.export_button.isEnabled()
    assert page.status_label.text() == "No orders were packed in these days."
    assert page.chart.title() == "No orders in these days"
    QApplication.processEvents()
