"""Retention with real files, a real ledger and a real catalog; `packseal verify` checks every result."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from packseal.core.compare.frame_index import INDEX_SUFFIX
from packseal.core.errors import BadInputError
from packseal.core.ledger import verify_data_dir
from packseal.core.ledger.report import FILE_RETAINED
from packseal.core.recording import tape
from packseal.core.upkeep import retention
from packseal.core.upkeep.reconcile import reconcile
from packseal.core.ledger import verify_seal
from packseal.core.upkeep.retention import (CLIP_EXPIRED, DISK_SPACE, TAPE_EXPIRED, RetentionApplied,
                                             RetentionPolicy, apply_retention)

from .conftest import MIB, T0, Disk, Store

NOW = T0 + timedelta(days=10)
ROOMY = 10**15  # a disk so large that space never presses
NO_SPACE_RULES = dict(reserve_mb=0, free_target_mb=0)


def run(store: Store, policy: RetentionPolicy, *, usage=None, **kwargs):
    """One retention run at NOW on the store's data dir (a roomy disk unless ``usage`` says otherwise)."""
    return apply_retention(store.layout, store.catalog, store.ledger, policy, now=NOW,
                           usage=usage or Disk(store.layout.root, ROOMY), **kwargs)


def verified(store: Store):
    store.ledger.checkpoint()
    report = verify_data_dir(store.layout)
    assert report.ok, report.format_text()
    return report


def test_the_sidecar_and_session_names_match_the_modules_that_write_them() -> None:
    assert retention.CLIP_INDEX_SUFFIX == INDEX_SUFFIX
    assert set(retention.SESSION_BOOKKEEPING) == {tape.SEGMENT_LIST, tape.SESSION_FILE, tape.ENDED_FILE}
    assert retention.SESSION_ENDED == tape.ENDED_FILE


def test_expired_tape_goes_oldest_first_each_with_a_retention_entry(store: Store) -> None:
    old = [store.segment(n, T0 + timedelta(seconds=2 * n)) for n in range(5)]
    recent = [store.segment(n, NOW - timedelta(hours=1) + timedelta(seconds=2 * n), session="recent")
              for n in range(3)]
    report = run(store, RetentionPolicy(tape_days=7, **NO_SPACE_RULES))

    assert [d.file for d in report.deleted] == [s.file for s in old]
    assert {d.reason for d in report.deleted} == {TAPE_EXPIRED}
    assert report.bytes_freed == sum(s.bytes for s in old)
    for seg in old:
        assert not store.path(seg.file).exists()
        row = store.catalog.segment_by_file(seg.file)
        assert row.deleted and row.deleted_reason == TAPE_EXPIRED
    for seg in recent:
        assert store.path(seg.file).exists() and not store.catalog.segment_by_file(seg.file).deleted
    entries = store.retention_entries()
    assert [(e["file"], e["sha256"], e["sealed_by"], e["reason"]) for e in entries] == [
        (s.file, s.sha256, s.ledger_seq, TAPE_EXPIRED) for s in old]
    # The emptied, ended session folder went with its bookkeeping; the live one stayed.
    assert not (store.layout.tape("cam0") / "20250601T080000000Z").exists()
    assert (store.layout.tape("cam0") / "recent").is_dir()
    check = verified(store)
    assert check.checked["files_retained"] == 5
    assert sum(1 for n in check.info if n.code == FILE_RETAINED) == 5


