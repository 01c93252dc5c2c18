"""``packseal orders``: import order exports, show an order, search orders, list column mappings.

Exit codes: 0 done; 1 ``import`` refused some rows (the rest was imported),
``show`` found no order; 2 a file that cannot be imported at all, or bad usage.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from packseal.cli.output import EXIT_FAIL, EXIT_OK, emit
from packseal.core.orders.importer import ImportReport, import_file
from packseal.core.orders.model import Order
from packseal.core.orders.places import profiles_dir, store_file
from packseal.core.orders.profiles import ProfileShelf, parse_map
from packseal.core.orders.store import OrderStore
from packseal.core.storage.layout import DataLayout

HELP = "import order exports (CSV, XLSX), show or search the orders the station knows"
NEEDS_SERVICES = False  # only the order store: an import never waits for the recorder's data dir


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="orders_action", metavar="ACTION", required=True)
    imp = sub.add_parser("import", help="import a CSV or XLSX order export")
    imp.add_argument("file", type=Path, metavar="FILE")
    how = imp.add_mutually_exclusive_group()
    how.add_argument("--profile", metavar="NAME", help="a saved or shipped column mapping (see `orders profiles`)")
    how.add_argument("--map", dest="mapping", metavar="FIELD=COLUMN,...",
                     help="the columns by header, e.g. order_id=订单编号,waybill=物流单号,qty=数量 "
                          "(weight_kg=COLUMN for a weight in kilograms)")
    imp.add_argument("--encoding", metavar="ENC", help="the CSV's encoding (default: detected: UTF-8 or GBK/GB18030)")
    imp.add_argument("--json", action="store_true")
    show = sub.add_parser("show", help="show one order by order ID or waybill")
    show.add_argument("code", metavar="CODE")
    show.add_argument("--json", action="store_true")
    search = sub.add_parser("search", help="orders whose ID, waybill, SKU, barcode or buyer note contains TEXT")
    search.add_argument("text", metavar="TEXT", nargs="?", default="")
    search.add_argument("--limit", type=int, default=50)
    search.add_argument("--json", action="store_true")
    profiles = sub.add_parser("profiles", help="list the column mappings (saved and shipped)")
    profiles.add_argument("--json", action="store_true")


def order_json(order: Order) -> dict:
    """An order as ``orders show --json`` prints it."""
    return {"order_id": order.order_id, "waybills": list(order.waybills),
            "return_waybills": list(order.return_waybills), "status": order.status,
            "items": [{"sku": i.sku, "barcode": i.barcode, "name": i.name, "qty": i.qty, "image": i.image}
                      for i in order.items],
            "buyer_note": order.buyer_note, "seller_note": order.seller_note, "weight_g": order.weight_g}


def run(args) -> int:
    layout = DataLayout.open(args.data_dir)
    shelf = ProfileShelf(profiles_dir(layout.root))
    if args.orders_action == "profiles":
        return _profiles(shelf, args)
    with OrderStore.open(store_file(layout.root)) as store:
        if args.orders_action == "import":
            return _import(store, shelf, args)
        if args.orders_action == "show":
            return _show(store, args)
        return _search(store, args)


def _import(store: OrderStore, shelf: ProfileShelf, args) -> int:
    mapping = parse_map(args.mapping) if args.mapping else None
    report = import_file(store, args.file, shelf=shelf, profile=args.profile, mapping=mapping,
                         encoding=args.encoding)
    emit(report.to_json(), args.json, _import_text(report))
    return EXIT_FAIL if report.rows_refused else EXIT_OK


def _import_text(r: ImportReport) -> str:
    how = f"{r.kind.upper()}" + (f", {r.encoding}" if r.encoding else "") + f", mapping {r.profile!r}"
    lines = [f"{r.file} ({how}): {r.orders} orders ({r.new_orders} new, {r.updated_orders} updated), "
             f"{r.items} items imported from {r.rows} rows."]
    if r.rows_refused:
        lines.append(f"{r.rows_refused} rows refused; these orders were not imported: "
                     f"{', '.join(r.orders_refused) or '(rows without an order ID)'}")
        lines += [f"  row {p.row}" + (f" (order {p.order_id})" if p.order_id else "") + f": {p.reason}"
                  for p in r.problems]
        if r.rows_refused > len(r.problems):
            lines.append(f"  … and {r.rows_refused - len(r.problems)} more")
    return "\n".join(lines)


def _show(store: OrderStore, args) -> int:
    order = store.find(args.code)
    if order is None:
        emit({"code": args.code, "found": False}, args.json, f"No order has the order ID or waybill {args.code}.")
        return EXIT_FAIL
    emit({**order_json(order), "found": True}, args.json, _order_text(order))
    return EXIT_OK


def _order_text(o: Order) -> str:
    lines = [f"Order {o.order_id}" + (f"  [{o.status}]" if o.status else ""),
             f"  waybills: {', '.join(o.waybills) or '-'}"]
    if o.return_waybills:
        lines.append(f"  return waybills: {', '.join(o.return_waybills)}")
    lines += [f"  {i.qty} × {i.name or '-'}  sku {i.sku or '-'}  barcode {i.barcode or '-'}" for i in o.items]
    if o.buyer_note:
        lines.append(f"  buyer's note: {o.buyer_note}")
    if o.seller_note:
        lines.append(f"  seller's note: {o.seller_note}")
    if o.weight_g:
        lines.append(f"  expected weight: {o.weight_g} g")
    return "\n".join(lines)


def _search(store: OrderStore, args) -> int:
    orders = store.search(args.text, limit=max(1, min(args.limit, 1000)))
    emit({"query": args.text, "orders": [order_json(o) for o in orders]}, args.json,
         "\n".join(_order_text(o) for o in orders) or "No order matches.")
    return EXIT_OK


def _profiles(shelf: ProfileShelf, args) -> int:
    profiles = shelf.all()
    emit({"profiles": [{**p.to_json(), "shipped": p.shipped} for p in profiles]}, args.json,
         "\n".join(f"{p.name:24} {'shipped' if p.shipped else 'saved  '}  {p.title()}"
                   + (f"  ({p.source})" if p.source else "") for p in profiles))
    return EXIT_OK
