"""How fast the hub takes in many stations' backlog, and what it costs its CPU (prints figures, not a test).

Starts a real hub (``packseal hub --listen 127.0.0.1:0``, which starts its own
private PostgreSQL and SeaweedFS), then makes N stations, each a data dir with
its own real ledger and station key, holding H hours of orders at one clip a
minute: per order a ``scan`` entry, a ``clip`` entry and the clip's file (random
bytes, ``--clip-bytes``; no video is recorded), and a checkpoint every ten
clips as a station's archive makes one every 10 minutes. Each station is paired
with a code from ``packseal hub pair --json``. Then every station runs the real
sync pass (``core/sync/sync_pass.sync_once``: signed requests, ledger entries
with consistency proofs, cosignatures, multipart uploads), each in a process
of its own, all at once (``--workers`` at a time when given), and the script prints ingest throughput,
the hub's CPU (the hub process and its PostgreSQL and SeaweedFS children, from
/proc) and the stations' CPU, and checks that every clip is on the hub exactly
once with the right hash: rows in ``clips`` and ``objects``, objects in the
bucket, each read back and hashed.

The stations run on the same machine as the hub (their CPU is printed apart).
A real station also writes a tape ``segment`` entry every few seconds; those
are left out here (``--hours`` and the order rate set the entries).

    .venv/bin/python bench/hub_ingest.py --stations 50 --hours 8
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "app"))
sys.path.insert(0, str(ROOT))

from packseal.core.ledger import bodies  # noqa: E402
from packseal.core.ledger.chain import Ledger  # noqa: E402
from packseal.core.recording.clip import clip_path_for  # noqa: E402
from packseal.core.storage.layout import DataLayout  # noqa: E402
from tests.support.hub_servers import reachable_temp_dir, run_hub_command, start_hub  # noqa: E402

SOFTWARE = "PackSeal bench"
CHECKPOINT_EVERY = 10  # clips: a station checkpoints every 10 minutes, at one clip a minute
TICKS = os.sysconf("SC_CLK_TCK")


def station_name(i: int) -> str:
    return f"Bench {i:02d}"


def open_ledger(root: Path, i: int) -> tuple[DataLayout, Ledger]:
    layout = DataLayout.open(root)
    return layout, Ledger.open(layout, station_name(i), SOFTWARE, keyring_backend=None)


# -- the stations -------------------------------------------------------------------------------


def make_station(root: Path, i: int, clips: int, clip_bytes: int, day: datetime) -> dict:
    """A data dir with ``clips`` orders, one a minute from ``day``; returns its clips and entry count."""
    layout, ledger = open_ledger(root, i)
    made = {}
    with ledger:
        for m in range(clips):
            order = f"B{i:02d}-{m:05d}"
            start = day + timedelta(minutes=m)
            data = os.urandom(clip_bytes)
            path = clip_path_for(layout.clips, order, start)
            path.write_bytes(data)
            sha256 = hashlib.sha256(data).hexdigest()
            ledger.append(bodies.SCAN, bodies.scan_body(code=order, scan_time=start, order_id=order, action="start"))
            ledger.append(bodies.CLIP, bodies.clip_body(
                order_id=order, scan_time=start, start=start, end=start + timedelta(seconds=45),
                file=layout.relative(path), sha256=sha256, bytes=clip_bytes, duration_ms=45_000,
                frame_count=45 * 15))
            made[sha256] = clip_bytes
            if (m + 1) % CHECKPOINT_EVERY == 0:
                ledger.checkpoint()
        ledger.checkpoint()
        return {"root": str(root), "station_id": ledger.entry(0).hash, "entries": ledger.last_seq + 1,
                "clips": made}


def pair(root: Path, i: int, url: str, code: str) -> None:
    from packseal.core.sync.pairing import pair_station

    layout, ledger = open_ledger(root, i)
    with ledger:
        pair_station(layout, ledger, url, code, station_name(i))


def sync_station(root: Path, i: int) -> dict:
    """One station's sync passes until the hub holds everything (at most 3); what they did."""
    from packseal.core.sync.sync_pass import sync_once

    layout, ledger = open_ledger(root, i)
    done = {"passes": 0, "uploaded": 0, "uploaded_bytes": 0, "entries_sent": 0, "cosignatures": 0,
            "pending": None, "errors": []}
    t0 = time.perf_counter()
    with ledger:
        while done["passes"] < 3 and done["pending"] != 0:
            done["passes"] += 1
            try:
                result = sync_once(layout, ledger)
            except Exception as exc:  # noqa: BLE001 (reported, and the next pass goes on)
                done["errors"].append(f"{type(exc).__name__}: {exc}")
                continue
            for k in ("uploaded", "uploaded_bytes", "entries_sent", "cosignatures"):
                done[k] += getattr(result, k)
            done["pending"] = result.pending
    done["seconds"] = time.perf_counter() - t0
    return done


