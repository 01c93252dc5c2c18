"""Order/waybill ID validation and file-name safety."""

from __future__ import annotations

import re
import string
from pathlib import PurePosixPath, PureWindowsPath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from packseal.core.errors import BadInputError
from packseal.core.recording.order_id import (
    DEFAULT_PATTERNS,
    MAX_FILE_STEM,
    MAX_LENGTH,
    InvalidOrderIdError,
    OrderIdPolicy,
    OrderPattern,
    ValidOrderId,
    safe_file_stem,
)

POLICY = OrderIdPolicy()

VALID = {
    "sf": ["SF1234567890123", "SF140123456789", "sf1401234567890"],
    "jd": ["JDVA12345678901", "JDVC123456789012", "JDX123456789012", "JD0012345678901", "JDV12345678901"],
    "yto": ["YT7012345678901", "YT701234567890123", "yt7012345678901"],
    "jt": ["JT0001234567890", "JT5123456789012"],
    "ems-intl": ["EA123456789CN", "RR987654321CN", "LK012345678CN"],
    "amazon": ["123-1234567-1234567", "112-9876543-0123456"],
    "pinduoduo": ["230415-123456789012345", "241111-000000000000001"],
    "taobao": ["3412345678901234567", "1234567890123456", "23456789012345678"],
    "zto": ["731234567890", "75123456789012", "78987654321012", "761234567890"],
    "sto": ["773123456789012", "7712345678901", "880123456789", "268123456789012", "900123456789"],
    "yunda": ["4312345678901", "3101234567890", "461234567890123", "501234567890"],
    "ems": ["1012345678901", "1100987654321"],
    "shopee": ["2304159ABCDEFG", "2211017YJ2K8", "231231ABCDEFGH12"],
    "plain": ["ORDER-2024-000123", "12345678", "abc_defgh", "Shop_A-0001", "X" * 40],
}


@pytest.mark.parametrize(
    ("raw", "name"),
    [(code, name) for name, codes in VALID.items() for code in codes],
)
def test_valid_ids_are_accepted_with_their_pattern_name(raw: str, name: str) -> None:
    result = POLICY.validate(raw)
    assert result == ValidOrderId(raw, name)
    assert str(result) == raw


def test_every_default_pattern_accepts_its_own_example() -> None:
    for pattern in DEFAULT_PATTERNS:
        assert POLICY.validate(pattern.example).pattern == pattern.name


@pytest.mark.parametrize("suffix", ["\r", "\n", "\r\n", "  ", "\t", " \r\n"])
def test_scanner_suffix_and_surrounding_whitespace_are_stripped(suffix: str) -> None:
    assert POLICY.validate(" " + "SF1234567890123" + suffix).value == "SF1234567890123"


def test_case_is_kept_as_scanned() -> None:
    assert POLICY.validate("sf1234567890123").value == "sf1234567890123"
    assert POLICY.validate("Shop_A-0001").value == "Shop_A-0001"


@pytest.mark.parametrize(
    ("raw", "reason", "words"),
    [
        ("../../etc/passwd", "path", ["path separator", "'/'"]),
        ("a/b", "path", ["path separator"]),
        ("abc\\defgh", "path", ["path separator"]),
        ("abc..defgh", "path", ["'..'"]),
        ("SF123\x00", "control", ["control character", "\\x00", "NUL", "position 6"]),
        ("\x1b[31mSF1234567890123", "control", ["control character", "\\x1b", "ESC"]),
        ("SF12345\t67890123", "control", ["TAB"]),
        ("ＳＦ１２３", "not-ascii", ["U+FF33", "full-width", "half-width"]),
        ("SF12345678901é", "not-ascii", ["U+00E9"]),
        ("abc\u202edefgh", "not-ascii", ["U+202E", "\\u202e"]),
        ("", "empty", ["empty"]),
        ("   \r\n", "empty", ["empty"]),
        ("A" * 10_000, "too-long", ["too long", "10000 characters", str(MAX_LENGTH)]),
        ("SF 1234567890123", "no-match", ["not a known", "format"]),
        ("1234567", "no-match", ["not a known"]),
        ("-abcdefgh", "no-match", ["not a known"]),
        ("A" * 41, "no-match", ["not a known"]),
    ],
)
def test_bad_ids_are_refused_with_a_clear_message(raw: str, reason: str, words: list[str]) -> None:
    with pytest.raises(InvalidOrderIdError) as caught:
        POLICY.validate(raw)
    error = caught.value
    assert isinstance(error, BadInputError)
    assert error.reason == reason
    message = str(error)
    for word in words:
        assert word in message
    # Every refusal tells what a valid code looks like.
    assert "SF1234567890123" in message
    # Control characters are never echoed raw (a terminal or log would act on them).
    assert not any(ch < " " or ch == "\x7f" for ch in message)
    assert "\u202e" not in message
    # Absurdly long input is not echoed in full.
    assert len(message) < 600


