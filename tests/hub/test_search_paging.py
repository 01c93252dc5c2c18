"""The staff search page by page (keyset cursor), by outcome and kind; kind and outcome from the ledger."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import pytest

from packseal.core.ledger import bodies
from packseal.core.ledger.entry import sign_entry
from packseal.core.ledger.keys import StationKey
from packseal.hub import db as hub_db
from packseal.hub.ingest import clip_row
from packseal.hub import search as hub_search
from tests.support import packing_records as P
from tests.support.hub_rows import add_clip, add_station, staff_session

T0 = datetime(2026, 12, 1, 8, tzinfo=timezone.utc)


def test_any_page_size_walks_every_match_once_newest_first(hub_client, hub_context, hub_account):
    with hub_context.db.connection() as conn:
        add_station(conn)
        # 23 clips; five share one start time, so the cursor must order by id as well.
        for n in range(23):
            add_clip(conn, f"JD{n:04d}", start=T0 + timedelta(minutes=min(n, 18)),
                     outcome=("complete", "incomplete", "not-checked")[n % 3],
                     kind="return" if n % 5 == 0 else "shipment")
    staff_session(hub_client, *hub_account)
    every = [c["id"] for c in hub_client.get("/api/clips", params={"limit": 1000}).json()["clips"]]
    assert len(every) == 23
    for size in (1, 4, 7, 22, 23, 50):
        seen, cursor, pages = [], None, 0
        while True:
            params = {"limit": size, "q": "JD", **({"cursor": cursor} if cursor else {})}
            answer = hub_client.get("/api/clips", params=params).json()
            seen += [c["id"] for c in answer["clips"]]
            cursor, pages = answer["next"], pages + 1
            if cursor is None:
                break
        assert seen == every, size
        assert pages == -(-23 // size), size
    incomplete = hub_client.get("/api/clips", params={"outcome": "incomplete"}).json()["clips"]
    assert {c["order_id"] for c in incomplete} == {f"JD{n:04d}" for n in range(23) if n % 3 == 1}
    assert all(c["outcome"] == "incomplete" for c in incomplete)
    returns = hub_client.get("/api/clips", params={"kind": "return", "outcome": "complete"}).json()["clips"]
    assert {c["order_id"] for c in returns} == {f"JD{n:04d}" for n in range(23) if n % 5 == 0 and n % 3 == 0}
    for bad in ({"outcome": "great"}, {"kind": "gift"}, {"cursor": "not-a-cursor"}, {"cursor": "MjAyNnwx"}):
        answer = hub_client.get("/api/clips", params=bad)
        assert answer.status_code == 400 and answer.json()["error"], bad
    # The search page walks the same pages through its links.
    page = hub_client.get("/search", params={"q": "JD", "limit": 10}, headers={"Accept-Language": "en"})
    assert page.status_code == 200 and page.text.count('class="order"') == 10 and 'id="next"' in page.text


def _walk(client, params: dict, size: int) -> list[int]:
    """Every page of a search, followed by its cursors; the ids in the order given."""
    seen, cursor = [], None
    while True:
        answer = client.get("/api/clips", params={**params, "limit": size, **({"cursor": cursor} if cursor else {})})
        assert answer.status_code == 200, answer.text
        seen += [c["id"] for c in answer.json()["clips"]]
        cursor = answer.json()["next"]
        if cursor is None:
            return seen


@pytest.mark.parametrize("newest, max_days", [(7, 30), (hub_search.NEWEST, hub_search.MAX_DAYS)])
def test_short_texts_walk_every_match_once_over_years_with_and_without_from_to(
        hub_client, hub_context, hub_account, monkeypatch, newest, max_days):
    """Short texts in clips seconds to years apart, some sharing a start or a microsecond apart, some at
    midnight UTC or a microsecond from it: every page size walks every match once, newest first, with
    and without from/to; also when the newest clips the search first reads (search.NEWEST, and
    search.NEWEST_DAY_TEXT for 4 and 5 characters; here 7 each too) hold only part of a page, and when
    the day-by-day search's last step is too long to name each day (search.MAX_DAYS, here 30 too)."""
    monkeypatch.setattr(hub_search, "NEWEST", newest)
    monkeypatch.setattr(hub_search, "NEWEST_DAY_TEXT", min(newest, hub_search.NEWEST_DAY_TEXT))
    monkeypatch.setattr(hub_search, "MAX_DAYS", max_days)
    rng = random.Random(21)
    newest = datetime(2026, 12, 1, 8, 0, 0, 500000, tzinfo=timezone.utc)
    starts = [newest]
    for back in (timedelta(days=1), timedelta(days=7), timedelta(days=49)):
        edge = newest - back
        starts += [edge, edge, edge + timedelta(microseconds=1), edge - timedelta(microseconds=1)]
        midnight = edge.replace(hour=0, minute=0, second=0, microsecond=0)
        starts += [midnight, midnight + timedelta(microseconds=1), midnight - timedelta(microseconds=1)]
    starts += [newest - timedelta(seconds=rng.uniform(0, span))
               for span in (3600, 86400 * 3, 86400 * 60, 86400 * 900) for _ in range(30)]
    clips = {}
    with hub_context.db.connection() as conn:
        add_station(conn)
        for n, start in enumerate(starts):
            order = "JD" + "".join(rng.choice("1237") for _ in range(6))
            waybills = rng.choice(["", "YT" + "".join(rng.choice("379") for _ in range(5))])
            clips[add_clip(conn, order, waybills=waybills, sha256=f"{n:064x}", start=start)] = \
                (f"{order} {waybills}".lower(), start)
    staff_session(hub_client, *hub_account)
    newest_first = sorted(clips, key=lambda i: (clips[i][1], i), reverse=True)
    far = newest - timedelta(days=400)  # a from that leaves out the oldest clips
    walked = 0
    for text in ("1", "23", "JD7", "7213", "yt9", "99", "d72", "yT37", "d7213", "21", "2", "JD12"):
        assert len(text) <= hub_search.DAY_TEXT
        for low, high in ((None, None), (newest - timedelta(days=7), None),
                          (far, newest - timedelta(days=40)), (far, newest - timedelta(days=3))):
            bounds = {name: t.isoformat() for name, t in (("from", low), ("to", high)) if t}
            want = [i for i in newest_first if (low is None or low <= clips[i][1])
                    and (high is None or clips[i][1] < high) and text.lower() in clips[i][0]]
            for size in (3, 25, 1000):
                assert _walk(hub_client, {"q": text, **bounds}, size) == want, (text, bounds, size)
                walked += len(want)
    assert walked > 1500  # the texts matched many clips


