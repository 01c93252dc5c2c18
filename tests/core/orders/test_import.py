"""Importing real order exports: encodings, layouts, XLSX, re-imports, and hostile files."""

from __future__ import annotations

import csv
import zipfile

import openpyxl
import pytest

from packseal.core.errors import BadInputError
from packseal.core.orders.importer import import_file, parse_qty, parse_weight, split_waybills
from packseal.core.orders.model import OrderItem
from packseal.core.orders.profiles import ProfileShelf, parse_map, profile_from_json
from packseal.core.orders.status import normalise_status

CN_HEADER = ["订单编号", "物流单号", "商家编码", "商品条码", "商品名称", "数量", "订单状态", "买家留言", "卖家备注", "重量(kg)"]
CN_MAP = ("order_id=订单编号,waybill=物流单号,sku=商家编码,barcode=商品条码,name=商品名称,qty=数量,"
          "status=订单状态,buyer_note=买家留言,seller_note=卖家备注,weight_kg=重量(kg)")
CN_ROWS = [
    ["T1001", "SF1234567890123", "CUP-1", "6901234567892", "保温杯 500ml", "2", "等待卖家发货", "请加急", "送贴纸", "0.65"],
    ["T1001", "SF1234567890123", "SLV-2", "6901234567908", "杯套", "1", "等待卖家发货", "请加急", "送贴纸", "0.65"],
    ["T1002", "YT1111111111，YT2222222222；JD3333", "TEA-3", "", "龙井茶", "3", "交易关闭", "", "", ""],
    ["T1003", "ZT4444444444", "SPN-4", "", "勺子", "1", "退款成功", "不要放发票", "", "0.1"],
]


def write_csv(path, rows, encoding, delimiter=","):
    with open(path, "w", encoding=encoding, newline="") as f:
        csv.writer(f, delimiter=delimiter).writerows(rows)
    return path


@pytest.fixture
def shelf(tmp_path):
    return ProfileShelf(tmp_path / "profiles")


def check_cn_orders(store):
    t1 = store.find("sf1234567890123")
    assert t1.order_id == "T1001" and t1.status == "to_ship" and t1.weight_g == 650
    assert t1.items == (OrderItem(sku="CUP-1", barcode="6901234567892", name="保温杯 500ml", qty=2),
                        OrderItem(sku="SLV-2", barcode="6901234567908", name="杯套", qty=1))
    assert (t1.buyer_note, t1.seller_note) == ("请加急", "送贴纸")
    t2 = store.find("JD3333")
    assert t2.order_id == "T1002" and t2.waybills == ("JD3333", "YT1111111111", "YT2222222222")
    assert t2.status == "cancelled" and t2.stops_bench
    assert store.find("T1003").status == "refunded"


def test_gbk_csv_with_chinese_headers_is_detected_and_imported(tmp_path, store, shelf):
    path = write_csv(tmp_path / "千牛导出.csv", [CN_HEADER, *CN_ROWS], "gbk")
    report = import_file(store, path, shelf=shelf, mapping=parse_map(CN_MAP))
    assert report.encoding == "gb18030" and report.kind == "csv"
    assert (report.rows, report.rows_refused, report.orders, report.items) == (4, 0, 3, 4)
    check_cn_orders(store)


def test_utf8_bom_csv_and_tab_separated_utf8(tmp_path, store, shelf):
    bom = write_csv(tmp_path / "bom.csv", [CN_HEADER, *CN_ROWS], "utf-8-sig")
    report = import_file(store, bom, shelf=shelf, mapping=parse_map(CN_MAP))
    assert report.encoding == "utf-8-sig" and report.orders == 3
    check_cn_orders(store)
    tabs = write_csv(tmp_path / "tabs.txt", [CN_HEADER, *CN_ROWS], "utf-8", delimiter="\t")
    assert import_file(store, tabs, shelf=shelf, mapping=parse_map(CN_MAP)).updated_orders == 3


def test_encoding_override_and_a_wrong_guess(tmp_path, store, shelf):
    rows = [["order_id", "name"], ["B1", "珍珠奶茶"]]
    path = write_csv(tmp_path / "big5.csv", rows, "big5")
    report = import_file(store, path, shelf=shelf, encoding="big5", profile="packseal")
    assert report.encoding == "big5" and store.find("B1").items[0].name == "珍珠奶茶"
    with pytest.raises(BadInputError, match="not an encoding"):
        import_file(store, path, shelf=shelf, encoding="klingon")


