"""Disputes compared on the hub: a buyer's refund photo set beside a clip the hub holds (docs/HUB.md §5).

The upload is read with the desktop's own guards
(:func:`packseal.core.compare.photo.photo_from_bytes`: size and pixel
limits against decompression bombs, the accepted formats, HEIC through
pillow-heif, damaged files) and compared exactly as the desktop's dispute
view compares (:func:`packseal.core.compare.session.compare_photos` on the
clip file, here a checked copy of the object in the store): best frames,
the best one aligned beside the photo, difference regions, the photo's
metadata findings. The photo and the comparison's pictures (PNG) go into
the object store under their SHA-256; the findings into table ``disputes``,
as an evidence pack's ``comparison.json`` holds them, each with the
particulars it was worded from (``params``): its Chinese sentence is worded
from them whenever the dispute is read, so a sentence added to
:mod:`packseal.core.evidence.texts` later reaches every dispute stored
before it. A dispute stored before the particulars were kept is compared
again once, when it is first read, to recover them.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from email.parser import BytesParser
from email.policy import HTTP
from pathlib import Path
from typing import Any

from packseal.core.compare.inspection import Finding
from packseal.core.compare.photo import MAX_PHOTO_BYTES, Photo, photo_from_bytes
from packseal.core.compare.photo_codes import OrderOfCode
from packseal.core.compare.session import Comparison, compare_photos
from packseal.core.evidence.pack_files import png_bytes
from packseal.core.evidence.texts import finding_sentence
from packseal.core.ledger.canonical import parse_utc_stamp
from packseal.hub import audit
from packseal.hub.accounts import Account
from packseal.hub.clip_evidence import HubClip, load_clip
from packseal.hub.clip_files import ClipFileChanged, cached_clip
from packseal.hub.context import HubContext
from packseal.hub.ingest import STORED
from packseal.hub.objectstore import object_key

log = logging.getLogger(__name__)

#: The largest upload read: a photo at the desktop's limit and a multipart envelope around it.
MAX_UPLOAD = MAX_PHOTO_BYTES + 64 * 1024
#: What a photo's name may hold once its folders are refused: letters, digits, space and . _ - ( ) +
_SAFE_NAME = re.compile(r"^[\w .()+-]{1,120}$")
_SUFFIX = {"JPEG": ".jpg", "PNG": ".png", "WebP": ".webp", "HEIC": ".heic", "BMP": ".bmp"}


class DisputeRefused(Exception):
    """The upload or request cannot be used; ``status`` is the HTTP status to answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def upload_parts(content_type: str, body: bytes, name: str | None) -> tuple[bytes, str | None]:
    """The photo's bytes and given name: a ``multipart/form-data`` field ``photo``, or the raw body."""
    if not content_type.lower().startswith("multipart/form-data"):
        return body, name
    message = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + content_type.encode("latin-1", "replace")
                                                  + b"\r\n\r\n" + body)
    if not message.is_multipart():
        raise DisputeRefused(400, "the multipart body cannot be read: send the photo as the field 'photo'")
    for part in message.iter_parts():
        if part.get_param("name", header="content-disposition") == "photo":
            return part.get_payload(decode=True) or b"", part.get_filename() or name
    raise DisputeRefused(400, "the multipart body has no field 'photo': send the refund photo in it")


def safe_photo_name(given: str | None, fmt: str) -> str:
    """The name the photo is kept and packed under; a name holding a path is refused, never trimmed."""
    suffix = _SUFFIX.get(fmt, "")
    if not given:
        return f"refund-photo{suffix}"
    if "/" in given or "\\" in given or ".." in given or any(ord(c) < 32 for c in given):
        raise DisputeRefused(400, f"the photo's name {given[:80]!r} holds a folder or '..' (a path): send the "
                                  "file's name only")
    if not _SAFE_NAME.match(given) or given.startswith("."):
        raise DisputeRefused(400, f"the photo's name {given[:80]!r} may hold only letters, digits, spaces and "
                                  ". _ - ( ) + (at most 120), and not start with a dot")
    return given if Path(given).suffix.lower() in (suffix, ".jpeg", ".heif") else f"{given}{suffix}"


def order_lookup(ctx: HubContext) -> OrderOfCode:
    """The order a waybill read in a photo names, among the clips the hub holds (None when none)."""

    def order_of_code(code: str) -> str | None:
        with ctx.db.connection() as conn:
            row = conn.execute("SELECT order_id FROM clips WHERE lower(order_id) = lower(%s) "
                               "OR %s = ANY(string_to_array(waybills, ' ')) ORDER BY start DESC LIMIT 1",
                               (code, code)).fetchone()
        return row["order_id"] if row else None

    return order_of_code


