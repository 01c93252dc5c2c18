"""Packing statistics per day and per packer, from the catalog's shipment clips.

Counted per local day of the scan and per packer (the badge code in the
clip's signed packing record; clips without one are grouped under no
packer):

- **orders**: distinct order IDs packed (a repeated recording of one order counts once);
- **orders per hour**: orders ÷ the hours from the first scan to the last
  stop of that group (none when that span is under a minute); for the
  whole range, ÷ the sum of each day's span;
- **average pack time**: from the scan to the stop (not the clip's end,
  which adds the post-roll), over the clips whose stop time is known;
- **incomplete**, **wrong item** (a wrong or one-too-many scan seen),
  **overridden** (a warning confirmed): clips.

Returns are not orders packed and are left out.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from packseal.core.catalog.catalog import Catalog
from packseal.core.catalog.database import select_rows
from packseal.core.catalog.query import bound_ms
from packseal.core.catalog.records import from_ms
from packseal.core.errors import BadInputError

#: Shortest span an hourly rate is given for.
MIN_RATE_SPAN_MS = 60_000

#: CSV columns, in order (the header line may be translated by the caller).
CSV_COLUMNS = ("day", "packer", "orders", "orders_per_hour", "average_pack_s", "incomplete", "wrong_item",
               "overridden")


@dataclass
class PackingStats:
    """One group's numbers: a packer on a day (``packer`` None: every packer; ``day`` None: every day)."""

    day: date | None
    packer: str | None
    orders: int = 0
    clips: int = 0
    incomplete: int = 0
    wrong_item: int = 0
    overridden: int = 0
    pack_ms_total: int = 0
    pack_timed: int = 0
    first_scan_ms: int | None = None
    last_stop_ms: int | None = None
    #: Hours worked over several days: the sum of each day's span (the nights are not work).
    days_span_ms: int | None = None
    _orders: set[str] = field(default_factory=set, repr=False)

    @property
    def average_pack_s(self) -> float | None:
        """Mean seconds from scan to stop, None when no clip's stop time is known."""
        return self.pack_ms_total / self.pack_timed / 1000 if self.pack_timed else None

    @property
    def orders_per_hour(self) -> float | None:
        """Orders ÷ hours from the first scan to the last stop (of each day, summed over several
        days); None under a minute."""
        if self.days_span_ms is not None:
            span = self.days_span_ms
        elif self.first_scan_ms is None or self.last_stop_ms is None:
            return None
        else:
            span = self.last_stop_ms - self.first_scan_ms
        return self.orders * 3_600_000 / span if span >= MIN_RATE_SPAN_MS else None

    def add(self, row: dict) -> None:
        self.clips += 1
        self._orders.add(row["order_id"])
        self.orders = len(self._orders)
        self.incomplete += row["outcome"] == "incomplete"
        self.wrong_item += row["wrong_scans"] > 0
        self.overridden += bool(row["overridden"])
        stop = row["scan_ms"] + row["pack_ms"] if row["pack_ms"] is not None else row["end_ms"]
        if row["pack_ms"] is not None:
            self.pack_ms_total += row["pack_ms"]
            self.pack_timed += 1
        scan = row["scan_ms"]
        self.first_scan_ms = scan if self.first_scan_ms is None else min(self.first_scan_ms, scan)
        if stop is not None:
            self.last_stop_ms = stop if self.last_stop_ms is None else max(self.last_stop_ms, stop)

    def csv_row(self) -> list[str]:
        rate, pack = self.orders_per_hour, self.average_pack_s
        return [self.day.isoformat() if self.day else "", self.packer or "", str(self.orders),
                "" if rate is None else f"{rate:.1f}", "" if pack is None else f"{pack:.1f}",
                str(self.incomplete), str(self.wrong_item), str(self.overridden)]


