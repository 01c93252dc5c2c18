"""What one import row or one feed record says about an order: the unit the store merges."""

from __future__ import annotations

from dataclasses import dataclass, field

from packseal.core.orders.model import OrderItem


@dataclass
class OrderUpdate:
    """Facts about one order. ``None`` means "not given": the stored value stays.

    ``items`` None keeps the stored items; a list (even empty) replaces them.
    Waybills are added to the ones stored, never removed (a re-import of an
    older file must not forget a waybill printed since).
    """

    order_id: str
    waybills: list[str] = field(default_factory=list)
    return_waybills: list[str] = field(default_factory=list)
    status: str | None = None
    buyer_note: str | None = None
    seller_note: str | None = None
    weight_g: int | None = None
    items: list[OrderItem] | None = None
