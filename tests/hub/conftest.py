"""Fixtures of the hub's tests, on the real PostgreSQL and SeaweedFS (tests/support/hub_servers.py).

- ``hub_servers`` (session): the running cluster and SeaweedFS; ``.new_database()``,
  ``.new_bucket_endpoint()``, ``.cluster`` (e.g. ``.cluster.pg_ctl("restart", "-m", "fast")``).
- ``hub_context``: a hub's parts on a fresh database and bucket (retention 1 day).
- ``make_hub_client(station_routes=())``: a Starlette TestClient of ``create_app(hub_context, …)``.
- ``hub_client``: the same without station routes.
- ``hub_account``: an owner account (name, password) in ``hub_context``'s database.
"""

from __future__ import annotations

import pytest

from tests.support.hub_servers import HubServers, hub_servers as _start_servers


@pytest.fixture(scope="session")
def hub_servers() -> HubServers:
    with _start_servers() as servers:
        yield servers


@pytest.fixture
def hub_context(hub_servers, tmp_path):
    with hub_servers.context(tmp_path / "hub") as context:
        yield context


@pytest.fixture
def make_hub_client(hub_context):
    from starlette.testclient import TestClient

    from packseal.hub.web import create_app

    clients = []

    def make(station_routes=()):
        client = TestClient(create_app(hub_context, station_routes=station_routes))
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def hub_client(make_hub_client):
    return make_hub_client()


@pytest.fixture
def hub_account(hub_context) -> tuple[str, str]:
    from packseal.hub import accounts

    with hub_context.db.connection() as conn:
        accounts.add_account(conn, "owner1", "owner", "owner-password-1")
    return "owner1", "owner-password-1"
