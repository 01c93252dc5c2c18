"""The import dialog, the Orders page and Settings → Orders, driven as the owner uses them."""

from __future__ import annotations

import csv
import json
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt

from packseal.core.catalog.catalog import Catalog
from packseal.core.orders.places import token_file
from packseal.core.orders.profiles import ProfileShelf
from packseal.core.orders.update import OrderUpdate
from packseal.core.orders.model import OrderItem
from packseal.core.settings import Settings
from packseal.gui.orders.feed_settings import OrderFeedSettings
from packseal.gui.orders.import_dialog import OrderImportDialog
from packseal.gui.orders.page import OrdersPage
from packseal.gui.tasks import TaskRunner
from tests.core.catalog.conftest import make_clip
from tests.core.orders.conftest import store  # noqa: F401 (the fixture)

HEADER = ["订单编号", "物流单号", "商家编码", "商品名称", "数量", "订单状态", "买家留言"]
ROWS = [["T1", "SF1234567890123", "A-1", "保温杯", "2", "等待卖家发货", "请加急"],
        ["T1", "SF1234567890123", "B-2", "杯套", "1", "等待卖家发货", "请加急"],
        ["T2", "YT1，YT2", "C-3", "茶叶", "三", "交易关闭", ""]]


@pytest.fixture
def gbk_csv(tmp_path):
    path = tmp_path / "千牛.csv"
    with open(path, "w", encoding="gbk", newline="") as f:
        csv.writer(f).writerows([HEADER, *ROWS])
    return path


def pick(combo, text):
    index = combo.findText(text)
    assert index >= 0, (text, [combo.itemText(i) for i in range(combo.count())])
    combo.setCurrentIndex(index)


