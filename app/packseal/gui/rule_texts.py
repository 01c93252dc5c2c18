"""The names and shapes of the built-in order-number rules, in the user's language.

The core names its rules in English (:mod:`packseal.core.recording.carriers`);
the window shows them through these tables, so every name a packer or owner
reads is translated. The shop's own rules keep the name the owner gave them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from packseal.core.recording.order_rule import OrderRule


def _titles() -> dict[str, str]:
    return {
        "sf": QCoreApplication.translate("OrderRules", "SF Express"),
        "jd": QCoreApplication.translate("OrderRules", "JD Logistics"),
        "yto": QCoreApplication.translate("OrderRules", "YTO Express"),
        "zto": QCoreApplication.translate("OrderRules", "ZTO Express"),
        "sto": QCoreApplication.translate("OrderRules", "STO Express"),
        "yunda": QCoreApplication.translate("OrderRules", "Yunda"),
        "ems": QCoreApplication.translate("OrderRules", "EMS / China Post"),
        "jt": QCoreApplication.translate("OrderRules", "J&T Express"),
        "cainiao": QCoreApplication.translate("OrderRules", "Cainiao"),
        "spx": QCoreApplication.translate("OrderRules", "Shopee Xpress (SPX)"),
        "lex": QCoreApplication.translate("OrderRules", "Lazada Express (LEX)"),
        "ninjavan": QCoreApplication.translate("OrderRules", "Ninja Van"),
        "flash": QCoreApplication.translate("OrderRules", "Flash Express"),
        "kerry": QCoreApplication.translate("OrderRules", "Kerry Express"),
        "taobao": QCoreApplication.translate("OrderRules", "Taobao / Tmall / Douyin order"),
        "pinduoduo": QCoreApplication.translate("OrderRules", "Pinduoduo order"),
        "amazon": QCoreApplication.translate("OrderRules", "Amazon order"),
        "shopee": QCoreApplication.translate("OrderRules", "Shopee order"),
        "any": QCoreApplication.translate("OrderRules", "Any code"),
    }


def _shapes() -> dict[str, str]:
    return {
        "sf": QCoreApplication.translate("OrderRules", "SF + 12–13 digits"),
        "jd": QCoreApplication.translate("OrderRules", "JD + letters and 11–15 digits"),
        "yto": QCoreApplication.translate("OrderRules", "YT + 10–15 digits"),
        "zto": QCoreApplication.translate("OrderRules", "12 or 14 digits starting 73–79"),
        "sto": QCoreApplication.translate("OrderRules", "12–15 digits starting 77, 88, 66, 55, 58, 99, 22, x68 or 900"),
        "yunda": QCoreApplication.translate("OrderRules", "12–15 digits starting 31, 33, 35, 39, 43, 46 or 50"),
        "ems": QCoreApplication.translate("OrderRules", "13 digits starting 1, or 2 letters + 9 digits + CN"),
        "jt": QCoreApplication.translate("OrderRules", "JT + 12–13 digits"),
        "cainiao": QCoreApplication.translate("OrderRules", "LP + 14 digits, or 15 digits starting 621"),
        "spx": QCoreApplication.translate("OrderRules", "SPX + country + 10–13 digits"),
        "lex": QCoreApplication.translate("OrderRules", "MYMPA + 9 digits, or LX.. + 9–12 digits"),
        "ninjavan": QCoreApplication.translate("OrderRules", "NV + country + 8–20 letters or digits"),
        "flash": QCoreApplication.translate("OrderRules", "TH + 8–18 digits and letters"),
        "kerry": QCoreApplication.translate("OrderRules", "SHP + 7–13 digits"),
        "taobao": QCoreApplication.translate("OrderRules", "16–19 digits"),
        "pinduoduo": QCoreApplication.translate("OrderRules", "6 digits - 15 digits"),
        "amazon": QCoreApplication.translate("OrderRules", "3-7-7 digits"),
        "shopee": QCoreApplication.translate("OrderRules", "6 digits (date) + 6–10 capitals and digits"),
        "any": QCoreApplication.translate("OrderRules", "8–40 letters, digits, - and _"),
    }


def rule_title(key: str) -> str:
    """The translated name of a built-in rule, or ``key`` itself (the shop's own rule's name)."""
    return _titles().get(key, key)


def rule_shape(key: str, fallback: str = "") -> str:
    """What the rule's numbers look like, translated (``fallback`` for the shop's own rules)."""
    return _shapes().get(key, fallback)


def rule_tooltip(rule: OrderRule) -> str:
    """Shape and example, for a checkbox's tooltip."""
    return QCoreApplication.translate("OrderRules", "{shape}, for example {example}").format(
        shape=rule_shape(rule.key, rule.shape), example=rule.example)
