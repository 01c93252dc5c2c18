"""The Orders page with real X key events: a waybill scanned into its search box is searched
for (not started as an order), and the order's items and notes are shown."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.station_app import is_scan_line


def test_a_waybill_scanned_into_the_order_search_finds_the_order_and_records_nothing(front, tmp_path):
    export = tmp_path / "orders.csv"
    export.write_text("order_id,waybill,sku,name,qty,status,buyer_note\n"
                      "RX-1,SF7000000000007,CUP-1,Mug,2,to_ship,handle with care\n"
                      "RX-2,YT7000000000002,TEA-1,Tea,1,cancelled,\n", encoding="utf-8")
    proc = subprocess.run([str(Path(sys.executable).parent / "packseal"), "--data-dir", str(front.data_dir),
                           "orders", "import", str(export), "--profile", "packseal"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    front.ask("page orders")
    front.focus_widget("orders.search")
    before = len(front.log_lines())
    front.keyboard.scan("SF7000000000007", 8)  # as fast as a scanner, Enter at the end
    front.wait_until(lambda: front.text("orders.search") == "SF7000000000007", 20, "the code in the search box")
    front.wait_until(lambda: front.ask("call orders.table.rowCount")["result"] == "1", 20, "one order found")
    assert "RX-1" in front.ask("call orders.title.text")["result"]
    assert "handle with care" in front.ask("call orders.facts.text")["result"]
    assert front.look()["order"] in (None, "")  # nothing started recording
    assert not [line for line in front.log_lines()[before:] if is_scan_line(line)]
