"""Orders for tests of the bench, written into a data dir's real order store."""

from __future__ import annotations

from packseal.core.orders.model import OrderItem
from packseal.core.orders.update import OrderUpdate

PAID = "SF1234567890123"         # TB1001: 2 red mugs and a lid, paid
CANCELLED = "SF1111111111111"    # TB2002: cancelled after its label was printed
REFUNDED = "SF2222222222222"     # TB3003: refunded
RETURN = "YT1234567890123"       # the return waybill of TB1001
PAID2 = "SF4444444444444"        # TB4004: a teapot and a cup, paid
TEAPOT, CUP = "6901234567878", "6901234567908"
MUG, LID = "6901234567892", "LID-01"
WRONG_ITEM = "4006381333931"     # a valid EAN-13 of no item of any order

UPDATES = [
    OrderUpdate("TB1001", waybills=[PAID], return_waybills=[RETURN], status="paid", weight_g=800,
                buyer_note="Please wrap it as a gift", seller_note="Fragile: two layers of bubble wrap",
                items=[OrderItem(sku="MUG-RED", barcode=MUG, name="Red mug 350 ml", qty=2),
                       OrderItem(sku=LID, barcode="", name="Bamboo lid", qty=1)]),
    OrderUpdate("TB4004", waybills=[PAID2], status="paid",
                items=[OrderItem(sku="POT-1", barcode=TEAPOT, name="Teapot", qty=1),
                       OrderItem(sku="CUP-1", barcode=CUP, name="Tea cup", qty=2)]),
    OrderUpdate("TB2002", waybills=[CANCELLED], status="cancelled",
                items=[OrderItem(sku="TEA-1", barcode="6907992100012", name="Green tea 250 g", qty=1)]),
    OrderUpdate("TB3003", waybills=[REFUNDED], status="refunded",
                items=[OrderItem(sku="CUP-2", barcode="6901234567885", name="Glass cup", qty=1)]),
]


def store_orders(store) -> None:
    """Import the test orders into ``store`` (an OrderStore)."""
    store.merge(UPDATES, source="tests")


def bench_data_dir(data):
    """A new data dir at ``data`` for a small, fast test station with the test orders; its Services."""
    from packseal.compose import open_services
    from packseal.core.settings import Settings, save_settings

    data.mkdir()
    save_settings(Settings(station_name="Bench 1", width=320, height=240, fps=10, encoder="libx264", quality=32,
                           preset="ultrafast", segment_s=1.0, preroll_s=0.5, postroll_s=0.5, reserve_mb=0),
                  data / "settings.json")
    services = open_services(data)
    store_orders(services.orders)
    return services
