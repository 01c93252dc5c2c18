"""Order/waybill ID validation; an accepted ID is its own file stem."""

from __future__ import annotations

import string

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from packseal.core.errors import BadInputError
from packseal.core.recording.carriers import BUILTIN_RULES
from packseal.core.recording.order_id import MAX_LENGTH, InvalidOrderIdError, OrderIdPolicy, ValidOrderId
from packseal.core.recording.order_rule import OrderRule
from packseal.core.recording.product_codes import product_code_kind
from packseal.core.storage.names import safe_file_stem
from tests.support.file_names import assert_plain_file_name

POLICY = OrderIdPolicy()  # a new station's rules: the common Chinese carriers
MARKETS = OrderIdPolicy([BUILTIN_RULES[k] for k in ("taobao", "pinduoduo", "amazon", "shopee")])


def test_a_new_station_has_no_catch_all() -> None:
    assert [r.key for r in POLICY.rules] == ["sf", "jd", "yto", "zto", "sto", "yunda", "ems", "jt"]
    assert not POLICY.accept_any
    for junk in ("helloworld", "ORDER-2024-000123", "Shop_A-0001", "X" * 40, "abc_defgh"):
        with pytest.raises(InvalidOrderIdError):
            POLICY.validate(junk)


@pytest.mark.parametrize("suffix", ["\r", "\n", "\r\n", "  ", "\t", " \r\n"])
def test_scanner_suffix_and_surrounding_whitespace_are_stripped(suffix: str) -> None:
    assert POLICY.validate(" " + "SF1234567890123" + suffix).value == "SF1234567890123"


def test_case_is_kept_as_scanned() -> None:
    assert POLICY.validate("sf1234567890123") == ValidOrderId("sf1234567890123", "sf")


@pytest.mark.parametrize(
    ("raw", "reason", "detail", "words"),
    [
        ("../../etc/passwd", "path", "/", ["path separator", "'/'"]),
        ("a/b", "path", "/", ["path separator"]),
        ("abc\\defgh", "path", "\\", ["path separator"]),
        ("abc..defgh", "path", "..", ["'..'"]),
        ("SF123\x00", "control", "\x00", ["control character", "\\x00", "NUL", "position 6"]),
        ("\x1b[31mSF1234567890123", "control", "\x1b", ["control character", "\\x1b", "ESC"]),
        ("SF12345\t67890123", "control", "\t", ["TAB"]),
        ("ＳＦ１２３", "full-width", "Ｓ", ["U+FF33", "full-width", "English", "half-width"]),
        ("SF12345678901é", "not-ascii", "é", ["U+00E9"]),
        ("abc\u202edefgh", "not-ascii", "\u202e", ["U+202E", "\\u202e"]),
        ("", "empty", "", ["empty"]),
        ("   \r\n", "empty", "", ["empty"]),
        ("A" * 10_000, "too-long", "", ["too long", "10000 characters", str(MAX_LENGTH)]),
        ("SF 1234567890123", "characters", " ", ["' '", "position 3", "no enabled"]),
        ("SF#1234567890123", "characters", "#", ["'#'"]),
        ("hello", "too-short", "12", ["too short", "5 characters", "at least 12"]),
        ("helloworld", "too-short", "12", ["too short"]),
        ("1234567", "too-short", "12", ["too short"]),
        ("SF123", "no-match", "sf", ["starts like SF Express", "SF + 12–13 digits"]),
        ("SF12345678901234", "no-match", "sf", ["starts like SF Express"]),
        ("JT123", "no-match", "jt", ["starts like J&T Express"]),
        ("ABCDEFGHIJKLMNOP", "no-match", "", ["not the format of any enabled carrier"]),
        ("EA123456789CN", "check-digit", "ems", ["check digit is wrong"]),
        ("6901234567892", "product-code", "EAN-13", ["product barcode (EAN-13)", "not a waybill"]),
        ("9787111213826", "product-code", "ISBN-13", ["product barcode (ISBN-13)"]),
        ("012345678905", "product-code", "UPC-A", ["(UPC-A)"]),
        ("96385074", "product-code", "EAN-8", ["(EAN-8)"]),
        ("04252614", "product-code", "UPC-E", ["(UPC-E)"]),
        ("0306406152", "product-code", "ISBN-10", ["(ISBN-10)"]),
        ("080442957X", "product-code", "ISBN-10", ["(ISBN-10)"]),
    ],
)
def test_bad_ids_are_refused_with_the_reason_in_plain_words(raw: str, reason: str, detail: str,
                                                           words: list[str]) -> None:
    with pytest.raises(InvalidOrderIdError) as caught:
        POLICY.validate(raw)
    error = caught.value
    assert isinstance(error, BadInputError)
    assert (error.reason, error.detail) == (reason, detail)
    message = str(error)
    for word in words:
        assert word in message
    # Control characters are never echoed raw (a terminal or log would act on them).
    assert not any(ch < " " or ch == "\x7f" for ch in message)
    assert "\u202e" not in message
    # Absurdly long input is not echoed in full.
    assert len(message) < 600


def test_refusals_show_examples_of_accepted_codes() -> None:
    with pytest.raises(InvalidOrderIdError) as caught:
        POLICY.validate("helloworld")
    codes = POLICY.example_codes
    assert len(codes) == 3
    assert f"{codes[0]}, {codes[1]} or {codes[2]}" in str(caught.value)
    for example in codes:
        POLICY.validate(example)


