"""Start-up reconciliation: rows without files, sealed files without rows, files known to neither."""

from __future__ import annotations

import os
import time
from datetime import datetime, timedelta

from packseal.core.ledger import (clip_body, hash_file, retention_body, segment_body, verify_clip,
                                  write_seal)
from packseal.core.upkeep.reconcile import WATERMARK, check_files, reconcile

from .conftest import T0, Store


def seal_behind_the_catalogs_back(store: Store, name: str, *, kind: str = "clip", with_seal: bool = True):
    """A file sealed in the ledger whose catalog row (and perhaps seal file) a crash prevented."""
    if kind == "clip":
        path = store.layout.clips / "2025-06-01" / f"{name}.mp4"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(os.urandom(25_000))
        sha, size = hash_file(path)
        entry = store.ledger.append("clip", clip_body(
            order_id=name, scan_time=T0 + timedelta(seconds=3), start=T0, end=T0 + timedelta(seconds=20),
            file=store.layout.relative(path), sha256=sha, bytes=size, duration_ms=20_000, frame_count=600,
            status="interrupted"))
        if with_seal:
            write_seal(path, entry, store.ledger.public_key_of(entry.key))
    else:
        path = store.layout.tape("cam0") / "s1" / f"{name}.ts"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(os.urandom(10_000))
        sha, size = hash_file(path)
        entry = store.ledger.append("segment", segment_body(
            camera="cam0", seq=7, file=store.layout.relative(path), sha256=sha, bytes=size,
            start=T0, end=T0 + timedelta(seconds=2), frames=60))
    return path, entry


def test_sealed_files_without_rows_get_their_rows_from_the_ledger(store: Store) -> None:
    store.clip("SF1000000000001", T0)
    path, entry = seal_behind_the_catalogs_back(store, "SF1000000000002")
    seg_path, seg_entry = seal_behind_the_catalogs_back(store, "seg-000007", kind="segment")
    report = reconcile(store.layout, store.catalog, store.ledger)
    assert (report.clips_added, report.segments_added) == (1, 1)
    assert report.ok, report.summary()
    clip = store.catalog.clip_by_file(store.layout.relative(path))
    assert (clip.order_id, clip.status, clip.ledger_seq, clip.sha256, clip.bytes) == (
        "SF1000000000002", "interrupted", entry.seq, entry.body["sha256"], 25_000)
    t0_ms = round(T0.timestamp() * 1000)
    assert (clip.start_ms, clip.end_ms) == (t0_ms, t0_ms + 20_000)
    assert store.catalog.search("000000002")[0].id == clip.id  # searchable again
    seg = store.catalog.segment_by_file(store.layout.relative(seg_path))
    assert (seg.camera, seg.seq, seg.ledger_seq, seg.frames) == ("cam0", 7, seg_entry.seq, 60)

    again = reconcile(store.layout, store.catalog, store.ledger)
    assert (again.clips_added, again.segments_added) == (0, 0)
    assert again.scanned_from == store.ledger.last_seq + 1 and again.entries_read == 0


def test_only_new_entries_are_read_and_a_replaced_ledger_is_read_in_full(store: Store) -> None:
    store.clip("SF1000000000001", T0)
    reconcile(store.layout, store.catalog, store.ledger)
    before = store.ledger.last_seq
    seal_behind_the_catalogs_back(store, "SF1000000000003")
    report = reconcile(store.layout, store.catalog, store.ledger)
    assert report.scanned_from == before + 1 and report.entries_read == 1 and report.clips_added == 1
    # The watermark names an entry the ledger does not hold (a different ledger): read it all.
    store.catalog.set_meta(WATERMARK, f"{before}:{'0' * 64}")
    full = reconcile(store.layout, store.catalog, store.ledger)
    assert full.scanned_from == 0 and full.entries_read == store.ledger.last_seq + 1
    assert full.clips_added == 0 and any("read in full" in n for n in full.notes)


def test_a_missing_file_without_a_retention_entry_is_a_problem_and_its_row_stays(store: Store) -> None:
    clip = store.clip("SF1000000000004", T0)
    seg = store.segment(0, T0)
    store.path(clip.file).unlink()
    store.path(seg.file).unlink()
    report = reconcile(store.layout, store.catalog, store.ledger)
    assert not report.ok
    assert report.missing == [
        f"clip {clip.file} is missing and no retention entry explains it (sealed by ledger entry "
        f"{clip.ledger_seq}); its catalog row is kept — run `packseal verify`",
        f"tape segment {seg.file} is missing and no retention entry explains it (sealed by ledger entry "
        f"{seg.ledger_seq}); its catalog row is kept — run `packseal verify`",
    ]
    assert not store.catalog.get_clip(clip.id).deleted
    assert not store.catalog.segment_by_file(seg.file).deleted


