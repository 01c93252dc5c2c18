"""The real window on a private Xvfb screen, driven with real X key events (xdotool).

Each module gets its own app process and data dir; all share one X server,
started on a free display number and killed at the end of the session. The
window runs with QT_QPA_PLATFORM=xcb on that screen, whatever the suite's
own Qt platform is (offscreen under ./dev.sh test).
"""

from __future__ import annotations

import dataclasses

import pytest

from packseal.core.recording.rule_settings import default_rule_settings
from packseal.core.settings import save_settings
from tests.gui.conftest import FAST
from tests.support.station_app import StationApp
from tests.support.xserver import start_xvfb


@pytest.fixture(scope="session")
def x_server():
    server = start_xvfb()
    yield server
    server.stop()


def open_app(x_server, tmp_path_factory, **settings) -> StationApp:
    data = tmp_path_factory.mktemp("realx") / "data"
    data.mkdir()
    # The suite's fast settings, but the camera's barcode reading left as a shop gets it. These tests are
    # about keys, not order rules: any code that is not a product barcode is an order here.
    rules = {**default_rule_settings(), "accept_any": True}
    settings = {"order_rules": rules, **settings}
    save_settings(dataclasses.replace(FAST, camera_barcodes=True, **settings), data / "settings.json")
    return StationApp(x_server, data)


@pytest.fixture(scope="module")
def station(x_server, tmp_path_factory):
    app = open_app(x_server, tmp_path_factory)
    yield app
    app.close()


@pytest.fixture
def front(station):
    """The station page in front, no dialog open, the keyboard on the main window."""
    station.ask("close-dialogs")
    station.ask("page station")
    station.focus_widget("view")
    return station
