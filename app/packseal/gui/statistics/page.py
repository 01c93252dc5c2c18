"""The statistics page: per day and per packer, orders, orders per hour, pack time, problems.

The numbers come from :func:`packseal.core.catalog.statistics.packing_statistics`
(read on the task runner); the table lists each packer's row under its day
and the day's total, the chart shows each day's orders per packer, and the
table can be saved as CSV in UTF-8 with a BOM (Excel then reads Chinese).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import (QAbstractItemView, QDateEdit, QFileDialog, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from packseal.compose import Services
from packseal.core.catalog.statistics import PackingStats, Statistics, packing_statistics, write_csv
from packseal.gui.library.filters import date_edit
from packseal.gui.tasks import TaskRunner

#: Days the page shows when first opened (today and the six before).
DEFAULT_DAYS = 7


class StatisticsPage(QWidget):
    """Choose a date range; read the table, the chart; export CSV."""

    def __init__(self, services: Services, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self._stats: Statistics | None = None
        self._generation = 0
        today = QDate.currentDate()
        self.from_label = QLabel(self)
        self.from_edit = self._date_edit(today.addDays(1 - DEFAULT_DAYS))
        self.to_label = QLabel(self)
        self.to_edit = self._date_edit(today)
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton(self)
        self.export_button.clicked.connect(lambda: self.export_csv())  # not with clicked(bool) as the path
        self.status_label = QLabel(self)
        bar = QHBoxLayout()
        for w in (self.from_label, self.from_edit, self.to_label, self.to_edit, self.refresh_button):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.export_button)

        self.table = QTableWidget(0, 8, self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.chart = QChart()
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart_view = QChartView(self.chart, self)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(220)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.chart_view)
        splitter.setSizes([360, 300])

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.status_label)
        layout.addWidget(splitter, 1)
        self.retranslate()
        self.refresh()

    def _date_edit(self, initial: QDate) -> QDateEdit:
        return date_edit(self, initial, self.refresh)

    # -- reading -------------------------------------------------------------------
    @property
    def statistics(self) -> Statistics | None:
        """The numbers shown (None until the first read finished)."""
        return self._stats

    def set_range(self, low: date, high: date) -> None:
        """Show ``low`` to ``high`` (whole local days)."""
        for edit, day in ((self.from_edit, low), (self.to_edit, high)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        """Count again for the chosen days (in the background)."""
        self._generation += 1
        generation = self._generation
        low, high = self.from_edit.date().toPython(), self.to_edit.date().toPython()
        if low > high:
            low, high = high, low
        catalog = self._services.catalog
        self.status_label.setText(self.tr("Counting…"))
        self._runner.run(lambda: packing_statistics(catalog, low, high),
                         on_success=lambda stats: self._shown(generation, stats),
                         on_failure=lambda exc: self._failed(generation, exc), label="count packing statistics")

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.status_label.setText(self.tr("The statistics could not be counted: {error}").format(error=exc))

    def _shown(self, generation: int, stats: Statistics) -> None:
        if generation != self._generation:
            return
        self._stats = stats
        self._fill_table(stats)
        self._fill_chart(stats)
        self.export_button.setEnabled(bool(stats.rows))
        if not stats.rows:
            self.status_label.setText(self.tr("No orders were packed in these days."))
        else:
            self.status_label.setText(self.tr("%n order(s) packed in these days.", "", stats.total.orders))

    # -- showing -------------------------------------------------------------------
    def _packer(self, s: PackingStats, total: bool) -> str:
        if total:
            return self.tr("All packers")
        return s.packer or self.tr("(not signed in)")

    def _fill_table(self, stats: Statistics) -> None:
        lines: list[tuple[PackingStats, bool]] = []
        for day in stats.days:
            lines += [(r, False) for r in stats.rows if r.day == day.day]
            lines.append((day, True))
        if len(stats.days) > 1:
            lines.append((stats.total, True))
        self.table.setRowCount(len(lines))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for row, (s, total) in enumerate(lines):
            rate, pack = s.orders_per_hour, s.average_pack_s
            cells = [s.day.isoformat() if s.day else self.tr("All days"), self._packer(s, total), str(s.orders),
                     "–" if rate is None else f"{rate:.1f}", "–" if pack is None else f"{pack:.1f}",
                     str(s.incomplete), str(s.wrong_item), str(s.overridden)]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col >= 2:
                    item.setTextAlignment(int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter))
                if total:
                    item.setFont(bold)
                self.table.setItem(row, col, item)

    def _fill_chart(self, stats: Statistics) -> None:
        chart = self.chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        if not stats.rows:
            chart.setTitle(self.tr("No orders in these days"))
            return
        chart.setTitle(self.tr("Orders per day and packer"))
        days = [d.day for d in stats.days]
        series = QBarSeries()
        packers = sorted({r.packer for r in stats.rows}, key=lambda p: (p is None, p or ""))
        for packer in packers:
            bar = QBarSet(packer or self.tr("(not signed in)"))
            counts = {r.day: r.orders for r in stats.rows if r.packer == packer}
            bar.append([counts.get(day, 0) for day in days])
            series.append(bar)
        chart.addSeries(series)
        x = QBarCategoryAxis()
        x.append([day.strftime("%m-%d") for day in days])
        y = QValueAxis()
        top = max(max(r.orders for r in stats.rows), 1)
        y.setRange(0, top)
        y.setLabelFormat("%d")
        y.setTickType(QValueAxis.TickType.TicksDynamic)  # whole orders only
        y.setTickAnchor(0)
        y.setTickInterval(max(1, -(-top // 8)))
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)

    # -- CSV -------------------------------------------------------------------------
    def headers(self) -> list[str]:
        return [self.tr("Day"), self.tr("Packer"), self.tr("Orders"), self.tr("Orders per hour"),
                self.tr("Average pack time (s)"), self.tr("Incomplete"), self.tr("Wrong item seen"),
                self.tr("Warnings overridden")]

    def export_csv(self, path: str | None = None) -> None:
        """Save the table as CSV (asks where when ``path`` is None)."""
        if self._stats is None:
            return
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the statistics"), "packing-statistics.csv",
                                                  self.tr("CSV files (*.csv)"))
            if not path:
                return
        stats, header, nobody = self._stats, self.headers(), self.tr("(not signed in)")
        self._runner.run(lambda: write_csv(stats, path, header, nobody),
                         on_success=lambda _r: self.status_label.setText(self.tr("Saved {path}").format(path=path)),
                         on_failure=lambda exc: self.status_label.setText(
                             self.tr("The statistics could not be saved: {error}").format(error=exc)),
                         label="save statistics")

    # -- language --------------------------------------------------------------------
    def retranslate(self) -> None:
        self.from_label.setText(self.tr("From"))
        self.to_label.setText(self.tr("to"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.export_button.setText(self.tr("Export CSV…"))
        self.export_button.setToolTip(self.tr("Save this table for Excel (UTF-8 with BOM)"))
        self.table.setHorizontalHeaderLabels(self.headers())
        self.table.horizontalHeaderItem(3).setToolTip(
            self.tr("Orders divided by the hours from the first scan to the last stop of the day"))
        self.table.horizontalHeaderItem(4).setToolTip(
            self.tr("From the scan to the stop (the post-roll is not counted)"))
        if self._stats is not None:
            self._shown(self._generation, self._stats)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.refresh()  # orders packed since it was last shown

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
