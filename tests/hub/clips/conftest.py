"""A real station's clips synced to a real hub, and staff clients of that hub, for the clip page's API.

``shared``: one ``packseal hub`` process for the whole package, with the
station of ``tests/hub/sync`` (three clips from the test camera) paired and
synced to it; tests that only read, build packs or add disputes use it.
``synced``: the same, of a test's own (for a test that alters the object
store); ``trusted_tsa`` (asked for before it) makes its hub trust a local TSA. ``login(role, on)`` gives an ``httpx.Client`` logged in on ``on`` as a new
account of that role (names are unique across the package).
"""

from __future__ import annotations

import itertools
import shutil
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.hub.sync.conftest import (Hub, hub, pair, recorded_station, running_hub, station,  # noqa: F401 (fixtures)
                                     sync)

_ACCOUNTS = itertools.count()


@dataclass
class Synced:
    hub: Hub
    station: Path

    def clip_ids(self) -> dict[str, int]:
        """order id -> the hub's clip id."""
        return {r["order_id"]: r["id"] for r in self.hub.query("SELECT id, order_id FROM clips")}

    def login(self, role: str) -> tuple[str, httpx.Client]:
        """A new account of ``role`` and a client logged in with it (close it after use)."""
        from packseal.hub import accounts

        name = f"{role}{next(_ACCOUNTS)}"
        with self.hub.db.connection() as conn:
            accounts.add_account(conn, name, role, f"{name}-password-1")
        client = httpx.Client(base_url=self.hub.url, timeout=300)
        answer = client.post("/api/login", json={"user": name, "password": f"{name}-password-1"})
        assert answer.status_code == 200, answer.text
        client.headers["X-CSRF-Token"] = answer.json()["csrf"]  # every change needs it (docs/HUB.md §5)
        return name, client


def _synced(hub: Hub, station: Path) -> Synced:
    pair(station, hub)
    code, out = sync(station)
    assert code == 0 and out["pending"] == 0, out
    return Synced(hub, station)


@pytest.fixture(scope="package")
def shared(hub_servers, recorded_station, tmp_path_factory) -> Synced:
    folder = tmp_path_factory.mktemp("shared-hub")
    root = folder / "station"
    shutil.copytree(recorded_station, root, symlinks=True)
    with running_hub(hub_servers, folder / "hub") as started:
        yield _synced(started, root)


@pytest.fixture
def synced(hub, station) -> Synced:
    return _synced(hub, station)


@pytest.fixture
def trusted_tsa(monkeypatch, tmp_path):
    """A local RFC 3161 TSA that stations stamp with and hubs started after this fixture trust."""
    from tests.support.tsa_standin import LocalTSA

    tsa = LocalTSA().start()
    monkeypatch.setenv("PACKSEAL_TSA_URLS", tsa.url)
    monkeypatch.setenv("PACKSEAL_TSA_ROOTS", tsa.authority.root_pem(tmp_path / "tsa-root.pem"))
    yield tsa
    tsa.stop()


@pytest.fixture
def login():
    """``login(role, on)``: (account name, client) on ``on`` (a :class:`Synced`); closed after the test."""
    clients = []

    def make(role: str, on: Synced) -> tuple[str, httpx.Client]:
        name, client = on.login(role)
        clients.append(client)
        return name, client

    yield make
    for client in clients:
        client.close()
