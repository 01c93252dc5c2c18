#!/usr/bin/env python3
"""Push orders from another system's CSV export to PackSeal's live order feed.

An example adapter for docs/ORDERS.md: it reads a CSV export (one row per
item; edit COLUMNS below to the headers of your system), groups the rows by
order, and sends them as ``packseal-orders/1`` documents, either

* to the HTTP endpoint (Settings → Orders → "Receive orders over HTTP")::

      python3 push_orders.py export.csv --url http://127.0.0.1:8765/orders --token=TOKEN

* or into the watched folder (written under another name, then renamed, so
  PackSeal never reads half a file)::

      python3 push_orders.py export.csv --folder /path/to/watched/folder

Only the Python standard library is used, so it runs wherever Python 3.9+ does.
Exit code 0 when every document was accepted, 1 when PackSeal refused one
(its answer is printed), 2 on a bad file or a connection that failed.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import urllib.error
import urllib.request
from collections import OrderedDict
from pathlib import Path

# Your system's column headers for each field PackSeal understands (leave out what you do not have).
COLUMNS = {
    "order_id": "order_no",
    "waybill": "tracking_no",
    "status": "status",
    "buyer_note": "buyer_remark",
    "seller_note": "seller_remark",
    "sku": "sku",
    "barcode": "ean",
    "name": "title",
    "qty": "qty",
}
BATCH = 1000  # orders per document (PackSeal accepts up to 20,000 and 16 MiB)


def read_orders(path: Path, encoding: str) -> list[dict]:
    """Rows grouped into packseal-orders/1 order objects, in the order they first appear."""
    orders: "OrderedDict[str, dict]" = OrderedDict()
    with open(path, encoding=encoding, newline="") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            get = lambda field: (row.get(COLUMNS.get(field, ""), "") or "").strip()  # noqa: E731
            order_id = get("order_id")
            if not order_id:
                raise ValueError(f"{path}, line {line}: no order number in column {COLUMNS['order_id']!r}")
            order = orders.setdefault(order_id, {"order_id": order_id, "waybills": [], "items": []})
            waybill = get("waybill")
            if waybill and waybill not in order["waybills"]:
                order["waybills"].append(waybill)
            for field in ("status", "buyer_note", "seller_note"):
                if get(field):
                    order[field] = get(field)
            if get("sku") or get("barcode") or get("name"):
                qty = get("qty") or "1"
                if not qty.isdigit() or int(qty) < 1:
                    raise ValueError(f"{path}, line {line}: quantity {qty!r} is not a whole number of pieces")
                order["items"].append({"sku": get("sku"), "barcode": get("barcode"), "name": get("name"),
                                       "qty": int(qty)})
    return list(orders.values())


def documents(orders: list[dict], source: str):
    for start in range(0, len(orders), BATCH):
        yield {"format": "packseal-orders/1", "source": source, "orders": orders[start:start + BATCH]}


def post(url: str, token: str, document: dict) -> tuple[int, dict]:
    body = json.dumps(document, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/json", "Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:  # PackSeal's 4xx answers carry a JSON reason
        return exc.code, json.loads(exc.read() or b"{}")


def drop(folder: Path, name: str, document: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    part = folder / f".{name}.part"
    part.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    final = folder / f"{name}.json"
    os.replace(part, final)  # only now does the name end in .json: PackSeal takes whole files only
    return final


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Push a CSV order export to PackSeal's live order feed.")
    p.add_argument("export", type=Path)
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--url", help="the endpoint, e.g. http://127.0.0.1:8765/orders")
    where.add_argument("--folder", type=Path, help="PackSeal's watched folder")
    p.add_argument("--token", default=os.environ.get("PACKSEAL_FEED_TOKEN", ""),
                   help="the token shown in PackSeal's Settings → Orders (or $PACKSEAL_FEED_TOKEN)")
    p.add_argument("--encoding", default="utf-8-sig")
    p.add_argument("--source", default="push_orders.py", help="the name PackSeal keeps with these orders")
    args = p.parse_args(argv)
    try:
        orders = read_orders(args.export, args.encoding)
    except (OSError, ValueError) as exc:
        print(f"push_orders: {exc}", file=sys.stderr)
        return 2
    if args.url and not args.token:
        print("push_orders: --token is needed with --url", file=sys.stderr)
        return 2
    refused = 0
    for n, document in enumerate(documents(orders, args.source)):
        if args.folder:
            print(f"wrote {drop(args.folder, f'{args.export.stem}-{n:04d}', document)}")
            continue
        try:
            status, answer = post(args.url, args.token, document)
        except (OSError, ValueError) as exc:
            print(f"push_orders: cannot reach {args.url}: {exc}", file=sys.stderr)
            return 2
        if status == 200:
            print(f"sent {len(document['orders'])} orders: {answer['new_orders']} new, "
                  f"{answer['updated_orders']} updated, {answer['items']} items")
        else:
            refused += 1
            print(f"refused ({status}): {answer.get('error')} {answer.get('path', '')}", file=sys.stderr)
    return 1 if refused else 0


if __name__ == "__main__":
    raise SystemExit(main())
