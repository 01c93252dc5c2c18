"""Writing and reading clips and segments."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

import pytest

from packseal.core.catalog import Catalog, ClipRecord, SegmentRecord, from_ms, to_ms
from packseal.core.errors import BadInputError

T0 = 1_714_521_600_000  # 2024-05-01T00:00:00Z


def test_a_clip_round_trips(catalog: Catalog, clip_factory) -> None:
    clip = clip_factory(note="fragile: glass", ledger_seq=42, created_ms=T0 + 99)
    clip_id = catalog.add_clip(clip)
    assert catalog.get_clip(clip_id) == replace(clip, id=clip_id)
    assert catalog.get_clip(clip_id + 1000) is None


def test_created_time_defaults_to_now(catalog: Catalog, clip_factory) -> None:
    before = to_ms(datetime.now(timezone.utc))
    stored = catalog.get_clip(catalog.add_clip(clip_factory()))
    after = to_ms(datetime.now(timezone.utc))
    assert before - 1 <= stored.created_ms <= after + 1


def test_record_properties() -> None:
    clip = ClipRecord("SF1", "s", scan_ms=T0 + 500, start_ms=T0, file="c.mp4", end_ms=T0 + 12_345)
    assert clip.start == datetime(2024, 5, 1, tzinfo=timezone.utc)
    assert clip.start.tzinfo is not None
    assert clip.scan == datetime(2024, 5, 1, 0, 0, 0, 500_000, tzinfo=timezone.utc)
    assert clip.end == datetime(2024, 5, 1, 0, 0, 12, 345_000, tzinfo=timezone.utc)
    assert clip.duration_s == pytest.approx(12.345)  # from start/end when no duration stored
    assert replace(clip, duration_ms=12_000).duration_s == pytest.approx(12.0)
    assert replace(clip, end_ms=None).end is None
    assert replace(clip, end_ms=None).duration_s == 0.0
    assert not clip.deleted and replace(clip, deleted_ms=T0).deleted
    assert from_ms(to_ms(clip.start)) == clip.start
    segment = SegmentRecord("cam0", 7, "tape/cam0/7.mp4", start_ms=T0, end_ms=T0 + 2_000)
    assert segment.duration_s == pytest.approx(2.0)
    assert segment.end == datetime(2024, 5, 1, 0, 0, 2, tzinfo=timezone.utc)


def test_a_recording_clip_is_finished_by_update(catalog: Catalog, clip_factory) -> None:
    clip_id = catalog.add_clip(
        clip_factory(status="recording", end_ms=None, duration_ms=None, bytes=None, sha256=None)
    )
    assert catalog.get_clip(clip_id).end is None
    updated = catalog.update_clip(
        clip_id, status="complete", end_ms=T0 + 30_000, duration_ms=30_000, bytes=123, sha256="ef" * 32
    )
    assert updated == catalog.get_clip(clip_id)
    assert (updated.status, updated.end_ms, updated.bytes) == ("complete", T0 + 30_000, 123)


def test_pin_note_and_delete_marks(catalog: Catalog, clip_factory) -> None:
    clip_id = catalog.add_clip(clip_factory())
    assert catalog.set_pinned(clip_id, True).pinned is True
    assert catalog.get_clip(clip_id).pinned is True
    assert catalog.set_pinned(clip_id, False).pinned is False
    assert catalog.set_note(clip_id, "买家说碎了 — refund claim #7").note == "买家说碎了 — refund claim #7"
    deleted = catalog.mark_clip_deleted(clip_id, T0 + 86_400_000, "retention: older than 90 days")
    assert deleted.deleted
    assert (deleted.deleted_ms, deleted.deleted_reason) == (T0 + 86_400_000, "retention: older than 90 days")
    # The row stays: the order still shows that it had a clip.
    assert [c.id for c in catalog.clips_for_order("SF1234567890123")] == [clip_id]


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"order_id": "OTHER123"}, "cannot change order_id"),
        ({"id": 5}, "cannot change id"),
        ({"colour": "red"}, "cannot change colour"),
        ({"status": "lost"}, "unknown clip status"),
        ({"end_ms": "soon"}, "whole number"),
        ({"file": "/etc/passwd"}, "relative to the data dir"),
        ({"file": "../outside.mp4"}, "relative to the data dir"),
        ({"file": "clips\\a.mp4"}, "forward slashes"),
        ({}, "no fields"),
    ],
)
def test_bad_updates_are_refused(catalog: Catalog, clip_factory, changes: dict, words: str) -> None:
    clip_id = catalog.add_clip(clip_factory())
    before = catalog.get_clip(clip_id)
    with pytest.raises(BadInputError, match=words):
        catalog.update_clip(clip_id, **changes)
    assert catalog.get_clip(clip_id) == before


def test_updating_a_missing_clip_names_it(catalog: Catalog) -> None:
    with pytest.raises(BadInputError, match="no clip with id 77"):
        catalog.set_note(77, "x")


@pytest.mark.parametrize(
    "changes",
    [{"status": "done"}, {"file": "C:/clips/a.mp4"}, {"order_id": ""}, {"station": ""}, {"start_ms": 1.5}],
)
def test_bad_clips_are_refused(catalog: Catalog, clip_factory, changes: dict) -> None:
    with pytest.raises(BadInputError):
        catalog.add_clip(clip_factory(**changes))
    assert catalog.count() == 0


def test_clips_for_order_is_exact_and_oldest_first(catalog: Catalog, clip_factory) -> None:
    second = catalog.add_clip(clip_factory("SF1234567890123", start_ms=T0 + 60_000))
    first = catalog.add_clip(clip_factory("SF1234567890123", start_ms=T0))
    catalog.add_clip(clip_factory("SF12345678901234", start_ms=T0))
    catalog.add_clip(clip_factory("sf1234567890123", start_ms=T0))
    assert [c.id for c in catalog.clips_for_order("SF1234567890123")] == [first, second]
    assert catalog.clips_for_order("SF123") == []


def test_orders_table_tracks_first_and_last_scan(catalog: Catalog, clip_factory) -> None:
    catalog.add_clip(clip_factory("JDX123456789012", start_ms=T0 + 10_000))
    catalog.add_clip(clip_factory("JDX123456789012", start_ms=T0))
    catalog.add_clips([clip_factory("JDX123456789012", start_ms=T0 + 50_000)])
    row = catalog._db["orders"].get("JDX123456789012")  # noqa: SLF001 - no public reader yet
    assert (row["first_seen"], row["last_seen"], row["clip_count"]) == (T0 + 3_000, T0 + 53_000, 3)


def test_bulk_add_matches_single_add(catalog: Catalog, clip_factory) -> None:
    clips = [clip_factory(f"YT{n:013d}", start_ms=T0 + n * 1000, created_ms=T0) for n in range(250)]
    assert catalog.add_clips(iter(clips), batch=100) == 250
    stored = catalog.search(order_by="start_ms", descending=False, limit=1000)
    assert [replace(c, id=None) for c in stored] == clips
    assert catalog.search("0000000000123") == [stored[123]]  # the bulk path feeds the search index


def test_segments_round_trip_and_range_queries(catalog: Catalog, segment_factory) -> None:
    ids = [catalog.add_segment(segment_factory(seq)) for seq in range(10)]  # T0 .. T0+20 s
    catalog.add_segment(segment_factory(0, camera="cam1"))
    got = catalog.segments_between("cam0", T0 + 3_000, T0 + 7_500)
    # Segments 1 (2-4 s), 2, 3 (6-8 s) overlap 3.0-7.5 s.
    assert [s.seq for s in got] == [1, 2, 3]
    assert got[0] == replace(segment_factory(1), id=ids[1])
    # A segment covers [start, end): the one ending where the range starts is not needed.
    assert [s.seq for s in catalog.segments_between("cam0", T0 + 4_000, T0 + 4_000)] == [2]
    assert [s.seq for s in catalog.segments_between("cam0", T0 + 3_999, T0 + 4_000)] == [1, 2]
    assert [s.seq for s in catalog.segments_between("cam0", T0 - 60_000, T0 + 1_000)] == [0]
    assert catalog.segments_between("cam0", T0 + 60_000, T0 + 70_000) == []
    assert [s.camera for s in catalog.segments_between("cam1", T0, T0 + 1)] == ["cam1"]


def test_deleted_segments_are_hidden_unless_asked_for(catalog: Catalog, segment_factory) -> None:
    ids = [catalog.add_segment(segment_factory(seq)) for seq in range(3)]
    catalog.mark_segment_deleted(ids[1], T0 + 99)
    assert [s.seq for s in catalog.segments_between("cam0", T0, T0 + 6_000)] == [0, 2]
    all_three = catalog.segments_between("cam0", T0, T0 + 6_000, include_deleted=True)
    assert [(s.seq, s.deleted) for s in all_three] == [(0, False), (1, True), (2, False)]
    with pytest.raises(BadInputError, match="no tape segment with id 999"):
        catalog.mark_segment_deleted(999, T0)


def test_bad_segments_are_refused(catalog: Catalog, segment_factory) -> None:
    with pytest.raises(BadInputError, match="ends .* before it starts"):
        catalog.add_segment(replace(segment_factory(0), end_ms=T0 - 1))
    with pytest.raises(BadInputError, match="relative to the data dir"):
        catalog.add_segment(replace(segment_factory(0), file="/tmp/x.mp4"))
    with pytest.raises(BadInputError, match="time range ends"):
        catalog.segments_between("cam0", T0, T0 - 1)


def test_stations_lists_each_station_once(catalog: Catalog, clip_factory) -> None:
    assert catalog.stations() == []
    for n, station in enumerate(["packing-2", "packing-1", "packing-2", "退货台", "packing-1"]):
        catalog.add_clip(clip_factory(f"SF{n:013d}", station=station))
    assert catalog.stations() == ["packing-1", "packing-2", "退货台"]


def test_newest_clip_prefers_a_kept_file_and_forgives_case(tmp_path):
    from packseal.core.catalog.catalog import Catalog
    from packseal.core.catalog.records import ClipRecord

    with Catalog.open(tmp_path / "c.sqlite") as cat:
        old = cat.add_clip(ClipRecord("SF1234567890123", "s", 1_000, 1_000, "clips/a.mp4"))
        newer = cat.add_clip(ClipRecord("SF1234567890123", "s", 5_000, 5_000, "clips/b.mp4"))
        assert cat.newest_clip("SF1234567890123").id == newer
        cat.mark_clip_deleted(newer, 9_000, "clip-expired")
        assert cat.newest_clip("sf1234567890123").id == old  # a typed number may differ in case
        cat.mark_clip_deleted(old, 9_000, "clip-expired")
        assert cat.newest_clip("SF1234567890123").id == newer  # all deleted: the newest, to say so
        assert cat.newest_clip("JD0000000000000") is None and cat.newest_clip("  ") is None
