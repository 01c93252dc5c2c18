"""Writing the ledger: genesis, resume, validation, rolling files, concurrency, crashes, rotation."""

from __future__ import annotations

import json
import multiprocessing
import threading

import pytest

from packseal.core.errors import BadInputError, LedgerError
from packseal.core.ledger import StationKey, verify_data_dir
from packseal.core.ledger import report as R
from packseal.core.ledger.canonical import ZERO_HASH, canonical
from packseal.core.ledger.entry import Entry
from packseal.core.ledger.keys import key_id_of
from packseal.core.ledger.merkle import leaf_hash, root
from packseal.core.storage.layout import DataLayout

from .conftest import SOFTWARE, STATION, Station, open_ledger, resign, seal_clip


def read_entries(layout: DataLayout) -> list[Entry]:
    entries = []
    for path in sorted(layout.ledger.glob("ledger-*.jsonl")):
        entries += [Entry.from_line(line) for line in path.read_bytes().splitlines()]
    return entries


def assert_unbroken(entries: list[Entry]) -> None:
    prev = ZERO_HASH
    for i, e in enumerate(entries):
        assert e.seq == i
        assert e.prev == prev
        prev = e.hash


def test_first_open_writes_genesis(layout: DataLayout) -> None:
    with open_ledger(layout) as ledger:
        genesis = ledger.last_entry
        key = ledger.public_key
    assert genesis.seq == 0 and genesis.kind == "genesis" and genesis.prev == ZERO_HASH
    assert genesis.body == {"public_key": key.raw_b64, "key_id": key.key_id, "station": STATION,
                            "software": SOFTWARE}
    assert genesis.key == key.key_id == key_id_of(key.raw)
    assert key.verify(genesis.signature, genesis.payload())
    line = (layout.ledger / "ledger-000001.jsonl").read_bytes()
    assert line == canonical(genesis.to_dict()) + b"\n"  # one canonical entry per line


def test_reopen_resumes_seq_prev_and_key(layout: DataLayout) -> None:
    with open_ledger(layout) as ledger:
        first = ledger.append("scan", {"code": "A", "scan_time": "2025-06-01T08:00:00.000Z"})
        key_id = ledger.key_id
    with open_ledger(layout) as ledger:
        assert ledger.last_seq == first.seq
        second = ledger.append("scan", {"code": "B", "scan_time": "2025-06-01T08:00:01.000Z"})
        assert ledger.key_id == key_id
    assert second.seq == first.seq + 1 and second.prev == first.hash
    assert_unbroken(read_entries(layout))
    assert len(read_entries(layout)) == 3  # no second genesis


@pytest.mark.parametrize("kind, body, message", [
    ("clipp", {}, "unknown ledger entry kind"),
    ("scan", {"code": "A", "scan_time": "2025-06-01T08:00:00.000Z", "weight": 1.5}, "float"),
    ("scan", {"code": "A"}, "lacks 'scan_time'"),
    ("scan", {"code": "A", "scan_time": "2025-06-01 08:00"}, "scan_time"),
    ("clip", {"order_id": "X", "scan_time": "2025-06-01T08:00:00.000Z", "start": "2025-06-01T08:00:00.000Z",
              "end": "2025-06-01T08:00:00.000Z", "file": "../etc/passwd", "sha256": "0" * 64, "bytes": 1,
              "duration_ms": 1, "frame_count": 1, "status": "complete"}, "relative to the data dir"),
    ("scan", {"code": "A", "scan_time": "2025-06-01T08:00:00.000Z", "n": 2 ** 60}, "canonical JSON"),
    ("genesis", {"public_key": "AAAA", "key_id": "0" * 16, "station": "x", "software": "y"},
     "written by the ledger"),
])
def test_append_refuses_bad_bodies(layout: DataLayout, kind: str, body: dict, message: str) -> None:
    with open_ledger(layout) as ledger:
        with pytest.raises(BadInputError, match=message):
            ledger.append(kind, body)
        assert ledger.last_seq == 0  # nothing was written


