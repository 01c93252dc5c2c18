"""The bench kept on disk: the order's check next to its open-order record, the packer and the
returns mode in the bench file; damaged or missing files start a clean bench and never stop the recorder.

(A recorder process really killed mid-order: tests/core/remote/test_bench_after_kill.py.)
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timezone

import pytest

from packseal.core.events import EventHub
from packseal.core.packing.check import OrderCheck
from packseal.core.packing.saved import CheckDataError, check_from_data, check_to_data
from packseal.core.recording.bench_file import BenchFile, BenchSaved
from packseal.core.recording.open_orders import OpenOrders
from packseal.core.recording.recorder import Recorder
from tests.core.packing.test_check import Lookup
from tests.core.recording.test_bench import LID, MUG, ORDER, WAYBILL

T = datetime(2026, 12, 2, 9, 30, 1, 123456, tzinfo=timezone.utc)


@pytest.fixture
def make(tmp_path):
    made = []

    def recorder(**kw) -> Recorder:
        rec = Recorder(EventHub(), clips_root=tmp_path / "clips", station="Bench 1",
                       open_orders=OpenOrders(tmp_path / "state"), bench_file=BenchFile(tmp_path / "state"), **kw)
        rec.lookup = Lookup(ORDER)
        made.append(rec)
        return rec

    yield recorder
    for rec in made:
        rec.close()


def test_a_check_read_back_is_the_check_that_was_kept():
    check = OrderCheck(WAYBILL, ORDER, packer="PACKER-ANN")
    check.scan(MUG, T)
    check.scan("4006381333931", T)
    check.warn_missing("confirmed", T)
    again = check_from_data(json.loads(json.dumps(check_to_data(check))))
    assert again.record() == check.record()
    assert again.scans == check.scans and again.order == check.order and again.items == check.items
    assert again.scans[0].time == T  # microseconds kept


@pytest.mark.parametrize("data", [None, [], {"format": "packseal-check/9"}, {"format": "packseal-check/1"},
                                  {**check_to_data(OrderCheck(WAYBILL)), "scans": [{"code": "x"}]},
                                  {**check_to_data(OrderCheck(WAYBILL)), "kind": "gift"},
                                  {**check_to_data(OrderCheck(WAYBILL)), "warnings": [
                                      {"warning": "w", "decision": "shown", "time": "2026-12-02T09:30:00",
                                       "detail": "", "clip_seq": None}]}])
def test_a_damaged_saved_check_is_refused_with_a_reason(data):
    with pytest.raises(CheckDataError):
        check_from_data(data)


def test_each_change_of_the_check_is_on_disk_and_the_stop_keeps_its_record(make, tmp_path):
    rec = make()
    rec.scan("PACKER-ANN")
    assert rec.scan(WAYBILL) == "start"
    opened, = OpenOrders(tmp_path / "state").read()
    assert opened.saved_check().packer == "PACKER-ANN" and opened.saved_check().scans == []
    assert rec.scan(MUG) == "item"
    assert [s.code for s in OpenOrders(tmp_path / "state").read()[0].saved_check().scans] == [MUG]
    assert rec.scan(LID) == "item"
    rec.stop(missing="shown")
    stopped, = OpenOrders(tmp_path / "state").read()
    assert stopped.check is None and stopped.stop_utc is not None
    assert stopped.packing["packer"] == "PACKER-ANN" and [s["code"] for s in stopped.packing["scans"]] == [MUG, LID]
    assert BenchFile(tmp_path / "state").read() == BenchSaved("PACKER-ANN", False)


def test_the_next_recorder_signs_the_packer_in_again_with_the_returns_mode(make):
    first = make()
    first.scan("PACKER-BO")
    first.set_returns_mode(True)
    second = make()
    assert (second.packer, second.returns_mode) == ("PACKER-BO", True)
    assert second.bench_state().packer == "PACKER-BO"
    second.forget_bench()  # the recorder closed the normal way
    third = make()
    assert (third.packer, third.returns_mode) == ("", False)


@pytest.mark.parametrize("text", ["{not json", '{"format": "packseal-bench/1", "packer": 7}', "[]", ""])
def test_a_damaged_bench_file_starts_a_clean_bench_and_says_so(make, tmp_path, caplog, text):
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / "bench-cam0.json").write_text(text, encoding="utf-8")
    with caplog.at_level(logging.ERROR):
        rec = make()
    assert (rec.packer, rec.returns_mode) == ("", False)
    assert "damaged" in caplog.text
    rec.scan("PACKER-ANN")  # and it is written anew
    assert BenchFile(tmp_path / "state").read().packer == "PACKER-ANN"


def test_an_unwritable_state_folder_is_logged_and_the_order_records_on(make, tmp_path, caplog):
    (tmp_path / "state").write_text("a file where the folder should be", encoding="utf-8")
    rec = make()
    with caplog.at_level(logging.ERROR):
        assert rec.scan("PACKER-ANN") == "sign-in"
        assert rec.scan(WAYBILL) == "start"
        assert rec.scan(MUG) == "item"
    assert rec.current_order == WAYBILL and rec.packer == "PACKER-ANN"
    assert "could not write" in caplog.text


def test_a_resumed_order_goes_on_with_its_check_or_without_a_damaged_one(make, tmp_path, caplog):
    rec = make()
    rec.scan("PACKER-ANN")
    rec.scan(WAYBILL)
    rec.scan(MUG)
    kept, = OpenOrders(tmp_path / "state").read()
    rec.cancel()

    later = make()
    later.resume(WAYBILL, kept.scan, [], check=kept.saved_check())
    state = later.bench_state().check
    assert [s.code for s in state.scans] == [MUG] and state.packer == "PACKER-ANN"
    assert later.scan(MUG) == "item"
    later.cancel()

    damaged = kept.__class__(**{**kept.__dict__, "check": {"format": "packseal-check/1", "code": WAYBILL}})
    with caplog.at_level(logging.ERROR):
        assert damaged.saved_check() is None
    assert "damaged" in caplog.text
    last = make()
    last.resume(WAYBILL, kept.scan, [], check=damaged.saved_check())
    fresh = last.bench_state().check
    assert fresh.scans == () and fresh.order_id == "TB1001" and fresh.packer == "PACKER-ANN"