def test_non_text_is_refused() -> None:
    with pytest.raises(InvalidOrderIdError) as caught:
        POLICY.validate(b"SF1234567890123")  # type: ignore[arg-type]
    assert caught.value.reason == "not-text"


@pytest.mark.parametrize("fmt", ["EAN13", "EAN8", "UPCA", "UPCE"])
def test_a_product_symbology_from_the_camera_is_refused_whatever_its_digits(fmt: str) -> None:
    # 1207119765021 is a real EMS number that also has a valid EAN-13 check digit: typed or
    # scanned from the label it is an order; printed as an EAN barcode it is a product.
    assert POLICY.validate("1207119765021").pattern == "ems"
    with pytest.raises(InvalidOrderIdError) as caught:
        POLICY.validate("1207119765021", symbology=fmt)
    assert caught.value.reason == "product-code"
    assert POLICY.validate("1207119765021", symbology="Code128").pattern == "ems"


def test_a_carrier_number_that_also_reads_as_a_product_code_is_accepted_and_says_so() -> None:
    valid = POLICY.validate("1207119765021")
    assert valid == ValidOrderId("1207119765021", "ems", also_product="EAN-13")
    assert POLICY.validate("SF1385628716739").also_product is None


def test_marketplace_order_numbers_are_their_own_rules() -> None:
    assert MARKETS.validate("3412345678901234567").pattern == "taobao"
    assert MARKETS.validate("230415-123456789012345").pattern == "pinduoduo"
    assert MARKETS.validate("123-1234567-1234567").pattern == "amazon"
    assert MARKETS.validate("2304159ABCDEFG").pattern == "shopee"
    with pytest.raises(InvalidOrderIdError):
        MARKETS.validate("SF1385628716739")  # carriers not ticked


def test_accept_any_takes_sensible_codes_but_never_product_codes() -> None:
    anything = OrderIdPolicy([], accept_any=True)
    assert anything.validate("ORDER-2024-000123") == ValidOrderId("ORDER-2024-000123", "any")
    assert anything.validate("helloworld").pattern == "any"
    for product in ("6901234567892", "9787111213826", "012345678905"):
        with pytest.raises(InvalidOrderIdError) as caught:
            anything.validate(product)
        assert caught.value.reason == "product-code"
    for bad in ("hello", "-abcdefgh", "A" * 41, "a b c d e f"):
        with pytest.raises(InvalidOrderIdError):
            anything.validate(bad)


def test_custom_rules_are_used_in_order_and_named() -> None:
    policy = OrderIdPolicy([
        OrderRule("shop", r"SHOP#\d{4}", "SHOP#0001"),
        OrderRule("loose", r"(?i)[a-z]{3}\d{3}", "abc123"),
    ])
    assert policy.validate("SHOP#1234") == ValidOrderId("SHOP#1234", "shop")
    assert policy.validate("ABC123").pattern == "loose"
    with pytest.raises(InvalidOrderIdError) as caught:
        policy.validate("SF1234567890123")
    assert "SHOP#0001" in str(caught.value)
    # Structural checks hold whatever the rules allow.
    permissive = OrderIdPolicy([OrderRule("anything", r".*")])
    for bad in ("a/b", "..", "x\x00y", "ｘ"):
        with pytest.raises(InvalidOrderIdError):
            permissive.validate(bad)


def test_a_rule_that_does_not_compile_is_named() -> None:
    with pytest.raises(BadInputError, match="'broken'.*invalid regular expression"):
        OrderIdPolicy([OrderRule("fine", r"\d+"), OrderRule("broken", r"SF(\d+")])


def test_no_rule_at_all_is_refused() -> None:
    with pytest.raises(BadInputError, match="no order-number rules"):
        OrderIdPolicy([])


# -- accepted IDs as file stems ----------------------------------------------


def test_valid_ids_keep_their_form_as_file_stem() -> None:
    for rule in BUILTIN_RULES.values():
        assert safe_file_stem(rule.example) == rule.example
    assert safe_file_stem("JDVA11408814483-1-1-") == "JDVA11408814483-1-1-"


_ID_ALPHABET = st.sampled_from(string.ascii_letters + string.digits + "-_./\\ \r\n\t\x00\x1b#:*?<>|\"'.ＳＦ１é\u202e")


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), st.text(_ID_ALPHABET, max_size=70)))
def test_validate_only_ever_raises_bad_input(raw: str) -> None:
    try:
        result = POLICY.validate(raw)
    except BadInputError:
        return
    assert result.value == raw.strip(" \t\r\n")
    assert_plain_file_name(safe_file_stem(result.value))


ANYTHING = OrderIdPolicy([], accept_any=True)


@settings(max_examples=300, deadline=None)
@given(st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_-]{6,38}[A-Za-z0-9]", fullmatch=True))
def test_plain_codes_are_accepted_by_accept_any_and_are_their_own_file_stem(raw: str) -> None:
    assume(product_code_kind(raw) is None)
    result = ANYTHING.validate(raw)
    assert result.value == raw
    stem = safe_file_stem(result.value)
    assert_plain_file_name(stem)
    assert stem == raw