def test_clips_expire_only_when_a_clip_age_is_set_and_never_pinned_or_disputed(store: Store) -> None:
    plain = store.clip("SF1000000000001", T0)
    pinned = store.clip("SF1000000000002", T0 + timedelta(minutes=1), pinned=True)
    disputed = store.clip("SF1000000000003", T0 + timedelta(minutes=2), disputed=True)
    young = store.clip("SF1000000000004", NOW - timedelta(days=1))
    usage = Disk(store.layout.root, ROOMY)

    keep_forever = apply_retention(store.layout, store.catalog, store.ledger,
                                   RetentionPolicy(clip_days=0, **NO_SPACE_RULES), now=NOW, usage=usage)
    assert keep_forever.deleted == []

    report = apply_retention(store.layout, store.catalog, store.ledger,
                             RetentionPolicy(clip_days=5, **NO_SPACE_RULES), now=NOW, usage=usage)
    assert [(d.file, d.reason) for d in report.deleted] == [(plain.file, CLIP_EXPIRED)]
    clip_path = store.path(plain.file)
    assert not clip_path.exists()
    assert not clip_path.with_name(clip_path.name + INDEX_SUFFIX).exists()
    assert clip_path.with_name(clip_path.name + ".seal.json").exists()  # proof of what existed stays
    deleted = store.catalog.get_clip(plain.id)
    assert deleted.deleted and deleted.deleted_reason == CLIP_EXPIRED
    entry = store.retention_entries_with_time()[-1]
    assert deleted.deleted_ms == round(datetime.fromisoformat(entry.time).timestamp() * 1000)
    for kept in (pinned, disputed, young):
        assert store.path(kept.file).exists() and not store.catalog.get_clip(kept.id).deleted
    verified(store)
    # the seal left beside the deleted clip still checks, and says what happened
    seal_report = verify_seal(clip_path.with_name(clip_path.name + ".seal.json"))
    assert seal_report.ok, seal_report.format_text()
    assert "file-retained" in {n.code for n in seal_report.info}


def test_space_pressure_deletes_tape_then_clips_oldest_first_until_the_target(store: Store) -> None:
    # Tape and clips are interleaved in time: tape still goes first, all of it that may go.
    segs = [store.segment(n, T0 + timedelta(days=1, seconds=2 * n), size=100_000) for n in range(6)]
    clips = [store.clip(f"SF20000000000{n:02d}", T0 + timedelta(hours=n), size=600_000) for n in range(5)]
    guarded = [store.clip("SF2000000000090", T0 - timedelta(hours=2), size=400_000, pinned=True),
               store.clip("SF2000000000091", T0 - timedelta(hours=1), size=400_000, disputed=True)]
    recent = store.segment(0, NOW - timedelta(seconds=30), session="live", size=100_000, ended=False)
    disk = Disk(store.layout.root, 0)
    # Room for the target only after all tape and two of the five clips have gone. Half a
    # clip to spare: the ledger and the catalog's journal grow a little with each deletion.
    target = 5 * MIB
    disk.capacity = disk.used() + target - 6 * 100_000 - 2 * 600_000 + 300_000

    report = run(store, RetentionPolicy(tape_days=30, reserve_mb=4, free_target_mb=5), usage=disk)

    assert [d.file for d in report.deleted] == [s.file for s in segs] + [c.file for c in clips[:2]]
    assert {d.reason for d in report.deleted} == {DISK_SPACE}
    assert report.free_after >= target > report.free_before
    assert report.message is None
    for kept in [*clips[2:], *guarded]:
        assert store.path(kept.file).exists()
    assert store.path(recent.file).exists()  # the pre-roll lives in the newest tape
    verified(store)


def test_when_nothing_more_may_go_the_owner_is_told_what_to_do(store: Store) -> None:
    events = []
    store.hub.subscribe(events.append)
    store.segment(0, T0, size=50_000)
    pinned = store.clip("SF3000000000001", T0, size=200_000, pinned=True)
    disputed = store.clip("SF3000000000002", T0, size=200_000, disputed=True)
    recent = store.segment(0, NOW - timedelta(minutes=2), session="live", size=50_000, ended=False)
    disk = Disk(store.layout.root, 0)
    disk.capacity = disk.used() + MIB  # 1 MiB free, the reserve is 2 MiB

    policy = RetentionPolicy(tape_days=30, reserve_mb=2, free_target_mb=3)
    report = run(store, policy, usage=disk, hub=store.hub)

    assert [d.file for d in report.deleted] != [] and all(d.kind == "segment" for d in report.deleted)
    for kept in (pinned, disputed, recent):
        assert store.path(kept.file).exists()
    message = report.message
    assert message is not None
    assert "MiB is free" in message and "New recordings are refused" in message
    assert "Free space on that disk" in message and "lower the reserve in Settings" in message
    assert "pinned and disputed clips" in message and "last 10 minutes of tape" in message
    for wrong in ("elsewhere", "another folder", "other disk", "different folder"):
        assert wrong not in message.lower()
    assert [type(e) for e in events if isinstance(e, RetentionApplied)] == [RetentionApplied]
    verified(store)