def test_files_roll_and_entries_read_back(layout: DataLayout) -> None:
    with open_ledger(layout, max_entries_per_file=10) as ledger:
        written = [ledger.append("scan", {"code": f"C{i}", "scan_time": "2025-06-01T08:00:00.000Z"})
                   for i in range(24)]
        assert [p.name for p in sorted(layout.ledger.glob("ledger-*.jsonl"))] == [
            "ledger-000001.jsonl", "ledger-000002.jsonl", "ledger-000003.jsonl"]
        assert [e.seq for e in ledger.entries()] == list(range(25))
        assert [e.seq for e in ledger.entries(17)] == list(range(17, 25))
        assert ledger.entry(13) == written[12]
        assert ledger.entry(24).hash == written[-1].hash
        with pytest.raises(LedgerError, match="no entry 25"):
            ledger.entry(25)
    with open_ledger(layout, max_entries_per_file=10) as ledger:  # resumes in the third file
        ledger.append("scan", {"code": "after", "scan_time": "2025-06-01T08:00:00.000Z"})
    assert len((layout.ledger / "ledger-000003.jsonl").read_bytes().splitlines()) == 6
    assert verify_data_dir(layout).ok


def test_roll_by_size(layout: DataLayout) -> None:
    with open_ledger(layout, max_bytes_per_file=2000) as ledger:
        for i in range(12):
            ledger.append("scan", {"code": "X" * 200, "scan_time": "2025-06-01T08:00:00.000Z"})
    sizes = [p.stat().st_size for p in sorted(layout.ledger.glob("ledger-*.jsonl"))]
    assert len(sizes) > 1 and all(s <= 2000 for s in sizes)
    assert_unbroken(read_entries(layout))


def test_threads_append_one_unbroken_chain(layout: DataLayout) -> None:
    with open_ledger(layout, max_entries_per_file=150) as ledger:
        def worker(n: int) -> None:
            for i in range(200):
                ledger.append("scan", {"code": f"T{n}-{i}", "scan_time": "2025-06-01T08:00:00.000Z"})

        threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert ledger.last_seq == 800
    entries = read_entries(layout)
    assert len(entries) == 801
    assert_unbroken(entries)
    codes = {e.body["code"] for e in entries[1:]}
    assert len(codes) == 800  # nothing lost, nothing doubled
    assert verify_data_dir(layout).ok


def _append_from_process(root: str, tag: str, count: int, start: multiprocessing.synchronize.Event) -> None:
    start.wait()
    with open_ledger(DataLayout.open(root), max_entries_per_file=70) as ledger:
        for i in range(count):
            ledger.append("scan", {"code": f"{tag}-{i}", "scan_time": "2025-06-01T08:00:00.000Z"})
        ledger.checkpoint()


def test_two_processes_append_one_unbroken_chain(layout: DataLayout) -> None:
    with open_ledger(layout):
        pass  # genesis, so both processes find an existing ledger
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Event()
    procs = [ctx.Process(target=_append_from_process, args=(str(layout.root), tag, 150, start))
             for tag in ("gui", "cli")]
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    entries = read_entries(layout)
    assert_unbroken(entries)
    scans = [e.body["code"] for e in entries if e.kind == "scan"]
    assert len(scans) == 300 and len(set(scans)) == 300
    assert sum(e.kind == "checkpoint" for e in entries) == 2
    report = verify_data_dir(layout)
    assert report.ok, report.format_text()
    assert report.checked["checkpoints"] == 2


