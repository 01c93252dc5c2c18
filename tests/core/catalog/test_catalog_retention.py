"""Schema v2: disputed clips, and the queries retention and reconciliation run."""

from __future__ import annotations

import random
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from sqlite_utils import Database

from packseal.core.catalog import Catalog, CatalogDamagedError, LiveFile
from packseal.core.catalog.schema import MIGRATIONS, migrate, schema_version
from packseal.core.errors import BadInputError

from .conftest import BASE_MS, make_clip, make_segment


def plan(catalog: Catalog, sql: str, params: list) -> str:
    rows = catalog._db.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()  # noqa: SLF001
    return " / ".join(r[3] for r in rows)


def test_a_v1_catalog_is_migrated_keeping_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "catalog.sqlite"
    db = Database(path)
    migrate(db, MIGRATIONS[:1])
    db.execute("INSERT INTO orders VALUES ('SF1', 1, 1, 1)")
    db.execute("INSERT INTO clips (order_id, station, scan_ms, start_ms, file, pinned, created_ms) "
               "VALUES ('SF1', 's', 1, 1, 'clips/a.mp4', 1, 1)")
    db.execute("INSERT INTO segments (camera, seq, file, start_ms, end_ms, deleted_ms) "
               "VALUES ('cam0', 1, 'tape/a.ts', 1, 2, 5)")
    db.conn.commit()
    db.close()
    with Catalog.open(path) as cat:
        clip = cat.get_clip(1)
        assert (clip.order_id, clip.pinned, clip.disputed) == ("SF1", True, False)
        seg = cat.segment_by_file("tape/a.ts")
        assert (seg.deleted_ms, seg.deleted_reason) == (5, None)
        assert cat.get_meta("anything") is None
    db = Database(path)
    assert schema_version(db) == len(MIGRATIONS)
    names = {i.name for t in ("clips", "segments") for i in db[t].indexes}
    assert {"clips_file", "segments_file", "clips_ledger_seq", "segments_ledger_seq", "clips_deletable",
            "segments_live_start"} <= names
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE clips SET disputed = 2 WHERE id = 1")
    db.close()


def test_disputed_round_trips_and_keeps_a_clip_from_retention(catalog: Catalog) -> None:
    clip_id = catalog.add_clip(make_clip(disputed=True))
    assert catalog.get_clip(clip_id).disputed is True and catalog.get_clip(clip_id).retained
    assert catalog.set_disputed(clip_id, False).disputed is False
    assert catalog.deletable_clips()[0].id == clip_id
    catalog.set_disputed(clip_id, True)
    assert catalog.deletable_clips() == []
    with pytest.raises(BadInputError, match="no clip with id"):
        catalog.set_disputed(clip_id + 1, True)


def test_deletable_clips_are_the_oldest_unpinned_undisputed_live_ones(catalog: Catalog) -> None:
    ids = {}
    for n, changes in enumerate([{}, {"pinned": True}, {"disputed": True}, {"deleted_ms": 5}, {}, {}]):
        ids[n] = catalog.add_clip(make_clip(f"SF{n:013d}", start_ms=BASE_MS + (5 - n) * 1000, **changes))
    # newest-first insertion order: the result must be sorted by time, not by id
    assert [c.id for c in catalog.deletable_clips()] == [ids[5], ids[4], ids[0]]
    assert [c.id for c in catalog.deletable_clips(BASE_MS + 1000)] == [ids[5]]
    first = catalog.deletable_clips(limit=1)
    page = catalog.deletable_clips(limit=5, after=(first[0].start_ms, first[0].id))
    assert [c.id for c in page] == [ids[4], ids[0]]
    with pytest.raises(BadInputError):
        catalog.deletable_clips(limit=0)


def test_clips_with_the_same_start_page_by_id(catalog: Catalog) -> None:
    ids = catalog.add_clip(make_clip("SF0000000000001")), catalog.add_clip(make_clip("SF0000000000002"))
    first = catalog.deletable_clips(limit=1)[0]
    assert first.id == ids[0]
    assert [c.id for c in catalog.deletable_clips(after=(first.start_ms, first.id))] == [ids[1]]


def test_oldest_segments_of_every_camera_or_one(catalog: Catalog) -> None:
    catalog.add_segments([make_segment(n, "cam0") for n in range(4)]
                         + [make_segment(n, "cam1", start_ms=BASE_MS + 500) for n in range(3)])
    gone = catalog.segment_by_file("tape/cam0/00000000.mp4")
    catalog.mark_segment_deleted(gone.id, BASE_MS + 10, "tape-expired")
    assert [(s.camera, s.seq) for s in catalog.oldest_segments(limit=4)] == [
        ("cam1", 0), ("cam0", 1), ("cam1", 1), ("cam0", 2)]
    assert [s.seq for s in catalog.oldest_segments(camera="cam0")] == [1, 2, 3]
    assert [s.seq for s in catalog.oldest_segments(BASE_MS + 3000, camera="cam1")] == [0, 1]
    row = catalog.segment_by_file("tape/cam0/00000000.mp4")
    assert (row.deleted_ms, row.deleted_reason) == (BASE_MS + 10, "tape-expired")


