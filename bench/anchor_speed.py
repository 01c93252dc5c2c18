"""Time from a clip's seal to its anchor, and verify speed with token checks, with a local TSA.

    .venv/bin/python bench/anchor_speed.py [--clips 5] [--verify-runs 5]

Starts the test suite's local RFC 3161 TSA (real ECDSA-signed tokens under
its own root) on 127.0.0.1, opens a fresh data dir with it as the only TSA,
seals short generated clips through the real Archive and Anchorer (default
coalescing delay), and measures for each the wall time from ClipSealed to the
AnchorDone that covers it. Then builds an evidence pack and times
``verify_pack`` and ``verify_data_dir`` (every token fully checked against
certifi's roots plus the local root).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from packseal.compose import open_services  # noqa: E402
from packseal.core.anchoring import AnchorDone  # noqa: E402
from packseal.core.archive import ClipSealed  # noqa: E402
from packseal.core.evidence import build_pack, verify_pack  # noqa: E402
from packseal.core.ledger import Timestamper, verify_data_dir  # noqa: E402
from packseal.core.ledger.canonical import unb64  # noqa: E402
from packseal.core.ledger.token_verify import verify_token  # noqa: E402
from packseal.core.ledger.tsa_trust import trust_store  # noqa: E402
from tests.support import scene  # noqa: E402
from tests.support.sealed_clips import seal_generated_clip  # noqa: E402
from tests.support.tsa_standin import LocalTSA  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clips", type=int, default=5)
    ap.add_argument("--verify-runs", type=int, default=5)
    args = ap.parse_args()
    tsa = LocalTSA().start()
    with tempfile.TemporaryDirectory() as tmp:
        root_pem = tsa.authority.root_pem(Path(tmp) / "root.pem")
        store = trust_store([root_pem])
        services = open_services(Path(tmp) / "data")
        services.archive.timestamper = Timestamper(services.ledger, tsa.url, trust_roots=store)
        sealed_at: dict[int, float] = {}
        delays: list[float] = []
        done = threading.Condition()

        def on_event(ev) -> None:
            with done:
                if isinstance(ev, ClipSealed):
                    sealed_at[ev.clip.ledger_seq] = time.monotonic()
                elif isinstance(ev, AnchorDone) and ev.stamped:
                    for seq in [s for s in sealed_at if s < ev.tree_size]:
                        delays.append(time.monotonic() - sealed_at.pop(seq))
                done.notify_all()

        services.hub.subscribe(on_event)
        bench, tex = scene.bench_background(), scene.item_texture()
        for n in range(args.clips):
            seal_generated_clip(services, f"SF10000000000{n:02d}", lambda t: scene.clip_frame(t, bench, tex),
                                seconds=2, size=(scene.CLIP_W, scene.CLIP_H), fps=10)
            with done:
                done.wait_for(lambda: not sealed_at, timeout=120)
        coalesce = services.archive.anchorer.coalesce_s
        print(f"seal -> anchor, {len(delays)} clips, coalescing delay {coalesce:.1f} s: "
              f"median {statistics.median(delays):.2f} s, max {max(delays):.2f} s")
        pack = build_pack(services.layout, services.ledger, services.catalog, services.archive,
                          "SF1000000000000", [], Path(tmp) / "pack.zip")
        stamps = sum(1 for e in services.ledger.entries() if e.kind == "timestamp")
        times = []
        for _ in range(args.verify_runs):
            t0 = time.perf_counter()
            report = verify_pack(pack.path, tsa_roots=store)
            times.append(time.perf_counter() - t0)
        assert report.ok and report.subject.anchor is not None
        print(f"verify_pack ({pack.bytes:,} bytes, {report.checked.get('timestamps', 0)} token(s)): "
              f"median {statistics.median(times) * 1000:.0f} ms")
        times = []
        for _ in range(args.verify_runs):
            t0 = time.perf_counter()
            report = verify_data_dir(services.layout, tsa_roots=store)
            times.append(time.perf_counter() - t0)
        assert report.ok
        print(f"verify_data_dir ({services.ledger.last_seq + 1} entries, {stamps} tokens): "
              f"median {statistics.median(times) * 1000:.0f} ms, "
              f"{statistics.median(times) / max(1, stamps) * 1000:.1f} ms per token incl. the rest")
        stamp = next(e for e in services.ledger.entries() if e.kind == "timestamp")
        token, root_hash = unb64(stamp.body["token"]), stamp.body["root_hash"]
        t0 = time.perf_counter()
        for _ in range(200):
            assert verify_token(token, root_hash, store).anchors
        print(f"one full token check ({len(store)} trusted roots): "
              f"{(time.perf_counter() - t0) / 200 * 1000:.2f} ms")
        script = Path(tmp) / "verify_pack.py"
        with zipfile.ZipFile(pack.path) as zf:
            script.write_bytes(zf.read("verify_pack.py"))
        t0 = time.perf_counter()
        run = subprocess.run([sys.executable, str(script), str(pack.path), "--tsa-root", root_pem, "--json"],
                             capture_output=True, text=True)
        assert json.loads(run.stdout)["verdict"] == "anchored", run.stdout
        print(f"standalone verify_pack.py on the pack (new process, certifi roots loaded): "
              f"{(time.perf_counter() - t0) * 1000:.0f} ms")
        t0 = time.perf_counter()
        store2 = trust_store([root_pem])
        print(f"loading the trust store ({len(store2)} roots): {(time.perf_counter() - t0) * 1000:.0f} ms")
        services.close()
    tsa.stop()


if __name__ == "__main__":
    main()
