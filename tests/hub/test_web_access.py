"""Who may do what on the hub's staff API: CSRF on every change, roles, accounts, the audit log."""

from __future__ import annotations

import pytest

from packseal.hub import accounts
from tests.support.hub_rows import add_station, login, staff_session, store_clip


@pytest.fixture
def people(hub_context):
    with hub_context.db.connection() as conn:
        for name, role in (("boss", "owner"), ("agent1", "agent"), ("aud1", "auditor")):
            accounts.add_account(conn, name, role, f"{name}-password-1")
        add_station(conn)
    return hub_context


def _as(make_hub_client, name):
    client = make_hub_client()
    staff_session(client, name, f"{name}-password-1")
    return client


def test_every_change_needs_the_sessions_csrf_token(make_hub_client, people):
    clip = store_clip(people, "SF100", b"video" * 100)
    client = make_hub_client()
    csrf = login(client, "agent1", "agent1-password-1").json()["csrf"]
    assert len(csrf) == 64
    assert client.get("/api/session").json() == {"user": "agent1", "role": "agent", "csrf": csrf}
    for method, url, body in (("POST", f"/api/clips/{clip}/share", {"expires_s": 60}),
                              ("DELETE", "/api/shares/1", None), ("POST", "/api/logout", None)):
        refused = client.request(method, url, json=body)
        assert refused.status_code == 403 and "CSRF" in refused.json()["error"], (method, url)
        wrong = client.request(method, url, json=body, headers={"X-CSRF-Token": "0" * 64})
        assert wrong.status_code == 403, (method, url)
    with people.db.connection() as conn:
        assert conn.execute("SELECT count(*) AS n FROM shares").fetchone()["n"] == 0
    made = client.post(f"/api/clips/{clip}/share", json={"expires_s": 60}, headers={"X-CSRF-Token": csrf})
    assert made.status_code == 201
    # Another session's token does not fit this session.
    other = make_hub_client()
    other_csrf = login(other, "agent1", "agent1-password-1").json()["csrf"]
    assert other_csrf != csrf
    assert client.delete(f"/api/shares/{made.json()['id']}", headers={"X-CSRF-Token": other_csrf}).status_code == 403


def test_roles_are_enforced_by_the_hub(make_hub_client, people):
    clip = store_clip(people, "SF200", b"video" * 100)
    owner, agent, auditor = (_as(make_hub_client, n) for n in ("boss", "agent1", "aud1"))
    # Everyone searches, watches and lists share links.
    for client in (owner, agent, auditor):
        assert client.get("/api/clips").status_code == 200
        assert client.get(f"/api/clips/{clip}/video").status_code == 200
        assert client.get(f"/api/clips/{clip}/shares").status_code == 200
    # An auditor may not share or revoke; an agent may.
    assert auditor.post(f"/api/clips/{clip}/share", json={"expires_s": 60}).status_code == 403
    share = agent.post(f"/api/clips/{clip}/share", json={"expires_s": 60}).json()
    assert auditor.delete(f"/api/shares/{share['token']}").status_code == 403
    assert agent.delete(f"/api/shares/{share['token']}").status_code == 200
    # Accounts are the owner's; the audit log is the owner's and the auditor's.
    for client in (agent, auditor):
        assert client.get("/api/accounts").status_code == 403
        assert client.post("/api/accounts", json={"name": "x1", "role": "owner",
                                                  "password": "x1-password-1"}).status_code == 403
    assert agent.get("/api/audit").status_code == 403
    assert auditor.get("/api/audit").status_code == 200 and owner.get("/api/audit").status_code == 200
    assert owner.get("/api/accounts").status_code == 200
    # The pages say the same: an agent gets 403 on the accounts page, the auditor on neither the audit page.
    assert agent.get("/accounts").status_code == 403
    assert agent.get("/audit").status_code == 403
    assert auditor.get("/audit").status_code == 200
    assert owner.get("/accounts").status_code == 200


