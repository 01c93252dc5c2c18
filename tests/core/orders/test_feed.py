"""The live order feed: the HTTP endpoint over real loopback HTTP, the watched folder, the schema."""

from __future__ import annotations

import http.client
import json
import socket
import time

import pytest

from packseal.core.orders.feed import FeedSettings, OrderFeed, process_file
from packseal.core.orders.feed_http import FeedServer, new_token, read_token
from packseal.core.orders.feed_schema import MAX_DOCUMENT_BYTES, FeedError, parse_document
from packseal.core.orders.model import OrderItem
from packseal.core.orders.places import token_file

DOC = {"format": "packseal-orders/1", "source": "erp",
       "orders": [{"order_id": "E1", "waybills": ["SF1234567890123"], "status": "交易关闭", "buyer_note": "急",
                   "weight_g": 450, "items": [{"sku": "A-1", "barcode": "6901234567892", "name": "杯", "qty": 2}]},
                  {"order_id": "E2", "return_waybills": ["YT9"]}]}


def wait_for(condition, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def request(address, method, path, body=b"", headers=None):
    conn = http.client.HTTPConnection(*address, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, json.loads(resp.read() or b"null")
    finally:
        conn.close()


@pytest.fixture
def server(tmp_path, store):
    token = tmp_path / "feed-token"
    results = []
    srv = FeedServer(store, lambda: read_token(token), "127.0.0.1", 0, on_result=lambda w, b: results.append(b))
    yield srv, read_token(token), results
    srv.close()


def test_post_orders_over_loopback_http_stores_them(server, store):
    srv, token, results = server
    body = json.dumps(DOC, ensure_ascii=False).encode()
    status, answer = request(srv.address, "POST", "/orders", body,
                             {"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    assert status == 200, answer
    assert answer["ok"] and answer["orders"] == 2 and answer["items"] == 1
    order = store.find("sf1234567890123")
    assert order.order_id == "E1" and order.status == "cancelled" and order.weight_g == 450
    assert order.items == (OrderItem(sku="A-1", barcode="6901234567892", name="杯", qty=2),)
    assert store.find("YT9").order_id == "E2"
    assert results and results[0]["orders"] == 2
    # the same order sent again with fewer items: the feed describes whole orders, items are replaced
    doc = {"format": "packseal-orders/1", "orders": [{"order_id": "E1", "items": [{"sku": "B", "qty": 1}]}]}
    status, _ = request(srv.address, "POST", "/orders", json.dumps(doc).encode(),
                        {"X-PackSeal-Token": token, "Content-Type": "application/json"})
    assert status == 200 and store.find("E1").items == (OrderItem(sku="B", qty=1),)
    assert store.find("E1").status == "cancelled"  # not given: kept


def test_endpoint_errors_are_clear_4xx(server, store, tmp_path):
    srv, token, _ = server
    good = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    body = json.dumps(DOC).encode()
    assert request(srv.address, "POST", "/orders", body, {"Content-Type": "application/json"})[0] == 401
    assert request(srv.address, "POST", "/orders", body, {**good, "Authorization": "Bearer wrong"})[0] == 401
    assert request(srv.address, "POST", "/other", body, good)[0] == 404
    assert request(srv.address, "GET", "/orders")[0] == 405
    assert request(srv.address, "PUT", "/orders", body, good)[0] == 405
    assert request(srv.address, "POST", "/orders", body, {**good, "Content-Type": "text/csv"})[0] == 415
    status, answer = request(srv.address, "POST", "/orders", b"{not json", good)
    assert status == 400 and "not JSON" in answer["error"]
    bad = {"format": "packseal-orders/1", "orders": [DOC["orders"][0], {"order_id": "E3", "items": [{"sku": "X", "qty": 0}]}]}
    status, answer = request(srv.address, "POST", "/orders", json.dumps(bad).encode(), good)
    assert status == 400 and answer["path"] == "orders[1].items[0].qty"
    assert store.find("E1") is None  # a refused document stores nothing of it
    # a body over the limit is refused from its Content-Length, before it is read
    with socket.create_connection(srv.address, timeout=30) as s:
        s.sendall(f"POST /orders HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n"
                  f"Content-Type: application/json\r\nContent-Length: {MAX_DOCUMENT_BYTES + 1}\r\n\r\n".encode())
        assert s.recv(100).startswith(b"HTTP/1.1 413")
    with socket.create_connection(srv.address, timeout=30) as s:
        s.sendall(f"POST /orders HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n"
                  "Content-Type: application/json\r\n\r\n".encode())
        assert s.recv(100).startswith(b"HTTP/1.1 411")
    assert request(srv.address, "GET", "/health") == (200, {"ok": True, "format": "packseal-orders/1"})
    # a new token: the old one stops working at once
    new = new_token(tmp_path / "feed-token")
    assert request(srv.address, "POST", "/orders", body, good)[0] == 401
    assert request(srv.address, "POST", "/orders", body, {**good, "Authorization": f"Bearer {new}"})[0] == 200


@pytest.mark.parametrize("doc,path", [
    ([], ""), ({"orders": []}, "format"), ({"format": "packseal-orders/1", "orders": {}}, "orders"),
    ({"format": "packseal-orders/1", "orders": [{"waybills": ["W"]}]}, "orders[0].order_id"),
    ({"format": "packseal-orders/1", "orders": [{"order_id": ""}]}, "orders[0].order_id"),
    ({"format": "packseal-orders/1", "orders": [{"order_id": "A", "weight_g": 1.5}]}, "orders[0].weight_g"),
    ({"format": "packseal-orders/1", "orders": [{"order_id": "A", "waybills": "W1"}]}, "orders[0].waybills"),
    ({"format": "packseal-orders/1", "orders": [{"order_id": "A", "items": [{"qty": 1}]}]}, "orders[0].items[0]"),
    ({"format": "packseal-orders/1", "orders": [{"order_id": "A", "colour": "red"}]}, "orders[0].colour"),
    ({"format": "packseal-orders/1", "orders": [{"order_id": "A", "items": [{"sku": "x", "qty": True}]}]},
     "orders[0].items[0].qty"),
])
def test_schema_errors_name_the_wrong_value(doc, path):
    with pytest.raises(FeedError) as err:
        parse_document(json.dumps(doc).encode())
    assert err.value.path == path


def test_watched_folder_moves_files_to_done_or_failed_with_the_reason(tmp_path, store):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "good.json").write_text(json.dumps(DOC, ensure_ascii=False), encoding="utf-8")
    (inbox / "bad.json").write_bytes(b"\x00\x01binary")
    (inbox / "notes.txt").write_text("not a feed document")
    with open(inbox / "huge.json", "wb") as f:  # sparse: large on paper, nothing to read
        f.truncate(MAX_DOCUMENT_BYTES + 1)
    stored, message = process_file(store, inbox / "huge.json")
    assert not stored and "at most" in message
    stored, message = process_file(store, inbox / "good.json")
    assert stored and "2 orders" in message and store.find("E1").status == "cancelled"
    stored, message = process_file(store, inbox / "bad.json")
    assert not stored and "not" in message
    done, failed = list((inbox / "done").iterdir()), list((inbox / "failed").iterdir())
    assert [p.name.endswith("-good.json") for p in done] == [True]
    assert sorted(p.name.split("-", 1)[1] for p in failed) == ["bad.json", "bad.json.reason.txt", "huge.json",
                                                                "huge.json.reason.txt"]
    reason = next(p for p in failed if p.name.endswith("bad.json.reason.txt")).read_text()
    assert "not UTF-8" in reason or "not JSON" in reason
    assert (inbox / "notes.txt").exists()  # only *.json is taken


def test_the_running_feed_follows_its_settings(tmp_path, store):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    wanted = {"s": FeedSettings(folder=str(inbox))}
    feed = OrderFeed(store, tmp_path, lambda: wanted["s"], poll_s=0.05)
    feed.start()
    try:
        tmp = inbox / "orders.json.part"
        tmp.write_text(json.dumps(DOC), encoding="utf-8")
        tmp.rename(inbox / "orders.json")
        assert wait_for(lambda: store.find("E1") is not None)
        assert wait_for(lambda: list((inbox / "done").glob("*-orders.json")))
        assert feed.address is None
        wanted["s"] = FeedSettings(folder=str(inbox), http=True, bind="127.0.0.1", port=port)
        assert wait_for(lambda: feed.address == ("127.0.0.1", port))
        token = read_token(token_file(tmp_path))
        doc = {"format": "packseal-orders/1", "orders": [{"order_id": "H1", "waybills": ["JD1"]}]}
        assert request(feed.address, "POST", "/orders", json.dumps(doc).encode(),
                       {"Authorization": f"Bearer {token}", "Content-Type": "application/json"})[0] == 200
        assert store.find("JD1").order_id == "H1"
        wanted["s"] = FeedSettings(folder=str(inbox), http=False)
        assert wait_for(lambda: feed.address is None)
        with pytest.raises(OSError):
            request(("127.0.0.1", port), "GET", "/health")
    finally:
        feed.stop()


def test_a_port_in_use_is_reported_not_fatal(tmp_path, store):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        feed = OrderFeed(store, tmp_path, lambda: FeedSettings(http=True, port=port), poll_s=0.05)
        feed.start()
        try:
            assert wait_for(lambda: "cannot listen" in feed.http_error)
        finally:
            feed.stop()


def test_the_example_adapter_pushes_an_export_over_http_and_into_the_folder(tmp_path, server, store):
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parents[3] / "docs" / "examples" / "push_orders.py"
    srv, token, _ = server
    export = tmp_path / "erp.csv"
    export.write_text("order_no,tracking_no,status,buyer_remark,sku,ean,title,qty\n"
                      "ERP-1,SF1234567890123,paid,fragile,A-1,6901234567892,Mug,2\n"
                      "ERP-1,SF1234567890123,paid,fragile,B-2,,Lid,1\n"
                      "ERP-2,YT9,cancelled,,C-3,,Tea,1\n", encoding="utf-8")
    url = f"http://{srv.address[0]}:{srv.address[1]}/orders"
    run = lambda *a: subprocess.run([sys.executable, str(script), str(export), *a],  # noqa: E731
                                    capture_output=True, text=True, timeout=60)
    proc = run("--url", url, f"--token={token}")  # as docs/ORDERS.md writes it (a token may be old, "-…")
    assert proc.returncode == 0, proc.stderr
    assert "sent 2 orders: 2 new" in proc.stdout
    order = store.find("SF1234567890123")
    assert order.order_id == "ERP-1" and order.status == "to_ship" and order.buyer_note == "fragile"
    assert [i.sku for i in order.items] == ["A-1", "B-2"] and store.find("YT9").status == "cancelled"
    wrong = run("--url", url, "--token", "wrong")
    assert wrong.returncode == 1 and "refused (401)" in wrong.stderr
    inbox = tmp_path / "inbox"
    assert run("--folder", str(inbox)).returncode == 0
    files = list(inbox.glob("*.json"))
    assert len(files) == 1 and process_file(store, files[0])[0]


def test_a_new_token_never_begins_with_a_dash_that_a_command_line_would_take_for_an_option(tmp_path, monkeypatch):
    import secrets

    from packseal.core.orders.feed_http import new_token

    drawn = iter(["-starts-like-an-option", "_fine-token"])
    monkeypatch.setattr(secrets, "token_urlsafe", lambda n: next(drawn))
    assert new_token(tmp_path / "feed-token") == "_fine-token"
    assert (tmp_path / "feed-token").read_text() == "_fine-token"
