"""Real servers for the station protocol: PostgreSQL, SeaweedFS's S3 gateway, a hub process.

One private PostgreSQL cluster and one SeaweedFS server per test session (as
the hub itself starts them); each test gets its own database, bucket and hub
process, which it may kill and start again.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psycopg
import pytest

from packseal.hub.db import Database
from packseal.hub.objectstore import ObjectStore, S3Endpoint, SeaweedServer
from packseal.hub.pairing import make_code
from packseal.hub.postgres import PrivateCluster
from packseal.hub.processes import free_port
from packseal.hub.system_user import server_user

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def servers():
    # Below /tmp, reachable by the unprivileged user PostgreSQL runs as when the tests run as root.
    base = Path(tempfile.mkdtemp(prefix="packseal-sync-", dir="/tmp"))
    base.chmod(0o755)
    cluster = PrivateCluster(base / "postgres", base / "postgres.json", server_user())
    weed = SeaweedServer(base / "objects", base / "objects.json")
    try:
        cluster.start()
        weed.start()
        yield {"base": base, "cluster": cluster, "weed": weed}
    finally:
        weed.stop()
        cluster.stop()
        shutil.rmtree(base, ignore_errors=True)


@dataclass
class Hub:
    """One hub for one test: its database, bucket, data dir and process."""

    servers: dict
    data_dir: Path
    db_url: str
    bucket: str
    port: int = 0
    process: subprocess.Popen | None = None
    db: Database | None = None
    log: Path = field(init=False)

    def __post_init__(self) -> None:
        self.log = self.data_dir / "hub.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def store(self) -> ObjectStore:
        return ObjectStore(self.servers["weed"].endpoint(self.bucket), retention_days=0)

    def start(self) -> None:
        self.port = self.port or free_port()  # a restarted hub answers where it did
        endpoint = self.servers["weed"].endpoint(self.bucket)
        config = self.data_dir / "hub-config.json"
        config.write_text(json.dumps({"db": self.db_url, "data_dir": str(self.data_dir), "port": self.port,
                                      "part_size": 5 * 1024 * 1024,
                                      "s3": {"url": endpoint.url, "bucket": self.bucket,
                                             "access_key": endpoint.access_key, "secret_key": endpoint.secret_key}}))
        env = {**os.environ, "PYTHONPATH": f"{REPO / 'app'}:{REPO}"}
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen([sys.executable, "-m", "tests.support.sync_hub_server", str(config)],
                                            cwd=REPO, env=env, stdout=log, stderr=log)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text()
            try:
                httpx.get(self.url + "/api/sync/state", timeout=2)
                return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise AssertionError(f"the hub did not start: {self.log.read_text()}")

    def kill(self) -> None:
        """SIGKILL, as a crash or an OOM killer would."""
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.process = None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        self.process = None

    def pair_code(self) -> str:
        with self.db.connection() as conn:
            return make_code(conn)

    def query(self, sql: str, *args) -> list[dict]:
        with self.db.connection() as conn:
            return conn.execute(sql, args).fetchall()


@pytest.fixture
def hub(servers, tmp_path):
    cluster = servers["cluster"]
    name = f"t{os.getpid()}_{time.monotonic_ns()}"
    with psycopg.connect(cluster.url("postgres"), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    data_dir = tmp_path / "hub"
    data_dir.mkdir()
    hub = Hub(servers, data_dir, cluster.url(name), bucket=name.replace("_", "-"))
    hub.db = Database(hub.db_url, max_size=3)
    hub.db.open()
    hub.db.migrate()
    hub.store().ensure_bucket()
    hub.start()
    try:
        yield hub
    finally:
        hub.stop()
        hub.db.close()


ORDERS = ("SF1000000000001", "SF1000000000002", "SF1000000000003")


@pytest.fixture(scope="session")
def recorded_station(tmp_path_factory) -> Path:
    """A station's data dir with three clips recorded from the test camera, checkpointed."""
    from packseal.cli.record import record_order
    from packseal.compose import open_services

    root = tmp_path_factory.mktemp("station") / "data"
    services = open_services(root)
    try:
        services.settings.preroll_s = services.settings.postroll_s = 0.5
        for order in ORDERS:
            record_order(services, order, source="test:320x240@15", seconds=1)
        services.ledger.checkpoint()
    finally:
        services.close()
    return root


@pytest.fixture
def station(recorded_station, tmp_path, monkeypatch) -> Path:
    """A copy of the recorded station for one test (its own hub file, its own ledger copy)."""
    root = tmp_path / "station"
    shutil.copytree(recorded_station, root, symlinks=True)
    monkeypatch.setenv("PACKSEAL_DATA_DIR", str(root))
    return root


def packseal(root: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run the ``packseal`` command on a data dir, as a user does."""
    env = {**os.environ, "PYTHONPATH": f"{REPO / 'app'}:{REPO}"}
    return subprocess.run([sys.executable, "-m", "packseal", "--data-dir", str(root), *args],
                          capture_output=True, text=True, timeout=timeout, env=env, cwd=REPO)


def pair(root: Path, hub: Hub) -> dict:
    proc = packseal(root, "sync", "--hub", hub.url, "--code", hub.pair_code(), "--json")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return json.loads(proc.stdout)


def sync(root: Path) -> tuple[int, dict]:
    proc = packseal(root, "sync", "--json")
    assert proc.stdout, proc.stderr
    return proc.returncode, json.loads(proc.stdout)
