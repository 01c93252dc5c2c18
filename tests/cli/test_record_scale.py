"""`packseal record --scale PORT[:BAUD]` with the pseudo-terminal scale: the stable weight at stop in the
JSON and in the clip's signed packing record, the tolerance check, and a scale that is not there."""

from __future__ import annotations

import json
import sys

import pytest

from tests.cli.test_record_order import make_data, record, sealed_packing
from tests.support.bench_orders import PAID
from tests.support.scale_sim import ScaleSimulator

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(sys.platform == "win32", reason="the scale simulator is a POSIX pseudo-terminal")]


@pytest.fixture
def sim(tmp_path):
    scale = ScaleSimulator(tmp_path, "st-us", grams=812).start()
    yield scale
    scale.stop()


def test_the_stable_weight_at_stop_is_in_the_json_and_the_seal(tmp_path, sim):
    data = make_data(tmp_path, orders=True)  # the order expects 800 g; the default tolerance is 50 g
    proc = record(data, "--order", PAID, "--seconds", "1.5", "--scale", f"{sim.path}:9600")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["weight_g"] == 812
    assert not [w for w in out["warnings"] if w["warning"] == "weight"]
    packing = sealed_packing(out)
    assert (packing["weight_g"], packing["expected_weight_g"], packing["weight_tolerance_g"]) == (812, 800, 50)
    assert json.loads((data / "settings.json").read_text(encoding="utf-8"))["scale"]["port"] == ""  # not saved


def test_a_weight_outside_the_tolerance_is_sealed_with_a_weight_warning(tmp_path, sim):
    sim.set_weight(1234)
    data = make_data(tmp_path, orders=True)
    proc = record(data, "--order", PAID, "--seconds", "1.5", "--scale", str(sim.path))
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["weight_g"] == 1234
    weight_warnings = [w for w in sealed_packing(out)["warnings"] if w["warning"] == "weight"]
    assert len(weight_warnings) == 1 and weight_warnings[0]["decision"] == "shown"


def test_without_order_data_the_weight_alone_is_sealed(tmp_path, sim):
    data = make_data(tmp_path, orders=False)
    proc = record(data, "--order", PAID, "--seconds", "1.5", "--scale", str(sim.path))
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["weight_g"] == 812 and out["outcome"] == "not-checked"
    packing = sealed_packing(out)
    assert packing["weight_g"] == 812 and "expected_weight_g" not in packing


def test_a_scale_that_never_settles_gives_no_weight(tmp_path, sim):
    sim.set_weight(900, stable=False)
    data = make_data(tmp_path, orders=False)
    proc = record(data, "--order", PAID, "--seconds", "1.5", "--scale", str(sim.path))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["weight_g"] is None


def test_a_scale_that_is_not_there_records_the_clip_without_a_weight(tmp_path):
    data = make_data(tmp_path, orders=False)
    proc = record(data, "--order", PAID, "--seconds", "1.5", "--scale", str(tmp_path / "ttyNothing"))
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["weight_g"] is None and out["status"] == "complete"
    assert sealed_packing(out) is None  # no order data, no weight: no packing record, as before


def test_a_bad_scale_spec_is_a_usage_error(tmp_path):
    data = make_data(tmp_path, orders=False)
    proc = record(data, "--order", PAID, "--seconds", "1", "--scale", "/dev/ttyUSB0:7")
    assert proc.returncode == 2 and "baud rate" in proc.stderr
    assert not (data / "clips").exists() or not any((data / "clips").rglob("*.mp4"))
