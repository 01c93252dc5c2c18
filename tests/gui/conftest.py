"""A real station window on the test camera, in a fresh data dir, under offscreen Qt."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from packseal.core.settings import Settings, save_settings
from tests.support.recorder import kill_recorder
from tests.support.station_window import FAST, TEST_SOURCE

pytest.importorskip("pytestqt")



@pytest.fixture(autouse=True)
def _collect_on_the_gui_thread():
    """As the app does (gui/gc_guard.py): no cycle collection on worker threads during a
    test; what the test left in cycles is collected here, on the GUI thread."""
    gc.disable()
    try:
        yield
    finally:
        gc.collect()
        gc.enable()


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path, monkeypatch):
    """Keep the translation cache and the remembered data dir out of the real home."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def station_data(tmp_path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    save_settings(FAST, d / "settings.json")
    return d


class WindowHarness:
    """Opens the services and the window; :meth:`close` stops the station and waits for it."""

    def __init__(self, qtbot, qapp, data_dir: Path, **window_args) -> None:
        from packseal.compose import open_services
        from packseal.gui import i18n
        from packseal.gui.app import make_application, make_window

        make_application()
        self.qtbot = qtbot
        self.closed = False
        self.services = open_services(data_dir, recorder=False)
        self.translations = i18n.Translations(qapp, cache_dir=data_dir.parent / "qm")
        self.translations.apply(self.services.settings.language)
        read_barcodes = window_args.pop("read_barcodes", False)
        source = window_args.pop("source", TEST_SOURCE)
        # The window starts the recorder as its own process, as the app does.
        self.window = make_window(self.services, source, translations=self.translations,
                                  camera_codes=read_barcodes, **window_args)
        self.client = self.window.controller.client
        self.window.show()
        self.window.activateWindow()
        self.window.start()

    def wait_running(self) -> None:
        w = self.window
        self.qtbot.waitUntil(lambda: w.controller.station is not None and w.view.preview.frames_shown > 0,
                             timeout=30_000)

    def close(self) -> None:
        if self.closed:
            return  # a test closed it itself (its window is deleted since)
        self.closed = True
        w = self.window
        if not w.isVisible() and getattr(w, "_closed", False):
            return
        try:
            with self.qtbot.waitSignal(w.shut_down, timeout=90_000):
                w.close()
        finally:
            w.deleteLater()
            self.translations.apply(i18n_english())
            self.client.close()
            kill_recorder(self.services.layout)  # a test that failed half-way leaves none behind
            self.services.close()


def i18n_english() -> str:
    from packseal.gui.i18n import ENGLISH

    return ENGLISH


@pytest.fixture
def make_window(qtbot, qapp, station_data):
    opened: list[WindowHarness] = []

    def make(settings: Settings | None = None, **window_args) -> WindowHarness:
        if settings is not None:
            save_settings(settings, station_data / "settings.json")
        harness = WindowHarness(qtbot, qapp, station_data, **window_args)
        opened.append(harness)
        return harness

    yield make
    for harness in opened:
        harness.close()
