"""Faults during sync on real servers: the hub killed mid-upload, the object store down for a while."""

from __future__ import annotations

import hashlib
import threading

import numpy as np
import pytest

from packseal.compose import open_services
from packseal.core.ledger import Ledger
from packseal.core.storage.layout import DataLayout
from packseal.core.sync.client import HubError
from packseal.core.sync.state import load_state
from packseal.core.sync.sync_pass import sync_once
from packseal.hub.objectstore import object_key
from packseal.hub.station_api import PART_SIZE
from tests.hub.sync.conftest import ORDERS, pair, sync
from tests.support.sealed_clips import seal_generated_clip

BIG_ORDER = "SF2000000000001"


def _seal_big_clip(root) -> tuple[str, int]:
    """A clip of noise (it does not compress): more than one part (8 MiB)."""
    rng = np.random.default_rng(7)
    services = open_services(root)
    try:
        sealed = seal_generated_clip(services, BIG_ORDER,
                                     lambda t: rng.integers(0, 256, (480, 640, 3), dtype=np.uint8),
                                     seconds=5, size=(640, 480), fps=10)
        services.ledger.checkpoint()
    finally:
        services.close()
    return sealed.clip.sha256, sealed.clip.bytes


def _parts_on_store(hub) -> int:
    store = hub.store()
    uploads = store.client.list_multipart_uploads(Bucket=store.bucket).get("Uploads", [])
    return sum(len(store.client.list_parts(Bucket=store.bucket, Key=u["Key"], UploadId=u["UploadId"])
                   .get("Parts", [])) for u in uploads)


def _object(hub, sha256: str) -> bytes:
    store = hub.store()
    return store.client.get_object(Bucket=store.bucket, Key=object_key(sha256))["Body"].read()


def test_the_hub_killed_during_an_upload_resumes_and_stores_the_file_once(hub, station):
    sha256, size = _seal_big_clip(station)
    assert size > 10 * 1024 * 1024
    pair(station, hub)
    layout = DataLayout.open(station)
    failure: list[Exception] = []
    part_stored = threading.Event()

    def first_pass() -> None:
        with Ledger.open(layout, "Bench 1", "PackSeal test") as ledger:
            try:
                # 2 MiB/s: the upload takes a while; the hub is killed once it took the big clip's
                # first part (the small clips are one part each, less than a part size in all).
                sync_once(layout, ledger, bandwidth=2 * 1024 * 1024,
                          progress=lambda r: part_stored.set() if r.uploaded_bytes >= PART_SIZE else None)
            except HubError as exc:
                failure.append(exc)

    worker = threading.Thread(target=first_pass)
    worker.start()
    assert part_stored.wait(120), (failure, hub.process.lines[-30:])
    assert _parts_on_store(hub) >= 1
    hub.kill()
    worker.join(120)
    assert failure, "the pass did not notice the hub died"
    assert hub.query("SELECT count(*) AS n FROM objects WHERE sha256 = %s", sha256)[0]["n"] == 0
    hub.start()
    code, out = sync(station)
    assert code == 0 and out["pending"] == 0, out
    # Resumed: the part the store held was not sent again.
    total = sum(r["size"] for r in hub.query("SELECT size FROM clips"))
    assert out["uploaded_bytes"] <= total - PART_SIZE
    assert hashlib.sha256(_object(hub, sha256)).hexdigest() == sha256
    assert hub.query("SELECT count(*) AS n FROM objects WHERE sha256 = %s", sha256)[0]["n"] == 1
    rows = hub.query("SELECT order_id, status FROM clips WHERE sha256 = %s", sha256)
    assert rows == [{"order_id": BIG_ORDER, "status": "stored"}]
    assert hub.query("SELECT count(*) AS n FROM clips")[0]["n"] == len(ORDERS) + 1
    assert hub.query("SELECT count(*) AS n FROM uploads")[0]["n"] == 0