def test_xlsx_written_by_openpyxl_with_merged_order_cells(tmp_path, store, shelf):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(CN_HEADER)
    for row in CN_ROWS:
        ws.append([int(c) if c.isdigit() and len(c) < 3 else c for c in row])
    # a second item of T1003 written below it with the order cells left empty (merged in Excel)
    ws.append(["", "", "BOWL-5", 6901234567915, "碗", 2, "", "", "", ""])
    ws.merge_cells(start_row=5, start_column=1, end_row=6, end_column=1)
    path = tmp_path / "orders.xlsx"
    wb.save(path)
    report = import_file(store, path, shelf=shelf, mapping=parse_map(CN_MAP))
    assert report.kind == "xlsx" and (report.orders, report.items, report.rows_refused) == (3, 5, 0)
    check_cn_orders(store)
    assert store.find("T1003").items[-1] == OrderItem(sku="BOWL-5", barcode="6901234567915", name="碗", qty=2)


def test_reimport_updates_status_and_replaces_items(tmp_path, store, shelf):
    import_file(store, write_csv(tmp_path / "a.csv", [CN_HEADER, *CN_ROWS], "gbk"), shelf=shelf,
                mapping=parse_map(CN_MAP))
    later = [CN_HEADER, ["T1001", "SF9999999999999", "CUP-1", "6901234567892", "保温杯 500ml", "1", "已取消", "", "", ""]]
    report = import_file(store, write_csv(tmp_path / "b.csv", later, "gbk"), shelf=shelf, mapping=parse_map(CN_MAP))
    assert (report.new_orders, report.updated_orders, report.items) == (0, 1, 1)
    t1 = store.find("SF1234567890123")
    assert t1.status == "cancelled" and t1.waybills == ("SF1234567890123", "SF9999999999999")
    assert t1.items == (OrderItem(sku="CUP-1", barcode="6901234567892", name="保温杯 500ml", qty=1),)
    assert t1.buyer_note == "请加急"  # empty cell: kept


def test_bad_rows_refuse_their_whole_order_and_are_reported(tmp_path, store, shelf):
    rows = [CN_HEADER,
            ["T1", "W1", "A", "", "a", "2", "", "", "", ""],
            ["T1", "W1", "B", "", "b", "two", "", "", "", ""],      # row 3: bad quantity
            ["T2", "W2", "C", "", "c", "0", "", "", "", ""],        # row 4: zero
            ["", "", "", "", "", "", "", "", "", ""],               # blank: skipped
            ["", "W5", "", "", "", "", "", "", "", ""],             # row 6: no order ID
            ["T3", "W3", "D", "", "d", "1", "", "", "", "heavy"],  # row 7: bad weight
            ["T4", "W4", "E", "", "e", "１", "", "", "", "1.5"]]    # full-width 1: fine
    report = import_file(store, write_csv(tmp_path / "bad.csv", rows, "utf-8"), shelf=shelf, mapping=parse_map(CN_MAP))
    assert report.rows == 6 and report.rows_refused == 4
    assert report.orders == 1 and report.orders_refused == ["T1", "T2", "T3"]
    assert [(p.row, p.order_id) for p in report.problems] == [(3, "T1"), (4, "T2"), (6, ""), (7, "T3")]
    assert "two" in report.problems[0].reason and "outside" in report.problems[1].reason
    assert "no order ID" in report.problems[2].reason and "heavy" in report.problems[3].reason
    assert store.find("T1") is None and store.find("W1") is None  # row 2 was fine, but its order is not whole
    assert store.find("T4").items[0].qty == 1 and store.find("T4").weight_g == 1500


def test_missing_mapped_column_names_it_and_imports_nothing(tmp_path, store, shelf):
    path = write_csv(tmp_path / "a.csv", [CN_HEADER, *CN_ROWS], "gbk")
    with pytest.raises(BadInputError, match="快递单号.*waybill.*订单编号"):
        import_file(store, path, shelf=shelf, mapping=parse_map("order_id=订单编号,waybill=快递单号"))
    assert store.counts()["orders"] == 0


def test_hostile_files_are_refused_before_anything_is_imported(tmp_path, store, shelf):
    def refused(path, match, **kw):
        with pytest.raises(BadInputError, match=match):
            import_file(store, path, shelf=shelf, profile="packseal", **kw)
        assert store.counts()["orders"] == 0

    garbage = tmp_path / "garbage.csv"
    garbage.write_bytes(bytes(range(256)) * 200)
    refused(garbage, "binary|not a text table")
    png = tmp_path / "photo.csv"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(1, 200)) * 50)
    refused(png, "not a text table|neither UTF-8")
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    refused(xls, r"old Excel workbook \(\.xls\)")
    notxlsx = tmp_path / "fake.xlsx"
    with zipfile.ZipFile(notxlsx, "w") as z:
        z.writestr("readme.txt", "hello")
    refused(notxlsx, "not an Excel workbook")
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        with z.open("xl/worksheets/sheet1.xml", "w") as f:
            for _ in range(80):
                f.write(b"\0" * (1 << 20))
    assert bomb.stat().st_size < 1 << 20
    refused(bomb, "zip bomb")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\x13" * 500)
    refused(broken, "cannot be read as one")
    wide = tmp_path / "wide.csv"
    wide.write_text(",".join(f"c{i}" for i in range(1_000_000)) + "\n" + ",".join("1" * 1_000_000) + "\n")
    refused(wide, "1000000 columns")
    empty = tmp_path / "empty.csv"
    empty.write_text("\n\n  \n")
    refused(empty, "empty")
    no_order = write_csv(tmp_path / "other.csv", [["a", "b"], ["1", "2"]], "utf-8")
    with pytest.raises(BadInputError, match="No column mapping fits"):
        import_file(store, no_order, shelf=shelf)