def test_import_dialog_maps_columns_saves_the_mapping_and_reports_refused_rows(qtbot, tmp_path, store, gbk_csv):
    shelf = ProfileShelf(tmp_path / "profiles")
    runner = TaskRunner()
    dialog = OrderImportDialog(store, shelf, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.import_button.isEnabled()
    dialog.path.setText(str(gbk_csv))
    dialog.load()
    qtbot.waitUntil(lambda: dialog.preview.rowCount() == 3, timeout=10_000)
    assert [dialog.preview.horizontalHeaderItem(i).text() for i in range(7)] == HEADER
    assert dialog.preview.item(2, 1).text() == "YT1，YT2"
    assert dialog.preview.verticalHeaderItem(2).text() == "4"  # the file's row number
    assert "gb18030" in dialog.message.text()
    # no profile fits Chinese headers here: the owner picks the columns
    assert dialog.profile.currentData() == ""
    dialog.start_import()
    assert "order ID" in dialog.message.text()
    form = dialog.form
    for name, header in (("order_id", "订单编号"), ("waybill", "物流单号"), ("sku", "商家编码"), ("name", "商品名称"),
                         ("qty", "数量"), ("status", "订单状态"), ("buyer_note", "买家留言")):
        pick(form.combos[name], header)
    assert dialog.save_profile.isEnabled()
    assert dialog.save_profile_as("千牛 店铺A")
    assert json.loads((tmp_path / "profiles" / "千牛 店铺A.json").read_text("utf-8"))["columns"]["waybill"] == ["物流单号"]
    assert dialog.profile.currentData() == "千牛 店铺A"
    assert not dialog.save_profile_as("../evil") and "not a usable mapping name" in dialog.message.text()

    with qtbot.waitSignal(dialog.imported, timeout=10_000) as done:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    report = done.args[0]
    assert (report.orders, report.items, report.rows_refused, report.orders_refused) == (1, 2, 1, ["T2"])
    assert "Imported 1 orders" in dialog.message.text() and "1 rows refused" in dialog.message.text()
    assert "Row 4 (order T2): quantity “三” is not a whole number" in dialog.result.toPlainText()
    assert store.find("sf1234567890123").items[0].name == "保温杯"

    # a second dialog recognises the file by the saved mapping
    again = OrderImportDialog(store, shelf, runner)
    qtbot.addWidget(again)
    again.path.setText(str(gbk_csv))
    again.load()
    qtbot.waitUntil(lambda: again.preview.rowCount() == 3, timeout=10_000)
    assert again.profile.currentData() == "千牛 店铺A"
    assert again.form.columns()["qty"] == ("数量",)


def test_import_dialog_shows_why_a_file_cannot_be_read(qtbot, tmp_path, store):
    junk = tmp_path / "photo.xlsx"
    junk.write_bytes(b"PK\x03\x04" + b"\x07" * 300)
    dialog = OrderImportDialog(store, ProfileShelf(tmp_path / "p"), TaskRunner())
    qtbot.addWidget(dialog)
    dialog.path.setText(str(junk))
    dialog.load()
    qtbot.waitUntil(lambda: "cannot be read" in dialog.message.text(), timeout=10_000)
    assert not dialog.import_button.isEnabled() and dialog.preview.columnCount() == 0


def test_orders_page_searches_and_shows_items_notes_and_the_clip(qtbot, tmp_path, store):
    store.merge([OrderUpdate("T1", waybills=["SF1234567890123"], status="to_ship", buyer_note="请加急",
                             items=[OrderItem(sku="A-1", barcode="6901234567892", name="保温杯", qty=2)]),
                 OrderUpdate("T2", waybills=["YT1"], status="cancelled", seller_note="缺货",
                             items=[OrderItem(sku="C-3", name="茶叶", qty=1)])], source="t")
    catalog = Catalog.open(tmp_path / "catalog.sqlite")
    catalog.add_clip(make_clip("SF1234567890123"))
    catalog.add_clip(make_clip("YT1", deleted_ms=1, deleted_reason="retention"))  # its file is gone: no clip
    services = SimpleNamespace(orders=store, catalog=catalog)
    page = OrdersPage(services, TaskRunner())
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=10_000)
    rows = {page.table.item(r, 0).text(): [page.table.item(r, c).text() for c in range(5)] for r in range(2)}
    assert rows["T1"] == ["T1", "SF1234567890123", "To ship", "2", "yes"]
    assert rows["T2"] == ["T2", "YT1", "Cancelled", "1", "no"]

    page.search.setText("加急")  # typed through an input method (keyClicks sends only ASCII keys)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1 and page.table.item(0, 0).text() == "T1", timeout=10_000)
    assert "请加急" in page.facts.text() and "recorded under SF1234567890123" in page.facts.text()
    assert page.items.item(0, 0).text() == "保温杯" and page.items.item(0, 2).text() == "6901234567892"
    assert page.clip_button.isVisible()
    with qtbot.waitSignal(page.clip_requested, timeout=5000) as wanted:
        qtbot.mouseClick(page.clip_button, Qt.MouseButton.LeftButton)
    assert wanted.args == ["SF1234567890123"]

    page.search.clear()
    qtbot.keyClicks(page.search, "C-3")
    qtbot.waitUntil(lambda: page.table.rowCount() == 1 and page.table.item(0, 0).text() == "T2", timeout=10_000)
    assert "缺货" in page.facts.text() and "Cancelled" in page.title.text() and not page.clip_button.isVisible()
    catalog.close()


def test_feed_settings_give_the_order_feed_fields_and_renew_the_token(qtbot, tmp_path):
    settings = Settings(order_feed_http=True, order_feed_port=9123, order_feed_bind="127.0.0.1")
    box = OrderFeedSettings(settings, tmp_path, TaskRunner())
    qtbot.addWidget(box)
    token = token_file(tmp_path).read_text().strip()
    assert box.token.text() == token and len(token) >= 24
    assert box.endpoint.text() == "POST http://127.0.0.1:9123/orders"
    qtbot.mouseClick(box.use_default, Qt.MouseButton.LeftButton)
    box.port.setValue(9124)
    pick(box.bind, "0.0.0.0 — every network of this computer")
    assert box.values() == {"order_feed_folder": str(tmp_path / "orders" / "inbox"), "order_feed_http": True,
                            "order_feed_bind": "0.0.0.0", "order_feed_port": 9124}
    qtbot.mouseClick(box.renew, Qt.MouseButton.LeftButton)
    assert box.token.text() != token and token_file(tmp_path).read_text().strip() == box.token.text()
    box.check_endpoint()  # nothing listens on 9124: said so, not raised
    qtbot.waitUntil(lambda: "Nothing answers" in box.check_result.text(), timeout=10_000)
    box.bind.setCurrentText("not an address")
    with pytest.raises(Exception, match="not an IP address"):
        Settings(**{**settings.to_dict(), **box.values()}).validate()
