"""Canonical JSON: the fast reading path gives exactly RFC 8785's bytes; stamps and base64."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
import rfc8785
from hypothesis import given, settings
from hypothesis import strategies as st

from packseal.core.errors import BadInputError
from packseal.core.ledger.canonical import (as_stamp, b64, canonical, dumps_for, loads_line,
                                           parse_utc_stamp, unb64, utc_stamp)
from packseal.core.ledger.entry import with_sig

SAFE = 2 ** 53 - 1
# Text with control characters, quotes, backslashes, CJK, astral characters and U+E000+ (which
# sort differently in UTF-16 than by code point).
text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12) | st.sampled_from(
    ["打包台", "\U0001F600", "\ue000", "a\"b\\c", "\x00\x1f\x7f", "\u2028"])
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-SAFE, SAFE) | text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4),
    max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(value=st.dictionaries(text, json_values, max_size=6), ascii_only=st.booleans())
def test_reading_a_line_recanonicalises_exactly_like_rfc8785(value, ascii_only: bool) -> None:
    expected = rfc8785.dumps(value)
    # The stored line may be canonical or any other JSON spelling of the same value.
    for line in (expected, json.dumps(value, ensure_ascii=ascii_only).encode("utf-8")):
        parsed, fast = loads_line(line)
        assert dumps_for(parsed, fast) == expected


def test_astral_keys_take_the_exact_path() -> None:
    value = {"\U0001F600": 1, "\ue000": 2}
    line = canonical(value)
    parsed, fast = loads_line(line)
    assert not fast
    assert dumps_for(parsed, fast) == line == rfc8785.dumps(value)
    # UTF-16 order puts the surrogate pair (D83D...) before U+E000.
    assert line.index("\U0001F600".encode()) < line.index("\ue000".encode())


def test_floats_and_big_integers_take_the_exact_path() -> None:
    for line in (b'{"a":1.5}', b'{"a":1e3}', b'{"a":12345678901234567}'):
        parsed, fast = loads_line(line)
        assert not fast
    with pytest.raises(BadInputError):
        dumps_for(loads_line(b'{"a":12345678901234567}')[0], False)


def test_utc_stamps() -> None:
    moment = datetime(2025, 6, 1, 16, 30, 5, 123_999, tzinfo=timezone(timedelta(hours=8)))
    assert utc_stamp(moment) == "2025-06-01T08:30:05.123Z"
    assert parse_utc_stamp("2025-06-01T08:30:05.123Z") == moment.replace(microsecond=123_000)
    assert as_stamp("2025-06-01T08:30:05.123Z") == "2025-06-01T08:30:05.123Z"
    for bad in ("2025-06-01T08:30:05Z", "2025-06-01T08:30:05.123+00:00", "yesterday"):
        with pytest.raises(BadInputError):
            parse_utc_stamp(bad)
    with pytest.raises(BadInputError, match="naive"):
        utc_stamp(datetime(2025, 6, 1))


def test_base64_is_strict() -> None:
    assert unb64(b64(b"\x00\xff")) == b"\x00\xff"
    with pytest.raises(BadInputError):
        unb64("not base64!")


entry_like = st.fixed_dictionaries({
    "v": st.just(1), "seq": st.integers(0, SAFE), "prev": st.just("ab" * 32),
    "time": st.just("2025-06-01T08:00:00.000Z"),
    "station": text | st.just('x","station":"y'), "key": st.just("0123456789abcdef"),
    "kind": st.sampled_from(["scan", "clip"]),
    "body": st.dictionaries(text | st.just("station"), json_values, max_size=5),
})


@settings(max_examples=200, deadline=None)
@given(entry=entry_like, sig=st.binary(min_size=64, max_size=64))
def test_splicing_the_signature_equals_canonicalising_the_whole_entry(entry, sig: bytes) -> None:
    signature = b64(sig)
    assert with_sig(canonical(entry), signature) == rfc8785.dumps({**entry, "sig": signature})
