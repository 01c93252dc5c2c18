"""The live order feed's JSON document (``packseal-orders/1``): one schema for the folder and HTTP.

::

    {"format": "packseal-orders/1",
     "source": "my-erp",                                   optional, who sends it
     "orders": [{"order_id": "T1001",                      required
                 "waybills": ["SF1234567890123"],          optional, added to the stored ones
                 "return_waybills": ["YT9876543210"],      optional
                 "status": "cancelled",                    optional, mapped like imports
                 "buyer_note": "…", "seller_note": "…",    optional
                 "weight_g": 480,                          optional, whole grams
                 "items": [{"sku": "A-1", "barcode": "6901234567892",
                            "name": "保温杯", "qty": 2, "image": "https://…"}]}]}
                                                           optional; given (even []) replaces the items

A document with any error is refused whole (nothing of it is stored), with
the path of the first wrong value (``orders[3].items[0].qty``).
"""

from __future__ import annotations

import json
from typing import Any

from packseal.core.errors import BadInputError
from packseal.core.orders.importer import MAX_QTY
from packseal.core.orders.model import OrderItem
from packseal.core.orders.status import normalise_status
from packseal.core.orders.update import OrderUpdate

FEED_FORMAT = "packseal-orders/1"
MAX_DOCUMENT_BYTES = 16 << 20
MAX_ORDERS = 20_000
MAX_ITEMS = 500
_CODE_LEN, _TEXT_LEN = 64, 2000
_ORDER_KEYS = {"order_id", "waybills", "return_waybills", "status", "buyer_note", "seller_note", "weight_g", "items"}
_ITEM_KEYS = {"sku", "barcode", "name", "qty", "image"}


class FeedError(BadInputError):
    """A feed document that was refused; ``path`` names the wrong value."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path


def parse_document(raw: bytes) -> tuple[str, list[OrderUpdate]]:
    """``(source, updates)`` from a feed document's bytes; FeedError says what is wrong and where."""
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise FeedError("", f"the document has {len(raw)} bytes; at most {MAX_DOCUMENT_BYTES} are accepted "
                            "(send the orders in several documents)")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise FeedError("", f"the document is not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise FeedError("", f"the document is not JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from exc
    if not isinstance(data, dict):
        raise FeedError("", 'the document must be a JSON object {"format": …, "orders": […]}')
    if data.get("format") != FEED_FORMAT:
        raise FeedError("format", f"must be {FEED_FORMAT!r}, not {data.get('format')!r}")
    unknown = set(data) - {"format", "source", "orders"}
    if unknown:
        raise FeedError(sorted(unknown)[0], "unknown key (known: format, source, orders)")
    source = _text(data.get("source", ""), "source", 60)
    orders = data.get("orders")
    if not isinstance(orders, list):
        raise FeedError("orders", "must be a list of orders")
    if len(orders) > MAX_ORDERS:
        raise FeedError("orders", f"{len(orders)} orders; at most {MAX_ORDERS} in one document")
    return source, [_order(o, f"orders[{n}]") for n, o in enumerate(orders)]


def _text(value: Any, path: str, limit: int, *, required: bool = False) -> str:
    if not isinstance(value, str):
        raise FeedError(path, f"must be text, not {type(value).__name__}")
    if required and not value.strip():
        raise FeedError(path, "must not be empty")
    if len(value) > limit:
        raise FeedError(path, f"is {len(value)} characters long; at most {limit}")
    if any(ord(c) < 32 and c not in "\t\r\n" for c in value):
        raise FeedError(path, "contains control characters")
    return value.strip()


def _codes(value: Any, path: str) -> list[str]:
    if not isinstance(value, list):
        raise FeedError(path, "must be a list of codes")
    return [_text(v, f"{path}[{n}]", _CODE_LEN, required=True) for n, v in enumerate(value)]


def _whole(value: Any, path: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise FeedError(path, f"must be a whole number from {low} to {high}, not {value!r}")
    return value


def _object(value: Any, path: str, known: set[str]) -> dict:
    """``value`` if it is an object with only ``known`` keys."""
    if not isinstance(value, dict):
        raise FeedError(path, "must be an object")
    unknown = set(value) - known
    if unknown:
        raise FeedError(f"{path}.{sorted(unknown)[0]}", f"unknown key (known: {', '.join(sorted(known))})")
    return value


def _order(o: Any, path: str) -> OrderUpdate:
    o = _object(o, path, _ORDER_KEYS)
    if "order_id" not in o:
        raise FeedError(f"{path}.order_id", "is missing")
    update = OrderUpdate(order_id=_text(o["order_id"], f"{path}.order_id", _CODE_LEN, required=True))
    update.waybills = _codes(o.get("waybills", []), f"{path}.waybills")
    update.return_waybills = _codes(o.get("return_waybills", []), f"{path}.return_waybills")
    if "status" in o:
        update.status = normalise_status(_text(o["status"], f"{path}.status", 60))
    for name in ("buyer_note", "seller_note"):
        if name in o:
            setattr(update, name, _text(o[name], f"{path}.{name}", _TEXT_LEN))
    if "weight_g" in o:
        update.weight_g = _whole(o["weight_g"], f"{path}.weight_g", 0, 1_000_000)
    if "items" in o:
        items = o["items"]
        if not isinstance(items, list) or len(items) > MAX_ITEMS:
            raise FeedError(f"{path}.items", f"must be a list of at most {MAX_ITEMS} items")
        update.items = [_item(i, f"{path}.items[{n}]") for n, i in enumerate(items)]
    return update


def _item(i: Any, path: str) -> OrderItem:
    i = _object(i, path, _ITEM_KEYS)
    sku = _text(i.get("sku", ""), f"{path}.sku", _CODE_LEN)
    barcode = _text(i.get("barcode", ""), f"{path}.barcode", _CODE_LEN)
    name = _text(i.get("name", ""), f"{path}.name", 200)
    if not (sku or barcode or name):
        raise FeedError(path, "needs at least one of sku, barcode, name")
    return OrderItem(sku=sku, barcode=barcode, name=name, qty=_whole(i.get("qty", 1), f"{path}.qty", 1, MAX_QTY),
                     image=_text(i.get("image", ""), f"{path}.image", _TEXT_LEN))
