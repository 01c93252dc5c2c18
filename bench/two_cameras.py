"""Two cameras on one station against two bare ffmpeg encodes of the same frames, in one run.

* **station**: a two-camera :class:`Station` built from the settings as the
  recorder process builds it (``source`` and ``second_source``, by default
  both ``test:1280x720@30?noisy``: the test camera's bench with sensor grain
  and light flicker) records one order for ``--seconds``. Each camera has its
  capture thread (overlay with a CJK station name, clock, order and QR), its
  I420 conversion, its timed feed and its own ffmpeg tape of segments with
  the app's encoder settings; the barcode reader reads the first camera at
  4 Hz within the guide frame, as the recorder process reads (``--no-reader``: off; the scene's label is the order's own waybill, so
  it reads it and starts nothing); the watchdog and load shedding run; a 30 Hz
  preview consumer takes both cameras' frames. CPU is user + system time of
  this process and of its ffmpeg children over the recording (counted from
  ``--warmup`` seconds after the order started). Frames are the cameras' own
  frame tallies over that time: every frame captured, and every frame dropped
  whatever dropped it (the camera read too late, load shedding, the encoder's
  queue full, an encoder dying).
* **bare**: then two ffmpeg processes side by side, each alone encoding as
  many frames as its camera's tape took (``--bare-seconds``: that many
  seconds each instead) of the same scene — the test camera's bench rendered
  with the same grain and flicker (new random grain, as each camera draws
  its own), the overlay of the same order burned in, raw I420 from memory,
  paced with ``-re`` — with the same encoder arguments and segment muxer.

With the test camera, its drawing of the scene (about 2 ms a 720p frame with
the grain) is work a real camera does not ask of the station; it is timed on
the capture threads and shown, and the ratio is given with and without it.
The share of the machine taken by other processes during each part is
printed from ``/proc/stat``.

    .venv/bin/python bench/two_cameras.py --seconds 600
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

import cv2

from packseal.core.capture.barcode import GUIDE_ROI
from packseal.core.capture.overlay import Overlay
from packseal.core.capture.synthetic_source import TestPatternSource
from packseal.core.events import EventHub
from packseal.core.settings import Settings
from packseal.core.station import Station
from packseal.core.storage.layout import DataLayout
from pipeline import (ORDER, STATION, bare_command, cpu_children, cpu_of, cpu_self, encoder_settings,
                      memory_dir, thread_cpu, write_i420)

SPEC = "test:1280x720@30?noisy"


def machine_busy_s() -> float:
    """CPU seconds all processes of the machine have used since boot (/proc/stat), every core."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def loadavg() -> str:
    return Path("/proc/loadavg").read_text().strip()


class DrawingClock:
    """Times a test camera's drawing of each frame (CPU time of the capture thread inside ``render``)."""

    def __init__(self, source) -> None:
        self.cpu_s = 0.0
        inner = source.render

        def render(t):
            c0 = time.thread_time()
            try:
                return inner(t)
            finally:
                self.cpu_s += time.thread_time() - c0

        source.render = render  # the capture thread looks it up on every frame


@dataclass
class CameraRun:
    name: str
    captured: int = 0
    dropped: int = 0
    to_tape: int = 0
    skipped: int = 0
    shed: int = 0
    overflowed: int = 0
    deepest_shed: int = 0
    restarts: int = 0
    ffmpeg_s: float = 0.0
    threads_s: float = 0.0
    drawing_s: float = 0.0
    since_start: tuple = (0, 0)  # (captured, dropped) from the cameras' start to the end of the timing
    bare_s: float = 0.0
    bare_frames: int = 0
    pids: set = field(default_factory=set)
    tapes: list = field(default_factory=list)  # every tape seen (a restart brings a new one)


