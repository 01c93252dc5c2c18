"""An order's check as plain JSON data, so it outlives the recorder process that kept it.

The recorder writes :func:`check_to_data` next to the order's open-order
record at every change (a product scan, a packer signing in, a return
linked); after the recorder died, :func:`check_from_data` gives the check
back to the recorder that continues the order, or to the recovery that seals
it as interrupted. Times are kept with microseconds (ISO 8601), the order as
the shop's data gave it when it was scanned.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from packseal.core.orders.model import Order, OrderItem
from packseal.core.packing.check import RETURN, SHIPMENT, BenchWarning, ItemLine, OrderCheck, ScanLine

FORMAT = "packseal-check/1"


class CheckDataError(ValueError):
    """The saved check is not one this version can read."""


def check_to_data(check: OrderCheck) -> dict:
    """``check`` as JSON-ready data (see the module docstring)."""
    return {
        "format": FORMAT, "code": check.code, "kind": check.kind, "packer": check.packer,
        "linked_order": check.linked_order,
        "order": asdict(check.order) if check.order is not None else None,
        "items": [asdict(i) for i in check.items],
        "scans": [{"code": s.code, "time": s.time.isoformat(), "result": s.result, "item": s.item}
                  for s in check.scans],
        "warnings": [{"warning": w.warning, "decision": w.decision, "time": w.time.isoformat(),
                      "detail": w.detail, "clip_seq": w.clip_seq} for w in check.warnings],
        "scans_left_out": check.scans_left_out,
        "restarts": check.restarts,
    }


def check_from_data(data: object) -> OrderCheck:
    """The check saved by :func:`check_to_data`; raises :class:`CheckDataError` when it is damaged."""
    try:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise CheckDataError(f"not a {FORMAT} record")
        order = data["order"]
        if order is not None:
            order = Order(**{**order, "waybills": tuple(order.get("waybills", ())),
                             "return_waybills": tuple(order.get("return_waybills", ())),
                             "items": tuple(OrderItem(**i) for i in order.get("items", ()))})
        items = [ItemLine(**i) for i in data["items"]]
        check = OrderCheck(
            str(data["code"]), order, str(data["kind"]), packer=str(data["packer"]),
            linked_order=str(data["linked_order"]), items=items,
            scans=[ScanLine(str(s["code"]), _time(s["time"]), str(s["result"]), int(s["item"]))
                   for s in data["scans"]],
            warnings=[BenchWarning(str(w["warning"]), str(w["decision"]), _time(w["time"]), str(w["detail"]),
                                   None if w["clip_seq"] is None else int(w["clip_seq"]))
                      for w in data["warnings"]],
            scans_left_out=int(data["scans_left_out"]), restarts=int(data.get("restarts", 0)))
    except CheckDataError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise CheckDataError(f"damaged saved check: {exc!r}") from exc
    if check.kind not in (SHIPMENT, RETURN):
        raise CheckDataError(f"unknown kind {check.kind!r}")
    return check


def _time(text: object) -> datetime:
    moment = datetime.fromisoformat(str(text))
    if moment.tzinfo is None:
        raise CheckDataError(f"time without a zone: {text!r}")
    return moment
