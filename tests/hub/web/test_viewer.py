"""The web viewer in Debian's chromium against a real hub with clips a real station synced.

Login, search, playing a clip to a given time, a share link opened in a
fresh browser context, its expiry and revocation, an agent who may not
manage accounts, the owner who does, both languages, and a phone's viewport.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

import pytest

from tests.hub.web.conftest import STATION_NAME, WEB_ORDERS, log_in, password

pytestmark = pytest.mark.slow


@pytest.fixture
def context(browser):
    ctx = browser.new_context(timezone_id="UTC", locale="en-GB")
    yield ctx
    ctx.close()


def _wait(page, expression: str, limit_s: float = 30.0) -> None:
    """Wait until ``expression`` is true in the page (Playwright's wait_for_function evaluates strings
    with eval, which the pages' Content-Security-Policy forbids; page.evaluate is not held by it)."""
    deadline = time.monotonic() + limit_s
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"still not true after {limit_s} s: {expression}"
        time.sleep(0.05)


def _play_to(page, seconds: float) -> float:
    """Play the page's video until it passes ``seconds``, pause, and return where it stopped."""
    page.evaluate("document.getElementById('player').muted = true; document.getElementById('player').play()")
    _wait(page, f"document.getElementById('player').currentTime >= {seconds}")
    return page.evaluate("(() => { const v = document.getElementById('player'); v.pause(); return v.currentTime; })()")


def test_a_page_is_drawn_from_its_html_alone_in_a_fresh_browser_and_after(web_hub, context):
    """Every page carries the shared style sheet and script (the policy allows them by their hashes): no
    file is asked for before the page's load, on the first page of a fresh browser or on the next."""
    from packseal.hub.pages.assets import asset_url

    page = context.new_page()
    page.add_init_script("window.__refused = []; document.addEventListener('securitypolicyviolation', "
                         "(e) => window.__refused.push(e.violatedDirective + ' ' + e.blockedURI));")
    for step in ("first", "next"):
        if step == "first":
            page.goto(f"{web_hub.url}/lang/en?next=/login")
        else:
            log_in(page, web_hub.url, "cs1")  # the login page again, then the results page
            assert page.evaluate("document.querySelectorAll('#results time').length") > 0
            # the shared script ran: the capture times are written in the viewer's own way
            assert page.evaluate("[...document.querySelectorAll('#results time')].every((t) => "
                                 "/^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d$/.test(t.textContent))")
        assert page.evaluate("[...document.styleSheets].map((s) => s.ownerNode.tagName)") == ["STYLE"], step
        assert page.evaluate("getComputedStyle(document.querySelector('header.bar')).display") == "flex", step
        assert page.evaluate("typeof PackSeal === 'object'"), step
        asked = page.evaluate("performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname)")
        # nothing but the page's own script (the login page's), never the shared style sheet or script
        assert asked == ([asset_url("login.js")] if step == "first" else []), (step, asked)
        assert page.evaluate("window.__refused") == [], step  # the policy refused nothing


def test_login_search_and_play_a_clip_to_a_given_time(web_hub, context):
    page = context.new_page()
    page.goto(f"{web_hub.url}/search")
    assert page.url.startswith(f"{web_hub.url}/login")  # no session: the login page
    page.fill("input[name=user]", "cs1")
    page.fill("input[name=password]", "not-the-password")
    page.click("button[type=submit]")
    page.wait_for_selector("#login-problem:not([hidden])")
    assert page.inner_text("#login-problem") == "Wrong user name or password."
    page.fill("input[name=password]", password("cs1"))
    page.click("button[type=submit]")
    page.wait_for_url(f"{web_hub.url}/search")
    # Part of an order number finds it among every station's clips.
    page.fill("input[name=q]", "0000202")
    page.click("#search button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#results a.order").all_inner_texts() == [WEB_ORDERS[1]]
    page.click("#results a.order")
    clip_id = web_hub.clips[WEB_ORDERS[1]]
    page.wait_for_url(f"{web_hub.url}/clips/{clip_id}")
    assert STATION_NAME in page.inner_text("main")
    _wait(page, "document.body.dataset.facts === 'loaded'")
    facts = page.evaluate(f"PackSeal.call('GET', '/api/clips/{clip_id}')")
    # The seal's verdict as packseal verify gives it, in the page's language.
    assert page.inner_text("#v-verdict") == {"unanchored": "intact, not anchored", "anchored": "anchored"}[
        facts["verdict"]["verdict"]]
    assert page.inner_text("#v-key") == facts["verdict"]["key_fingerprint"]
    assert page.inner_text("#trust-words") == facts["trust_words"]["en"]
    assert page.inner_text("#v-witnessed").startswith("yes, at")  # the hub cosigned the station's checkpoint
    assert page.locator("#frames-note").is_hidden()
    # Opening the page is a view, not a play: the player asks for no video until it is played.
    page.wait_for_timeout(1500)
    actions = [r["action"] for r in web_hub.query(
        "SELECT action FROM audit_log WHERE clip_id = %s AND account_name = 'cs1'", clip_id)]
    assert "clip.view" in actions and "clip.play" not in actions
    stopped = _play_to(page, 1.0)
    state = page.evaluate("(() => { const v = document.getElementById('player');"
                          " return {played: v.played.length, ready: v.readyState, w: v.videoWidth,"
                          " duration: v.duration}; })()")
    assert state["played"] >= 1 and state["ready"] >= 2 and state["w"] == 320 and state["duration"] > 3
    # The capture time shown is that of the frame on screen: the first frame's capture time plus its
    # presentation time, from the frame times the hub read from the sealed file.
    times = facts["frames"]["times_s"]
    assert len(times) == facts["frame_count"]
    shown_frame = max(t for t in times if t <= stopped + 0.0005)
    first = datetime.fromisoformat(facts["frames"]["first_captured_at"].replace("Z", "+00:00"))
    expected = first + timedelta(seconds=shown_frame)
    assert page.inner_text("#capture-time") == (expected.strftime("%Y-%m-%d %H:%M:%S.")
                                                + f"{expected.microsecond // 1000:03d}")
    # One frame on, then one back: exactly the next frame's and then the first one's capture time again.
    index = times.index(shown_frame)
    page.click("#next-frame")
    _wait(page, f"document.getElementById('player').currentTime > {shown_frame + 0.0015}")
    after = first + timedelta(seconds=times[index + 1])
    _wait(page, f"document.getElementById('capture-time').textContent.endsWith('{after.microsecond // 1000:03d}')")
    page.click("#prev-frame")
    _wait(page, f"document.getElementById('capture-time').textContent.endsWith('{expected.microsecond // 1000:03d}')")
    # The play was recorded in the audit log.
    actions = [r["action"] for r in web_hub.query(
        "SELECT action FROM audit_log WHERE clip_id = %s AND account_name = 'cs1'", clip_id)]
    assert "clip.view" in actions and "clip.play" in actions


def test_a_share_link_opens_in_a_fresh_context_then_is_revoked(web_hub, browser, context):
    page = context.new_page()
    log_in(page, web_hub.url, "cs1")
    clip_id = web_hub.clips[WEB_ORDERS[0]]
    page.goto(f"{web_hub.url}/clips/{clip_id}")
    page.select_option("#share-form select", str(3600))
    page.click("#share-form button[type=submit]")
    page.wait_for_selector("#share-made:not([hidden])")
    url = page.input_value("#share-url")
    assert url.startswith(f"{web_hub.url}/s/")
    outsider = browser.new_context(timezone_id="UTC", locale="zh-CN", extra_http_headers={"Accept-Language": "zh-CN"})
    try:
        shared = outsider.new_page()
        answer = shared.goto(url)
        assert answer.status == 200
        text = shared.inner_text("main")
        assert WEB_ORDERS[0] in text and STATION_NAME in text and "订单打包视频" in text
        assert shared.inner_text("#trust-words").startswith("完好：")  # the verdict in plain words
        # Intact but with no trusted time (and from a test source): said in the colour of a caution, not green.
        assert shared.get_attribute("#trust-words", "class") == "caution"
        assert shared.evaluate("getComputedStyle(document.getElementById('trust-words')).color") == "rgb(154, 98, 0)"
        with shared.expect_download() as pack:
            shared.click("#download-pack")
        assert pack.value.suggested_filename.endswith(".zip")
        assert WEB_ORDERS[1] not in text and shared.locator("header nav").count() == 0
        _play_to(shared, 0.5)
        # Nothing else is reachable from the link: the staff pages want a login.
        shared.goto(f"{web_hub.url}/search")
        assert "/login" in shared.url
        # The views are listed on the clip page.
        page.reload()
        views = page.inner_text("#shares")
        assert "opened the share link" in views and "played through the share link" in views
        assert "127.0.0.1" in views
        # Revoked from the clip page: the link now gives 410 with a clear page.
        page.click("button.revoke")
        page.wait_for_load_state()
        page.wait_for_selector("#shares td.state")
        gone = shared.goto(url)
        assert gone.status == 410 and "此链接已失效" in shared.inner_text("main")
    finally:
        outsider.close()


def test_an_expired_link_gives_410(web_hub, browser, context):
    page = context.new_page()
    log_in(page, web_hub.url, "cs1")
    clip_id = web_hub.clips[WEB_ORDERS[1]]
    made = page.evaluate(f"PackSeal.call('POST', '/api/clips/{clip_id}/share', {{expires_s: 1}})")
    until = datetime.fromisoformat(made["expires_at"])
    outsider = browser.new_context(locale="en-GB", extra_http_headers={"Accept-Language": "en"})
    try:
        while datetime.now(timezone.utc) <= until + timedelta(milliseconds=200):
            time.sleep(0.2)
        answer = outsider.new_page().goto(made["url"])
        assert answer.status == 410
        assert "The link has expired" in outsider.pages[0].inner_text("main")
    finally:
        outsider.close()


def test_an_agent_may_not_manage_accounts_and_an_owner_may(web_hub, context, browser):
    page = context.new_page()
    log_in(page, web_hub.url, "cs1")
    assert page.locator("header nav a[href='/accounts']").count() == 0
    assert page.goto(f"{web_hub.url}/accounts").status == 403
    assert "Not allowed" in page.inner_text("main")
    refused = page.evaluate("PackSeal.call('POST', '/api/accounts', {name: 'sneaky', role: 'owner',"
                            " password: 'sneaky-password'}).then(() => 'made', e => e.status)")
    assert refused == 403
    owner = browser.new_context(locale="en-GB")
    try:
        op = owner.new_page()
        log_in(op, web_hub.url, "boss")
        op.click("header nav a[href='/accounts']")
        op.fill("#add-account input[name=name]", "cs-new")
        op.select_option("#add-account select[name=role]", "agent")
        op.fill("#add-account input[name=password]", "cs-new-password")
        op.click("#add-account button[type=submit]")
        op.wait_for_selector("tr[data-name='cs-new']")
        op.click("tr[data-name='cs-new'] button.toggle")
        op.wait_for_selector("tr[data-name='cs-new'] button.toggle[data-disabled='false']")
        assert web_hub.query("SELECT disabled FROM accounts WHERE name = 'cs-new'") == [{"disabled": True}]
        op.click("header nav a[href='/audit']")
        log_text = op.inner_text("#audit")
        assert "added an account" in log_text and "disabled an account" in log_text
        # A refused change is said in the page's language, the account's name in it.
        op.click("header nav a[href='/accounts']")
        for lang, said in (("en", "That did not work: there is already an account named cs-new."),
                           ("zh", "操作失败： 已有名为 cs-new 的账号。")):
            if lang == "zh":  # the page shows a link to the other language only
                op.click("header .langs a[hreflang='zh']")
                op.wait_for_load_state()
            op.fill("#add-account input[name=name]", "cs-new")
            op.fill("#add-account input[name=password]", "cs-new-password")
            op.click("#add-account button[type=submit]")
            op.wait_for_selector("#failure:not([hidden])")
            assert op.inner_text("#failure") == said
    finally:
        owner.close()


def test_the_pages_speak_chinese_and_switch_language(web_hub, context):
    page = context.new_page()
    log_in(page, web_hub.url, "audit1", lang="zh")
    assert "查找订单视频" in page.inner_text("h1")
    page.click("header .langs a[hreflang='en']")
    page.wait_for_load_state()
    assert page.inner_text("h1") == "Find an order's clip"
    page.goto(f"{web_hub.url}/health")
    assert STATION_NAME in page.inner_text("#stations")
    # An auditor reads but does not share.
    page.goto(f"{web_hub.url}/clips/{web_hub.clips[WEB_ORDERS[2]]}")
    assert page.locator("#share-form").count() == 0


def test_the_search_page_sends_the_viewers_time_zone_so_a_date_is_the_viewers_day(web_hub, browser):
    shanghai = browser.new_context(timezone_id="Asia/Shanghai", locale="zh-CN")
    try:
        page = shanghai.new_page()
        log_in(page, web_hub.url, "cs1")
        page.goto(f"{web_hub.url}/search")
        assert page.input_value("input[name=tz]") == "480"
        page.fill("input[name=from]", "2026-12-05")
        page.click("#search button[type=submit]")
        page.wait_for_load_state()
        assert "tz=480" in page.url and page.input_value("input[name=tz]") == "480"
    finally:
        shanghai.close()


def test_a_phone_sized_viewport(web_hub, browser):
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                device_scale_factor=2, locale="zh-CN")
    try:
        page = phone.new_page()
        log_in(page, web_hub.url, "cs1", lang="zh")
        page.fill("input[name=q]", "SF2000")
        page.click("#search button[type=submit]")
        page.wait_for_load_state()
        assert sorted(page.locator("#results a.order").all_inner_texts()) == sorted(WEB_ORDERS[:2])
        # Nothing wider than the screen; the table reads as one card per clip.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert page.evaluate("getComputedStyle(document.querySelector('#results thead')).display") == "none"
        page.click("#results a.order >> nth=0")
        page.wait_for_selector("#player")
        page.wait_for_load_state()  # measured once loaded: a busy machine once measured it before (441 px)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        box = page.locator("#player").bounding_box()
        assert box["width"] > 300
        _play_to(page, 0.5)
    finally:
        phone.close()


