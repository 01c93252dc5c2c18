"""Order IDs from scanners and keyboards: a clean ID or a clear refusal, and file names that stay put."""

from __future__ import annotations

import string
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from packseal.core.errors import BadInputError
from packseal.core.recording.carriers import BUILTIN_RULES
from packseal.core.recording.order_id import MAX_LENGTH, InvalidOrderIdError, OrderIdPolicy
from packseal.core.recording.order_rule import OrderRule
from packseal.core.recording.product_codes import product_code_kind
from packseal.core.recording.shop_pattern import pattern_to_regex
from packseal.core.storage.names import safe_file_stem

from .conftest import fuzz

# Every built-in rule and the catch-all: the widest policy a station can have.
POLICY = OrderIdPolicy(BUILTIN_RULES.values(), accept_any=True)
REASONS = {"not-text", "empty", "too-long", "too-short", "control", "full-width", "not-ascii", "path",
           "characters", "product-code", "check-digit", "no-match"}

# What scanners really send when misconfigured: codes with prefixes/suffixes,
# control characters, full-width characters from a Chinese input method,
# path pieces, and raw bytes read in the wrong encoding.
_SCANNER = st.sampled_from(list(string.ascii_letters + string.digits + "-_./\\:*?<>|\"' \r\n\t")
                           + ["\x00", "\x1b", "\x1d", "\x7f", "\u202e", "\u200b", "ＳＦ", "１２", "订单",
                              "é", "\ud800", "🙂", ".."])
IDS = st.one_of(
    st.text(max_size=120),
    st.lists(_SCANNER, max_size=40).map("".join),
    st.binary(max_size=80).map(lambda b: b.decode("latin-1")),
    st.binary(max_size=80).map(lambda b: b.decode("utf-8", errors="replace")),
    st.from_regex(r"(?i)SF\d{11,14}", fullmatch=True).map(lambda s: s + "\r\n"),
    st.text("0123456789", min_size=7, max_size=20),  # digits: product codes, numeric waybills, neither
)


@fuzz(400)
@given(IDS)
def test_an_id_is_clean_or_refused_with_a_printable_message(raw: str) -> None:
    try:
        valid = POLICY.validate(raw)
    except InvalidOrderIdError as exc:
        message = str(exc)
        assert message and message.isprintable(), repr(message)  # a scanned ESC never reaches a log raw
        assert exc.reason in REASONS
        return
    value = valid.value
    if valid.pattern == "any":  # the catch-all never takes a product code
        assert product_code_kind(value) is None
    assert value == raw.strip(" \t\r\n")
    assert 0 < len(value) <= MAX_LENGTH
    assert value.isascii() and value.isprintable()
    assert "/" not in value and "\\" not in value and ".." not in value


@fuzz(300)
@given(IDS)
def test_a_clip_named_after_any_id_is_written_inside_its_folder(sandbox: Path, raw: str) -> None:
    folder = sandbox / "clips" / "2025-06-01"
    folder.mkdir(parents=True, exist_ok=True)
    stem = safe_file_stem(raw)
    # The longest name PackSeal derives from a stem: clip name with a collision
    # counter, plus the seal's suffix.
    for name in (f"{stem}_235959.mp4", f"{stem}_235959-99.mp4.seal.json", f"{stem}_235959-99.mp4.index.npz"):
        path = folder / name
        assert path.parent == folder and path.resolve().parent == folder.resolve()
        path.write_bytes(b"x")  # really created: too long or reserved names fail here
        assert [p.name for p in folder.iterdir()] == [name]
        path.unlink()


@fuzz(200)
@given(st.text(max_size=40), st.text(max_size=60))
def test_a_regex_from_the_settings_compiles_or_is_refused(name: str, regex: str) -> None:
    try:
        policy = OrderIdPolicy([OrderRule(name, regex)])
    except BadInputError as exc:
        assert name in str(exc) or repr(name) in str(exc)
        return
    assert policy.rules == (OrderRule(name, regex),)


@fuzz(300)
@given(st.text(st.sampled_from(list("#@*{}-_0123456789ABCxyz/. ")), max_size=30), IDS)
def test_a_shop_pattern_compiles_or_is_refused_and_never_lets_a_bad_code_through(pattern: str, raw: str) -> None:
    try:
        regex = pattern_to_regex(pattern)
    except BadInputError as exc:
        assert str(exc).isprintable()
        return
    policy = OrderIdPolicy([OrderRule("shop", regex)])
    try:
        valid = policy.validate(raw)
    except InvalidOrderIdError:
        return
    assert valid.value.isascii() and "/" not in valid.value and ".." not in valid.value
