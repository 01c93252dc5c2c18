"""Every kind of tampering is caught and named: which code, which entry, which file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from packseal.core.errors import LedgerError, StorageError
from packseal.core.ledger import StationKey, verify_data_dir
from packseal.core.ledger import report as R
from packseal.core.ledger.entry import Entry

from .conftest import Station, StepClock, open_ledger, resign, retire_file, seal_segment


def problems(report, code):
    return [p for p in report.problems if p.code == code]


def only_problem(report, code):
    assert report.problems, "expected a problem, the report is clean"
    found = problems(report, code)
    assert found, f"no {code} in {[p.line() for p in report.problems]}"
    return found


def test_untouched_data_dir_passes(station: Station) -> None:
    report = verify_data_dir(station.layout)
    assert report.ok, report.format_text()
    assert report.exit_code == 0
    assert report.checked["entries"] == 12
    assert report.checked["signatures"] == 12
    assert report.checked["files_hashed"] == 6  # 3 segments + 3 clips
    assert report.checked["seals"] == 3
    assert report.checked["checkpoint_file"] == 1
    assert report.warnings == []
    as_json = report.to_json()
    assert as_json["ok"] is True and as_json["exit_code"] == 0
    json.dumps(as_json)  # serialisable
    assert "OK" in report.format_text()


def test_flipped_byte_in_clip(station: Station) -> None:
    path, entry = station.clips["SF1002"]
    data = bytearray(path.read_bytes())
    data[1000] ^= 0x01
    path.write_bytes(bytes(data))
    report = verify_data_dir(station.layout)
    [p] = only_problem(report, R.FILE_HASH_MISMATCH)
    assert (p.seq, p.file) == (entry.seq, "clips/2025-06-01/SF1002.mp4")
    assert report.exit_code == 1
    assert len(report.problems) == 1


def test_truncated_segment(station: Station) -> None:
    path, entry = station.segments[1]
    with open(path, "r+b") as fh:
        fh.truncate(5000)
    report = verify_data_dir(station.layout)
    [p] = only_problem(report, R.FILE_TRUNCATED)
    assert (p.seq, p.file) == (entry.seq, "tape/cam0/seg-000001.ts")
    assert "5000 bytes" in p.message


def test_clip_replaced_by_another_clip(station: Station) -> None:
    target, target_entry = station.clips["SF1001"]
    other, other_entry = station.clips["SF1003"]
    shutil.copyfile(other, target)
    report = verify_data_dir(station.layout)
    [p] = only_problem(report, R.FILE_REPLACED)
    assert (p.seq, p.file) == (target_entry.seq, "clips/2025-06-01/SF1001.mp4")
    assert f"entry {other_entry.seq}" in p.message


def test_clip_deleted_without_retention(station: Station) -> None:
    path, entry = station.clips["SF1003"]
    path.unlink()
    report = verify_data_dir(station.layout)
    [p] = only_problem(report, R.FILE_MISSING)
    assert (p.seq, p.file) == (entry.seq, "clips/2025-06-01/SF1003.mp4")


def test_segment_deleted_with_retention_is_fine(station: Station) -> None:
    layout = station.layout
    path, entry = station.segments[0]
    with open_ledger(layout) as ledger:
        retention = retire_file(ledger, layout, path, entry, "idle-tape-expired")
    report = verify_data_dir(layout)
    assert report.ok, report.format_text()
    [note] = [n for n in report.info if n.code == R.FILE_RETAINED]
    assert (note.seq, note.file) == (entry.seq, "tape/cam0/seg-000000.ts")
    assert f"retention entry {retention.seq}" in note.message


def test_retention_entry_for_the_wrong_file_is_a_problem(station: Station) -> None:
    layout = station.layout
    path, entry = station.segments[0]
    _other_path, other = station.segments[1]
    with open_ledger(layout) as ledger:
        path.unlink()
        bad = ledger.append("retention", {"file": layout.relative(path), "sha256": entry.body["sha256"],
                                          "sealed_by": other.seq, "reason": "idle-tape-expired"})
    report = verify_data_dir(layout)
    [p] = only_problem(report, R.RETENTION_MISMATCH)
    assert p.seq == bad.seq
    # ...and the file counts as deleted without a valid retention.
    [missing] = only_problem(report, R.FILE_MISSING)
    assert missing.seq == entry.seq


def test_deleted_entry(station: Station) -> None:
    lines = station.lines()
    del lines[4]
    station.write_lines(lines)
    report = verify_data_dir(station.layout)
    [gap] = only_problem(report, R.SEQ_GAP)
    assert gap.seq == 4 and gap.file == "ledger/ledger-000001.jsonl"
    # The checkpoints over the old history no longer match it.
    assert problems(report, R.CHECKPOINT_ROOT_MISMATCH)


def test_inserted_duplicate_entry(station: Station) -> None:
    lines = station.lines()
    lines.insert(6, lines[5])
    station.write_lines(lines)
    report = verify_data_dir(station.layout)
    [p] = only_problem(report, R.SEQ_OUT_OF_ORDER)
    assert p.seq == 5


def test_inserted_forged_entry(station: Station) -> None:
    lines = station.lines()
    after = Entry.from_line(lines[5].rstrip(b"\n"))
    forged = json.loads(lines[6])
    forged.update(prev=after.hash, body={"code": "FAKE", "scan_time": "2025-06-01T08:00:30.000Z"})
    lines.insert(6, resign(StationKey.generate(), forged))
    station.write_lines(lines)
    report = verify_data_dir(station.layout)
    [key] = only_problem(report, R.KEY_MISMATCH)
    assert key.seq == 6
    [order] = only_problem(report, R.SEQ_OUT_OF_ORDER)
    assert order.seq == 6  # the genuine entry 6, now after the forgery


def test_reordered_entries(station: Station) -> None:
    lines = station.lines()
    lines[5], lines[6] = lines[6], lines[5]
    station.write_lines(lines)
    report = verify_data_dir(station.layout)
    [p] = only_problem(report, R.SEQ_OUT_OF_ORDER)
    assert p.seq == 5
    [gap] = only_problem(report, R.SEQ_GAP)
    assert gap.seq == 5


def test_edited_entry(station: Station) -> None:
    lines = station.lines()
    _path, clip = station.clips["SF1002"]
    lines[clip.seq] = lines[clip.seq].replace(b'"order_id":"SF1002"', b'"order_id":"SF9999"')
    station.write_lines(lines)
    report = verify_data_dir(station.layout)
    [sig] = only_problem(report, R.BAD_SIGNATURE)
    assert sig.seq == clip.seq
    [prev] = only_problem(report, R.PREV_MISMATCH)
    assert prev.seq == clip.seq + 1


def test_forged_signature(station: Station) -> None:
    """An edited entry re-signed by another key but still claiming the station's key id."""
    lines = station.lines()
    _path, clip = station.clips["SF1001"]
    edited = json.loads(lines[clip.seq])
    edited["body"]["order_id"] = "SF0000"
    attacker = StationKey.generate()
    line = json.loads(resign(attacker, edited))
    line["key"] = clip.key  # pretend the station signed it
    lines[clip.seq] = json.dumps(line, separators=(",", ":"), sort_keys=True).encode() + b"\n"
    station.write_lines(lines)
    report = verify_data_dir(station.layout)
    [p] = only_problem(report, R.BAD_SIGNATURE)
    assert p.seq == clip.seq


