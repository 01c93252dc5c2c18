"""A station whose history was rolled back, rewritten or forked is flagged and refused; the hub keeps what it held."""

from __future__ import annotations

import json
import shutil
import threading
import time
import urllib.error
import urllib.request
from datetime import datetime, timezone
from http.cookiejar import CookieJar

from packseal.cli import main
from packseal.core.ledger import Ledger, scan_body
from packseal.core.storage.layout import DataLayout
from packseal.core.ledger.witness import Cosignature
from packseal.core.sync.state import load_state
from tests.hub.sync.conftest import packseal, pair, sync
from tests.support.hub_servers import run_hub_command


def _append_scans(root, *codes: str, checkpoint: bool = True) -> None:
    with Ledger.open(DataLayout.open(root), "Bench 1", "PackSeal test") as ledger:
        for code in codes:
            ledger.append("scan", scan_body(code=code, scan_time=datetime.now(timezone.utc)))
        if checkpoint:
            ledger.checkpoint()


def _held(hub, history: int = 1) -> list[tuple[int, str]]:
    return [(r["seq"], r["hash"]) for r in hub.query(
        "SELECT seq, hash FROM ledger_entries WHERE history = %s ORDER BY seq", history)]


def _entries_of(root) -> list[tuple[int, str]]:
    with Ledger.open(DataLayout.open(root), "Bench 1", "PackSeal test") as ledger:
        return [(e.seq, e.hash) for e in ledger.entries()]


def _restore_ledger(root, backup, with_checkpoint_file: bool) -> None:
    """Put the ledger files of an older copy back (keeping the witness folder), as a restore would."""
    for f in (root / "ledger").glob("ledger-*.jsonl"):
        f.unlink()
    for f in backup.glob("ledger-*.jsonl"):
        shutil.copy2(f, root / "ledger" / f.name)
    if with_checkpoint_file:
        (root / "ledger" / "checkpoint.json").unlink()
        shutil.copy2(backup / "checkpoint.json", root / "ledger" / "checkpoint.json")


def _hub_command(hub, *args: str):
    db_args, env = hub.args()
    return run_hub_command(hub.data_dir, *db_args, *args, env=env)


