"""The hub's private PostgreSQL cluster, in ``DIR/postgres``, for a hub started without ``--db``.

It uses the PostgreSQL server binaries installed on the machine (Debian's
``postgresql`` package: ``/usr/lib/postgresql/<version>/bin``; or the folder
in ``$PACKSEAL_PG_BIN``). The cluster listens on a free loopback port only
(no Unix socket), its superuser ``packseal`` logs in with a random password
kept in ``DIR/postgres.json`` (owner-only), it logs to
``DIR/postgres/server.log``, and it holds one database, ``packseal``. As root the cluster belongs to the system user ``packseal-hub``
(``initdb`` refuses root), which must be able to pass through every folder
above ``DIR``.

A postmaster left running by a hub that was killed is adopted at the next
start rather than started twice; started again (after a crash), the cluster
keeps its port. Where Linux allows, the postmaster the hub
starts gets a fast shutdown when the hub dies.
"""

from __future__ import annotations

import glob
import json
import os
import secrets
import shutil
import signal
import subprocess
import time
from pathlib import Path
from urllib.parse import quote

import psycopg

from packseal.core.storage.durable import atomic_write
from packseal.hub.errors import HubError, MissingServer
from packseal.hub.processes import die_with_parent, free_port, log_tail
from packseal.hub.system_user import RunAs

SUPERUSER = "packseal"
DATABASE = "packseal"
START_TIMEOUT_S = 60.0
#: Where Debian's ``postgresql`` package puts the server programs, one folder per major version.
DEBIAN_BINARIES = "/usr/lib/postgresql/*/bin"


def find_bin_dir() -> Path:
    """The folder of ``initdb``, ``postgres`` and ``pg_ctl``; :class:`HubError` when there is none."""
    candidates = []
    if os.environ.get("PACKSEAL_PG_BIN"):
        candidates.append(Path(os.environ["PACKSEAL_PG_BIN"]))
    debian = sorted(glob.glob(DEBIAN_BINARIES),
                    key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0, reverse=True)
    candidates += [Path(p) for p in debian]
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "postgres").exists() and (folder / "pg_ctl").exists():
            return folder
    raise MissingServer(
        "PostgreSQL's server programs are not on this machine (no initdb, postgres and pg_ctl in "
        f"{DEBIAN_BINARIES}, $PACKSEAL_PG_BIN or on PATH), so the hub cannot run its own database: give it "
        "one with --db URL (needed on Windows, which has no such programs for the hub), or on Debian/Ubuntu "
        "install the `postgresql` package (./dev.sh does)")


