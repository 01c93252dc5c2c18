"""The bench survives a recorder process killed with SIGKILL in the middle of an order.

A real recorder process (``packseal recorder``, the built-in test camera) is
told over its channel that a packer signs in, an order is scanned and one of
its items ticked; then it is killed. The next recorder continues the order
with its check (the packer still signed in), or, opened too late to continue,
the data dir's recovery seals the order as interrupted with the check it had.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from packseal.compose import open_services
from packseal.core.remote.client import RecorderClient, RecorderUnavailable, spawn_recorder
from packseal.core.storage.layout import DataLayout
from tests.support.bench_orders import LID, MUG, PAID as WAYBILL, bench_data_dir
from tests.support.recorder import kill_recorder

WAIT_S = 90.0
BADGE = "PACKER-ANN"
SOURCE = "test:320x240@10"


def wait_for(condition, what: str, timeout: float = WAIT_S):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = condition()
        except RecorderUnavailable:
            value = None
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def open_orders_file(layout: DataLayout) -> list[dict]:
    path = layout.state / "open-orders-cam0.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def tape_segments(layout: DataLayout) -> int:
    return sum(len(f.read_text(encoding="utf-8").splitlines()) for f in layout.tape("cam0").glob("*/segments.csv"))


def clip_entries(layout: DataLayout, order_id: str) -> list[dict]:
    entries = [json.loads(line) for f in sorted((layout.root / "ledger").glob("*.jsonl"))
               for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [e["body"] for e in entries if e["kind"] == "clip" and e["body"]["order_id"] == order_id]


@pytest.fixture
def bench(tmp_path):
    """A data dir with the test orders and a recorder process; yields (layout, client, start)."""
    services = bench_data_dir(tmp_path / "data")
    layout = services.layout
    services.close()
    client = RecorderClient(layout, kind="cli")

    def start():
        spawn_recorder(layout, SOURCE, camera_codes=False)
        return wait_for(lambda: (s := client.call("status", timeout=5)).station is not None and s,
                        "a recorder with its station running")

    try:
        yield layout, client, start
    finally:
        client.close()
        kill_recorder(layout)


def scan_an_order_then_kill(layout: DataLayout, client: RecorderClient, start) -> None:
    """Badge, waybill, one mug ticked, a few seconds on tape; then SIGKILL to the recorder."""
    start()
    for code in (BADGE, WAYBILL, MUG):
        assert client.call("scan", code=code)
    bench = wait_for(lambda: (b := client.call("bench")).check is not None and b.check.scans and b,
                     "the mug ticked")
    assert bench.packer == BADGE and bench.check.code == WAYBILL and bench.check.scans[0].result == "item"
    kept = wait_for(lambda: [o for o in open_orders_file(layout) if o["check"] and o["check"]["scans"]],
                    "the check with its scan on disk")
    assert kept[0]["order_id"] == WAYBILL and [s["code"] for s in kept[0]["check"]["scans"]] == [MUG]
    on_tape = tape_segments(layout)
    wait_for(lambda: tape_segments(layout) >= on_tape + 2, "the order's video on tape")
    kill_recorder(layout)


def test_a_killed_recorder_continues_the_order_with_its_scans_and_its_packer(bench):
    layout, client, start = bench
    scan_an_order_then_kill(layout, client, start)

    again = start()  # the new recorder recovers what the dead one left and continues the order
    wait_for(lambda: client.call("status", timeout=5).order_id == WAYBILL, "the order continuing")
    state = client.call("bench")
    assert state.packer == BADGE
    assert [s.code for s in state.check.scans] == [MUG] and state.check.items[0].scanned == 1
    assert again.recorder_pid is not None

    for code in (MUG, LID):
        assert client.call("scan", code=code)
    wait_for(lambda: client.call("bench").check.missing == 0, "every item ticked")
    assert client.call("stop_order")
    body = wait_for(lambda: clip_entries(layout, WAYBILL), "the sealed clip")[0]
    assert body["status"] == "complete" and len(body["gaps"]) == 1  # one clip, the outage its gap
    packing = body["packing"]
    assert packing["outcome"] == "complete" and packing["packer"] == BADGE and packing["restarts"] == 1
    assert [(s["code"], s["result"]) for s in packing["scans"]] == [(MUG, "item"), (MUG, "item"), (LID, "item")]
    assert [i["scanned"] for i in packing["items"]] == [2, 1]
    assert client.call("bench").packer == BADGE  # still signed in for the next order

    client.call("shutdown")  # closing the recorder the normal way signs the packer out
    wait_for(lambda: not (layout.state / "bench-cam0.json").exists(), "the bench file cleared")


def test_a_recorder_killed_too_long_ago_leaves_an_interrupted_clip_with_its_check(bench):
    layout, client, start = bench
    scan_an_order_then_kill(layout, client, start)
    saved = json.loads((layout.state / "bench-cam0.json").read_text(encoding="utf-8"))
    assert saved["packer"] == BADGE and saved["returns_mode"] is False

    services = open_services(layout.root)  # a command, not a recorder: the order is not continued
    try:
        assert [c.order_id for c in services.recovery.clips] == [WAYBILL]
    finally:
        services.close()
    body = clip_entries(layout, WAYBILL)[0]
    assert body["status"] == "interrupted"
    packing = body["packing"]
    assert packing["packer"] == BADGE and packing["restarts"] == 1 and packing["outcome"] == "incomplete"
    assert [(s["code"], s["result"]) for s in packing["scans"]] == [(MUG, "item")]
    assert [(w["warning"], w["decision"]) for w in packing["warnings"]] == [("items-missing", "shown")]
    assert "recorder stopped unexpectedly" in packing["warnings"][0]["detail"]
    assert open_orders_file(layout) == []


def test_the_returns_mode_survives_the_kill(bench):
    layout, client, start = bench
    start()
    assert client.call("set_returns_mode", on=True) is True
    kill_recorder(layout)
    start()
    state = client.call("bench")
    assert state.returns_mode is True and state.packer == ""
