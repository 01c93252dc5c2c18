"""Screenshots of every web viewer page in English and Chinese, for docs/screenshots/ and a human eye.

Not a test. It starts what the browser tests start (the session's PostgreSQL
and SeaweedFS, ``packseal hub`` on loopback, a station that records three
orders from the test camera and syncs them), adds a share link that was
viewed, one that was revoked and a refund-photo comparison, then drives
Debian's chromium headless::

    PYTHONPATH=app:. .venv/bin/python tests/hub/web/make_screenshots.py docs/screenshots
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # run as a script: the tests' support package

from packseal.hub.db import Database  # noqa: E402
from tests.hub.sync.conftest import Hub  # noqa: E402
from tests.hub.web.conftest import CHROMIUM, STATION_NAME, WEB_ORDERS, password, populate  # noqa: E402
from tests.support.hub_servers import hub_servers, start_hub  # noqa: E402
from tests.support.recorded_station import record_station  # noqa: E402

DESKTOP = {"width": 1280, "height": 860}
PHONE = {"width": 390, "height": 844}


def _wait(page, expression: str) -> None:
    for _ in range(600):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(100)
    raise RuntimeError(f"never true: {expression}")


def _log_in(page, base: str, name: str, lang: str) -> None:
    page.goto(f"{base}/lang/{lang}?next=/login")
    page.fill("input[name=user]", name)
    page.fill("input[name=password]", password(name))
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/search")


def _photo_of(station: Path, order: str, out: Path) -> Path:
    import cv2

    video = cv2.VideoCapture(str(next((station / "clips").rglob(f"{order}_*.mp4"))))
    video.set(cv2.CAP_PROP_POS_MSEC, 2500)
    ok, frame = video.read()
    video.release()
    assert ok, "no frame read from the clip"
    cv2.imwrite(str(out), frame, [cv2.IMWRITE_JPEG_QUALITY, 90])
    return out


def shoot(base: str, clips: dict[str, int], links: dict[str, str], out: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        for lang in ("en", "zh"):
            locale = "zh-CN" if lang == "zh" else "en-GB"
            desk = browser.new_context(viewport=DESKTOP, locale=locale, timezone_id="Asia/Shanghai")
            page = desk.new_page()
            page.goto(f"{base}/lang/{lang}?next=/login")
            page.screenshot(path=out / f"web-login-{lang}.png")
            _log_in(page, base, "boss", lang)
            page.goto(f"{base}/search?q=SF2000")
            page.screenshot(path=out / f"web-search-{lang}.png", full_page=True)
            clip = clips[WEB_ORDERS[0]]
            page.goto(f"{base}/clips/{clip}")
            _wait(page, "document.body.dataset.facts === 'loaded'")
            page.evaluate("(() => { const v = document.getElementById('player'); v.muted = true;"
                          " v.currentTime = 1.2; })()")
            _wait(page, "document.getElementById('player').readyState >= 2")
            page.screenshot(path=out / f"web-clip-{lang}.png", full_page=True)
            dispute_clip = clips[WEB_ORDERS[1]]
            page.goto(f"{base}/clips/{dispute_clip}")
            page.click("button.show-dispute")
            _wait(page, "[...document.querySelectorAll('#dispute-images img')].length > 0 && "
                        "[...document.querySelectorAll('#dispute-images img')].every(i => i.complete)")
            page.locator("#disputes").screenshot(path=out / f"web-dispute-{lang}.png")
            page.goto(f"{base}/accounts")
            page.screenshot(path=out / f"web-accounts-{lang}.png", full_page=True)
            page.goto(f"{base}/audit")
            page.screenshot(path=out / f"web-audit-{lang}.png")
            page.goto(f"{base}/health")
            page.screenshot(path=out / f"web-health-{lang}.png", full_page=True)
            desk.close()
            outsider = browser.new_context(viewport=DESKTOP, locale=locale, timezone_id="Asia/Shanghai",
                                           extra_http_headers={"Accept-Language": locale})
            shared = outsider.new_page()
            shared.goto(links["live"])
            shared.evaluate("document.getElementById('player').currentTime = 1.2")  # the player loads on demand
            _wait(shared, "document.getElementById('player').readyState >= 2")
            shared.screenshot(path=out / f"web-share-{lang}.png", full_page=True)
            shared.goto(links["revoked"])
            shared.screenshot(path=out / f"web-gone-{lang}.png")
            outsider.close()
            phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2,
                                        locale=locale, timezone_id="Asia/Shanghai")
            page = phone.new_page()
            _log_in(page, base, "cs1", lang)
            page.goto(f"{base}/search?q=SF2000")
            page.screenshot(path=out / f"web-phone-search-{lang}.png", full_page=True)
            page.goto(f"{base}/clips/{clip}")
            _wait(page, "document.body.dataset.facts === 'loaded'")
            page.evaluate("document.getElementById('player').currentTime = 1.2")  # the player loads on demand
            _wait(page, "document.getElementById('player').readyState >= 2")
            page.screenshot(path=out / f"web-phone-clip-{lang}.png")
            page.goto(links["live"])
            page.evaluate("document.getElementById('player').currentTime = 1.2")  # the player loads on demand
            _wait(page, "document.getElementById('player').readyState >= 2")
            page.screenshot(path=out / f"web-phone-share-{lang}.png", full_page=True)
            phone.close()
        browser.close()


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="packseal-web-shots-"))
    try:
        station = record_station(work / "station", [(WEB_ORDERS[0], None), (WEB_ORDERS[1], None),
                                                    (WEB_ORDERS[2], WEB_ORDERS[0])],
                                 seconds=3, station_name=STATION_NAME)
        with hub_servers() as servers:
            db_url = servers.new_database()
            db = Database(db_url, max_size=3)
            db.open()
            hub = Hub(servers, work / "hub", db_url, servers.new_bucket_endpoint(), db)
            try:
                # Retention of one day, so that the health page shows Object Lock enforced (the objects
                # then cannot be deleted: the bucket goes with the servers' temporary folder).
                args, env = hub.args()
                hub.process = start_hub(hub.data_dir, "--listen", "127.0.0.1:0", "--retention-days", "1", *args,
                                        env=env)
                hub.port = urlsplit(hub.process.wait_ready()).port
                clips = populate(hub, station)
                links = _prepare(hub.url, clips, _photo_of(station, WEB_ORDERS[1], work / "refund photo.jpg"))
                shoot(hub.url, clips, links, out)
            finally:
                hub.stop()
                db.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _prepare(base: str, clips: dict[str, int], photo: Path) -> dict[str, str]:
    """A live share link viewed once, a revoked one, and a refund-photo comparison, made through the API."""
    import httpx

    with httpx.Client(base_url=base, timeout=300) as client:
        answer = client.post("/api/login", json={"user": "cs1", "password": password("cs1")})
        client.headers["X-CSRF-Token"] = answer.json()["csrf"]
        clip = clips[WEB_ORDERS[0]]
        live = client.post(f"/api/clips/{clip}/share", json={"expires_s": 7 * 86400}).json()["url"]
        revoked = client.post(f"/api/clips/{clip}/share", json={"expires_s": 3600}).json()
        client.delete(f"/api/shares/{revoked['token']}").raise_for_status()
        httpx.get(live, headers={"User-Agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)"})
        made = client.post(f"/api/clips/{clips[WEB_ORDERS[1]]}/disputes", params={"name": photo.name},
                           content=photo.read_bytes(), headers={"Content-Type": "image/jpeg"})
        made.raise_for_status()
    return {"live": live, "revoked": revoked["url"]}


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
