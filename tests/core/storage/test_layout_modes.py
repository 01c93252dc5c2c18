"""The data dir is the owner's alone on POSIX: folders 0700, PackSeal's files 0600."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from packseal.compose import open_services
from packseal.core.storage.layout import DataLayout

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_new_data_dir_is_owner_only(tmp_path) -> None:
    services = open_services(tmp_path / "data")
    services.close()
    root = tmp_path / "data"
    assert _mode(root) == 0o700
    for folder in ("ledger", "keys", "clips", "tape", "exports", "state", "logs"):
        assert _mode(root / folder) == 0o700, folder
    ledger_files = list((root / "ledger").glob("*.json*"))
    assert ledger_files and all(_mode(p) == 0o600 for p in ledger_files)
    assert all(_mode(p) == 0o600 for p in (root / "keys").iterdir() if p.is_file())


def test_an_old_open_data_dir_is_tightened(tmp_path) -> None:
    root = tmp_path / "old"
    (root / "ledger").mkdir(parents=True)
    (root / "settings.json").write_text("{}")
    os.chmod(root, 0o755)
    os.chmod(root / "settings.json", 0o644)
    DataLayout.open(root)
    assert _mode(root) == 0o700 and _mode(root / "settings.json") == 0o600 and _mode(root / "ledger") == 0o700


def test_the_command_creates_owner_only_files(tmp_path) -> None:
    data = tmp_path / "cmd"
    env = dict(os.environ, PACKSEAL_TSA_URLS="")
    proc = subprocess.run([sys.executable, "-m", "packseal", "--data-dir", str(data), "key", "show", "--json",
                           "--no-qr"], capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 0, proc.stderr
    for folder, dirs, files in os.walk(data):
        assert _mode(folder) == 0o700, folder
        for name in files:
            assert _mode(os.path.join(folder, name)) & 0o077 == 0, name