def test_the_retention_queries_walk_the_partial_indexes(catalog: Catalog) -> None:
    clips = plan(catalog, "SELECT * FROM clips WHERE pinned = 0 AND disputed = 0 AND deleted_ms IS NULL "
                 "AND start_ms < ? AND (start_ms, id) > (?, ?) ORDER BY start_ms, id LIMIT ?", [9, 1, 2, 3])
    assert "clips_deletable" in clips and "TEMP B-TREE" not in clips
    segs = plan(catalog, "SELECT * FROM segments WHERE deleted_ms IS NULL AND start_ms < ? "
                "ORDER BY start_ms, id LIMIT ?", [9, 3])
    assert "segments_live_start" in segs and "TEMP B-TREE" not in segs
    assert "clips_file" in plan(catalog, "SELECT * FROM clips WHERE file = ? ORDER BY id DESC LIMIT 1", ["f"])


def test_rows_by_file_are_the_newest(catalog: Catalog) -> None:
    first = catalog.add_clip(make_clip(ledger_seq=3))
    again = catalog.add_clip(make_clip(ledger_seq=9))  # the same path sealed again later
    assert catalog.clip_by_file(make_clip().file).id == again
    assert catalog.clip_by_ledger_seq(3).id == first
    assert catalog.clip_by_file("clips/none.mp4") is None and catalog.clip_by_ledger_seq(4) is None
    assert catalog.segment_by_file("tape/none.ts") is None


def test_the_clip_files_of_one_folder(catalog: Catalog) -> None:
    for file in ("clips/2024-05-01/a.mp4", "clips/2024-05-01/b.mp4", "clips/2024-05-01/sub/c.mp4",
                 "clips/2024-05-010/d.mp4", "clips/2024-05-02/e.mp4"):
        catalog.add_clip(make_clip(file=file))
    assert catalog.clip_files_in("clips/2024-05-01") == {"clips/2024-05-01/a.mp4", "clips/2024-05-01/b.mp4"}
    assert catalog.clip_files_in("clips/2024-05-01/") == catalog.clip_files_in("clips/2024-05-01")
    assert catalog.clip_files_in("clips/none") == set()


def test_many_segments_are_added_in_batches_and_checked(catalog: Catalog) -> None:
    assert catalog.add_segments((make_segment(n) for n in range(120)), batch=50) == 120
    assert len(catalog.oldest_segments(limit=1000)) == 120
    with pytest.raises(BadInputError, match="ends .* before it starts"):
        catalog.add_segments([replace(make_segment(500), end_ms=BASE_MS - 1)])
    with pytest.raises(BadInputError, match="relative to the data dir"):
        catalog.add_segments([replace(make_segment(501), file="../outside.ts")])


def test_live_files_and_ledger_seqs_page_through_big_tables(catalog: Catalog) -> None:
    total = 12_000  # more than two internal pages
    catalog.add_segments(replace(make_segment(n), ledger_seq=2 * n) for n in range(total))
    catalog.add_clip(make_clip(ledger_seq=1))
    catalog.mark_deleted_by_ledger_seq([(0, BASE_MS, "tape-expired"), (1, BASE_MS, "clip-expired")])
    live = list(catalog.live_files("segments"))
    assert len(live) == total - 1 and live[0] == LiveFile(live[0].id, "tape/cam0/00000001.mp4", 2)
    assert len({f.id for f in live}) == total - 1
    assert list(catalog.live_files("clips")) == []
    seqs = catalog.ledger_seqs("segments", 100, limit=3)
    assert seqs == [102, 104, 106]
    assert catalog.ledger_seqs("clips") == [1]  # deleted rows still point at their entries
    with pytest.raises(BadInputError):
        list(catalog.live_files("orders"))


def test_deletion_marks_by_ledger_seq_keep_the_first_mark(catalog: Catalog) -> None:
    clip_id = catalog.add_clip(make_clip(ledger_seq=7))
    catalog.add_segment(replace(make_segment(1), ledger_seq=8))
    marks = [(7, 100, "clip-expired"), (8, 100, "disk-space"), (99, 1, "x")]
    assert catalog.mark_deleted_by_ledger_seq(marks) == 2
    assert catalog.mark_deleted_by_ledger_seq([(7, 200, "owner-deleted")]) == 0
    clip = catalog.get_clip(clip_id)
    assert (clip.deleted_ms, clip.deleted_reason) == (100, "clip-expired")


def test_meta_notes(catalog: Catalog) -> None:
    catalog.set_meta("reconciled_through", "5:ab")
    catalog.set_meta("reconciled_through", "6:cd")
    assert catalog.get_meta("reconciled_through") == "6:cd"
    with pytest.raises(BadInputError):
        catalog.set_meta("k", 5)  # type: ignore[arg-type]


def test_an_integrity_check_reads_every_page(tmp_path: Path) -> None:
    path = tmp_path / "catalog.sqlite"
    with Catalog.open(path) as cat:
        cat.add_clips(make_clip(f"SF{n:013d}", start_ms=BASE_MS + n) for n in range(3000))
        cat.check_integrity()
    data = bytearray(path.read_bytes())
    tail = len(data) // 3
    data[-tail:] = random.Random(3).randbytes(tail)
    path.write_bytes(bytes(data))
    with Catalog.open(path) as cat:  # opens: the damage is in pages not read yet
        with pytest.raises(CatalogDamagedError, match="damaged.*rebuilt from the ledger"):
            cat.check_integrity()
