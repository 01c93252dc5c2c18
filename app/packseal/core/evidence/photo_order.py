"""The order a refund photo names: a waybill read in the photo, looked up in the catalog.

``packseal compare --photo FILE`` without ``--order`` and the dispute view
(a dropped parcel photo fills the order field) both find the order this
way: the photo's barcodes are read (:mod:`packseal.core.compare.photo_codes`)
and each waybill is looked up as an order or waybill number of a filed clip,
or, through the shop's order data, as another waybill of such an order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from packseal.core.catalog import Catalog
from packseal.core.compare.photo import Photo
from packseal.core.compare.photo_codes import PhotoCode, orders_in_codes, read_photo_codes
from packseal.core.errors import BadInputError
from packseal.core.orders.store import OrderStore


def order_lookup(catalog: Catalog, orders: OrderStore | None = None):
    """``order_of_code(code)``: the order whose clip is filed under ``code`` (ignoring case), else None.

    With the shop's order data (``orders``), a code no clip is filed under is
    looked up there too: a parcel's second waybill, or the order ID printed on
    the label, finds the clip filed under the order's other waybill or ID.
    """

    def order_of_code(code: str) -> str | None:
        record = catalog.newest_clip(code)
        if record is None and orders is not None:
            order = orders.find(code)
            for other in (order.waybills + (order.order_id,)) if order is not None else ():
                record = catalog.newest_clip(other)
                if record is not None:
                    break
        return record.order_id if record is not None else None

    return order_of_code


@dataclass(frozen=True)
class PhotoOrder:
    """What the photos' codes say: ``codes`` per photo, the ``orders`` their waybills name (first seen first)."""

    codes: list[list[PhotoCode]]
    orders: list[str]

    @property
    def order_id(self) -> str | None:
        """The one order the photos name, None when they name none or several."""
        return self.orders[0] if len(self.orders) == 1 else None

    def waybills(self) -> list[str]:
        return [c.text for codes in self.codes for c in codes if c.waybill]


def order_from_photos(catalog: Catalog, photos: Sequence[Photo], orders: OrderStore | None = None) -> PhotoOrder:
    """Read every photo's codes and look their waybills up in the catalog (and the order data)."""
    lookup = order_lookup(catalog, orders)
    codes = [read_photo_codes(p) for p in photos]
    orders: list[str] = []
    for found in codes:
        for order in orders_in_codes(found, lookup):
            if order not in orders:
                orders.append(order)
    return PhotoOrder(codes, orders)


def require_one_order(found: PhotoOrder) -> str:
    """The order the photos name; :class:`BadInputError` saying why when it is not exactly one."""
    if found.order_id is not None:
        return found.order_id
    if found.orders:
        raise BadInputError(f"the photos show waybills of several orders ({', '.join(found.orders)}); "
                            "say which one with --order")
    read = found.waybills()
    if read:
        raise BadInputError(f"the photos show the code(s) {', '.join(read)}, but no clip is filed under them; "
                            "give the order with --order")
    raise BadInputError("no order was given and no waybill could be read in the photos; give it with --order")
