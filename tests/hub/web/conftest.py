"""A real hub for the web viewer's browser tests, with clips a real station recorded and synced to it.

``web_hub`` (one per test module): ``packseal hub`` on loopback on a fresh
database and bucket of the session's PostgreSQL and SeaweedFS, a station
(three orders recorded from the test camera, paired and synced by the
``packseal sync`` command) and three accounts: boss (owner), cs1 (agent),
audit1 (auditor), each with the password ``NAME-password-1``.
``browser``: Debian's chromium (/usr/bin/chromium) through Playwright, one per module.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from packseal.hub import accounts
from packseal.hub.db import Database
from tests.hub.sync.conftest import Hub, _drop_bucket, pair, sync
from tests.support.recorded_station import record_station

CHROMIUM = Path("/usr/bin/chromium")
WEB_ORDERS = ("SF2000000000101", "SF2000000000202", "JD3000000000303")
STATION_NAME = "Bench 东-1"
PEOPLE = (("boss", "owner"), ("cs1", "agent"), ("audit1", "auditor"))


def password(name: str) -> str:
    return f"{name}-password-1"


@dataclass
class WebHub:
    hub: Hub
    clips: dict[str, int] = field(default_factory=dict)  # order ID → clip id on the hub

    @property
    def url(self) -> str:
        return self.hub.url

    def query(self, sql: str, *args) -> list[dict]:
        return self.hub.query(sql, *args)


@pytest.fixture(scope="session")
def web_station(tmp_path_factory) -> Path:
    """A station's data dir with three 3-second orders recorded from the test camera (the last a return)."""
    return record_station(tmp_path_factory.mktemp("web-station") / "data",
                          [(WEB_ORDERS[0], None), (WEB_ORDERS[1], None), (WEB_ORDERS[2], WEB_ORDERS[0])],
                          seconds=3, station_name=STATION_NAME)


def populate(hub: Hub, station: Path) -> dict[str, int]:
    """Pair and sync the station with the running hub, add the accounts; the clip ids by order ID."""
    pair(station, hub)
    code, report = sync(station)
    assert code == 0, report
    with hub.db.connection() as conn:
        for name, role in PEOPLE:
            accounts.add_account(conn, name, role, password(name))
    rows = hub.query("SELECT id, order_id, status FROM clips")
    assert sorted(r["order_id"] for r in rows) == sorted(WEB_ORDERS)
    assert {r["status"] for r in rows} == {"stored"}
    return {r["order_id"]: r["id"] for r in rows}


@pytest.fixture(scope="module")
def web_hub(hub_servers, web_station, tmp_path_factory) -> WebHub:
    folder = tmp_path_factory.mktemp("web-hub")
    db_url = hub_servers.new_database()
    db = Database(db_url, max_size=3)
    db.open()
    hub = Hub(hub_servers, folder / "hub", db_url, hub_servers.new_bucket_endpoint(), db)
    station = folder / "station"
    shutil.copytree(web_station, station, symlinks=True)
    try:
        hub.start()
        yield WebHub(hub, populate(hub, station))
    finally:
        hub.stop()
        db.close()
        _drop_bucket(hub.store())


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), "the browser tests drive Debian's chromium: apt-get install chromium (./dev.sh does)"
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                     args=["--autoplay-policy=no-user-gesture-required"])
        yield chromium
        chromium.close()


def log_in(page, base: str, name: str, lang: str = "en") -> None:
    """Log in through the login page as a person would."""
    page.goto(f"{base}/lang/{lang}?next=/login")
    page.fill("input[name=user]", name)
    page.fill("input[name=password]", password(name))
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/search")
