"""The built-in order-number rules: carriers' waybill numbers and marketplaces' order numbers.

Each rule is one checkbox in Settings → Order numbers. The shapes come from
what carriers print and what public tools accept; carriers do not publish
formal specifications, so the rules are written to accept every form seen in
the sources below and little else. Where a source is thin the comment says
so; the shop's own pattern (Settings → advanced) covers what a rule misses.

Sources (all public, checked when the rules were written):
- [K] The Hive UDF ``UDFLogisticNoValid`` (github chinagoods, file
  ``functions/logistic/UDFLogisticNoValid.java``): regexes per Chinese
  carrier with real sample numbers (``JDVA11408814483``, ``JT0006968326954``,
  ``1240921381750``, ``773…``).
- [B] github BF-zh/Courier-Validation, ``src/pattern/*.ts`` and its tests:
  ``SF1385628716739``, ``YT8962646785389``, ``73610555582883`` (ZTO),
  ``773277027280336`` (STO), ``463431409940372`` (Yunda), ``1207119765021``
  (EMS), ``JDX024407261700``, ``JT5261988016578``; Cainiao ``621`` + 12 digits.
- [S10] UPU standard S10 (as data in github jkeen/tracking_number_data,
  ``couriers/s10.json``): 2 letters, 8 digits, mod-11 check digit with
  weights 8 6 4 2 3 5 9 7, country code; ``RB123456785GB`` is valid.
- [A] AliExpress/Cainiao ``LP`` + 14 digits (a public tracking detector's tests,
  ``LP00000000000001``).
- [SPX] Shopee Xpress numbers in public code: ``SPXID064575539347``,
  ``SPXMY04482646165C``, ``SPXVN06005175399A``, ``SPXVN063015366786``.
- [LEX] packagexlabs vision-sdk ``LelExpressCourier``: ``MYMPA`` + 9 digits and
  ``LXST`` + 9 digits + ``MY``.
- [NV] packagexlabs vision-sdk ``NinjaVanCourier``: 9 letters + 9 digits.
- [FL] Flash Express open API documentation (``pno``, up to 20 characters):
  ``TH47144P18``, ``TH47146DR36``.
- [KE] checkpassadu.com (Thai parcel tracker): "Kerry numbers mostly start
  with SHP".
"""

from __future__ import annotations

from packseal.core.recording.order_rule import CARRIER, MARKETPLACE, OrderRule


def s10_check_ok(code: str) -> bool:
    """True when the 9th character of a UPU S10 number (``EA123456785CN``) is its check digit."""
    digits = code[2:10]
    if len(code) != 13 or not digits.isdigit() or not code[10].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits, (8, 6, 4, 2, 3, 5, 9, 7)))
    check = 11 - total % 11
    check = {10: 0, 11: 5}.get(check, check)
    return int(code[10]) == check


