"""Streaming a stored file from the object store with HTTP Range (RFC 9110 §14), for staff and share links."""

from __future__ import annotations

import re
from collections.abc import Iterable

from starlette.responses import Response, StreamingResponse

from packseal.hub.objectstore import ObjectStore, object_key

CHUNK = 256 * 1024
_RANGE = re.compile(r"^bytes=([0-9]*)-([0-9]*)$")
#: Range numbers longer than this (past any file's size) are read as this many digits of 9s.
_RANGE_DIGITS = 19


def byte_range(header: str | None, size: int) -> tuple[int, int] | None | str:
    """(first, last) of a single ``Range: bytes=…``; None for the whole file; "bad" when unsatisfiable."""
    if not header:
        return None
    m = _RANGE.match(header.strip())
    if not m or (not m.group(1) and not m.group(2)):
        return None  # several ranges or another unit: the whole file, as RFC 9110 allows
    if not m.group(1):  # the last N bytes
        n = _range_number(m.group(2))
        return (max(size - n, 0), size - 1) if n > 0 and size > 0 else "bad"
    first = _range_number(m.group(1))
    last = min(_range_number(m.group(2)), size - 1) if m.group(2) else size - 1
    if first >= size or (m.group(2) and _range_number(m.group(2)) < first):
        return "bad"
    return first, last


def _range_number(digits: str) -> int:
    return int(digits) if len(digits) <= _RANGE_DIGITS else 10 ** _RANGE_DIGITS - 1


def starts_at_zero(header: str | None) -> bool:
    """Does a request with this Range header read the file from its first byte (a play or a download)?"""
    m = _RANGE.match((header or "").strip())
    return not header or not m or m.group(1) in ("0", "")


def stream_object(store: ObjectStore, sha256: str, size: int, range_header: str | None, *,
                  filename: str, content_type: str, download: bool) -> Response:
    """The object ``sha256`` of ``size`` bytes, whole (200) or the asked range (206, 416 when past the end)."""
    key = object_key(sha256)
    disposition = "attachment" if download else "inline"
    headers = {"Accept-Ranges": "bytes", "ETag": f'"{sha256}"', "Content-Type": content_type,
               "Content-Disposition": f'{disposition}; filename="{filename}"'}
    wanted = byte_range(range_header, size)
    if wanted == "bad":
        return Response(status_code=416, headers={"Content-Range": f"bytes */{size}"})
    if size == 0:
        return Response(b"", headers=headers)
    first, last = wanted if wanted else (0, size - 1)
    body = store.read(key, first, last)
    headers["Content-Length"] = str(last - first + 1)
    if wanted:
        headers["Content-Range"] = f"bytes {first}-{last}/{size}"

    def chunks() -> Iterable[bytes]:
        try:
            yield from body.iter_chunks(CHUNK)
        finally:
            body.close()

    return StreamingResponse(chunks(), status_code=206 if wanted else 200, headers=headers)
