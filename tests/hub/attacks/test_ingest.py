"""Attacks on what a station's entries make the hub write: the chain, the witness, the catalogue (docs/HUB.md §3–4)."""

from __future__ import annotations

import hashlib

from packseal.core.ledger import bodies
from packseal.core.ledger.keys import StationKey
from tests.hub.attacks.conftest import query
from tests.hub.attacks.forge import ForgedStation


def _row(hub_context, station) -> dict:
    return query(hub_context, "SELECT status, entries_to, cosigned_size FROM stations WHERE id = %s",
                 station.station_id)[0]


def _held(hub_context, station) -> list[tuple[int, str]]:
    return [(r["seq"], r["hash"]) for r in query(
        hub_context, "SELECT seq, hash FROM ledger_entries WHERE station_id = %s ORDER BY seq", station.station_id)]


def test_an_order_id_postgresql_cannot_store_is_a_clear_answer_not_a_wedged_sync(hub_api, hub_context,
                                                                                 paired_station):
    station = paired_station()
    # A NUL inside a scanned code is a valid ledger string (RFC 8785 escapes it) but not PostgreSQL text.
    station.clip("SF1\u0000DROP", hashlib.sha256(b"x").hexdigest(), 1)
    answer = station.send_all(hub_api, since=len(station.entries) - 1)
    assert answer.status_code in (200, 400), (answer.status_code, answer.text[:200])
    assert answer.headers.get("content-type") == "application/json"


def test_a_clip_size_past_bigint_is_refused_as_a_bad_entry(hub_api, hub_context, paired_station):
    station = paired_station()
    entry = station.clip("SF-HUGE", hashlib.sha256(b"y").hexdigest(), 1).to_dict()
    entry["body"] = {**entry["body"], "bytes": 2 ** 63}  # past what RFC 8785 (and bigint) can hold
    answer = station.call(hub_api, "POST", "/api/sync/entries", {"entries": [entry], "consistency": {}})
    assert answer.status_code == 400 and answer.json()["error"] == "bad-entry", answer.text
    assert _row(hub_context, station)["status"] == "ok"


def test_the_same_new_entry_twice_in_a_batch_is_refused_not_taken_for_a_fork(hub_api, hub_context, paired_station):
    station = paired_station()
    entry = station.scan("ONCE")
    answer = station.send(hub_api, [entry, entry])
    assert answer.status_code in (200, 400), answer.text
    assert _row(hub_context, station)["status"] == "ok"


def test_a_rewritten_history_is_flagged_forked_and_what_the_hub_held_stays(hub_api, hub_context, paired_station):
    station = paired_station()
    held = _held(hub_context, station)
    # Rewrite entry 1 (the scan), re-sign everything after it with the same key, checkpoint again.
    rewritten = ForgedStation(station.name, key=station.key)
    rewritten.entries[0] = station.entries[0]
    rewritten.scan("REWRITTEN")
    rewritten.checkpoint()
    answer = rewritten.send_all(hub_api)
    assert answer.status_code == 409 and answer.json()["error"] == "forked"
    assert _row(hub_context, station)["status"] == "forked"
    assert _held(hub_context, station) == held
    # Every later sync is refused, the honest continuation too.
    station.scan("LATER")
    assert station.send_all(hub_api, since=len(station.entries) - 1).status_code == 409


def test_checkpoints_the_hub_must_not_cosign(hub_api, hub_context, paired_station):
    station = paired_station()
    cosigned = _row(hub_context, station)["cosigned_size"]
    station.scan("MORE")
    # A proof from another tree size than the one the hub cosigned.
    entry, consistency = station.checkpoint()
    consistency[str(entry.seq)]["from_size"] = 1
    answer = station.send(hub_api, station.entries[-2:], consistency)
    assert answer.status_code == 400 and answer.json()["error"] == "bad-checkpoint"
    # A checkpoint over fewer entries than those before it.
    station.entries.pop()
    partial = station._append(bodies.CHECKPOINT, bodies.checkpoint_body(tree_size=2, root_hash="00" * 32))
    answer = station.send(hub_api, station.entries[-2:], {str(partial.seq): {"from_size": cosigned, "proof": []}})
    assert answer.status_code == 400 and answer.json()["error"] == "bad-checkpoint"
    # A checkpoint signed by a key that is not the station's.
    station.entries.pop()
    real_key, station.key = station.key, StationKey.generate()
    entry, consistency = station.checkpoint()
    station.key = real_key
    answer = station.send(hub_api, station.entries[-2:], consistency)
    assert answer.status_code == 400 and answer.json()["error"] == "bad-signature"
    assert _row(hub_context, station) == {"status": "ok", "entries_to": 2, "cosigned_size": cosigned}
    assert not query(hub_context, "SELECT 1 FROM cosigned_checkpoints WHERE seq > %s", cosigned)
