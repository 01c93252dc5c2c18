"""Attacks on the files the hub holds: uploads under way, objects by SHA-256 (docs/HUB.md §3)."""

from __future__ import annotations

import hashlib
import os

from packseal.core.sync import wire
from packseal.hub.objectstore import object_key
from tests.hub.attacks.conftest import query


def _clip_status(hub_context, station) -> str:
    return query(hub_context, "SELECT status FROM clips WHERE station_id = %s", station.station_id)[0]["status"]


def _victim_with_a_pending_clip(hub_api, paired_station) -> tuple[object, bytes, str]:
    victim = paired_station("Bench B")
    video = os.urandom(300_000)
    sha = hashlib.sha256(video).hexdigest()
    victim.clip("SF-VICTIM-1", sha, len(video))
    assert victim.send_all(hub_api, since=len(victim.entries) - 1).status_code == 200
    return victim, video, sha


def test_a_station_naming_anothers_file_with_another_size_cannot_block_its_upload(hub_api, hub_context,
                                                                                    paired_station):
    victim, video, sha = _victim_with_a_pending_clip(hub_api, paired_station)
    squatter = paired_station("Bench A")
    # The squatter's own ledger names the victim's file, one byte long, and starts its upload first.
    squatter.clip("ANY-ORDER", sha, 1)
    assert squatter.send_all(hub_api, since=len(squatter.entries) - 1).status_code == 200
    assert squatter.call(hub_api, "POST", f"/api/sync/objects/{sha}", {"size": 1, "kind": "clip"}).status_code == 200
    for _attempt in range(2):  # the next sync pass fares no better: the squatter's upload never ends
        answer = victim.upload(hub_api, video)
    assert answer.status_code == 200 and answer.json().get("done"), answer.text
    assert _clip_status(hub_context, victim) == "stored"


def test_a_station_cannot_put_parts_into_another_stations_upload(hub_api, hub_context, paired_station):
    victim, video, sha = _victim_with_a_pending_clip(hub_api, paired_station)
    meddler = paired_station("Bench A")
    meddler.clip("ANY-ORDER", sha, len(video))
    assert meddler.send_all(hub_api, since=len(meddler.entries) - 1).status_code == 200
    # The meddler starts "its" upload of that file and sends a part of junk the right length ...
    start = meddler.call(hub_api, "POST", f"/api/sync/objects/{sha}", {"size": len(video), "kind": "clip"})
    junk = os.urandom(len(video))
    meddler.call(hub_api, "PUT", f"/api/sync/objects/{sha}/parts/1?upload={start.json()['upload']}", raw=junk,
                 extra={wire.PART_HEADER: hashlib.sha256(junk).hexdigest()})
    # ... and the victim's upload (which skips the parts the hub says it holds) must still store its file.
    answer = victim.upload(hub_api, video)
    assert answer.status_code == 200 and answer.json().get("done"), answer.text
    assert _clip_status(hub_context, victim) == "stored"


def test_a_different_body_under_a_stored_hash_is_never_kept(hub_api, hub_context, paired_station):
    victim, video, sha = _victim_with_a_pending_clip(hub_api, paired_station)
    assert victim.upload(hub_api, video).json().get("done")
    liar = paired_station("Bench A")
    liar.clip("LIE", sha, len(video))
    assert liar.send_all(hub_api, since=len(liar.entries) - 1).status_code == 200
    answer = liar.upload(hub_api, os.urandom(len(video)), sha256=sha)
    assert answer.status_code == 200 and answer.json() == {"done": True}  # the hub has it: nothing is sent
    # A file named by its own entry but uploaded with other bytes is discarded.
    other = os.urandom(1000)
    other_sha = hashlib.sha256(other).hexdigest()
    liar.clip("LIE-2", other_sha, len(other))
    assert liar.send_all(hub_api, since=len(liar.entries) - 1).status_code == 200
    start = liar.call(hub_api, "POST", f"/api/sync/objects/{other_sha}", {"size": len(other), "kind": "clip"})
    upload = start.json()["upload"]
    bad = os.urandom(len(other))
    liar.call(hub_api, "PUT", f"/api/sync/objects/{other_sha}/parts/1?upload={upload}", raw=bad,
              extra={wire.PART_HEADER: hashlib.sha256(bad).hexdigest()})
    done = liar.call(hub_api, "POST", f"/api/sync/objects/{other_sha}/complete?upload={upload}")
    assert done.status_code == 422 and done.json()["error"] == "hash-mismatch"
    body = hub_context.store.client.get_object(Bucket=hub_context.store.bucket, Key=object_key(sha))["Body"].read()
    assert hashlib.sha256(body).hexdigest() == sha
    assert not query(hub_context, "SELECT 1 FROM objects WHERE sha256 = %s", other_sha)


def test_an_upload_start_whose_body_is_not_an_object_is_a_400(hub_api, paired_station):
    station = paired_station()
    sha = hashlib.sha256(b"z").hexdigest()
    station.clip("SF-LIST", sha, 1)
    assert station.send_all(hub_api, since=len(station.entries) - 1).status_code == 200
    answer = station.call(hub_api, "POST", f"/api/sync/objects/{sha}", raw=b"[1]")
    assert answer.status_code == 400, (answer.status_code, answer.text[:200])
