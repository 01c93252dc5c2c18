"""``packseal stats``: orders, pace and problems per day and per packer."""

from __future__ import annotations

from packseal.cli.output import EXIT_OK, emit, parse_date
from packseal.core.catalog.statistics import packing_statistics, write_csv

HELP = "packing statistics per day and per packer (orders, orders per hour, pack time, problems)"
NEEDS_SERVICES = True


def add_arguments(p) -> None:
    p.add_argument("--from", dest="date_from", type=parse_date, default=None, help="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=parse_date, default=None, help="YYYY-MM-DD (inclusive)")
    p.add_argument("--csv", default=None, metavar="FILE", help="also write the table as CSV (UTF-8 with BOM)")
    p.add_argument("--json", action="store_true")


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def run(args, services) -> int:
    stats = packing_statistics(services.catalog, args.date_from, args.date_to)
    if args.csv:
        write_csv(stats, args.csv)
    lines = [f"{'day':<10}  {'packer':<12} {'orders':>6} {'per h':>6} {'pack s':>7} {'incompl.':>8} "
             f"{'wrong':>5} {'overr.':>6}"]
    for s in stats.rows + [stats.total]:
        lines.append(f"{s.day.isoformat() if s.day else 'total':<10}  {s.packer or '-':<12} {s.orders:>6} "
                     f"{_number(s.orders_per_hour):>6} {_number(s.average_pack_s):>7} {s.incomplete:>8} "
                     f"{s.wrong_item:>5} {s.overridden:>6}")
    emit(stats.to_json(), args.json, "\n".join(lines))
    return EXIT_OK
