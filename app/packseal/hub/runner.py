"""Running a hub: start what it needs, serve, and stop what it started.

Without ``--db`` the hub runs its private PostgreSQL cluster
(:mod:`packseal.hub.postgres`); without ``--s3`` its private SeaweedFS
(:mod:`packseal.hub.objectstore`). On exit, Ctrl+C or SIGTERM it stops the
web server first, then the servers it started, last started first.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from packseal.hub.context import HubContext
from packseal.hub.db import Database, _safe
from packseal.hub.errors import HubError, MissingServer
from packseal.hub.keys import TlsFiles, load_or_create_hub_key, self_signed_tls
from packseal.hub.objectstore import ObjectStore, S3Endpoint, SeaweedServer
from packseal.hub.postgres import PrivateCluster
from packseal.hub.server import is_loopback, serve
from packseal.hub.system_user import server_user

log = logging.getLogger(__name__)

DEFAULT_BUCKET = "packseal"
#: How often the hub looks at the servers it runs, and how many looks in a row one must be
#: down before it is started again (an administrator's `pg_ctl restart` takes less).
WATCH_EVERY_S = 2.0
DOWN_LOOKS = 3
DEFAULT_RETENTION_DAYS = 180


def default_data_dir() -> Path:
    """``$PACKSEAL_HUB_DIR``; as root ``/var/lib/packseal-hub``; else the user's data folder."""
    if os.environ.get("PACKSEAL_HUB_DIR"):
        return Path(os.environ["PACKSEAL_HUB_DIR"])
    if os.name == "posix" and os.geteuid() == 0:
        # root's home is closed to the packseal-hub user that runs the private PostgreSQL
        return Path("/var/lib/packseal-hub")
    return Path(platformdirs.user_data_dir("packseal-hub", appauthor=False))


@dataclass
class HubOptions:
    data_dir: Path
    listen: tuple[str, int] = ("0.0.0.0", 8443)
    db_url: str | None = None
    s3_url: str | None = None
    bucket: str = DEFAULT_BUCKET
    retention_days: int = DEFAULT_RETENTION_DAYS
    tls_cert: Path | None = None
    tls_key: Path | None = None


def prepare_data_dir(data_dir: Path) -> None:
    """Create the data dir: passable but not listable by others when root (for the cluster's owner)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(data_dir, 0o711 if os.geteuid() == 0 else 0o700)


def private_cluster(data_dir: Path) -> PrivateCluster:
    return PrivateCluster(data_dir / "postgres", data_dir / "postgres.json", server_user())


class Watchdog:
    """Starts a server the hub runs again when it has died (a crash, the OOM killer, kill -9)."""

    def __init__(self, say: Callable[[str], None]) -> None:
        self.say = say
        self._servers: list[tuple[str, object]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="hub-watchdog", daemon=True)

    def watch(self, name: str, server) -> None:
        """``server`` has ``is_running()`` and ``start()``."""
        self._servers.append((name, server))
        if not self._thread.is_alive():
            self._thread.start()

    def _watch(self) -> None:
        down = {name: 0 for name, _ in self._servers}
        while not self._stop.wait(WATCH_EVERY_S):
            for name, server in list(self._servers):
                down[name] = 0 if server.is_running() else down.get(name, 0) + 1
                if down[name] < DOWN_LOOKS or self._stop.is_set():
                    continue
                self.say(f"{name} had stopped: starting it again")
                try:
                    server.start()
                    down[name] = 0
                    self.say(f"{name} runs again")
                except Exception as exc:  # keep watching: the next look tries again
                    log.warning("%s could not be started again: %s", name, exc)

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()


@contextlib.contextmanager
def database(options: HubOptions, say: Callable[[str], None] = lambda _: None,
             watchdog: Watchdog | None = None) -> Iterator[Database]:
    """The hub's database, migrated; a private cluster is started for the time needed when it is not running."""
    cluster = None
    if options.db_url:
        url = options.db_url
        say(f"database:      {_safe(url)}")
    else:
        prepare_data_dir(options.data_dir)
        cluster = private_cluster(options.data_dir)
        cluster.start()
        url = cluster.url()
        say(f"database:      private PostgreSQL in {cluster.folder} (127.0.0.1:{cluster.port}"
            f"{', already running' if not cluster.started_here else ''})")
    db = Database(url)
    try:
        db.open()
        db.migrate()
        if watchdog is not None and cluster is not None:
            watchdog.watch("PostgreSQL", cluster)
        yield db
    finally:
        db.close()
        if cluster is not None and cluster.started_here:
            cluster.stop()


