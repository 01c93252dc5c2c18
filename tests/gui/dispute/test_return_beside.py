"""The dispute view shows the return's unboxing beside the shipment's packing when the order has a return."""

from __future__ import annotations

from tests.support.framecode import read_code
from tests.support.packed_day import RETURN, SHIPMENT, WRONG, seal_packed_days


def test_the_return_is_offered_and_shown_beside_the_shipment(qtbot, services, dispute):
    days = seal_packed_days(services)
    panel = dispute.return_beside
    dispute.order_edit.setText(SHIPMENT)
    dispute.order_edit.returnPressed.emit()
    qtbot.waitUntil(lambda: panel.isVisible() and panel.frames is not None, timeout=20_000)
    shipment, ret = panel.frames
    assert (shipment.clip.order_id, shipment.kind, ret.clip.order_id, ret.kind) == \
        (SHIPMENT, "shipment", RETURN, "return")
    assert len(shipment.frames) == len(ret.frames) == 4
    # The frames are the clips' own: each numbered frame of the test clips says which frame it is.
    codes = [read_code(f.image()) for f in ret.frames]
    assert codes == sorted(codes) and len(set(codes)) == 4
    assert ret.frames[0].captured_at >= days.clips[RETURN].start
    assert not panel.grid_host.isVisible()
    panel.toggle.click()
    qtbot.waitUntil(panel.grid_host.isVisible, timeout=5_000)
    assert "came back as return" in panel.summary.text() and RETURN in panel.summary.text()
    assert panel.toggle.text() == "Hide the return"


def test_from_the_return_the_shipment_is_on_top_and_an_order_without_one_shows_nothing(qtbot, services, dispute):
    seal_packed_days(services)
    panel = dispute.return_beside
    dispute.order_edit.setText(RETURN)
    dispute.order_edit.returnPressed.emit()
    qtbot.waitUntil(lambda: panel.frames is not None, timeout=20_000)
    assert [f.kind for f in panel.frames] == ["shipment", "return"]
    dispute.order_edit.setText(WRONG)
    dispute.order_edit.returnPressed.emit()
    qtbot.waitUntil(lambda: dispute._clip is not None and dispute._clip.order_id == WRONG, timeout=20_000)
    qtbot.waitUntil(lambda: not panel.isVisible(), timeout=5_000)
    assert panel.frames is None
