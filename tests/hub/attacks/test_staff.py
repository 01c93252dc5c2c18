"""Attacks on the staff API: login, its rate limit, the session cookie, search patterns, video ranges (docs/HUB.md §5)."""

from __future__ import annotations

import hashlib
import os
import threading

import pytest
from starlette.testclient import TestClient

from packseal.hub.web import create_app


@pytest.fixture
def staff_api(hub_context):
    """Server errors answered 500 as a running hub does; requests not sharing one event loop, as on a real server."""
    client = TestClient(create_app(hub_context), raise_server_exceptions=False)
    yield client
    client.close()


def _login(client, user, password):
    return client.post("/api/login", json={"user": user, "password": password})


def test_wrong_logins_sent_at_once_get_no_more_tries_than_the_limit(staff_api, hub_account):
    name = hub_account[0]
    tries = 10
    gate = threading.Barrier(tries)
    statuses: list[int] = []

    def guess(n: int) -> None:
        gate.wait()
        statuses.append(_login(staff_api, name, f"guess-{n}").status_code)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(tries)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # 5 failures per account name: a guess past that must be answered 429 without being tried.
    assert statuses.count(401) <= 5, sorted(statuses)


def test_a_deeply_nested_login_body_is_a_400_not_a_server_error(staff_api):
    answer = staff_api.post("/api/login", content=b"[" * 8000 + b"]" * 8000)
    assert answer.status_code == 400, answer.status_code


def test_the_session_cookie_is_httponly_strict_and_new_at_each_login(staff_api, hub_account):
    staff_api.cookies.set("packseal_hub_session", "chosen-by-an-attacker")
    answer = _login(staff_api, *hub_account)
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    token = answer.cookies["packseal_hub_session"]
    assert token != "chosen-by-an-attacker" and len(token) >= 43
    again = _login(TestClient(create_app(staff_api.app.state.context)), *hub_account)
    assert again.cookies["packseal_hub_session"] != token


def test_like_wildcards_in_q_match_only_themselves(hub_api, hub_context, paired_station, hub_account):
    station = paired_station()
    for order in ("SF100", "SF_1%0", "A\\B"):
        station.clip(order, hashlib.sha256(order.encode()).hexdigest(), 10)
    assert station.send_all(hub_api, since=len(station.entries) - 3).status_code == 200
    assert _login(hub_api, *hub_account).status_code == 200
    found = {q: sorted(c["order_id"] for c in hub_api.get("/api/clips", params={"q": q}).json()["clips"])
             for q in ("%", "_", "\\", "F1", "'; --")}
    assert found == {"%": ["SF_1%0"], "_": ["SF_1%0"], "\\": ["A\\B"], "F1": ["SF100"], "'; --": []}


def test_odd_range_headers_are_answered_not_crashed_on(hub_api, hub_context, paired_station, hub_account):
    station = paired_station()
    video = os.urandom(5000)
    station.clip("SF-RANGE", hashlib.sha256(video).hexdigest(), len(video))
    assert station.send_all(hub_api, since=len(station.entries) - 1).status_code == 200
    assert station.upload(hub_api, video).json() == {"done": True}
    assert _login(hub_api, *hub_account).status_code == 200
    clip = hub_api.get("/api/clips").json()["clips"][0]["id"]
    statuses = {}
    for header in ("bytes=-1", "bytes=4999-", "bytes=5000-", "bytes=0-0,10-20", "bytes=-5-10", "bytes=-0",
                   "bytes=0-" + "9" * 5000, "bytes=" + "1" * 5000 + "-"):
        statuses[header[:20]] = hub_api.get(f"/api/clips/{clip}/video", headers={"Range": header}).status_code
    assert statuses == {"bytes=-1": 206, "bytes=4999-": 206, "bytes=5000-": 416, "bytes=0-0,10-20": 200,
                        "bytes=-5-10": 200, "bytes=-0": 416, "bytes=0-" + "9" * 12: 206,
                        "bytes=" + "1" * 14: 416}, statuses


def test_search_bounds_at_the_end_of_the_calendar_are_a_400_not_a_server_error(staff_api, hub_account):
    assert _login(staff_api, *hub_account).status_code == 200
    statuses = [staff_api.get("/api/clips", params=p).status_code
                for p in ({"to": "9999-12-31"}, {"from": "0001-01-01T00:00:00+01:00"}, {"limit": "1" * 5000})]
    assert all(s in (200, 400) for s in statuses), statuses
