"""Searching the catalog: partial IDs, hostile text, dates, stations, order, pages."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from packseal.core.catalog import Catalog, ClipRecord
from packseal.core.catalog.query import ClipFilter, order_clause, walk_threshold
from packseal.core.errors import BadInputError

T0 = 1_714_521_600_000  # 2024-05-01T00:00:00Z
HOUR = 3_600_000
DAY = 24 * HOUR
CHINA = timezone(timedelta(hours=8))

# Order IDs chosen to make search mistakes visible: shared digit runs, case
# variants, and characters that mean something to FTS5 or to LIKE.
TRICKY_IDS = [
    "SF1234567890123",
    "SF9876543210987",
    "sf5550001112223",
    "JDVA12345678901",
    "773123456789012",
    "123-1234567-1234567",
    "ORDER-2024-000123",
    'AB"CD"EF12',
    "STAR*QUERY*01",
    "AND-OR-NOT-01",
    "NEAR(A B)-77",
    "100%_DISCOUNT",
    "UNDER_SCORE_1",
    "CARET^01-ABC",
    "PLUS+MINUS-9",
    "COLON:ID:1234",
    "中文订单-0001",
    "x",
    "ab",
]


@pytest.fixture
def populated(catalog: Catalog, clip_factory) -> Catalog:
    for n, order_id in enumerate(TRICKY_IDS):
        catalog.add_clip(clip_factory(order_id, start_ms=T0 + n * HOUR))
    return catalog


def ids(clips: list[ClipRecord]) -> set[str]:
    return {c.order_id for c in clips}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("34567890", {"SF1234567890123", "JDVA12345678901", "773123456789012"}),
        ("SF1234567890123", {"SF1234567890123"}),
        ("890123", {"SF1234567890123"}),
        ("sf", {"SF1234567890123", "SF9876543210987", "sf5550001112223"}),  # prefix, any case
        ("sf555", {"sf5550001112223"}),
        ("SF555", {"sf5550001112223"}),  # case-insensitive substring
        ("1234567", {"SF1234567890123", "JDVA12345678901", "123-1234567-1234567", "773123456789012"}),
        ("  4567890123\r\n", {"SF1234567890123"}),  # whitespace from a scanner is ignored
        ("订单", set()),  # two characters: a prefix query, and no ID starts with them
        ("文订单", {"中文订单-0001"}),
        ("99999999", set()),
    ],
)
def test_partial_and_short_queries(populated: Catalog, query: str, expected: set[str]) -> None:
    assert ids(populated.search(query)) == expected
    assert populated.count(query) == len(expected)


def test_short_queries_match_the_start_of_the_id(populated: Catalog) -> None:
    assert ids(populated.search("7")) == {"773123456789012"}
    assert ids(populated.search("77")) == {"773123456789012"}
    assert ids(populated.search("a")) == {"AB\"CD\"EF12", "AND-OR-NOT-01", "ab"}
    assert ids(populated.search("x")) == {"x"}
    assert ids(populated.search("中")) == {"中文订单-0001"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"', set()),
        ('"CD"', {'AB"CD"EF12'}),
        ('B"C', {'AB"CD"EF12'}),
        ("*", set()),  # short: prefix, and no ID starts with '*'
        ("R*Q", {"STAR*QUERY*01"}),
        ("STAR*", {"STAR*QUERY*01"}),
        ("AND", {"AND-OR-NOT-01"}),
        ("OR", {"ORDER-2024-000123"}),  # short: a prefix, not the FTS operator
        ("NOT", {"AND-OR-NOT-01"}),
        ("AND OR", set()),  # not an FTS operator: the literal text "AND OR" is in no ID
        ("NEAR(A B)", {"NEAR(A B)-77"}),
        ("A B", {"NEAR(A B)-77"}),
        ("%", set()),
        ("0%_", {"100%_DISCOUNT"}),
        ("%%%", set()),
        ("_SC", {"UNDER_SCORE_1"}),
        ("___", set()),
        ("^01", {"CARET^01-ABC"}),
        ("+MINUS", {"PLUS+MINUS-9"}),
        ("-9", set()),
        ("COLON:", {"COLON:ID:1234"}),
        ("ID:", {"COLON:ID:1234"}),
        ("order_id:SF", set()),  # a column filter in FTS syntax is just text here
        ("'; DROP TABLE clips; --", set()),
    ],
)
def test_hostile_queries_are_taken_literally(populated: Catalog, query: str, expected: set[str]) -> None:
    assert ids(populated.search(query)) == expected
    assert populated.count(query) == len(expected)
    assert populated.count() == len(TRICKY_IDS)  # nothing was dropped or changed


def test_control_characters_in_a_query_are_refused_clearly(populated: Catalog) -> None:
    with pytest.raises(BadInputError, match="control character"):
        populated.search("SF12\x00345")
    with pytest.raises(BadInputError, match="control character"):
        populated.count("\x1b[31m")


def test_blank_queries_match_everything(populated: Catalog) -> None:
    assert populated.count(None) == populated.count("") == populated.count("   ") == len(TRICKY_IDS)


def _ascii_lower(text: str) -> str:
    return "".join(ch.lower() if ch.isascii() else ch for ch in text)


def _expected(query: str) -> set[str]:
    """The meaning of a query, written the slow and obvious way."""
    text = query.strip()
    if not text:
        return set(TRICKY_IDS)
    if len(text) >= 3:
        return {i for i in TRICKY_IDS if _ascii_lower(text) in _ascii_lower(i)}
    return {i for i in TRICKY_IDS if _ascii_lower(i).startswith(_ascii_lower(text))}


@pytest.fixture(scope="module")
def module_catalog(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Catalog]:
    cat = Catalog.open(Path(tmp_path_factory.mktemp("search")) / "catalog.sqlite")
    for n, order_id in enumerate(TRICKY_IDS):
        cat.add_clip(ClipRecord(order_id, "s", T0 + n, T0 + n, f"clips/{n}.mp4"))
    yield cat
    cat.close()


_QUERY_CHARS = "".join(sorted(set("".join(TRICKY_IDS)))) + "abcdefsfjdv %_'\\:()-*\"^"


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(st.sampled_from(_QUERY_CHARS), max_size=8),
        st.sampled_from(TRICKY_IDS).flatmap(
            lambda s: st.tuples(st.integers(0, len(s)), st.integers(0, len(s))).map(
                lambda ij: s[min(ij): max(ij)]
            )
        ),
    ),
    st.sampled_from([2, 5, 1000]),  # small pages make the catalog walk its index instead
)
def test_any_query_means_substring_or_prefix(module_catalog: Catalog, query: str, limit: int) -> None:
    expected = _expected(query)
    found = module_catalog.search(query, limit=limit)
    newest_first = sorted(expected, key=TRICKY_IDS.index, reverse=True)  # start_ms grows with the index
    assert [c.order_id for c in found] == newest_first[:limit]
    assert module_catalog.count(query) == len(expected)
    assert module_catalog.count(query, station="s") == len(expected)  # text plus another filter


def test_both_ways_of_using_the_search_text_give_the_same_rows(tmp_path: Path, clip_factory) -> None:
    """Through the text's index, or as a filter while walking the start_ms index."""
    path = tmp_path / "catalog.sqlite"
    with Catalog.open(path) as cat:
        cat.add_clips(
            clip_factory(prefix + f"{n:013d}", start_ms=T0 + (n * 7919) % 1000 * 60_000,
                         station=f"s{n % 2}")
            for n, prefix in enumerate(["SF", "YT", "773"] * 100)
        )
    conn = sqlite3.connect(path)
    try:
        for query in ["SF", "7", "773", "000000000001", "0000000000000", "F00", "y", "Q"]:
            for station in (None, "s1"):
                flt = ClipFilter(query, station=station)
                results = []
                for through_index in (True, False):
                    where, params = flt.where(text_through_index=through_index)
                    sql = f"SELECT id FROM clips {where} {order_clause('start_ms', True)}"
                    results.append(conn.execute(sql, params).fetchall())
                assert results[0] == results[1]
                if station is None:
                    assert (results[0] == []) == (query == "Q")
    finally:
        conn.close()


