"""What the live picture costs on its way from the recorder process to the window.

Run: .venv/bin/python bench/preview_ipc.py [--seconds 20] [--size 1280x720] [--fps 30]

The recorder writes every camera frame into shared memory (core/remote/preview.py);
the window copies the newest one out 30 times a second. This measures, in one run:

* writer: CPU of a process writing WxH frames at FPS into the block (the recorder's cost);
* reader: CPU of a second process polling at 30 Hz and copying each new frame out (the window's);
* reference: a plain in-process copy of the same frames (numpy copyto), which is what handing a
  frame to a preview in the same process costs at least.

Figures are CPU seconds per wall second, as a percentage of one core.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import time
from datetime import datetime, timezone

import numpy as np

from packseal.core.capture.frame import Frame
from packseal.core.remote.preview import PreviewReader, PreviewWriter


def frames(width: int, height: int, n: int = 8) -> list[Frame]:
    rng = np.random.default_rng(1)
    return [Frame(rng.integers(0, 255, (height, width, 3), np.uint8), i, datetime.now(timezone.utc), 0.0)
            for i in range(n)]


def paced(fps: float, seconds: float):
    period, start = 1.0 / fps, time.monotonic()
    i = 0
    while True:
        due = start + i * period
        if due - start >= seconds:
            return
        delay = due - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        yield i
        i += 1


def reader_process(name: str, seconds: float, out: mp.Queue) -> None:
    reader = PreviewReader(name)
    t0 = time.process_time()
    shown = 0
    last = None
    for _ in paced(30.0, seconds):
        frame = reader.latest()
        if frame is not None and frame is not last:
            shown += 1
            last = frame
    out.put((time.process_time() - t0, shown))
    reader.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--size", default="1280x720")
    ap.add_argument("--fps", type=float, default=30.0)
    args = ap.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    pool = frames(width, height)

    writer = PreviewWriter(width, height)
    out: mp.Queue = mp.get_context("spawn").Queue()
    proc = mp.get_context("spawn").Process(target=reader_process, args=(writer.name, args.seconds, out))
    proc.start()
    time.sleep(1.0)  # the reader's interpreter starts
    t0 = time.process_time()
    written = 0
    for i in paced(args.fps, args.seconds):
        writer.write(pool[i % len(pool)])
        written += 1
    writer_cpu = time.process_time() - t0
    reader_cpu, shown = out.get(timeout=60)
    proc.join()
    writer.close()

    target = np.empty_like(pool[0].image)
    t0 = time.process_time()
    for i in paced(args.fps, args.seconds):
        np.copyto(target, pool[i % len(pool)].image)
    reference_cpu = time.process_time() - t0

    pct = lambda cpu: 100.0 * cpu / args.seconds  # noqa: E731
    print(f"{width}x{height} @ {args.fps:g} fps for {args.seconds:g} s: {written} frames written, "
          f"{shown} shown by the reader")
    print(f"| writer (recorder) | {pct(writer_cpu):.2f} % of a core |")
    print(f"| reader (window, 30 Hz) | {pct(reader_cpu):.2f} % of a core |")
    print(f"| both | {pct(writer_cpu + reader_cpu):.2f} % of a core |")
    print(f"| reference: in-process copy | {pct(reference_cpu):.2f} % of a core |")


if __name__ == "__main__":
    main()
