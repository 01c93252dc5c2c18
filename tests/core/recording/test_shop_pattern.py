"""The shop's own pattern: placeholders a shop owner can write, and plain-word errors."""

from __future__ import annotations

import re

import pytest

from packseal.core.errors import BadInputError
from packseal.core.recording.shop_pattern import pattern_to_regex


@pytest.mark.parametrize(("pattern", "accepted", "refused"), [
    ("ORD-########", ["ORD-20240001", "ord-12345678"], ["ORD-2024000", "ORD-202400011", "ORX-20240001"]),
    ("SHOP#{6-8}", ["SHOP123456", "SHOP12345678"], ["SHOP12345", "SHOP123456789", "SHOPABCDEF"]),
    ("@@#{4}", ["AB1234", "xy0000"], ["A11234", "AB123"]),
    ("*{10}", ["A1B2C3D4E5", "1234567890"], ["A1B2C3D4E", "A1B2-3D4E5"]),
    ("X_#{2}-@", ["X_12-Q"], ["X-12-Q", "X_12-1"]),
])
def test_patterns_accept_and_refuse_as_written(pattern: str, accepted: list[str], refused: list[str]) -> None:
    regex = re.compile(pattern_to_regex(pattern))
    for code in accepted:
        assert regex.fullmatch(code), code
    for code in refused:
        assert not regex.fullmatch(code), code


@pytest.mark.parametrize(("pattern", "words"), [
    ("", ["empty", "ORD-########"]),
    ("   ", ["empty"]),
    ("ORD/###", ["'/'", "position 4"]),
    ("{3}", ["position 1", "nothing before it"]),
    ("#{3", ["position 2", "{8} or {6-10}"]),
    ("#{x}", ["position 2"]),
    ("#{8-6}", ["count up"]),
    ("#{0}", ["count up"]),
    ("#{60}#{10}", ["up to 70 characters"]),
    ("A" * 65, ["longer than 64"]),
    ("ORD.###", ["'.'"]),
])
def test_mistakes_are_explained(pattern: str, words: list[str]) -> None:
    with pytest.raises(BadInputError) as caught:
        pattern_to_regex(pattern)
    for word in words:
        assert word in str(caught.value)
