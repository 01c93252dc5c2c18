"""Pairing with a one-time code, and signed requests and answers, against a real hub."""

from __future__ import annotations

import base64
import json
import shutil
from datetime import datetime, timedelta, timezone

import httpx
import pytest

from packseal.core.ledger import Ledger
from packseal.core.ledger.keys import StationKey
from packseal.core.storage.layout import DataLayout
from packseal.core.sync import wire
from packseal.core.sync.client import AnswerForged, HubClient, HubRefused
from packseal.core.sync.state import load_state
from packseal.hub.pairing import make_code
from tests.hub.sync.conftest import packseal, pair, sync


def _pair_with(root, hub, code: str) -> tuple[int, dict]:
    proc = packseal(root, "sync", "--hub", hub.url, "--code", code, "--json")
    return proc.returncode, json.loads(proc.stdout)


def test_a_good_code_pairs_once_and_pins_the_hub(hub, station):
    code = hub.pair_code()
    status, out = _pair_with(station, hub, f"{code[:5].lower()}-{code[5:]}")  # as a person types it
    assert status == 0 and out["paired"], out
    state = load_state(station)
    assert state.url == hub.url and state.cert_sha256 is None  # plain HTTP on loopback
    assert out["hub_key_fingerprint"] == state.hub_public_key.fingerprint_hex
    rows = hub.query("SELECT id, name FROM stations")
    assert [r["id"] for r in rows] == [state.station_id]
    # The same code again: refused, for this station or any other.
    status, out = _pair_with(station, hub, code)
    assert status == 1 and not out["paired"] and "no unused pairing code" in out["error"]


def test_a_wrong_or_expired_code_is_refused_and_nothing_is_paired(hub, station):
    code = hub.pair_code()
    wrong = ("A" if code[0] != "A" else "B") + code[1:]
    status, out = _pair_with(station, hub, wrong)
    assert status == 1 and "no unused pairing code" in out["error"]
    with hub.db.connection() as conn:
        expired = make_code(conn, valid=timedelta(seconds=-1))
    status, out = _pair_with(station, hub, expired)
    assert status == 1 and "expired" in out["error"]
    assert hub.query("SELECT count(*) AS n FROM stations")[0]["n"] == 0
    assert load_state(station) is None
    assert not (station / "sync" / "hub.json").exists()


def test_a_malformed_code_is_a_usage_error(hub, station):
    proc = packseal(station, "sync", "--hub", hub.url, "--code", "12345", "--json")
    assert proc.returncode == 2 and "pairing code" in proc.stderr


@pytest.fixture
def paired(hub, station):
    pair(station, hub)
    ledger = Ledger.open(DataLayout.open(station), "Bench 1", "PackSeal test")
    yield hub, ledger, load_state(station)
    ledger.close()


def _raw(hub, ledger, method, target, body=b"", *, sign=None, now=None, key_id=None):
    headers = wire.request_headers(sign or ledger.sign_detached, ledger.entry(0).hash, method, target, body, now=now)
    if key_id:
        headers[wire.KEY_HEADER] = key_id
    return httpx.request(method, hub.url + target, content=body, headers=headers), headers


def test_signed_requests_are_answered_and_signed_by_the_pinned_key(paired):
    hub, ledger, state = paired
    response, headers = _raw(hub, ledger, "GET", "/api/sync/state")
    assert response.status_code == 200
    assert wire.answer_signature_valid(state.hub_public_key, response.headers.get(wire.ANSWER_HEADER),
                                       headers[wire.NONCE_HEADER], 200, response.content)
    assert response.json()["entries_to"] is None


def test_a_bad_signature_a_replay_and_an_old_time_are_refused(paired):
    hub, ledger, _ = paired
    stranger = StationKey.generate()
    response, _ = _raw(hub, ledger, "GET", "/api/sync/state",
                       sign=lambda data: (ledger.key_id, stranger.sign(data)))
    assert response.status_code == 401 and response.json()["error"] == "bad-signature"
    # The very same request twice: the second is a replay.
    first, headers = _raw(hub, ledger, "GET", "/api/sync/state")
    assert first.status_code == 200
    again = httpx.get(hub.url + "/api/sync/state", headers=headers)
    assert again.status_code == 401 and again.json()["error"] == "replayed"
    old = datetime.now(timezone.utc) - timedelta(minutes=6)
    response, _ = _raw(hub, ledger, "GET", "/api/sync/state", now=old)
    assert response.status_code == 401 and "minutes from the hub's clock" in response.json()["message"]
    # A signature over another body (the body was changed on the way).
    body = json.dumps({"entries": [], "consistency": {}}).encode()
    headers = wire.request_headers(ledger.sign_detached, ledger.entry(0).hash, "POST", "/api/sync/entries", body)
    response = httpx.post(hub.url + "/api/sync/entries", content=body + b" ", headers=headers)
    assert response.status_code == 401 and response.json()["error"] == "bad-signature"
    # No signature at all; an unknown key.
    assert httpx.get(hub.url + "/api/sync/state").status_code == 401
    response, _ = _raw(hub, ledger, "GET", "/api/sync/state", key_id="0123456789abcdef")
    assert response.status_code == 401 and response.json()["error"] == "unknown-key"


def test_an_answer_not_signed_by_the_pinned_key_is_refused(paired):
    hub, ledger, state = paired
    other = StationKey.generate()
    with HubClient(state.url, other.public, None, state.station_id, ledger.sign_detached) as client:
        with pytest.raises(AnswerForged):
            client.call("GET", "/api/sync/state")
    with HubClient(state.url, state.hub_public_key, None, state.station_id, ledger.sign_detached) as client:
        assert client.call("GET", "/api/sync/state")[0] == 200
        with pytest.raises(HubRefused) as refused:
            client.call("POST", "/api/sync/entries", {"entries": [], "consistency": {}})
        assert refused.value.status == 400
    assert base64.b64decode(state.hub_key) == state.hub_public_key.raw


def test_over_https_the_certificate_is_pinned_and_another_one_is_refused(hub, station):
    hub.stop()
    hub.https, hub.port = True, 0
    hub.start()
    out = pair(station, hub)
    tls_cert = hub.data_dir / "tls" / "cert.pem"
    from packseal.hub.keys import TlsFiles
    pinned = TlsFiles(tls_cert, hub.data_dir / "tls" / "key.pem").cert_sha256
    assert out["cert_sha256"] == pinned and load_state(station).cert_sha256 == pinned
    code, synced = sync(station)
    assert code == 0 and synced["pending"] == 0, synced
    # The same hub key behind another certificate (someone in between, or a replaced certificate).
    hub.stop()
    shutil.rmtree(hub.data_dir / "tls")
    hub.start()
    code, refused = sync(station)
    assert code == 1 and refused["error"] == "not-the-paired-hub", refused
    assert "not the one pinned" in refused["message"]


def test_hub_pair_prints_the_code_its_qr_and_the_hub_key(hub):
    import re

    from tests.support.hub_servers import run_hub_command

    args, env = hub.args()
    done = run_hub_command(hub.data_dir, *args, "pair", env=env)
    assert done.returncode == 0, done.stderr
    code = re.search(r"Pairing code: ([A-Z2-7]{5}-[A-Z2-7]{5})", done.stdout)
    assert code and "█" in done.stdout and "valid 15 minutes" in done.stdout
    assert hub.query("SELECT count(*) AS n FROM pair_codes WHERE code = %s AND used_at IS NULL",
                     code[1].replace("-", ""))[0]["n"] == 1
