"""The staff search over every station's clips: query parameters to one SQL statement.

``q`` matches part of an order ID or a waybill number in any case
(``ILIKE '%q%'``, answered from the ``pg_trgm`` GIN indexes of
schema/001_accounts.sql); ``from``/``to`` bound the start time; ``station``
(id or name) and ``packer`` are exact. Newest first.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta, timezone

SEARCH_LIMIT, SEARCH_LIMIT_MAX = 100, 1000


def _time_bound(text: str, end: bool) -> datetime:
    """A ``from``/``to`` value: a date (a whole UTC day; ``to`` includes it) or an ISO 8601 time."""
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return datetime.combine(day + timedelta(days=1) if end else day, time(), timezone.utc)
        moment = datetime.fromisoformat(text)
        return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)
    except ValueError:
        raise ValueError(f"{text!r} is neither a date (2026-12-02) nor a time (2026-12-02T10:00:00+08:00)") from None
    except OverflowError:
        raise ValueError(f"{text!r} is past the ends of the calendar (years 1 to 9999, UTC)") from None


def _like(text: str) -> str:
    """``%text%`` with LIKE's own wildcards in ``text`` taken literally."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def search_query(p: Mapping[str, str]) -> tuple[str, dict]:
    """(SQL, arguments) for the search parameters; ValueError names a bad one."""
    where, args = [], {}
    if p.get("q", "").strip():
        args["q"] = _like(p["q"].strip())
        where.append("(c.order_id ILIKE %(q)s OR c.waybills ILIKE %(q)s)")
    if p.get("from"):
        args["from"] = _time_bound(p["from"], end=False)
        where.append("c.start >= %(from)s")
    if p.get("to"):
        args["to"] = _time_bound(p["to"], end=True)
        where.append("c.start < %(to)s")
    if p.get("station"):
        args["station"] = p["station"]
        # resolved first, so that the (station_id, start) index serves the rest
        where.append("c.station_id = ANY(ARRAY(SELECT id FROM stations WHERE id = %(station)s OR name = %(station)s))")
    if p.get("packer"):
        args["packer"] = p["packer"]
        where.append("c.packer = %(packer)s")
    try:
        args["limit"] = int(p.get("limit", SEARCH_LIMIT))
    except ValueError:
        raise ValueError(f"limit is a number from 1 to {SEARCH_LIMIT_MAX}") from None
    if not 1 <= args["limit"] <= SEARCH_LIMIT_MAX:
        raise ValueError(f"limit is a number from 1 to {SEARCH_LIMIT_MAX}")
    sql = ("SELECT c.id, c.order_id, c.waybills, c.packer, s.name AS station, c.station_id, c.sha256, c.start, "
           "c.duration_s, c.status FROM clips c JOIN stations s ON s.id = c.station_id"
           + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY c.start DESC, c.id DESC LIMIT %(limit)s")
    return sql, args
