"""A real station synced to a real hub (PostgreSQL, SeaweedFS): every clip exactly once, witnessed."""

from __future__ import annotations

import hashlib
import json

from packseal.core.sync.state import load_state
from packseal.hub.objectstore import object_key
from tests.hub.sync.conftest import ORDERS, packseal, pair, sync


def _clips_on_disk(root) -> dict[str, str]:
    """order id -> sha256 of the station's sealed clips, from its ledger."""
    found = {}
    for line in sorted((root / "ledger").glob("ledger-*.jsonl")):
        for raw in line.read_bytes().splitlines():
            entry = json.loads(raw)
            if entry["kind"] == "clip":
                found[entry["body"]["order_id"]] = entry["body"]["sha256"]
    return found


def test_a_synced_station_has_every_clip_on_the_hub_once_with_its_hash(hub, station):
    paired = pair(station, hub)
    assert paired["paired"] and len(paired["station_id"]) == 64
    code, out = sync(station)
    assert code == 0, out
    assert out["uploaded"] == len(ORDERS) and out["pending"] == 0 and out["cosignatures"] >= 1
    clips = hub.query("SELECT order_id, sha256, status, size FROM clips ORDER BY order_id")
    local = _clips_on_disk(station)
    assert [c["order_id"] for c in clips] == sorted(ORDERS)
    assert {c["order_id"]: c["sha256"] for c in clips} == local
    assert {c["status"] for c in clips} == {"stored"}
    store = hub.store()
    for c in clips:
        body = store.client.get_object(Bucket=store.bucket, Key=object_key(c["sha256"]))["Body"].read()
        assert hashlib.sha256(body).hexdigest() == c["sha256"] and len(body) == c["size"]
    assert hub.query("SELECT count(*) AS n FROM objects")[0]["n"] == len(ORDERS)
    # A second pass sends nothing again, and nothing is doubled on the hub.
    code, again = sync(station)
    assert code == 0 and again["uploaded"] == 0 and again["entries_sent"] == 0 and again["pending"] == 0
    assert hub.query("SELECT count(*) AS n FROM clips")[0]["n"] == len(ORDERS)
    state = load_state(station)
    assert state.missing == [] and state.entries_to is not None


def test_verify_reports_the_hub_as_witness_for_the_data_dir_and_an_evidence_pack(hub, station, tmp_path):
    pair(station, hub)
    assert sync(station)[0] == 0
    state = load_state(station)
    fingerprint = hashlib.sha256(state.hub_public_key.raw).hexdigest()
    verdict = json.loads(packseal(station, "verify", "--json").stdout)
    assert verdict["ok"], verdict["problems"]
    assert verdict["witnessed_by"] == fingerprint
    assert verdict["checked"]["cosignatures"] >= 1
    pack = tmp_path / "evidence.zip"
    made = packseal(station, "pack", "--order", ORDERS[0], "--out", str(pack), "--json")
    assert made.returncode == 0, made.stderr
    verdict = json.loads(packseal(station, "verify", str(pack), "--json").stdout)
    assert verdict["ok"], verdict["problems"]
    assert verdict["witnessed_by"] == fingerprint and verdict["witnessed_tree_size"] > 0
    # The standalone verifier inside the pack checks the cosignature too.
    import subprocess
    import sys
    import zipfile

    script = tmp_path / "verify_pack.py"
    script.write_bytes(zipfile.ZipFile(pack).read("verify_pack.py"))
    alone = subprocess.run([sys.executable, str(script), str(pack), "--json"], capture_output=True, text=True,
                           timeout=300)
    standalone = json.loads(alone.stdout)
    assert standalone["problems"] == [] and standalone["witnessed_by"] == fingerprint, alone.stdout
    # A cosignature that no longer fits the ledger (its root changed) is a problem, not a witness.
    witness = sorted((station / "ledger" / "witness").glob("*.json"))[0]
    document = json.loads(witness.read_text())
    document["root_hash"] = "0" * 64
    witness.write_text(json.dumps(document))
    verdict = json.loads(packseal(station, "verify", "--json").stdout)
    assert "witness-mismatch" in {p["code"] for p in verdict["problems"]}


def test_a_station_that_rotated_its_key_since_the_last_pass_goes_on_syncing(hub, station):
    pair(station, hub)
    assert sync(station)[0] == 0
    rotated = packseal(station, "key", "rotate", "--json")
    assert rotated.returncode == 0, rotated.stderr
    new_key = json.loads(rotated.stdout)["key_id"]
    code, out = sync(station)
    assert code == 0 and out["entries_sent"] >= 1 and out["pending"] == 0, out
    keys = hub.query("SELECT key_id, since_seq FROM station_keys WHERE key_id = %s", new_key)
    assert keys and keys[0]["since_seq"] == json.loads(rotated.stdout)["ledger_seq"]
    assert hub.query("SELECT current_key FROM stations")[0]["current_key"] == new_key
    assert sync(station)[0] == 0  # and the next pass is signed by the new key from the start


def test_the_background_sync_of_the_recorder_sends_what_the_hub_lacks(hub, station):
    import threading

    from packseal.core.events import EventHub
    from packseal.core.ledger import Ledger
    from packseal.core.storage.layout import DataLayout
    from packseal.core.sync.background import BackgroundSync
    from packseal.core.sync.events import SyncPassed

    pair(station, hub)
    events, done = EventHub(), threading.Event()
    passes: list[SyncPassed] = []
    events.subscribe(lambda e: (passes.append(e), done.set()) if isinstance(e, SyncPassed) else None)
    layout = DataLayout.open(station)
    with Ledger.open(layout, "Bench 1", "PackSeal test") as ledger:
        background = BackgroundSync(layout, ledger, events, every_s=3600, first_after_s=0)
        background.start()
        try:
            assert done.wait(120), "no pass finished"
        finally:
            background.stop(timeout=60)
    assert passes[0].uploaded == len(ORDERS) and passes[0].pending == 0
    assert {r["status"] for r in hub.query("SELECT status FROM clips")} == {"stored"}
