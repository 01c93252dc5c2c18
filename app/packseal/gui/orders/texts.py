"""How order fields and statuses are named to people (translated)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication as Qca

from packseal.core.orders.importer import MAX_QTY
from packseal.core.orders.model import STOP_STATUSES


def field_label(name: str) -> str:
    """The name of an import field as the mapping dialog shows it."""
    labels = {
        "order_id": Qca.translate("OrderTexts", "Order ID"),
        "waybill": Qca.translate("OrderTexts", "Waybill(s)"),
        "return_waybill": Qca.translate("OrderTexts", "Return waybill(s)"),
        "sku": Qca.translate("OrderTexts", "SKU"),
        "barcode": Qca.translate("OrderTexts", "Product barcode"),
        "name": Qca.translate("OrderTexts", "Product name"),
        "qty": Qca.translate("OrderTexts", "Quantity"),
        "status": Qca.translate("OrderTexts", "Status"),
        "buyer_note": Qca.translate("OrderTexts", "Buyer's note"),
        "seller_note": Qca.translate("OrderTexts", "Seller's note"),
        "weight_g": Qca.translate("OrderTexts", "Expected weight"),
        "image": Qca.translate("OrderTexts", "Picture (path or URL)"),
    }
    return labels.get(name, name)


def status_label(status: str) -> str:
    """A stored status in the user's words (unknown ones as the shop wrote them)."""
    labels = {
        "cancelled": Qca.translate("OrderTexts", "Cancelled"),
        "refunded": Qca.translate("OrderTexts", "Refunded"),
        "refund_requested": Qca.translate("OrderTexts", "Refund requested"),
        "unpaid": Qca.translate("OrderTexts", "Unpaid"),
        "to_ship": Qca.translate("OrderTexts", "To ship"),
        "shipped": Qca.translate("OrderTexts", "Shipped"),
        "completed": Qca.translate("OrderTexts", "Completed"),
        "": "—",
    }
    return labels.get(status, status)


def row_reason(code: str, value: str, english: str) -> str:
    """Why an import refused a row, in the user's words (the core's English when the code is new)."""
    texts = {
        "no_order_id": Qca.translate("OrderTexts", "no order ID"),
        "bad_qty": Qca.translate("OrderTexts", "quantity “{value}” is not a whole number of pieces"),
        "qty_range": Qca.translate("OrderTexts", "quantity {value} is not between 1 and {most}"),
        "bad_weight": Qca.translate("OrderTexts", "weight “{value}” is not a number"),
        "weight_range": Qca.translate("OrderTexts", "weight {value} is more than a tonne"),
    }
    text = texts.get(code)
    return text.format(value=value, most=MAX_QTY) if text else english


def stops_bench(status: str) -> bool:
    return status in STOP_STATUSES