def test_the_object_store_down_for_a_while_loses_nothing(hub, station, hub_servers):
    pair(station, hub)
    weed = hub_servers.seaweed
    weed.stop()
    try:
        code, out = sync(station)
        assert code == 1 and out["error"] == "object-store-unavailable", out
        # The entries arrived; the files are awaited, and the station keeps every clip.
        assert {r["status"] for r in hub.query("SELECT status FROM clips")} == {"pending"}
        state = load_state(station)
        assert len(state.missing) == len(ORDERS)
        assert all(p.exists() for p in (station / "clips").rglob("*.mp4"))
    finally:
        weed.start()   # back on the same address; the hub goes on without a restart
    code, out = sync(station)
    assert code == 0 and out["uploaded"] == len(ORDERS) and out["pending"] == 0, out
    for row in hub.query("SELECT sha256 FROM clips"):
        assert hashlib.sha256(_object(hub, row["sha256"])).hexdigest() == row["sha256"]
    assert hub.query("SELECT count(*) AS n FROM objects")[0]["n"] == len(ORDERS)


def test_postgresql_restarted_between_passes_loses_nothing(hub, station, hub_servers):
    pair(station, hub)
    code, first = sync(station)
    assert code == 0 and first["pending"] == 0
    from tests.hub.sync.test_witness import _append_scans

    hub_servers.cluster.pg_ctl("restart", "-m", "fast")
    _append_scans(station, "AFTER-RESTART")
    code, out = sync(station)  # the hub's pool checks each connection before lending it
    assert code == 0 and out["entries_sent"] >= 1 and out["cosignatures"] == 1 and out["pending"] == 0, out
    assert hub.query("SELECT count(*) AS n FROM clips")[0]["n"] == len(ORDERS)
    held = hub.query("SELECT max(seq) AS m FROM ledger_entries")[0]["m"]
    assert held == load_state(station).entries_to


def test_an_upload_completed_in_the_store_but_not_recorded_by_the_hub_is_found_and_checked(hub, station):
    """The hub killed between completing an upload in the store and recording it: the next pass finishes."""
    pair(station, hub)
    layout = DataLayout.open(station)
    with Ledger.open(layout, "Bench 1", "PackSeal test") as ledger:
        from packseal.core.sync.sync_pass import client_for

        state = load_state(station)
        with client_for(state, ledger) as client:
            client.call("POST", "/api/sync/entries",
                        {"entries": [e.to_dict() for e in ledger.entries()], "consistency": {
                            str(e.seq): {"from_size": 0, "proof": []}
                            for e in ledger.entries() if e.kind == "checkpoint"}})
    row = hub.query("SELECT station_id, sha256, size FROM clips ORDER BY order_id LIMIT 1")[0]
    clip = next(p for p in (station / "clips").rglob("*.mp4") if hashlib.sha256(p.read_bytes()).hexdigest()
                == row["sha256"])
    # What the hub left behind: an upload row, and the object complete in the store.
    store = hub.store()
    upload = store.client.create_multipart_upload(Bucket=store.bucket, Key=object_key(row["sha256"]))["UploadId"]
    etag = store.client.upload_part(Bucket=store.bucket, Key=object_key(row["sha256"]), UploadId=upload,
                                    PartNumber=1, Body=clip.read_bytes())["ETag"]
    store.client.complete_multipart_upload(Bucket=store.bucket, Key=object_key(row["sha256"]), UploadId=upload,
                                           MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": etag}]})
    with hub.db.connection() as conn:
        conn.execute("INSERT INTO uploads (id, station_id, s3_upload, sha256, size, part_size, kind) "
                     "VALUES ('left-behind', %s, %s, %s, %s, %s, 'clip')",
                     (row["station_id"], upload, row["sha256"], row["size"], PART_SIZE))
    code, out = sync(station)
    assert code == 0 and out["pending"] == 0, out
    assert out["uploaded"] == len(ORDERS) - 1  # that one was not sent again
    assert out["uploaded_bytes"] == sum(r["size"] for r in hub.query("SELECT size FROM clips")) - row["size"]
    assert hub.query("SELECT count(*) AS n FROM uploads")[0]["n"] == 0
    assert hub.query("SELECT status FROM clips WHERE sha256 = %s", row["sha256"]) == [{"status": "stored"}]