# -- the hub's CPU ------------------------------------------------------------------------------


def _stat(pid: int) -> tuple[str, int, float] | None:
    """(command name, parent pid, CPU seconds of it and of its children it reaped) of a process."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    name = raw[raw.index("(") + 1:raw.rindex(")")]
    fields = raw[raw.rindex(")") + 2:].split()
    utime, stime, cutime, cstime = (int(x) for x in fields[11:15])
    return name, int(fields[1]), (utime + stime + cutime + cstime) / TICKS


def tree_cpu(root_pid: int) -> dict[str, float]:
    """CPU seconds of ``root_pid`` and every live descendant, by part (hub, postgres, weed).

    A backend that ended was reaped by its postmaster, so its time is in the postmaster's
    children time: the sum over the live tree counts every process the tree ever ran.
    """
    stats = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            found = _stat(int(entry))
            if found:
                stats[int(entry)] = found
    children: dict[int, list[int]] = {}
    for pid, (_, ppid, _) in stats.items():
        children.setdefault(ppid, []).append(pid)
    parts = {"hub": 0.0, "postgres": 0.0, "weed": 0.0}
    todo = [root_pid]
    while todo:
        pid = todo.pop()
        if pid not in stats:
            continue
        name, _, cpu = stats[pid]
        part = "postgres" if name.startswith("postgres") else "weed" if name.startswith("weed") else "hub"
        parts[part] += cpu
        todo.extend(children.get(pid, []))
    return parts


class CpuSampler:
    """The hub tree's CPU every second, for its busiest second-by-second rate."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        last, t_last = sum(tree_cpu(self.pid).values()), time.monotonic()
        while not self._stop.wait(1.0):
            now, t_now = sum(tree_cpu(self.pid).values()), time.monotonic()
            self.peak = max(self.peak, (now - last) / (t_now - t_last))
            last, t_last = now, t_now

    def __enter__(self) -> "CpuSampler":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


# -- checking what the hub holds ----------------------------------------------------------------


def hub_parts(hub_dir: Path, lines: list[str]):
    """The hub's database and object store, from its data dir and what it printed at start."""
    from packseal.hub.db import Database
    from packseal.hub.objectstore import ObjectStore, S3Endpoint
    from packseal.hub.postgres import PrivateCluster
    from packseal.hub.system_user import server_user

    cluster = PrivateCluster(hub_dir / "postgres", hub_dir / "postgres.json", server_user())
    cluster.start()  # adopts the hub's running postmaster: only finds its port
    db = Database(cluster.url(), max_size=2)
    db.open()
    s3 = next(re.search(r"\((http://[^)]+)\), bucket (\S+)", line) for line in lines
              if line.startswith("object store:"))
    creds = json.loads((hub_dir / "objects.json").read_text())
    store = ObjectStore(S3Endpoint(s3.group(1), s3.group(2), creds["access_key"], creds["secret_key"]),
                        retention_days=0)
    return db, store


