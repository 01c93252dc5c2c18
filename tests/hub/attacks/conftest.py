"""Fixtures of the attack tests: the hub's real application with its station routes, and pairing codes."""

from __future__ import annotations

import pytest

from packseal.hub.pairing import make_code
from packseal.hub.station_api import station_routes
from tests.hub.attacks.forge import ForgedStation


@pytest.fixture
def hub_api(hub_context):
    """A TestClient of the hub with the station protocol's routes; a server error is answered 500, as a
    running hub answers it, rather than raised into the test."""
    from starlette.testclient import TestClient

    from packseal.hub.web import create_app

    with TestClient(create_app(hub_context, station_routes=station_routes(hub_context)),
                    raise_server_exceptions=False) as client:
        yield client


@pytest.fixture
def new_code(hub_context):
    def make() -> str:
        with hub_context.db.connection() as conn:
            return make_code(conn)
    return make


@pytest.fixture
def paired_station(hub_api, new_code):
    """A forged station, paired and synced up to a first checkpoint."""
    def make(name: str = "Bench A") -> ForgedStation:
        station = ForgedStation(name)
        assert station.pair(hub_api, new_code()).status_code == 200
        station.scan("FIRST")
        station.checkpoint()
        answer = station.send_all(hub_api)
        assert answer.status_code == 200, answer.text
        return station
    return make


def query(hub_context, sql: str, *args) -> list[dict]:
    with hub_context.db.connection() as conn:
        return conn.execute(sql, args).fetchall()