def test_swapped_public_key(station: Station) -> None:
    """The whole ledger re-signed, consistently, under an attacker's key."""
    attacker = StationKey.generate()
    prev = "0" * 64
    rewritten = []
    for raw in station.lines():
        d = json.loads(raw)
        d["prev"] = prev
        if d["kind"] == "genesis":
            d["body"].update(public_key=attacker.public.raw_b64, key_id=attacker.key_id)
        line = resign(attacker, d)
        prev = Entry.from_line(line.rstrip(b"\n")).hash
        rewritten.append(line)
    station.write_lines(rewritten)
    report = verify_data_dir(station.layout)
    [swap] = only_problem(report, R.KEY_SWAPPED)
    assert swap.seq == 0
    seal_keys = only_problem(report, R.SEAL_KEY_MISMATCH)
    assert {p.file for p in seal_keys} == {f"clips/2025-06-01/{o}.mp4.seal.json"
                                           for o in ("SF1001", "SF1002", "SF1003")}
    # checkpoint.json, signed by the real station key, no longer matches the history.
    [rollback] = only_problem(report, R.LEDGER_ROLLED_BACK)
    assert rollback.file == "ledger/checkpoint.json"


def test_rolled_back_to_fewer_entries(station: Station) -> None:
    lines = station.lines()
    station.write_lines(lines[:9])  # back to just after the first checkpoint
    report = verify_data_dir(station.layout)
    [p] = only_problem(report, R.LEDGER_ROLLED_BACK)
    assert p.seq == 11 and p.file == "ledger/checkpoint.json"
    assert "ends at entry 8" in p.message


def test_rolled_back_to_different_entries(station: Station) -> None:
    """An insider with the key rewrites history after checkpoint.json was saved."""
    lines = station.lines()
    genesis = Entry.from_line(lines[0].rstrip(b"\n"))
    key = station.station_key(genesis.key)
    rewritten, prev = [lines[0]], genesis.hash
    for raw in lines[1:]:
        d = json.loads(raw)
        if d["kind"] == "checkpoint":
            continue  # the old checkpoints' roots would give it away
        if d["kind"] == "scan":
            d["body"]["code"] = "REWRITTEN"
        d.update(seq=len(rewritten), prev=prev)
        line = resign(key, d)
        prev = Entry.from_line(line.rstrip(b"\n")).hash
        rewritten.append(line)
    station.write_lines(rewritten)
    with open_ledger(station.layout) as ledger:  # and keep recording: now longer than before
        for i in range(4):
            seal_segment(station.layout, ledger, 100 + i)
    report = verify_data_dir(station.layout)
    [p] = only_problem(report, R.LEDGER_ROLLED_BACK)
    assert p.seq == 11 and p.file == "ledger/checkpoint.json"
    assert "different history" in p.message


