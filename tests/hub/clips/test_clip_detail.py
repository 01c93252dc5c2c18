"""The clip page's API on a real hub with a real station's synced clips: facts, frame times, verdict, seal."""

from __future__ import annotations

import hashlib
import json

from packseal.hub.objectstore import object_key
from tests.hub.sync.conftest import ORDERS, packseal, sync


def _station_clip(station, order: str) -> tuple[dict, bytes, bytes]:
    """The station's clip entry, file bytes and seal bytes of ``order``."""
    for path in sorted((station / "ledger").glob("ledger-*.jsonl")):
        for raw in path.read_bytes().splitlines():
            entry = json.loads(raw)
            if entry["kind"] == "clip" and entry["body"]["order_id"] == order:
                clip = station / entry["body"]["file"]
                return entry, clip.read_bytes(), (clip.parent / f"{clip.name}.seal.json").read_bytes()
    raise AssertionError(f"no clip of {order}")


def test_a_synced_clips_detail_gives_its_facts_frame_times_and_the_verdict_packseal_verify_gives(shared, login):
    synced = shared
    _name, client = login("auditor", synced)
    clip_id = synced.clip_ids()[ORDERS[0]]
    answer = client.get(f"/api/clips/{clip_id}")
    assert answer.status_code == 200, answer.text
    facts = answer.json()
    entry, data, _seal = _station_clip(synced.station, ORDERS[0])
    assert facts["id"] == clip_id and facts["order_id"] == ORDERS[0] and facts["status"] == "stored"
    assert facts["sha256"] == hashlib.sha256(data).hexdigest() == entry["body"]["sha256"]
    assert facts["size"] == len(data) and facts["start"] == entry["body"]["start"]
    assert facts["ledger_seq"] == entry["seq"] and facts["station"] and facts["station_id"]
    frames = facts["frames"]
    assert frames["first_captured_at"] == entry["body"]["start"]
    assert frames["count"] == entry["body"]["frame_count"] == len(frames["times_s"])
    assert frames["times_s"][0] == 0 and frames["times_s"] == sorted(frames["times_s"])
    assert frames["video_start_s"] == 0
    verdict = facts["verdict"]
    # The station's own verdict on the same clip (packseal verify on the clip in its data dir).
    local = json.loads(packseal(synced.station, "verify", str(synced.station / entry["body"]["file"]),
                                "--json").stdout)
    assert verdict["verdict"] == local["verdict"] == "unanchored"  # intact, no TSA in the test setup
    assert verdict["ok"] and verdict["problems"] == []
    assert verdict["key_fingerprint"] == local["key_fingerprint"]
    assert verdict["order_id"] == ORDERS[0] and verdict["recorded_at"] == entry["body"]["start"]
    health = client.get("/api/health").json()
    assert verdict["witnessed_by"] == health["hub"]["key_fingerprint"] and verdict["witnessed_tree_size"] > 0
    assert {w["code"] for w in verdict["warnings"]} >= {"not-anchored", "synthetic-source"}
    assert verdict["checked"]["seals"] == 1 and verdict["checked"]["inclusion_proofs"] >= 2
    assert "Intact" in facts["trust_words"]["en"] and "完好" in facts["trust_words"]["zh-CN"]
    assert "witnessed" in facts["trust_words"]["en"]


def test_the_seal_download_is_byte_for_byte_the_stations_seal_and_is_audited(shared, login):
    synced = shared
    name, client = login("auditor", synced)
    clip_id = synced.clip_ids()[ORDERS[1]]
    _entry, _data, seal = _station_clip(synced.station, ORDERS[1])
    answer = client.get(f"/api/clips/{clip_id}/seal")
    assert answer.status_code == 200
    # The same seal: every member equal, the signed bytes and the signature byte for byte (the entry's
    # members come in canonical order, as the hub holds the entry, so the file may differ in order only).
    got, made = json.loads(answer.content), json.loads(seal)
    assert got == made
    assert got["payload_b64"] == made["payload_b64"] and got["signature_b64"] == made["signature_b64"]
    assert "attachment" in answer.headers["content-disposition"] and ".seal.json" in answer.headers["content-disposition"]
    rows = synced.hub.query("SELECT action, clip_id FROM audit_log WHERE account_name = %s "
                            "AND action <> 'login'", name)
    assert rows == [{"action": "clip.seal", "clip_id": clip_id}]
    assert client.get("/api/clips/999999/seal").status_code == 404
    assert client.get("/api/clips/999999").status_code == 404