def test_tape_an_open_order_may_still_need_is_kept(store: Store) -> None:
    old = [store.segment(n, T0 + timedelta(seconds=2 * n)) for n in range(10)]
    scan = T0 + timedelta(seconds=12)  # an order scanned during that old tape is still open
    (store.layout.state / "open-orders-cam0.json").write_text(json.dumps([{
        "order_id": "SF4000000000001", "station": "Bench 1", "camera": "cam0",
        "scan_utc": scan.isoformat(), "preroll_s": 3.0, "postroll_s": 2.0, "stop_utc": None}]))
    report = run(store, RetentionPolicy(tape_days=7, **NO_SPACE_RULES))
    # scan − pre-roll − a margin of 15 s reaches back before the first segment: nothing goes
    assert report.deleted == []
    assert all(store.path(s.file).exists() for s in old)


def test_unsealed_rows_are_reported_and_kept(store: Store) -> None:
    from packseal.core.catalog import SegmentRecord

    folder = store.layout.tape("cam0") / "loose"
    folder.mkdir(parents=True)
    (folder / "seg-000001.ts").write_bytes(b"x" * 1000)
    store.catalog.add_segment(SegmentRecord(camera="cam0", seq=1, file="tape/cam0/loose/seg-000001.ts",
                                            start_ms=round(T0.timestamp() * 1000),
                                            end_ms=round(T0.timestamp() * 1000) + 2000, bytes=1000))
    report = run(store, RetentionPolicy(tape_days=1, **NO_SPACE_RULES))
    assert report.unsealed == ["tape/cam0/loose/seg-000001.ts"]
    assert report.deleted == [] and store.retention_entries() == []
    assert (folder / "seg-000001.ts").exists()


def test_a_clip_that_no_longer_matches_its_seal_is_kept_for_verify(store: Store) -> None:
    clip = store.clip("SF5000000000001", T0)
    path = store.path(clip.file)
    data = bytearray(path.read_bytes())
    data[100] ^= 0xFF  # same size, other content
    path.write_bytes(bytes(data))
    report = run(store, RetentionPolicy(clip_days=1, **NO_SPACE_RULES))
    assert report.deleted == [] and path.exists()
    assert any("no longer matches" in p for p in report.problems)
    store.ledger.checkpoint()
    assert "file-hash-mismatch" in {p.code for p in verify_data_dir(store.layout).problems}


class SimulatedCrash(BaseException):
    """The process dies here: nothing after this point runs (not an error anyone handles)."""


def crash_on(victim: str, *, after_removing: bool = False):
    def remove(path: Path) -> None:
        if path.name == victim:
            if after_removing:
                os.remove(path)
            raise SimulatedCrash(path)
        os.remove(path)
    return remove


def test_a_crash_between_the_entry_and_the_deletion_verifies_and_start_up_finishes_it(store: Store) -> None:
    segs = [store.segment(n, T0 + timedelta(seconds=2 * n)) for n in range(4)]
    policy = RetentionPolicy(tape_days=7, **NO_SPACE_RULES)
    usage = Disk(store.layout.root, ROOMY)
    with pytest.raises(SimulatedCrash):
        apply_retention(store.layout, store.catalog, store.ledger, policy, now=NOW, usage=usage,
                        remove=crash_on("seg-000002.ts"))
    # On disk now: entries for segments 0..2, segment 2 still there, its row still live.
    assert [e["file"] for e in store.retention_entries()] == [s.file for s in segs[:3]]
    assert store.path(segs[2].file).exists() and not store.catalog.segment_by_file(segs[2].file).deleted
    verified(store)  # an entry with the file still there, matching its seal: accepted

    startup = reconcile(store.layout, store.catalog, store.ledger)
    assert startup.deletions_completed == [segs[2].file]
    assert not store.path(segs[2].file).exists()
    assert store.catalog.segment_by_file(segs[2].file).deleted_reason == TAPE_EXPIRED
    again = apply_retention(store.layout, store.catalog, store.ledger, policy, now=NOW, usage=usage)
    assert [d.file for d in again.deleted] == [segs[3].file]
    # exactly one retention entry per deleted file
    assert sorted(e["file"] for e in store.retention_entries()) == sorted(s.file for s in segs)
    assert not any(store.path(s.file).exists() for s in segs)
    verified(store)


