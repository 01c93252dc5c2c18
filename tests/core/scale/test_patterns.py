"""Line formats: every shipped pattern's documented examples, units, the stable flag, bad lines."""

from __future__ import annotations

from decimal import Decimal

import pytest

from packseal.core.errors import BadInputError
from packseal.core.scale.patterns import (MAX_LINE, SHIPPED, LineParser, custom_pattern, format_grams, shipped,
                                          to_grams)
from tests.support.scale_sim import FORMATS, scale_line

# (pattern, line, grams, stable): lines as the makers' manuals show them (see each pattern's source)
DOCUMENTED = [
    ("st-us", "ST,GS,+  1.234kg", 1234, True),
    ("st-us", "US,GS,+  1.236kg", 1236, False),
    ("st-us", "ST,NT,-  0.050kg", -50, True),
    ("st-us", "ST,+0001.234 kg", 1234, True),          # A&D standard format, no second header
    ("st-us", "US,-00183.96  g", -184, False),
    ("st-us", "ST,G ,+01234.5kg", 1_234_500, True),    # A&D indicator: "G " gross header
    ("st-us", "OL,GS,+  9.999kg", 9999, False),       # overload is never a stable weight
    ("st-us", "ST,GS,+  2.50lb", 1134, True),
    ("st-us", "ST,GS,+  1,234kg", 1234, True),         # decimal comma (A&D CF-10 settings 2, 3)
    ("ohaus", "    192.21 g", 192, True),
    ("ohaus", "      0.01 g ?", 0, False),
    ("ohaus", "   0.211 kg ?", 211, False),
    ("ohaus", "    176.30 g ?   00:00:15", 176, False),
    ("ohaus", "  0.4500 oz", 13, True),
    ("radwag", "    1234.5 g  ", 1235, True),
    ("radwag", "?   1234.6 g  ", 1235, False),
    ("radwag", "  -   12.345 kg ", -12345, True),
    ("sartorius-sbi", "+    1255.7 g  ", 1256, True),
    ("sartorius-sbi", "-      0.05 kg ", -50, True),
    ("sartorius-sbi", "N     +  123.56 g  ", 124, True),  # the 22-character format with an ID code
    ("mt-sics", "S S      1.234 kg", 1234, True),
    ("mt-sics", "S D      1.236 kg", 1236, False),
    ("mt-sics", "S D    -0.6800 g", -1, False),
]


@pytest.mark.parametrize("key,line,grams,stable", DOCUMENTED)
def test_documented_lines_are_read(key, line, grams, stable):
    reading = LineParser(shipped(key)).parse(line)
    assert reading is not None, line
    assert (reading.grams, reading.stable) == (grams, stable)


@pytest.mark.parametrize("pattern", SHIPPED, ids=lambda p: p.key)
def test_every_shipped_pattern_reads_its_own_examples_and_names_its_source(pattern):
    parser = LineParser(pattern)
    for line in pattern.examples:
        assert parser.parse(line) is not None, (pattern.key, line)
    assert len(pattern.source) > 40 and pattern.title


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("grams,stable", [(1234, True), (1236, False), (-50, True), (0, True), (99_999, False)])
def test_the_simulator_lines_read_back_exactly(fmt, grams, stable):
    reading = LineParser(shipped(fmt)).parse(scale_line(fmt, grams, stable))
    assert reading is not None and (reading.grams, reading.stable) == (grams, stable)


@pytest.mark.parametrize("key", [p.key for p in SHIPPED])
@pytest.mark.parametrize("line", ["", "hello", "ST,GS,+  abc kg", "ST,GS,+  1.234 furlongs", "1.2.3 g",
                                  "ST,GS,+1.234kg" + " " * MAX_LINE, "\x00\x01\x02"])
def test_lines_that_are_not_readings_give_none(key, line):
    assert LineParser(shipped(key)).parse(line) is None


def test_the_formats_do_not_read_each_other():
    """A wrong format is noticed (lines unread), not turned into wrong weights."""
    for fmt in ("st-us", "mt-sics", "radwag"):
        line = scale_line(fmt, 1234, True)
        for other in ("st-us", "mt-sics", "radwag"):
            if other != fmt:
                assert LineParser(shipped(other)).parse(line) is None, (fmt, other)


def test_units_convert_to_whole_grams_rounding_half_up():
    assert to_grams("1.2345", "kg") == 1235
    assert to_grams("-1.2345", "kg") == -1235
    assert to_grams("1", "lb") == 454  # 453.59237
    assert to_grams("16", "oz") == 454
    assert to_grams(Decimal("0.4"), "g") == 0
    assert to_grams("2", "KG") == 2000


def test_a_line_without_unit_takes_the_last_unit_seen_then_the_default():
    parser = LineParser(shipped("sartorius-sbi"))
    first = parser.parse("+    1255.9    ")  # no unit yet: the pattern's default (g), not stable
    assert (first.grams, first.stable, first.unit) == (1256, False, "g")
    parser.parse("+     1.250 kg ")
    moving = parser.parse("+     1.260    ")
    assert (moving.grams, moving.stable, moving.unit) == (1260, False, "kg")


def test_custom_patterns_are_checked_and_used():
    pattern = custom_pattern(r"^W=(?P<weight>[\d.]+)(?P<flag>[*]?)$", stable=r"\*", default_unit="kg")
    parser = LineParser(pattern)
    assert parser.parse("W=1.5*").grams == 1500 and parser.parse("W=1.5*").stable
    assert not parser.parse("W=1.5").stable
    without_flag = LineParser(custom_pattern(r"^(?P<weight>\d+)g$"))
    assert without_flag.parse("42g").stable  # no flag group: every reading counts as stable
    for bad, words in ((r"^(\d+)$", "named weight"), (r"^(?P<weight>[", "regular expression"), ("", "empty")):
        with pytest.raises(BadInputError, match=words):
            custom_pattern(bad)
    with pytest.raises(BadInputError, match="unit"):
        custom_pattern(r"(?P<weight>\d+)", default_unit="stone")


def test_unknown_pattern_names_the_known_ones():
    with pytest.raises(BadInputError, match="st-us"):
        shipped("nope")


def test_weights_are_shown_exactly():
    assert [format_grams(g) for g in (0, 850, 999, 1000, 1234, -50, -1234, 12_345_678)] == \
        ["0 g", "850 g", "999 g", "1.000 kg", "1.234 kg", "-50 g", "-1.234 kg", "12345.678 kg"]
