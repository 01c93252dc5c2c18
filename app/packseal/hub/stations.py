"""The paired stations as an owner sees them, and the owner's decision on a forked one (docs/HUB.md §4).

A station the hub flagged ``forked`` (its ledger was rolled back, rewritten
or forked) is refused until an owner accepts its present history with
:func:`accept_history`. That starts the station's next history: what the
hub held stays as it was, under the history it came in with (entries,
cosigned checkpoints, clips, files); the station's chain is taken again
from entry 0 at its next sync and witnessed afresh, and every cosignature
of the new history names its number. The decision is written to the audit
log in the same transaction: who, when, why, and what the hub held of the
history it leaves.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from packseal.core.errors import BadInputError
from packseal.hub import audit
from packseal.hub.accounts import Account

FORKED = "forked"
#: The shortest station id prefix an owner may type for a station.
MIN_PREFIX = 8
REASON_MAX = 2000


class NoSuchStation(BadInputError):
    """No paired station has that id (or several share the prefix given)."""


class NotForked(BadInputError):
    """The station is not flagged forked: there is no refused history to accept."""


def listing(conn) -> list[dict[str, Any]]:
    """Every station: id, name, status, detail, history, last sync (ISO text or None), pending files."""
    rows = conn.execute(
        "SELECT s.id, s.name, s.status, s.status_detail, s.history, s.last_sync_at, s.entries_to, "
        "(SELECT count(*) FROM clips c WHERE c.station_id = s.id AND c.status = 'pending') AS pending "
        "FROM stations s ORDER BY s.name, s.id").fetchall()
    for row in rows:
        last = row.pop("last_sync_at")
        row["last_sync"] = last.isoformat() if isinstance(last, datetime) else None
    return rows


def find(conn, wanted: str) -> dict[str, Any]:
    """The station whose id is ``wanted`` or starts with it (at least 8 characters); BadInputError else."""
    wanted = wanted.strip().lower()
    if len(wanted) < MIN_PREFIX:
        raise BadInputError(f"give the station's id or at least its first {MIN_PREFIX} characters "
                            "(`packseal hub station list`)")
    rows = conn.execute("SELECT id, name, status, status_detail, history, entries_to, cosigned_size "
                        "FROM stations WHERE id LIKE %s ORDER BY id LIMIT 2",
                        (wanted.replace("\\", "").replace("%", "").replace("_", "") + "%",)).fetchall()
    if not rows:
        raise NoSuchStation(f"no paired station has an id starting with {wanted}")
    if len(rows) > 1:
        raise NoSuchStation(f"several stations have an id starting with {wanted}: give more of it")
    return rows[0]


def accept_history(conn, wanted: str, reason: str, *, account: Account | None = None,
                   account_name: str | None = None, via: str, client: str | None = None,
                   user_agent: str | None = None) -> dict[str, Any]:
    """Accept the present history of a forked station (module doc); returns what was decided.

    ``wanted``: the station's id or a prefix of it. ``reason``: the owner's
    words, required. Runs in the caller's transaction (the caller commits).
    """
    reason = (reason or "").strip()
    if not reason:
        raise BadInputError("say why the station's present history is accepted (--reason TEXT)")
    if len(reason) > REASON_MAX:
        raise BadInputError(f"the reason is at most {REASON_MAX} characters")
    station = find(conn, wanted)
    row = conn.execute("SELECT status, status_detail, history, entries_to, cosigned_size FROM stations "
                       "WHERE id = %s FOR UPDATE", (station["id"],)).fetchone()
    if row["status"] != FORKED:
        raise NotForked(f"station {station['name']} ({station['id'][:16]}…) is not flagged forked "
                            f"(its status is {row['status']}): there is no refused history to accept")
    new = row["history"] + 1
    # The key the station signs with now keeps signing, as a pairing key does, until the new history's
    # entries reach it (a station whose ledger rotated keys could not sync its first entries otherwise).
    conn.execute("UPDATE station_keys SET since_seq = NULL FROM stations s WHERE s.id = %s "
                 "AND station_keys.station_id = s.id AND station_keys.key_id = s.current_key", (station["id"],))
    conn.execute("UPDATE stations SET history = %s, status = 'ok', status_detail = NULL, entries_to = NULL, "
                 "last_hash = NULL, frontier = '[]'::jsonb, cosigned_size = NULL, "
                 "cosigned_root = NULL WHERE id = %s", (new, station["id"]))
    decision = {"station": station["id"], "name": station["name"], "history": new, "reason": reason,
                "left_history": row["history"], "left_entries_to": row["entries_to"],
                "left_cosigned_size": row["cosigned_size"], "forked_because": row["status_detail"]}
    audit.record(conn, "station.accept_history", account=account, account_name=account_name,
                 target=station["id"], client=client, user_agent=user_agent, via=via,
                 **{k: v for k, v in decision.items() if k != "station"})
    return decision
