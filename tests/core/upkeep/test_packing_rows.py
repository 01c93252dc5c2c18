"""The packing record of a clip entry in the catalog: columns, migration, rebuild, filters, links.

Every clip is sealed through the real archive with the record a station
that knew the order writes (FORMAT.md §6.1); the catalog rows are the ones
the archive files and a rebuild from the ledger makes.
"""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from packseal.core.catalog import Catalog
from packseal.core.catalog.schema import MIGRATIONS, migrate, schema_version
from packseal.core.errors import BadInputError
from packseal.core.upkeep.rebuild import rebuild_catalog
from tests.support import packing_records as P

from .conftest import T0, Store
from .test_rebuild import rows

SHIP = "SF1000000000101"


@pytest.fixture
def packed(store: Store) -> Store:
    """A plain clip, a complete shipment, an incomplete one with a wrong scan, a refunded one
    packed anyway, and the return of the first shipment."""
    store.clip("SF1000000000100", T0)
    store.clip(SHIP, T0 + timedelta(minutes=1), packing=P.complete_shipment(T0, order_ref="TB8800001"))
    store.clip("SF1000000000102", T0 + timedelta(minutes=2), packing=P.incomplete_with_wrong_item(T0))
    store.clip("SF1000000000103", T0 + timedelta(minutes=3), packing=P.cancelled_but_packed(T0))
    store.clip("RT5550000000001", T0 + timedelta(minutes=30), packing=P.unboxed_return(T0, "TB8800001"))
    store.ledger.checkpoint()
    return store


def test_the_columns_hold_what_the_signed_record_says(packed: Store) -> None:
    by_order = {c.order_id: c for c in packed.catalog.search(limit=10)}
    plain = by_order["SF1000000000100"]
    assert (plain.kind, plain.outcome, plain.packer, plain.wrong_scans, plain.overridden, plain.weight_g) == \
        ("shipment", "not-checked", None, 0, False, None)
    assert plain.pack_ms == 15_000  # scan +3 s, stop +18 s: the post-roll is not packing time
    ship = by_order[SHIP]
    assert (ship.kind, ship.outcome, ship.packer, ship.order_ref, ship.wrong_scans, ship.overridden,
            ship.weight_g) == ("shipment", "complete", "P-07", "TB8800001", 0, False, 1240)
    wrong = by_order["SF1000000000102"]
    assert (wrong.outcome, wrong.wrong_scans, wrong.overridden, wrong.weight_g) == ("incomplete", 1, True, 610)
    refunded = by_order["SF1000000000103"]
    assert (refunded.outcome, refunded.overridden, refunded.packer) == ("complete", True, "P-12")
    ret = by_order["RT5550000000001"]
    assert (ret.kind, ret.linked_order, ret.outcome, ret.weight_g) == ("return", "TB8800001", "not-checked", 580)


def test_a_rebuild_from_the_ledger_gives_the_same_rows(packed: Store) -> None:
    packed.catalog.close()
    original = rows(packed.layout.catalog_file)
    rebuilt = packed.layout.root / "rebuilt.sqlite"
    assert rebuild_catalog(packed.layout, packed.ledger, rebuilt) == 5
    assert rows(rebuilt) == original
    conn = sqlite3.connect(rebuilt)
    try:
        assert conn.execute("SELECT count(*) FROM clips WHERE overridden = 1").fetchone()[0] == 2
    finally:
        conn.close()


