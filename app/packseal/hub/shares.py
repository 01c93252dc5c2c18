"""Share links: one clip shown to someone without an account, until the link expires or is revoked.

A link is ``/s/<token>``; the token is 32 URL-safe characters from
:mod:`secrets` (192 bits). The table keeps only the token's SHA-256 and its
first :data:`PREFIX` characters, so a leaked database gives no working link
while the clip page can still list the links and tell them apart. Each view
through a link is a row of the audit log (target ``share:<id>``).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from packseal.core.errors import BadInputError
from packseal.hub import audit

TOKEN_BYTES = 24
PREFIX = 6
#: The longest expiry the API takes (the page offers one hour to 30 days).
MAX_EXPIRY_S = 10 * 366 * 24 * 3600
VIEW_ACTIONS = ("share.view", "share.video", "share.download", "share.pack")


@dataclass(frozen=True)
class Share:
    id: int
    clip_id: int
    expires_at: datetime
    revoked_at: datetime | None
    live: bool


def token_hash(token: str) -> bytes:
    return hashlib.sha256(token.encode("utf-8", "replace")).digest()


def target(share_id: int) -> str:
    return f"share:{share_id}"


def check_expiry(value) -> int:
    """The expiry in seconds as the API gives it; :class:`BadInputError` unless a whole number in range."""
    if type(value) is not int or not 1 <= value <= MAX_EXPIRY_S:
        raise BadInputError(f"expires_s is a whole number of seconds from 1 to {MAX_EXPIRY_S}, got {value!r}")
    return value


def create(conn, clip_id: int, expires_s: int, created_by: str) -> tuple[str, int, datetime]:
    """A new link to the clip: (token, share id, expires_at). The token is not kept and not shown again."""
    check_expiry(expires_s)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    row = conn.execute("INSERT INTO shares (clip_id, token_sha256, token_prefix, created_by, expires_at) "
                       "VALUES (%s, %s, %s, %s, now() + %s) RETURNING id, expires_at",
                       (clip_id, token_hash(token), token[:PREFIX], created_by,
                        timedelta(seconds=expires_s))).fetchone()
    return token, row["id"], row["expires_at"]


def find(conn, token: str) -> Share | None:
    """The share of a token (live or not), or None when no link has that token."""
    row = conn.execute("SELECT id, clip_id, expires_at, revoked_at, "
                       "(revoked_at IS NULL AND expires_at > now()) AS live FROM shares WHERE token_sha256 = %s",
                       (token_hash(token),)).fetchone()
    return Share(**row) if row else None


def find_ref(conn, ref: str) -> dict | None:
    """A share by its token or by its id (the number the list gives): id and clip_id, or None."""
    if ref.isdigit() and len(ref) <= 18:
        return conn.execute("SELECT id, clip_id, revoked_at FROM shares WHERE id = %s", (int(ref),)).fetchone()
    return conn.execute("SELECT id, clip_id, revoked_at FROM shares WHERE token_sha256 = %s",
                        (token_hash(ref),)).fetchone()


def revoke(conn, share_id: int, by: str) -> None:
    """End a link now (a second revocation keeps the first's time and name)."""
    conn.execute("UPDATE shares SET revoked_at = now(), revoked_by = %s WHERE id = %s AND revoked_at IS NULL",
                 (by, share_id))


def of_clip(conn, clip_id: int) -> list[dict]:
    """The clip's links, newest first, each with its views (time, IP, user agent, what was viewed)."""
    shares = conn.execute("SELECT id, token_prefix, created_at, created_by, expires_at, revoked_at, revoked_by, "
                          "(revoked_at IS NULL AND expires_at > now()) AS live FROM shares WHERE clip_id = %s "
                          "ORDER BY created_at DESC, id DESC", (clip_id,)).fetchall()
    views = conn.execute("SELECT target, at, action, client, user_agent FROM audit_log WHERE clip_id = %s "
                         "AND action = ANY(%s) ORDER BY id", (clip_id, list(VIEW_ACTIONS))).fetchall()
    by_share: dict[str, list[dict]] = {}
    for v in views:
        by_share.setdefault(v.pop("target"), []).append(v)
    for s in shares:
        s["views"] = by_share.get(target(s["id"]), [])
    return shares


def record_view(conn, share: Share, action: str, client: str, user_agent: str) -> None:
    audit.record(conn, action, clip_id=share.clip_id, target=target(share.id), client=client,
                 user_agent=user_agent)
