"""Order rules in settings.json: the policy they make, and the migration from order_patterns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from packseal.core.errors import BadInputError
from packseal.core.recording.carriers import LEGACY_CATCH_ALL
from packseal.core.recording.order_id import InvalidOrderIdError
from packseal.core.recording.rule_settings import (default_rule_settings, migrate_order_patterns,
                                                   policy_from_rule_settings)
from packseal.core.settings import SETTINGS_VERSION, Settings, load_settings, save_settings

# The whole table of settings version 1, as an owner who pressed "Fill in the built-in list" saved it.
V1_TABLE = [
    {"name": "sf", "regex": r"(?i)SF\d{12,13}"},
    {"name": "jd", "regex": r"(?i)JD(?:V[A-Z]?|X)?\d{11,15}"},
    {"name": "yto", "regex": r"(?i)YT\d{13,15}"},
    {"name": "jt", "regex": r"(?i)JT\d{13}"},
    {"name": "ems-intl", "regex": r"(?i)[A-Z]{2}\d{9}CN"},
    {"name": "amazon", "regex": r"\d{3}-\d{7}-\d{7}"},
    {"name": "pinduoduo", "regex": r"\d{6}-\d{15}"},
    {"name": "taobao", "regex": r"\d{16,19}"},
    {"name": "zto", "regex": r"7[35689]\d{10}(?:\d{2})?"},
    {"name": "sto", "regex": r"(?=\d{12,15}\Z)(?:77|88|66|55|58|99|22|[2-8]68|900)\d+"},
    {"name": "yunda", "regex": r"(?=\d{12,15}\Z)(?:31|33|35|39|43|46|50)\d+"},
    {"name": "ems", "regex": r"1\d{12}"},
    {"name": "shopee", "regex": r"(?=[0-9A-Z]*[A-Z])\d{6}[0-9A-Z]{6,10}"},
    {"name": "plain", "regex": LEGACY_CATCH_ALL},
]
# What version 1's default table accepted, one per row (S10 with a valid check digit).
V1_ACCEPTED = ["SF1234567890123", "JDVA12345678901", "YT7012345678901", "JT0001234567890", "EA123456785CN",
               "123-1234567-1234567", "230415-123456789012345", "3412345678901234567", "731234567890",
               "773123456789012", "4312345678901", "1012345678901", "2304159ABCDEFG"]


def test_a_new_station_gets_the_chinese_carriers_and_no_catch_all() -> None:
    assert Settings().order_rules == default_rule_settings()
    policy = policy_from_rule_settings(default_rule_settings())
    assert not policy.accept_any
    with pytest.raises(InvalidOrderIdError):
        policy.validate("ORDER-2024-000123")


def test_the_shops_own_rules_in_both_forms() -> None:
    policy = policy_from_rule_settings({"carriers": [], "accept_any": False, "custom": [
        {"name": "shop", "pattern": "ORD-########"}, {"name": "erp", "regex": r"ERP\d{6}"}]})
    assert policy.validate("ORD-20240001").pattern == "shop"
    assert policy.validate("ERP123456").pattern == "erp"
    with pytest.raises(InvalidOrderIdError) as caught:
        policy.validate("SF1385628716739")
    assert caught.value.reason == "no-match"


@pytest.mark.parametrize(("config", "words"), [
    ([], "must be an object"),
    ({"carriers": "sf"}, "list of rule names"),
    ({"carriers": ["sf", "dhl"]}, "unknown rules: dhl"),
    ({"carriers": [], "custom": [], "accept_any": False}, "no order-number rules"),
    ({"carriers": ["sf"], "accept_any": "yes"}, "true or false"),
    ({"carriers": ["sf"], "custom": [{"name": "x"}]}, "either a pattern or a regular expression"),
    ({"carriers": ["sf"], "custom": [{"name": "x", "pattern": "ORD/#"}]}, "'x'"),
    ({"carriers": ["sf"], "custom": [{"name": "", "pattern": "#{8}"}]}, "needs a name"),
    ({"carriers": ["sf"], "custom": [{"name": "sf", "pattern": "#{8}"}]}, "names of their own"),
    ({"carriers": ["sf"], "custom": [{"name": "x", "regex": "SF(\\d"}]}, "invalid regular expression"),
])
def test_broken_rule_settings_are_refused_naming_the_part(config: object, words: str) -> None:
    with pytest.raises(BadInputError, match=words.replace("(", r"\(")):
        policy_from_rule_settings(config)


def test_the_old_empty_list_keeps_every_row_of_the_old_table_but_the_catch_all() -> None:
    migrated = migrate_order_patterns([])
    assert migrated["accept_any"] is False and migrated["custom"] == []
    policy = policy_from_rule_settings(migrated)
    for code in V1_ACCEPTED:
        policy.validate(code)
    with pytest.raises(InvalidOrderIdError):
        policy.validate("ORDER-2024-000123")  # accepted only by the old catch-all


def test_the_old_table_written_out_becomes_the_same_checkboxes() -> None:
    assert migrate_order_patterns(V1_TABLE) == migrate_order_patterns([])


def test_the_owners_own_patterns_survive_the_migration_unchanged() -> None:
    mine = [{"name": "mine", "regex": r"SHOP-\d{6}"}, {"name": "sf", "regex": r"SF-\d{4}"},
            {"name": "mine", "regex": r"B\d{9}"}, {"name": "", "regex": r"Q\d{9}"}]
    migrated = migrate_order_patterns([V1_TABLE[0], *mine, V1_TABLE[-1]])
    assert migrated["carriers"] == ["sf"]
    assert [c["regex"] for c in migrated["custom"]] == [p["regex"] for p in mine]
    assert [c["name"] for c in migrated["custom"]] == ["mine", "sf-2", "mine-2", "pattern5"]
    policy = policy_from_rule_settings(migrated)
    assert policy.validate("SHOP-123456").pattern == "mine"
    assert policy.validate("SF-1234").pattern == "sf-2"
    assert policy.validate("SF1385628716739").pattern == "sf"


def test_a_list_of_only_the_catch_all_still_records() -> None:
    migrated = migrate_order_patterns([V1_TABLE[-1]])
    assert migrated == default_rule_settings()


def write(path: Path, data: dict) -> bytes:
    raw = json.dumps(data, indent=2).encode("utf-8")
    path.write_bytes(raw)
    return raw


def test_a_version_1_file_loads_migrated_and_is_kept_when_first_saved(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    raw = write(path, {"station_name": "Bench 1", "preroll_s": 4.0,
                       "order_patterns": [{"name": "mine", "regex": r"SHOP-\d{6}"}]})
    settings = load_settings(path)
    assert settings.settings_version == SETTINGS_VERSION
    assert settings.order_rules == {"carriers": [], "custom": [{"name": "mine", "regex": r"SHOP-\d{6}"}],
                                    "accept_any": False}
    assert settings.station_name == "Bench 1" and settings.preroll_s == 4.0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.json"]  # loading writes nothing
    save_settings(settings, path)
    assert (tmp_path / "settings.v1.json").read_bytes() == raw  # the old file, byte for byte
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["settings_version"] == SETTINGS_VERSION and "order_patterns" not in saved
    assert load_settings(path) == settings
    # Later saves leave the kept copy alone.
    settings.station_name = "Bench 2"
    save_settings(settings, path)
    assert (tmp_path / "settings.v1.json").read_bytes() == raw


def test_a_file_from_a_newer_packseal_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    write(path, {"settings_version": SETTINGS_VERSION + 1})
    with pytest.raises(BadInputError, match="newer PackSeal"):
        load_settings(path)


def test_a_version_2_file_at_the_old_standard_quality_gets_the_new_one_and_a_hand_set_crf_stays(
        tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    raw = write(path, {"settings_version": 2, "station_name": "Bench 1", "quality": 23})
    settings = load_settings(path)
    assert settings.quality == Settings().quality == 28 and settings.settings_version == SETTINGS_VERSION
    save_settings(settings, path)
    assert (tmp_path / "settings.v2.json").read_bytes() == raw  # what the owner had, kept
    write(path, {"settings_version": 2, "quality": 20})
    assert load_settings(path).quality == 20


def test_a_current_file_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    settings = Settings(station_name="Bench 1", order_rules={
        "carriers": ["sf", "spx"], "custom": [{"name": "shop", "pattern": "ORD-#{8}"}], "accept_any": True})
    save_settings(settings, path)
    assert load_settings(path) == settings
    assert not (tmp_path / "settings.v1.json").exists()
