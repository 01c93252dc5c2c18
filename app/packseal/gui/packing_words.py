"""The packing record's words in the user's language: kinds, outcomes, scan results, warnings."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_CONTEXT = "PackingWords"
_WORDS = {
    "shipment": QT_TRANSLATE_NOOP("PackingWords", "Shipment"),
    "return": QT_TRANSLATE_NOOP("PackingWords", "Return"),
    "complete": QT_TRANSLATE_NOOP("PackingWords", "Complete"),
    "incomplete": QT_TRANSLATE_NOOP("PackingWords", "Incomplete"),
    "not-checked": QT_TRANSLATE_NOOP("PackingWords", "Not checked"),
    "wrong-item": QT_TRANSLATE_NOOP("PackingWords", "Wrong item seen"),
    "overridden": QT_TRANSLATE_NOOP("PackingWords", "Warnings overridden"),
    "item": QT_TRANSLATE_NOOP("PackingWords", "ticked"),
    "wrong": QT_TRANSLATE_NOOP("PackingWords", "wrong item, not counted"),
    "extra": QT_TRANSLATE_NOOP("PackingWords", "one too many, not counted"),
    "cancelled": QT_TRANSLATE_NOOP("PackingWords", "Order cancelled"),
    "refunded": QT_TRANSLATE_NOOP("PackingWords", "Order refunded"),
    "duplicate-waybill": QT_TRANSLATE_NOOP("PackingWords", "Waybill recorded before"),
    "items-missing": QT_TRANSLATE_NOOP("PackingWords", "Items missing at stop"),
    "weight": QT_TRANSLATE_NOOP("PackingWords", "Weight out of range"),
    "confirmed": QT_TRANSLATE_NOOP("PackingWords", "the packer confirmed"),
    "shown": QT_TRANSLATE_NOOP("PackingWords", "shown"),
}

_STATUSES = {
    "cancelled": QT_TRANSLATE_NOOP("PackingWords", "cancelled"),
    "refunded": QT_TRANSLATE_NOOP("PackingWords", "refunded"),
    "refund_requested": QT_TRANSLATE_NOOP("PackingWords", "refund requested"),
    "unpaid": QT_TRANSLATE_NOOP("PackingWords", "unpaid"),
    "to_ship": QT_TRANSLATE_NOOP("PackingWords", "to ship"),
    "shipped": QT_TRANSLATE_NOOP("PackingWords", "shipped"),
    "completed": QT_TRANSLATE_NOOP("PackingWords", "completed"),
}

#: The library's outcome filter, in order (catalog filter values).
OUTCOME_CHOICES = ("complete", "incomplete", "wrong-item", "overridden", "not-checked")


def word(key: str) -> str:
    """The translated word for a record value; an unknown value is shown as written."""
    text = _WORDS.get(key)
    return QCoreApplication.translate(_CONTEXT, text) if text else key


def status_text(status: str) -> str:
    """An order's status (core/orders/status.py's words) translated; a shop's own word as written."""
    text = _STATUSES.get(status)
    return QCoreApplication.translate(_CONTEXT, text) if text else status


def outcome_text(outcome: str, wrong_scans: int, overridden: bool) -> str:
    """One cell: the outcome, with a wrong item seen and overridden warnings added."""
    parts = [word(outcome)]
    if wrong_scans:
        parts.append(word("wrong-item"))
    if overridden:
        parts.append(word("overridden"))
    return " · ".join(parts)
