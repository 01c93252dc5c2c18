"""Recording pipeline cost against a bare ffmpeg encode of the same frames, in one run.

For each size it first renders ``--loop`` seconds of the bench scene (the
test camera, ``--scene noisy`` with sensor grain and light flicker), then:

* **pipeline**: the whole station (:class:`Station`, as the recorder process
  runs it) records one order for ``--seconds`` from a camera that replays
  those frames at the frame rate (a copy each, as a driver hands out a new
  buffer): overlay (CJK station name, clock, order, QR), the barcode reader at
  4 Hz within the guide frame, as the recorder process reads (``--no-reader``: off), I420 conversion, the timed feed on the pipe, ffmpeg's tape of
  segments with the app's encoder settings, load watching, and a 30 Hz
  preview consumer. CPU is user + system time of this process and its ffmpeg
  child over the recording.
* **bare**: ffmpeg alone, paced at the frame rate (``-re``), encoding the
  same number of the same frames (rendered with the overlay burned in, raw
  I420 from memory) with the same encoder arguments and segment muxer.

``--rounds N`` lets the pipeline and the bare encode take turns N times
(pipeline first in odd rounds, bare first in even ones) and adds a row for
all of them: on this virtual machine the same encode of the same frames
costs up to a fifth more or less from one half-minute to the next, and
taking turns keeps a drift from favouring either side.

"dropped" counts the frames the station lost during the timed window;
below the table each size's losses are split by cause (read too late,
shed, the encoder's queue full or the encoder gone) and by when: before
the window (start-up), in it, and while the order stopped.

The scene is rendered before either is timed, so the test camera's own
drawing is in neither figure: what is compared is what PackSeal adds to the
encoder. The replaying camera's copy of each frame is in the pipeline figure
(a real camera's delivery costs at least that much, and more); its CPU is
also shown alone, with the ratio the pipeline has without it. ``--camera`` instead films the live test camera in the pipeline
(its drawing then counts against the pipeline).

    .venv/bin/python bench/pipeline.py --seconds 30 --sizes 1280x720 1920x1080 --scene noisy

The app code measured is the one on ``PYTHONPATH``: for the code before a
change, ``git archive COMMIT app | tar -x -C /tmp/base`` and run this script
with ``PYTHONPATH=/tmp/base/app``.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import cv2
import numpy as np

from packseal.core.capture.barcode import GUIDE_ROI
from packseal.core.capture.frame import Frame
from packseal.core.capture.frame_source import FrameSource
from packseal.core.capture.overlay import Overlay
from packseal.core.capture.pacing import FramePacer
from packseal.core.capture.synthetic_source import TestPatternSource
from packseal.core.events import EventHub
from packseal.core.media.ffmpeg import ffmpeg_exe
from packseal.core.recording import tape as tape_module
from packseal.core.recording.tape import EncoderSettings
from packseal.core.settings import Settings
from packseal.core.station import Station
from packseal.core.storage.layout import DataLayout

STATION = "杭州仓-打包台3"
ORDER = "SF1234567890123"


class ReplayCamera(FrameSource):
    """Hands out pre-rendered frames in a loop at ``fps``, a fresh copy each, like a camera driver."""

    def __init__(self, frames: list[np.ndarray], fps: float) -> None:
        h, w = frames[0].shape[:2]
        super().__init__(width=w, height=h, fps=fps)
        self._frames = frames
        self._pacer = FramePacer(fps)
        self.copy_s = 0.0  # CPU of the copies: what the camera's delivery costs, not PackSeal's work

    @property
    def description(self) -> str:
        return f"replayed bench scene {self.width}×{self.height}"

    def provenance(self) -> dict:
        return {"kind": "file", "name": "bench replay"}

    def open(self) -> None:
        self._pacer.restart()
        self._index = 0
        self._opened = True

    def read(self) -> Frame:
        skipped = self._pacer.wait()
        t0 = time.thread_time()
        image = self._frames[self._index % len(self._frames)].copy()
        self.copy_s += time.thread_time() - t0
        utc, mono = self._pacer.capture_times()
        return self._stamp(image, utc=utc, mono=mono, skipped=skipped)

    def close(self) -> None:
        self._opened = False


def cpu_self() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def cpu_of(pid: int | None) -> float:
    """User + system CPU seconds of a running process (Linux /proc), 0 when gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, TypeError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def thread_cpu(by_camera: bool = False) -> dict[str, float]:
    """CPU seconds so far of each live thread of this process, by thread name (Linux /proc); the
    tape's threads of every camera together unless ``by_camera``."""
    out: dict[str, float] = {}
    for t in threading.enumerate():
        try:
            fields = Path(f"/proc/self/task/{t.native_id}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, TypeError):
            continue
        name = t.name.split("-cam")[0] if t.name.startswith("tape-") and not by_camera else t.name
        out[name] = out.get(name, 0.0) + (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return out


def cpu_children() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def sensor_noise_class():
    """:class:`SensorNoise` (taken from this checkout when the app measured predates it)."""
    try:
        from packseal.core.capture.sensor_noise import SensorNoise
    except ImportError:
        path = Path(__file__).resolve().parents[1] / "app/packseal/core/capture/sensor_noise.py"
        spec = importlib.util.spec_from_file_location("bench_sensor_noise", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        SensorNoise = module.SensorNoise
    return SensorNoise


def render(width: int, height: int, fps: int, seconds: float, noisy: bool) -> list[np.ndarray]:
    """The test camera's bench (with grain and flicker when ``noisy``), ``seconds`` of it."""
    scene = TestPatternSource(width, height, fps).scene
    noise = sensor_noise_class()(width, height) if noisy else None
    frames = []
    for i in range(round(seconds * fps)):
        image = scene.render(i / fps)
        frames.append(noise.apply(image, i / fps) if noise is not None else image)
    return frames


def with_overlay(frames: list[np.ndarray]) -> list[np.ndarray]:
    """The frames as the encoder gets them from the pipeline (overlay of an order burned in)."""
    overlay, start, out = Overlay(STATION), datetime.now(timezone.utc), []
    for i, image in enumerate(frames):
        image = image.copy()
        overlay.draw(image, start + timedelta(seconds=i / 30), ORDER)
        out.append(image)
    return out


def run_pipeline(frames, fps: int, seconds: float, settings: Settings, camera: bool, reader: bool) -> dict:
    h, w = frames[0].shape[:2]
    with tempfile.TemporaryDirectory() as tmp:
        layout = DataLayout.open(Path(tmp) / "data")
        source = TestPatternSource(w, h, fps, noisy=settings.source.endswith("noisy")) if camera \
            else ReplayCamera(frames, fps)
        station = Station(layout=layout, settings=settings, hub=EventHub(), source=source,
                          read_barcodes=reader, test_barcodes=True)
        station.start()
        if station.watcher is not None:
            station.watcher.roi = GUIDE_ROI  # as the recorder process sets it (core/remote/server.py)
        station.scan(ORDER, source="bench")
        time.sleep(1.0)  # the first segment's start-up is not what is compared
        tape, pipe = station.tape, station.pipeline
        written0, captured0 = tape.stats.frames_written, pipe.stats.frames_captured
        lost0 = _losses(tape, pipe)
        ffmpeg_pid = tape.pid  # still running at the end: its CPU is read from /proc, not from wait()
        copy0 = getattr(source, "copy_s", 0.0)
        c0s, c0f, t0, th0 = cpu_self(), cpu_of(ffmpeg_pid), time.monotonic(), thread_cpu()
        end = t0 + seconds
        previews, last = 0, None
        while time.monotonic() < end:  # a preview consumer at ~30 Hz, as the window does
            f = station.latest_frame()
            if f is not None and f is not last:
                previews += 1
                last = f
            time.sleep(1 / 30)
        if station.tape is not tape:
            raise SystemExit("the encoder was restarted during the measurement; the figures would be wrong")
        cpu_ffmpeg = cpu_of(ffmpeg_pid) - c0f
        cpu = (cpu_self() - c0s) + cpu_ffmpeg
        wall = time.monotonic() - t0
        th1 = thread_cpu()
        copy_s = getattr(source, "copy_s", 0.0) - copy0
        threads = {name: (th1[name] - th0.get(name, 0.0)) / wall * 60 for name in th1}
        threads["ffmpeg"] = cpu_ffmpeg / wall * 60
        written = tape.stats.frames_written - written0
        captured = pipe.stats.frames_captured - captured0
        overlay_ms = 1000 * pipe.stats.overlay_s / max(1, pipe.stats.frames_captured)
        lost1 = _losses(tape, pipe)
        station.stop_order()
        station.stop()
        lost2 = _losses(tape, pipe)
        timed = {k: lost1[k] - lost0[k] for k in lost0}
        return {"cpu_s_per_min": cpu / wall * 60, "copy_s_per_min": copy_s / wall * 60,
                "written": written, "captured": captured,
                "dropped": sum(timed.values()), "previews": previews, "overlay_ms": overlay_ms, "wall": wall,
                "encoder": tape.encoder_name, "threads": threads, "lost_timed": timed, "lost_before": lost0,
                "lost_after": {k: lost2[k] - lost1[k] for k in lost0}}


def _losses(tape, pipe) -> dict[str, int]:
    """The station's frame losses so far, by cause."""
    return {"read too late": pipe.stats.frames_skipped, "shed": pipe.stats.frames_shed,
            "encoder queue full or encoder gone": tape.stats.frames_dropped}


def write_i420(frames, path: Path) -> None:
    """``frames`` (BGR) as raw I420, one after the other: what the station pipes to its encoder."""
    with open(path, "wb") as f:
        for image in frames:
            f.write(cv2.cvtColor(image, cv2.COLOR_BGR2YUV_I420).tobytes())


def bare_command(raw: Path, size: tuple[int, int], fps: int, count: int, settings: EncoderSettings,
                 cap_kbps: int, out_dir: Path) -> list[str]:
    """ffmpeg alone encoding ``count`` frames of the raw I420 file ``raw`` (looped) in real time
    into ``out_dir``, with the tape's encoder arguments and segment muxer."""
    w, h = size
    enc = []
    try:
        args = tape_module._encoder_args("libx264", settings, cap_kbps)
    except TypeError:  # a checkout before issue 17 (--reference): no bitrate cap
        args = tape_module._encoder_args("libx264", settings)
    for k, v in args.items():
        enc += [f"-{'c:v' if k == 'vcodec' else k}", str(v)]
    seg = settings.segment_s
    return [ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", "-re", "-stream_loop", "-1",
            "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", f"{w}x{h}", "-framerate", str(fps), "-i", str(raw),
            "-frames:v", str(count), *enc, "-pix_fmt", "yuv420p", "-g", str(round(fps * seg)),
            "-force_key_frames", f"expr:gte(t,n_forced*{seg:g})", "-f", "segment", "-segment_time", f"{seg:g}",
            "-segment_format", "mpegts", "-reset_timestamps", "1", str(out_dir / "seg-%04d.ts")]


def memory_dir() -> str | None:
    """Where the bare encodes read their frames from: memory when the system has /dev/shm."""
    return "/dev/shm" if os.path.isdir("/dev/shm") else None


def bare_ffmpeg(frames, fps: int, count: int, settings: EncoderSettings, cap_kbps: int) -> float:
    """CPU seconds per minute ffmpeg alone spends encoding ``count`` of ``frames`` (looped) in real time."""
    h, w = frames[0].shape[:2]
    with tempfile.TemporaryDirectory(dir=memory_dir()) as tmp:
        raw = Path(tmp) / "scene.yuv"
        write_i420(frames, raw)
        cmd = bare_command(raw, (w, h), fps, count, settings, cap_kbps, Path(tmp))
        c0 = cpu_children()
        subprocess.run(cmd, check=True)
        return (cpu_children() - c0) / (count / fps) * 60


def encoder_settings(s: Settings) -> EncoderSettings:
    """The tape's settings from the station's, also on a checkout before issue 17 (no ``from_settings``)."""
    if hasattr(EncoderSettings, "from_settings"):
        return EncoderSettings.from_settings(s)
    return EncoderSettings(s.encoder, s.quality, s.preset, s.segment_s)


def print_row(label: str, p: dict, bare: float) -> None:
    print(f"| {label} | {p['cpu_s_per_min']:.1f} | {bare:.1f} | {p['cpu_s_per_min'] / bare:.2f} "
          f"| {p['written']} of {p['captured']} | {p['dropped']} | {p['previews']} | {p['overlay_ms']:.2f} "
          f"| {p['copy_s_per_min']:.2f} | {(p['cpu_s_per_min'] - p['copy_s_per_min']) / bare:.2f} |")
    sys.stdout.flush()


def summed(rounds: list[tuple[dict, float]]) -> tuple[dict, float]:
    """Rounds of the same length as one: rates are means, counts are sums."""
    n = len(rounds)
    if n == 1:
        return rounds[0]
    mean = lambda key: sum(p[key] for p, _ in rounds) / n  # noqa: E731
    total = lambda key: sum(p[key] for p, _ in rounds)  # noqa: E731
    names = {k for p, _ in rounds for k in p["threads"]}
    p = {"cpu_s_per_min": mean("cpu_s_per_min"), "copy_s_per_min": mean("copy_s_per_min"),
         "overlay_ms": mean("overlay_ms"), "written": total("written"), "captured": total("captured"),
         "dropped": total("dropped"), "previews": total("previews"),
         "threads": {k: sum(p["threads"].get(k, 0.0) for p, _ in rounds) / n for k in names},
         **{when: {k: sum(p[when][k] for p, _ in rounds) for k in rounds[0][0][when]}
            for when in ("lost_before", "lost_timed", "lost_after")}}
    return p, sum(bare for _, bare in rounds) / n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--sizes", nargs="+", default=["1280x720", "1920x1080"])
    ap.add_argument("--fps", type=int, default=30)
    ap.add_argument("--scene", choices=("clean", "noisy"), default="noisy")
    ap.add_argument("--loop", type=float, default=4.0, help="seconds of scene rendered and replayed")
    ap.add_argument("--camera", action="store_true", help="film the live test camera instead of a replay")
    ap.add_argument("--no-reader", action="store_true",
                    help="camera barcode reading off (a station scanning with a hand scanner only)")
    ap.add_argument("--rounds", type=int, default=1,
                    help="the pipeline and the bare encode take turns this many times (pipeline first, "
                         "then bare first, …); the last row sums them")
    args = ap.parse_args()
    cv2.setNumThreads(1)
    base = Settings(station_name=STATION, encoder="libx264", tsa_urls=[], fps=args.fps,
                    source="test?noisy" if args.scene == "noisy" else "test")
    enc = encoder_settings(base)
    print(f"# pipeline vs bare ffmpeg: {args.scene} scene, libx264 {enc.preset} CRF {enc.quality} "
          f"(bitrate cap as the app sets it), {args.fps} fps, {args.seconds:g} s each, "
          f"camera barcode reading {'off' if args.no_reader else 'on (4 Hz)'}, "
          f"{os.cpu_count()} cores; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} at start")
    print("| size | pipeline CPU s / min | bare ffmpeg, same frames | ratio | frames to tape | dropped "
          "| previews | overlay ms / frame | camera's copy CPU s / min | ratio without the copy |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    breakdown = []
    for size in args.sizes:
        w, h = (int(x) for x in size.split("x"))
        frames = render(w, h, args.fps, args.loop, args.scene == "noisy")
        burned = with_overlay(frames)
        settings = replace(base, width=w, height=h)
        cap = enc.cap_kbps(w, h, args.fps) if hasattr(enc, "cap_kbps") else 0
        count = round(args.seconds * args.fps)
        rounds = []
        for r in range(args.rounds):
            def pipeline():
                return run_pipeline(frames, args.fps, args.seconds, settings, args.camera, not args.no_reader)
            if r % 2 == 0:
                p = pipeline()
                bare = bare_ffmpeg(burned, args.fps, count, enc, cap)
            else:  # the other way round: a machine that grows slower or faster favours neither side
                bare = bare_ffmpeg(burned, args.fps, count, enc, cap)
                p = pipeline()
            rounds.append((p, bare))
            label = f"{w}×{h} @ {args.fps}" + (f", round {r + 1}" if args.rounds > 1 else "")
            print_row(label, p, bare)
        if args.rounds > 1:
            print_row(f"{w}×{h} @ {args.fps}, all {args.rounds} rounds", *summed(rounds))
        breakdown.append((size, *summed(rounds)))
    for size, p, _ in breakdown:
        top = sorted(p["threads"].items(), key=lambda kv: -kv[1])
        print(f"# {size} CPU s / min by thread: " + ", ".join(f"{k} {v:.2f}" for k, v in top if v >= 0.05))
        for when in ("lost_before", "lost_timed", "lost_after"):
            label = {"lost_before": "before the timed window (start-up, the first second of the order)",
                     "lost_timed": "in the timed window (the 'dropped' column)",
                     "lost_after": "while the order stopped"}[when]
            print(f"# {size} frames lost {label}: " + ", ".join(f"{k} {v}" for k, v in p[when].items()))
    print(f"# load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} at the end")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
