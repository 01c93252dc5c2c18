"""Each built-in rule accepts its carrier's real-looking numbers and refuses its neighbours."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from packseal.core.recording.carriers import (BUILTIN_RULES, CARRIER_RULES, DEFAULT_KEYS, LEGACY_BUILTIN,
                                              MARKETPLACE_RULES, s10_check_ok)
from packseal.core.recording.order_id import InvalidOrderIdError, OrderIdPolicy

# Samples from the sources named in carriers.py (real numbers where a source had them).
ACCEPTED = {
    "sf": ["SF1385628716739", "SF140123456789", "sf1401234567890"],
    "jd": ["JDVA11408814483", "JDX024407261700", "JD0000000000000", "JDK123456789012", "JDVC123456789012",
           "JDAZ12345678901", "JDVA11408814483-1-1-", "JDVA11408814483-2-3"],
    "yto": ["YT8962646785389", "YT701234567890123", "yt7012345678901", "YT9876543210"],
    "zto": ["73610555582883", "731234567890", "75123456789012", "78987654321012", "761234567890"],
    "sto": ["773277027280336", "7712345678901", "880123456789", "268123456789012", "900123456789",
            "588123456789"],
    "yunda": ["463431409940372", "4312345678901", "3101234567890", "501234567890"],
    "ems": ["1207119765021", "1240921381750", "EA123456785CN", "RB123456785CN", "ea123456785cn"],
    "jt": ["JT5261988016578", "JT0006968326954", "JT300223268224"],
    "cainiao": ["LP00123456789012", "621123456789012"],
    "spx": ["SPXID064575539347", "SPXMY04482646165C", "SPXVN06005175399A", "SPXVN063015366786"],
    "lex": ["MYMPA012345678", "LXST012345678MY", "MYLMA0123456789"],
    "ninjavan": ["NVSGSHOPA000123456", "NVMYABC1234567890", "SHOPEEXYZ123456789"],
    "flash": ["TH47144P18", "TH47146DR36", "TH0114F5ZK2A0A"],
    "kerry": ["SHP5012345678", "SHP4004987654"],
    "taobao": ["3412345678901234567", "1234567890123456", "23456789012345678"],
    "pinduoduo": ["230415-123456789012345", "241111-000000000000001"],
    "amazon": ["123-1234567-1234567", "112-9876543-0123456"],
    "shopee": ["2304159ABCDEFG", "2211017YJ2K8", "231231ABCDEFGH12"],
}

# Codes that look close to a rule's numbers but are not: each is refused by that rule alone.
REFUSED = {
    "sf": ["SF12345678901", "SF12345678901234", "SX1234567890123", "XSF1234567890123", "SF12345678901A"],
    "jd": ["JD1234567890", "JDVAB12345678901", "XJD12345678901", "JD12345678901234567"],
    "yto": ["YT123456789", "YT1234567890123456", "YTO1234567890123"],
    "zto": ["72123456789012", "7312345678901", "77123456789012", "731234567890123"],
    "sto": ["7712345678", "1234567890123", "7712345678901234"],
    "yunda": ["321234567890", "4312345678", "4312345678901234"],
    "ems": ["EA123456789CN", "EA123456785US", "2207119765021", "120711976502"],
    "jt": ["JT12345678901", "JT12345678901234", "JTX123456789012"],
    "cainiao": ["LP0012345678901", "LP00123456789012CN", "620123456789012"],
    "spx": ["SPX064575539347", "SPXID06457", "SPXID0645755393471234"],
    "lex": ["MYMPA01234567", "LXST0123MY", "LEX"],
    "ninjavan": ["NVSG123", "SHOPEE123456789"],
    "flash": ["TH47", "THX7146DR36", "TH47146DR36TH47146DR36"],
    "kerry": ["SHP123456", "SHP12345678901234", "SHPA012345678"],
    "taobao": ["123456789012345", "12345678901234567890"],
    "pinduoduo": ["230415123456789012345", "2304-123456789012345"],
    "amazon": ["123-123456-1234567", "1231234567-1234567"],
    "shopee": ["230415123456", "2304159abcdefg"],
}


@pytest.mark.parametrize(("key", "code"), [(k, c) for k, codes in ACCEPTED.items() for c in codes])
def test_real_looking_numbers_are_accepted_by_their_rule(key: str, code: str) -> None:
    assert OrderIdPolicy([BUILTIN_RULES[key]]).validate(code).pattern == key


@pytest.mark.parametrize(("key", "code"), [(k, c) for k, codes in REFUSED.items() for c in codes])
def test_neighbours_are_refused_by_the_rule(key: str, code: str) -> None:
    with pytest.raises(InvalidOrderIdError):
        OrderIdPolicy([BUILTIN_RULES[key]]).validate(code)


def test_every_rule_has_samples_and_neighbours_here() -> None:
    assert set(ACCEPTED) == set(REFUSED) == set(BUILTIN_RULES)
    assert [r.key for r in CARRIER_RULES] == ["sf", "jd", "yto", "zto", "sto", "yunda", "ems", "jt", "cainiao",
                                             "spx", "lex", "ninjavan", "flash", "kerry"]
    assert {r.key for r in MARKETPLACE_RULES} == {"taobao", "pinduoduo", "amazon", "shopee"}


def test_every_rule_accepts_its_own_example_and_describes_its_shape() -> None:
    for rule in BUILTIN_RULES.values():
        assert OrderIdPolicy([rule]).validate(rule.example).pattern == rule.key
        assert rule.title and rule.shape


def test_a_new_station_ticks_the_common_chinese_carriers() -> None:
    assert DEFAULT_KEYS == ("sf", "jd", "yto", "zto", "sto", "yunda", "ems", "jt")


def test_the_s10_check_digit_follows_the_upu_weights() -> None:
    assert s10_check_ok("RB123456785GB")  # the worked example of the S10 data set
    assert not s10_check_ok("RB123456786GB")
    # Remainders that give 10 and 11 map to 0 and 5.
    assert s10_check_ok("EE000040000CN") and s10_check_ok("EE000000005CN")


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(k for k in LEGACY_BUILTIN if LEGACY_BUILTIN[k][0] != "ems-intl")), st.data())
def test_each_new_rule_accepts_everything_its_old_row_accepted(regex: str, data: st.DataObject) -> None:
    # An old station keeps accepting what it accepted (the S10 row is the exception: real S10
    # numbers always have a valid check digit, which the new rule now checks).
    code = data.draw(st.from_regex(re.compile(regex, re.ASCII), fullmatch=True))
    assert OrderIdPolicy([BUILTIN_RULES[LEGACY_BUILTIN[regex][1]]]).validate(code).value == code
