"""The staff search's text: every clip whose order ID or one of whose waybills holds it, whatever its length.

Texts of 6 characters or more go through the 5-gram index (schema/008_search_grams.sql),
those of 4 and 5 through the day-tagged 4-grams (schema/009_search_day_grams.sql), shorter
ones through the trigram indexes; each must find exactly what a plain substring test finds,
here checked against Python on the same rows.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import pytest

from packseal.hub import search as hub_search
from packseal.hub.search import DAY_GRAM, DAY_TEXT, search, search_query
from tests.support.hub_rows import add_clip, add_station, staff_session

T0 = datetime(2026, 12, 1, 8, tzinfo=timezone.utc)


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("01277") for _ in range(n))  # few digits: many texts match several clips


def _clips(rng: random.Random) -> list[tuple[str, str]]:
    """(order ID, waybills) of clips with digit-only, lettered, short, spaced and wildcard-holding codes."""
    made = []
    for n in range(160):
        order = rng.choice([
            _digits(rng, rng.randint(9, 18)),
            "SF" + _digits(rng, 13),
            "jd" + _digits(rng, 12),
            "Ab%Cd_" + _digits(rng, 6),
            "X\\y_" + _digits(rng, 5),
            "PO " + _digits(rng, 6),  # an order ID may hold a space
            _digits(rng, rng.randint(1, 4)),
        ])
        waybills = " ".join(rng.choice([
            "YT" + _digits(rng, 13),
            _digits(rng, rng.randint(6, 14)),
            "Zt" + _digits(rng, 3),
            _digits(rng, rng.randint(1, 4)),
            "w%_" + _digits(rng, 5),
            "k\\" + _digits(rng, 6),
        ]) for _ in range(rng.choice([0, 1, 1, 2, 3])))
        made.append((f"{order}{n:03d}" if n % 2 else order, waybills))
    return made


def _holds(text: str, order: str, waybills: str) -> bool:
    text = text.lower()
    return text in order.lower() or any(text in w.lower() for w in waybills.split(" ") if w)


def _mixed_case(rng: random.Random, text: str) -> str:
    return "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in text)


def _texts(rng: random.Random, clips: list[tuple[str, str]]) -> list[str]:
    """Parts of the clips' codes at every length from 1 to 18, in mixed case, and texts that match nothing."""
    texts = []
    for order, waybills in rng.sample(clips, 40):
        codes = [order] + [w for w in waybills.split(" ") if w]
        for length in (1, 2, 3, 4, 5, 6, 7, 9, 12, 18):
            code = rng.choice(codes)
            if len(code) >= length:
                first = rng.randint(0, len(code) - length)
                texts.append(_mixed_case(rng, code[first:first + length]))
        if len(codes) > 2:  # across the space between two waybills: no waybill holds it
            texts.append(codes[1][-3:] + " " + codes[2][:3])
    texts += ["%", "_", "\\", "%_", "d_0", "b%c", "y_", "\\y", "w%_", "k\\1", "po 1", "PO 12",
              "99999", "3", "SF" + "9" * 8, "x" * 20]
    return texts


def _found(client, text: str) -> list[int]:
    answer = client.get("/api/clips", params={"q": text, "limit": 1000})
    assert answer.status_code == 200, answer.text
    assert answer.json()["next"] is None
    return [c["id"] for c in answer.json()["clips"]]


