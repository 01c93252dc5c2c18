"""Save and open dialogs start in the folder last used for that kind of file, also after a restart."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from packseal.gui import file_places

pytest.importorskip("pytestqt")


def test_each_kind_of_file_has_its_own_remembered_folder(tmp_path):
    frames, packs = tmp_path / "frames", tmp_path / "packs"
    frames.mkdir()
    packs.mkdir()
    home = tmp_path / "home"
    assert file_places.last_folder(file_places.FRAME, home) == home  # nothing remembered yet
    file_places.remember(file_places.FRAME, frames / "a.png")
    file_places.remember(file_places.EVIDENCE_PACK, packs)
    assert file_places.last_folder(file_places.FRAME, home) == frames
    assert file_places.last_folder(file_places.EVIDENCE_PACK, home) == packs
    frames.rmdir()  # a folder since removed is not offered
    assert file_places.last_folder(file_places.FRAME, home) == home
    with pytest.raises(ValueError):
        file_places.remember("nonsense", tmp_path)


def _asked_in(monkeypatch, method: str, answer: Path) -> list[str]:
    """Replace QFileDialog.<method>; returns the list of start paths it is asked with."""
    asked: list[str] = []

    def fake(parent, caption, start, *args, **kwargs):
        asked.append(start)
        return str(answer), ""

    monkeypatch.setattr(QFileDialog, method, staticmethod(fake))
    return asked


def test_the_key_export_starts_where_the_last_key_went(qtbot, monkeypatch, tmp_path):
    from packseal.core.ledger import StationKey
    from packseal.core.settings import Settings
    from packseal.gui.settings_dialog import KeyInfo, SettingsDialog
    from packseal.gui.tasks import TaskRunner

    keys = tmp_path / "keys"
    keys.mkdir()
    asked = _asked_in(monkeypatch, "getSaveFileName", keys / "station.pem")
    key = StationKey.generate().public
    runner = TaskRunner()
    for _ in range(2):
        dialog = SettingsDialog(Settings(), data_dir=tmp_path / "data", data_dir_fixed=False,
                                key=KeyInfo(key.fingerprint, key.key_id, key.pem()), runner=runner)
        qtbot.addWidget(dialog)
        dialog._export_key()
        qtbot.waitUntil(lambda: (keys / "station.pem").exists(), timeout=5000)
    assert Path(asked[0]).parent != keys and Path(asked[1]).parent == keys
    runner.wait_for_done(5000)


def test_the_export_dialog_offers_the_folder_of_the_last_export(qtbot, tmp_path):
    from datetime import datetime, timezone

    from packseal.compose import open_services
    from packseal.gui.export_dialog import ExportDialog
    from packseal.gui.tasks import TaskRunner
    from tests.support.sealed_orders import add_sealed_clip

    services = open_services(tmp_path / "data")
    runner = TaskRunner(max_threads=1)
    try:
        clip = add_sealed_clip(services, "SF7003", datetime(2026, 3, 14, 6, 30, tzinfo=timezone.utc))
        first = ExportDialog(services, runner, clip)
        qtbot.addWidget(first)
        out = tmp_path / "to-the-platform"
        first.set_preset("full")
        first.folder_edit.setText(str(out))
        with qtbot.waitSignal(first.exported, timeout=30_000):
            first.start_export()
        second = ExportDialog(services, runner, clip)
        qtbot.addWidget(second)
        assert Path(second.folder_edit.text()) == out.resolve()
    finally:
        runner.wait_for_done(30_000)
        services.close()
