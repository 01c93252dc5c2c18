"""File stems made from anything a scan or a keyboard can produce."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from packseal.core.storage.names import safe_file_stem
from tests.support.file_names import assert_plain_file_name


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


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_safe_file_stem_of_anything_is_a_plain_file_name(raw: str) -> None:
    assert_plain_file_name(safe_file_stem(raw))