def test_non_text_is_refused() -> None:
    with pytest.raises(InvalidOrderIdError) as caught:
        POLICY.validate(b"SF1234567890123")  # type: ignore[arg-type]
    assert caught.value.reason == "not-text"


def test_custom_patterns_are_used_in_order_and_named() -> None:
    policy = OrderIdPolicy([
        OrderPattern("shop", r"SHOP#\d{4}", "SHOP#0001"),
        OrderPattern("loose", r"(?i)[a-z]{3}\d{3}", "abc123"),
    ])
    assert policy.validate("SHOP#1234") == ValidOrderId("SHOP#1234", "shop")
    assert policy.validate("ABC123").pattern == "loose"
    with pytest.raises(InvalidOrderIdError) as caught:
        policy.validate("SF1234567890123")
    assert "SHOP#0001" in str(caught.value)
    # Structural checks hold whatever the patterns allow.
    permissive = OrderIdPolicy([OrderPattern("anything", r".*")])
    for bad in ("a/b", "..", "x\x00y", "ｘ"):
        with pytest.raises(InvalidOrderIdError):
            permissive.validate(bad)


def test_a_pattern_that_does_not_compile_is_named() -> None:
    with pytest.raises(BadInputError, match="'broken'.*invalid regular expression"):
        OrderIdPolicy([OrderPattern("fine", r"\d+"), OrderPattern("broken", r"SF(\d+")])


def test_an_empty_pattern_list_is_refused() -> None:
    with pytest.raises(BadInputError, match="no order ID patterns"):
        OrderIdPolicy([])


# -- safe_file_stem -----------------------------------------------------------

_SAFE_STEM = re.compile(r"[A-Za-z0-9._-]+")
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"COM{i}" for i in range(10)} | {f"LPT{i}" for i in range(10)}


def assert_plain_file_name(stem: str) -> None:
    assert _SAFE_STEM.fullmatch(stem), stem
    assert 0 < len(stem) <= MAX_FILE_STEM
    assert stem not in (".", "..")
    assert not stem.startswith(".") and not stem.endswith(".")
    assert stem.split(".")[0].upper() not in _RESERVED
    for flavour in (PurePosixPath, PureWindowsPath):
        assert flavour(stem).name == stem
        assert flavour(stem + ".mp4").parent == flavour(".")


def test_valid_ids_keep_their_form_as_file_stem() -> None:
    for codes in VALID.values():
        for code in codes:
            assert safe_file_stem(code) == code


@pytest.mark.parametrize(
    "raw", ["CON", "nul", "com1", "LPT9.x", "..", ".", "", "a/b", "../../etc/passwd", ".hidden", "x" * 500, "订单123"]
)
def test_hostile_names_become_plain_file_names(raw: str) -> None:
    stem = safe_file_stem(raw)
    assert_plain_file_name(stem)
    assert stem != raw


def test_different_ids_that_clean_to_the_same_text_get_different_stems() -> None:
    assert safe_file_stem("a/b") != safe_file_stem("a:b")
    assert safe_file_stem("a/b") != safe_file_stem("a_b")
    assert safe_file_stem("x" * 100) != safe_file_stem("x" * 101)


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


@settings(max_examples=300, deadline=None)
@given(st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_-]{6,38}[A-Za-z0-9]", fullmatch=True))
def test_plain_codes_are_accepted_and_are_their_own_file_stem(raw: str) -> None:
    result = POLICY.validate(raw)
    assert result.value == raw
    stem = safe_file_stem(result.value)
    assert_plain_file_name(stem)
    assert stem == raw


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_safe_file_stem_of_anything_is_a_plain_file_name(raw: str) -> None:
    assert_plain_file_name(safe_file_stem(raw))
