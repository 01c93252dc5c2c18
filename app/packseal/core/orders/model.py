"""One order as the shop's own systems describe it (the fields an import or a feed gives)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

# Statuses that stop the bench before recording (the packer must confirm or drop).
STOP_STATUSES = ("cancelled", "refunded")


@dataclass(frozen=True)
class OrderItem:
    """One line of an order: ``qty`` pieces of one product."""

    sku: str = ""
    barcode: str = ""
    name: str = ""
    qty: int = 1
    image: str = ""  # a file path or an http(s) URL, as the order data gave it


@dataclass(frozen=True)
class Order:
    """An order: its ID, the waybills it ships under, its items and notes.

    ``status`` is lower-case free text from the shop's data ("paid",
    "cancelled", "refunded" …); only :data:`STOP_STATUSES` change what the
    bench does. ``weight_g`` is the expected weight of the parcel, 0 if unknown.
    """

    order_id: str
    waybills: tuple[str, ...] = ()
    status: str = ""
    items: tuple[OrderItem, ...] = ()
    buyer_note: str = ""
    seller_note: str = ""
    weight_g: int = 0
    return_waybills: tuple[str, ...] = field(default=())  # waybills of parcels sent back

    @property
    def stops_bench(self) -> bool:
        return self.status in STOP_STATUSES


class OrderLookup(Protocol):
    """Finds the order a scanned code belongs to (order ID, waybill or return waybill)."""

    def find(self, code: str) -> Order | None: ...