@pytest.mark.parametrize("newest", [5, hub_search.NEWEST])
def test_every_clip_holding_the_text_is_found_at_every_length(hub_client, hub_context, hub_account, monkeypatch,
                                                              newest):
    """Also when the newest clips a short text is first looked for in (search.NEWEST) are few."""
    monkeypatch.setattr(hub_search, "NEWEST", newest)
    monkeypatch.setattr(hub_search, "NEWEST_DAY_TEXT", min(newest, hub_search.NEWEST_DAY_TEXT))
    rng = random.Random(15)
    clips = _clips(rng)
    ids = {}
    with hub_context.db.connection() as conn:
        add_station(conn)
        for n, (order, waybills) in enumerate(clips):
            ids[add_clip(conn, order, waybills=waybills, sha256=f"{n:064x}",
                         start=T0 + timedelta(minutes=n % 97))] = (order, waybills)
    staff_session(hub_client, *hub_account)
    texts = _texts(rng, clips)
    long_ones = day_ones = 0
    for text in texts:
        want = {i for i, (order, waybills) in ids.items() if _holds(text.strip(), order, waybills)}
        got = _found(hub_client, text)
        assert len(got) == len(set(got)) and set(got) == want, (text, sorted(want), sorted(got))
        long_ones += len(text.strip()) > DAY_TEXT and bool(want)
        day_ones += DAY_GRAM <= len(text.strip()) <= DAY_TEXT and bool(want)
    assert long_ones >= 40 and day_ones >= 20  # many texts took the 5-gram and the day-gram paths and found something
    # A text that runs from one waybill into the next matches nothing, the same text inside one waybill does.
    with hub_context.db.connection() as conn:
        joined = add_clip(conn, "ORD-1", waybills="YT11112 YT22223", sha256="e" * 64)
    assert joined not in _found(hub_client, "11112 YT22") + _found(hub_client, "2 Y")
    assert joined in _found(hub_client, "t1111") and joined in _found(hub_client, "yt22223")
    # A space inside an order ID is matched like any other character.
    assert set(_found(hub_client, "Po 7")) == {i for i, (order, _) in ids.items() if "po 7" in order.lower()}


def test_wildcards_and_backslash_are_literal_in_long_and_short_texts(hub_client, hub_context, hub_account):
    with hub_context.db.connection() as conn:
        add_station(conn)
        literal = add_clip(conn, "A%B_C\\D12345", sha256="1" * 64)
        plain = add_clip(conn, "AXBYCZD12345", sha256="2" * 64)
        waybill = add_clip(conn, "ORD-9", waybills="1 Q_%\\77", sha256="3" * 64)
    staff_session(hub_client, *hub_account)
    assert _found(hub_client, "a%b_c\\d123") == [literal]
    assert _found(hub_client, "%b_c") == [literal]
    assert _found(hub_client, "_") == [waybill, literal]
    assert _found(hub_client, "\\") == [waybill, literal]
    assert _found(hub_client, "q_%\\7") == [waybill]
    assert _found(hub_client, "axbycz") == [plain]
    assert _found(hub_client, "a_b") == []


def test_long_texts_can_be_answered_from_the_5_gram_index(hub_context):
    """With the table scans switched off, the statement of a text of 5 characters or more reads clips_grams
    alone, a shorter one the trigram indexes (search() takes this statement for 6 characters or more)."""
    with hub_context.db.connection() as conn:
        add_station(conn)
        for n in range(50):
            add_clip(conn, f"77{n:08d}", waybills=f"YT{n:010d} {n:05d}", sha256=f"{n:064x}")
        # The station's other clips, so that its index is no shortcut
        conn.execute("INSERT INTO clips (station_id, order_id, waybills, packer, sha256, start, duration_s, status) "
                     "SELECT 'st-a', 'SF' || (n * 7919 %% 99991), 'JT' || (n * 104729 %% 999983), 'li', "
                     "encode(sha256(n::text::bytea), 'hex'), %s - n * interval '30 seconds', 9, 'stored' "
                     "FROM generate_series(1, 5000) AS n", (T0,))
        conn.execute("ANALYZE clips")
        conn.execute("SET LOCAL enable_seqscan = off")
        conn.execute("SET LOCAL enable_indexscan = off")
        for params, uses in (({"q": "0000000012"}, True), ({"q": "yt0000", "station": "st-a", "from": "2026-11-01",
                              "to": "2026-12-31", "packer": "li", "outcome": "not-checked", "kind": "shipment"}, True),
                             ({"q": "7700"}, False)):
            sql, args = search_query(params)
            plan = "\n".join(r["QUERY PLAN"] for r in conn.execute("EXPLAIN " + sql, args))
            assert ("Bitmap Index Scan on clips_grams" in plan) == uses, (params, plan)
            assert ("_trgm" in plan) == (not uses), (params, plan)
            found = conn.execute(sql, args).fetchall()
            assert found and all(params["q"].lower() in (r["order_id"] + " " + r["waybills"]).lower() for r in found)
        # Not even without clips_grams does a long text read a trigram index (their posting lists of
        # digit trigrams are long): the 5-gram index or nothing.
        with conn.transaction(force_rollback=True):
            conn.execute("DROP INDEX clips_grams")
            sql, args = search_query({"q": "0000000012"})
            plan = "\n".join(r["QUERY PLAN"] for r in conn.execute("EXPLAIN " + sql, args))
            assert "_trgm" not in plan, plan


