"""Recording beside busy loops: does every second of the window end up in the clip or in its gaps?

Makes a noisy 720p30 scene (ffmpeg's testsrc2 with per-frame sensor-like
noise and a 2 Hz light flicker, so the encoder works as hard as on a real
camera), starts ``--busy`` endless Python loops (default: one per core), and
records orders through ``packseal record --source file:SCENE?loop --json``
in a fresh data dir each. For each clip it reads the sealed ``clip`` entry
and the clip file and prints: the entry's window (end − start), the clip's
duration, the gaps the entry names, the frames dropped, the largest hole
between two frames' timestamps in the clip file, and how often the watchdog
restarted ffmpeg (from the station log).

    .venv/bin/python bench/under_load.py --seconds 20 --runs 2
    .venv/bin/python bench/under_load.py --seconds 20 --runs 2 --busy 0   # the same without load
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from packseal.core.media.ffmpeg import ffmpeg_exe
from packseal.core.settings import Settings, save_settings

SCENE_FILTER = ("testsrc2=size=1280x720:rate=30,"
                "noise=alls=18:allf=t+u,"  # new noise every frame, as a camera sensor gives
                "eq=brightness='0.06*sin(2*PI*2*t)':eval=frame")  # mains-like light flicker


def make_scene(path: Path, seconds: int = 30) -> Path:
    """A noisy, flickering 720p30 H.264 file (kept and reused when it exists)."""
    if not path.exists():
        subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
                        "-i", SCENE_FILTER, "-t", str(seconds), "-c:v", "libx264", "-preset", "veryfast",
                        "-crf", "20", "-pix_fmt", "yuv420p", str(path)], check=True)
    return path


def busy_loops(n: int) -> list[subprocess.Popen]:
    return [subprocess.Popen([sys.executable, "-c", "while 1: pass"]) for _ in range(n)]


def packet_times(clip: Path) -> list[float]:
    """Presentation times (s) of the clip's video packets, in order, read without decoding."""
    out = subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-i", str(clip),
                          "-map", "0:v:0", "-c", "copy", "-f", "framecrc", "-"],
                         capture_output=True, text=True, check=True).stdout
    times = []
    for line in out.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        parts = [p.strip() for p in line.split(",")]
        times.append(int(parts[2]))  # pts in the stream's time base
    base = next((ln for ln in out.splitlines() if ln.startswith("#tb 0:")), "#tb 0: 1/90000")
    num, den = base.split(":", 1)[1].strip().split("/")
    return sorted(t * int(num) / int(den) for t in times)


def clip_entry(data: Path) -> dict:
    for f in sorted((data / "ledger").glob("*.jsonl"), reverse=True):
        for line in reversed(f.read_text(encoding="utf-8").splitlines()):
            entry = json.loads(line)
            if entry.get("kind") == "clip":
                return entry["body"]
    raise SystemExit(f"no clip entry in {data}")


def stamp(s: str) -> datetime:
    return datetime.fromisoformat(s.replace("Z", "+00:00"))


def record_once(scene: Path, seconds: float, data: Path) -> dict:
    data.mkdir(parents=True)
    save_settings(Settings(tsa_urls=[], station_name="bench"), data / "settings.json")
    proc = subprocess.run([sys.executable, "-m", "packseal", "--data-dir", str(data), "record",
                           "--order", "SF1234567890123", "--source", f"file:{scene}?loop",
                           "--seconds", str(seconds), "--json"], capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"packseal record failed ({proc.returncode}): {proc.stderr[-2000:]}")
    result = json.loads(proc.stdout)
    body = clip_entry(data)
    window = (stamp(body["end"]) - stamp(body["start"])).total_seconds()
    gaps = sum((stamp(g["to"]) - stamp(g["from"])).total_seconds() for g in body.get("gaps", []))
    times = packet_times(Path(result["clip"]))
    holes = [b - a for a, b in zip(times, times[1:])]
    log = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in (data / "logs").glob("*.log*"))
    return {
        "window_s": window, "duration_s": body["duration_ms"] / 1000, "gaps_s": gaps,
        "gap_count": len(body.get("gaps", [])), "status": body["status"],
        "frames": body["frame_count"],
        "dropped_entry": body.get("frames_dropped"),
        "captured_json": result.get("frames_captured"), "dropped_json": result.get("frames_dropped"),
        "largest_hole_s": max(holes, default=0.0),
        "restarts": log.count("restarting ffmpeg"),
        "shed": [ln.split("]", 1)[-1].strip() for ln in log.splitlines() if "load shedding" in ln],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=20.0, help="order length (s)")
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--busy", type=int, default=os.cpu_count() or 2, help="busy loops (default: one per core)")
    ap.add_argument("--scene", type=Path, default=Path(tempfile.gettempdir()) / "packseal-noisy-720p30.mp4")
    args = ap.parse_args()
    scene = make_scene(args.scene)
    print(f"scene {scene}; {args.busy} busy loop(s); orders of {args.seconds:g} s; "
          f"load average {os.getloadavg()[0]:.1f} before")
    loops = busy_loops(args.busy)
    rows = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for run in range(args.runs):
                rows.append(record_once(scene, args.seconds, Path(tmp) / f"run{run}"))
    finally:
        for p in loops:
            p.kill()
            p.wait()
    print("| run | window s | clip s | gaps s (n) | clip + gaps − window | status | frames | dropped (entry / json) "
          "| captured | largest hole s | ffmpeg restarts |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for i, r in enumerate(rows, 1):
        print(f"| {i} | {r['window_s']:.2f} | {r['duration_s']:.2f} | {r['gaps_s']:.2f} ({r['gap_count']}) "
              f"| {r['duration_s'] + r['gaps_s'] - r['window_s']:+.2f} | {r['status']} | {r['frames']} "
              f"| {r['dropped_entry']} / {r['dropped_json']} | {r['captured_json']} "
              f"| {r['largest_hole_s']:.2f} | {r['restarts']} |")
    for i, r in enumerate(rows, 1):
        for line in r["shed"]:
            print(f"run {i}: {line}")


if __name__ == "__main__":
    main()
