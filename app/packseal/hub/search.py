"""The staff search over every station's clips: query parameters to SQL statements.

``q`` matches part of an order ID or of one waybill number in any case
(``ILIKE '%q%'``; a text with a space matches order IDs only, as a waybill
holds none). A text of more than :data:`DAY_TEXT` characters is first looked
up in the 5-gram index of schema/008_search_grams.sql (every one of its
5-grams, rare even in digit-only IDs); one of :data:`DAY_GRAM` to
:data:`DAY_TEXT` characters in the day-tagged 4-gram index of
schema/009_search_day_grams.sql, newest day first; shorter ones in the
``pg_trgm`` GIN indexes of schema/001_accounts.sql, after the newest clips
(:func:`search`). Whatever the index, the ILIKE checks each candidate, so
every path finds the same clips. ``from``/``to`` bound the start time; ``station``
(id or name), ``packer``, ``outcome`` and ``kind`` are exact. Newest first,
page by page: ``limit`` rows, and ``cursor`` (the ``next`` of the page
before) continues after the last row of that page (keyset paging on
``(start, id)``, so a page costs the same however deep it is and rows added
meanwhile neither repeat nor vanish).
"""

from __future__ import annotations

import base64
import binascii
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta, timezone

SEARCH_LIMIT, SEARCH_LIMIT_MAX = 100, 1000
GRAM = 5  # the n-gram length of clip_grams() in schema/008_search_grams.sql
DAY_GRAM = 4  # the n-gram length of clip_day_grams() in schema/009_search_day_grams.sql
#: Texts of DAY_GRAM to DAY_TEXT characters are looked for day by day (search()): each step reaches
#: back to DAYS[k] days from the newest (the newest 2, then 5 more, then 42 more); the last takes the rest.
DAY_TEXT, DAYS = 5, (2, 7, 49)
#: Past this many days in one step, the step reads the other indexes instead of naming every day.
MAX_DAYS = 4000
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
#: A text of fewer than SHORT characters and no filter but from/to is first looked for in the NEWEST
#: newest clips (search()).
SHORT, NEWEST = 4, 20_000
#: A text of DAY_GRAM to DAY_TEXT characters and no filter but from/to is first looked for in this many
#: newest clips: one in a large share of the clips (`0000` in zero-padded IDs) fills its page there.
NEWEST_DAY_TEXT = 2_000
OUTCOMES = ("complete", "incomplete", "not-checked")
KINDS = ("shipment", "return")


class BadSearch(ValueError):
    """A search parameter that cannot be used: ``field`` names it, ``value`` is what was sent."""

    def __init__(self, field: str, value: str, message: str) -> None:
        super().__init__(message)
        self.field, self.value = field, value


def _time_bound(text: str, end: bool, field: str, zone: timezone = timezone.utc) -> datetime:
    """A ``from``/``to`` value: a date (a whole day in ``zone``; ``to`` includes it) or an ISO 8601 time
    (in ``zone`` when it names none)."""
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return datetime.combine(day + timedelta(days=1) if end else day, time(), zone).astimezone(timezone.utc)
        moment = datetime.fromisoformat(text)
        return (moment if moment.tzinfo else moment.replace(tzinfo=zone)).astimezone(timezone.utc)
    except ValueError:
        raise BadSearch(field, text, f"{text!r} is neither a date (2026-12-02) nor a time "
                                     "(2026-12-02T10:00:00+08:00)") from None
    except OverflowError:
        raise BadSearch(field, text, f"{text!r} is past the ends of the calendar (years 1 to 9999, UTC)") from None