def test_a_forked_station_is_flagged_refused_and_what_the_hub_held_stays(hub, station, tmp_path, capsys):
    twin = tmp_path / "twin"
    shutil.copytree(station, twin, symlinks=True)   # the same ledger and key, before any sync
    pair(station, hub)
    _append_scans(station, "ONE-WAY")
    assert sync(station)[0] == 0
    held = _held(hub)
    clips = hub.query("SELECT id, order_id, sha256, status, history FROM clips ORDER BY id")
    # The twin writes another entry at the same seq and syncs as the same station.
    _append_scans(twin, "OTHER-WAY")
    shutil.copytree(station / "sync", twin / "sync")
    code, out = sync(twin)
    assert code == 1 and out["error"] == "forked", out
    assert "differs from the entry" in out["message"]
    station_row = hub.query("SELECT status, status_detail FROM stations")[0]
    assert station_row["status"] == "forked"
    assert _held(hub) == held
    assert hub.query("SELECT id, order_id, sha256, status, history FROM clips ORDER BY id") == clips
    assert load_state(twin).status == "forked"
    # The real station is refused too until an owner acts: the hub cannot tell which is which.
    _append_scans(station, "LATER")
    code, out = sync(station)
    assert code == 1 and out["error"] == "forked"
    assert _held(hub) == held

    # The owner looks at the stations and accepts the twin's history (it is the one in use).
    station_id = load_state(station).station_id
    listed = _hub_command(hub, "station", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    [row] = json.loads(listed.stdout)["stations"]
    assert (row["id"], row["status"], row["history"]) == (station_id, "forked", 1)
    assert "differs from the entry" in row["status_detail"]
    # Refused without a reason, for an unknown id, for too short an id; nothing changes.
    db_args, _ = hub.args()
    for wanted, reason, says in ((station_id, " ", "say why"), ("0" * 64, "x", "no paired station"),
                                 (station_id[:4], "x", "at least its first 8")):
        assert main(["hub", "--data-dir", str(hub.data_dir), *db_args, "station", "accept-history", wanted,
                     "--reason", reason]) == 2
        assert says in capsys.readouterr().err
    assert hub.query("SELECT status, history FROM stations") == [{"status": "forked", "history": 1}]
    done = _hub_command(hub, "station", "accept-history", station_id[:12], "--reason",
                        "bench 1 was cloned; the clone is the one in use", "--json")
    assert done.returncode == 0, done.stderr
    decision = json.loads(done.stdout)
    assert (decision["station"], decision["history"], decision["left_history"]) == (station_id, 2, 1)
    assert decision["left_entries_to"] == held[-1][0]
    [audit] = hub.query("SELECT account_name, target, detail FROM audit_log WHERE action = 'station.accept_history'")
    assert audit["target"] == station_id and audit["account_name"].endswith("(command line)")
    assert audit["detail"]["reason"] == "bench 1 was cloned; the clone is the one in use"
    assert audit["detail"]["via"] == "command line" and "differs" in audit["detail"]["forked_because"]

    # The twin syncs: its whole ledger is taken as history 2 and witnessed anew.
    code, out = sync(twin)
    assert code == 0 and out["pending"] == 0 and out["status"] == "ok", out
    assert load_state(twin).status == "ok"
    assert _held(hub, history=2) == _entries_of(twin)
    # What the hub held stays, intact, under history 1; each clip is listed once.
    assert _held(hub) == held
    assert hub.query("SELECT id, order_id, sha256, status, history FROM clips ORDER BY id") == clips
    cosigned = hub.query("SELECT history, cosignature FROM cosigned_checkpoints")
    assert {r["history"] for r in cosigned} == {1, 2}
    for r in cosigned:
        assert r["cosignature"].get("history", 1) == r["history"]
        assert Cosignature.from_json(r["cosignature"]).signature_valid()
    kept = sorted(p.name for p in (twin / "ledger" / "witness").glob("*.json"))
    assert kept and all(name.endswith("-h2.json") for name in kept)
    assert json.loads(packseal(twin, "verify", "--json").stdout)["ok"]
    # The other device still writes the history the owner left: refused again, history 2 untouched.
    history2 = _held(hub, history=2)
    _append_scans(station, "STILL-THE-OLD-ONE")
    assert sync(station)[1]["error"] == "forked"
    assert _held(hub, history=2) == history2


def test_a_rewritten_ledger_is_flagged_accepted_by_an_owner_and_verify_names_both(hub, station, tmp_path):
    from packseal.hub import accounts

    backup = tmp_path / "backup"
    shutil.copytree(station / "ledger", backup)
    pair(station, hub)
    _append_scans(station, "A1", "A2")
    assert sync(station)[0] == 0
    held = _held(hub)
    witnessed = sorted((station / "ledger" / "witness").glob("*.json"))
    assert witnessed
    # Restore the ledger from the older backup (keeping the witness folder) and go on.
    _restore_ledger(station, backup, with_checkpoint_file=True)
    _append_scans(station, "B1", "B2", "B3", "B4")
    code, out = sync(station)
    assert code == 1 and out["error"] == "forked", out
    assert hub.query("SELECT status FROM stations")[0]["status"] == "forked"
    assert _held(hub) == held
    verdict = json.loads(packseal(station, "verify", "--json").stdout)
    assert not verdict["ok"]
    assert "witness-mismatch" in {p["code"] for p in verdict["problems"]}

    # An owner accepts the restored ledger through the staff API; other roles may not.
    with hub.db.connection() as conn:
        accounts.add_account(conn, "boss", "owner", "boss-password-1")
        accounts.add_account(conn, "helper", "agent", "helper-password-1")
    route = f"/api/stations/{load_state(station).station_id}/accept-history"
    assert _staff(hub, "helper", "helper-password-1")(route, {"reason": "agents may not"})[0] == 403
    boss = _staff(hub, "boss", "boss-password-1")
    assert boss(route, {})[0] == 400
    assert boss(route, {"reason": ""})[0] == 400
    assert boss(f"/api/stations/{'f' * 64}/accept-history", {"reason": "no such station"})[0] == 404
    assert hub.query("SELECT status FROM stations") == [{"status": "forked"}]
    status, decision = boss(route, {"reason": "restored from the backup after the disk failed"})
    assert status == 200 and decision["history"] == 2, decision
    status, again = boss(route, {"reason": "twice"})
    assert status == 409 and "not flagged forked" in again["error"]
    [audit] = hub.query("SELECT account_name, client, detail FROM audit_log WHERE action = 'station.accept_history'")
    assert (audit["account_name"], audit["client"], audit["detail"]["via"]) == ("boss", "127.0.0.1", "api")
    assert audit["detail"]["reason"] == "restored from the backup after the disk failed"

    code, out = sync(station)
    assert code == 0 and out["pending"] == 0, out
    assert _held(hub) == held and _held(hub, history=2) == _entries_of(station)
    # The station keeps the old history's cosignatures beside the new ones; verify names both.
    verdict = json.loads(packseal(station, "verify", "--json").stdout)
    assert verdict["ok"], verdict["problems"]
    replaced = [w for w in verdict["warnings"] if w["code"] == "witness-history-replaced"]
    assert replaced and all("history 2" in w["message"] for w in replaced)
    assert verdict["witnessed_by"]


def _staff(hub, name: str, password: str):
    """A logged-in staff member's ``call(path, body) -> (status, answer)`` on the hub."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    csrf = {}

    def call(path: str, body: dict) -> tuple[int, dict]:
        request = urllib.request.Request(hub.url + path, data=json.dumps(body).encode(), method="POST",
                                         headers={"Content-Type": "application/json", **csrf})
        try:
            with opener.open(request, timeout=30) as answer:
                return answer.status, json.loads(answer.read())
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read())

    status, session = call("/api/login", {"user": name, "password": password})
    assert status == 200
    csrf["X-CSRF-Token"] = session["csrf"]
    return call


def test_a_rolled_back_station_refuses_itself_is_flagged_and_syncs_again_once_accepted(hub, station, tmp_path):
    from packseal.core.events import EventHub
    from packseal.core.sync.background import BackgroundSync
    from packseal.core.sync.events import HubForked, SyncPassed

    backup = tmp_path / "backup"
    shutil.copytree(station / "ledger", backup)
    pair(station, hub)
    _append_scans(station, "A1")
    assert sync(station)[0] == 0
    _restore_ledger(station, backup, with_checkpoint_file=False)
    code, out = sync(station)
    assert code == 1 and out["error"] == "forked"
    assert "rolled back" in out["message"]
    # The station told the hub where its ledger ends now: the hub flags it, for the owner to see.
    [row] = hub.query("SELECT status, status_detail FROM stations")
    assert row["status"] == "forked" and "rolled back" in row["status_detail"]
    # The recorder's background sync goes on asking the hub (its last sync moves); no alert again.
    asked = hub.query("SELECT last_sync_at FROM stations")[0]["last_sync_at"]
    events: list[object] = []
    synced = threading.Event()
    hub_events = EventHub()
    hub_events.subscribe(lambda e: (events.append(e), synced.set() if isinstance(e, SyncPassed) else None))
    layout = DataLayout.open(station)
    with Ledger.open(layout, "Bench 1", "PackSeal test") as ledger:
        background = BackgroundSync(layout, ledger, hub_events, every_s=0.5, first_after_s=0)
        background.start()
        try:
            deadline = time.monotonic() + 60
            while hub.query("SELECT last_sync_at FROM stations")[0]["last_sync_at"] == asked:
                assert time.monotonic() < deadline, "the forked station did not ask the hub again"
                time.sleep(0.2)
            assert not any(isinstance(e, (HubForked, SyncPassed)) for e in events), events
            station_id = load_state(station).station_id
            done = _hub_command(hub, "station", "accept-history", station_id, "--reason", "restored from backup")
            assert done.returncode == 0, done.stderr
            assert synced.wait(120), events
        finally:
            background.stop(timeout=60)
    assert load_state(station).status == "ok"
    assert hub.query("SELECT status, history FROM stations") == [{"status": "ok", "history": 2}]
    assert _held(hub, history=2) == _entries_of(station)


def test_a_station_that_rotated_its_key_syncs_its_accepted_history_from_entry_0(hub, station, tmp_path):
    # More entries before the rotation than one sync batch holds: the new history's first batch is
    # signed by the rotated-to key although the entries it carries are still the genesis key's.
    _append_scans(station, *(f"PRE{n}" for n in range(520)), checkpoint=False)
    rotated = packseal(station, "key", "rotate", "--reason", "new machine", "--json")
    assert rotated.returncode == 0, rotated.stderr
    backup = tmp_path / "backup"
    shutil.copytree(station / "ledger", backup)
    pair(station, hub)
    _append_scans(station, "A1")
    assert sync(station)[0] == 0
    _restore_ledger(station, backup, with_checkpoint_file=True)
    _append_scans(station, "B1", "B2")
    assert sync(station)[1]["error"] == "forked"
    done = _hub_command(hub, "station", "accept-history", load_state(station).station_id, "--reason", "restored")
    assert done.returncode == 0, done.stderr
    code, out = sync(station)
    assert code == 0 and out["pending"] == 0, out
    assert _held(hub, history=2) == _entries_of(station)
    # The key rotated away from signs nothing for the station now.
    [row] = hub.query("SELECT current_key FROM stations")
    assert row["current_key"] == json.loads(rotated.stdout)["key_id"]