def _clip_entry(key, seq, packing):
    body = bodies.clip_body(order_id="SF9", scan_time=T0, start=T0, end=T0 + timedelta(seconds=9),
                            file="clips/a.mp4", sha256="ab" * 32, bytes=10, duration_ms=9000, frame_count=90,
                            packing=packing)
    return sign_entry(key, seq=seq, prev="00" * 32, time="2026-12-01T08:00:09.000Z", station="st-k",
                      kind=bodies.CLIP, body=body)


def test_kind_and_outcome_come_from_the_clips_packing_record(hub_context):
    key = StationKey.generate()
    assert (clip_row(_clip_entry(key, 1, P.incomplete_with_wrong_item(T0)))["outcome"]) == "incomplete"
    assert clip_row(_clip_entry(key, 1, P.unboxed_return(T0, "SF1")))["kind"] == "return"
    plain = clip_row(_clip_entry(key, 1, None))
    assert (plain["kind"], plain["outcome"]) == ("shipment", "not-checked")
    # Clips the hub took before the shares migration are filled in from the ledger entries it holds.
    entry = _clip_entry(key, 3, P.incomplete_with_wrong_item(T0))
    shares_sql = next(sql for _, name, sql in hub_db.migrations() if name.endswith("_shares.sql"))
    update = next(s for s in shares_sql.split(";") if "UPDATE clips" in s)
    with hub_context.db.connection() as conn:
        add_station(conn, "st-k")
        conn.execute("INSERT INTO ledger_entries (station_id, seq, hash, kind, entry) VALUES (%s, 3, %s, 'clip', %s)",
                     ("st-k", entry.hash, entry.canonical))
        clip_id = add_clip(conn, "SF9", station_id="st-k")
        conn.execute("UPDATE clips SET ledger_seq = 3, outcome = 'x', kind = 'y' WHERE id = %s", (clip_id,))
        conn.execute(update)
        row = conn.execute("SELECT kind, outcome FROM clips WHERE id = %s", (clip_id,)).fetchone()
    assert (row["kind"], row["outcome"]) == ("shipment", "incomplete")
