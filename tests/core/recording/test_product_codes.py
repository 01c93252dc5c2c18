"""Product barcodes are recognised by their check digits (and by the camera's symbology)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from packseal.core.recording.product_codes import (gs1_check_digit_ok, isbn10_ok, product_code_kind,
                                                   upce_to_upca)


def with_check_digit(body: str) -> str:
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return body + str((10 - total % 10) % 10)


@pytest.mark.parametrize(("code", "kind"), [
    ("6901234567892", "EAN-13"),     # GS1 China, from the issue
    ("4006381333931", "EAN-13"),     # GS1 Germany
    ("9787111213826", "ISBN-13"),
    ("9791032305690", "ISBN-13"),
    ("036000291452", "UPC-A"),
    ("96385074", "EAN-8"),
    ("04252614", "UPC-E"),           # = UPC-A 042100005264
    ("0306406152", "ISBN-10"),
    ("080442957X", "ISBN-10"),
])
def test_real_product_codes_are_recognised(code: str, kind: str) -> None:
    assert product_code_kind(code) == kind


@pytest.mark.parametrize("code", [
    "6901234567893",  # wrong check digit
    "1501234567897",  # valid check digit, but 150 is in GS1's unallocated 140-199 block
    "036000291453", "96385075", "0306406153", "SF1385628716739", "", "12345", "６９０１２３４５６７８９２",
    "73610555582883",  # 14 digits: a ZTO waybill, never a product code here
])
def test_other_codes_are_not_product_codes(code: str) -> None:
    assert product_code_kind(code) is None


@pytest.mark.parametrize(("fmt", "kind"), [("EAN13", "EAN-13"), ("EAN8", "EAN-8"), ("UPCA", "UPC-A"),
                                           ("UPCE", "UPC-E"), ("ean-13", "EAN-13")])
def test_the_camera_symbology_decides_on_its_own(fmt: str, kind: str) -> None:
    assert product_code_kind("1207119765020", fmt) == kind  # even with a wrong check digit
    assert product_code_kind("1207119765020", "Code128") is None


def test_a_book_seen_by_the_camera_is_an_isbn() -> None:
    assert product_code_kind("9787111213826", "EAN13") == "ISBN-13"


def test_upc_e_expands_by_the_zero_suppression_rules() -> None:
    assert upce_to_upca("04252614") == "042100005264"
    assert upce_to_upca("01234565") == "012345000065"
    assert upce_to_upca("01234133") == "012300000413"
    assert upce_to_upca("01234743") == "012340000073"
    assert upce_to_upca("21234565") is None


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([7, 11, 12]), st.data())
def test_every_gs1_number_with_its_check_digit_is_recognised(length: int, data: st.DataObject) -> None:
    body = data.draw(st.text("0123456789", min_size=length, max_size=length))
    code = with_check_digit(body)
    assert gs1_check_digit_ok(code)
    kind = product_code_kind(code)
    if length == 7:
        assert kind == "EAN-8"
    elif length == 11:
        assert kind == "UPC-A"
    else:
        assert kind in ({"ISBN-13"} if code[:3] in ("978", "979") else
                        {None} if 140 <= int(code[:3]) < 200 else {"EAN-13"})
    wrong = code[:-1] + str((int(code[-1]) + 1) % 10)
    assert not gs1_check_digit_ok(wrong)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=20))
def test_anything_is_a_kind_or_none_without_raising(text: str) -> None:
    assert product_code_kind(text) in (None, "EAN-8", "EAN-13", "UPC-A", "UPC-E", "ISBN-10", "ISBN-13")
    assert isbn10_ok(text) in (True, False)