def _like(text: str) -> str:
    """``%text%`` with LIKE's own wildcards in ``text`` taken literally."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def text_match(text: str, grams: int = 0) -> str:
    """The WHERE condition for the search text ``text`` (an argument ``q``: :func:`_like` of it).

    ``grams``: that many day-tagged 4-grams of the text must be in the clip (arguments ``day_keys0``,
    ``day_keys1``…: each the list of one 4-gram tagged with every day searched, :func:`_day_keys`).
    """
    match = _plain_match(text)
    if grams:  # `IS TRUE`: as below
        return " AND ".join([f"clip_day_grams(c.order_id, c.waybills, c.start) && %(day_keys{n})s::text[]"
                             for n in range(grams)] + [f"({match}) IS TRUE"])
    if len(text) < GRAM:
        return match
    # `IS TRUE` (the same truth: neither column is ever NULL) keeps the trigram indexes out while
    # the planner still estimates the match from the columns' statistics: ANDed to the 5-gram
    # index's few rows, the long posting lists of digit trigrams would cost more than they save.
    return f"clip_grams(c.order_id, c.waybills) @> clip_grams(%(text)s, '') AND ({match}) IS TRUE"


def _plain_match(text: str) -> str:
    """The text's condition alone, for clips read in another index's order (the newest first)."""
    return "c.order_id ILIKE %(q)s" if " " in text else "(c.order_id ILIKE %(q)s OR c.waybills ILIKE %(q)s)"


def cursor_after(row: Mapping) -> str:
    """The cursor of the page that follows ``row`` (a search result with ``start`` and ``id``)."""
    start = row["start"] if isinstance(row["start"], str) else row["start"].isoformat()
    return base64.urlsafe_b64encode(f"{start}|{row['id']}".encode()).decode().rstrip("=")


def _cursor(text: str) -> tuple[datetime, int]:
    try:
        start, _, clip_id = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode().partition("|")
        moment = datetime.fromisoformat(start)
        number = int(clip_id)
        if moment.tzinfo is None or not 0 <= number < 2 ** 63:
            raise ValueError
        return moment, number
    except (ValueError, OverflowError, UnicodeDecodeError, binascii.Error):
        raise BadSearch("cursor", text, "cursor is not one this hub gave (take the next of a page)") from None


def _one_of(p: Mapping[str, str], name: str, allowed: tuple[str, ...]) -> str | None:
    value = p.get(name)
    if value and value not in allowed:
        raise BadSearch(name, value, f"{name} is one of {', '.join(allowed)}, got {value!r}")
    return value or None


def search_query(p: Mapping[str, str], newest: int | None = None,
                 days: tuple[int, int, list[str]] | None = None) -> tuple[str, dict]:
    """(SQL, arguments) for the search parameters; :class:`BadSearch` names a bad one.

    The statement reads ``limit + 1`` rows: a last row beyond ``limit`` says another page follows.
    ``newest``: look for the text only in that many clips, the newest that pass the other filters.
    ``days``: (first, last, grams): look only at clips of those UTC days (counted from 1970-01-01), for
    the text's 4-grams ``grams`` on those days (none: through the other indexes).
    """
    where, args = [], {}
    text = []
    if p.get("q", "").strip():
        args["text"] = p["q"].strip()
        args["q"] = _like(args["text"])
        if days and days[2]:
            for n, gram in enumerate(days[2]):
                args[f"day_keys{n}"] = _day_keys(gram, days[0], days[1])
        text.append(_plain_match(args["text"]) if newest is not None
                    else text_match(args["text"], grams=len(days[2]) if days else 0))
    if days and days[2]:
        # The day-tagged grams name the days; the time bounds and the filters below are checked on the
        # few clips of those days that hold the text. ANDed in a bitmap, the index of start, station or
        # packer would add every one of their clips in those days (`IS TRUE`, the same truth, keeps
        # their indexes out).
        where += [f"({condition}) IS TRUE" for condition in _time_bounds(p, args)]
    elif days:
        args["first_day"], args["after_days"] = EPOCH + timedelta(days=days[0]), EPOCH + timedelta(days=days[1] + 1)
        where += ["c.start >= %(first_day)s AND c.start < %(after_days)s"] + _time_bounds(p, args)
    else:
        where += _time_bounds(p, args)
    exact = []
    if p.get("station"):
        args["station"] = p["station"]
        # resolved first, so that the (station_id, start) index serves the rest
        exact.append("c.station_id = ANY(ARRAY(SELECT id FROM stations WHERE id = %(station)s OR name = %(station)s))")
    if p.get("packer"):
        args["packer"] = p["packer"]
        exact.append("c.packer = %(packer)s")
    for name, allowed in (("outcome", OUTCOMES), ("kind", KINDS)):
        if _one_of(p, name, allowed):
            args[name] = p[name]
            exact.append(f"c.{name} = %({name})s")
    where += [f"({condition}) IS TRUE" for condition in exact] if days and days[2] else exact
    limit = str(p.get("limit", SEARCH_LIMIT))
    try:
        args["limit"] = int(limit)
    except ValueError:
        raise BadSearch("limit", limit, f"limit is a number from 1 to {SEARCH_LIMIT_MAX}") from None
    if not 1 <= args["limit"] <= SEARCH_LIMIT_MAX:
        raise BadSearch("limit", limit, f"limit is a number from 1 to {SEARCH_LIMIT_MAX}")
    args["rows"] = args["limit"] + 1
    clips = "clips c"
    if newest is not None:  # the text is looked for in the newest clips within the other filters only
        args["newest"] = newest
        clips = (f"(SELECT * FROM clips c{_where(where)} ORDER BY c.start DESC, c.id DESC LIMIT %(newest)s) c")
        where = []
    # The station's name is looked up for each row found, not joined: a join let PostgreSQL run the
    # whole search once per station (bench/RESULTS.md).
    sql = ("SELECT c.id, c.order_id, c.waybills, c.packer, (SELECT s.name FROM stations s WHERE s.id = c.station_id) "
           "AS station, c.station_id, c.sha256, c.start, "
           f"c.duration_s, c.status, c.kind, c.outcome FROM {clips}"
           + _where(text + where) + " ORDER BY c.start DESC, c.id DESC LIMIT %(rows)s")
    return sql, args


def _zone(p: Mapping[str, str]) -> timezone:
    """The time zone of ``from``/``to``: ``tz`` minutes east of UTC (the viewer's page sends its own,
    so that a date is the viewer's day), else UTC."""
    text = p.get("tz", "")
    if not text:
        return timezone.utc
    try:
        minutes = int(text)
        if abs(minutes) > 14 * 60:
            raise ValueError(text)
    except ValueError:
        raise BadSearch("tz", text, f"tz is minutes east of UTC, -840 to 840, not {text!r}") from None
    return timezone(timedelta(minutes=minutes))


def _time_bounds(p: Mapping[str, str], args: dict) -> list[str]:
    """The conditions of ``from``, ``to`` and ``cursor``, their arguments put in ``args``."""
    where = []
    zone = _zone(p) if p.get("from") or p.get("to") else timezone.utc
    if p.get("from"):
        args["from"] = _time_bound(p["from"], end=False, field="from", zone=zone)
        where.append("c.start >= %(from)s")
    if p.get("to"):
        args["to"] = _time_bound(p["to"], end=True, field="to", zone=zone)
        where.append("c.start < %(to)s")
    if p.get("cursor"):
        args["c_start"], args["c_id"] = _cursor(p["cursor"])
        where.append("(c.start, c.id) < (%(c_start)s, %(c_id)s)")
    return where


def _day(moment: datetime) -> int:
    """The UTC day of ``moment``, counted from 1970-01-01, as clip_day_grams() counts it."""
    return (moment - EPOCH) // timedelta(days=1)


def _day_keys(gram: str, first: int, last: int) -> list[str]:
    """``gram`` tagged with every day from ``first`` to ``last``, as clip_day_grams() lists a clip's."""
    return [f"{gram}/{day}" for day in range(last, first - 1, -1)]


def _where(conditions: list[str]) -> str:
    return " WHERE " + " AND ".join(conditions) if conditions else ""


def _boundary(conn, p: Mapping[str, str], newest: int) -> dict | None:
    """The oldest of the ``newest`` newest clips in the search's time range, or None when it holds
    fewer."""
    sql, args = search_query({name: value for name, value in p.items() if name != "q"})
    args["rows"], args["skip"] = 1, newest - 1
    return conn.execute(sql.replace(" LIMIT %(rows)s", " OFFSET %(skip)s LIMIT %(rows)s"), args).fetchone()


def typed_text(text: str) -> str:
    """An order or waybill number as typed, as it is stored: full-width letters, digits and spaces as
    ASCII (NFKC). Spaces stay: an order number may hold one ("PO 227202")."""
    return unicodedata.normalize("NFKC", text)


def search(conn, p: Mapping[str, str]) -> tuple[list[dict], str | None]:
    """One page of clips for the search parameters, and the cursor of the next page (None at the end).

    It runs in ``conn``'s transaction without parallel workers: on the rows of one page, starting the
    workers and gathering their rows cost more than they save (bench/RESULTS.md). Its statements are
    planned for their own values every time, never as a generic plan of a prepared statement: the same
    statement text serves a text in a third of the clips and one in a few, and a plan made for neither
    read a whole day's clips for the common one (bench/RESULTS.md), and without JIT compiling, which
    the costly clip_day_grams() would set off for longer than the search takes. Texts of up to
    :data:`DAY_TEXT` characters are not simply handed to the indexes, as those would find every clip
    that holds the text and read them all to sort them newest first:

    - With no filter but ``from``/``to``, such a text is first looked for in the newest clips in that
      range, read newest first (:data:`NEWEST` of them for fewer than :data:`SHORT` characters,
      :data:`NEWEST_DAY_TEXT` for more): a text in a large share of the clips fills its page there.
      When that page is not full, the rest of it comes from the clips older than those (a cursor at
      the oldest of them).
    - The rest, or all of it with a filter, comes for a text of :data:`DAY_GRAM` characters or more
      day by day through the day-tagged 4-grams (:func:`_day_by_day`), for a shorter one through
      the trigram indexes.

    Either way a page holds exactly the newest matches. Full-width letters and digits, as a Chinese
    keyboard types them, are looked for as the ASCII ones the station stored (:func:`typed_text`).
    """
    if "q" in p:
        p = {**p, "q": typed_text(p["q"])}
    sql, args = search_query(p)
    conn.execute("SELECT set_config('max_parallel_workers_per_gather', '0', true), "
                 "set_config('plan_cache_mode', 'force_custom_plan', true), set_config('jit', 'off', true)")
    text = args.get("text", "")
    filtered = any(p.get(name) for name in ("station", "packer", "outcome", "kind"))
    if 0 < len(text) <= DAY_TEXT and not filtered:
        newest = NEWEST if len(text) < SHORT else NEWEST_DAY_TEXT
        rows = conn.execute(*search_query(p, newest=newest)).fetchall()
        boundary = _boundary(conn, p, newest) if len(rows) < args["rows"] else None
        if boundary is not None:
            older = {**p, "cursor": cursor_after(boundary)}
            if len(text) < SHORT:
                sql, args = search_query(older)
                args["rows"] -= len(rows)
                rows += conn.execute(sql, args).fetchall()
            else:
                rows += _day_by_day(conn, older, args["rows"] - len(rows))
    elif DAY_GRAM <= len(text) <= DAY_TEXT:
        rows = _day_by_day(conn, p, args["rows"])
    else:
        rows = conn.execute(sql, args).fetchall()
    more = len(rows) > args["limit"]
    rows = rows[:args["limit"]]
    return rows, cursor_after(rows[-1]) if more else None


def _day_by_day(conn, p: Mapping[str, str], wanted: int) -> list[dict]:
    """Up to ``wanted`` clips holding the text ``p["q"]``, newest first, looked for on the newest day that
    holds clips in the search's time range, then on the days before it in steps (:data:`DAYS`).

    Each step asks the index of schema 009 for the text's 4-grams tagged with the step's days, so it
    reads the clips of those days that hold the text and no others; a step of more than
    :data:`MAX_DAYS` days reads the other indexes instead of naming them all.
    """
    args = {"text": p["q"].strip()}
    extent = conn.execute(
        "SELECT (SELECT min(c.start) FROM clips c{0}) AS oldest, (SELECT max(c.start) FROM clips c{0}) AS newest, "
        "ARRAY(SELECT DISTINCT substr(lower(%(text)s), i, {1}) FROM generate_series(1, char_length(%(text)s) - {2}) "
        "AS i) AS grams".format(_where(_time_bounds(p, args)), DAY_GRAM, DAY_GRAM - 1), args).fetchone()
    if extent["newest"] is None:
        return []
    oldest, newest = _day(extent["oldest"]), _day(extent["newest"])
    rows, last = [], newest
    for reach in (*DAYS, None):
        first = oldest if reach is None else max(oldest, newest - reach + 1)
        if first > last:
            continue
        grams = extent["grams"] if last - first < MAX_DAYS else []
        sql, args = search_query(p, days=(first, last, grams))
        args["rows"] = wanted - len(rows)
        rows += conn.execute(sql, args).fetchall()
        if len(rows) >= wanted or first == oldest:
            return rows
        last = first - 1
    return rows
