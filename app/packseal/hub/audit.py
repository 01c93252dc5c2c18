"""The hub's audit log (docs/HUB.md): one row per login, view, download, share, revocation or change.

Rows are only added. :func:`record` writes one in the caller's transaction,
so an action and its record commit together; :func:`recent` reads them back,
newest first, for the audit page and the clip page.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from packseal.hub.accounts import Account

#: How much of a user agent is kept (a client may send kilobytes).
USER_AGENT_MAX = 300


def record(conn, action: str, *, account: Account | None = None, account_name: str | None = None,
           clip_id: int | None = None, target: str | None = None, client: str | None = None,
           user_agent: str | None = None, **detail: Any) -> None:
    """Add one row; ``action`` is a short lower-case word such as ``login`` or ``clip.download``."""
    conn.execute(
        "INSERT INTO audit_log (account_id, account_name, action, clip_id, target, client, user_agent, detail) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s::jsonb)",
        (account.id if account else None, account.name if account else account_name, action, clip_id, target,
         client, (user_agent or "")[:USER_AGENT_MAX] or None, json.dumps(detail, default=str)))


def recent(conn, *, clip_id: int | None = None, before_id: int | None = None, limit: int = 100) -> list[dict]:
    """The newest rows first (of one clip when ``clip_id``), older than ``before_id`` for the next page;
    each with its clip's ``order_id`` (None when the row is about no clip)."""
    where, args = [], []
    if clip_id is not None:
        where.append("a.clip_id = %s")
        args.append(clip_id)
    if before_id is not None:
        where.append("a.id < %s")
        args.append(before_id)
    sql = ("SELECT a.id, a.at, a.account_name, a.action, a.clip_id, c.order_id, a.target, a.client, a.user_agent, "
           "a.detail FROM audit_log a LEFT JOIN clips c ON c.id = a.clip_id"
           + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY a.id DESC LIMIT %s")
    rows = conn.execute(sql, (*args, max(1, min(limit, 1000)))).fetchall()
    for row in rows:
        if isinstance(row["at"], datetime):
            row["at"] = row["at"].isoformat()
    return rows
