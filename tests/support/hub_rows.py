"""Rows and sessions for the hub's API and page tests: stations, clips (with a stored file), logins."""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone


def login(client, user, password):
    return client.post("/api/login", json={"user": user, "password": password})


def add_station(conn, station_id="st-a", name="Bench A"):
    conn.execute("INSERT INTO stations (id, name, public_key, last_sync_at) VALUES (%s, %s, %s, now())",
                 (station_id, name, bytes(32)))


def add_clip(conn, order_id, sha256=None, station_id="st-a", waybills="", packer="li", status="stored",
             start=None, duration_s=12.5, outcome="not-checked", kind="shipment"):
    sha256 = sha256 or hashlib.sha256(order_id.encode()).hexdigest()
    return conn.execute(
        "INSERT INTO clips (station_id, order_id, waybills, packer, sha256, start, duration_s, status, outcome, kind) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING id",
        (station_id, order_id, waybills, packer, sha256, start or datetime(2026, 12, 1, 9, tzinfo=timezone.utc),
         duration_s, status, outcome, kind)).fetchone()["id"]


def staff_session(client, user: str, password: str) -> str:
    """Log ``client`` in; returns the session's CSRF token and sends it with every later request."""
    answer = login(client, user, password)
    assert answer.status_code == 200, answer.text
    client.headers["X-CSRF-Token"] = answer.json()["csrf"]
    return answer.json()["csrf"]


def store_clip(context, order_id: str, data: bytes, **row) -> int:
    """A clip whose file ``data`` is in the object store; returns its id."""
    sha = hashlib.sha256(data).hexdigest()
    context.store.put_bytes(sha, data)
    with context.db.connection() as conn:
        return add_clip(conn, order_id, sha256=sha, **row)
