"""The catalog row a ledger entry describes: one mapping for the archive and for every rebuild.

The catalog is an index of the ledger. The archive files each new entry's
row through :func:`record_from_entry`, and reconciliation and the rebuild
make rows from old entries through it, so a rebuilt catalog holds the very
rows the archive wrote (times are the entry's, to the millisecond).
"""

from __future__ import annotations

from datetime import datetime

from packseal.core.catalog.records import CameraFile, ClipRecord, SegmentRecord, to_ms
from packseal.core.ledger.bodies import CLIP, SEGMENT, body_problem, relative_path_problem
from packseal.core.ledger.entry import Entry
from packseal.core.ledger.packing_record import PackingRecord

#: The ledger's integer range (FORMAT.md §1).
MAX_INT = 2**53 - 1
#: The station of an entry that names none.
UNNAMED_STATION = "(unnamed station)"


def stamp_ms(stamp: str) -> int:
    """A ledger time (``2025-06-01T08:30:00.123Z``) as catalog milliseconds."""
    return to_ms(datetime.fromisoformat(stamp))


def record_from_entry(entry: Entry, *, station: str | None = None) -> ClipRecord | SegmentRecord:
    """The catalog row a ``clip`` or ``segment`` entry describes.

    ``station`` names the station that recorded a clip when the caller knows
    it better than the entry (the recorder after the station was renamed;
    the ledger keeps the name it was opened with). Raises
    :class:`ValueError` saying why when the entry cannot be a row
    (malformed body, unsafe path, numbers out of range).
    """
    body = entry.body
    problem = body_problem(entry.kind, body)
    if problem:
        raise ValueError(problem)
    problem = relative_path_problem(body["file"])
    if problem:
        raise ValueError(f"its file {body['file']!r} {problem}")
    numbers = [v for v in body.values() if type(v) is int]
    if any(n > MAX_INT for n in numbers):
        raise ValueError("it holds a number beyond 2^53 - 1")
    start, end = stamp_ms(body["start"]), stamp_ms(body["end"])
    if end < start:
        raise ValueError(f"it ends ({body['end']}) before it starts ({body['start']})")
    if entry.kind == SEGMENT:
        return SegmentRecord(
            camera=body["camera"], seq=body["seq"], file=body["file"], start_ms=start, end_ms=end,
            frames=body["frames"], bytes=body["bytes"], sha256=body["sha256"], ledger_seq=entry.seq)
    if entry.kind == CLIP:
        scan = stamp_ms(body["scan_time"])
        packing = PackingRecord.of_body(body)
        stop = stamp_ms(body["stop_time"]) if "stop_time" in body else None
        return ClipRecord(
            order_id=body["order_id"], station=station or entry.station or UNNAMED_STATION,
            scan_ms=scan, start_ms=start, end_ms=end, file=body["file"],
            duration_ms=body["duration_ms"], frame_count=body["frame_count"], bytes=body["bytes"],
            sha256=body["sha256"], status=body["status"], ledger_seq=entry.seq,
            created_ms=stamp_ms(entry.time), kind=packing.kind, outcome=packing.outcome,
            packer=packing.packer or None, linked_order=packing.linked_order or None,
            order_ref=packing.order_ref or None, wrong_scans=len(packing.wrong_scans),
            overridden=packing.warnings_overridden,
            weight_g=packing.weight_g,
            pack_ms=stop - scan if stop is not None and stop >= scan else None,
            camera=body.get("camera"), camera_files=_camera_files(body))
    raise ValueError(f"a {entry.kind} entry seals no clip or segment")


def _camera_files(body: dict) -> tuple[CameraFile, ...]:
    """The other cameras' files a clip entry names (``other_cameras``), checked safe like ``file``."""
    files = []
    for item in body.get("other_cameras", ()):
        file = item.get("file")
        if file is not None:
            problem = relative_path_problem(file)
            if problem:
                raise ValueError(f"its file {file!r} of camera {item['camera']!r} {problem}")
        files.append(CameraFile(
            camera=item["camera"], status=item["status"], file=file, sha256=item.get("sha256"),
            bytes=item.get("bytes"), start_ms=stamp_ms(item["start"]) if "start" in item else None,
            end_ms=stamp_ms(item["end"]) if "end" in item else None))
    return tuple(files)