def test_texts_of_4_and_5_characters_are_answered_day_by_day_from_the_day_gram_index(hub_context, monkeypatch):
    """A 4- or 5-character text asks clips_day_grams for its 4-grams on the newest day first, then on the
    days before it, and stops as soon as the page is full: here the newest day alone fills it. Among
    5,000 clips of those days that hold none of them, PostgreSQL reads that index, not the days'."""
    with hub_context.db.connection() as conn:
        add_station(conn)
        for n in range(60):
            add_clip(conn, f"77{n:08d}", waybills=f"YT{n:010d}", sha256=f"{n:064x}",
                     start=T0 - timedelta(hours=n * 6))
        conn.execute("INSERT INTO clips (station_id, order_id, waybills, packer, sha256, start, duration_s, status) "
                     "SELECT 'st-a', translate('SF' || (n * 7919 %% 99991), '0', '5'), "
                     "translate('JT' || (n * 104729 %% 999983), '0', '6'), "
                     "'li', encode(sha256(n::text::bytea), 'hex'), %s - n * interval '30 seconds', 9, 'stored' "
                     "FROM generate_series(1, 5000) AS n", (T0 - timedelta(minutes=1),))
        conn.execute("ANALYZE clips")
        day = hub_search._day(T0)
        for text, grams in (("0004", ["0004"]), ("T0000", ["t000", "0000"])):
            sql, args = search_query({"q": text}, days=(day - 1, day, grams))
            assert args["day_keys0"] == [f"{grams[0]}/{day}", f"{grams[0]}/{day - 1}"]
            plan = "\n".join(r["QUERY PLAN"] for r in conn.execute("EXPLAIN " + sql, args))
            assert "Bitmap Index Scan on clips_day_grams" in plan and "_trgm" not in plan, plan
        statements = []
        execute = conn.execute
        monkeypatch.setattr(conn, "execute", lambda sql, *a: statements.append(sql) or execute(sql, *a),
                            raising=False)

        def steps() -> int:
            return len([sql for sql in statements if "clip_day_grams" in sql])

        # In a third of the clips, a text fills its page among the newest clips (NEWEST_DAY_TEXT): no step.
        rows, cursor = search(conn, {"q": "0000", "limit": "1"})
        assert [r["order_id"] for r in rows] == ["7700000000"] and cursor and steps() == 0
        monkeypatch.setattr(hub_search, "NEWEST_DAY_TEXT", 1)  # the newest clip only, then day by day
        rows, cursor = search(conn, {"q": "0000", "limit": "2"})
        assert [r["order_id"] for r in rows] == ["7700000000", "7700000001"] and cursor
        assert steps() == 1  # the newest two days held the rest of the page and the row that says another follows
        rows, _ = search(conn, {"q": "T00000", "limit": "100"})  # 6 characters: the 5-gram index, in one step
        assert len(rows) == 60 and steps() == 1
        rows, _ = search(conn, {"q": "t0000", "limit": "100"})  # 15 days of clips: the newest 2, 5 more, the rest
        assert len(rows) == 60 and steps() == 1 + 3
        rows, _ = search(conn, {"q": "t0000", "station": "st-a", "limit": "100"})  # a filter: day by day at once
        assert len(rows) == 60 and steps() == 1 + 3 + 3
        assert search(conn, {"q": "0000", "to": "2001-01-01"}) == ([], None)


def test_the_search_runs_without_parallel_workers_generic_plans_or_jit_and_leaves_the_pooled_connection_as_it_was(
        hub_context):
    settings = "SELECT current_setting('max_parallel_workers_per_gather') AS workers, " \
               "current_setting('plan_cache_mode') AS plans, current_setting('jit') AS jit"
    with hub_context.db.connection() as conn:
        add_station(conn)
        add_clip(conn, "SF1234567")
        conn.execute("SET jit = on")  # as a server may be set; the search turns it off for its transaction only
        conn.commit()
        before = conn.execute(settings).fetchone()
        assert before == {"workers": before["workers"], "plans": "auto", "jit": "on"} and before["workers"] != "0"
        rows, _ = search(conn, {"q": "12345"})
        assert [r["order_id"] for r in rows] == ["SF1234567"]
        assert conn.execute(settings).fetchone() == {"workers": "0", "plans": "force_custom_plan", "jit": "off"}
        conn.commit()
        assert conn.execute(settings).fetchone() == before
        conn.execute("RESET jit")
        conn.commit()