def record(settings: Settings, seconds: float, warmup: float, reader: bool) -> tuple[list[CameraRun], dict]:
    """Run the two-camera station for ``seconds`` of one order; what each camera did and what it cost."""
    with tempfile.TemporaryDirectory() as tmp:
        layout = DataLayout.open(Path(tmp) / "data")
        station = Station(layout=layout, settings=settings, hub=EventHub(), read_barcodes=reader,
                          test_barcodes=True)
        station.start()
        if station.watcher is not None:
            station.watcher.roi = GUIDE_ROI  # as the recorder process sets it (core/remote/server.py)
        cams = station.cameras
        clocks = [DrawingClock(c.source) if isinstance(c.source, TestPatternSource) else None for c in cams]
        station.scan(ORDER, source="bench")
        time.sleep(warmup)  # the first segments' start-up is not what is compared
        runs = [CameraRun(c.name) for c in cams]
        base_ffmpeg = {c.tape.pid: cpu_of(c.tape.pid) for c in cams}
        base_written = [c.tape_stats().frames_written for c in cams]
        base_pipe = [(c.pipeline.stats.frames_skipped, c.pipeline.stats.frames_shed) for c in cams]
        base_over = [c.tape_stats().frames_overflowed for c in cams]
        base_draw = [k.cpu_s if k else 0.0 for k in clocks]
        c0_self, c0_children, th0, busy0 = cpu_self(), cpu_children(), thread_cpu(by_camera=True), machine_busy_s()
        t0 = time.monotonic()
        end, report = t0 + seconds, t0 + 60
        previews = [0] * len(cams)
        last = [None] * len(cams)
        while (now := time.monotonic()) < end:  # a preview consumer at ~30 Hz, as the window does
            for i in range(len(cams)):
                f = station.latest_frame(i)
                if f is not None and f is not last[i]:
                    previews[i] += 1
                    last[i] = f
            for run, cam in zip(runs, cams):
                if cam.tape is not None:
                    run.pids.add(cam.tape.pid)
                    if not any(t is cam.tape for t in run.tapes):
                        run.tapes.append(cam.tape)
                run.deepest_shed = max(run.deepest_shed, cam.shedder.level if cam.shedder else 0)
            if now >= report:
                report += 60
                counts = [c.tally.counts(t0, now) for c in cams]
                print(f"#   {now - t0:.0f} s: " + "; ".join(f"{c.name} {cap} captured, {drop} dropped"
                                                        for c, (cap, drop) in zip(cams, counts)),
                      file=sys.stderr, flush=True)
            time.sleep(1 / 30)
        t1 = time.monotonic()
        live = {c.tape.pid for c in cams if c.tape is not None and c.tape.alive}
        now_ffmpeg = {pid: cpu_of(pid) for pid in live}
        self_s, children_s = cpu_self() - c0_self, cpu_children() - c0_children
        th1, busy1 = thread_cpu(by_camera=True), machine_busy_s()
        for i, (run, cam) in enumerate(zip(runs, cams)):
            stats = cam.tape_stats()
            run.to_tape = stats.frames_written - base_written[i]
            run.overflowed = stats.frames_overflowed - base_over[i]
            run.skipped = cam.pipeline.stats.frames_skipped - base_pipe[i][0]
            run.shed = cam.pipeline.stats.frames_shed - base_pipe[i][1]
        time.sleep(3)  # frames captured before t1 and still queued reach their tape (or are counted lost)
        for i, (run, cam) in enumerate(zip(runs, cams)):
            run.captured, run.dropped = cam.tally.counts(t0, t1)
            run.since_start = cam.tally.counts(0.0, t1)
            run.restarts = len(run.tapes) - 1
            run.drawing_s = (clocks[i].cpu_s - base_draw[i]) if clocks[i] else 0.0
            # the tape's ffmpeg still running: from /proc; one that ended: in the reaped children's time
            run.ffmpeg_s = sum(now_ffmpeg[p] - base_ffmpeg.get(p, 0.0) for p in run.pids if p in live)
            run.threads_s = sum(v - th0.get(k, 0.0) for k, v in th1.items() if k.endswith(f"-{cam.name}"))
        ended = [p for run in runs for p in run.pids if p not in live]
        # ffmpegs that ended in the window (restarts) are in the children's time, whole: take off what
        # those that ran before the window had already used then
        ffmpeg_ended_s = children_s - sum(base_ffmpeg.get(p, 0.0) for p in ended)
        wall = t1 - t0
        total_s = self_s + sum(r.ffmpeg_s for r in runs) + ffmpeg_ended_s
        threads = {k: (v - th0.get(k, 0.0)) / wall * 60 for k, v in th1.items()}
        for run in runs:
            threads[f"ffmpeg-{run.name}"] = run.ffmpeg_s / wall * 60
        station.stop_order()
        station.stop()
    return runs, {"wall": wall, "cpu_s": total_s, "ended_ffmpeg_s": ffmpeg_ended_s, "previews": previews,
                  "others_s": (busy1 - busy0) - total_s, "threads": threads,
                  "encoder": ", ".join(sorted({c.tape.encoder_name or "?" for c in cams if c.tape}))}


