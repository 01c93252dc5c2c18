"""Attacks on who a signed request speaks for: pairing, keys, replays (docs/HUB.md §2)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from packseal.core.ledger.canonical import b64
from packseal.core.ledger.keys import StationKey
from packseal.core.sync import wire
from packseal.hub import station_api
from tests.hub.attacks.conftest import query
from tests.hub.attacks.forge import ForgedStation


def _status(hub_context, station: ForgedStation) -> dict:
    return query(hub_context, "SELECT name, status, status_detail FROM stations WHERE id = %s", station.station_id)[0]


def test_pairing_with_another_stations_genesis_does_not_take_over_that_station(hub_api, hub_context, paired_station,
                                                                               new_code):
    victim = paired_station("Bench B")
    # Whoever holds one pairing code and a copy of the victim's genesis entry (it travels in every
    # evidence pack) pairs "as" the victim with a key of their own ...
    intruder = ForgedStation("Intruder")
    taken = intruder.pair(hub_api, new_code(), genesis=victim.entries[0].to_dict())
    # ... then, with that key, sends a made-up entry 0 (nothing checks its signature).
    fake = ForgedStation("Bench B", key=intruder.key)
    answer = fake.send(hub_api, fake.entries[:1])
    after = _status(hub_context, victim)
    assert taken.status_code != 200 or answer.status_code == 401, (taken.status_code, answer.status_code, answer.text)
    assert after["status"] == "ok", after
    assert after["name"] == "Bench B", after


def test_a_conflicting_entry_with_a_bad_signature_does_not_flag_the_station_forked(hub_api, hub_context,
                                                                                    paired_station):
    station = paired_station()
    stranger = StationKey.generate()
    # A different entry at seq 1, signed by a key that is not the station's: no proof of a fork at all.
    other = ForgedStation(station.name, key=station.key)
    other.entries[0] = station.entries[0]
    other.key = stranger
    forged = other.scan("NOT-SIGNED-BY-THE-STATION")
    answer = station.send(hub_api, [forged])
    assert answer.status_code == 400 and answer.json()["error"] == "bad-signature", answer.text
    assert _status(hub_context, station)["status"] == "ok"


def test_a_key_rotated_away_no_longer_signs_requests_for_the_station(hub_api, hub_context, paired_station):
    station = paired_station()
    old = station.key
    station.rotate(StationKey.generate())
    station.checkpoint()
    assert station.send_all(hub_api, since=3).status_code == 200
    # The old key (retired, perhaps because it was stolen) still speaks for the station.
    answer = station.call(hub_api, "GET", "/api/sync/state", key=old)
    assert answer.status_code == 401, answer.text


def test_a_request_signed_for_one_route_is_refused_on_another_and_twice(hub_api, paired_station):
    station = paired_station()
    headers = station.headers("GET", "/api/sync/state")
    assert hub_api.get("/api/sync/state", headers=headers).status_code == 200
    again = hub_api.get("/api/sync/state", headers=headers)
    assert again.status_code == 401 and again.json()["error"] == "replayed"
    fresh = station.headers("GET", "/api/sync/state")
    moved = hub_api.post("/api/sync/entries", headers=fresh, content=b"")
    assert moved.status_code == 401 and moved.json()["error"] == "bad-signature"
    # The same signature under a HEAD (Starlette answers HEAD on a GET route).
    head = hub_api.head("/api/sync/state", headers=station.headers("GET", "/api/sync/state"))
    assert head.status_code == 401


def test_a_nonce_is_kept_by_its_requests_time_on_the_hubs_clock_not_postgresqls(hub_api, hub_context,
                                                                                  paired_station):
    station = paired_station()
    # A station whose clock runs 4 minutes ahead of the hub: still inside the 5-minute window.
    ahead = datetime.now(timezone.utc) + timedelta(minutes=4)
    headers = station.headers("GET", "/api/sync/state", now=ahead)
    assert hub_api.get("/api/sync/state", headers=headers).status_code == 200
    nonce = headers[wire.NONCE_HEADER]
    seen = query(hub_context, "SELECT seen_at FROM request_nonces WHERE nonce = %s", nonce)[0]["seen_at"]
    assert abs(seen - ahead) < timedelta(milliseconds=2), (seen, ahead)  # the request's time, not now()
    # The hub (its clock, not PostgreSQL's) forgets it only once that time is 10 minutes old ...
    with hub_context.db.connection() as conn:
        station_api._forget_old_nonces(conn, now=ahead + wire.NONCE_MEMORY - timedelta(seconds=1))
        conn.commit()
    assert query(hub_context, "SELECT 1 FROM request_nonces WHERE nonce = %s", nonce)
    assert hub_api.get("/api/sync/state", headers=headers).json()["error"] == "replayed"
    # ... when no hub whose clock is within 5 minutes of it would accept the request any more.
    with hub_context.db.connection() as conn:
        station_api._forget_old_nonces(conn, now=ahead + wire.NONCE_MEMORY + timedelta(seconds=1))
        conn.commit()
    assert not query(hub_context, "SELECT 1 FROM request_nonces WHERE nonce = %s", nonce)


def test_a_station_of_the_first_protocol_is_told_to_update_and_pair_again(hub_api, paired_station):
    station = paired_station()
    # Signed as PackSeal signed requests before they named their station (packseal-request/1, four headers).
    time, nonce = wire.utc_stamp(None), wire.new_nonce()
    text = f"packseal-request/1\nGET\n/api/sync/state\n{time}\n{nonce}\n{wire.body_hash(b'')}".encode()
    headers = {wire.KEY_HEADER: station.key.key_id, wire.TIME_HEADER: time, wire.NONCE_HEADER: nonce,
               wire.SIGNATURE_HEADER: b64(station.key.sign(text))}
    answer = hub_api.get("/api/sync/state", headers=headers)
    assert answer.status_code == 401 and answer.json()["error"] == "unauthenticated", answer.text
    assert "older than the hub's: update PackSeal on the station, then pair it" in answer.json()["message"]


def test_an_unpaired_key_gets_401_even_with_a_malformed_rotation_batch(hub_api, paired_station):
    paired_station()
    stranger = ForgedStation("Stranger")
    bodies = [b'{"entries": 5}', b'{"entries": [{"kind": "key-rotation", "body": {"new_key_id": "%s"}, "key": 7}]}'
              % stranger.key.key_id.encode(), b"[" * 100_000 + b"]" * 100_000]
    statuses = [stranger.call(hub_api, "POST", "/api/sync/entries", raw=body).status_code for body in bodies]
    assert statuses == [401, 401, 401], statuses


def test_a_pairing_code_pairs_once_and_a_wrong_proof_is_refused(hub_api, new_code):
    code = new_code()
    first, second = ForgedStation("One"), ForgedStation("Two")
    assert first.pair(hub_api, code).status_code == 200
    reused = second.pair(hub_api, code)
    assert reused.status_code == 403 and reused.json()["error"] == "bad-code"
    # A proof made with the right code for another key than the one sent.
    code = new_code()
    proof = wire.station_pair_proof(code, first.key.public.raw_b64, second.station_id)
    body = {"station_name": "Three", "public_key": second.key.public.raw_b64, "genesis": second.entries[0].to_dict(),
            "proof": proof, "signature": b64(second.key.sign(wire.pair_text(second.station_id,
                                                                              second.key.public.raw_b64, proof)))}
    assert hub_api.post("/api/pair", json=body).status_code == 403


def test_a_deeply_nested_pairing_body_is_a_400_not_a_server_error(hub_api):
    answer = hub_api.post("/api/pair", content=b"[" * 100_000 + b"]" * 100_000)
    assert answer.status_code == 400, answer.status_code


def test_a_key_another_station_rotated_to_first_still_pairs_its_own_station(hub_api, hub_context, paired_station,
                                                                             new_code):
    newcomer = ForgedStation("Bench N")  # not paired yet; its public key is in every seal it gave out
    squatter = paired_station("Bench A")
    # The squatter's ledger "rotates" to the newcomer's public key (no proof it holds the private key).
    rotation = squatter._append("key-rotation", {"new_public_key": newcomer.key.public.raw_b64,
                                                 "new_key_id": newcomer.key.key_id, "reason": "scheduled"})
    assert squatter.send(hub_api, [rotation]).status_code == 200
    # The newcomer pairs (the hub says yes) and syncs its own ledger: it must land in its own station.
    assert newcomer.pair(hub_api, new_code()).status_code == 200
    newcomer.checkpoint()
    answer = newcomer.send_all(hub_api)
    # The squatter's ledger still names the key (keys are recorded per station), but only the newcomer
    # proved it holds it: the key speaks for the newcomer's station alone.
    owner = query(hub_context, "SELECT station_id FROM station_keys WHERE key_id = %s AND held", newcomer.key.key_id)
    assert len(owner) == 1
    assert owner[0]["station_id"] == newcomer.station_id, "the newcomer's key speaks for the squatter's station"
    assert answer.status_code == 200, answer.text


def test_pairing_again_does_not_clear_a_forked_flag(hub_api, hub_context, paired_station, new_code):
    station = paired_station()
    station.entries[1] = ForgedStation(station.name, key=station.key).scan("OTHER")  # seq 1, another entry
    assert station.send(hub_api, [station.entries[1]]).status_code == 409
    assert station.pair(hub_api, new_code()).status_code == 200
    assert station.call(hub_api, "GET", "/api/sync/state").json()["status"] == "forked"
    station.scan("AFTER")
    assert station.send(hub_api, station.entries[-1:]).status_code == 409


def test_an_unsigned_request_is_refused_before_its_body_is_read(hub_api):
    answer = hub_api.post("/api/sync/entries", content=b" " * (10 * 1024 * 1024))
    assert answer.status_code == 401, answer.text


def test_a_station_that_rotated_its_key_is_not_cut_off_by_another_claiming_the_new_key(hub_api, hub_context,
                                                                                      paired_station):
    victim = paired_station("Bench B")
    squatter = paired_station("Bench A")
    # The victim rotates its key; the rotation entry (and so the new public key) is in the seals and
    # evidence packs it hands out before its next sync pass.
    new = StationKey.generate()
    victim.rotate(new)
    victim.checkpoint()
    # The squatter's ledger names that key as its own next key and syncs first.
    rotation = squatter._append("key-rotation", {"new_public_key": new.public.raw_b64, "new_key_id": new.key_id,
                                                 "reason": "scheduled"})
    assert squatter.send(hub_api, [rotation]).status_code == 200
    answer = victim.send_all(hub_api, since=3)
    assert answer.status_code == 200, answer.text
    assert query(hub_context, "SELECT entries_to FROM stations WHERE id = %s",
                 victim.station_id)[0]["entries_to"] == len(victim.entries) - 1


def test_a_second_station_cannot_take_a_name_another_station_has(hub_api, hub_context, paired_station, new_code):
    paired_station("Bench B")
    lookalike = ForgedStation("Bench B")  # staff search by station name (GET /api/clips?station=Bench B)
    lookalike.pair(hub_api, new_code())
    names = [r["name"] for r in query(hub_context, "SELECT name FROM stations")]
    assert names.count("Bench B") == 1, names