def test_the_owner_adds_disables_and_resets_accounts_and_each_change_is_audited(make_hub_client, people):
    owner = _as(make_hub_client, "boss")
    added = owner.post("/api/accounts", json={"name": "cs2", "role": "agent", "password": "cs2-password-1"})
    assert added.status_code == 200, added.text
    assert owner.post("/api/accounts", json={"name": "cs2", "role": "agent",
                                             "password": "cs2-password-1"}).status_code == 400
    assert owner.post("/api/accounts", json={"name": "cs3", "role": "king",
                                             "password": "cs3-password-1"}).status_code == 400
    rows = {a["name"]: a for a in owner.get("/api/accounts").json()["accounts"]}
    cs2 = make_hub_client()
    staff_session(cs2, "cs2", "cs2-password-1")
    assert cs2.get("/api/clips").status_code == 200
    assert owner.post(f"/api/accounts/{rows['cs2']['id']}/disabled", json={"disabled": True}).status_code == 200
    assert cs2.get("/api/clips").status_code == 401  # its session ended
    assert login(make_hub_client(), "cs2", "cs2-password-1").status_code == 401
    assert owner.post(f"/api/accounts/{rows['cs2']['id']}/disabled", json={"disabled": False}).status_code == 200
    assert owner.post(f"/api/accounts/{rows['cs2']['id']}/password", json={"password": "short"}).status_code == 400
    assert owner.post(f"/api/accounts/{rows['cs2']['id']}/password",
                      json={"password": "cs2-new-password"}).status_code == 200
    assert login(make_hub_client(), "cs2", "cs2-password-1").status_code == 401
    assert login(make_hub_client(), "cs2", "cs2-new-password").status_code == 200
    assert owner.post("/api/accounts/999999/password", json={"password": "whatever-long"}).status_code == 404
    # The last owner cannot be disabled (nobody could manage accounts any more).
    last = owner.post(f"/api/accounts/{rows['boss']['id']}/disabled", json={"disabled": True})
    assert last.status_code == 400 and "last owner" in last.json()["error"]
    actions = [(e["action"], e["target"]) for e in owner.get("/api/audit").json()["entries"]]
    for expected in (("account.add", "account:cs2"), ("account.disable", "account:cs2"),
                     ("account.enable", "account:cs2"), ("account.password", "account:cs2")):
        assert expected in actions


def test_logins_failures_views_downloads_shares_and_revocations_are_audited(make_hub_client, people):
    clip = store_clip(people, "SF300", bytes(range(256)) * 400)
    assert login(make_hub_client(), "agent1", "wrong-password").status_code == 401
    agent = make_hub_client()
    agent.headers["User-Agent"] = "audit-test-browser/1.0"
    staff_session(agent, "agent1", "agent1-password-1")
    assert agent.get(f"/clips/{clip}").status_code == 200
    assert agent.get(f"/api/clips/{clip}/video", headers={"Range": "bytes=0-"}).status_code == 206
    assert agent.get(f"/api/clips/{clip}/video", headers={"Range": "bytes=5000-"}).status_code == 206
    assert agent.get(f"/api/clips/{clip}/video?download=1").status_code == 200
    share = agent.post(f"/api/clips/{clip}/share", json={"expires_s": 3600}).json()
    assert agent.get(f"/s/{share['token']}").status_code == 200
    assert agent.delete(f"/api/shares/{share['token']}").status_code == 200
    assert agent.post("/api/logout").status_code == 200
    owner = _as(make_hub_client, "boss")
    entries = owner.get("/api/audit", params={"limit": 1000}).json()["entries"]
    seen = [(e["action"], e["account_name"], e["clip_id"]) for e in reversed(entries)]
    assert seen[:9] == [("login.failed", "agent1", None), ("login", "agent1", None),
                        ("clip.view", "agent1", clip), ("clip.play", "agent1", clip),
                        ("clip.download", "agent1", clip), ("share.create", "agent1", clip),
                        ("share.view", None, clip), ("share.revoke", "agent1", clip), ("logout", "agent1", None)]
    assert all(e["client"] for e in entries)
    assert {e["user_agent"] for e in entries if e["action"] == "clip.view"} == {"audit-test-browser/1.0"}
    # The clip's own page of the log, page by page.
    first = owner.get("/api/audit", params={"clip": clip, "limit": 2}).json()
    assert [e["clip_id"] for e in first["entries"]] == [clip, clip] and first["next"]
    more = owner.get("/api/audit", params={"clip": clip, "limit": 100, "before": first["next"]}).json()
    assert len(first["entries"]) + len(more["entries"]) == 6