class PrivateCluster:
    """One PostgreSQL cluster in ``folder``, with its secrets in ``secrets_file``."""

    def __init__(self, folder: Path, secrets_file: Path, run_as: RunAs, bin_dir: Path | None = None,
                 settings: dict[str, str] | None = None) -> None:
        """``settings``: more server settings (``-c name=value``), e.g. a test cluster without fsync."""
        self.folder = folder
        self.settings = dict(settings or {})
        self.secrets_file = secrets_file
        self.run_as = run_as
        self.bin_dir = bin_dir or find_bin_dir()
        # Inside the cluster's folder: its owner writes it, also when pg_ctl restarts the server.
        self.log_file = folder / "server.log"
        self.port: int | None = None
        self._process: subprocess.Popen | None = None
        self.started_here = False

    # -- set-up -----------------------------------------------------------------------------

    @property
    def initialized(self) -> bool:
        return (self.folder / "PG_VERSION").exists()

    def _secrets(self) -> dict:
        if not self.secrets_file.exists():
            atomic_write(self.secrets_file, json.dumps(
                {"user": SUPERUSER, "password": secrets.token_urlsafe(24), "database": DATABASE}).encode())
        try:
            return json.loads(self.secrets_file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise HubError(f"cannot read {self.secrets_file}: {exc}") from exc

    def _run(self, args: list[str], what: str) -> None:
        done = subprocess.run(args, capture_output=True, text=True, **self.run_as.popen_kwargs())
        if done.returncode != 0:
            raise HubError(f"{what} failed ({done.returncode}): {(done.stderr or done.stdout).strip()[-800:]}")

    def init(self) -> None:
        """Create the cluster (initdb) when the folder holds none yet."""
        if self.initialized:
            return
        blocked = self.run_as.can_reach(self.folder)
        if blocked is not None:
            raise HubError(f"the PostgreSQL user {self.run_as.user} cannot pass through {blocked} "
                           f"(mode {oct(blocked.stat().st_mode & 0o777)}) to reach {self.folder}: choose a "
                           "data dir it can reach (e.g. under /var/lib or /srv) or allow it (chmod o+x)")
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.run_as.give(self.folder)
        password = self._secrets()["password"]
        pwfile = self.folder.parent / f".postgres-pw.{os.getpid()}"
        fd = os.open(pwfile, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(password + "\n")
        self.run_as.give(pwfile)
        try:
            self._run([str(self.bin_dir / "initdb"), "-D", str(self.folder), "-U", SUPERUSER,
                       f"--pwfile={pwfile}", "--auth-host=scram-sha-256", "--auth-local=peer",
                       "--encoding=UTF8", "--locale=C.UTF-8", "--lc-messages=C"], "initdb")
        finally:
            pwfile.unlink(missing_ok=True)

    # -- running ----------------------------------------------------------------------------

    def _running_port(self) -> int | None:
        """The port of a live postmaster of this cluster (from postmaster.pid), or None."""
        try:
            lines = (self.folder / "postmaster.pid").read_text().splitlines()
            pid, port = int(lines[0]), int(lines[3])
        except (OSError, ValueError, IndexError):
            return None
        if self._process is not None and self._process.pid == pid:
            # our own child: a dead one stays a zombie (and answers kill 0) until it is reaped here
            return None if self._process.poll() is not None else port
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:
            pass  # alive, another user's
        return port

    def is_running(self) -> bool:
        return self._running_port() is not None

    def start(self) -> None:
        """Start the postmaster (or adopt one already running) and wait until it accepts logins."""
        self.init()
        running = self._running_port()
        if running is not None:
            self.port = running
        else:
            self.port = self.port or free_port()  # started again: the same port, so URLs stay right
            with open(self.log_file, "ab") as log:
                self.run_as.give(self.log_file)
                self._process = subprocess.Popen(
                    [str(self.bin_dir / "postgres"), "-D", str(self.folder), "-p", str(self.port),
                     "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
                     "-c", "max_connections=200",
                     *(arg for name, value in self.settings.items() for arg in ("-c", f"{name}={value}"))],
                    stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True,
                    preexec_fn=die_with_parent(signal.SIGINT), **self.run_as.popen_kwargs())
            self.started_here = True
        self._wait_ready()
        self._ensure_database()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        last = None
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                raise HubError(f"PostgreSQL stopped at start (exit {self._process.returncode}); its log "
                               f"{self.log_file} ends:\n{log_tail(self.log_file)}")
            try:
                with psycopg.connect(self.url("postgres"), connect_timeout=3):
                    return
            except psycopg.OperationalError as exc:
                last = exc
                time.sleep(0.1)
        raise HubError(f"PostgreSQL did not accept logins within {START_TIMEOUT_S:.0f} s ({last}); its log "
                       f"{self.log_file} ends:\n{log_tail(self.log_file)}")

    def _ensure_database(self) -> None:
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE,)).fetchone() is None:
                conn.execute(f'CREATE DATABASE "{DATABASE}"')

    def url(self, database: str = DATABASE) -> str:
        """The libpq URL of a database of this cluster (the cluster must be running)."""
        if self.port is None:
            raise HubError("the private PostgreSQL cluster is not running")
        password = quote(self._secrets()["password"], safe="")
        return f"postgresql://{SUPERUSER}:{password}@127.0.0.1:{self.port}/{database}"

    def pg_ctl(self, *args: str) -> None:
        """Run ``pg_ctl`` on this cluster as its owner (e.g. ``restart -m fast``)."""
        self._run([str(self.bin_dir / "pg_ctl"), "-D", str(self.folder), "-l", str(self.log_file),
                   "-w", "-t", str(int(START_TIMEOUT_S)), *args], "pg_ctl " + " ".join(args))

    def stop(self) -> None:
        """Fast shutdown of whichever postmaster runs the cluster, and wait for it."""
        if self._running_port() is not None:
            try:
                self.pg_ctl("stop", "-m", "fast")
            except HubError:
                if self._process is None or self._process.poll() is not None:
                    raise
        if self._process is not None:
            try:
                self._process.wait(timeout=START_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None