def test_a_missing_file_with_a_retention_entry_is_marked_deleted(store: Store) -> None:
    clip = store.clip("SF1000000000005", T0)
    entry = store.ledger.append("retention", retention_body(
        file=clip.file, sha256=clip.sha256, sealed_by=clip.ledger_seq, reason="owner-deleted"))
    store.path(clip.file).unlink()
    report = reconcile(store.layout, store.catalog, store.ledger)
    assert report.ok and report.marked_deleted == 1
    row = store.catalog.get_clip(clip.id)
    assert row.deleted_reason == "owner-deleted"
    assert row.deleted_ms == round(datetime.fromisoformat(entry.time).timestamp() * 1000)


def test_an_old_retention_entry_still_explains_a_row_restored_as_live(store: Store) -> None:
    clip = store.clip("SF1000000000006", T0)
    store.ledger.append("retention", retention_body(
        file=clip.file, sha256=clip.sha256, sealed_by=clip.ledger_seq, reason="clip-expired"))
    store.path(clip.file).unlink()
    reconcile(store.layout, store.catalog, store.ledger)
    # The catalog comes back from a backup that still shows the clip (its watermark is already past
    # the retention entry), then more is recorded.
    store.catalog.update_clip(clip.id, deleted_ms=None, deleted_reason=None)
    store.clip("SF1000000000007", T0 + timedelta(hours=1))
    report = reconcile(store.layout, store.catalog, store.ledger)
    assert report.scanned_from > 0 and report.missing == []
    assert store.catalog.get_clip(clip.id).deleted_reason == "clip-expired"


def test_files_known_to_neither_are_reported_never_deleted(store: Store) -> None:
    clip = store.clip("SF1000000000008", T0)  # its seal and frame index are known through it
    day = store.layout.clips / "2025-06-01"
    stray = day / "copied-from-a-phone.mp4"
    leftover = day / "SF1000000000009_080000.part.mp4"
    for f in (stray, leftover):
        f.write_bytes(b"\x00" * 100)
    an_hour_ago = time.time() - 3600
    known = [store.path(clip.file + suffix) for suffix in ("", ".seal.json", ".index.npz")]
    for f in (stray, leftover, *known):
        os.utime(f, (an_hour_ago, an_hour_ago))
    fresh = day / "being-written.mp4"  # a running station may be writing it
    fresh.write_bytes(b"\x00" * 100)
    report = reconcile(store.layout, store.catalog, store.ledger)
    assert sorted(report.unknown_files) == sorted(store.layout.relative(f) for f in (stray, leftover))
    assert all(f.exists() for f in (stray, leftover, fresh))
    assert "known to neither" in report.summary()


def test_the_look_at_the_files_left_for_later_finds_what_a_whole_reconciliation_finds(store: Store) -> None:
    # The recorder leaves it until its station records: on a large station it takes seconds.
    gone = store.clip("SF1000000000010", T0)
    store.path(gone.file).unlink()
    stray = store.layout.clips / "2025-06-01" / "copied-from-a-phone.mp4"
    stray.write_bytes(b"\x00" * 100)
    os.utime(stray, (time.time() - 3600,) * 2)
    report = reconcile(store.layout, store.catalog, store.ledger, files=False)
    assert report.ok and report.files_pending and report.missing == [] and report.unknown_files == []
    check_files(store.layout, store.catalog, store.ledger, report, stopping=lambda: True)  # PackSeal stopping
    assert report.ok and report.files_pending
    assert check_files(store.layout, store.catalog, store.ledger, report) is report
    assert not report.files_pending and not report.ok
    whole = reconcile(store.layout, store.catalog, store.ledger, full=True)
    assert (report.missing, report.unknown_files) == (whole.missing, whole.unknown_files)
    assert len(report.missing) == 1 and gone.file in report.missing[0]
    assert report.unknown_files == [store.layout.relative(stray)]


def test_a_thousand_missing_files_make_a_short_summary(store: Store) -> None:
    for n in range(30):
        store.path(store.segment(n, T0 + timedelta(seconds=2 * n)).file).unlink()
    report = reconcile(store.layout, store.catalog, store.ledger)
    assert len(report.missing) == 30
    summary = report.summary()
    assert summary.count("is missing") == 5 and "… and 25 more files are missing" in summary


def test_a_clip_sealed_just_before_a_crash_gets_its_seal_file(store: Store) -> None:
    path, entry = seal_behind_the_catalogs_back(store, "SF1000000000010", with_seal=False)
    report = reconcile(store.layout, store.catalog, store.ledger)
    assert report.clips_added == 1 and report.ok
    assert any("wrote the missing seal" in n for n in report.notes)
    store.ledger.checkpoint()
    check = verify_clip(path)
    assert check.ok, check.format_text()