def test_torn_last_line_is_moved_aside(station: Station) -> None:
    layout = station.layout
    path = layout.ledger / "ledger-000001.jsonl"
    before = path.read_bytes()
    last = Entry.from_line(before.splitlines()[-1])
    torn = b'{"body":{"code":"SF2000","scan_ti'
    path.write_bytes(before + torn)
    with open_ledger(layout) as ledger:
        assert len(ledger.repairs) == 1 and "moved" in ledger.repairs[0]
        assert ledger.last_seq == last.seq
        nxt = ledger.append("scan", {"code": "SF2000", "scan_time": "2025-06-01T09:00:00.000Z"})
    assert nxt.seq == last.seq + 1 and nxt.prev == last.hash
    assert path.read_bytes().startswith(before)  # no valid entry dropped
    [fragment] = (layout.ledger / "torn").glob("*.torn")
    assert fragment.read_bytes() == torn
    report = verify_data_dir(layout)
    assert report.ok
    assert [w.code for w in report.warnings] == [R.NOT_CHECKPOINTED, R.TORN_REPAIRED]


def test_last_entry_missing_only_its_newline_is_kept(station: Station) -> None:
    layout = station.layout
    with open_ledger(layout) as ledger:
        kept = ledger.append("scan", {"code": "SF3000", "scan_time": "2025-06-01T09:00:00.000Z"})
    path = layout.ledger / "ledger-000001.jsonl"
    data = path.read_bytes()
    path.write_bytes(data[:-1])  # the power went just before the newline
    with open_ledger(layout) as ledger:
        assert ledger.last_seq == kept.seq
        assert "completed" in ledger.repairs[0]
        ledger.append("scan", {"code": "SF3001", "scan_time": "2025-06-01T09:00:01.000Z"})
    assert not (layout.ledger / "torn").exists()
    assert verify_data_dir(layout).ok


def test_tampered_tail_refuses_to_open(station: Station) -> None:
    lines = station.lines()
    lines[-1] = lines[-1].replace(b'"tree_size":11', b'"tree_size":10')
    station.write_lines(lines)
    with pytest.raises(LedgerError, match="invalid signature"):
        open_ledger(station.layout)


def test_checkpoint_covers_everything_before_it(station: Station) -> None:
    entries = read_entries(station.layout)
    checkpoints = [e for e in entries if e.kind == "checkpoint"]
    assert [c.body["tree_size"] for c in checkpoints] == [c.seq for c in checkpoints] == [8, 11]
    leaves = [leaf_hash(e.canonical) for e in entries]
    for c in checkpoints:
        assert c.body["root_hash"] == root(leaves, c.seq).hex()
    saved = json.loads((station.layout.ledger / "checkpoint.json").read_bytes())
    assert saved["entry"] == checkpoints[-1].to_dict()
    with open_ledger(station.layout) as ledger:  # nothing new: the same checkpoint
        assert ledger.checkpoint() == checkpoints[-1]


def test_inclusion_proof_against_later_checkpoint(station: Station) -> None:
    _path, clip = station.clips["SF1001"]
    with open_ledger(station.layout) as ledger:
        ledger.append("scan", {"code": "later", "scan_time": "2025-06-01T09:00:00.000Z"})
        checkpoint = ledger.checkpoint()
        proof = ledger.inclusion_proof(clip.seq)
        uncovered = ledger.append("scan", {"code": "uncovered", "scan_time": "2025-06-01T09:00:00.000Z"})
        with pytest.raises(LedgerError, match="no checkpoint covers"):
            ledger.inclusion_proof(uncovered.seq)
    assert proof.checkpoint_seq == checkpoint.seq and proof.tree_size == checkpoint.seq
    assert proof.root_hash == checkpoint.body["root_hash"]
    assert proof.verify(clip.canonical)
    edited = clip.canonical.replace(b"SF1001", b"SF1009")
    assert not proof.verify(edited)
    bad_path = list(proof.path)
    bad_path[0] = "00" * 32
    assert not type(proof)(**{**proof.__dict__, "path": tuple(bad_path)}).verify(clip.canonical)
    assert not type(proof)(**{**proof.__dict__, "seq": clip.seq + 1}).verify(clip.canonical)
    assert type(proof).from_json(json.loads(json.dumps(proof.to_json()))) == proof


