"""The hub's web answers to strangers and bad input: no session, traversal, oversized bodies."""

from __future__ import annotations

import re

import pytest

from tests.support.hub_rows import add_station, staff_session, store_clip


def _concrete(path: str, value: str) -> str:
    return re.sub(r"\{[^}]+\}", value, path)


def _api_routes(app):
    public = {r.path for r in app.state.public_routes}
    for route in app.routes:
        if route.path.startswith("/api/") and route.path not in public:
            yield route


@pytest.mark.parametrize("value", ["../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "%2e%2e", "1/../2", "-1",
                                   "99999999999999999999999", "%00", "x" * 3000])
def test_path_traversal_in_every_path_parameter_is_refused(make_hub_client, hub_context, hub_account, value):
    with hub_context.db.connection() as conn:
        add_station(conn)
    store_clip(hub_context, "SF-SECRET", b"secret video bytes" * 50)
    client = make_hub_client()
    staff_session(client, *hub_account)
    pages = ["/clips/{id}", "/s/{token}", "/s/{token}/video", "/lang/{code}", "/static/{path}"]
    for path in [r.path for r in _api_routes(client.app) if "{" in r.path] + pages:
        for method in ("GET", "POST", "DELETE"):
            answer = client.request(method, _concrete(path, value), json={"expires_s": 60}, follow_redirects=False)
            assert answer.status_code in (303, 400, 401, 403, 404, 405, 410, 413), (method, path, answer.status_code)
            assert b"secret video bytes" not in answer.content and b"root:" not in answer.content, (method, path)


def test_static_files_stay_in_their_folder(hub_client):
    from packseal.hub.pages.assets import asset_url

    assert hub_client.get(asset_url("app.css")).status_code == 200
    assert hub_client.get("/static/app.css").status_code == 404  # only the name with the content's hash
    for path in ("/static/../messages.py", "/static/%2e%2e/messages.py", "/static/..%2f__init__.py",
                 "/static/../../web.py", "/static//etc/passwd"):
        answer = hub_client.get(path)
        assert answer.status_code == 404 and b"import" not in answer.content, path


def test_oversized_bodies_are_refused_with_413(make_hub_client, hub_context, hub_account):
    with hub_context.db.connection() as conn:
        add_station(conn)
    clip = store_clip(hub_context, "SF-BIG", b"v" * 100)
    client = make_hub_client()
    staff_session(client, *hub_account)
    huge = b'{"expires_s": 60, "pad": "' + b"x" * 200_000 + b'"}'
    for path in (f"/api/clips/{clip}/share", "/api/accounts", "/api/accounts/1/password", "/api/login"):
        answer = client.post(path, content=huge, headers={"Content-Type": "application/json"})
        assert answer.status_code == 413, (path, answer.status_code)
    # Without a Content-Length (chunked), the hub stops reading at the limit all the same.
    def chunks():
        for _ in range(50):
            yield b"x" * 10_000
    assert client.post(f"/api/clips/{clip}/share", content=chunks()).status_code == 413
    with hub_context.db.connection() as conn:
        assert conn.execute("SELECT count(*) AS n FROM shares").fetchone()["n"] == 0


def test_a_redirect_after_login_or_the_language_switch_stays_on_the_hub(hub_client):
    for target in ("https://evil.example/", "//evil.example/x", "/\\evil.example"):
        answer = hub_client.get("/lang/zh", params={"next": target}, follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"] == "/", target
        assert 'data-next="/"' in hub_client.get("/login", params={"next": target}).text
