"""A real station's clips synced to a real hub, and staff clients of that hub, for the clip page's API.

``synced``: the station of ``tests/hub/sync`` (three clips from the test camera)
paired with and synced to a ``packseal hub`` process; ``login(role)`` gives an
``httpx.Client`` logged in as a new account of that role.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.hub.sync.conftest import Hub, hub, pair, recorded_station, station, sync  # noqa: F401 (fixtures)


@dataclass
class Synced:
    hub: Hub
    station: Path

    def clip_ids(self) -> dict[str, int]:
        """order id -> the hub's clip id."""
        return {r["order_id"]: r["id"] for r in self.hub.query("SELECT id, order_id FROM clips")}


@pytest.fixture
def synced(hub, station) -> Synced:
    pair(station, hub)
    code, out = sync(station)
    assert code == 0 and out["pending"] == 0, out
    return Synced(hub, station)


@pytest.fixture
def login(synced):
    from packseal.hub import accounts

    clients = []

    def make(role: str = "owner") -> httpx.Client:
        name = f"{role}{len(clients)}"
        with synced.hub.db.connection() as conn:
            accounts.add_account(conn, name, role, f"{name}-password-1")
        client = httpx.Client(base_url=synced.hub.url, timeout=300)
        clients.append(client)
        answer = client.post("/api/login", json={"user": name, "password": f"{name}-password-1"})
        assert answer.status_code == 200, answer.text
        return client

    yield make
    for client in clients:
        client.close()