def test_clock_going_backwards_is_a_warning(layout) -> None:
    clock = StepClock()
    with open_ledger(layout, clock=clock) as ledger:
        ledger.append("scan", {"code": "A", "scan_time": "2025-06-01T08:00:00.000Z"})
        clock.back()
        late = ledger.append("scan", {"code": "B", "scan_time": "2025-06-01T08:00:00.000Z"})
    report = verify_data_dir(layout)
    assert report.ok
    [w] = [w for w in report.warnings if w.code == R.CLOCK_BACKWARDS]
    assert w.seq == late.seq


def test_checkpoint_with_wrong_root(station: Station) -> None:
    lines = station.lines()
    last = Entry.from_line(lines[-1].rstrip(b"\n"))
    key = station.station_key(last.key)
    bad = {"seq": last.seq + 1, "prev": last.hash, "time": "2025-06-01T09:00:00.000Z",
           "station": last.station, "kind": "checkpoint",
           "body": {"tree_size": last.seq + 1, "root_hash": "ab" * 32}}
    station.write_lines(lines + [resign(key, bad)])
    report = verify_data_dir(station.layout)
    [p] = only_problem(report, R.CHECKPOINT_ROOT_MISMATCH)
    assert p.seq == last.seq + 1


def test_path_leaving_the_data_dir(station: Station, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.ts").write_bytes(b"x")
    (station.layout.tape_root / "escape").symlink_to(outside, target_is_directory=True)
    lines = station.lines()
    last = Entry.from_line(lines[-1].rstrip(b"\n"))
    key = station.station_key(last.key)
    entries = []
    prev = last.hash
    for seq, name in ((last.seq + 1, "tape/escape/x.ts"), (last.seq + 2, "../../outside/x.ts")):
        d = {"seq": seq, "prev": prev, "time": "2025-06-01T09:00:00.000Z", "station": last.station,
             "kind": "segment", "body": {"camera": "cam0", "seq": 9, "file": name, "sha256": "0" * 64,
                                         "bytes": 1, "start": "2025-06-01T09:00:00.000Z",
                                         "end": "2025-06-01T09:00:02.000Z", "frames": 60}}
        line = resign(key, d)
        prev = Entry.from_line(line.rstrip(b"\n")).hash
        entries.append(line)
    station.write_lines(lines + entries)
    report = verify_data_dir(station.layout)
    found = only_problem(report, R.PATH_OUTSIDE)
    assert {(p.seq, p.file) for p in found} == {(last.seq + 1, "tape/escape/x.ts"),
                                                 (last.seq + 2, "../../outside/x.ts")}


def test_deleted_ledger_file(layout) -> None:
    with open_ledger(layout, max_entries_per_file=4) as ledger:
        for i in range(10):
            ledger.append("scan", {"code": f"C{i}", "scan_time": "2025-06-01T08:00:00.000Z"})
    assert len(list(layout.ledger.glob("ledger-*.jsonl"))) == 3
    (layout.ledger / "ledger-000002.jsonl").unlink()
    report = verify_data_dir(layout)
    [p] = only_problem(report, R.LEDGER_FILE_MISSING)
    assert p.file == "ledger/ledger-000002.jsonl"
    [gap] = only_problem(report, R.SEQ_GAP)
    assert gap.seq == 4 and gap.file == "ledger/ledger-000003.jsonl"


def test_malformed_line(station: Station) -> None:
    lines = station.lines()
    lines[3] = b'{"this is": "not an entry"}\n'
    station.write_lines(lines)
    report = verify_data_dir(station.layout)
    [p] = only_problem(report, R.ENTRY_MALFORMED)
    assert p.file == "ledger/ledger-000001.jsonl" and "line 4" in p.message


def test_no_ledger_is_an_error_not_a_verdict(layout) -> None:
    with pytest.raises(LedgerError, match="no ledger"):
        verify_data_dir(layout)


def test_unreadable_ledger_folder_raises_storage_error(station: Station) -> None:
    ledger_dir = station.layout.ledger
    shutil.rmtree(ledger_dir)
    ledger_dir.write_bytes(b"not a folder")  # listing it fails with an OS error
    with pytest.raises(StorageError):
        verify_data_dir(station.layout)


def test_unfinished_last_line_is_a_warning(station: Station) -> None:
    with open(station.layout.ledger / "ledger-000001.jsonl", "ab") as fh:
        fh.write(b'{"body":{"code":"SF10')
    report = verify_data_dir(station.layout)
    assert report.ok
    assert [w.code for w in report.warnings] == [R.TORN_LINE]


def test_format_text_names_every_problem(station: Station) -> None:
    for order in ("SF1001", "SF1002"):
        station.clips[order][0].unlink()
    text = verify_data_dir(station.layout).format_text()
    assert "FAILED: 2 problem(s)" in text
    assert "clips/2025-06-01/SF1001.mp4" in text and "clips/2025-06-01/SF1002.mp4" in text
