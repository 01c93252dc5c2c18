"""`packseal search` with the packing record's filters, and `packseal stats`, on clips sealed with records."""

from __future__ import annotations

import csv
import json
from datetime import timezone
from pathlib import Path

import pytest

from packseal.compose import open_services
from packseal.core.catalog import Catalog
from packseal.core.catalog.statistics import packing_statistics, write_csv
from tests.support.packed_day import DAY_A, DAY_B, RETURN, SHIPMENT, WRONG, seal_packed_days

from .test_cli import run


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("packed") / "data"
    services = open_services(folder)
    try:
        seal_packed_days(services)
    finally:
        services.close()
    return folder


def search(data: Path, *args: str) -> dict:
    proc = run("search", "--json", *args, data_dir=data)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_search_json_carries_kind_outcome_packer_and_the_linked_order(data):
    found = {c["order_id"]: c for c in search(data)["clips"]}
    assert len(found) == 6
    ret = found[RETURN]
    assert (ret["kind"], ret["outcome"], ret["packer"], ret["linked_order"]) == \
        ("return", "not-checked", "P-07", SHIPMENT)
    wrong = found[WRONG]
    assert (wrong["kind"], wrong["outcome"], wrong["packer"], wrong["wrong_scans"],
            wrong["warnings_overridden"], wrong["weight_g"]) == ("shipment", "incomplete", "P-07", 1, True, 610)
    plain = found["SF2026031400004"]
    assert (plain["kind"], plain["outcome"], plain["packer"], plain["linked_order"]) == \
        ("shipment", "not-checked", None, None)


def test_search_filters_by_outcome_kind_and_packer(data):
    def orders(*args: str) -> set[str]:
        out = search(data, *args)
        assert out["total"] == len(out["clips"])
        return {c["order_id"] for c in out["clips"]}

    assert orders("--outcome", "incomplete") == {WRONG}
    assert orders("--outcome", "wrong-item") == {WRONG}
    assert orders("--outcome", "overridden") == {WRONG, "SF2026031400003"}
    assert orders("--outcome", "complete", "--outcome", "incomplete") == \
        {SHIPMENT, "SF2026031400003", WRONG, "SF2026031600005"}
    assert orders("--kind", "return") == {RETURN}
    assert orders("--packer", "P-12") == {"SF2026031400003"}
    assert orders("--packer", "P-07", "--kind", "shipment", "--outcome", "complete") == \
        {SHIPMENT, "SF2026031600005"}
    assert orders("2026031400", "--outcome", "not-checked") == {"SF2026031400004"}
    bad = run("search", "--outcome", "lost", data_dir=data)
    assert bad.returncode == 2 and "invalid choice" in bad.stderr


def test_statistics_per_day_and_packer_are_the_known_numbers(data):
    with Catalog.open(data / "catalog.sqlite") as cat:
        stats = packing_statistics(cat, tz=timezone.utc)
    rows = {(s.day, s.packer): s for s in stats.rows}
    assert set(rows) == {(DAY_A, "P-07"), (DAY_A, "P-12"), (DAY_A, None), (DAY_B, "P-07")}
    p07 = rows[(DAY_A, "P-07")]
    assert (p07.orders, p07.incomplete, p07.wrong_item, p07.overridden) == (2, 1, 1, 1)
    assert p07.average_pack_s == pytest.approx(3.0)  # 2 s and 4 s
    # 2 orders from the first scan 08:00:01 to the last stop 08:10:05 (604 s)
    assert p07.orders_per_hour == pytest.approx(2 * 3600 / 604)
    p12 = rows[(DAY_A, "P-12")]
    assert (p12.orders, p12.overridden, p12.average_pack_s, p12.orders_per_hour) == (1, 1, 3.0, None)
    day_a = stats.days[0]
    assert (day_a.day, day_a.orders, day_a.incomplete, day_a.wrong_item, day_a.overridden) == (DAY_A, 4, 1, 1, 2)
    assert day_a.average_pack_s == pytest.approx(2.75)
    assert day_a.orders_per_hour == pytest.approx(4 * 3600 / 3602)  # 08:00:01 .. 09:00:03
    assert stats.total.orders == 5 and stats.total.clips == 5  # the return is not an order packed
    # Over several days: orders ÷ the sum of each day's span (day B's one clip: 10:00:01 .. 10:00:03).
    assert stats.total.orders_per_hour == pytest.approx(5 * 3600 / (3602 + 2))
    with Catalog.open(data / "catalog.sqlite") as cat:
        only_b = packing_statistics(cat, DAY_B, DAY_B, tz=timezone.utc)
    assert [(s.day, s.packer, s.orders) for s in only_b.rows] == [(DAY_B, "P-07", 1)]


def test_statistics_csv_opens_in_excel_with_chinese_headers(data, tmp_path):
    with Catalog.open(data / "catalog.sqlite") as cat:
        stats = packing_statistics(cat, tz=timezone.utc)
    header = ["日期", "打包员", "订单", "每小时订单", "平均打包秒数", "未完成", "错件", "确认警告"]
    path = tmp_path / "统计.csv"
    write_csv(stats, path, header, no_packer="（未登录）")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    table = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert table[0] == header
    assert table[1] == ["2026-03-14", "P-07", "2", f"{2 * 3600 / 604:.1f}", "3.0", "1", "1", "1"]
    assert ["2026-03-14", "（未登录）", "1", "", "2.0", "0", "0", "0"] in table
    assert table[-1][:3] == ["2026-03-16", "", "1"]  # the day's total closes each day
    assert len(table) == 1 + 4 + 2


def test_stats_command_json_and_an_empty_catalog(data, tmp_path):
    proc = run("stats", "--json", "--from", "2026-03-01", "--to", "2026-03-31", data_dir=data)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["from"] == "2026-03-01" and out["total"]["orders"] == 5
    assert sum(r["orders"] for r in out["rows"]) == 5 and out["total"]["overridden"] == 2
    empty = run("stats", "--json", data_dir=tmp_path / "new")
    assert empty.returncode == 0, empty.stderr
    assert json.loads(empty.stdout)["rows"] == [] and json.loads(empty.stdout)["total"]["orders"] == 0
    swapped = run("stats", "--from", "2026-03-31", "--to", "2026-03-01", data_dir=data)
    assert swapped.returncode != 0 and "swap" in swapped.stderr