def test_key_rotation_then_verification_passes(station: Station) -> None:
    layout = station.layout
    with open_ledger(layout) as ledger:
        old = ledger.public_key
        rotation = ledger.rotate_key("yearly")
        new = ledger.public_key
        after_path, after = seal_clip(layout, ledger, "SF1100")
        ledger.checkpoint()
    assert rotation.key == old.key_id and old.verify(rotation.signature, rotation.payload())
    assert rotation.body["new_key_id"] == new.key_id != old.key_id
    assert after.key == new.key_id and new.verify(after.signature, after.payload())
    # The old private key is destroyed; its public key stays for verifiers.
    assert not (layout.keys / f"{old.key_id}.key.pem").exists()
    assert (layout.keys / f"{old.key_id}.pub.pem").exists()
    with open_ledger(layout) as ledger:  # reopening picks the new key from the chain
        assert ledger.key_id == new.key_id
    report = verify_data_dir(layout)
    assert report.ok, report.format_text()
    assert report.checked["key_rotations"] == 1


def test_forged_key_rotation_fails(station: Station) -> None:
    """An attacker without the station key announces their own key and signs on with it."""
    lines = station.lines()
    last = Entry.from_line(lines[-1].rstrip(b"\n"))
    attacker = StationKey.generate()
    rotation = {"seq": last.seq + 1, "prev": last.hash, "time": "2025-06-01T10:00:00.000Z",
                "station": last.station, "kind": "key-rotation",
                "body": {"new_public_key": attacker.public.raw_b64, "new_key_id": attacker.key_id,
                         "reason": "stolen"}}
    line = json.loads(resign(attacker, rotation))
    line["key"] = last.key  # claims to be signed by the station key
    forged = canonical(line) + b"\n"
    rotated = Entry.from_line(forged.rstrip(b"\n"))
    follow = resign(attacker, {"seq": last.seq + 2, "prev": rotated.hash, "time": "2025-06-01T10:00:01.000Z",
                               "station": last.station, "kind": "scan",
                               "body": {"code": "FAKE", "scan_time": "2025-06-01T10:00:01.000Z"}})
    station.write_lines(lines + [forged, follow])
    report = verify_data_dir(station.layout)
    assert {(p.code, p.seq) for p in report.problems} == {(R.BAD_SIGNATURE, last.seq + 1),
                                                          (R.KEY_MISMATCH, last.seq + 2)}


def test_seal_of_rotated_key_clip_names_the_right_key(station: Station) -> None:
    layout = station.layout
    with open_ledger(layout) as ledger:
        ledger.rotate_key()
        # A clip sealed before the rotation still verifies with the key that signed it.
        _path, early = station.clips["SF1001"]
        assert ledger.public_key_of(early.key).verify(early.signature, early.payload())
        with pytest.raises(LedgerError):
            ledger.public_key_of("0" * 16)


def test_closed_ledger_refuses_appends(layout: DataLayout) -> None:
    ledger = open_ledger(layout)
    ledger.close()
    ledger.close()  # idempotent
    with pytest.raises(LedgerError, match="closed"):
        ledger.append("scan", {"code": "A", "scan_time": "2025-06-01T08:00:00.000Z"})


def test_missing_private_key_is_a_clear_error(layout: DataLayout) -> None:
    with open_ledger(layout) as ledger:
        key_id = ledger.key_id
    (layout.keys / f"{key_id}.key.pem").unlink()
    with pytest.raises(LedgerError, match=key_id):
        open_ledger(layout)


def test_entries_store_paths_relative_to_the_data_dir(layout: DataLayout) -> None:
    with open_ledger(layout) as ledger:
        path, entry = seal_clip(layout, ledger, "SF1")
    assert entry.body["file"] == "clips/2025-06-01/SF1.mp4"
    assert layout.absolute(entry.body["file"]) == path.resolve()
