"""What a scanned waybill means before anything records: its order, its kind, the warnings to answer.

:func:`plan_order` looks the code up in the shop's order data (an
:class:`~packseal.core.orders.model.OrderLookup`) and in the clips recorded
lately, and returns a :class:`Plan`: the order (or None), ``shipment`` or
``return`` with the shipment's order ID, and the warnings the packer must
answer before the order records (cancelled or refunded order, waybill
recorded before).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from packseal.core.errors import BadInputError
from packseal.core.orders.model import Order, OrderLookup
from packseal.core.packing.check import CANCELLED, DUPLICATE, REFUNDED, RETURN, SHIPMENT

log = logging.getLogger(__name__)

DEFAULT_PACKER_PREFIX = "PACKER-"
_BADGE_TAIL = re.compile(r"[0-9A-Za-z._-]{1,40}")
_LINK = re.compile(r"[0-9A-Za-z._/-]{1,64}")


@dataclass(frozen=True)
class PriorClip:
    """A clip recorded earlier under the same code (for the duplicate-waybill warning)."""

    order_id: str
    scan: datetime
    ledger_seq: int | None
    file: str  # relative to the data dir
    catalog_id: int | None = None


@dataclass(frozen=True)
class PlannedWarning:
    """A warning waiting for the packer's answer (Enter confirms, Esc drops)."""

    warning: str  # cancelled | refunded | duplicate-waybill
    detail: str = ""
    prior: PriorClip | None = None


@dataclass(frozen=True)
class Plan:
    code: str
    order: Order | None
    kind: str = SHIPMENT
    linked_order: str = ""
    warnings: tuple[PlannedWarning, ...] = ()


def is_badge(code: str, prefix: str) -> bool:
    """True when ``code`` is a packer's badge: the prefix, then 1–40 letters, digits, ``.``, ``_``, ``-``."""
    return bool(prefix) and code.startswith(prefix) and bool(_BADGE_TAIL.fullmatch(code[len(prefix):]))


def clean_link(text: str) -> str:
    """A typed or scanned shipment order ID, checked; raises BadInputError saying what is wrong."""
    value = text.strip()
    if not _LINK.fullmatch(value):
        raise BadInputError(f"{value!r} is not an order ID: use 1 to 64 letters, digits, '.', '_', '-' or '/'.")
    return value


def find_order(lookup: OrderLookup | None, code: str) -> Order | None:
    """The order ``code`` belongs to, or None; a failing lookup is logged and counts as unknown
    (the order records unchecked rather than not at all)."""
    if lookup is None or not code:
        return None
    try:
        return lookup.find(code)
    except Exception:
        log.exception("looking up order %r failed; it records without its order data", code)
        return None


def plan_order(code: str, *, lookup: OrderLookup | None, returns: bool,
               prior_clip: Callable[[str], PriorClip | None] | None = None) -> Plan:
    """What ``code`` (an accepted waybill) will record as; see the module docstring.

    ``returns``: the returns mode is on (or the code has the returns prefix).
    ``prior_clip`` finds a clip recorded recently under ``code``.
    """
    order = find_order(lookup, code)
    warnings: list[PlannedWarning] = []
    if returns:
        kind, linked = RETURN, order.order_id if order is not None else ""
        shipped_under_it = order is not None and code.casefold() in {w.casefold() for w in order.waybills}
    else:
        kind, linked, shipped_under_it = SHIPMENT, "", False
        if order is not None and order.status in (CANCELLED, REFUNDED):
            warnings.append(PlannedWarning(order.status, detail=order.order_id))
    # A parcel sent back under its outbound waybill was recorded at packing: that is no duplicate.
    prior = prior_clip(code) if prior_clip is not None and not shipped_under_it else None
    if prior is not None:
        warnings.append(PlannedWarning(DUPLICATE, detail=prior.scan.isoformat(), prior=prior))
    return Plan(code, order, kind, linked, tuple(warnings))