def scene_frames(settings: Settings, seconds: float):
    """The test camera's bench with grain and flicker, ``seconds`` of it, the order's overlay burned in."""
    fps, (w, h) = settings.fps, (settings.width, settings.height)
    camera = TestPatternSource(w, h, fps, noisy=True)
    overlay = Overlay(STATION, show_qr=settings.show_qr, mark="TEST")
    start = datetime.now(timezone.utc)
    for i in range(round(seconds * fps)):
        image = camera.render(i / fps)
        overlay.draw(image, start + timedelta(seconds=i / fps), ORDER)
        yield image


def bare(settings: Settings, runs: list[CameraRun], loop_s: float, bare_seconds: float | None) -> float:
    """Two bare ffmpeg encodes side by side (one per camera); sets each run's ``bare_s``. Returns the
    CPU seconds the rest of the machine used meanwhile."""
    enc = encoder_settings(settings)
    size, fps = (settings.width, settings.height), settings.fps
    cap = enc.cap_kbps(*size, fps)
    with tempfile.TemporaryDirectory(dir=memory_dir()) as tmp:
        raw = Path(tmp) / "scene.yuv"
        write_i420(scene_frames(settings, loop_s), raw)
        procs = []
        busy0, c0 = machine_busy_s(), cpu_self()
        for run in runs:
            run.bare_frames = round(bare_seconds * fps) if bare_seconds else run.to_tape
            out = Path(tmp) / run.name
            out.mkdir()
            procs.append(subprocess.Popen(bare_command(raw, size, fps, run.bare_frames, enc, cap, out)))
        for run, proc in zip(runs, procs):
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            if proc.returncode != 0:
                raise SystemExit(f"the bare ffmpeg for {run.name} failed (exit {proc.returncode})")
            run.bare_s = usage.ru_utime + usage.ru_stime
        return machine_busy_s() - busy0 - sum(r.bare_s for r in runs) - (cpu_self() - c0)


