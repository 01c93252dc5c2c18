"""A real hub (``packseal hub`` on the session's PostgreSQL and SeaweedFS) and real stations for the sync tests.

``hub``: a ``packseal hub`` process on a fresh database and bucket, which a
test may kill (SIGKILL) and start again on the same address; its pairing
codes come from ``packseal hub pair``. ``station``: a copy of a data dir in
which three clips were recorded from the test camera.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from packseal.hub.db import Database
from packseal.hub.objectstore import ObjectStore, S3Endpoint
from tests.support.hub_servers import HubProcess, HubServers, run_hub_command, start_hub
from tests.support.recorded_station import record_station

REPO = Path(__file__).resolve().parents[3]


@dataclass
class Hub:
    """One hub for one test: its data dir, database, bucket and process."""

    servers: HubServers
    data_dir: Path
    db_url: str
    endpoint: S3Endpoint
    db: Database
    port: int = 0
    process: HubProcess | None = None
    https: bool = False  # listen on every address: HTTPS with the hub's self-signed certificate

    @property
    def url(self) -> str:
        return f"{'https' if self.https else 'http'}://127.0.0.1:{self.port}"

    def args(self) -> tuple[list[str], dict]:
        return self.servers.hub_args(self.db_url, self.endpoint)

    def store(self) -> ObjectStore:
        return ObjectStore(self.endpoint, retention_days=0)

    def start(self) -> None:
        args, env = self.args()
        host = "0.0.0.0" if self.https else "127.0.0.1"
        self.process = start_hub(self.data_dir, "--listen", f"{host}:{self.port}", "--retention-days", "0",
                                 *args, env=env)
        self.port = urlsplit(self.process.wait_ready()).port  # a restarted hub answers where it did

    def kill(self) -> None:
        """SIGKILL, as a crash or the OOM killer would."""
        if self.process is not None and self.process.process.poll() is None:
            os.kill(self.process.process.pid, signal.SIGKILL)
            self.process.process.wait()
        self.process = None

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop()
        self.process = None

    def pair_code(self) -> str:
        """A code from ``packseal hub pair --json``, as the owner gets it."""
        args, env = self.args()
        done = run_hub_command(self.data_dir, *args, "pair", "--json", env=env)
        assert done.returncode == 0, done.stdout + done.stderr
        return json.loads(done.stdout)["code"]

    def query(self, sql: str, *args) -> list[dict]:
        with self.db.connection() as conn:
            return conn.execute(sql, args).fetchall()


@contextmanager
def running_hub(hub_servers: HubServers, data_dir: Path):
    """A started hub on a fresh database and bucket, stopped and its bucket dropped at the end."""
    db_url = hub_servers.new_database()
    db = Database(db_url, max_size=3)
    db.open()
    hub = Hub(hub_servers, data_dir, db_url, hub_servers.new_bucket_endpoint(), db)
    try:
        hub.start()
        yield hub
    finally:
        hub.stop()
        db.close()
        _drop_bucket(hub.store())


@pytest.fixture
def hub(hub_servers, tmp_path):
    with running_hub(hub_servers, tmp_path / "hub") as started:
        yield started


def _drop_bucket(store: ObjectStore) -> None:
    """Empty and delete a test's bucket: SeaweedFS gives every bucket volumes of its own, and the
    session's server runs out of them after a few dozen buckets (writes then fail)."""
    client, bucket = store.client, store.bucket
    for upload in client.list_multipart_uploads(Bucket=bucket).get("Uploads", []):
        client.abort_multipart_upload(Bucket=bucket, Key=upload["Key"], UploadId=upload["UploadId"])
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for item in page.get("Contents", []):
            client.delete_object(Bucket=bucket, Key=item["Key"])
    client.delete_bucket(Bucket=bucket)


ORDERS = ("SF1000000000001", "SF1000000000002", "SF1000000000003")


@pytest.fixture(scope="session")
def recorded_station(tmp_path_factory) -> Path:
    """A station's data dir with three clips recorded from the test camera, checkpointed."""
    return record_station(tmp_path_factory.mktemp("station") / "data", [(o, None) for o in ORDERS], seconds=1)


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
