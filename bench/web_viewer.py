"""How fast the web viewer answers in Debian's chromium on loopback (a script that prints figures, not a test).

Starts what a hub runs on (the tests' private PostgreSQL and SeaweedFS, the
hub's migrations), fills ``clips`` with N rows as bench/hub_search.py does,
stores one H.264 clip of about 60 MB (ffmpeg's testsrc2 at 720p, 8 Mbit/s,
faststart like the station's clips) and serves ``create_app`` with uvicorn
on 127.0.0.1. Then chromium (headless, a fresh browser context per run, so
nothing is cached) measures, median and worst of the runs:

- the search results page: the server's time (Navigation Timing
  ``responseStart - requestStart``), ``DOMContentLoaded`` and the whole load
  (``loadEventEnd``) in a fresh context, beside the same search as
  ``GET /api/clips`` and as bare SQL; then the same search again in the same
  context (what a staff member who searches again sees: the style sheet and
  scripts come from the browser's cache); each file the page loads with its
  time and bytes (Resource Timing); and, as the reference in the same run,
  the same browser loading a minimal static HTML page from the same uvicorn
  (the floor of a fresh browser context on this machine), fresh and again;
  and what writing the page's 50 local times costs each way a script can;
- where a visit of the newest 50 spends its time, step by step from the
  navigation's start: the request sent, the server's answer beginning, the
  HTML received, the last file the page waits for received,
  ``DOMContentLoaded`` and the end of the load event (medians);
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
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from starlette.responses import HTMLResponse
from starlette.routing import Route

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
#: The reference page: what a fresh browser context costs with nothing of the hub's in it.
FLOOR_PATH = "/bench/floor"
FLOOR_HTML = "<!doctype html><html lang=en><meta charset=utf-8><title>floor</title><p>floor</p></html>"
# Navigation Timing of the page shown, and each file it loaded (Resource Timing): ms from the navigation's start.
TIMING = """(() => {
  const n = performance.getEntriesByType("navigation")[0];
  return {server: n.responseStart - n.requestStart, html: n.responseEnd, dcl: n.domContentLoadedEventEnd,
          load: n.loadEventEnd,
          start: n.requestStart,
          files: performance.getEntriesByType("resource").map((r) => ({
            name: new URL(r.name).pathname, ms: r.responseEnd - r.startTime, bytes: r.transferSize,
            end: r.responseEnd, after_load: n.loadEventStart > 0 && r.startTime >= n.loadEventStart}))};
})()"""
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


def page_timing(page, url: str) -> dict:
    """Go to ``url`` in ``page`` and return its timing once the load event has ended."""
    page.goto(url, wait_until="load")
    timing = page.evaluate(TIMING)
    while not timing["load"]:
        timing = page.evaluate(TIMING)
    return timing


def page_figures(browser, url: str, again: str, cookie: dict | None, runs: int,
                 api: str | None = None) -> dict[str, list]:
    """Over ``runs`` fresh contexts: the timing of ``url`` in a fresh context and then of ``again`` (another
    address, so that the browser does not take it for a reload) in the same one, and (``api``) the same
    search as JSON fetched from the page."""
    figures: dict[str, list] = {"fresh": [], "again": [], "api": []}
    for _ in range(runs):
        context = browser.new_context()
        if cookie:
            context.add_cookies([cookie])
        page = context.new_page()
        figures["fresh"].append(page_timing(page, url))
        if api:
            figures["api"].append(page.evaluate(f"(async () => {{ const t0 = performance.now();"
                                                f" await (await fetch('{api}')).json();"
                                                f" return performance.now() - t0; }})()"))
        figures["again"].append(page_timing(page, again))
        context.close()
    return figures


# 50 capture times written the three ways a page can write them, in a fresh page: ms.
CLOCKS = """(mode) => {
  const options = {year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit",
                   second: "2-digit"};
  const two = (n) => String(n).padStart(2, "0");
  const t0 = performance.now();
  let one = null;
  for (let i = 0; i < 50; i++) {
    const d = new Date(1764720000000 + i * 61000);
    if (mode === "toLocaleString") d.toLocaleString("zh-CN", options);
    else if (mode === "one Intl.DateTimeFormat") (one = one || new Intl.DateTimeFormat("zh-CN", options)).format(d);
    else `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ` +
         `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
  }
  return performance.now() - t0;
}"""


def clock_figures(browser, runs: int) -> None:
    """The cost of the results page's 50 local times, each way of writing them, in a fresh context."""
    print("\n| 50 local times in a fresh page | median ms | worst |")
    print("|---|---|---|")
    for mode in ("toLocaleString", "one Intl.DateTimeFormat", "written out (the pages' way)"):
        taken = []
        for _ in range(runs):
            context = browser.new_context()
            page = context.new_page()
            page.set_content("<!doctype html><p>clock</p>")
            taken.append(page.evaluate(CLOCKS, mode))
            context.close()
        print(f"| {mode} | {statistics.median(taken):.1f} | {max(taken):.1f} |")


def column(timings: list[dict], key: str) -> str:
    return stats([t[key] for t in timings])


def file_table(label: str, timings: list[dict]) -> None:
    """Each file the page loaded: median and worst ms, and the bytes that crossed the network."""
    names = sorted({(f["name"], f["after_load"]) for t in timings for f in t["files"]})
    for name, after in names:
        seen = [f for t in timings for f in t["files"] if (f["name"], f["after_load"]) == (name, after)]
        print(f"| {label} | `{name}`{' (fetched after the load event)' if after else ''} | {len(seen)} of "
              f"{len(timings)} | {stats([f['ms'] for f in seen])} | {statistics.median(f['bytes'] for f in seen):.0f} |")
    if not names:
        print(f"| {label} | (no file but the page) | | | |")


def steps_table(label: str, timings: list[dict]) -> None:
    """Where a visit's time went: ms from the navigation's start (medians) to each step of the page's load."""
    def median(values: list[float]) -> str:
        return f"{statistics.median(values):.0f}" if values else "–"

    before_load = [max([f["end"] for f in t["files"] if not f["after_load"]], default=t["html"]) for t in timings]
    print(f"| {label} | {median([t['start'] for t in timings])} "
          f"| {median([t['start'] + t['server'] for t in timings])} | {median([t['html'] for t in timings])} "
          f"| {median(before_load)} | {median([t['dcl'] for t in timings])} | {median([t['load'] for t in timings])} |")


def playback_figures(browser, url: str, cookie: dict | None, runs: int) -> tuple[list[float], list[float]]:
    """ms from navigation to the first ``playing`` and to the first ``timeupdate`` past 0, over ``runs`` contexts."""
    playing, moving = [], []
    for _ in range(runs):
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
    ap.add_argument("--runs", type=int, default=RUNS, help="runs of each figure (default %(default)s)")
    ap.add_argument("--no-playback", action="store_true", help="only the search pages and the reference")
    args = ap.parse_args()
    runs = args.runs
    print(f"load average before: {os.getloadavg()}, {os.cpu_count()} CPUs")
    work = Path(tempfile.mkdtemp(prefix="packseal-webbench-"))
    try:
        with hub_servers() as servers, servers.context(work / "hub", retention_days=0) as ctx:
            seconds, _ = fill(ctx.db, args.rows, args.stations)
            print(f"filled {args.rows:,} clips from {args.stations} stations in {seconds:.1f} s")
            with ctx.db.connection() as conn:
                accounts.add_account(conn, "bench", "agent", "bench-password")
                sample = conn.execute("SELECT order_id FROM clips WHERE id = %s",
                                      (max(1, args.rows * 2 // 3),)).fetchone()
                deep = cursor_after(conn.execute("SELECT id, start FROM clips ORDER BY start DESC, id DESC "
                                                 "OFFSET 9999 LIMIT 1").fetchone())
            if not args.no_playback:
                clip = make_clip(work, args.clip_mb)
                data = clip.read_bytes()
                sha = hashlib.sha256(data).hexdigest()
                ctx.store.put_bytes(sha, data)
                with ctx.db.connection() as conn:
                    clip_id = conn.execute(
                        "INSERT INTO clips (station_id, order_id, waybills, packer, sha256, start, duration_s, size, "
                        "status) VALUES ('station-1', 'BENCH60MB', 'BENCH60MB', 'p', %s, now(), 60, %s, 'stored') "
                        "RETURNING id", (sha, len(data))).fetchone()["id"]
                    token = shares.create(conn, clip_id, 3600, "bench")[0]
                print(f"clip {clip_id}: {len(data) / 1e6:.1f} MB")
            stop, ready = threading.Event(), threading.Event()
            urls = []
            app = create_app(ctx)
            app.router.routes.insert(0, Route(FLOOR_PATH, lambda request: HTMLResponse(FLOOR_HTML)))
            server = threading.Thread(target=serve, args=(app, "127.0.0.1", 0, None, stop,
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
                    print(f"\nchromium {browser.version}; {runs} runs each, a fresh context per run; median | worst ms")
                    print("\n| page | SQL median | worst | API (fetch in the page) median | worst "
                          "| fresh: server median | worst | fresh: DOMContentLoaded median | worst "
                          "| fresh: whole load median | worst | again, same context: whole load median | worst "
                          "| rows |")
                    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
                    floor = page_figures(browser, base + FLOOR_PATH, f"{base}{FLOOR_PATH}?again", None, runs)
                    print("| reference: minimal static page, same uvicorn | | | | "
                          f"| {column(floor['fresh'], 'server')} "
                          f"| {column(floor['fresh'], 'dcl')} | {column(floor['fresh'], 'load')} "
                          f"| {column(floor['again'], 'load')} | |")
                    loaded = {}
                    for label, params in ((f"search: partial order ID `{sample['order_id'][-7:]}`",
                                           {"q": sample["order_id"][-7:], "limit": "50"}),
                                          ("search: no filter, newest 50", {"limit": "50"}),
                                          ("search: the page after 10,000 rows (cursor), 50",
                                           {"limit": "50", "cursor": deep})):
                        sql, sql_args = search_query(params)
                        sql_ms = []
                        with ctx.db.connection() as conn:
                            rows = len(conn.execute(sql, sql_args).fetchall())
                            for _ in range(runs):
                                t0 = time.perf_counter()
                                conn.execute(sql, sql_args).fetchall()
                                sql_ms.append((time.perf_counter() - t0) * 1000)
                        query = urlencode(params)
                        # Again: the same search as the page's form sends it (every field, the empty ones too).
                        form = urlencode({"q": "", "from": "", "to": "", "station": "", "packer": "", "outcome": "",
                                          "kind": "", **params})
                        figures = page_figures(browser, f"{base}/search?{query}", f"{base}/search?{form}", cookie, runs,
                                               api=f"/api/clips?{query}")
                        loaded[label] = figures
                        print(f"| {label} | {stats(sql_ms)} | {stats(figures['api'])} "
                              f"| {column(figures['fresh'], 'server')} | {column(figures['fresh'], 'dcl')} "
                              f"| {column(figures['fresh'], 'load')} | {column(figures['again'], 'load')} "
                              f"| {min(rows, int(params['limit']))} |")
                    print("\n| visit | file | loaded in | ms median | worst | bytes over the network (median) |")
                    print("|---|---|---|---|---|---|")
                    newest = loaded["search: no filter, newest 50"]
                    file_table("fresh context", newest["fresh"])
                    file_table("again, same context", newest["again"])
                    print("\n| search: no filter, newest 50 | request sent | server's answer begins "
                          "| HTML received | last file before the load event received | DOMContentLoaded "
                          "| load event ended |")
                    print("|---|---|---|---|---|---|---|")
                    steps_table("fresh context", newest["fresh"])
                    steps_table("again, same context", newest["again"])
                    clock_figures(browser, runs)
                    if not args.no_playback:
                        print(f"\n| start of playback, {len(data) / 1e6:.0f} MB clip | first `playing` median | worst "
                              "| first `timeupdate` median | worst |")
                        print("|---|---|---|---|---|")
                        page = work / "bare.html"
                        page.write_text(f'<!doctype html><video src="{clip.name}" controls></video>', encoding="utf-8")
                        for label, url, with_cookie in (("staff clip page", f"{base}/clips/{clip_id}", cookie),
                                                        ("share link page", f"{base}/s/{token}", None),
                                                        ("reference: file:// page, no hub", page.as_uri(), None)):
                            playing, moving = playback_figures(browser, url, with_cookie, runs)
                            print(f"| {label} | {stats(playing)} | {stats(moving)} |")
                    browser.close()
            finally:
                stop.set()
                server.join(30)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\nload average after: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
