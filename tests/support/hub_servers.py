"""The hub's real servers for tests: one private PostgreSQL cluster and one SeaweedFS per test session.

Both are started by the hub's own code (packseal.hub.postgres, packseal.hub.objectstore),
in a folder under /tmp that the packseal-hub system user can pass through (as root the
cluster runs as that user). Each test then takes a fresh database and a fresh bucket, so
tests never see each other's rows or objects. tests/hub/conftest.py turns this into fixtures.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from packseal.hub.context import HubContext
from packseal.hub.db import Database
from packseal.hub.keys import load_or_create_hub_key
from packseal.hub.objectstore import ObjectStore, S3Endpoint, SeaweedServer
from packseal.hub.postgres import PrivateCluster
from packseal.hub.system_user import server_user

ROOT = Path(__file__).resolve().parents[2]
_names = itertools.count(1)


def reachable_temp_dir(prefix: str) -> Path:
    """A new folder under /tmp that others may pass through (mode 0711), for a cluster's owner."""
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp" if os.name == "posix" else None))
    folder.chmod(0o711)
    return folder


@dataclass
class HubServers:
    """The session's PostgreSQL cluster and SeaweedFS, and fresh databases and buckets on them."""

    folder: Path
    cluster: PrivateCluster
    seaweed: SeaweedServer

    def new_database(self) -> str:
        """A new empty database on the cluster; returns its URL."""
        name = f"hubtest_{os.getpid()}_{next(_names)}"
        with psycopg.connect(self.cluster.url("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.cluster.url(name)

    def new_bucket_endpoint(self) -> S3Endpoint:
        """Where a new bucket (not created yet) would be on the SeaweedFS."""
        return self.seaweed.endpoint(f"hubtest-{uuid.uuid4().hex[:12]}")

    @contextlib.contextmanager
    def context(self, data_dir: Path, retention_days: int = 1) -> Iterator[HubContext]:
        """A hub's parts as the runner makes them: migrated database, bucket with its lock probe, key."""
        data_dir.mkdir(parents=True, exist_ok=True)
        db = Database(self.new_database())
        db.open()
        try:
            db.migrate()
            store = ObjectStore(self.new_bucket_endpoint(), retention_days)
            store.ensure_bucket()
            store.probe_lock()
            yield HubContext(data_dir, db, store, load_or_create_hub_key(data_dir))
        finally:
            db.close()

    def hub_args(self, db_url: str, endpoint: S3Endpoint) -> tuple[list[str], dict]:
        """``packseal hub`` arguments and environment to use this database and bucket."""
        return (["--db", db_url, "--s3", endpoint.url, "--bucket", endpoint.bucket],
                {"AWS_ACCESS_KEY_ID": endpoint.access_key, "AWS_SECRET_ACCESS_KEY": endpoint.secret_key,
                 "AWS_REGION": endpoint.region})


@contextlib.contextmanager
def hub_servers() -> Iterator[HubServers]:
    """Start the cluster and SeaweedFS (a few seconds); stop them and remove their folder after."""
    folder = reachable_temp_dir("packseal-hubtest-")
    # Only tests use this cluster, and none of them is about surviving a power cut: no waiting for
    # the disk (each test's CREATE DATABASE and migrations would otherwise fsync). The hub's own
    # clusters (``packseal hub`` without --db, in test_hub_command.py) run as users' do.
    cluster = PrivateCluster(folder / "postgres", folder / "postgres.json", server_user(),
                             settings={"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"})
    # Every test takes a new bucket, and SeaweedFS gives each bucket several volumes: more than
    # the free disk would allow by default (1 GiB each), though they stay nearly empty.
    seaweed = SeaweedServer(folder / "objects", folder / "objects.json", max_volumes=2000)
    try:
        cluster.start()
        seaweed.start()
        yield HubServers(folder, cluster, seaweed)
    finally:
        try:
            seaweed.stop(flush=False)  # its folder is deleted next
        finally:
            cluster.stop()
            shutil.rmtree(folder, ignore_errors=True)


# -- the packseal hub command as a process ------------------------------------------------------


@dataclass
class HubProcess:
    """A ``packseal hub`` running in the background; ``url`` once it printed that it is ready."""

    process: subprocess.Popen
    url: str | None = None
    lines: list[str] = field(default_factory=list)
    _ready: threading.Event = field(default_factory=threading.Event)

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))
            if "PackSeal hub ready at " in line:
                self.url = line.split("PackSeal hub ready at ", 1)[1].strip()
                self._ready.set()
        self._ready.set()

    def wait_ready(self, timeout: float = 180.0) -> str:
        """The URL the hub printed; AssertionError with its output when it stopped or never got ready."""
        self._ready.wait(timeout)
        assert self.url, "packseal hub did not get ready:\n" + self.output()
        return self.url

    def output(self) -> str:
        return "\n".join(self.lines) + "\n" + (self.process.stderr.read() if self.process.poll() is not None else "")

    def stop(self, timeout: float = 120.0) -> int:
        """SIGTERM, as a service manager stops it; returns the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise


def packseal_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "packseal", *args]


def hub_env(extra: dict | None = None) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "app"), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.update({k: v for k, v in (extra or {}).items() if v is not None})
    return env


def start_hub(data_dir: Path, *args: str, env: dict | None = None) -> HubProcess:
    """Start ``packseal hub --data-dir DATA_DIR ARGS`` (add ``--listen 127.0.0.1:0`` for a free port)."""
    process = subprocess.Popen(packseal_command("hub", "--data-dir", str(data_dir), *args), env=hub_env(env),
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    hub = HubProcess(process)
    threading.Thread(target=hub._read, daemon=True).start()
    return hub


def run_hub_command(data_dir: Path, *args: str, stdin: str = "", env: dict | None = None,
                    timeout: float = 180.0) -> subprocess.CompletedProcess:
    """``packseal hub --data-dir DATA_DIR ARGS`` to completion (e.g. ``user add``)."""
    return subprocess.run(packseal_command("hub", "--data-dir", str(data_dir), *args), env=hub_env(env),
                          input=stdin, capture_output=True, text=True, timeout=timeout)
