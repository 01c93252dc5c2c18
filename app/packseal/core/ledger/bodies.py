"""Entry kinds and the bodies they carry; builders so no module invents a body.

Every body field is a string, an integer, a list or an object: never a
float, because the canonical form of floats is where JSON implementations
disagree. Times are UTC stamps with milliseconds, hashes lowercase hex,
binary data standard base64, files paths relative to the data dir with
forward slashes. Extra fields are allowed (and signed); verifiers ignore
what they do not know.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import PurePosixPath
from typing import Any, Callable

from packseal.core.errors import BadInputError
from packseal.core.ledger.canonical import as_stamp, is_utc_stamp, unb64

GENESIS = "genesis"
SEGMENT = "segment"
SCAN = "scan"
CLIP = "clip"
RETENTION = "retention"
KEY_ROTATION = "key-rotation"
CHECKPOINT = "checkpoint"
TIMESTAMP = "timestamp"
EXPORT = "export"

KINDS = (GENESIS, SEGMENT, SCAN, CLIP, RETENTION, KEY_ROTATION, CHECKPOINT, TIMESTAMP, EXPORT)
# Kinds whose body seals a file in the data dir by (file, sha256, bytes).
FILE_KINDS = (SEGMENT, CLIP, EXPORT)
CLIP_STATUSES = ("complete", "interrupted")
#: The status of a clip's other camera that recorded nothing of the order (it names no file).
NO_VIDEO = "no-video"
CAMERA_STATUSES = CLIP_STATUSES + (NO_VIDEO,)
SOURCE_KINDS = ("usb", "ip", "file", "test", "unknown")

_HEX64 = re.compile(r"[0-9a-f]{64}")
_HEX16 = re.compile(r"[0-9a-f]{16}")


def _is_str(v: Any) -> bool:
    return isinstance(v, str) and v != ""


def _is_int(v: Any) -> bool:
    return type(v) is int and v >= 0


def _is_b64(v: Any) -> bool:
    try:
        return isinstance(v, str) and len(unb64(v)) > 0
    except BadInputError:
        return False


def relative_path_problem(path: Any) -> str | None:
    """Why ``path`` is not a safe data-dir relative path, or None if it is."""
    if not isinstance(path, str) or not path:
        return "not a non-empty string"
    if "\\" in path or ":" in path:
        return "must use forward slashes and no drive letter"
    p = PurePosixPath(path)
    if p.is_absolute():
        return "is absolute"
    if any(part in ("..", ".", "") for part in path.split("/")):
        return "has '..', '.' or empty parts"
    return None


_CHECKS: dict[str, Callable[[Any], bool]] = {
    "str": _is_str,
    "text": lambda v: isinstance(v, str),
    "int": _is_int,
    "hex64": lambda v: isinstance(v, str) and _HEX64.fullmatch(v) is not None,
    "keyid": lambda v: isinstance(v, str) and _HEX16.fullmatch(v) is not None,
    "stamp": is_utc_stamp,
    # Only the type here: verification reports unsafe paths as path-outside-data-dir.
    "path": _is_str,
    "b64": _is_b64,
    "status": lambda v: v in CLIP_STATUSES,
    "ints": lambda v: isinstance(v, list) and all(_is_int(i) for i in v),
    "source": lambda v: isinstance(v, dict) and v.get("kind") in SOURCE_KINDS,
    "object": lambda v: isinstance(v, dict),
    "gaps": lambda v: isinstance(v, list) and all(
        isinstance(g, dict) and set(g) == {"from", "to"} and is_utc_stamp(g["from"])
        and is_utc_stamp(g["to"]) for g in v),
    "cameras": lambda v: isinstance(v, list) and all(camera_file_problem(c) is None for c in v),
}

# Required fields of each kind and what they must hold.
REQUIRED: dict[str, dict[str, str]] = {
    GENESIS: {"public_key": "b64", "key_id": "keyid", "station": "text", "software": "str"},
    SEGMENT: {"camera": "str", "seq": "int", "file": "path", "sha256": "hex64", "bytes": "int",
              "start": "stamp", "end": "stamp", "frames": "int"},
    SCAN: {"code": "str", "scan_time": "stamp"},
    CLIP: {"order_id": "str", "scan_time": "stamp", "start": "stamp", "end": "stamp", "file": "path",
           "sha256": "hex64", "bytes": "int", "duration_ms": "int", "frame_count": "int",
           "status": "status"},
    RETENTION: {"file": "path", "sha256": "hex64", "sealed_by": "int", "reason": "str"},
    KEY_ROTATION: {"new_public_key": "b64", "new_key_id": "keyid", "reason": "text"},
    CHECKPOINT: {"tree_size": "int", "root_hash": "hex64"},
    TIMESTAMP: {"checkpoint_seq": "int", "tree_size": "int", "root_hash": "hex64", "tsa_url": "str",
                "token": "b64"},
    EXPORT: {"file": "path", "sha256": "hex64", "bytes": "int", "purpose": "str"},
}
OPTIONAL: dict[str, dict[str, str]] = {
    CLIP: {"segments": "ints", "gaps": "gaps", "source": "source", "packing": "object",
           "frames_captured": "int", "frames_dropped": "int", "stop_time": "stamp",
           "camera": "str", "other_cameras": "cameras"},
}
# What an object of a clip's ``other_cameras`` holds: the same order from another camera.
CAMERA_FILE: dict[str, str] = {"file": "path", "sha256": "hex64", "bytes": "int", "start": "stamp",
                               "end": "stamp", "duration_ms": "int", "frame_count": "int"}
CAMERA_OPTIONAL: dict[str, str] = {"segments": "ints", "gaps": "gaps", "source": "source",
                                   "frames_captured": "int", "frames_dropped": "int"}


def camera_file_problem(item: Any) -> str | None:
    """What is wrong with one object of a clip's ``other_cameras``, or None."""
    if not isinstance(item, dict) or not _is_str(item.get("camera")):
        return "an other_cameras object must name its camera"
    status = item.get("status")
    if status not in CAMERA_STATUSES:
        return f"camera {item['camera']!r} has status {status!r}, not one of {CAMERA_STATUSES}"
    required = {} if status == NO_VIDEO else CAMERA_FILE
    for name, check in list(required.items()) + list(CAMERA_OPTIONAL.items()):
        if name not in item:
            if name in required:
                return f"camera {item['camera']!r} lacks {name!r}"
        elif not _CHECKS[check](item[name]):
            return f"camera {item['camera']!r} field {name!r} is not a valid {check}"
    return None


