"""The real window on a private Xvfb screen, driven with real X key events (xdotool).

Each module gets its own app process and data dir; all share one X server,
started on a free display number and killed at the end of the session. The
window runs with QT_QPA_PLATFORM=xcb on that screen, whatever the suite's
own Qt platform is (offscreen under ./dev.sh test).
"""

from __future__ import annotations

import pytest

from tests.support.station_app import open_app
from tests.support.xserver import start_xvfb


@pytest.fixture(scope="session")
def x_server():
    server = start_xvfb()
    yield server
    server.stop()


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
