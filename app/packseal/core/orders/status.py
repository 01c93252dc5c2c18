"""Order statuses from the shops' own words to a few PackSeal words.

Marketplaces and ERPs write a status in their own language ("交易关闭",
"TRADE_CLOSED", "Cancelled" …). The bench only needs to know a handful of
states; :data:`STATUS_WORDS` maps what the exports and feeds write to them
(docs/ORDERS.md lists the table). A status not in the table is kept as the
shop wrote it, lower-cased, so nothing is lost and nothing unknown stops the
bench.
"""

from __future__ import annotations

import re
import unicodedata

#: PackSeal's status → the words that mean it (compared after NFKC, lower-case, blanks removed).
STATUS_WORDS: dict[str, tuple[str, ...]] = {
    "cancelled": (
        "cancelled", "canceled", "cancel", "closed", "trade_closed", "trade_closed_by_taobao", "in_cancel",
        "已取消", "取消", "订单取消", "交易取消", "交易关闭", "订单关闭", "已关闭", "已作废", "作废",
    ),
    "refunded": (
        "refunded", "refund", "refund_success", "returned", "returned/refunded", "return/refund",
        "退款成功", "已退款", "退款完成", "全额退款", "退货退款成功", "退货成功", "已退货",
    ),
    "refund_requested": (
        "refund_requested", "refunding", "refund_pending", "in_refund", "return_requested",
        "退款中", "申请退款", "退款申请中", "待退款", "售后中", "退货中", "买家申请退款",
    ),
    "unpaid": (
        "unpaid", "wait_buyer_pay", "pending_payment", "待付款", "等待买家付款", "未付款",
    ),
    "to_ship": (
        "to_ship", "paid", "ready_to_ship", "awaiting_shipment", "wait_seller_send_goods",
        "awaiting_collection", "processing", "unshipped",
        "待发货", "已付款", "买家已付款", "等待卖家发货", "待出库", "已付款待发货", "待配货",
    ),
    "shipped": (
        "shipped", "shipping", "in_transit", "wait_buyer_confirm_goods", "seller_consigned_part",
        "已发货", "卖家已发货", "等待买家确认收货", "待收货", "已出库", "运输中", "部分发货",
    ),
    "completed": (
        "completed", "complete", "delivered", "trade_finished", "finished",
        "交易成功", "已完成", "已签收", "交易完成", "已收货",
    ),
}

def _key(text: str) -> str:
    return re.sub(r"[\s_\-]+", "", unicodedata.normalize("NFKC", text).lower())


_LOOKUP = {_key(word): status for status, words in STATUS_WORDS.items() for word in words}


def normalise_status(text: str) -> str:
    """PackSeal's word for the status ``text`` ("交易关闭" → "cancelled"); unknown text lower-cased.

    Compared without case, blanks, ``_`` or ``-`` ("To ship", "TO_SHIP", "to-ship" are one word).
    """
    cleaned = unicodedata.normalize("NFKC", text or "").strip().lower()
    return _LOOKUP.get(_key(cleaned), cleaned)