def test_an_old_catalog_file_is_migrated_to_the_rows_a_rebuild_makes(store: Store, tmp_path: Path) -> None:
    # Clips recorded before the packing record existed: a v2 catalog holding the archive's rows.
    store.clip("SF1000000000200", T0)
    store.clip("SF1000000000201", T0 + timedelta(minutes=1), pinned=True)
    store.ledger.checkpoint()
    store.catalog.close()
    old = tmp_path / "v2.sqlite"
    v2 = Database(old)
    migrate(v2, MIGRATIONS[:2])
    v2_columns = [c for c in v2["clips"].columns_dict]
    v2.close()
    conn = sqlite3.connect(old)
    conn.execute("ATTACH DATABASE ? AS now", [str(store.layout.catalog_file)])
    conn.execute("INSERT INTO orders SELECT * FROM now.orders")
    conn.execute(f"INSERT INTO clips ({', '.join(v2_columns)}) SELECT {', '.join(v2_columns)} FROM now.clips")
    conn.execute("INSERT INTO segments SELECT * FROM now.segments")
    conn.commit()
    conn.execute("DETACH DATABASE now")
    conn.close()

    with Catalog.open(old) as cat:  # migrates v2 -> now
        migrated = cat.search(limit=10)
        assert {(c.kind, c.outcome, c.packer, c.wrong_scans, c.overridden) for c in migrated} == \
            {("shipment", "not-checked", None, 0, False)}
        assert [c.pinned for c in sorted(migrated, key=lambda c: c.order_id)] == [False, True]
        assert cat.count(outcome="not-checked") == 2 and cat.count(outcome="complete") == 0
    db = Database(old)
    assert schema_version(db) == len(MIGRATIONS)
    db.close()
    rebuilt = tmp_path / "rebuilt.sqlite"
    rebuild_catalog(store.layout, store.ledger, rebuilt)
    # Every column but pack_ms: these entries carry stop_time (this archive writes it), which the old
    # catalog never read; entries sealed before stop_time existed rebuild with pack_ms NULL too.
    mig, reb = rows(old), rows(rebuilt)
    assert mig["segments"] == reb["segments"]
    conn = sqlite3.connect(rebuilt)
    names = [r[1] for r in conn.execute("PRAGMA table_info(clips)")]
    conn.close()
    keep = [i for i, n in enumerate(n for n in names if n not in {"id", "pinned", "disputed", "note"})
            if n != "pack_ms"]
    assert [tuple(r[i] for i in keep) for r in mig["clips"]] == [tuple(r[i] for i in keep) for r in reb["clips"]]


def test_search_filters_by_outcome_kind_and_packer(packed: Store) -> None:
    cat = packed.catalog

    def orders(**filters) -> set[str]:
        found = {c.order_id for c in cat.search(limit=50, **filters)}
        assert cat.count(**filters) == len(found)
        return found

    assert orders(outcome="complete") == {SHIP, "SF1000000000103"}
    assert orders(outcome="incomplete") == {"SF1000000000102"}
    assert orders(outcome="not-checked") == {"SF1000000000100", "RT5550000000001"}
    assert orders(outcome="wrong-item") == {"SF1000000000102"}
    assert orders(outcome="overridden") == {"SF1000000000102", "SF1000000000103"}
    assert orders(outcome=["wrong-item", "complete"]) == {SHIP, "SF1000000000102", "SF1000000000103"}
    assert orders(kind="return") == {"RT5550000000001"}
    assert orders(kind="shipment", outcome="not-checked") == {"SF1000000000100"}
    assert orders(packer="P-12") == {"SF1000000000103"}
    assert orders(packer="P-07", kind="shipment") == {SHIP, "SF1000000000102"}
    assert orders(query="000000010", outcome="overridden") == {"SF1000000000102", "SF1000000000103"}
    assert cat.packers() == ["P-07", "P-12"]
    assert [c.order_id for c in cat.search(order_by="outcome", descending=False, limit=2)] == \
        [SHIP, "SF1000000000103"]
    with pytest.raises(BadInputError, match="unknown outcome"):
        cat.search(outcome="lost")
    with pytest.raises(BadInputError, match="unknown kind"):
        cat.count(kind="exchange")


def test_a_return_and_its_shipment_find_each_other(packed: Store) -> None:
    cat = packed.catalog
    ret = cat.search("RT5550000000001")[0]
    ship = cat.search(SHIP)[0]
    assert [c.order_id for c in cat.linked_clips(ret)] == [SHIP]  # through the shipment's order_ref
    assert [c.order_id for c in cat.linked_clips(ship)] == ["RT5550000000001"]
    assert cat.linked_clips(cat.search("SF1000000000100")[0]) == []
    # A return naming the clip's own order ID finds it too.
    packed.clip("RT5550000000002", T0 + timedelta(minutes=40),
                packing=P.unboxed_return(T0, "SF1000000000102"))
    wrong = cat.search("SF1000000000102")[0]
    assert [c.order_id for c in cat.linked_clips(wrong)] == ["RT5550000000002"]
    assert [c.order_id for c in cat.linked_clips(cat.search("RT5550000000002")[0])] == ["SF1000000000102"]


def test_a_record_of_the_wrong_shape_still_files_the_clip(store: Store) -> None:
    # The record is signed as the station wrote it; what cannot be read is left out, the clip stays evidence.
    odd = {"kind": "shipment", "outcome": "complete", "packer": 7, "weight_g": "heavy",
           "scans": [{"code": "X", "time": "?", "result": "wrong"}, "junk"], "warnings": "none"}
    clip = store.clip("SF1000000000300", T0, packing=odd)
    assert (clip.outcome, clip.packer, clip.weight_g, clip.wrong_scans, clip.overridden) == \
        ("complete", None, None, 1, False)