def check_hub(db, store, stations: list[dict], workers: int) -> list[str]:
    """Problems found: every clip once in ``clips`` (stored, its hash) and ``objects``, and in the bucket."""
    from packseal.hub.objectstore import object_key

    problems = []
    expected = {(s["station_id"], sha): size for s in stations for sha, size in s["clips"].items()}
    with db.connection() as conn:
        rows = conn.execute("SELECT station_id, sha256, size, status FROM clips").fetchall()
        objects = {r["sha256"]: r["size"] for r in conn.execute("SELECT sha256, size FROM objects")}
        held = {r["station_id"]: r["n"] for r in conn.execute(
            "SELECT station_id, count(*) AS n FROM ledger_entries GROUP BY station_id")}
    got = {(r["station_id"], r["sha256"]): r["size"] for r in rows}
    if len(rows) != len(expected) or got != expected:
        problems.append(f"clips rows: {len(rows)} for {len(expected)} clips, "
                        f"{len(set(got) ^ set(expected))} differ")
    not_stored = sum(r["status"] != "stored" for r in rows)
    if not_stored:
        problems.append(f"{not_stored} clips not stored")
    wanted = {sha: size for (_, sha), size in expected.items()}
    if objects != wanted:
        problems.append(f"objects rows: {len(objects)} for {len(wanted)} files")
    for s in stations:
        if held.get(s["station_id"]) != s["entries"]:
            problems.append(f"station {s['station_id'][:12]}: hub holds {held.get(s['station_id'])} entries "
                            f"of {s['entries']}")
    listed = {}
    for page in store.client.get_paginator("list_objects_v2").paginate(Bucket=store.bucket, Prefix="sha256/"):
        for item in page.get("Contents", []):
            listed[item["Key"]] = item["Size"]
    if listed != {object_key(sha): size for sha, size in wanted.items()}:
        problems.append(f"bucket: {len(listed)} objects for {len(wanted)} files")

    def read_back(sha: str) -> bool:
        body = store.client.get_object(Bucket=store.bucket, Key=object_key(sha))["Body"].read()
        return hashlib.sha256(body).hexdigest() == sha

    with cf.ThreadPoolExecutor(workers) as pool:
        bad = sum(not ok for ok in pool.map(read_back, sorted(wanted)))
    if bad:
        problems.append(f"{bad} objects read back with another hash")
    return problems


