"""How fast the web viewer answers in Debian's chromium on loopback (a script that prints figures, not a test).

Starts what a hub runs on (the tests' private PostgreSQL and SeaweedFS, the
hub's migrations), fills ``clips`` with N rows as bench/hub_search.py does,
stores one H.264 clip of about 60 MB (ffmpeg's testsrc2 at 720p, 8 Mbit/s,
faststart like the station's clips) and serves ``create_app`` with uvicorn
on 127.0.0.1. Then chromium (headless, a fresh browser context per run, so
nothing is cached) measures, median and worst of the runs:

- the search results page: the server's time (Navigation Timing
  ``responseStart - requestStart``) and the whole load (``loadEventEnd``),
  beside the same search as ``GET /api/clips`` and as bare SQL;
- the start of playback of the 60 MB clip: from the navigation's start to the
  video's first ``playing`` event and its first ``timeupdate`` past 0, on the
  staff clip page and on a share link's page, beside the same file played
  from a local ``file://`` page (no hub, no network: the browser's own floor).

    PYTHONPATH=app:. .venv/bin/python bench/web_viewer.py --rows 1000000
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "app"))
sys.path.insert(0, str(ROOT))

from bench.hub_search import fill  # noqa: E402
from packseal.hub import accounts, shares  # noqa: E402
from packseal.hub.search import cursor_after, search_query  # noqa: E402
from packseal.hub.server import serve  # noqa: E402
from packseal.hub.web import create_app  # noqa: E402
from tests.support.hub_servers import hub_servers  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
RUNS = 9
# Set before any script of the page runs: start the video at once and note when it plays.
WATCH_PLAYBACK = """
window.__firstPlaying = null; window.__firstTimeupdate = null;
document.addEventListener("DOMContentLoaded", () => {
  const v = document.querySelector("video");
  if (!v) return;
  v.muted = true;
  v.addEventListener("playing", () => {
    if (window.__firstPlaying === null) window.__firstPlaying = performance.now();
  });
  v.addEventListener("timeupdate", () => {
    if (window.__firstTimeupdate === null && v.currentTime > 0) window.__firstTimeupdate = performance.now();
  });
  v.play();
});
"""


def make_clip(folder: Path, megabytes: int) -> Path:
    """An H.264 MP4 of about ``megabytes`` MB: 720p testsrc2 at 8 Mbit/s, moov first."""
    import imageio_ffmpeg

    seconds = max(1, round(megabytes * 8 / 8))  # 8 Mbit/s = 1 MB/s
    out = folder / "clip-60mb.mp4"
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i",
                    f"testsrc2=size=1280x720:rate=30:duration={seconds}", "-c:v", "libx264", "-preset", "ultrafast",
                    "-b:v", "8M", "-minrate", "8M", "-maxrate", "8M", "-bufsize", "16M", "-x264-params",
                    "nal-hrd=cbr", "-pix_fmt", "yuv420p", "-movflags", "+faststart", str(out)], check=True)
    return out


def stats(values: list[float]) -> str:
    return f"{statistics.median(values):.0f} | {max(values):.0f}"


def search_figures(browser, base: str, cookie: dict, params: dict) -> tuple[list[float], list[float], list[float]]:
    """Server ms, whole page ms and API ms of one search, over RUNS fresh contexts."""
    from urllib.parse import urlencode

    server, page_ms, api = [], [], []
    for _ in range(RUNS):
        context = browser.new_context()
        context.add_cookies([cookie])
        page = context.new_page()
        page.goto(f"{base}/search?{urlencode(params)}", wait_until="load")
        timing = page.evaluate("(() => { const n = performance.getEntriesByType('navigation')[0];"
                               " return {server: n.responseStart - n.requestStart, load: n.loadEventEnd}; })()")
        while not timing["load"]:
            timing = page.evaluate("(() => { const n = performance.getEntriesByType('navigation')[0];"
                                   " return {server: n.responseStart - n.requestStart, load: n.loadEventEnd}; })()")
        server.append(timing["server"])
        page_ms.append(timing["load"])
        api.append(page.evaluate(f"(async () => {{ const t0 = performance.now();"
                                 f" await (await fetch('/api/clips?{urlencode(params)}')).json();"
                                 f" return performance.now() - t0; }})()"))
        context.close()
    return server, page_ms, api


def playback_figures(browser, url: str, cookie: dict | None) -> tuple[list[float], list[float]]:
    """ms from navigation to the first ``playing`` and to the first ``timeupdate`` past 0, over RUNS contexts."""
    playing, moving = [], []
    for _ in range(RUNS):
        context = browser.new_context()
        if cookie:
            context.add_cookies([cookie])
        context.add_init_script(WATCH_PLAYBACK)
        page = context.new_page()
        page.goto(url)
        deadline = time.monotonic() + 60
        while page.evaluate("window.__firstTimeupdate === null || window.__firstPlaying === null"):
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not start playing within 60 s")
            time.sleep(0.01)
        playing.append(page.evaluate("window.__firstPlaying"))
        moving.append(page.evaluate("window.__firstTimeupdate"))
        context.close()
    return playing, moving


def main() -> int:
    from playwright.sync_api import sync_playwright

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--stations", type=int, default=50)
    ap.add_argument("--clip-mb", type=int, default=60)
    args = ap.parse_args()
    print(f"load average before: {os.getloadavg()}, {os.cpu_count()} CPUs")
    work = Path(tempfile.mkdtemp(prefix="packseal-webbench-"))
    with hub_servers() as servers, servers.context(work / "hub", retention_days=0) as ctx:
        seconds = fill(ctx.db, args.rows, args.stations)
        print(f"filled {args.rows:,} clips from {args.stations} stations in {seconds:.1f} s")
        clip = make_clip(work, args.clip_mb)
        data = clip.read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        ctx.store.put_bytes(sha, data)
        with ctx.db.connection() as conn:
            clip_id = conn.execute(
                "INSERT INTO clips (station_id, order_id, waybills, packer, sha256, start, duration_s, size, status) "
                "VALUES ('station-1', 'BENCH60MB', 'BENCH60MB', 'p', %s, now(), 60, %s, 'stored') RETURNING id",
                (sha, len(data))).fetchone()["id"]
            token = shares.create(conn, clip_id, 3600, "bench")[0]
            accounts.add_account(conn, "bench", "agent", "bench-password")
            sample = conn.execute("SELECT order_id FROM clips WHERE id = %s", (max(1, args.rows * 2 // 3),)).fetchone()
            deep = cursor_after(conn.execute("SELECT id, start FROM clips ORDER BY start DESC, id DESC "
                                             "OFFSET 9999 LIMIT 1").fetchone())
        print(f"clip {clip_id}: {len(data) / 1e6:.1f} MB")
        stop, ready = threading.Event(), threading.Event()
        urls = []
        server = threading.Thread(target=serve, args=(create_app(ctx), "127.0.0.1", 0, None, stop,
                                                      lambda url: (urls.append(url), ready.set())), daemon=True)
        server.start()
        ready.wait(60)
        base = urls[0].rstrip("/")
        try:
            import httpx

            login = httpx.post(f"{base}/api/login", json={"user": "bench", "password": "bench-password"})
            cookie = {"name": "packseal_hub_session", "value": login.cookies["packseal_hub_session"],
                      "url": base}
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                            args=["--autoplay-policy=no-user-gesture-required"])
                print(f"\nchromium {browser.version}; {RUNS} runs each, a fresh context per run; median | worst ms")
                print("\n| search page | SQL median | worst | API (fetch in the page) median | worst "
                      "| page: server median | worst | page: whole load median | worst | rows |")
                print("|---|---|---|---|---|---|---|---|---|---|")
                for label, params in ((f"partial order ID `{sample['order_id'][-7:]}`",
                                       {"q": sample["order_id"][-7:], "limit": "50"}),
                                      ("no filter, newest 50", {"limit": "50"}),
                                      ("the page after 10,000 rows (cursor), 50", {"limit": "50", "cursor": deep})):
                    sql, sql_args = search_query(params)
                    sql_ms = []
                    with ctx.db.connection() as conn:
                        rows = len(conn.execute(sql, sql_args).fetchall())
                        for _ in range(RUNS):
                            t0 = time.perf_counter()
                            conn.execute(sql, sql_args).fetchall()
                            sql_ms.append((time.perf_counter() - t0) * 1000)
                    server_ms, page_ms, api_ms = search_figures(browser, base, cookie, params)
                    print(f"| {label} | {stats(sql_ms)} | {stats(api_ms)} | {stats(server_ms)} | "
                          f"{stats(page_ms)} | {min(rows, int(params['limit']))} |")
                print(f"\n| start of playback, {len(data) / 1e6:.0f} MB clip | first `playing` median | worst "
                      "| first `timeupdate` median | worst |")
                print("|---|---|---|---|---|")
                page = work / "bare.html"
                page.write_text(f'<!doctype html><video src="{clip.name}" controls></video>', encoding="utf-8")
                for label, url, with_cookie in (("staff clip page", f"{base}/clips/{clip_id}", cookie),
                                                ("share link page", f"{base}/s/{token}", None),
                                                ("reference: file:// page, no hub", page.as_uri(), None)):
                    playing, moving = playback_figures(browser, url, with_cookie)
                    print(f"| {label} | {stats(playing)} | {stats(moving)} |")
                browser.close()
        finally:
            stop.set()
            server.join(30)
    print(f"\nload average after: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
