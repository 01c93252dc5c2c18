"""The staff API on the real PostgreSQL and SeaweedFS: login, the session gate, search, video, health."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, timedelta, timezone

import pytest
from starlette.responses import JSONResponse
from starlette.routing import Route

from packseal.hub import accounts
from packseal.hub.db import migrations
from packseal.hub.web import SESSION_COOKIE
from tests.support.hub_rows import add_clip, add_station, login


# -- login ---------------------------------------------------------------------------------------


def test_login_sets_a_session_cookie_that_opens_the_api(hub_client, hub_account):
    assert hub_client.get("/api/clips").status_code == 401
    answer = login(hub_client, *hub_account)
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"user": "owner1", "role": "owner", "csrf": answer.json()["csrf"]}
    cookie = answer.headers["set-cookie"]
    assert SESSION_COOKIE in cookie and "HttpOnly" in cookie and "samesite=strict" in cookie.lower()
    assert hub_client.get("/api/clips").status_code == 200
    assert hub_client.post("/api/logout").status_code == 403  # without the session's CSRF token
    assert hub_client.post("/api/logout", headers={"X-CSRF-Token": answer.json()["csrf"]}).status_code == 200
    assert hub_client.get("/api/clips").status_code == 401


def test_a_wrong_password_or_unknown_user_is_refused(hub_client, hub_account):
    assert login(hub_client, "owner1", "not-the-password").status_code == 401
    assert login(hub_client, "nobody", "owner-password-1").status_code == 401
    assert login(hub_client, "owner1", "").status_code == 401
    assert hub_client.post("/api/login", content=b"user=owner1").status_code == 400
    assert hub_client.post("/api/login", content=b"{" + b" " * 100_000 + b"}").status_code == 413
    assert SESSION_COOKIE not in hub_client.cookies


def test_logins_are_rate_limited_and_a_right_password_does_not_get_through_meanwhile(hub_client, hub_account):
    for _ in range(accounts.MAX_FAILURES):
        assert login(hub_client, "owner1", "guess").status_code == 401
    limited = login(hub_client, *hub_account)
    assert limited.status_code == 429
    assert int(limited.headers["retry-after"]) > 0
    assert SESSION_COOKIE not in hub_client.cookies


def test_many_failed_logins_from_one_address_stop_logins_from_there(hub_client, hub_context, hub_account):
    for n in range(accounts.MAX_FAILURES_PER_CLIENT):
        assert login(hub_client, f"someone{n}", "guess").status_code == 401
    assert login(hub_client, *hub_account).status_code == 429


def test_passwords_are_kept_as_argon2id_hashes(hub_context, hub_account):
    with hub_context.db.connection() as conn:
        stored = conn.execute("SELECT password_hash FROM accounts WHERE name = 'owner1'").fetchone()["password_hash"]
    assert stored.startswith("$argon2id$") and "owner-password-1" not in stored


# -- the session gate ---------------------------------------------------------------------------


def _concrete(path: str) -> str:
    return re.sub(r"\{[^}:]+(:int)?\}", lambda m: "1" if m.group(1) else "x", path.replace("{rest:path}", "x/y"))


def test_every_api_route_answers_401_without_a_session_except_login_and_station_routes(make_hub_client):
    def station_ping(request):
        return JSONResponse({"station": True})

    client = make_hub_client(station_routes=[Route("/api/sync/ping", station_ping, methods=["GET"])])
    app = client.app
    public = {r.path for r in app.state.public_routes}
    assert public == {"/api/login", "/api/sync/ping"}
    checked = 0
    for route in app.routes:
        if not route.path.startswith("/api/") or route.path in public:
            continue
        for method in sorted(route.methods - {"HEAD"}):
            answer = client.request(method, _concrete(route.path))
            assert answer.status_code == 401, (method, route.path, answer.status_code)
            checked += 1
    assert checked >= 5
    # A forged or expired cookie is no session either.
    client.cookies.set(SESSION_COOKIE, "forged")
    assert client.get("/api/health").status_code == 401
    assert client.get("/api/no/such/thing").status_code == 401
    # The station routes are served without a staff session.
    assert client.get("/api/sync/ping").json() == {"station": True}


# -- search -------------------------------------------------------------------------------------


def test_search_finds_clips_by_part_of_an_order_id_or_waybill_across_stations(hub_client, hub_context, hub_account):
    with hub_context.db.connection() as conn:
        add_station(conn, "st-a", "Bench A")
        add_station(conn, "st-b", "Bench B")
        add_clip(conn, "SF1234567890123", waybills="YT9988776655", station_id="st-a", packer="li")
        add_clip(conn, "SF1234500000000", station_id="st-b", packer="wang",
                 start=datetime(2026, 12, 2, 9, tzinfo=timezone.utc))
        add_clip(conn, "JD0000000000001", station_id="st-b", packer="li", status="pending")
    login(hub_client, *hub_account)

    def orders(**params):
        answer = hub_client.get("/api/clips", params=params)
        assert answer.status_code == 200, answer.text
        return [c["order_id"] for c in answer.json()["clips"]]

    assert orders(q="45678") == ["SF1234567890123"]
    assert orders(q="sf12345") == ["SF1234500000000", "SF1234567890123"]  # case-insensitive, newest first
    assert orders(q="88776") == ["SF1234567890123"]  # a waybill
    assert orders(q="100%") == []  # LIKE wildcards are literal
    assert orders(q="ＳＦ１２３４５６７") == ["SF1234567890123"]  # full-width, as a Chinese keyboard types it
    assert orders(station="Bench B") == ["SF1234500000000", "JD0000000000001"]
    assert orders(station="st-a") == ["SF1234567890123"]
    assert orders(packer="wang") == ["SF1234500000000"]
    assert orders(**{"from": "2026-12-02"}) == ["SF1234500000000"]
    assert orders(to="2026-12-01") == ["JD0000000000001", "SF1234567890123"]  # same start: newest id first
    # A date is a day in the zone tz names (minutes east of UTC): the clips of 09:00 UTC on 12-01 are on
    # 12-01 in China (17:00) but on 11-30 ten hours west of UTC (23:00).
    assert orders(**{"from": "2026-12-01", "to": "2026-12-01", "tz": "480"}) == ["JD0000000000001",
                                                                                 "SF1234567890123"]
    assert orders(**{"from": "2026-12-01", "to": "2026-12-01", "tz": "-600"}) == ["SF1234500000000"]
    assert orders(**{"from": "2026-12-01T17:00:00", "tz": "480"}) == ["SF1234500000000", "JD0000000000001",
                                                                     "SF1234567890123"]
    assert hub_client.get("/api/clips", params={"from": "2026-12-01", "tz": "+8h"}).status_code == 400
    assert hub_client.get("/api/clips", params={"from": "2026-12-01", "tz": "900"}).status_code == 400
    clip = hub_client.get("/api/clips", params={"q": "SF12345000"}).json()["clips"][0]
    assert {"id", "order_id", "station", "sha256", "start", "duration_s", "status"} <= set(clip)
    assert clip["station"] == "Bench B" and clip["status"] == "stored" and clip["duration_s"] == 12.5
    assert datetime.fromisoformat(clip["start"]) == datetime(2026, 12, 2, 9, tzinfo=timezone.utc)
    assert hub_client.get("/api/clips", params={"from": "yesterday"}).status_code == 400
    assert hub_client.get("/api/clips", params={"limit": "0"}).status_code == 400


def test_partial_order_search_is_answered_from_the_trigram_index(hub_context):
    with hub_context.db.connection() as conn:
        conn.execute("SET enable_seqscan = off")
        plan = "\n".join(r["QUERY PLAN"] for r in conn.execute(
            "EXPLAIN SELECT id FROM clips WHERE order_id ILIKE %s OR waybills ILIKE %s", ("%45678%", "%45678%")))
    assert "clips_order_trgm" in plan and "clips_waybills_trgm" in plan, plan


# -- video --------------------------------------------------------------------------------------


@pytest.fixture
def stored_clip(hub_context):
    data = bytes(range(256)) * 1000 + b"tail"
    sha = hashlib.sha256(data).hexdigest()
    hub_context.store.put_bytes(sha, data)
    with hub_context.db.connection() as conn:
        add_station(conn)
        clip_id = add_clip(conn, "SF777", sha256=sha)
        pending_id = add_clip(conn, "SF778", status="pending")
    return clip_id, pending_id, data


def test_video_is_streamed_whole_or_by_http_range(hub_client, hub_account, stored_clip):
    clip_id, pending_id, data = stored_clip
    url = f"/api/clips/{clip_id}/video"
    assert hub_client.get(url).status_code == 401
    login(hub_client, *hub_account)
    whole = hub_client.get(url)
    assert whole.status_code == 200 and whole.content == data
    assert whole.headers["accept-ranges"] == "bytes" and whole.headers["content-type"] == "video/mp4"
    part = hub_client.get(url, headers={"Range": "bytes=1000-1999"})
    assert part.status_code == 206 and part.content == data[1000:2000]
    assert part.headers["content-range"] == f"bytes 1000-1999/{len(data)}"
    assert part.headers["content-length"] == "1000"
    rest = hub_client.get(url, headers={"Range": f"bytes={len(data) - 10}-"})
    assert rest.status_code == 206 and rest.content == data[-10:]
    suffix = hub_client.get(url, headers={"Range": "bytes=-4"})
    assert suffix.status_code == 206 and suffix.content == b"tail"
    past_end = hub_client.get(url, headers={"Range": "bytes=10-99999999"})
    assert past_end.status_code == 206 and past_end.content == data[10:]
    bad = hub_client.get(url, headers={"Range": f"bytes={len(data)}-"})
    assert bad.status_code == 416 and bad.headers["content-range"] == f"bytes */{len(data)}"
    assert hub_client.get(f"/api/clips/{pending_id}/video").status_code == 404
    assert hub_client.get("/api/clips/999999/video").status_code == 404


# -- health -------------------------------------------------------------------------------------


def test_health_lists_stations_with_pending_clips_the_lock_verdict_and_the_hub_key(hub_client, hub_context,
                                                                                   hub_account):
    with hub_context.db.connection() as conn:
        add_station(conn, "st-a", "Bench A")
        add_station(conn, "st-b", "Bench B")
        conn.execute("UPDATE stations SET status = 'forked', status_detail = 'entry 12 differs' WHERE id = 'st-b'")
        add_clip(conn, "SF1", station_id="st-a", status="pending")
        add_clip(conn, "SF2", station_id="st-a", status="pending")
        add_clip(conn, "SF3", station_id="st-a", status="stored")
    login(hub_client, *hub_account)
    health = hub_client.get("/api/health").json()
    by_id = {s["id"]: s for s in health["stations"]}
    assert by_id["st-a"]["pending"] == 2 and by_id["st-a"]["status"] == "ok" and by_id["st-a"]["last_sync"]
    assert by_id["st-b"]["pending"] == 0 and by_id["st-b"]["status"] == "forked"
    assert health["hub"]["key_fingerprint"] == hub_context.key.fingerprint_hex
    assert health["object_store"]["reachable"] is True
    # SeaweedFS 4.x refuses to delete a version under compliance retention or shorten it.
    assert health["object_lock"]["state"] == "enforced", health["object_lock"]
    assert health["object_lock"]["retention_days"] == 1


def test_objects_are_written_under_compliance_retention(hub_context):
    sha = hashlib.sha256(b"clip").hexdigest()
    key = hub_context.store.put_bytes(sha, b"clip")
    assert key == f"sha256/{sha[:2]}/{sha}"
    retention = hub_context.store.client.get_object_retention(Bucket=hub_context.store.bucket, Key=key)["Retention"]
    assert retention["Mode"] == "COMPLIANCE"
    assert retention["RetainUntilDate"] > datetime.now(timezone.utc) + timedelta(hours=23)


# -- the database -------------------------------------------------------------------------------


def test_migrations_are_recorded_and_run_once(hub_context):
    with hub_context.db.connection() as conn:
        recorded = [r["name"] for r in conn.execute("SELECT name FROM schema_migrations ORDER BY number")]
    assert recorded == [name for _, name, _ in migrations()]
    assert hub_context.db.migrate() == []


def test_the_api_recovers_after_postgresql_restarts(hub_servers, hub_client, hub_context, hub_account):
    login(hub_client, *hub_account)
    assert hub_client.get("/api/clips").status_code == 200
    hub_servers.cluster.pg_ctl("restart", "-m", "fast")
    answer = hub_client.get("/api/clips")
    assert answer.status_code == 200, answer.text
    assert hub_client.get("/api/health").status_code == 200


def test_hubs_migrating_one_database_at_once_take_turns(hub_servers):
    from concurrent.futures import ThreadPoolExecutor

    from packseal.hub.db import Database

    url = hub_servers.new_database()
    dbs = [Database(url, max_size=2) for _ in range(3)]
    for db in dbs:
        db.open()
    try:
        with ThreadPoolExecutor(3) as pool:
            results = list(pool.map(lambda db: db.migrate(), dbs))
        assert sorted(map(len, results)) == [0, 0, len(migrations())]
    finally:
        for db in dbs:
            db.close()


def test_a_database_of_a_newer_packseal_is_refused(hub_context):
    from packseal.hub.errors import HubError

    with hub_context.db.connection() as conn:
        conn.execute("INSERT INTO schema_migrations (number, name) VALUES (999, '999_future.sql')")
    with pytest.raises(HubError, match="newer than this PackSeal knows"):
        hub_context.db.migrate()


def test_an_unreachable_object_store_is_reported_and_its_video_answers_503(hub_servers, hub_context, hub_client,
                                                                           hub_account):
    data = b"x" * 1000
    sha = hashlib.sha256(data).hexdigest()
    hub_context.store.put_bytes(sha, data)
    with hub_context.db.connection() as conn:
        add_station(conn)
        clip_id = add_clip(conn, "SF9", sha256=sha)
    login(hub_client, *hub_account)
    hub_servers.seaweed.stop()
    try:
        health = hub_client.get("/api/health")
        assert health.status_code == 200
        assert health.json()["object_store"]["reachable"] is False
        assert hub_client.get(f"/api/clips/{clip_id}/video").status_code == 503
    finally:
        hub_servers.seaweed.start()
    # Back on the same endpoint: the hub's client works again without a restart.
    answer = hub_client.get(f"/api/clips/{clip_id}/video", headers={"Range": "bytes=0-9"})
    assert answer.status_code == 206 and answer.content == data[:10]


def test_a_multi_host_database_url_reaches_the_writable_host(hub_servers, tmp_path):
    """DEPLOY.md's --db for a primary with replicas: the first host is down, the next one serves."""
    from packseal.hub.db import Database
    from packseal.hub.processes import free_port

    url = hub_servers.new_database()
    head, tail = url.split("@", 1)
    host, db_name = tail.split("/", 1)
    multi = f"{head}@127.0.0.1:{free_port()},{host}/{db_name}?target_session_attrs=read-write"
    db = Database(multi)
    db.open()
    try:
        assert db.migrate()
        with db.connection() as conn:
            assert conn.execute("SELECT NOT pg_is_in_recovery() AS primary_").fetchone()["primary_"]
    finally:
        db.close()