def sealed_files(kind: str, body: dict[str, Any]) -> list[tuple[str, str, int]]:
    """Every file a well-formed body seals, as (file, sha256, bytes): a clip's other cameras' too."""
    if kind not in FILE_KINDS:
        return []
    files = [(body["file"], body["sha256"], body["bytes"])]
    if kind == CLIP:
        files += [(c["file"], c["sha256"], c["bytes"]) for c in body.get("other_cameras", ())
                  if c.get("status") != NO_VIDEO]
    return files


def body_problem(kind: str, body: dict[str, Any]) -> str | None:
    """What is wrong with ``body`` for ``kind`` (missing or mistyped fields), or None."""
    for name, check in REQUIRED.get(kind, {}).items():
        if name not in body:
            return f"{kind} body lacks {name!r}"
        if not _CHECKS[check](body[name]):
            return f"{kind} body field {name!r} is not a valid {check}: {body[name]!r}"
    for name, check in OPTIONAL.get(kind, {}).items():
        if name in body and not _CHECKS[check](body[name]):
            return f"{kind} body field {name!r} is not a valid {check}: {body[name]!r}"
    return None


def _no_floats(value: Any, where: str) -> None:
    if isinstance(value, float):
        raise BadInputError(f"{where} is a float ({value!r}); ledger bodies hold integers and strings")
    if isinstance(value, dict):
        for k, v in value.items():
            if not isinstance(k, str):
                raise BadInputError(f"{where} has a non-string key {k!r}")
            _no_floats(v, f"{where}.{k}")
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            _no_floats(v, f"{where}[{i}]")


