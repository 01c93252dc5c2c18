"""The staff search over every station's clips: query parameters to SQL statements.

``q`` matches part of an order ID or of one waybill number in any case
(``ILIKE '%q%'``; a text with a space matches order IDs only, as a waybill
holds none). A text of :data:`GRAM` characters or more is first looked up in
the 5-gram index of schema/008_search_grams.sql (every one of its 5-grams,
rare even in digit-only IDs), shorter ones in the ``pg_trgm`` GIN indexes of
schema/001_accounts.sql; the ILIKE then checks each candidate, so both find
the same clips (a text of 1 to 3 characters is first looked for in the
newest clips: :func:`search`). ``from``/``to`` bound the start time; ``station``
(id or name), ``packer``, ``outcome`` and ``kind`` are exact. Newest first,
page by page: ``limit`` rows, and ``cursor`` (the ``next`` of the page
before) continues after the last row of that page (keyset paging on
``(start, id)``, so a page costs the same however deep it is and rows added
meanwhile neither repeat nor vanish).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta, timezone

SEARCH_LIMIT, SEARCH_LIMIT_MAX = 100, 1000
GRAM = 5  # the n-gram length of clip_grams() in schema/008_search_grams.sql
#: A text of fewer than SHORT characters and no filter but from/to is first looked for in the NEWEST
#: newest clips (search()).
SHORT, NEWEST = 4, 20_000
OUTCOMES = ("complete", "incomplete", "not-checked")
KINDS = ("shipment", "return")


class BadSearch(ValueError):
    """A search parameter that cannot be used: ``field`` names it, ``value`` is what was sent."""

    def __init__(self, field: str, value: str, message: str) -> None:
        super().__init__(message)
        self.field, self.value = field, value


def _time_bound(text: str, end: bool, field: str) -> datetime:
    """A ``from``/``to`` value: a date (a whole UTC day; ``to`` includes it) or an ISO 8601 time."""
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return datetime.combine(day + timedelta(days=1) if end else day, time(), timezone.utc)
        moment = datetime.fromisoformat(text)
        return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)
    except ValueError:
        raise BadSearch(field, text, f"{text!r} is neither a date (2026-12-02) nor a time "
                                     "(2026-12-02T10:00:00+08:00)") from None
    except OverflowError:
        raise BadSearch(field, text, f"{text!r} is past the ends of the calendar (years 1 to 9999, UTC)") from None


def _like(text: str) -> str:
    """``%text%`` with LIKE's own wildcards in ``text`` taken literally."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def text_match(text: str) -> str:
    """The WHERE condition for the search text ``text`` (an argument ``q``: :func:`_like` of it)."""
    match = "c.order_id ILIKE %(q)s" if " " in text else "(c.order_id ILIKE %(q)s OR c.waybills ILIKE %(q)s)"
    if len(text) < GRAM:
        return match
    # `IS TRUE` (the same truth: neither column is ever NULL) keeps the trigram indexes out while
    # the planner still estimates the match from the columns' statistics: ANDed to the 5-gram
    # index's few rows, the long posting lists of digit trigrams would cost more than they save.
    return f"clip_grams(c.order_id, c.waybills) @> clip_grams(%(text)s, '') AND ({match}) IS TRUE"


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


def search_query(p: Mapping[str, str], newest: int | None = None) -> tuple[str, dict]:
    """(SQL, arguments) for the search parameters; :class:`BadSearch` names a bad one.

    The statement reads ``limit + 1`` rows: a last row beyond ``limit`` says another page follows.
    ``newest``: look for the text only in that many clips, the newest that pass the other filters.
    """
    where, args = [], {}
    text = []
    if p.get("q", "").strip():
        args["text"] = p["q"].strip()
        args["q"] = _like(args["text"])
        text.append(text_match(args["text"]))
    if p.get("from"):
        args["from"] = _time_bound(p["from"], end=False, field="from")
        where.append("c.start >= %(from)s")
    if p.get("to"):
        args["to"] = _time_bound(p["to"], end=True, field="to")
        where.append("c.start < %(to)s")
    if p.get("station"):
        args["station"] = p["station"]
        # resolved first, so that the (station_id, start) index serves the rest
        where.append("c.station_id = ANY(ARRAY(SELECT id FROM stations WHERE id = %(station)s OR name = %(station)s))")
    if p.get("packer"):
        args["packer"] = p["packer"]
        where.append("c.packer = %(packer)s")
    for name, allowed in (("outcome", OUTCOMES), ("kind", KINDS)):
        if _one_of(p, name, allowed):
            args[name] = p[name]
            where.append(f"c.{name} = %({name})s")
    if p.get("cursor"):
        args["c_start"], args["c_id"] = _cursor(p["cursor"])
        where.append("(c.start, c.id) < (%(c_start)s, %(c_id)s)")
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
    sql = ("SELECT c.id, c.order_id, c.waybills, c.packer, s.name AS station, c.station_id, c.sha256, c.start, "
           f"c.duration_s, c.status, c.kind, c.outcome FROM {clips} JOIN stations s ON s.id = c.station_id"
           + _where(text + where) + " ORDER BY c.start DESC, c.id DESC LIMIT %(rows)s")
    return sql, args


def _where(conditions: list[str]) -> str:
    return " WHERE " + " AND ".join(conditions) if conditions else ""


def _boundary(conn, p: Mapping[str, str]) -> dict | None:
    """The oldest of the :data:`NEWEST` newest clips in the search's time range, or None when it holds
    fewer."""
    sql, args = search_query({name: value for name, value in p.items() if name != "q"})
    args["rows"], args["skip"] = 1, NEWEST - 1
    return conn.execute(sql.replace(" LIMIT %(rows)s", " OFFSET %(skip)s LIMIT %(rows)s"), args).fetchone()


def search(conn, p: Mapping[str, str]) -> tuple[list[dict], str | None]:
    """One page of clips for the search parameters, and the cursor of the next page (None at the end).

    It runs in ``conn``'s transaction without parallel workers: on the rows of one page, starting the
    workers and gathering their rows cost more than they save (bench/RESULTS.md). A text of fewer than
    :data:`SHORT` characters, with no filter but ``from``/``to``, is first looked for in the
    :data:`NEWEST` newest clips in that range, read newest first: a text of 1 to 3 characters is in so
    many clips that the page fills there, where the trigram indexes would find every clip that holds it
    to sort them. When that page is not full, the rest of it comes from the clips older than those (a
    cursor at the oldest of them, through the indexes), so a page holds exactly the newest matches
    either way.
    """
    sql, args = search_query(p)
    conn.execute("SET LOCAL max_parallel_workers_per_gather = 0")
    if not (0 < len(args.get("text", "")) < SHORT
            and not any(p.get(name) for name in ("station", "packer", "outcome", "kind"))):
        rows = conn.execute(sql, args).fetchall()
    else:
        rows = conn.execute(*search_query(p, newest=NEWEST)).fetchall()
        boundary = _boundary(conn, p) if len(rows) < args["rows"] else None
        if boundary is not None:
            sql, args = search_query({**p, "cursor": cursor_after(boundary)})
            args["rows"] -= len(rows)
            rows += conn.execute(sql, args).fetchall()
    more = len(rows) > args["limit"]
    rows = rows[:args["limit"]]
    return rows, cursor_after(rows[-1]) if more else None
