"""The hub's private SeaweedFS keeps what it acknowledged across the hub's quick stop (docs/HUB.md §1)."""

from __future__ import annotations

import hashlib
import os
import signal

from packseal.hub.objectstore import ObjectStore, object_key


def test_what_seaweedfs_acknowledged_is_there_after_a_stop_and_a_start(hub_servers):
    weed = hub_servers.seaweed
    store = ObjectStore(hub_servers.new_bucket_endpoint(), retention_days=0)
    store.ensure_bucket()
    files = {hashlib.sha256(data).hexdigest(): data for data in (os.urandom(n) for n in (1, 4096, 3_000_000))}
    for sha, data in files.items():
        store.put_bytes(sha, data)
    # An upload under way: one part stored, not completed.
    key = object_key("0" * 64)
    upload = store.client.create_multipart_upload(Bucket=store.bucket, Key=key)["UploadId"]
    part = os.urandom(5 * 1024 * 1024)
    etag = store.client.upload_part(Bucket=store.bucket, Key=key, UploadId=upload, PartNumber=1, Body=part)["ETag"]
    process = weed._process
    weed.stop()
    # weed 4.48 does not stop within the hub's grace, so this is the killed path docs/HUB.md §1 describes.
    assert process.returncode == -signal.SIGKILL
    weed.start()
    for sha, data in files.items():
        got = store.client.get_object(Bucket=store.bucket, Key=object_key(sha))["Body"].read()
        assert hashlib.sha256(got).hexdigest() == sha
    parts = store.client.list_parts(Bucket=store.bucket, Key=key, UploadId=upload)["Parts"]
    assert [(p["PartNumber"], p["ETag"]) for p in parts] == [(1, etag)]
    store.client.complete_multipart_upload(Bucket=store.bucket, Key=key, UploadId=upload,
                                           MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": etag}]})
    assert store.client.get_object(Bucket=store.bucket, Key=key)["Body"].read() == part


def test_a_port_taken_before_seaweedfs_listens_on_it_is_chosen_again(tmp_path, monkeypatch, caplog):
    # The ports are chosen free, then SeaweedFS binds them a moment later: on a busy machine
    # another program can take one in between, and SeaweedFS then exits at once.
    import socket

    from packseal.hub import objectstore
    from packseal.hub.objectstore import SeaweedServer

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    choose = objectstore.free_port
    handed: list[int] = []

    def taken_first() -> int:
        if not handed:
            handed.append(port)
            return port
        return choose()

    monkeypatch.setattr(objectstore, "free_port", taken_first)
    weed = SeaweedServer(tmp_path / "objects", tmp_path / "objects.json")
    try:
        weed.start()
        assert weed.is_running() and port not in weed._ports[0].values()
        assert "SeaweedFS stopped at start" in caplog.text and "trying again on other ports" in caplog.text
    finally:
        weed.stop()
        taken.close()