def compare_upload(ctx: HubContext, clip_id: int, data: bytes, name: str | None, *, opened_box: bool = False,
                   account: Account | None = None, client: str | None = None,
                   user_agent: str | None = None) -> dict[str, Any]:
    """Compare the uploaded photo ``data`` with clip ``clip_id`` and keep the dispute; its JSON.

    Raises :class:`DisputeRefused` (413 too large, 400 a bad name, 404 no
    such clip, 409 the clip's file is not on the hub) and core's
    :class:`BadInputError` for a photo the desktop would refuse too.
    """
    if len(data) > MAX_PHOTO_BYTES:
        raise DisputeRefused(413, f"the photo is {len(data) / 2**20:.0f} MiB; photos over "
                                  f"{MAX_PHOTO_BYTES // 2**20} MiB are not read")
    with ctx.db.connection() as conn:
        clip = load_clip(conn, clip_id)
    if clip.status != STORED:
        raise DisputeRefused(409, f"the file of clip {clip_id} is not on the hub ({clip.status}): nothing to compare")
    if name is not None and ("/" in name or "\\" in name or ".." in name):
        safe_photo_name(name, "")  # refuses a path before any decoding
    photo = photo_from_bytes(data, path=Path(name or "refund-photo"))
    photo_name = safe_photo_name(name, photo.format)
    result = _compare(ctx, clip, photo, opened_box).result()
    summary = result.photo_json()
    summary["findings"] = [_stored_finding(f) for f in result.findings]
    summary["order_id"] = result.order_id
    summary["clip"] = {"id": clip_id, "sha256": result.clip_sha256}
    summary["photo_size"] = list(photo.size)
    images = {}
    ctx.store.put_bytes(photo.sha256, data)
    for picture, image in result.images.items():
        png = png_bytes(image)
        sha = hashlib.sha256(png).hexdigest()
        ctx.store.put_bytes(sha, png)
        images[picture] = sha
    with ctx.db.connection() as conn:
        row = conn.execute(
            "INSERT INTO disputes (clip_id, account_name, photo_name, photo_sha256, photo_bytes, photo_format, "
            "opened_box, result, images) VALUES (%s, %s, %s, %s, %s, %s, %s, %s::jsonb, %s::jsonb) RETURNING *",
            (clip_id, account.name if account else None, photo_name, photo.sha256, len(data), photo.format,
             opened_box, json.dumps(summary), json.dumps(images))).fetchone()
        audit.record(conn, "dispute.upload", account=account, clip_id=clip_id, target=f"dispute:{row['id']}",
                     client=client, user_agent=user_agent, photo=photo_name, photo_sha256=photo.sha256,
                     bytes=len(data), no_match=result.no_match)
    return dispute_json(row)


def _compare(ctx: HubContext, clip: HubClip, photo: Photo, opened_box: bool) -> Comparison:
    """``photo`` compared with the clip's file exactly as the desktop's dispute view compares it."""
    body = clip.entry.body
    clip_path = cached_clip(ctx, clip.sha256, clip.size)
    return compare_photos(clip_path, [photo], start_utc=parse_utc_stamp(body["start"]),
                          end_utc=parse_utc_stamp(body["end"]), clip_sha256=clip.sha256,
                          order_id=body["order_id"], opened_box=[photo] if opened_box else (),
                          order_of_code=order_lookup(ctx))[0]


def _stored_finding(finding: Finding) -> dict[str, Any]:
    """A finding as table ``disputes`` keeps it: the core's words and the particulars they were worded from."""
    return {**finding.to_json(), "params": dict(finding.params)}


def load_dispute(conn, dispute_id: int) -> dict[str, Any] | None:
    return conn.execute("SELECT * FROM disputes WHERE id = %s", (dispute_id,)).fetchone()


def with_particulars(ctx: HubContext, row: dict[str, Any]) -> dict[str, Any]:
    """``row`` with every finding's particulars; a dispute stored before they were kept gets them once.

    Its photo is compared again with the clip as at its upload, and each
    stored finding takes the particulars of the new finding with the same
    code and the very same words; a finding worded otherwise now keeps
    none (it stays in English). Without the clip's file on the hub the row
    is answered as it is.
    """
    findings = row["result"].get("findings", [])
    if all("params" in f for f in findings):
        return row
    with ctx.db.connection() as conn:
        clip = load_clip(conn, row["clip_id"])
    if clip.status != STORED:
        return row
    photo = photo_from_bytes(stored_bytes(ctx, row["photo_sha256"]), path=Path(row["photo_name"]))
    try:
        again = _compare(ctx, clip, photo, row["opened_box"])
    except ClipFileChanged:
        return row
    except Exception:  # the store away, a file unreadable: the dispute is still answered, in English
        log.warning("dispute %s: comparing again for its particulars failed", row["id"], exc_info=True)
        return row
    particulars = {(f.code, f.message): dict(f.params) for f in again.findings}
    result = {**row["result"], "findings": [
        {"code": f["code"], "severity": f["severity"], "message": f["message"],
         "params": particulars.get((f["code"], f["message"]), {})} for f in findings]}
    with ctx.db.connection() as conn:
        return conn.execute("UPDATE disputes SET result = %s::jsonb WHERE id = %s RETURNING *",
                            (json.dumps(result), row["id"])).fetchone()


def dispute_json(row: dict[str, Any]) -> dict[str, Any]:
    """A dispute as ``GET /api/disputes/{id}`` answers it (docs/HUB.md §5).

    Each finding's ``message_zh`` is worded now from its code and
    particulars (None where there is no Chinese sentence for it).
    """
    findings = [{"code": f["code"], "severity": f["severity"], "message": f["message"],
                 "message_zh": finding_sentence(f["code"], f.get("params", {}), "zh_CN") or None}
                for f in row["result"].get("findings", [])]
    return {"id": row["id"], "clip_id": row["clip_id"], "created_at": row["created_at"].isoformat(),
            "account": row["account_name"], "opened_box": row["opened_box"],
            "photo": {"name": row["photo_name"], "sha256": row["photo_sha256"], "bytes": row["photo_bytes"],
                      "format": row["photo_format"], "size": row["result"].get("photo_size")},
            "result": {**row["result"], "findings": findings},
            "images": {name: f"/api/disputes/{row['id']}/images/{name}" for name in sorted(row["images"])}}


def stored_bytes(ctx: HubContext, sha256: str) -> bytes:
    """A small object (a photo, a picture) from the store."""
    return ctx.store.client.get_object(Bucket=ctx.store.bucket, Key=object_key(sha256))["Body"].read()
