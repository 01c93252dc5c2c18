"""How fast is `verify_data_dir` compared with the raw cost of what it must do?

Builds a data dir with a ledger of N entries (default 100,000: idle-tape
segments and their retention entries, scans, a checkpoint every 1,000
entries) and a few real clip files of several MB with seals, then times in
the same run:

  1. verify_data_dir over the whole data dir;
  2. a bare `cryptography` Ed25519 verify loop over the same signatures and
     signed bytes (prepared beforehand, so only verification is timed);
  3. `sha256sum` (a subprocess) over the same clip files, and hashlib too.

Usage:  .venv/bin/python bench/ledger_verify.py [--entries N] [--clips K] [--clip-mb M] [--dir DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "app"))

from packseal.core.ledger import (Ledger, clip_body, hash_file, retention_body, segment_body,  # noqa: E402
                                  verify_data_dir, write_seal)
from packseal.core.ledger.canonical import dumps_for, loads_line, unb64, utc_stamp  # noqa: E402
from packseal.core.ledger.entry import Entry, sign_entry  # noqa: E402
from packseal.core.ledger.journal import file_name  # noqa: E402
from packseal.core.ledger.keys import KeyStore  # noqa: E402
from packseal.core.ledger.merkle import MerkleFrontier, leaf_hash  # noqa: E402
from packseal.core.storage.layout import DataLayout  # noqa: E402

PER_FILE = 10_000
T0 = datetime(2025, 6, 1, 8, 0, tzinfo=timezone.utc)


class BulkWriter:
    """Signs and writes ledger lines in bulk: what Ledger.append does, minus the fsync per entry
    (which would make building 100,000 entries take minutes)."""

    def __init__(self, layout: DataLayout, key, last: Entry) -> None:
        self.layout, self.key = layout, key
        self.seq, self.prev = last.seq + 1, last.hash
        self.frontier = MerkleFrontier()
        self.frontier.append(leaf_hash(last.canonical))
        self.files: list[list[bytes]] = [[(layout.ledger / file_name(1)).read_bytes()]]

    def add(self, kind: str, body: dict) -> Entry:
        moment = T0 + timedelta(milliseconds=40 * self.seq)
        entry = sign_entry(self.key, seq=self.seq, prev=self.prev, time=utc_stamp(moment),
                           station="Bench station", kind=kind, body=body)
        if len(self.files[-1]) == PER_FILE:
            self.files.append([])
        self.files[-1].append(entry.canonical + b"\n")
        self.frontier.append(leaf_hash(entry.canonical))
        self.seq, self.prev = self.seq + 1, entry.hash
        return entry

    def checkpoint(self) -> Entry:
        return self.add("checkpoint", {"tree_size": self.frontier.size,
                                       "root_hash": self.frontier.root().hex()})

    def flush(self) -> None:
        for number, lines in enumerate(self.files, 1):
            (self.layout.ledger / file_name(number)).write_bytes(b"".join(lines))


def build(root: Path, entries: int, clips: int, clip_mb: int) -> DataLayout:
    """A data dir like a busy station's: idle tape segments sealed then deleted under retention,
    scans, a few real clips with seals, a checkpoint every 1,000 entries."""
    layout = DataLayout.open(root)
    with Ledger.open(layout, "Bench station", "bench", keyring_backend=None) as ledger:
        key = KeyStore(layout.keys, keyring_backend=None).load(ledger.key_id)
        writer = BulkWriter(layout, key, ledger.last_entry)
    clip_dir = layout.clips / "2025-06-01"
    clip_dir.mkdir(parents=True, exist_ok=True)
    clip_every = max(entries // (clips + 1), 1)
    clip_entries: list[Entry] = []
    segments: list[Entry] = []
    # Each segment needs a retention entry later: reserve it, so the total comes out exact.
    # The very last entry is the checkpoint made by Ledger.checkpoint() below.
    while (left := entries - 1 - writer.seq - len(segments)) > 0:
        seq = writer.seq
        moment = T0 + timedelta(milliseconds=40 * seq)
        if seq % 1000 == 0:
            writer.checkpoint()
        elif seq % clip_every == clip_every // 2 and len(clip_entries) < clips:
            path = clip_dir / f"SF{seq}.mp4"
            with open(path, "wb") as fh:
                for _ in range(clip_mb):
                    fh.write(os.urandom(1 << 20))
            sha, size = hash_file(path)
            clip_entries.append(writer.add("clip", clip_body(
                order_id=f"SF{seq}", scan_time=moment, start=moment, end=moment + timedelta(seconds=20),
                file=layout.relative(path), sha256=sha, bytes=size, duration_ms=20_000, frame_count=600)))
        elif seq % 5 == 0 or left < 2:
            writer.add("scan", {"code": f"SF{seq}", "scan_time": utc_stamp(moment)})
        elif len(segments) > 50 and seq % 2 == 0:
            old = segments.pop(0)
            writer.add("retention", retention_body(file=old.body["file"], sha256=old.body["sha256"],
                                                   sealed_by=old.seq, reason="idle-tape-expired"))
        else:
            segments.append(writer.add("segment", segment_body(
                camera="cam0", seq=seq, file=f"tape/cam0/seg-{seq:07d}.ts", sha256=f"{seq:064x}",
                bytes=1_000_000, start=moment, end=moment + timedelta(seconds=2), frames=60)))
    for old in segments:  # the tail of the tape is deleted too, so no file is expected on disk
        writer.add("retention", retention_body(file=old.body["file"], sha256=old.body["sha256"],
                                               sealed_by=old.seq, reason="idle-tape-expired"))
    writer.flush()
    with Ledger.open(layout, "Bench station", "bench", keyring_backend=None) as ledger:
        for entry in clip_entries:
            write_seal(layout.root / entry.body["file"], entry, ledger.public_key)
        started = time.perf_counter()
        checkpoint = ledger.checkpoint()
        print(f"first Ledger.checkpoint() of a process, over {checkpoint.body['tree_size']} entries: "
              f"{time.perf_counter() - started:.2f} s")
    return layout


def bare_ed25519(layout: DataLayout) -> tuple[float, int]:
    """Time only Ed25519 verification of every entry's signature over its canonical payload."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    work = []
    keys: dict[str, Ed25519PublicKey] = {}
    for path in sorted(layout.ledger.glob("ledger-*.jsonl")):
        for line in path.read_bytes().splitlines():
            data, fast = loads_line(line)
            sig = unb64(data.pop("sig"))
            if data["kind"] == "genesis":
                keys[data["key"]] = Ed25519PublicKey.from_public_bytes(unb64(data["body"]["public_key"]))
            work.append((data["key"], sig, dumps_for(data, fast)))
    verifiers = [(keys[k].verify, s, p) for k, s, p in work]
    started = time.perf_counter()
    for verify, sig, payload in verifiers:
        verify(sig, payload)
    return time.perf_counter() - started, len(verifiers)


