"""``packseal search``: clips by (part of) an order number, a date range and the packing record."""

from __future__ import annotations

from packseal.cli.output import EXIT_OK, emit, iso, parse_date
from packseal.core.catalog.query import CLIP_KINDS, OUTCOME_FILTERS

HELP = "find clips by order or waybill number, date, outcome, kind and packer"
NEEDS_SERVICES = True


def add_arguments(p) -> None:
    p.add_argument("query", nargs="?", default=None, help="whole or part of an order number")
    p.add_argument("--from", dest="date_from", type=parse_date, default=None, help="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=parse_date, default=None, help="YYYY-MM-DD (inclusive)")
    p.add_argument("--station", default=None)
    p.add_argument("--outcome", action="append", choices=list(OUTCOME_FILTERS), default=None,
                   help="what the order check found (repeat for any of several): complete, incomplete, "
                        "not-checked, wrong-item (a wrong item was scanned), overridden (a warning confirmed)")
    p.add_argument("--kind", choices=list(CLIP_KINDS), default=None, help="shipments or returns only")
    p.add_argument("--packer", default=None, help="the packer's badge code")
    p.add_argument("--limit", type=int, default=100)
    p.add_argument("--json", action="store_true")


def run(args, services) -> int:
    filters = {"date_from": args.date_from, "date_to": args.date_to, "station": args.station,
               "outcome": args.outcome, "kind": args.kind, "packer": args.packer}
    rows = services.catalog.search(args.query, limit=args.limit, **filters)
    total = services.catalog.count(args.query, **filters)
    clips = [{
        "id": r.id, "order_id": r.order_id, "station": r.station,
        "clip": str(services.layout.root / r.file) if r.file else None,
        "status": r.status, "start": iso(r.start), "duration_s": round(r.duration_s, 3),
        "bytes": r.bytes, "sha256": r.sha256, "pinned": bool(r.pinned),
        "deleted": r.deleted_ms is not None,
        "kind": r.kind, "outcome": r.outcome, "packer": r.packer, "linked_order": r.linked_order,
        "wrong_scans": r.wrong_scans, "warnings_overridden": r.overridden, "weight_g": r.weight_g,
        # a station of two cameras: the other cameras' files of the clip (absent for one camera)
        **({"camera": r.camera, "camera_files": [
            {"camera": f.camera, "status": f.status, "clip": str(services.layout.root / f.file) if f.file else None,
             "sha256": f.sha256, "bytes": f.bytes} for f in r.camera_files]} if r.camera_files else {}),
    } for r in rows]
    lines = [f"{r.start.astimezone():%Y-%m-%d %H:%M:%S}  {r.order_id:<24} {r.duration_s:7.1f} s  "
             f"{r.status:<11} {r.kind:<8} {r.outcome:<11} {c['clip']}" for r, c in zip(rows, clips)]
    lines.append(f"{len(clips)} of {total} clip(s)")
    emit({"total": total, "clips": clips}, args.json, "\n".join(lines))
    return EXIT_OK
