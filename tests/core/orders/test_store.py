"""The order store: lookups by order ID and waybill, merging re-imports, search, threads."""

from __future__ import annotations

import threading

import pytest

from packseal.core.errors import StorageError
from packseal.core.orders.model import OrderItem
from packseal.core.orders.store import OrderStore
from packseal.core.orders.update import OrderUpdate


def test_find_by_order_id_waybill_and_return_waybill_ignoring_case_and_blanks(store):
    store.merge([OrderUpdate("T100", waybills=["SF1234567890123"], return_waybills=["YT555"], status="to_ship",
                             items=[OrderItem(sku="A-1", barcode="6901234567892", name="保温杯", qty=2)],
                             buyer_note="请加急", seller_note="送贴纸", weight_g=480)], source="t")
    for code in ("T100", " t100 ", "sf1234567890123", "SF1234567890123\n", "yt555"):
        order = store.find(code)
        assert order is not None, code
        assert order.order_id == "T100"
        assert order.waybills == ("SF1234567890123",)
        assert order.return_waybills == ("YT555",)
        assert order.items == (OrderItem(sku="A-1", barcode="6901234567892", name="保温杯", qty=2),)
        assert (order.status, order.buyer_note, order.seller_note, order.weight_g) == ("to_ship", "请加急", "送贴纸", 480)
    assert store.find("SF999") is None
    assert store.find("") is None


def test_rows_of_one_order_add_items_and_the_last_given_field_wins(store):
    result = store.merge([OrderUpdate("T1", waybills=["W1"], status="to_ship", items=[OrderItem(sku="A", qty=1)]),
                          OrderUpdate("T1", waybills=["W2"], items=[OrderItem(sku="B", qty=3)], buyer_note="n"),
                          OrderUpdate("T2", waybills=["W1"])], source="f.csv")
    assert (result.orders, result.new_orders, result.items, result.waybills_added) == (2, 2, 2, 3)
    t1 = store.find("T1")
    assert [i.sku for i in t1.items] == ["A", "B"] and t1.waybills == ("W1", "W2")
    assert t1.status == "to_ship" and t1.buyer_note == "n"
    # a waybill shared by two orders (merged shipment): find gives the newest, find_all both
    assert {o.order_id for o in store.find_all("W1")} == {"T1", "T2"}


def test_reimport_updates_status_replaces_items_and_merges_waybills(store):
    store.merge([OrderUpdate("T1", waybills=["W1"], status="to_ship", buyer_note="keep me",
                             items=[OrderItem(sku="A", qty=1), OrderItem(sku="B", qty=1)])], source="a")
    result = store.merge([OrderUpdate("T1", waybills=["W2"], status="cancelled", items=[OrderItem(sku="C", qty=4)])],
                         source="b")
    assert (result.new_orders, result.updated_orders, result.items) == (0, 1, 1)
    order = store.find("W1")
    assert order.status == "cancelled" and order.stops_bench
    assert order.items == (OrderItem(sku="C", qty=4),)
    assert order.waybills == ("W1", "W2")
    assert order.buyer_note == "keep me"  # not given again: kept
    # a status-only update keeps the items
    store.merge([OrderUpdate("T1", status="refunded")], source="c")
    assert store.find("T1").items == (OrderItem(sku="C", qty=4),)
    assert store.counts() == {"orders": 1, "items": 1, "waybills": 2}


def test_an_exception_inside_a_batch_merges_nothing(store):
    with pytest.raises(RuntimeError):
        with store.batch("x") as batch:
            batch.add(OrderUpdate("T1", waybills=["W1"]))
            raise RuntimeError("boom")
    assert store.find("T1") is None
    # and the store still works afterwards
    store.merge([OrderUpdate("T1")], source="y")
    assert store.find("T1") is not None


def test_dropped_orders_are_not_merged(store):
    with store.batch("x") as batch:
        batch.add(OrderUpdate("T1", items=[OrderItem(sku="A")]))
        batch.add(OrderUpdate("T2", items=[OrderItem(sku="B")]))
        batch.drop("t2")
    assert batch.result.orders == 1 and store.find("T2") is None


def test_search_by_order_id_waybill_sku_barcode_and_buyer_note(store):
    store.merge([OrderUpdate("TB2026001", waybills=["SF1234567890123"], buyer_note="请用纸箱包装",
                             items=[OrderItem(sku="CUP-RED", barcode="6901234567892")]),
                 OrderUpdate("TB2026002", waybills=["YT9876543210"], buyer_note="加急",
                             items=[OrderItem(sku="TEA-01")])], source="t")
    ids = lambda text: [o.order_id for o in store.search(text)]  # noqa: E731
    assert ids("2026001") == ["TB2026001"]
    assert ids("4567890") == ["TB2026001"]
    assert ids("cup-r") == ["TB2026001"]
    assert ids("0123456789") == ["TB2026001"]
    assert ids("纸箱包") == ["TB2026001"]
    assert ids("加急") == ["TB2026002"]  # two characters: a plain scan of the notes
    assert ids("YT") == ["TB2026002"]
    assert ids("") == ["TB2026002", "TB2026001"]
    assert ids("no such thing") == []
    # re-importing rewrites the search text: the old SKU is no longer found
    store.merge([OrderUpdate("TB2026002", items=[OrderItem(sku="COFFEE")])], source="t")
    assert ids("TEA-01") == [] and ids("COFFEE") == ["TB2026002"]


def test_find_from_another_thread_while_an_import_is_open(store):
    store.merge([OrderUpdate("OLD", waybills=["W-OLD"])], source="a")
    staged, release = threading.Event(), threading.Event()
    seen = {}

    def importer():
        with store.batch("b") as batch:
            batch.add(OrderUpdate("NEW", waybills=["W-NEW"]))
            staged.set()
            assert release.wait(30)

    t = threading.Thread(target=importer)
    t.start()
    assert staged.wait(30)
    lookup = threading.Thread(target=lambda: seen.update(old=store.find("W-OLD"), new=store.find("W-NEW")))
    lookup.start()
    lookup.join(30)
    assert seen["old"].order_id == "OLD" and seen["new"] is None  # reads never wait for, nor see, half an import
    release.set()
    t.join(30)
    assert store.find("W-NEW").order_id == "NEW"


def test_a_second_store_on_the_same_file_sees_imports(tmp_path):
    path = tmp_path / "o.sqlite"
    with OrderStore.open(path) as a, OrderStore.open(path) as b:
        a.merge([OrderUpdate("T1", waybills=["W1"])], source="a")
        assert b.find("W1").order_id == "T1"


def test_closed_store_and_damaged_file_raise_storage_errors(tmp_path):
    s = OrderStore.open(tmp_path / "o.sqlite")
    s.close()
    with pytest.raises(StorageError, match="closed"):
        s.find("T1")
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StorageError, match="damaged|not a database"):
        OrderStore.open(bad)


def test_connections_of_ended_threads_are_closed(store):
    store.merge([OrderUpdate("T1")], source="a")
    for _ in range(5):
        t = threading.Thread(target=lambda: store.find("T1"))
        t.start()
        t.join()
    store.find("T1")  # this thread's connection is made now; the ended threads' are closed
    assert len(store._readers) == 1
