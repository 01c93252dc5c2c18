"""The bench over the recorder's channel: its events reach a client, the packer's answers reach the
recorder, and a client that connects later gets the order's check back in the snapshot."""

from __future__ import annotations

import threading
import time

import pytest

from packseal.core.archive import ClipSealed
from packseal.core.events import EventHub
from packseal.core.ledger import read_seal
from packseal.core.packing.events import CheckUpdated, StopAsked, WarningAsked
from packseal.core.remote.client import RecorderClient
from packseal.core.remote.server import RecorderServer
from tests.support.bench_orders import MUG, PAID as WAYBILL, REFUNDED, UPDATES, bench_data_dir

WAIT_S = 60.0


def wait_for(events, kind, predicate=lambda e: True):
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        found = [e for e in list(events) if isinstance(e, kind) and predicate(e)]
        if found:
            return found[-1]
        time.sleep(0.05)
    pytest.fail(f"no {kind.__name__} arrived")


@pytest.fixture
def served(tmp_path):
    services = bench_data_dir(tmp_path / "data")
    server = RecorderServer(services, "test:320x240@10", read_barcodes=False, retention_every_s=3600)
    serving = threading.Thread(target=server.serve, kwargs={"handle_signals": False}, daemon=True)
    serving.start()
    clients = []

    def connect():
        events: list = []
        hub = EventHub()
        hub.subscribe(events.append)
        client = RecorderClient(services.layout, hub)
        client.start()
        assert client.wait_connected(WAIT_S)
        clients.append(client)
        return client, events

    connect.server = server
    try:
        yield services, connect
    finally:
        for c in clients:
            c.close()
        server.request_stop()
        serving.join(WAIT_S)
        services.close()


def test_the_check_crosses_the_channel_and_a_new_client_gets_it_back(served):
    services, connect = served
    client, events = connect()
    deadline = time.monotonic() + WAIT_S
    while client.call("status").station is None and time.monotonic() < deadline:
        time.sleep(0.1)
    client.call("scan", code=WAYBILL)
    wait_for(events, CheckUpdated, lambda e: e.state.code == WAYBILL)
    client.call("scan", code=MUG)
    ticked = wait_for(events, CheckUpdated, lambda e: e.scan is not None)
    assert ticked.scan.result == "item" and ticked.state.items[0].scanned == 1
    assert client.call("order_notes", code=WAYBILL) == (UPDATES[0].buyer_note, UPDATES[0].seller_note)

    # a window that restarts: the snapshot holds the order's check as it is now
    _, later_events = connect()
    snapshot = later_events[0].snapshot
    assert snapshot.bench.check.code == WAYBILL and snapshot.bench.check.items[0].scanned == 1

    client.call("stop_order")
    asked = wait_for(events, StopAsked)
    assert asked.missing == 2
    assert client.call("bench").stop_asked == asked
    assert client.call("confirm_stop", order_id=WAYBILL)
    sealed = wait_for(events, ClipSealed)
    seal = read_seal(sealed.seal)
    assert seal["entry"]["body"]["packing"]["outcome"] == "incomplete"
    assert seal["entry"]["body"]["packing"]["items"][0]["scanned"] == 1


def test_a_refunded_order_is_held_and_dropped_from_the_client(served):
    services, connect = served
    client, events = connect()
    deadline = time.monotonic() + WAIT_S
    while client.call("status").station is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert client.call("set_returns_mode", on=False) is False
    client.call("scan", code=REFUNDED)
    asked = wait_for(events, WarningAsked)
    assert asked.plan.warnings[0].warning == "refunded"
    assert later_snapshot(connect).bench.asking.code == REFUNDED
    assert client.call("drop_warning", code=REFUNDED)
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        dropped = [e.body for e in services.ledger.entries() if e.kind == "scan" and e.body.get("action") == "dropped"]
        if dropped:
            break
        time.sleep(0.1)
    assert dropped == [{"code": REFUNDED, "scan_time": dropped[0]["scan_time"], "order_id": REFUNDED,
                        "action": "dropped", "warning": "refunded", "decided": dropped[0]["decided"],
                        "order": "TB3003"}]
    assert client.call("bench").asking is None


def later_snapshot(connect):
    _, events = connect()
    return events[0].snapshot


def test_a_client_connecting_while_the_recorder_publishes_under_its_lock_gets_its_snapshot(served):
    """The recorder publishes while it holds its own lock, and the snapshot a new client gets needs
    that lock. A server that took its subscribers' lock first and the recorder's second deadlocked
    with a publication under way (a window reconnecting while an order resumed never got its
    snapshot, and the recorder stopped answering)."""
    from packseal.core.scale.events import ScaleReading

    services, connect = served
    first, _ = connect()
    deadline = time.monotonic() + WAIT_S
    while first.call("status").station is None and time.monotonic() < deadline:
        time.sleep(0.1)
    stop = threading.Event()
    published = []

    def publish_under_the_lock(recorder):
        while not stop.is_set():
            with recorder.held():
                time.sleep(0.03)  # the recorder busy with a segment or a scan, its lock held
                services.hub.publish(ScaleReading(grams=len(published), stable=True, unit="g", port="test"))
                published.append(1)
            time.sleep(0.001)

    recorder = connect.server.station.recorder
    publisher = threading.Thread(target=publish_under_the_lock, args=(recorder,), daemon=True)
    publisher.start()
    try:
        for _ in range(5):
            events: list = []
            hub = EventHub()
            hub.subscribe(events.append)
            client = RecorderClient(services.layout, hub)
            client.start()
            try:
                assert client.wait_connected(20), "the snapshot never came: the server deadlocked"
            finally:
                client.close()
    finally:
        stop.set()
        publisher.join(10)
    assert not publisher.is_alive() and len(published) > 5
    assert first.call("status").recorder_pid  # the recorder still answers