def test_the_best_fitting_profile_is_chosen_and_saved_profiles_round_trip(tmp_path, store, shelf):
    profile = profile_from_json({"name": "我的店", "columns": dict(p.split("=") for p in CN_MAP.replace(
        "weight_kg", "weight_g").split(",")), "weight_unit": "kg"})
    shelf.save(profile)
    assert shelf.get("我的店") == profile
    path = write_csv(tmp_path / "a.csv", [CN_HEADER, *CN_ROWS], "gbk")
    report = import_file(store, path, shelf=shelf)  # no mapping named: the one that fits
    assert report.profile == "我的店" and report.orders == 3
    check_cn_orders(store)
    shelf.delete("我的店")
    with pytest.raises(BadInputError, match="no column mapping called"):
        shelf.get("我的店")
    with pytest.raises(BadInputError, match="not a usable mapping name"):
        shelf.save(profile_from_json({"name": "ok", "columns": {"order_id": "x"}}).__class__(
            name="../evil", columns={"order_id": ("x",)}))


@pytest.mark.parametrize("text,expected", [
    ("已取消", "cancelled"), ("交易关闭", "cancelled"), ("Cancelled", "cancelled"), ("TRADE_CLOSED", "cancelled"),
    ("退款成功", "refunded"), ("refunded", "refunded"), ("退款中", "refund_requested"),
    ("等待卖家发货", "to_ship"), ("To Ship", "to_ship"), ("卖家已发货", "shipped"), ("交易成功", "completed"),
    ("Something Else", "something else"),
])
def test_status_words(text, expected):
    assert normalise_status(text) == expected


def test_cell_parsers():
    assert split_waybills("SF1, SF2；YT3、JD4 ZT5/ZT6") == ["SF1", "SF2", "YT3", "JD4", "ZT5", "ZT6"]
    assert split_waybills('="SF123"') == ["SF123"]
    assert parse_qty("3") == 3 and parse_qty("3.0") == 3 and parse_qty("３") == 3
    for bad in ("-1", "1.5", "", "3件", "999999"):
        with pytest.raises(ValueError):
            parse_qty(bad)
    assert parse_weight("1.2", "kg") == 1200 and parse_weight("350", "g") == 350
    assert parse_weight("0.5kg", "g") == 500 and parse_weight("2公斤", "g") == 2000
    with pytest.raises(ValueError):
        parse_weight("-3", "g")


def test_a_tiktok_shop_export_is_recognised_by_its_headers(tmp_path, store, shelf):
    header = ["Order ID", "Order Status", "Order Substatus", "SKU ID", "Seller SKU", "Product Name", "Variation",
              "Quantity", "Tracking ID", "Buyer Message", "Weight(kg)", "Seller Note"]
    rows = [["576461234567890123", "To ship", "Awaiting shipment", "1729", "MUG-BLUE", "Blue mug", "Blue", "2",
             "JT0001234567", "gift wrap please", "0.8", ""],
            ["576461234567890123", "To ship", "Awaiting shipment", "1730", "MUG-RED", "Red mug", "Red", "1",
             "JT0001234567", "gift wrap please", "0.8", ""],
            ["576469999999999999", "Cancelled", "", "1731", "TEA", "Tea", "", "1", "", "", "", "out of stock"]]
    report = import_file(store, write_csv(tmp_path / "tiktok.csv", [header, *rows], "utf-8-sig"), shelf=shelf)
    assert report.profile == "tiktok-shop" and (report.orders, report.items) == (2, 3)
    order = store.find("JT0001234567")
    assert order.order_id == "576461234567890123" and order.status == "to_ship" and order.weight_g == 800
    assert [i.sku for i in order.items] == ["MUG-BLUE", "MUG-RED"] and order.buyer_note == "gift wrap please"
    assert store.find("576469999999999999").status == "cancelled"
