"""The library by keyboard on a real X screen: a shipment's return and back with Ctrl+L, real key events."""

from __future__ import annotations

import pytest

from packseal.compose import open_services
from tests.support.packed_day import RETURN, SHIPMENT, seal_packed_days
from tests.support.station_app import open_app


def _seal(data) -> None:
    services = open_services(data)
    try:
        seal_packed_days(services)
    finally:
        services.close()


@pytest.fixture(scope="module")
def library(x_server, tmp_path_factory):
    app = open_app(x_server, tmp_path_factory, prepare=_seal)
    yield app
    app.close()


def test_ctrl_l_opens_the_return_of_the_selected_shipment_and_back(library):
    app = library
    app.ask("close-dialogs")
    app.ask("page library")
    app.wait_until(lambda: app.ask("call library.model.rowCount")["result"] == "6", 30, "six clips listed")
    app.focus_widget("library.table")
    app.keyboard.key("ctrl+End")  # the oldest clip: the shipment SF2026031400001, which came back
    app.wait_until(lambda: SHIPMENT in app.ask("call library.header.text")["result"], 20, "the shipment shown")
    app.wait_until(lambda: app.ask("call library.packing_panel.open_button.isVisible")["result"] == "True",
                   20, "the return offered")
    app.keyboard.key("ctrl+l")
    app.wait_until(lambda: RETURN in app.ask("call library.header.text")["result"], 20, "the return shown")
    assert app.text("library.filter_bar.search_box") == RETURN
    app.keyboard.key("ctrl+l")
    app.wait_until(lambda: SHIPMENT in app.ask("call library.header.text")["result"], 20, "the shipment again")
    assert app.text("library.filter_bar.search_box") == SHIPMENT
    log = "\n".join(app.log_lines())
    assert "scan accepted" not in log  # keys in the library never became a scan