@dataclass
class Statistics:
    """Every (day, packer) group, each day's total over its packers, and the whole range's total."""

    date_from: date | None
    date_to: date | None
    rows: list[PackingStats]
    days: list[PackingStats]
    total: PackingStats

    def to_json(self) -> dict:
        """What ``packseal stats --json`` prints."""
        return {"from": self.date_from.isoformat() if self.date_from else None,
                "to": self.date_to.isoformat() if self.date_to else None,
                "rows": [_json(s) for s in self.rows], "days": [_json(s) for s in self.days],
                "total": _json(self.total)}

    def csv_text(self, header: Sequence[str] = CSV_COLUMNS, no_packer: str = "") -> str:
        """The per-packer rows and the day totals as CSV (one line each; ``no_packer`` names the
        clips without a signed-in packer, a day total has an empty packer)."""
        if len(header) != len(CSV_COLUMNS):
            raise BadInputError(f"a statistics CSV has {len(CSV_COLUMNS)} columns, not {len(header)}")
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(list(header))
        for day in self.days:
            for row in (r for r in self.rows if r.day == day.day):
                line = row.csv_row()
                line[1] = row.packer if row.packer is not None else no_packer
                writer.writerow(line)
            writer.writerow(day.csv_row())
        return out.getvalue()


def _json(s: PackingStats) -> dict:
    return {"day": s.day.isoformat() if s.day else None, "packer": s.packer, "orders": s.orders,
            "clips": s.clips,
            "orders_per_hour": None if s.orders_per_hour is None else round(s.orders_per_hour, 2),
            "average_pack_s": None if s.average_pack_s is None else round(s.average_pack_s, 2),
            "incomplete": s.incomplete, "wrong_item": s.wrong_item, "overridden": s.overridden}


def write_csv(stats: Statistics, path, header: Sequence[str] = CSV_COLUMNS, no_packer: str = "") -> None:
    """Write :meth:`Statistics.csv_text` as UTF-8 with a BOM, so Excel reads Chinese text right."""
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        fh.write(stats.csv_text(header, no_packer))


def packing_statistics(catalog: Catalog, date_from: date | None = None, date_to: date | None = None,
                       tz: tzinfo | None = None) -> Statistics:
    """The statistics of the shipments scanned from ``date_from`` to ``date_to`` (both whole days
    in ``tz``, default this computer's zone; None: no bound)."""
    tz = tz or datetime.now().astimezone().tzinfo
    low, high = bound_ms(date_from, upper=False, tz=tz), bound_ms(date_to, upper=True, tz=tz)
    if low is not None and high is not None and low > high:
        raise BadInputError("the statistics' start date is after their end date; swap them")
    terms, params = ["kind = 'shipment'"], []
    if low is not None:
        terms.append("scan_ms >= ?")
        params.append(low)
    if high is not None:
        terms.append("scan_ms <= ?")
        params.append(high)
    sql = ("SELECT order_id, scan_ms, end_ms, pack_ms, packer, outcome, wrong_scans, overridden FROM clips "
           f"WHERE {' AND '.join(terms)} ORDER BY scan_ms, id")
    with catalog._using("count the packing statistics") as db:  # noqa: SLF001 - a read beside the catalog
        found = select_rows(db, sql, params)
    groups: dict[tuple[date, str | None], PackingStats] = {}
    days: dict[date, PackingStats] = {}
    total = PackingStats(None, None)
    for row in found:
        day = from_ms(row["scan_ms"]).astimezone(tz).date()
        key = (day, row["packer"])
        groups.setdefault(key, PackingStats(day, row["packer"])).add(row)
        days.setdefault(day, PackingStats(day, None)).add(row)
        total.add(row)
    total.days_span_ms = sum(d.last_stop_ms - d.first_scan_ms for d in days.values()
                             if d.first_scan_ms is not None and d.last_stop_ms is not None)
    ordered = sorted(groups.values(), key=lambda s: (s.day, s.packer is None, s.packer or ""))
    return Statistics(date_from, date_to, ordered, [days[d] for d in sorted(days)], total)
