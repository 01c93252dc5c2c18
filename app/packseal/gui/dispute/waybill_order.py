"""The order field filled from the claim's photos: the waybill on the parcel's label names the order.

Photos dropped before an order is typed are read for barcodes in the
background (:func:`packseal.core.evidence.photo_order.order_from_photos`).
When their waybills name one order with a filed clip and the field is still
empty, the order is typed in for the owner and :attr:`WaybillOrder.order_filled`
is emitted (the view then compares the photos with it); otherwise the status
line says what was found and the order field takes the focus.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Signal
from PySide6.QtWidgets import QLineEdit

from packseal.core.catalog import Catalog
from packseal.core.orders.store import OrderStore
from packseal.core.evidence.photo_order import order_from_photos
from packseal.gui.dispute import status_texts
from packseal.gui.dispute.claim_photos import ClaimPhotos
from packseal.gui.dispute.comparison_area import ComparisonArea
from packseal.gui.dispute.status_area import StatusArea
from packseal.gui.dispute.view_jobs import ViewJobs


class WaybillOrder(QObject):
    """See the module docstring."""

    order_filled = Signal()

    def __init__(self, catalog: Catalog, orders: OrderStore | None, claim: ClaimPhotos, jobs: ViewJobs, order_edit: QLineEdit,
                 status: StatusArea, area: ComparisonArea, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.catalog, self.orders = catalog, orders
        self.claim = claim
        self.jobs = jobs
        self.order_edit = order_edit
        self.status = status
        self.area = area

    def find(self) -> None:
        """Read the labels in the claim's photos; a waybill of a filed clip fills the order field."""
        photos, catalog, orders = list(self.claim.paths), self.catalog, self.orders

        def job() -> list[str]:
            from packseal.core.compare.photo import load_photo
            return order_from_photos(catalog, [load_photo(p) for p in photos], orders).orders

        self.jobs.run(job, self._orders_read, "read photo labels",
                      QT_TRANSLATE_NOOP("DisputeView", "Looking for a waybill in the photos…"))

    def _orders_read(self, orders: list[str]) -> None:
        filled = len(orders) == 1 and not self.order_edit.text().strip()
        if filled:
            self.order_edit.setText(orders[0])
        text, args = status_texts.orders_in_photos(orders, self.claim.current, filled)
        self.status.set_status(text, **args)
        if filled:
            self.order_filled.emit()
            return
        self.area.clear()
        self.order_edit.setFocus()
