"""The audit log on the real PostgreSQL: rows are added in the caller's transaction and read newest first."""

from __future__ import annotations

import pytest

from packseal.hub import accounts, audit


def test_rows_come_back_newest_first_by_clip_and_page(hub_context):
    with hub_context.db.connection() as conn:
        owner = accounts.add_account(conn, "owner1", "owner", "owner-password-1")
        conn.execute("INSERT INTO stations (id, name, public_key) VALUES ('st', 'Bench', %s)", (bytes(32),))
        clip = conn.execute("INSERT INTO clips (station_id, order_id, sha256, start) "
                            "VALUES ('st', 'SO-1', %s, now()) RETURNING id", ("a" * 64,)).fetchone()["id"]
        audit.record(conn, "login", account=owner, client="10.0.0.7", user_agent="x" * 5000)
        audit.record(conn, "clip.view", account=owner, clip_id=clip, client="10.0.0.7", seconds=3)
        audit.record(conn, "share.view", account_name=None, clip_id=clip, target="share-1", client="203.0.113.9")
    with hub_context.db.connection() as conn:
        rows = audit.recent(conn)
        assert [r["action"] for r in rows] == ["share.view", "clip.view", "login"]
        assert rows[2]["account_name"] == "owner1" and len(rows[2]["user_agent"]) == audit.USER_AGENT_MAX
        assert rows[1]["detail"] == {"seconds": 3} and isinstance(rows[1]["at"], str)
        assert [r["action"] for r in audit.recent(conn, clip_id=clip)] == ["share.view", "clip.view"]
        assert [r["action"] for r in audit.recent(conn, before_id=rows[0]["id"], limit=1)] == ["clip.view"]


def test_an_action_word_outside_the_rule_is_refused_by_the_database(hub_context):
    import psycopg

    with pytest.raises(psycopg.errors.CheckViolation):
        with hub_context.db.connection() as conn:
            audit.record(conn, "DROP TABLE")
