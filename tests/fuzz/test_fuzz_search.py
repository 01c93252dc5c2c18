"""Catalog search: any text typed or scanned into the search box gives results or a clear refusal."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from packseal.core.catalog import Catalog, ClipRecord
from packseal.core.errors import BadInputError

from .conftest import fuzz

ORDERS = ["SF1234567890123", "sf1234567890124", "773123456789012", "ORDER-2024-000123", "JDVA12345678901",
          'quote"d-ORDER1', "star*NEAR(x)", "订单-CN-0001", "230415-123456789012345"]

# FTS5 syntax, SQL, control characters, surrogates: everything a query must survive.
_PIECES = st.sampled_from(['"', "*", "^", "(", ")", "NEAR", "AND", "OR", "NOT", ":", "-", "'", ";", "--", "%",
                           "_", "\\", "\x00", "\x1b", "\n", " ", "\ud800", "订单", "SF", "123", "ORDER"])
QUERIES = st.one_of(st.text(max_size=40), st.lists(_PIECES, max_size=12).map("".join),
                    st.sampled_from(ORDERS).flatmap(lambda o: st.integers(0, len(o)).map(lambda n: o[n:])))


@pytest.fixture
def catalog(sandbox: Path):
    cat = Catalog.open(sandbox / "catalog.sqlite")
    cat.add_clips(ClipRecord(order_id=o, station="s", scan_ms=1_000 * n, start_ms=1_000 * n,
                             file=f"clips/d/{n}.mp4") for n, o in enumerate(ORDERS))
    yield cat
    cat.close()


@fuzz(400)
@given(QUERIES)
def test_any_search_text(catalog: Catalog, query: str) -> None:
    try:
        found = catalog.search(query, limit=50)
        total = catalog.count(query)
    except BadInputError as exc:
        assert str(exc)
        return
    assert total == len(found)
    text = query.strip()
    for clip in found:
        assert clip.order_id in ORDERS
        if text.isascii():  # SQLite folds ASCII case only; that is the promise for ASCII text
            if len(text) >= 3:
                assert text.lower() in clip.order_id.lower()
            elif text:
                assert clip.order_id.lower().startswith(text.lower())
    if text.isascii() and text:
        expected = {o for o in ORDERS
                    if (text.lower() in o.lower() if len(text) >= 3 else o.lower().startswith(text.lower()))}
        assert {c.order_id for c in found} == expected
