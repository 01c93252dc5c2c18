"""A station whose history was rolled back, rewritten or forked is flagged and refused; the hub keeps what it held."""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timezone

from packseal.core.ledger import Ledger, scan_body
from packseal.core.storage.layout import DataLayout
from packseal.core.sync.state import load_state
from tests.hub.sync.conftest import packseal, pair, sync


def _append_scans(root, *codes: str, checkpoint: bool = True) -> None:
    with Ledger.open(DataLayout.open(root), "Bench 1", "PackSeal test") as ledger:
        for code in codes:
            ledger.append("scan", scan_body(code=code, scan_time=datetime.now(timezone.utc)))
        if checkpoint:
            ledger.checkpoint()


def _held(hub) -> list[tuple[int, str]]:
    return [(r["seq"], r["hash"]) for r in hub.query("SELECT seq, hash FROM ledger_entries ORDER BY seq")]


def test_a_forked_station_is_flagged_refused_and_what_the_hub_held_stays(hub, station, tmp_path):
    twin = tmp_path / "twin"
    shutil.copytree(station, twin, symlinks=True)   # the same ledger and key, before any sync
    pair(station, hub)
    _append_scans(station, "ONE-WAY")
    assert sync(station)[0] == 0
    held = _held(hub)
    clips = hub.query("SELECT order_id, sha256, status FROM clips ORDER BY order_id")
    # The twin writes another entry at the same seq and syncs as the same station.
    _append_scans(twin, "OTHER-WAY")
    shutil.copytree(station / "sync", twin / "sync")
    code, out = sync(twin)
    assert code == 1 and out["error"] == "forked", out
    assert "differs from the entry" in out["message"]
    station_row = hub.query("SELECT status, status_detail FROM stations")[0]
    assert station_row["status"] == "forked"
    assert _held(hub) == held
    assert hub.query("SELECT order_id, sha256, status FROM clips ORDER BY order_id") == clips
    assert load_state(twin).status == "forked"
    # The real station is refused too until an owner acts: the hub cannot tell which is which.
    _append_scans(station, "LATER")
    code, out = sync(station)
    assert code == 1 and out["error"] == "forked"
    assert _held(hub) == held


def test_a_rolled_back_and_rewritten_ledger_is_flagged_and_verify_names_the_witness(hub, station, tmp_path):
    backup = tmp_path / "backup"
    shutil.copytree(station / "ledger", backup)
    pair(station, hub)
    _append_scans(station, "A1", "A2")
    assert sync(station)[0] == 0
    held = _held(hub)
    witnessed = sorted((station / "ledger" / "witness").glob("*.json"))
    assert witnessed
    # Restore the ledger from the older backup (keeping checkpoint.json, the witness folder) and go on.
    for f in (station / "ledger").glob("ledger-*.jsonl"):
        f.unlink()
    for f in backup.glob("ledger-*.jsonl"):
        shutil.copy2(f, station / "ledger" / f.name)
    (station / "ledger" / "checkpoint.json").unlink()
    shutil.copy2(backup / "checkpoint.json", station / "ledger" / "checkpoint.json")
    _append_scans(station, "B1", "B2", "B3", "B4")
    code, out = sync(station)
    assert code == 1 and out["error"] == "forked", out
    assert hub.query("SELECT status FROM stations")[0]["status"] == "forked"
    assert _held(hub) == held
    verdict = json.loads(packseal(station, "verify", "--json").stdout)
    assert not verdict["ok"]
    assert "witness-mismatch" in {p["code"] for p in verdict["problems"]}


def test_a_plain_rollback_is_refused_by_the_station_itself(hub, station, tmp_path):
    backup = tmp_path / "backup"
    shutil.copytree(station / "ledger", backup)
    pair(station, hub)
    _append_scans(station, "A1")
    assert sync(station)[0] == 0
    for f in (station / "ledger").glob("ledger-*.jsonl"):
        f.unlink()
    for f in backup.glob("ledger-*.jsonl"):
        shutil.copy2(f, station / "ledger" / f.name)
    code, out = sync(station)
    assert code == 1 and out["error"] == "forked"
    assert "rolled back" in out["message"]
