"""A hub process serving the station routes, for the sync tests (``python -m tests.support.sync_hub_server``).

It runs the hub's real station routes (``packseal.hub.station_api``) on the
real database and object store the tests started, in a process of its own,
so a test can kill it with SIGKILL in the middle of an upload.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import uvicorn
from starlette.applications import Starlette

from packseal.hub.db import Database
from packseal.hub.keys import load_or_create_hub_key
from packseal.hub.objectstore import ObjectStore, S3Endpoint
from packseal.hub.station_api import SyncContext, station_routes


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("config", type=Path, help="JSON: db, s3 {url, bucket, access_key, secret_key}, data_dir, port")
    config = json.loads(p.parse_args().config.read_text())
    db = Database(config["db"], max_size=4)
    db.open()
    s3 = config["s3"]
    store = ObjectStore(S3Endpoint(s3["url"], s3["bucket"], s3["access_key"], s3["secret_key"]), retention_days=0)
    key = load_or_create_hub_key(Path(config["data_dir"]))
    ctx = SyncContext(pool=db, store=store, sign=key.sign, public_key=key.public,
                      part_size=config.get("part_size", 8 * 1024 * 1024))
    app = Starlette(routes=station_routes(ctx))
    uvicorn.run(app, host="127.0.0.1", port=config["port"], log_level="warning")


if __name__ == "__main__":
    main()