def per_min(cpu_s: float, seconds: float) -> float:
    return cpu_s / seconds * 60


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=600, help="how long the station records (default 600)")
    ap.add_argument("--source", default=SPEC, help=f"both cameras' source (default {SPEC})")
    ap.add_argument("--second-source", help="the second camera's, when not the same as the first")
    ap.add_argument("--warmup", type=float, default=2.0, help="seconds after the order starts before timing")
    ap.add_argument("--loop", type=float, default=8.0,
                    help="seconds of scene rendered for the bare encodes and looped (default 8: one parcel)")
    ap.add_argument("--bare-seconds", type=float,
                    help="seconds each bare encode runs (default: as many frames as its camera's tape took)")
    ap.add_argument("--no-reader", action="store_true", help="camera barcode reading off")
    args = ap.parse_args()
    cv2.setNumThreads(1)
    settings = Settings(station_name=STATION, encoder="libx264", tsa_urls=[], width=1280, height=720, fps=30,
                        source=args.source, second_source=args.second_source or args.source)
    enc = encoder_settings(settings)
    print(f"# two cameras ({settings.source} and {settings.second_source}) vs two bare ffmpeg encodes: "
          f"libx264 {enc.preset} CRF {enc.quality} (bitrate cap as the app sets it), "
          f"{args.seconds:g} s recorded, camera barcode reading {'off' if args.no_reader else 'on (4 Hz)'}, "
          f"{os.cpu_count()} cores")
    print(f"# {datetime.now(timezone.utc):%Y-%m-%d %H:%M:%S} UTC, /proc/loadavg before: {loadavg()}")
    runs, st = record(settings, args.seconds, args.warmup, not args.no_reader)
    wall = st["wall"]
    print(f"# {datetime.now(timezone.utc):%H:%M:%S} UTC station done ({wall:.1f} s timed, encoder {st['encoder']}),"
          f" /proc/loadavg: {loadavg()}; other processes used {per_min(st['others_s'], wall):.1f} CPU s / min "
          f"of the machine's {60 * (os.cpu_count() or 1)} meanwhile")
    others_bare = bare(settings, runs, args.loop, args.bare_seconds)
    bare_wall = max(r.bare_frames for r in runs) / settings.fps
    print(f"# {datetime.now(timezone.utc):%H:%M:%S} UTC bare encodes done ({bare_wall:.1f} s each), "
          f"/proc/loadavg after: {loadavg()}; other processes used {per_min(others_bare, bare_wall):.1f} "
          f"CPU s / min meanwhile")
    print("| camera | frames captured | dropped | to tape | deepest shed level | encoder restarts "
          "| CPU s | CPU s / min | bare encode CPU s / min | ratio |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in runs:
        own = r.ffmpeg_s + r.threads_s
        bare_rate = per_min(r.bare_s, r.bare_frames / settings.fps)
        print(f"| {r.name}: ffmpeg + its own threads | {r.captured} | {r.dropped} | {r.to_tape} | {r.deepest_shed} "
              f"| {r.restarts} | {own:.1f} | {per_min(own, wall):.1f} | {bare_rate:.1f} "
              f"| {per_min(own, wall) / bare_rate:.2f} |")
    bare_pair = sum(per_min(r.bare_s, r.bare_frames / settings.fps) for r in runs)
    drawing = sum(r.drawing_s for r in runs)
    total = st["cpu_s"]
    print(f"| station: process + its ffmpegs | {sum(r.captured for r in runs)} | {sum(r.dropped for r in runs)} "
          f"| {sum(r.to_tape for r in runs)} | {max(r.deepest_shed for r in runs)} | {sum(r.restarts for r in runs)} "
          f"| {total:.1f} | {per_min(total, wall):.1f} | {bare_pair:.1f} (both) "
          f"| **{per_min(total, wall) / bare_pair:.2f}** |")
    if drawing:
        print(f"| of which the test cameras' drawing | | | | | | {drawing:.1f} | {per_min(drawing, wall):.1f} | | |")
        rest = total - drawing
        print(f"| station without the test cameras' drawing | | | | | | {rest:.1f} | {per_min(rest, wall):.1f} "
              f"| {bare_pair:.1f} (both) | **{per_min(rest, wall) / bare_pair:.2f}** |")
    breakdown = sorted(st["threads"].items(), key=lambda kv: -kv[1])
    print("# station CPU s / min by thread: " + ", ".join(f"{k} {v:.2f}" for k, v in breakdown if v >= 0.05)
          + (f", ended ffmpegs {per_min(st['ended_ffmpeg_s'], wall):.2f}" if st["ended_ffmpeg_s"] > 0.05 else ""))
    for r, previews in zip(runs, st["previews"]):
        other = r.dropped - r.skipped - r.shed - r.overflowed
        print(f"# {r.name}: dropped {r.dropped} = read too late {r.skipped}, shed {r.shed}, queue full "
              f"{r.overflowed}, other (an encoder's death, or counted across the edges of the timing) {other}; "
              f"test camera drawing {per_min(r.drawing_s, wall):.2f} CPU s / min; previews {previews}; "
              f"from the camera's start (warm-up included): {r.since_start[0]} captured, "
              f"{r.since_start[1]} dropped")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