def test_a_crash_after_the_deletion_leaves_a_row_that_start_up_marks(store: Store) -> None:
    clips = [store.clip(f"SF600000000000{n}", T0 + timedelta(minutes=n)) for n in range(2)]
    victim = Path(clips[0].file).name
    with pytest.raises(SimulatedCrash):
        run(store, RetentionPolicy(clip_days=1, **NO_SPACE_RULES),
            remove=crash_on(victim, after_removing=True))
    assert not store.path(clips[0].file).exists() and not store.catalog.get_clip(clips[0].id).deleted
    verified(store)
    startup = reconcile(store.layout, store.catalog, store.ledger)
    assert startup.missing == [] and startup.marked_deleted == 1
    assert store.catalog.get_clip(clips[0].id).deleted_reason == CLIP_EXPIRED


def test_a_file_that_cannot_be_deleted_is_recorded_and_finished_at_start_up(store: Store) -> None:
    seg = store.segment(0, T0)

    def refuse(path: Path) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    report = run(store, RetentionPolicy(tape_days=7, **NO_SPACE_RULES), remove=refuse)
    assert [(d.file, d.removed) for d in report.deleted] == [(seg.file, False)]
    assert any("removed at the next start-up" in p for p in report.problems)
    assert store.catalog.segment_by_file(seg.file).deleted  # the catalog mirrors the ledger
    verified(store)
    held = reconcile(store.layout, store.catalog, store.ledger, remove=refuse)
    assert held.deletions_completed == [] and any("tried again" in p for p in held.problems)
    done = reconcile(store.layout, store.catalog, store.ledger)  # the watermark held: tried again
    assert done.deletions_completed == [seg.file] and not store.path(seg.file).exists()
    verified(store)


@pytest.mark.parametrize("changes", [dict(tape_days=-1), dict(clip_days="7"),
                                     dict(reserve_mb=100, free_target_mb=50), dict(protect_recent_s=True)])
def test_a_bad_policy_is_refused(changes) -> None:
    with pytest.raises(BadInputError):
        RetentionPolicy(**changes)


def test_the_free_target_defaults_to_the_reserve_plus_a_margin() -> None:
    assert RetentionPolicy(reserve_mb=2048).target_mb == 2048 + 1024
    assert RetentionPolicy(reserve_mb=2048, free_target_mb=5000).target_mb == 5000


def test_with_a_hub_paired_a_clip_goes_only_once_the_hub_confirmed_its_file(store: Store) -> None:
    from packseal.core.sync.state import HubState, clip_confirmed, save_state

    first = store.clip("SF1000000000001", T0)
    second = store.clip("SF1000000000002", T0 + timedelta(minutes=1))
    policy = RetentionPolicy(clip_days=5, **NO_SPACE_RULES)
    root = store.layout.root
    state = HubState(url="http://127.0.0.1:1", hub_key="A" * 43 + "=", cert_sha256=None, station_id="0" * 64,
                     station_name="Bench 1", paired_at="2026-12-02T10:00:00.000Z")
    save_state(root, state)  # paired, nothing confirmed yet
    report = run(store, policy, clip_confirmed=clip_confirmed(root))
    assert report.deleted == [] and report.kept_for_hub == 2
    assert "until the hub confirms" in report.summary()
    # The hub holds both entries but still needs the second file.
    second_sha = store.catalog.get_clip(second.id).sha256
    state.entries_to, state.missing = store.ledger.last_seq, [second_sha]
    save_state(root, state)
    report = run(store, policy, clip_confirmed=clip_confirmed(root))
    assert [d.file for d in report.deleted] == [first.file] and report.kept_for_hub == 1
    assert store.path(second.file).exists()
    # An unreadable hub file keeps every clip; no hub file lets retention decide alone.
    (root / "sync" / "hub.json").write_text("{broken")
    assert run(store, policy, clip_confirmed=clip_confirmed(root)).deleted == []
    (root / "sync" / "hub.json").unlink()
    assert [d.file for d in run(store, policy, clip_confirmed=clip_confirmed(root)).deleted] == [second.file]
    verified(store)