def check_body(kind: str, body: Any) -> None:
    """Raise :class:`BadInputError` unless ``body`` is a valid body of ``kind``."""
    if kind not in KINDS:
        raise BadInputError(f"unknown ledger entry kind {kind!r}; known kinds: {', '.join(KINDS)}")
    if not isinstance(body, dict):
        raise BadInputError(f"a {kind} body must be a dict, got {type(body).__name__}")
    _no_floats(body, "body")
    problem = body_problem(kind, body)
    if problem:
        raise BadInputError(problem)
    if "file" in REQUIRED[kind]:
        _path(body["file"])


def _path(file: str) -> str:
    problem = relative_path_problem(file)
    if problem:
        raise BadInputError(f"file {file!r} {problem}; give it relative to the data dir "
                            "(DataLayout.relative(path))")
    return file


def segment_body(*, camera: str, seq: int, file: str, sha256: str, bytes: int,
                 start: datetime | str, end: datetime | str, frames: int) -> dict[str, Any]:
    """Body of a ``segment`` entry: one closed tape segment of ``camera``."""
    return {"camera": camera, "seq": seq, "file": _path(file), "sha256": sha256, "bytes": bytes,
            "start": as_stamp(start), "end": as_stamp(end), "frames": frames}


def clip_body(*, order_id: str, scan_time: datetime | str, start: datetime | str,
              end: datetime | str, file: str, sha256: str, bytes: int, duration_ms: int,
              frame_count: int, status: str = "complete",
              segments: list[int] | None = None,
              gaps: list[tuple[datetime, datetime]] | None = None,
              source: dict[str, Any] | None = None,
              packing: dict[str, Any] | None = None,
              frames_captured: int | None = None,
              frames_dropped: int | None = None,
              stop_time: datetime | str | None = None,
              camera: str | None = None,
              other_cameras: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Body of a ``clip`` entry: one order clip.

    ``status`` is ``complete``, or ``interrupted`` when recording stopped
    abnormally (camera lost, app closed). ``segments`` optionally lists the
    seqs of the ``segment`` entries the clip was joined from; ``gaps`` the
    stretches with no video inside the clip (camera or encoder outage);
    ``source`` the capture provenance (``kind``: usb, ip, file or test; the
    device's identity; ``encoder``; ``clock_offset_ms`` when known);
    ``packing`` what the station knew and saw of the order (kind, outcome,
    items checked, scans, warnings and decisions, packer, weight: FORMAT.md §6.1);
    ``frames_captured`` / ``frames_dropped`` the frames the camera delivered
    from ``start`` to ``end`` and how many of them (and of the frames the
    source was read too late for) are not in the clip;
    ``stop_time`` when the order was stopped (the clip goes on for the post-roll);
    ``camera`` the camera of ``file`` and ``other_cameras`` the same order from the
    station's other camera (:func:`camera_file_body`), for a station of two cameras.
    """
    if status not in CLIP_STATUSES:
        raise BadInputError(f"clip status must be one of {CLIP_STATUSES}, got {status!r}")
    body = {"order_id": order_id, "scan_time": as_stamp(scan_time), "start": as_stamp(start),
            "end": as_stamp(end), "file": _path(file), "sha256": sha256, "bytes": bytes,
            "duration_ms": duration_ms, "frame_count": frame_count, "status": status}
    _add_recording(body, segments, gaps, source, frames_captured, frames_dropped)
    if packing:
        body["packing"] = dict(packing)
    if stop_time is not None:
        body["stop_time"] = as_stamp(stop_time)
    if camera is not None:
        body["camera"] = camera
    if other_cameras:
        for item in other_cameras:
            problem = camera_file_problem(item)
            if problem:
                raise BadInputError(problem)
            if "file" in item:
                _path(item["file"])
        body["other_cameras"] = [dict(c) for c in other_cameras]
    return body


def camera_file_body(*, camera: str, status: str, file: str | None = None, sha256: str | None = None,
                     bytes: int | None = None, start: datetime | str | None = None,
                     end: datetime | str | None = None, duration_ms: int | None = None,
                     frame_count: int | None = None, segments: list[int] | None = None,
                     gaps: list[tuple[datetime, datetime]] | None = None,
                     source: dict[str, Any] | None = None, frames_captured: int | None = None,
                     frames_dropped: int | None = None) -> dict[str, Any]:
    """One object of a clip's ``other_cameras``: the order from another camera of the station.

    ``status`` ``no-video`` (the camera recorded nothing of the order) names no file.
    """
    item: dict[str, Any] = {"camera": camera, "status": status}
    if status != NO_VIDEO:
        item.update({"file": _path(file or ""), "sha256": sha256, "bytes": bytes, "start": as_stamp(start),
                     "end": as_stamp(end), "duration_ms": duration_ms, "frame_count": frame_count})
    _add_recording(item, segments, gaps, source, frames_captured, frames_dropped)
    return item


def _add_recording(into: dict[str, Any], segments: list[int] | None,
                   gaps: list[tuple[datetime, datetime]] | None, source: dict[str, Any] | None,
                   frames_captured: int | None, frames_dropped: int | None) -> None:
    """The optional members a clip's file and another camera's file share (those given)."""
    if segments is not None:
        into["segments"] = list(segments)
    if gaps:
        into["gaps"] = [{"from": as_stamp(a), "to": as_stamp(b)} for a, b in gaps]
    if source:
        into["source"] = dict(source)
    if frames_captured is not None:
        into["frames_captured"] = frames_captured
    if frames_dropped is not None:
        into["frames_dropped"] = frames_dropped


def scan_body(*, code: str, scan_time: datetime | str, order_id: str | None = None,
              action: str | None = None, **extra: Any) -> dict[str, Any]:
    """Body of a ``scan`` entry: a barcode read at the station.

    ``action`` says what the scan did (e.g. ``start``, ``stop``, ``repeat``,
    ``dropped``); ``order_id`` is the order it was taken as, when it was one;
    ``extra`` members (``packer``, ``warning`` …) are signed as given.
    """
    body: dict[str, Any] = {"code": code, "scan_time": as_stamp(scan_time)}
    if order_id is not None:
        body["order_id"] = order_id
    if action is not None:
        body["action"] = action
    body.update(extra)
    return body


def retention_body(*, file: str, sha256: str, sealed_by: int, reason: str) -> dict[str, Any]:
    """Body of a ``retention`` entry: ``file`` (sealed by entry ``sealed_by``) was deleted on purpose.

    ``reason`` is short and machine-friendly, e.g. ``idle-tape-expired``,
    ``disk-space``, ``owner-deleted``.
    """
    return {"file": _path(file), "sha256": sha256, "sealed_by": sealed_by, "reason": reason}


def export_body(*, file: str, sha256: str, bytes: int, purpose: str,
                order_id: str | None = None, **extra: Any) -> dict[str, Any]:
    """Body of an ``export`` entry: an evidence pack or platform export written to ``file``."""
    body: dict[str, Any] = {"file": _path(file), "sha256": sha256, "bytes": bytes, "purpose": purpose}
    if order_id is not None:
        body["order_id"] = order_id
    body.update(extra)
    return body


def checkpoint_body(*, tree_size: int, root_hash: str) -> dict[str, Any]:
    """Body of a ``checkpoint``: the Merkle root over entries ``0 .. tree_size-1``."""
    return {"tree_size": tree_size, "root_hash": root_hash}