def test_walk_is_chosen_only_when_many_match() -> None:
    threshold = walk_threshold(100, 1_000_000, "start_ms")
    assert 13 < threshold < 200_000  # few matches: fetch them; a fifth of the catalog: walk
    assert walk_threshold(100, 1_000_000, "duration_ms") is None  # no index to walk
    assert walk_threshold(100, 0, "start_ms") == 0


def test_date_filters_cover_whole_days(catalog: Catalog, clip_factory) -> None:
    # One clip per hour over three UTC days.
    for hour in range(72):
        catalog.add_clip(clip_factory(f"SF{hour:013d}", start_ms=T0 + hour * HOUR))
    utc = timezone.utc
    may2 = catalog.search(date_from=date(2024, 5, 2), date_to=date(2024, 5, 2), tz=utc, limit=1000)
    assert sorted(c.start_ms for c in may2) == [T0 + DAY + h * HOUR for h in range(24)]
    assert catalog.count(date_from=date(2024, 5, 2), tz=utc) == 48
    assert catalog.count(date_to=date(2024, 5, 1), tz=utc) == 24
    # The same calendar day in China starts 8 hours earlier in UTC.
    may2_china = catalog.search(date_from=date(2024, 5, 2), date_to=date(2024, 5, 2), tz=CHINA, limit=1000)
    assert sorted(c.start_ms for c in may2_china) == [T0 + 16 * HOUR + h * HOUR for h in range(24)]
    # Datetimes are exact and inclusive at both ends.
    exact = catalog.count(
        date_from=datetime(2024, 5, 1, 10, tzinfo=utc), date_to=datetime(2024, 5, 1, 12, tzinfo=utc)
    )
    assert exact == 3
    # A naive datetime is read in tz.
    assert catalog.count(date_from=datetime(2024, 5, 3, 20), tz=utc) == 4
    # A naive datetime without tz is this computer's local time, like an aware local one.
    local = datetime(2024, 5, 2, 6)
    assert catalog.count(date_from=local) == catalog.count(date_from=local.astimezone())
    with pytest.raises(BadInputError, match="after its end"):
        catalog.search(date_from=date(2024, 5, 3), date_to=date(2024, 5, 2))
    with pytest.raises(BadInputError, match="date or a datetime"):
        catalog.search(date_from="2024-05-01")  # type: ignore[arg-type]