# -- the run --------------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stations", type=int, default=50)
    ap.add_argument("--hours", type=float, default=8.0, help="hours of orders per station, one clip a minute")
    ap.add_argument("--clip-bytes", type=int, default=4096, help="size of each clip's file")
    ap.add_argument("--workers", type=int, default=None,
                    help="stations syncing at the same time, one process each (default: every station)")
    args = ap.parse_args()
    args.workers = args.workers or args.stations
    if args.stations < 1 or args.hours <= 0 or args.clip_bytes < 1 or args.workers < 1:
        ap.error("--stations, --hours, --clip-bytes and --workers must be above 0")
    clips = max(1, round(args.hours * 60))
    base = reachable_temp_dir("packseal-hubingest-")
    shm = Path("/dev/shm")
    station_base = Path(tempfile.mkdtemp(prefix="packseal-stations-", dir=shm if shm.is_dir() else None))
    hub = None
    db = None
    try:
        print(f"load before: {Path('/proc/loadavg').read_text().strip()}  ({os.cpu_count()} CPUs)")
        hub = start_hub(base / "hub", "--listen", "127.0.0.1:0")
        day = (datetime.now(timezone.utc) - timedelta(days=1)).replace(hour=1, minute=0, second=0, microsecond=0)
        t0 = time.perf_counter()
        roots = [(station_base / f"station-{i:02d}", i) for i in range(1, args.stations + 1)]
        with cf.ProcessPoolExecutor(args.workers) as pool:
            stations = list(pool.map(make_station, *zip(*roots), [clips] * len(roots),
                                     [args.clip_bytes] * len(roots), [day] * len(roots)))
        total_clips = sum(len(s["clips"]) for s in stations)
        total_entries = sum(s["entries"] for s in stations)
        print(f"made {args.stations} stations x {clips} clips ({total_clips:,} clips of {args.clip_bytes:,} bytes, "
              f"{total_entries:,} ledger entries) in {time.perf_counter() - t0:.1f} s")
        url = hub.wait_ready(300)

        def code(_) -> str:
            done = run_hub_command(base / "hub", "pair", "--json")
            if done.returncode != 0:
                raise RuntimeError("packseal hub pair failed: " + done.stdout + done.stderr)
            return json.loads(done.stdout)["code"]

        with cf.ThreadPoolExecutor(8) as pool:
            codes = list(pool.map(code, roots))
        for (root, i), c in zip(roots, codes):
            pair(root, i, url, c)
        print(f"hub at {url}; {len(codes)} stations paired with `packseal hub pair` codes")

        pid = hub.process.pid
        cpu0, own0, w0 = tree_cpu(pid), os.times(), time.perf_counter()
        with CpuSampler(pid) as sampler, cf.ProcessPoolExecutor(args.workers) as pool:
            results = list(pool.map(sync_station, *zip(*roots)))
        wall = time.perf_counter() - w0
        cpu1, own1 = tree_cpu(pid), os.times()
        load = Path("/proc/loadavg").read_text().strip()

        hub_cpu = {k: cpu1[k] - cpu0[k] for k in cpu0}
        hub_total = sum(hub_cpu.values())
        stations_cpu = (own1.user + own1.system + own1.children_user + own1.children_system
                        - own0.user - own0.system - own0.children_user - own0.children_system)
        uploaded = sum(r["uploaded"] for r in results)
        up_bytes = sum(r["uploaded_bytes"] for r in results)
        sent = sum(r["entries_sent"] for r in results)
        errors = [e for r in results for e in r["errors"]]
        print(f"\nsync: {args.stations} stations, {args.workers} at a time, wall {wall:.1f} s")
        print(f"  entries accepted: {sent:,}  ({sent / wall:,.0f} entries/s)")
        print(f"  clips uploaded:   {uploaded:,}  ({uploaded / wall:,.1f} clips/s)")
        print(f"  bytes uploaded:   {up_bytes / 1e6:,.1f} MB  ({up_bytes / 1e6 / wall:,.2f} MB/s)")
        print(f"  cosignatures:     {sum(r['cosignatures'] for r in results):,}")
        print(f"  passes:           {sum(r['passes'] for r in results)} "
              f"(one per station when none failed); errors: {len(errors)}")
        for e in errors[:5]:
            print(f"    {e}")
        print(f"  station pass:     median {sorted(r['seconds'] for r in results)[len(results) // 2]:.1f} s, "
              f"longest {max(r['seconds'] for r in results):.1f} s")
        print(f"  hub CPU:          {hub_total:.1f} s = {hub_total / wall * 100:.0f}% of one core on average "
              f"(hub {hub_cpu['hub']:.1f} s, PostgreSQL {hub_cpu['postgres']:.1f} s, "
              f"SeaweedFS {hub_cpu['weed']:.1f} s); busiest second {sampler.peak * 100:.0f}%")
        per_clip = hub_total / max(uploaded, 1)
        made_rate = args.stations / 60  # clips a second the stations make, at one a minute each
        print(f"  hub CPU per clip: {per_clip * 1000:.1f} ms (its entries included)")
        print(f"  reference:        {args.stations} stations make {made_rate:.2f} clips/s; ingest ran at "
              f"{uploaded / wall / made_rate:.0f}x that, and keeping up with them costs the hub about "
              f"{per_clip * made_rate * 100:.1f}% of one core")
        print(f"  stations' CPU:    {stations_cpu:.1f} s ({stations_cpu / wall * 100:.0f}% of one core), "
              "same machine")
        print(f"  load after:       {load}")

        t0 = time.perf_counter()
        db, store = hub_parts(base / "hub", hub.lines)
        problems = check_hub(db, store, stations, args.workers)
        pending = [r["pending"] for r in results if r["pending"] != 0]
        if pending:
            problems.append(f"{len(pending)} stations still had pending items after their passes")
        print(f"\ncheck ({time.perf_counter() - t0:.1f} s): " + (
            f"every one of the {total_clips:,} clips is on the hub exactly once (clips and objects rows, "
            f"bucket objects) with its SHA-256 (each object read back and hashed), and the hub holds "
            f"all {total_entries:,} ledger entries" if not problems else "PROBLEMS: " + "; ".join(problems)))
        return 0 if not problems else 1
    finally:
        if db is not None:
            db.close()
        if hub is not None:
            code = hub.stop()
            print(f"hub stopped (exit {code})")
        shutil.rmtree(station_base, ignore_errors=True)
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
