"""The hub's health report (docs/HUB.md §5 ``GET /api/health``, and the health page)."""

from __future__ import annotations

from botocore.exceptions import BotoCoreError, ClientError

from packseal.hub import stations
from packseal.hub.context import HubContext


#: What a SeaweedFS the hub runs itself means for the files (the health page says it in its language).
PRIVATE_STORE_NOTE = ("The object store is a SeaweedFS run by the hub on this machine, files in {folder}: Object Lock "
                      "holds against S3 clients; this machine's administrator can still delete the files on its disk.")


def health_report(ctx: HubContext) -> dict:
    """Stations with last sync and pending clips, the database, the object store and its lock verdict."""
    with ctx.db.connection() as conn:
        listed = stations.listing(conn)
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
        "notes": [PRIVATE_STORE_NOTE.format(folder=ctx.private_store)] if ctx.private_store else [],
        "private_store": str(ctx.private_store) if ctx.private_store else None,
        "stations": listed,
    }
