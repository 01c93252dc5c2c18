"""How order fields and statuses are named to people (translated)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from packseal.core.orders.model import STOP_STATUSES


def _t(text: str) -> str:
    return QCoreApplication.translate("OrderTexts", text)


def field_label(name: str) -> str:
    """The name of an import field as the mapping dialog shows it."""
    labels = {
        "order_id": _t("Order ID"), "waybill": _t("Waybill(s)"), "return_waybill": _t("Return waybill(s)"),
        "sku": _t("SKU"), "barcode": _t("Product barcode"), "name": _t("Product name"), "qty": _t("Quantity"),
        "status": _t("Status"), "buyer_note": _t("Buyer's note"), "seller_note": _t("Seller's note"),
        "weight_g": _t("Expected weight"), "image": _t("Picture (path or URL)"),
    }
    return labels.get(name, name)


def status_label(status: str) -> str:
    """A stored status in the user's words (unknown ones as the shop wrote them)."""
    labels = {
        "cancelled": _t("Cancelled"), "refunded": _t("Refunded"), "refund_requested": _t("Refund requested"),
        "unpaid": _t("Unpaid"), "to_ship": _t("To ship"), "shipped": _t("Shipped"), "completed": _t("Completed"),
        "": _t("—"),
    }
    return labels.get(status, status)


def stops_bench(status: str) -> bool:
    return status in STOP_STATUSES