def sha256sum(paths: list[Path]) -> float:
    started = time.perf_counter()
    subprocess.run(["sha256sum", *map(str, paths)], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--clips", type=int, default=12)
    parser.add_argument("--clip-mb", type=int, default=4)
    parser.add_argument("--dir", type=Path, help="build here and keep it (default: a temp dir, removed)")
    args = parser.parse_args()

    root = args.dir or Path(tempfile.mkdtemp(prefix="packseal-bench-"))
    try:
        started = time.perf_counter()
        layout = build(root / "data", args.entries, args.clips, args.clip_mb)
        clips = sorted((layout.clips).rglob("*.mp4"))
        clip_bytes = sum(p.stat().st_size for p in clips)
        print(f"built {args.entries} entries, {len(clips)} clips ({clip_bytes / 2**20:.0f} MiB) "
              f"in {time.perf_counter() - started:.1f} s")

        sha256sum(clips)  # warm the page cache so every contender reads from memory
        started = time.perf_counter()
        report = verify_data_dir(layout)
        t_verify = time.perf_counter() - started
        if not report.ok:
            print(report.format_text())
            raise SystemExit("the benchmark data dir did not verify")

        t_ed, n_sigs = bare_ed25519(layout)
        t_sum = sha256sum(clips)
        started = time.perf_counter()
        for p in clips:
            hash_file(p)
        t_hashlib = time.perf_counter() - started

        n = report.checked["entries"]
        print()
        print(f"verify_data_dir           {t_verify:7.2f} s   {n / t_verify:9.0f} entries/s  ({n} entries, "
              f"{report.checked.get('files_hashed', 0)} files, "
              f"{report.checked.get('checkpoints', 0)} checkpoints)")
        print(f"bare Ed25519 verify loop  {t_ed:7.2f} s   {n_sigs / t_ed:9.0f} signatures/s")
        print(f"sha256sum over the clips  {t_sum:7.2f} s   {clip_bytes / 2**20 / t_sum:9.0f} MiB/s")
        print(f"hashlib over the clips    {t_hashlib:7.2f} s   {clip_bytes / 2**20 / t_hashlib:9.0f} MiB/s")
        floor = t_ed + t_sum
        print(f"raw floor (Ed25519 + sha256sum) {floor:.2f} s; verify_data_dir takes "
              f"{t_verify / floor:.2f}x that ({(t_verify - floor) / n * 1e6:.1f} µs per entry on top)")
    finally:
        if args.dir is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
