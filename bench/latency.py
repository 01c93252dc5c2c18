"""How long a packer waits: start to the first live frame, and the stop scan to the clip sealed and listed.

**Start.** Each run is a fresh Python process (so nothing is cached: the
hardware encoders are tried again), which opens a fresh data dir with
``open_services`` as the recorder process does, builds the station on the
test camera and calls ``Station.start()``. It reports, from the moment
``start()`` is called: when it returns (camera open, encoder chosen, tape
running) and when the first overlaid frame is there for the preview. The
time from the script's first line to that frame (the libraries' imports
included, not the Python interpreter's own start) is printed too.

**Stop.** One station (recorder as the recorder process runs it: the real
Archive seals into the ledger and the catalog) records ``--orders`` orders of
``--seconds`` each. For each it takes the moment of the stop scan, the
moment ``ClipSealed`` is announced (the ledger entry, the seal file and the
catalog row are written before it; the window lists the clip on this event),
and the moment a catalog search for the order finds the clip. In between it
times each step (:class:`Stopwatch`): when the tape's watcher read the line
of the segment holding the post-roll's end, when that segment's entry was
sealed, when the joiner took the order, when ffmpeg's join ended.

    .venv/bin/python bench/latency.py --starts 5 --orders 5
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

LAUNCHED = time.monotonic()  # as early as this script can see its own start


def child_start(data: Path, source: str) -> None:
    """One start, in this (fresh) process: prints its figures as JSON."""
    from packseal.compose import open_services
    from packseal.core.recording.encoder_choice import last_choice

    services = open_services(data, index_clips=False)
    station = services.station(source, read_barcodes=False)
    t0 = time.monotonic()
    station.start()
    returned = time.monotonic()
    while station.latest_frame() is None:
        time.sleep(0.002)
    first = time.monotonic()
    choice = last_choice()
    station.stop()
    services.close()
    print(json.dumps({"start_returned_s": returned - t0, "first_frame_s": first - t0,
                      "imports_s": t0 - LAUNCHED, "launch_to_frame_s": first - LAUNCHED,
                      "encoder": choice.encoder if choice else "", "trials": len(choice.trials) if choice else 0}))


def starts(n: int, source: str) -> list[dict]:
    rows = []
    for i in range(n):
        with tempfile.TemporaryDirectory() as tmp:
            out = subprocess.run([sys.executable, __file__, "--child-start", tmp, "--source", source],
                                 capture_output=True, text=True, check=True).stdout
            row = json.loads(out.strip().splitlines()[-1])
            rows.append(row)
    return rows


class Stopwatch:
    """Times the steps between a closed segment and a sealed clip, by wrapping the functions that do them.

    Only a bench does this: the wrapped functions are the app's own, called as the app calls them.
    """

    def __init__(self) -> None:
        from packseal.core.recording import clip, recorder, tape

        self.seen: dict[float, float] = {}  # segment end (capture time) → when the watcher read its line
        self.steps: dict[str, dict[str, float]] = {}  # order → step → when it ended
        self._restore = []
        local = threading.local()

        def wrap(owner, name, make):
            original = getattr(owner, name)
            setattr(owner, name, make(original))
            self._restore.append((owner, name, original))

        def segment_closed(original):
            def timed(tape_self, line):
                local.seen = time.monotonic()
                return original(tape_self, line)
            return timed

        def on_segment(original):
            def timed(rec_self, seg):
                self.seen[seg.end_mono] = getattr(local, "seen", float("nan"))
                return original(rec_self, seg)
            return timed

        def assemble(original):
            def timed(rec_self, order, status):
                local.order = order.order_id
                self.steps.setdefault(order.order_id, {})["joiner"] = time.monotonic()
                return original(rec_self, order, status)
            return timed

        def join(original):
            def timed(segments, out_path):
                out = original(segments, out_path)
                self.steps.setdefault(local.order, {})["joined"] = time.monotonic()  # the last camera's
                return out
            return timed

        wrap(tape.Tape, "_segment_closed", segment_closed)
        wrap(recorder.Recorder, "on_segment", on_segment)
        wrap(recorder.Recorder, "_assemble", assemble)
        wrap(clip, "join_segments", join)

    def close(self) -> None:
        for owner, name, original in reversed(self._restore):
            setattr(owner, name, original)


def stops(n: int, seconds: float, source: str, changes: dict) -> tuple[list[dict], dict]:
    from packseal.compose import open_services
    from packseal.core.archive import ClipSealed
    from packseal.core.recording.events import SegmentClosed
    from packseal.core.settings import Settings, save_settings

    rows = []
    watch = Stopwatch()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        save_settings(Settings(tsa_urls=[], **changes), data / "settings.json")
        services = open_services(data, index_clips=False)
        settings = services.settings
        sealed: dict[str, float] = {}
        closed: list[tuple[float, float]] = []  # (when the segment's entry was sealed, its end's capture time)
        got = threading.Condition()

        def on_event(ev) -> None:
            now = time.monotonic()
            if isinstance(ev, SegmentClosed):
                closed.append((now, ev.segment.end_mono))
            elif isinstance(ev, ClipSealed):
                with got:
                    sealed[ev.clip.order_id] = now
                    got.notify_all()

        unsubscribe = services.hub.subscribe(on_event)
        station = services.station(source, read_barcodes=False)
        station.start()
        pause = random.Random(17)
        try:
            time.sleep(settings.preroll_s + 0.5)
            for i in range(n):
                order = f"SF{4000000000000 + i}"
                station.scan(order, source="bench")
                time.sleep(seconds)
                t_stop = time.monotonic()
                station.stop_order(missing="confirmed")
                with got:
                    got.wait_for(lambda: order in sealed, timeout=60)
                listed = None
                while time.monotonic() - t_stop < 60:
                    if any(r.order_id == order for r in services.catalog.search(order, limit=5)):
                        listed = time.monotonic()
                        break
                    time.sleep(0.01)
                window_end = t_stop + settings.postroll_s
                covering = next(((at, end) for at, end in closed if end >= window_end), (float("nan"),) * 2)
                steps = watch.steps.get(order, {})
                nan = float("nan")
                rows.append({"order": order, "sealed_s": sealed.get(order, nan) - t_stop,
                             "listed_s": (listed or nan) - t_stop,
                             "segment_end_s": covering[1] - t_stop,
                             "line_seen_s": watch.seen.get(covering[1], nan) - t_stop,
                             "segment_sealed_s": covering[0] - t_stop,
                             "joiner_s": steps.get("joiner", nan) - t_stop,
                             "joined_s": steps.get("joined", nan) - t_stop})
                # a packer takes the next parcel; a random pause puts the next stop anywhere in a segment
                time.sleep(0.5 + pause.random() * settings.segment_s)
        finally:
            station.stop()
            unsubscribe()
            services.close()
            watch.close()
    return rows, {"postroll_s": settings.postroll_s, "segment_s": settings.segment_s}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--starts", type=int, default=5)
    ap.add_argument("--orders", type=int, default=5)
    ap.add_argument("--seconds", type=float, default=5.0, help="length of each order")
    ap.add_argument("--source", default="test:1280x720@30")
    ap.add_argument("--segment-s", type=float, default=None, help="tape segment length (default: the app's)")
    ap.add_argument("--postroll-s", type=float, default=None, help="post-roll (default: the app's)")
    ap.add_argument("--child-start", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    os.environ.setdefault("PACKSEAL_TSA_URLS", "")  # no network timestamping in a bench
    if args.child_start:
        child_start(Path(args.child_start), args.source)
        return 0
    print(f"# {args.source}; {os.cpu_count()} cores; load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} at start")
    changes = {k: v for k, v in (("segment_s", args.segment_s), ("postroll_s", args.postroll_s)) if v is not None}
    rows = starts(args.starts, args.source) if args.starts else []
    print("| start | start() returned s | first live frame s | script start to first frame s | encoder (trials) |")
    print("|---|---|---|---|---|")
    for i, r in enumerate(rows, 1):
        print(f"| {i} | {r['start_returned_s']:.2f} | {r['first_frame_s']:.2f} | {r['launch_to_frame_s']:.2f} "
              f"| {r['encoder']} ({r['trials']}) |")
    firsts = [r["first_frame_s"] for r in rows]
    if firsts:
        print(f"# first live frame after start(): median {statistics.median(firsts):.2f} s, max {max(firsts):.2f} s")
    done, info = stops(args.orders, args.seconds, args.source, changes)
    print(f"# post-roll {info['postroll_s']:g} s, tape segments {info['segment_s']:g} s; times in s after the stop scan")
    print("| order | post-roll's last frame period ends (capture time) | tape listed its segment "
          "| segment sealed | joiner took it | joined (ffmpeg) | clip sealed | found in the catalog |")
    print("|---|---|---|---|---|---|---|---|")
    keys = ("segment_end_s", "line_seen_s", "segment_sealed_s", "joiner_s", "joined_s", "sealed_s", "listed_s")
    for r in done:
        print(f"| {r['order']} | " + " | ".join(f"{r[k]:.2f}" for k in keys) + " |")
    for name, a, b in (("post-roll end → segment listed (encoder delay, watcher)", "segment_end_s", "line_seen_s"),
                       ("segment listed → its entry sealed", "line_seen_s", "segment_sealed_s"),
                       ("→ joiner", "segment_sealed_s", "joiner_s"),
                       ("join (ffmpeg: segments → MP4, fsync)", "joiner_s", "joined_s"),
                       ("hash, entry, seal file, catalog row", "joined_s", "sealed_s")):
        parts = [r[b] - r[a] for r in done]
        print(f"# {name}: median {statistics.median(parts):.3f} s, max {max(parts):.3f} s")
    listed = [r["listed_s"] for r in done]
    print(f"# stop scan → in the catalog: median {statistics.median(listed):.2f} s, max {max(listed):.2f} s")
    print(f"# load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} at the end")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