def test_a_stamped_clip_is_anchored_and_a_clip_altered_in_the_object_store_is_tampered(trusted_tsa, synced, login):
    _name, client = login("agent", synced)
    # The station timestamps its ledger with a TSA the hub trusts, and syncs the checkpoint and token.
    stamped = packseal(synced.station, "stamp", "--json")
    assert stamped.returncode == 0, stamped.stdout + stamped.stderr
    assert sync(synced.station)[0] == 0
    facts = client.get(f"/api/clips/{synced.clip_ids()[ORDERS[0]]}").json()
    verdict = facts["verdict"]
    assert verdict["verdict"] == "anchored" and verdict["ok"] and verdict["tsa"], verdict
    assert verdict["anchored_at"] >= facts["end"] and verdict["witnessed_by"]
    assert "trusted timestamp authority" in facts["trust_words"]["en"] and "可信时间戳" in facts["trust_words"]["zh-CN"]
    clip_id = synced.clip_ids()[ORDERS[2]]
    sha = synced.hub.query("SELECT sha256 FROM clips WHERE id = %s", clip_id)[0]["sha256"]
    store = synced.hub.store()
    key = object_key(sha)
    data = bytearray(store.client.get_object(Bucket=store.bucket, Key=key)["Body"].read())
    data[len(data) // 2] ^= 0xFF  # one byte in the middle of the video
    store.client.put_object(Bucket=store.bucket, Key=key, Body=bytes(data))
    facts = client.get(f"/api/clips/{clip_id}").json()
    verdict = facts["verdict"]
    assert verdict["verdict"] == "tampered" and not verdict["ok"]
    assert [p["code"] for p in verdict["problems"]] == ["clip-mismatch"]
    assert "NOT" in facts["trust_words"]["en"] and "未通过" in facts["trust_words"]["zh-CN"]
    assert facts["frames"] is None and "altered" in facts["frames_unavailable"]
    # The file gone from the store altogether: a problem too, never a pass.
    store.client.delete_object(Bucket=store.bucket, Key=key)
    verdict = client.get(f"/api/clips/{clip_id}").json()["verdict"]
    assert verdict["verdict"] == "tampered" and "file-missing" in {p["code"] for p in verdict["problems"]}
    # An entry altered in the hub's database no longer fits the checkpoints over it: a problem, never "not yet".
    first = synced.clip_ids()[ORDERS[0]]
    with synced.hub.db.connection() as conn:
        row = conn.execute("SELECT seq, entry FROM ledger_entries WHERE seq = 1 AND station_id = "
                           "(SELECT station_id FROM clips WHERE id = %s)", (first,)).fetchone()
        raw = bytes(row["entry"])
        at = raw.index(b'"sig":"') + 7
        altered = raw[:at] + (b"B" if raw[at:at + 1] == b"A" else b"A") + raw[at + 1:]
        conn.execute("UPDATE ledger_entries SET entry = %s WHERE seq = 1 AND entry = %s", (altered, raw))
    facts = client.get(f"/api/clips/{first}").json()
    assert facts["verdict"]["verdict"] == "tampered" and facts["verdict_unavailable"] is None
    assert [p["code"] for p in facts["verdict"]["problems"]] == ["ledger-invalid"]
    assert client.get(f"/api/clips/{first}/pack").status_code == 409
    # A clip whose file has not reached the hub: no verdict, no pack, no comparison, and the page says why.
    with synced.hub.db.connection() as conn:
        conn.execute("UPDATE clips SET status = 'pending' WHERE id = %s", (clip_id,))
    facts = client.get(f"/api/clips/{clip_id}").json()
    assert facts["verdict"] is None and facts["verdict_unavailable"] == "pending" and facts["frames"] is None
    assert "not uploaded" in facts["trust_words"]["en"] and "还没有" in facts["trust_words"]["zh-CN"]
    assert client.get(f"/api/clips/{clip_id}/pack").status_code == 409
    assert client.post(f"/api/clips/{clip_id}/disputes", content=b"\xff\xd8").status_code == 409


def test_the_clip_and_its_seal_downloaded_side_by_side_verify_as_the_stations_do(shared, login, tmp_path):
    """An agent saves "Download the clip" and "Download the seal" in one folder, under the names the
    hub gives them; packseal verify finds the seal beside the clip and calls the pair intact."""
    import re

    synced = shared
    _name, client = login("agent", synced)
    clip_id = synced.clip_ids()[ORDERS[1]]
    saved = []
    for url in (f"/api/clips/{clip_id}/video?download=1", f"/api/clips/{clip_id}/seal"):
        answer = client.get(url)
        assert answer.status_code == 200, answer.text
        name = re.search(r'filename="([^"]+)"', answer.headers["content-disposition"])[1]
        (tmp_path / name).write_bytes(answer.content)
        saved.append(name)
    assert saved[1] == f"{saved[0]}.seal.json"  # the seal names the clip's file
    local = json.loads(packseal(synced.station, "verify", str(tmp_path / saved[0]), "--json").stdout)
    assert local["verdict"] in ("unanchored", "anchored") and local["ok"], local