def test_station_status_and_deleted_filters(catalog: Catalog, clip_factory) -> None:
    a = catalog.add_clip(clip_factory("SF0000000000001", station="packing-1"))
    b = catalog.add_clip(clip_factory("SF0000000000002", station="packing-2", status="interrupted"))
    c = catalog.add_clip(clip_factory("SF0000000000003", station="packing-1", status="recording"))
    catalog.mark_clip_deleted(a, T0 + DAY, "retention")
    assert {x.id for x in catalog.search(station="packing-1")} == {a, c}
    assert {x.id for x in catalog.search(station="packing-1", include_deleted=False)} == {c}
    assert {x.id for x in catalog.search(status="interrupted")} == {b}
    assert {x.id for x in catalog.search(status=["complete", "recording"])} == {a, c}
    assert catalog.count("00000000000", station="packing-2", status="interrupted") == 1
    assert catalog.search(station="nowhere") == []
    with pytest.raises(BadInputError, match="unknown clip status"):
        catalog.search(status="done")


def test_ordering_and_pages(catalog: Catalog, clip_factory) -> None:
    starts = [5, 1, 4, 1, 3, 9, 2, 6]
    for n, minute in enumerate(starts):
        catalog.add_clip(clip_factory(f"YT{n:013d}", start_ms=T0 + minute * 60_000, duration_ms=(n + 1) * 1000))
    newest_first = catalog.search(limit=100)
    assert [c.start_ms for c in newest_first] == sorted((T0 + m * 60_000 for m in starts), reverse=True)
    oldest_first = catalog.search(descending=False)
    assert [c.id for c in oldest_first] == [c.id for c in reversed(newest_first)]  # ties broken by id
    assert [c.duration_ms for c in catalog.search(order_by="duration_ms", descending=False)] == [
        (n + 1) * 1000 for n in range(8)
    ]
    assert [c.order_id for c in catalog.search(order_by="order_id", limit=2)] == [
        "YT0000000000007", "YT0000000000006",
    ]
    pages = [catalog.search(limit=3, offset=offset) for offset in (0, 3, 6)]
    assert [c.id for page in pages for c in page] == [c.id for c in newest_first]
    assert catalog.search(limit=3, offset=99) == []


@pytest.mark.parametrize(
    "kwargs",
    [
        {"order_by": "start_ms; DROP TABLE clips"},
        {"order_by": "note"},
        {"limit": 0},
        {"limit": 1_000_000},
        {"offset": -1},
    ],
)
def test_bad_search_arguments_are_refused(populated: Catalog, kwargs: dict) -> None:
    with pytest.raises(BadInputError):
        populated.search(**kwargs)
    assert populated.count() == len(TRICKY_IDS)


def test_search_index_follows_deletes_and_id_changes(catalog: Catalog, clip_factory) -> None:
    clip_id = catalog.add_clip(clip_factory("SF1234567890123"))
    db = catalog._db  # noqa: SLF001 - a ledger rebuild will do this; no public API yet
    db.execute("UPDATE clips SET order_id = 'SF1234567890123' WHERE id = ?", [clip_id])
    assert ids(catalog.search("4567890")) == {"SF1234567890123"}
    db.execute("INSERT INTO orders (order_id, first_seen, last_seen) VALUES ('YT7777777777777', 0, 0)")
    db.execute("UPDATE clips SET order_id = 'YT7777777777777' WHERE id = ?", [clip_id])
    assert catalog.search("4567890") == []
    assert ids(catalog.search("7777777")) == {"YT7777777777777"}
    db.execute("DELETE FROM clips WHERE id = ?", [clip_id])
    assert catalog.search("7777777") == []
    assert db.execute("INSERT INTO clips_fts(clips_fts) VALUES ('integrity-check')") is not None
