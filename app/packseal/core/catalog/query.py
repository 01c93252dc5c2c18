"""Turning search filters into a safe SQL WHERE clause.

User text never becomes SQL: values are bound as parameters, the order-ID
text is quoted as one FTS5 phrase (so ``"``, ``*``, ``AND``, ``NEAR(`` are
just characters), and the sort column comes from a whitelist.

The order-ID text can be applied two ways that give the same rows (see
:class:`TextMatch` and :func:`walk_threshold`); the catalog picks the cheaper.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from packseal.core.catalog.records import CLIP_STATUSES, to_ms
from packseal.core.errors import BadInputError

#: Trigrams need at least 3 characters; shorter text is matched as a prefix.
MIN_SUBSTRING_QUERY = 3

#: Columns a result list may be sorted by (the only text that is put into SQL).
ORDER_COLUMNS = frozenset({
    "start_ms", "end_ms", "scan_ms", "duration_ms", "created_ms",
    "order_id", "station", "status", "bytes", "id",
    "kind", "outcome", "packer", "weight_g", "pack_ms",
})

#: What a clip is (FORMAT.md §6.1 ``kind``).
CLIP_KINDS = ("shipment", "return")
#: Outcome filters: the record's outcome, or what was seen while packing.
#: Several chosen together match a clip that fits any of them.
OUTCOME_FILTERS: dict[str, str] = {
    "complete": "clips.outcome = 'complete'",
    "incomplete": "clips.outcome = 'incomplete'",
    "not-checked": "clips.outcome = 'not-checked'",
    "wrong-item": "clips.wrong_scans > 0",
    "overridden": "clips.overridden = 1",
}

# SQLite's upper() folds ASCII only; the query is folded the same way so the
# expression index on upper(order_id) matches what Python asks for.
_ASCII_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def fts_phrase(text: str) -> str:
    """``text`` as one quoted FTS5 phrase: inner double quotes doubled, nothing else special."""
    return '"' + text.replace('"', '""') + '"'


def _next_prefix(prefix: str) -> str | None:
    """The smallest string greater than every string starting with ``prefix`` (None: no bound)."""
    while prefix:
        code = ord(prefix[-1]) + 1
        if 0xD800 <= code <= 0xDFFF:  # surrogates cannot be stored; skip past them
            code = 0xE000
        if code <= 0x10FFFF:
            return prefix[:-1] + chr(code)
        prefix = prefix[:-1]
    return None


@dataclass(frozen=True)
class TextMatch:
    """How an order-ID search text is matched.

    Three characters or more: a case-insensitive substring match through the
    trigram index. One or two: a case-insensitive prefix match through the
    index on ``upper(order_id)`` (trigrams cannot index fewer than three
    characters, and a substring scan of a million IDs is slow).

    Either can be used two ways (same rows, different speed): *through its
    index* (fetch the matching clips, then sort them: best when few match), or
    as a *plain filter* while SQLite walks the sort-order index newest first
    and stops after one page (best when many match, as "SF" or "773" do).
    """

    substring: bool
    params: tuple[object, ...]

    @classmethod
    def of(cls, text: str) -> TextMatch | None:
        """The match for ``text`` (None when it is blank); refuses control characters."""
        text = text.strip()
        if not text:
            return None
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise BadInputError(
                f"the search text contains a character that is not valid text ({exc.reason}); "
                "type the order number again"
            ) from exc
        for ch in text:
            # FTS5 reads a NUL as the end of the query; no order ID holds control
            # characters anyway, so refuse them all with a clear message.
            if ch < " " or ch == "\x7f":
                raise BadInputError(
                    f"the search text contains the control character {ch!r}; type or scan "
                    "the order number again"
                )
        if len(text) >= MIN_SUBSTRING_QUERY:
            return cls(True, (fts_phrase(text),))
        low = text.translate(_ASCII_UPPER)
        high = _next_prefix(low)
        return cls(False, (low,) if high is None else (low, high))

    def condition(self, through_index: bool = True) -> str:
        """The WHERE term; ``through_index=False`` hides it from the planner (unary ``+``)."""
        plus = "" if through_index else "+"
        if self.substring:
            return f"{plus}clips.id IN (SELECT rowid FROM clips_fts WHERE clips_fts MATCH ?)"
        column = f"{plus}upper(clips.order_id)"
        if len(self.params) == 1:
            return f"{column} >= ?"
        return f"{column} >= ? AND {column} < ?"

    def count_sql(self, *, up_to: int | None = None) -> str:
        """SQL counting the clips this text alone matches, reading only its index.

        With ``up_to``, counting stops there (enough to choose a plan, and
        much faster when the text matches half the catalog).
        """
        if self.substring:
            source = "SELECT rowid FROM clips_fts WHERE clips_fts MATCH ?"
        else:
            source = f"SELECT 1 FROM clips WHERE {self.condition()}"
        if up_to is None:
            return f"SELECT count(*) FROM ({source})"
        return f"SELECT count(*) FROM ({source} LIMIT {int(up_to):d})"


def _as_aware(moment: datetime, tz: tzinfo | None) -> datetime:
    if moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=tz) if tz is not None else moment.astimezone()


def bound_ms(value: datetime | date | None, *, upper: bool, tz: tzinfo | None = None) -> int | None:
    """A filter bound in ms. A ``date`` is a whole day in ``tz`` (default: this
    computer's zone); as an upper bound it includes that whole day. A naive
    ``datetime`` is read in ``tz`` too. Both bounds are inclusive.
    """
    if value is None:
        return None
    if isinstance(value, datetime):  # before date: a datetime is also a date
        return to_ms(_as_aware(value, tz))
    if isinstance(value, date):
        day = value + timedelta(days=1) if upper else value
        midnight = to_ms(_as_aware(datetime.combine(day, time.min), tz))
        return midnight - 1 if upper else midnight
    raise BadInputError(
        f"a date filter must be a date or a datetime, not {type(value).__name__}"
    )


@dataclass(frozen=True)
class ClipFilter:
    """The filters shared by ``Catalog.search`` and ``Catalog.count``."""

    query: str | None = None
    date_from: datetime | date | None = None
    date_to: datetime | date | None = None
    station: str | None = None
    status: str | Iterable[str] | None = None
    include_deleted: bool = True
    tz: tzinfo | None = None
    kind: str | None = None
    outcome: str | Iterable[str] | None = None
    packer: str | None = None

    @property
    def text_only(self) -> bool:
        """True when the search text is the only filter."""
        return (
            self.date_from is None and self.date_to is None and self.station is None
            and not self._statuses() and self.include_deleted
            and self.kind is None and not self._outcomes() and self.packer is None
        )

    def text_match(self) -> TextMatch | None:
        """The order-ID part of the filter, or None when there is no search text."""
        if self.query is None:
            return None
        if not isinstance(self.query, str):
            raise BadInputError(f"the search text must be text, not {type(self.query).__name__}")
        return TextMatch.of(self.query)

    def where(self, *, text_through_index: bool = True) -> tuple[str, list[object]]:
        """``(sql, params)`` for a WHERE clause over ``clips`` (``""`` when unfiltered).

        ``text_through_index`` picks how the search text is used (see
        :class:`TextMatch`); the rows are the same either way.
        """
        parts: list[str] = []
        params: list[object] = []
        match = self.text_match()
        if match is not None:
            parts.append(match.condition(text_through_index))
            params.extend(match.params)
        low = bound_ms(self.date_from, upper=False, tz=self.tz)
        high = bound_ms(self.date_to, upper=True, tz=self.tz)
        if low is not None and high is not None and low > high:
            raise BadInputError("the search's start date is after its end date; swap them")
        if low is not None:
            parts.append("clips.start_ms >= ?")
            params.append(low)
        if high is not None:
            parts.append("clips.start_ms <= ?")
            params.append(high)
        if self.station is not None:
            parts.append("clips.station = ?")
            params.append(self.station)
        statuses = self._statuses()
        if statuses:
            parts.append(f"clips.status IN ({', '.join('?' * len(statuses))})")
            params.extend(statuses)
        if not self.include_deleted:
            parts.append("clips.deleted_ms IS NULL")
        if self.kind is not None:
            if self.kind not in CLIP_KINDS:
                raise BadInputError(f"unknown kind of clip {self.kind!r}; use one of {', '.join(CLIP_KINDS)}")
            # A literal (the kinds are a whitelist), so the partial index of returns applies.
            parts.append(f"clips.kind = '{self.kind}'")
        outcomes = self._outcomes()
        if outcomes:
            parts.append("(" + " OR ".join(OUTCOME_FILTERS[o] for o in outcomes) + ")")
        if self.packer is not None:
            if not isinstance(self.packer, str) or not self.packer.strip():
                raise BadInputError("the packer filter needs a badge code")
            parts.append("clips.packer = ?")
            params.append(self.packer.strip())
        return (("WHERE " + " AND ".join(parts)) if parts else ""), params

    def _outcomes(self) -> list[str]:
        return _chosen(self.outcome, OUTCOME_FILTERS, "outcome")

    def _statuses(self) -> list[str]:
        return _chosen(self.status, CLIP_STATUSES, "clip status")


def _chosen(value: str | Iterable[str] | None, allowed: Iterable[str], what: str) -> list[str]:
    """One value or several, each checked against ``allowed``; [] for None."""
    if value is None:
        return []
    chosen = [value] if isinstance(value, str) else list(value)
    for item in chosen:
        if item not in allowed:
            raise BadInputError(f"unknown {what} {item!r}; use one of {', '.join(allowed)}")
    return chosen


#: Sort columns SQLite can read in order from an index (the rowid counts).
WALKABLE_ORDER = frozenset({"start_ms", "id"})


def walk_threshold(wanted: int, total: int, order_by: str) -> int | None:
    """Above how many text matches a page is found faster by walking the sort index.

    Fetching the matches and sorting them costs about one row read per
    match; walking stops after ``wanted`` hits, so it reads about
    ``wanted * total / matches`` index entries, each several times cheaper
    than a row read. Walking wins when ``16 * matches**2 > wanted * total``
    (measured at a million clips: "773" takes 470 ms fetched and sorted,
    35 ms walked; a 13-match text 2 ms fetched, 90 ms walked). None when the
    sort column has no index to walk.
    """
    if order_by not in WALKABLE_ORDER:
        return None
    return math.isqrt(wanted * total // 16)


def order_clause(order_by: str, descending: bool) -> str:
    """``ORDER BY`` text for a whitelisted column, with ``id`` breaking ties (stable pages)."""
    if order_by not in ORDER_COLUMNS:
        raise BadInputError(
            f"cannot sort clips by {order_by!r}; use one of {', '.join(sorted(ORDER_COLUMNS))}"
        )
    direction = "DESC" if descending else "ASC"
    if order_by == "id":
        return f"ORDER BY clips.id {direction}"
    return f"ORDER BY clips.{order_by} {direction}, clips.id {direction}"
