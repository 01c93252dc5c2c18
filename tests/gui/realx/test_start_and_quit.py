"""Start-up records nothing unasked, and Ctrl+Q quits (it was bound twice and did nothing)."""

from __future__ import annotations

from tests.support.station_app import open_app


def test_the_test_camera_starts_no_order_and_ctrl_q_quits(x_server, tmp_path_factory):
    app = open_app(x_server, tmp_path_factory)  # camera reading on, as a shop gets it
    try:
        # The station says it does not read the test scene's label (the reason no order starts).
        app.wait_for_log(r"camera barcode reading is off for a test source")
        assert app.look()["order"] is None
        app.keyboard.focus(app.window)
        app.keyboard.key("ctrl+q")
        app.wait_until(lambda: not app.alive, 60, "the app to quit on Ctrl+Q")
        assert app.proc.returncode == 0
        assert any("station stopped" in line for line in app.log_lines())
        assert not any("scan accepted" in line for line in app.log_lines())
        assert app.search() == []
    finally:
        app.close()
