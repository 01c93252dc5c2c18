"""The live order feed runs inside the recorder process: no window, real loopback HTTP, a real folder."""

from __future__ import annotations

import http.client
import json
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from packseal.core.orders.feed_http import read_token
from packseal.core.orders.places import token_file

pytestmark = pytest.mark.slow


def wait_for(condition, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except OSError:
            pass
        time.sleep(0.1)
    return False


def health(port: int) -> bool:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request("GET", "/health")
        return conn.getresponse().status == 200
    finally:
        conn.close()


def show(data: Path, code: str) -> dict | None:
    proc = subprocess.run([sys.executable, "-m", "packseal", "--data-dir", str(data), "orders", "show", code, "--json"],
                          capture_output=True, text=True, timeout=60)
    return json.loads(proc.stdout) if proc.returncode == 0 else None


def test_recorder_serves_the_http_endpoint_and_watches_the_folder(tmp_path):
    data, inbox = tmp_path / "data", tmp_path / "inbox"
    data.mkdir()
    inbox.mkdir()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    (data / "settings.json").write_text(json.dumps({
        "settings_version": 2, "order_feed_http": True, "order_feed_port": port,
        "order_feed_folder": str(inbox)}), encoding="utf-8")
    rec = subprocess.Popen([sys.executable, "-m", "packseal", "--data-dir", str(data), "recorder",
                            "--source", "test:320x240@10"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        assert wait_for(lambda: health(port)), "the endpoint never answered"
        token = read_token(token_file(data))
        doc = {"format": "packseal-orders/1", "source": "test-erp",
               "orders": [{"order_id": "R1", "waybills": ["SF1234567890123"], "status": "退款成功",
                           "items": [{"sku": "A", "name": "杯", "qty": 1}]}]}
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("POST", "/orders", body=json.dumps(doc).encode(),
                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        resp = conn.getresponse()
        assert resp.status == 200, resp.read()
        conn.close()
        order = show(data, "SF1234567890123")
        assert order["order_id"] == "R1" and order["status"] == "refunded"

        (inbox / "batch.json").write_text(json.dumps({"format": "packseal-orders/1", "orders": [
            {"order_id": "F1", "waybills": ["YT1234567890"]}]}), encoding="utf-8")
        (inbox / "broken.json").write_text("{", encoding="utf-8")
        assert wait_for(lambda: list((inbox / "done").glob("*-batch.json")))
        assert wait_for(lambda: list((inbox / "failed").glob("*-broken.json.reason.txt")))
        assert show(data, "yt1234567890")["order_id"] == "F1"
    finally:
        rec.send_signal(signal.SIGTERM)
        try:
            rec.wait(60)
        except subprocess.TimeoutExpired:
            rec.kill()
            rec.wait()
    assert rec.returncode == 0, rec.stderr.read().decode(errors="replace")[-2000:]
    assert not wait_for(lambda: health(port), timeout=1), "the endpoint outlived the recorder"