def check_servers(options: HubOptions) -> None:
    """Before anything starts: every server the hub is to run itself is installed, or one
    :class:`MissingServer` names them all and the options to use instead (``--db``, ``--s3``)."""
    from packseal.hub.objectstore import weed_binary
    from packseal.hub.postgres import find_bin_dir

    missing = []
    for given, find in ((options.db_url, find_bin_dir), (options.s3_url, weed_binary)):
        if not given:
            try:
                find()
            except MissingServer as exc:
                missing.append(str(exc))
    if missing:
        raise MissingServer("\n".join(missing))


class HubRun:
    """A hub's parts for one run; :meth:`close` stops what :meth:`start` started."""

    def __init__(self, options: HubOptions, say: Callable[[str], None]) -> None:
        self.options = options
        self.say = say
        self._stack = contextlib.ExitStack()
        self.watchdog = Watchdog(say)
        self.context: HubContext | None = None

    def start(self) -> HubContext:
        o = self.options
        check_servers(o)
        prepare_data_dir(o.data_dir)
        key = load_or_create_hub_key(o.data_dir)
        db = self._stack.enter_context(database(o, self.say, self.watchdog))
        private_store = None
        if o.s3_url:
            endpoint = S3Endpoint(o.s3_url, o.bucket, region=os.environ.get("AWS_REGION")
                                  or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1")
            self.say(f"object store:  {o.s3_url}, bucket {o.bucket}")
        else:
            weed = SeaweedServer(o.data_dir / "objects", o.data_dir / "objects.json")
            self._stack.callback(weed.stop)
            weed.start()
            self.watchdog.watch("SeaweedFS", weed)
            endpoint = weed.endpoint(o.bucket)
            self.say(f"object store:  private SeaweedFS in {weed.folder} ({endpoint.url}), bucket {o.bucket}")
            private_store = weed.folder
        store = ObjectStore(endpoint, o.retention_days)
        store.ensure_bucket()
        verdict = store.probe_lock()
        self.say(f"object lock:   {verdict.state} ({o.retention_days} days): {verdict.detail}")
        tls = None
        if not is_loopback(o.listen[0]):
            tls = TlsFiles(o.tls_cert, o.tls_key) if o.tls_cert else self_signed_tls(o.data_dir, o.listen[0])
            self.say(f"TLS cert:      {tls.cert} (SHA-256 {tls.cert_sha256})")
        self.say(f"hub key:       {key.fingerprint}")
        self.context = HubContext(o.data_dir, db, store, key, tls, private_store)
        return self.context

    def close(self) -> None:
        self.watchdog.stop()  # first: nothing is started again while the hub stops
        self._stack.close()


def build_app(context: HubContext):
    """The application a running hub serves. The station protocol's routes are given here."""
    from packseal.hub.station_api import station_routes
    from packseal.hub.web import create_app

    return create_app(context, station_routes=station_routes(context))


def run_hub(options: HubOptions, say: Callable[[str], None] | None = None) -> int:
    """Run the hub in the foreground until Ctrl+C or SIGTERM; prints its URL once it answers."""
    if say is None:
        def say(text: str) -> None:
            print(text, flush=True)
    if options.tls_cert is not None and options.tls_key is None:
        raise HubError("--tls-cert needs --tls-key")
    stop = threading.Event()
    # SIGBREAK: Ctrl+Break in a Windows console
    stop_signals = (signal.SIGINT, signal.SIGTERM, *([signal.SIGBREAK] if hasattr(signal, "SIGBREAK") else []))
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in stop_signals}
    run = HubRun(options, say)
    try:
        say(f"PackSeal hub in {options.data_dir}")
        context = run.start()
        if stop.is_set():
            return 0
        serve(build_app(context), options.listen[0], options.listen[1], context.tls, stop,
              lambda url: say(f"PackSeal hub ready at {url}"))
        say("PackSeal hub stopping")
        return 0
    finally:
        run.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        sys.stdout.flush()