CARRIER_RULES: tuple[OrderRule, ...] = (
    # SF Express (顺丰): "SF" + 13 digits today, 12 on older labels [B][K].
    # The all-digit 12-digit numbers of before 2019 are not accepted.
    OrderRule("sf", r"(?i)SF\d{12,13}", "SF1385628716739", title="SF Express", kind=CARRIER,
              shape="SF + 12–13 digits", prefix=r"(?i)SF"),
    # JD Logistics (京东): JD + up to two letters (JDV, JDVA, JDVC, JDX, JDK, JDAZ…)
    # + 11-15 digits [K][B]; the package code on a label may add "-1-1-"
    # (package 1 of 1), which is accepted as scanned.
    OrderRule("jd", r"(?i)JD[A-Z]{0,2}\d{11,15}(?:-\d{1,3}-\d{1,3}-?)?", "JDVA11408814483",
              title="JD Logistics", kind=CARRIER, shape="JD + letters and 11–15 digits", prefix=r"(?i)JD"),
    # YTO Express (圆通): "YT" + 13 digits today [B]; [K] allows 10-13 after two
    # characters, newer ranges reach 15.
    OrderRule("yto", r"(?i)YT\d{10,15}", "YT8962646785389", title="YTO Express", kind=CARRIER,
              shape="YT + 10–15 digits", prefix=r"(?i)YT"),
    # ZTO Express (中通): 12 or 14 digits starting 73-79 except 77 (STO's) [B][K].
    OrderRule("zto", r"7[3-689]\d{10}(?:\d{2})?", "73610555582883", title="ZTO Express", kind=CARRIER,
              shape="12 or 14 digits starting 73–79"),
    # STO Express (申通): 12-15 digits on the ranges in [K]: 77, 88, 66, 55, 58, 99,
    # 22 and 268…968, 588, 688, 900 (15-digit 773… since 2019 [B]).
    OrderRule("sto", r"(?:77|88|66|55|58|99|22)\d{10,13}|(?:[2-9]68|[56]88|900)\d{9,12}", "773277027280336",
              title="STO Express", kind=CARRIER, shape="12–15 digits starting 77, 88, 66, 55, 58, 99, 22, x68 or 900"),
    # Yunda (韵达): 13 or 15 digits [K]; ranges 31, 33, 35, 39, 43, 46, 50 (12-15 kept).
    OrderRule("yunda", r"(?:31|33|35|39|43|46|50)\d{10,13}", "463431409940372", title="Yunda",
              kind=CARRIER, shape="12–15 digits starting 31, 33, 35, 39, 43, 46 or 50"),
    # EMS / China Post (中国邮政): domestic 13 digits starting 1 [B][K]; the UPU S10
    # form (EMS international, registered mail, e-commerce parcels) with its check
    # digit [S10].
    OrderRule("ems", r"(?i)1\d{12}|[A-Z]{2}\d{9}CN", "1207119765021", title="EMS / China Post", kind=CARRIER,
              shape="13 digits starting 1, or 2 letters + 9 digits + CN",
              check=lambda code: not code[:1].isalpha() or s10_check_ok(code.upper())),
    # J&T Express (极兔): "JT" + 13 digits (12 on some labels) [B][K].
    OrderRule("jt", r"(?i)JT\d{12,13}", "JT5261988016578", title="J&T Express", kind=CARRIER,
              shape="JT + 12–13 digits", prefix=r"(?i)JT"),
    # Cainiao (菜鸟): the logistics order "LP" + 14 digits [A]; domestic 621 + 12 digits [B].
    OrderRule("cainiao", r"(?i)LP\d{14}|621\d{12}", "LP00123456789012", title="Cainiao", kind=CARRIER,
              shape="LP + 14 digits, or 15 digits starting 621", prefix=r"(?i)LP"),
    # Shopee Xpress: SPX + country code + 10-13 digits, sometimes a final letter [SPX].
    OrderRule("spx", r"(?i)SPX[A-Z]{2}\d{10,13}[A-Z]?", "SPXID064575539347", title="Shopee Xpress (SPX)",
              kind=CARRIER, shape="SPX + country + 10–13 digits", prefix=r"(?i)SPX"),
    # Lazada Express (LEX): MYMPA/MYLMA-style + 9-10 digits and LXxx + digits + MY [LEX].
    # Other countries' forms are not documented publicly: use the shop's own pattern.
    OrderRule("lex", r"(?i)[A-Z]{2}(?:MP|LM)[A-Z]\d{9,10}|LX[A-Z]{2}-?\d{9,12}(?:[A-Z]{2})?", "MYMPA012345678",
              title="Lazada Express (LEX)", kind=CARRIER, shape="MYMPA + 9 digits, or LX.. + 9–12 digits",
              prefix=r"(?i)LX|[A-Z]{2}MPA"),
    # Ninja Van: shipper prefix of letters + digits [NV] (9 capitals + 9 digits in
    # the source; NV + country code + letters and digits is the form on Ninja Van's
    # own labels, not documented publicly: thin evidence, so off by default).
    OrderRule("ninjavan", r"(?i:NV[A-Z]{2}[A-Z0-9]{8,20})|[A-Z]{9}\d{9}", "NVSGSHOPA000123456",
              title="Ninja Van", kind=CARRIER, shape="NV + country + 8–20 letters or digits", prefix=r"(?i)NV"),
    # Flash Express (Thailand): "TH" + digits and letters, at most 20 in all [FL].
    OrderRule("flash", r"(?i)TH\d{2}[A-Z0-9]{6,16}", "TH47146DR36", title="Flash Express", kind=CARRIER,
              shape="TH + 8–18 digits and letters", prefix=r"(?i)TH"),
    # Kerry Express (Thailand; now KEX): "SHP" + digits [KE].
    OrderRule("kerry", r"(?i)SHP\d{7,13}", "SHP5012345678", title="Kerry Express", kind=CARRIER,
              shape="SHP + 7–13 digits", prefix=r"(?i)SHP"),
)

