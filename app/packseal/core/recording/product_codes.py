"""Product barcodes (EAN-8, EAN-13, UPC-A, UPC-E, ISBN-10, ISBN-13), told apart from waybills.

A packer who scans the goods instead of the parcel's label must not end the
order being packed. Product barcodes carry a check digit, so a number is only
taken for one when its check digit is right (and, for EAN-13, when its first
digits are a prefix GS1 gives out). The camera also knows the symbology: a
code printed as EAN or UPC is a product code whatever its digits.

References: GS1 General Specifications §7.9 (the mod-10 check digit of
GTIN-8/12/13) and the GS1 company prefix list; ISO 2108 (ISBN-10 mod 11,
ISBN-13 = EAN-13 with prefix 978 or 979); UPC-E to UPC-A zero suppression as
in the GS1 General Specifications §5.2.2.4.
"""

from __future__ import annotations

#: zxing-cpp format names (``BarcodeFormat.name``) of product symbologies.
PRODUCT_SYMBOLOGIES = {"EAN13": "EAN-13", "EAN8": "EAN-8", "UPCA": "UPC-A", "UPCE": "UPC-E"}

# EAN-13 prefixes 140-199 are the block GS1 keeps unallocated, so a 13-digit
# number starting with one is no product code even when its check digit
# happens to fit. Every other prefix counts: 020-029 and 200-299 are in-store
# codes, 050-059, 981-984 and 99x coupons, 977 ISSN, 978/979 books; all of
# them are printed on goods. (Smaller gaps in the country list are not
# tracked: GS1 fills them over the years.)
_UNASSIGNED = frozenset(range(140, 200))


def gs1_check_digit_ok(digits: str) -> bool:
    """True when the last digit of ``digits`` (8, 12, 13 or 14 digits) is its GS1 mod-10 check digit."""
    if not digits.isdigit() or not digits.isascii() or len(digits) < 2:
        return False
    body, check = digits[:-1], int(digits[-1])
    # Weights 3, 1, 3, … from the rightmost digit of the body.
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


def isbn10_ok(code: str) -> bool:
    """True for a 10-character ISBN whose mod-11 check character (0-9 or X) is right."""
    if len(code) != 10 or not code[:9].isdigit() or not code.isascii():
        return False
    last = code[9].upper()
    if not (last.isdigit() or last == "X"):
        return False
    values = [int(d) for d in code[:9]] + [10 if last == "X" else int(last)]
    return sum(v * w for v, w in zip(values, range(10, 0, -1))) % 11 == 0


def upce_to_upca(code: str) -> str | None:
    """The 12-digit UPC-A that an 8-digit UPC-E (number system 0 or 1) stands for, or None."""
    if len(code) != 8 or not code.isdigit() or not code.isascii() or code[0] not in "01":
        return None
    system, d, check = code[0], code[1:7], code[7]
    last = d[5]
    if last in "012":
        body = d[0:2] + last + "0000" + d[2:5]
    elif last == "3":
        body = d[0:3] + "00000" + d[3:5]
    elif last == "4":
        body = d[0:4] + "00000" + d[4]
    else:
        body = d[0:5] + "0000" + last
    return system + body + check


def product_symbology(symbology: str) -> str | None:
    """``"EAN-13"`` etc. when ``symbology`` (``EAN13``, ``upc-a``…) is a product symbology, else None."""
    return PRODUCT_SYMBOLOGIES.get(symbology.upper().replace("-", "").replace("_", ""))


def product_code_kind(text: str, symbology: str | None = None) -> str | None:
    """Which kind of product barcode ``text`` is (``"EAN-13"``, ``"ISBN-13"``, …), or None.

    ``symbology`` is the barcode format the camera decoded (zxing-cpp names:
    ``EAN13``, ``UPCA``…); a product symbology decides on its own. Without it
    the digits decide: a valid check digit of the right length (and, for
    EAN-13, a prefix GS1 gives out).
    """
    if symbology:
        kind = product_symbology(symbology)
        if kind is not None:
            digits = text.strip()
            if kind == "EAN-13" and digits[:3] in ("978", "979"):
                return "ISBN-13"
            return kind
    code = text.strip()
    if not code.isascii():
        return None
    if len(code) == 10 and isbn10_ok(code):
        return "ISBN-10"
    if not code.isdigit():
        return None
    if len(code) == 8:
        if gs1_check_digit_ok(code):
            return "EAN-8"
        upca = upce_to_upca(code)
        if upca is not None and gs1_check_digit_ok(upca):
            return "UPC-E"
        return None
    if len(code) == 12:
        return "UPC-A" if gs1_check_digit_ok(code) else None
    if len(code) == 13 and gs1_check_digit_ok(code):
        if code[:3] in ("978", "979"):
            return "ISBN-13"
        return None if int(code[:3]) in _UNASSIGNED else "EAN-13"
    return None
