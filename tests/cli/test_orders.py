"""``packseal orders`` as a user runs it: import real files, show and search, exit codes."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import openpyxl


def run(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "packseal", "--data-dir", str(data_dir), "orders", *args],
                          capture_output=True, text=True, timeout=120)


HEADER = ["订单编号", "物流单号", "商家编码", "商品条码", "商品名称", "购买数量", "订单状态", "买家留言", "重量"]
ROWS = [["T1", "SF1234567890123", "A-1", "6901234567892", "保温杯", "2", "等待卖家发货", "请加急", "0.5"],
        ["T1", "SF1234567890123", "B-2", "", "杯套", "1", "等待卖家发货", "请加急", "0.5"],
        ["T2", "YT1，YT2", "C-3", "", "茶叶", "1", "交易关闭", "", ""]]
MAP = ("order_id=订单编号,waybill=物流单号,sku=商家编码,barcode=商品条码,name=商品名称,qty=购买数量,"
       "status=订单状态,buyer_note=买家留言,weight_kg=重量")


def test_import_gbk_csv_then_show_by_waybill_and_order_id(tmp_path):
    data = tmp_path / "data"
    path = tmp_path / "orders.csv"
    with open(path, "w", encoding="gbk", newline="") as f:
        csv.writer(f).writerows([HEADER, *ROWS])
    proc = run("import", str(path), "--map", MAP, "--json", data_dir=data)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert (out["orders"], out["items"], out["rows_refused"], out["encoding"]) == (2, 3, 0, "gb18030")

    proc = run("show", "sf1234567890123", "--json", data_dir=data)
    assert proc.returncode == 0, proc.stderr
    order = json.loads(proc.stdout)
    assert order["order_id"] == "T1" and order["waybills"] == ["SF1234567890123"] and order["status"] == "to_ship"
    assert order["items"][0] == {"sku": "A-1", "barcode": "6901234567892", "name": "保温杯", "qty": 2, "image": ""}
    assert order["buyer_note"] == "请加急" and order["weight_g"] == 500
    assert json.loads(run("show", "YT2", "--json", data_dir=data).stdout)["status"] == "cancelled"
    assert json.loads(run("show", "T2", "--json", data_dir=data).stdout)["waybills"] == ["YT1", "YT2"]

    missing = run("show", "NOPE", "--json", data_dir=data)
    assert missing.returncode == 1 and json.loads(missing.stdout) == {"code": "NOPE", "found": False}
    found = json.loads(run("search", "保温", "--json", data_dir=data).stdout)  # a word of no item name: none
    assert found["orders"] == []
    found = json.loads(run("search", "请加急", "--json", data_dir=data).stdout)
    assert [o["order_id"] for o in found["orders"]] == ["T1"]


def test_import_xlsx_with_a_saved_profile_name_and_refused_rows_exit_1(tmp_path):
    data = tmp_path / "data"
    profiles = data / "orders" / "profiles"
    profiles.mkdir(parents=True)
    columns = dict(p.split("=") for p in MAP.replace("weight_kg", "weight_g").split(","))
    (profiles / "店铺A.json").write_text(json.dumps({"name": "店铺A", "columns": columns, "weight_unit": "kg"},
                                                    ensure_ascii=False), encoding="utf-8")
    wb = openpyxl.Workbook()
    wb.active.append(HEADER)
    for row in ROWS + [["T3", "ZT1", "D-4", "", "勺子", "lots", "", "", ""]]:
        wb.active.append(row)
    path = tmp_path / "orders.xlsx"
    wb.save(path)
    proc = run("import", str(path), "--profile", "店铺A", "--json", data_dir=data)
    assert proc.returncode == 1, proc.stderr
    out = json.loads(proc.stdout)
    assert (out["orders"], out["rows_refused"], out["orders_refused"]) == (2, 1, ["T3"])
    assert out["problems"] == [{"row": 5, "order_id": "T3", "reason": "quantity 'lots' is not a whole number of pieces",
                                "code": "bad_qty", "value": "lots"}]
    human = run("import", str(path), "--profile", "店铺A", data_dir=data)
    assert human.returncode == 1 and "row 5 (order T3): quantity 'lots'" in human.stdout
    listed = json.loads(run("profiles", "--json", data_dir=data).stdout)["profiles"]
    assert {"店铺A", "packseal"} <= {p["name"] for p in listed}


def test_unreadable_files_and_bad_usage_exit_2(tmp_path):
    data = tmp_path / "data"
    garbage = tmp_path / "x.csv"
    garbage.write_bytes(bytes(range(256)) * 10)
    proc = run("import", str(garbage), "--profile", "packseal", data_dir=data)
    assert proc.returncode == 2 and "not a text table" in proc.stderr
    proc = run("import", str(tmp_path / "absent.csv"), data_dir=data)
    assert proc.returncode == 2 and "Cannot read" in proc.stderr
    good = tmp_path / "g.csv"
    good.write_text("order_id,waybill\nT1,W1\n", encoding="utf-8")
    proc = run("import", str(good), "--map", "order_id", data_dir=data)
    assert proc.returncode == 2 and "FIELD=COLUMN" in proc.stderr
    proc = run("import", str(good), "--profile", "nonesuch", data_dir=data)
    assert proc.returncode == 2 and "no column mapping called 'nonesuch'" in proc.stderr
    assert run("import", str(good), data_dir=data).returncode == 0  # the PackSeal layout fits by itself