MARKETPLACE_RULES: tuple[OrderRule, ...] = (
    # Taobao / Tmall (淘宝/天猫) order numbers: 16-19 digits (current ones 19);
    # Douyin's have the same shape. No waybill above is longer than 15 digits.
    OrderRule("taobao", r"\d{16,19}", "3412345678901234567", title="Taobao / Tmall / Douyin order",
              kind=MARKETPLACE, shape="16–19 digits"),
    # Pinduoduo (拼多多): YYMMDD, dash, 15 digits.
    OrderRule("pinduoduo", r"\d{6}-\d{15}", "230415-123456789012345", title="Pinduoduo order",
              kind=MARKETPLACE, shape="6 digits - 15 digits"),
    # Amazon: 3-7-7 digits.
    OrderRule("amazon", r"\d{3}-\d{7}-\d{7}", "123-1234567-1234567", title="Amazon order", kind=MARKETPLACE,
              shape="3-7-7 digits"),
    # Shopee order SN: YYMMDD then 6-10 capital letters and digits, at least one letter.
    OrderRule("shopee", r"(?=[0-9A-Z]*[A-Z])\d{6}[0-9A-Z]{6,10}", "2304159ABCDEFG", title="Shopee order",
              kind=MARKETPLACE, shape="6 digits (date) + 6–10 capitals and digits"),
)

BUILTIN_RULES: dict[str, OrderRule] = {r.key: r for r in CARRIER_RULES + MARKETPLACE_RULES}

#: A new station: the common Chinese carriers. Marketplace order numbers and
#: the South-East Asian carriers are ticked by the shop that needs them.
DEFAULT_KEYS: tuple[str, ...] = ("sf", "jd", "yto", "zto", "sto", "yunda", "ems", "jt")

# The table of shapes before settings version 2 (name → regex), for migrating
# old settings: an entry equal to one of these becomes the matching checkbox.
LEGACY_BUILTIN: dict[str, tuple[str, str]] = {
    r"(?i)SF\d{12,13}": ("sf", "sf"),
    r"(?i)JD(?:V[A-Z]?|X)?\d{11,15}": ("jd", "jd"),
    r"(?i)YT\d{13,15}": ("yto", "yto"),
    r"(?i)JT\d{13}": ("jt", "jt"),
    r"(?i)[A-Z]{2}\d{9}CN": ("ems-intl", "ems"),
    r"\d{3}-\d{7}-\d{7}": ("amazon", "amazon"),
    r"\d{6}-\d{15}": ("pinduoduo", "pinduoduo"),
    r"\d{16,19}": ("taobao", "taobao"),
    r"7[35689]\d{10}(?:\d{2})?": ("zto", "zto"),
    r"(?=\d{12,15}\Z)(?:77|88|66|55|58|99|22|[2-8]68|900)\d+": ("sto", "sto"),
    r"(?=\d{12,15}\Z)(?:31|33|35|39|43|46|50)\d+": ("yunda", "yunda"),
    r"1\d{12}": ("ems", "ems"),
    r"(?=[0-9A-Z]*[A-Z])\d{6}[0-9A-Z]{6,10}": ("shopee", "shopee"),
}
#: The old catch-all: any 8-40 letters and digits. It is now the explicit
#: "accept any code" choice, off unless the owner turns it on.
LEGACY_CATCH_ALL = r"[A-Za-z0-9](?:[A-Za-z0-9_-]{6,38}[A-Za-z0-9])"
#: What the old empty list (= the whole table) becomes.
LEGACY_TABLE_KEYS: tuple[str, ...] = ("sf", "jd", "yto", "jt", "ems", "amazon", "pinduoduo", "taobao",
                                      "zto", "sto", "yunda", "shopee")
