"""`packseal record --order … --scan … --return-of …`: the check's facts in the JSON, the signed entry
and the seal file; with no order data, exactly as before."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from packseal.compose import open_services
from packseal.core.ledger import read_seal, verify_clip
from packseal.core.settings import Settings, save_settings
from tests.support.bench_orders import CANCELLED, LID, MUG, PAID, RETURN, WRONG_ITEM, store_orders

SOURCE = "test:320x240@10"


def make_data(tmp_path: Path, *, orders: bool) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    save_settings(Settings(station_name="Bench 1", width=320, height=240, fps=10, encoder="libx264", quality=32,
                           preset="ultrafast", segment_s=1.0, preroll_s=0.5, postroll_s=0.5, reserve_mb=0),
                  data / "settings.json")
    if orders:
        services = open_services(data)
        try:
            store_orders(services.orders)
        finally:
            services.close()
    return data


def record(data: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "packseal", "--data-dir", str(data), "record", "--source", SOURCE,
                           "--json", *args], capture_output=True, text=True, timeout=180)


def sealed_packing(out: dict) -> dict | None:
    """The packing record as the seal file beside the clip holds it (the signed entry's body)."""
    assert verify_clip(Path(out["clip"])).ok
    return read_seal(Path(out["seal"]))["entry"]["body"].get("packing")


def test_with_no_order_data_the_clip_is_sealed_exactly_as_before(tmp_path):
    data = make_data(tmp_path, orders=False)
    proc = record(data, "--order", PAID, "--seconds", "1.5", "--scan", f"{MUG}@0.5")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert (out["kind"], out["outcome"], out["items"], out["wrong_scans"]) == ("shipment", "not-checked", [], [])
    assert out["weight_g"] is None and out["linked_order"] is None
    assert sealed_packing(out) is None  # no packing member at all


def test_items_scanned_right_wrong_and_once_too_often_are_in_the_json_and_the_seal(tmp_path):
    data = make_data(tmp_path, orders=True)
    proc = record(data, "--order", PAID, "--seconds", "2.5", "--scan", f"{MUG}@0.3", "--scan", f"{WRONG_ITEM}@0.6",
                  "--scan", f"{MUG}@0.9", "--scan", f"{MUG}@1.2", "--scan", f"{LID}@1.5")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["outcome"] == "complete" and out["kind"] == "shipment"
    assert [(i["name"], i["expected"], i["scanned"]) for i in out["items"]] == [
        ("Red mug 350 ml", 2, 2), ("Bamboo lid", 1, 1)]
    assert [(w["code"], w["result"]) for w in out["wrong_scans"]] == [(WRONG_ITEM, "wrong"), (MUG, "extra")]
    packing = sealed_packing(out)
    assert packing["outcome"] == out["outcome"] and packing["order"] == "TB1001"
    assert packing["items"] == out["items"] and packing["wrong_scans"] == out["wrong_scans"]
    assert len(packing["scans"]) == 5


def test_items_missing_at_the_end_seal_the_order_incomplete(tmp_path):
    data = make_data(tmp_path, orders=True)
    proc = record(data, "--order", PAID, "--seconds", "1.5", "--scan", f"{MUG}@0.5")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["outcome"] == "incomplete"
    assert [(w["warning"], w["decision"]) for w in out["warnings"]] == [("items-missing", "confirmed")]
    assert sealed_packing(out)["warnings"] == out["warnings"]


def test_a_cancelled_order_is_dropped_on_request_and_recorded_with_the_warning_otherwise(tmp_path):
    data = make_data(tmp_path, orders=True)
    proc = record(data, "--order", CANCELLED, "--seconds", "1", "--refuse-warnings")
    assert proc.returncode != 0 and "cancelled" in proc.stderr
    services = open_services(data)
    try:
        dropped = [e.body for e in services.ledger.entries() if e.kind == "scan"]
        assert [(b["code"], b["action"], b["warning"]) for b in dropped] == [(CANCELLED, "dropped", "cancelled")]
        assert services.catalog.search(limit=5) == []
    finally:
        services.close()
    proc = record(data, "--order", CANCELLED, "--seconds", "1")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert [(w["warning"], w["decision"]) for w in out["warnings"]][0] == ("cancelled", "confirmed")
    assert sealed_packing(out)["order_status"] == "cancelled"


def test_a_return_is_recorded_linked_to_its_shipment(tmp_path):
    data = make_data(tmp_path, orders=True)
    proc = record(data, "--order", RETURN, "--seconds", "1.5", "--return-of", "TB1001", "--scan", f"{MUG}@0.5")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["kind"] == "return" and out["linked_order"] == "TB1001"
    packing = sealed_packing(out)
    assert packing["kind"] == "return" and packing["linked_order"] == "TB1001"
    assert packing["items"][0]["scanned"] == 1  # the shipment's items, checked as they come out of the box


@pytest.mark.parametrize("bad", ["6901234567892", "@2", "X@soon", "X@-1"])
def test_a_malformed_scan_is_refused_before_anything_records(tmp_path, bad):
    data = make_data(tmp_path, orders=False)
    proc = record(data, "--order", PAID, "--seconds", "1", "--scan", bad)
    assert proc.returncode == 2 and "BARCODE@SECONDS" in proc.stderr