def test_a_refund_photo_is_compared_on_the_hub_from_the_browser(web_hub, web_station, context, tmp_path):
    import cv2

    clip_file = next((web_station / "clips").rglob(f"{WEB_ORDERS[1]}_*.mp4"))
    video = cv2.VideoCapture(str(clip_file))
    video.set(cv2.CAP_PROP_POS_MSEC, 2500)
    ok, frame = video.read()
    video.release()
    assert ok
    photo = tmp_path / "buyer photo.jpg"
    cv2.imwrite(str(photo), frame, [cv2.IMWRITE_JPEG_QUALITY, 90])
    page = context.new_page()
    log_in(page, web_hub.url, "cs1")
    clip_id = web_hub.clips[WEB_ORDERS[1]]
    page.goto(f"{web_hub.url}/clips/{clip_id}")
    page.set_input_files("#dispute-form input[name=photo]", str(photo))
    page.click("#dispute-form button[type=submit]")
    _wait(page, "!document.getElementById('dispute-result').hidden", limit_s=180)
    dispute_id = page.get_attribute("#dispute-result", "data-dispute")
    stored = page.evaluate(f"PackSeal.call('GET', '/api/disputes/{dispute_id}')")
    assert stored["clip_id"] == clip_id and stored["photo"]["name"] == "buyer photo.jpg"
    expected = "No frame of this clip matches the photo." if stored["result"]["no_match"] else \
        "The photo matches frames of this clip."
    assert page.inner_text("#dispute-verdict") == expected
    assert not stored["result"]["no_match"]  # a frame of the clip itself is found in it
    # Every picture the comparison made is shown, served by the hub, and really an image.
    pictures = page.locator("#dispute-images img")
    assert sorted(pictures.evaluate_all("imgs => imgs.map(i => i.dataset.picture)")) == sorted(stored["images"])
    assert "side_by_side" in stored["images"]
    _wait(page, "[...document.querySelectorAll('#dispute-images img')].every(i => i.complete && i.naturalWidth > 0)")
    # Beside each picture, the words saying which part is which, with the comparison's numbers (the
    # pictures hold only numbers); in the page's language.
    best, (w, h) = stored["result"]["matches"][0], stored["photo"]["size"]
    beside = "#dispute-images figure:has(img[data-picture=side_by_side]) figcaption"
    note = page.inner_text(beside)
    assert note.startswith("Side by side") and f"the refund photo, {w} × {h} pixels" in note, note
    assert f"the clip's frame at {best['t_s']:.1f} s" in note, note
    heat = page.inner_text("#dispute-images figure:has(img[data-picture=heatmap]) figcaption")
    assert f"differs from the frame at {best['t_s']:.1f} s" in heat, heat
    # Every finding has its Chinese sentence, and the Chinese page shows them, the English one the core's.
    findings = stored["result"]["findings"]
    assert findings and all(f["message_zh"] for f in findings), findings
    assert page.locator("#dispute-findings li").all_inner_texts() == [f["message"] for f in findings]
    page.goto(f"{web_hub.url}/lang/zh?next=/clips/{clip_id}")
    page.click(f"button.show-dispute[data-dispute='{dispute_id}']")
    _wait(page, "!document.getElementById('dispute-result').hidden")
    said = page.locator("#dispute-findings li").all_inner_texts()
    assert said == [f["message_zh"] for f in findings]
    assert all(any("\u4e00" <= c <= "\u9fff" for c in text) for text in said), said
    note = page.inner_text(beside)
    assert note.startswith("并排对比") and f"退款照片，{w} × {h} 像素" in note and f"{best['t_s']:.1f} 秒处的画面" in note, note
    page.goto(f"{web_hub.url}/lang/en?next=/clips/{clip_id}")
    page.click(f"button.show-dispute[data-dispute='{dispute_id}']")
    _wait(page, "!document.getElementById('dispute-result').hidden")
    # The evidence pack with this dispute downloads from the page.
    with page.expect_download() as download:
        page.click("#dispute-pack")
    path = download.value.path()
    import zipfile
    with zipfile.ZipFile(path) as pack:
        names = pack.namelist()
    assert any("buyer photo" in n or n.endswith(".jpg") for n in names), names
    assert web_hub.query("SELECT count(*) AS n FROM audit_log WHERE action = 'dispute.upload' AND clip_id = %s",
                         clip_id)[0]["n"] == 1
