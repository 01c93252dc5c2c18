"""The hub's health report (docs/HUB.md §5 ``GET /api/health``, and the health page)."""

from __future__ import annotations

from botocore.exceptions import BotoCoreError, ClientError

from packseal.hub.context import HubContext


def health_report(ctx: HubContext) -> dict:
    """Stations with last sync and pending clips, the database, the object store and its lock verdict."""
    with ctx.db.connection() as conn:
        stations = conn.execute(
            "SELECT s.id, s.name, s.status, s.status_detail, s.last_sync_at, "
            "(SELECT count(*) FROM clips c WHERE c.station_id = s.id AND c.status = 'pending') AS pending "
            "FROM stations s ORDER BY s.name, s.id").fetchall()
    for s in stations:
        s["last_sync"] = s.pop("last_sync_at").isoformat() if s["last_sync_at"] else None
    try:
        ctx.store.client.head_bucket(Bucket=ctx.store.bucket)
        store = {"reachable": True, "bucket": ctx.store.bucket}
    except (ClientError, BotoCoreError) as exc:
        store = {"reachable": False, "bucket": ctx.store.bucket, "error": str(exc)}
    verdict = ctx.store.lock_verdict
    if store["reachable"] and verdict is not None and verdict.state == "unknown":
        verdict = ctx.store.probe_lock()  # the store failed at start: look again now it answers
    return {
        "hub": {"key_fingerprint": ctx.key.fingerprint_hex, "fingerprint": ctx.key.fingerprint,
                "tls_cert_sha256": ctx.tls.cert_sha256 if ctx.tls else None},
        "database": {"reachable": True},
        "object_store": store,
        "object_lock": verdict.as_json() if verdict else None,
        "notes": ctx.notes,
        "stations": stations,
    }
