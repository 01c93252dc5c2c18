"""``packseal`` with no subcommand: the first start asks, then opens the station in the chosen folder."""

from __future__ import annotations

import json
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from packseal.gui.app import main
from packseal.gui.first_run import FirstRunDialog
from packseal.gui.main_window import StationWindow


def test_first_start_asks_for_the_basics_then_records_into_the_chosen_folder(qtbot, tmp_path, monkeypatch):
    monkeypatch.delenv("PACKSEAL_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home-data"))
    chosen = tmp_path / "chosen"
    seen: dict = {}

    def drive() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, FirstRunDialog) and widget.isVisible() and "dialog" not in seen:
                seen["dialog"] = True
                widget.station_name.setText("打包台 9")
                widget.storage.setText(str(chosen))
                widget.buttons.accepted.emit()
            elif isinstance(widget, StationWindow) and widget.view.preview.frames_shown > 0 \
                    and "window" not in seen:
                seen["window"] = widget.windowTitle()
                seen["startup"] = widget.station.startup_seconds
                widget.close()

    poll = QTimer()
    poll.timeout.connect(drive)
    poll.start(50)
    try:
        code = main(None, "test:640x360@15")
    finally:
        poll.stop()
    assert code == 0 and seen.get("dialog") and "打包台 9" in seen["window"]
    settings = json.loads((chosen / "settings.json").read_text(encoding="utf-8"))
    assert settings["station_name"] == "打包台 9"
    assert any((chosen / "keys").iterdir())  # the station key was made where the user said
    assert not (tmp_path / "home-data").exists()  # and nothing in the default folder
    remembered = json.loads((tmp_path / "config" / "PackSeal" / "location.json").read_text())
    assert remembered["data_dir"] == str(chosen.resolve())
    assert seen["startup"] is not None


def test_a_recorder_started_before_the_window_is_stopped_when_no_window_comes_up(station_data, tmp_path,
                                                                                 monkeypatch):
    from packseal.core.remote import channel
    from packseal.core.remote.client import start_recorder_early
    from packseal.core.storage.layout import DataLayout
    from packseal.gui import app
    from tests.support.recorder import kill_recorder

    assert start_recorder_early(tmp_path / "new", "test:640x360@15") is None  # the first-run dialog comes first
    layout = DataLayout.open(station_data)
    proc = start_recorder_early(station_data, "test:640x360@15")
    try:
        assert proc is not None
        deadline = time.monotonic() + 60
        while not channel.recorder_running(layout) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert start_recorder_early(station_data, "test:640x360@15") is None  # one runs already
        monkeypatch.setattr(app, "no_display", lambda: True)
        assert app.main(station_data, "test:640x360@15", recorder=proc) == 2
        assert proc.poll() is not None and not channel.recorder_running(layout)
    finally:
        kill_recorder(layout)
