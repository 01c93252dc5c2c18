"""Canonical JSON (RFC 8785, "JCS") and the small encodings entries use.

Every signature and every hash in the ledger is taken over canonical bytes,
so two programs that agree on the JSON *value* agree on the bytes. Writing
always goes through the ``rfc8785`` library. Reading a ledger line takes a
fast path through the C JSON encoder when the line holds nothing on which
Python's ``json`` and JCS could differ (floats, integers beyond 2**53, and
characters outside the Basic Multilingual Plane, which sort differently in
UTF-16); a property test holds the two paths to the same bytes.
"""

from __future__ import annotations

import base64
import json
import re
from datetime import datetime, timezone
from typing import Any

import rfc8785

from packseal.core.errors import BadInputError

ZERO_HASH = "0" * 64

_TIME_RE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z")

# The fast path must not take a line that may hold a character outside the
# BMP: JCS sorts keys by UTF-16 code units, Python by code points, and the two
# orders differ only for those. They come as a 4-byte UTF-8 sequence (lead
# byte >= 0xF0) or a \uD... escape. (Separate cheap tests: one regex with
# alternatives costs more than the JSON parse.)
_FOUR_BYTE_UTF8 = re.compile(rb"[\xf0-\xff]")
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD]")
# JCS refuses integers beyond 2**53 (16+ digits); a hook sends those lines to rfc8785.
_MAX_FAST_DIGITS = 15
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


class _NeedsSlowPath(Exception):
    """Raised inside ``json.loads`` hooks when the fast path is not exact."""


def canonical(value: Any) -> bytes:
    """RFC 8785 canonical UTF-8 bytes of a JSON value.

    Raises :class:`BadInputError` for values JCS cannot represent (NaN,
    integers beyond 2**53, non-string keys, lone surrogates...).
    """
    try:
        return rfc8785.dumps(value)
    except rfc8785.CanonicalizationError as exc:
        raise BadInputError(f"value cannot be put in canonical JSON: {exc}") from exc


def _int_hook(text: str) -> int:
    if len(text) > _MAX_FAST_DIGITS and len(text.lstrip("-")) > _MAX_FAST_DIGITS:
        raise _NeedsSlowPath
    return int(text)


def _float_hook(text: str) -> float:
    raise _NeedsSlowPath


def _constant_hook(text: str) -> float:
    raise _NeedsSlowPath


_FAST_DECODER = json.JSONDecoder(parse_int=_int_hook, parse_float=_float_hook,
                                 parse_constant=_constant_hook)


def fast_dumps(value: Any) -> bytes:
    """JCS bytes of a value parsed by :func:`loads_line` on its fast path."""
    return _ENCODER.encode(value).encode("utf-8")


def loads_line(line: bytes) -> tuple[Any, bool]:
    """Parse one JSON line; also say whether :func:`fast_dumps` is exact for it.

    Raises ``ValueError`` (``json.JSONDecodeError`` or ``UnicodeDecodeError``)
    when the line is not JSON.
    """
    astral = ((not line.isascii() and _FOUR_BYTE_UTF8.search(line) is not None)
              or (b"\\u" in line and _SURROGATE_ESCAPE.search(line) is not None))
    text = line.decode("utf-8")
    try:
        if not astral:
            try:
                return _FAST_DECODER.decode(text), True
            except _NeedsSlowPath:
                pass
        return json.loads(text), False
    except RecursionError:
        raise ValueError("the JSON is nested too deeply") from None


def dumps_for(value: Any, fast: bool) -> bytes:
    """Canonical bytes of ``value``: the C encoder when ``fast``, else rfc8785."""
    if fast:
        try:
            return fast_dumps(value)
        except UnicodeEncodeError:  # a lone surrogate: let JCS say why
            pass
    return canonical(value)


def b64(data: bytes) -> str:
    """Standard base64 with padding (RFC 4648 §4), as text."""
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    """Decode standard base64, refusing anything else."""
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError) as exc:
        raise BadInputError(f"not valid base64: {text[:40]!r}") from exc


def utc_stamp(moment: datetime | None = None) -> str:
    """``moment`` (default: now) as UTC RFC 3339 with milliseconds: ``2025-06-01T08:30:00.123Z``."""
    moment = moment or datetime.now(timezone.utc)
    if moment.tzinfo is None:
        raise BadInputError("a ledger time must be timezone-aware (got a naive datetime)")
    moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def is_utc_stamp(text: Any) -> bool:
    """True when ``text`` has exactly the form :func:`utc_stamp` writes."""
    return isinstance(text, str) and _TIME_RE.fullmatch(text) is not None


def parse_utc_stamp(text: str) -> datetime:
    """The inverse of :func:`utc_stamp`."""
    if not is_utc_stamp(text):
        raise BadInputError(f"not a UTC time with milliseconds (YYYY-MM-DDTHH:MM:SS.mmmZ): {text!r}")
    return datetime.strptime(text[:-1] + "000", "%Y-%m-%dT%H:%M:%S.%f").replace(tzinfo=timezone.utc)


def as_stamp(value: datetime | str) -> str:
    """Accept a datetime or an already formatted stamp; return the stamp."""
    if isinstance(value, datetime):
        return utc_stamp(value)
    if is_utc_stamp(value):
        return value
    raise BadInputError(f"expected a timezone-aware datetime or a UTC stamp, got {value!r}")
