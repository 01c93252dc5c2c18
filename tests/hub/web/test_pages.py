"""The web pages without a browser: both languages complete, every page renders in each, no outside assets."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from packseal.hub import shares
from packseal.hub.pages.assets import STATIC_DIR
from packseal.hub.pages.messages import EN, ZH, pick_language
from packseal.hub.pages.render import TEMPLATES_DIR
from tests.support.hub_rows import add_station, staff_session, store_clip


def test_both_languages_have_every_text_and_the_templates_use_only_known_ones():
    assert set(EN) == set(ZH)
    assert all(v.strip() for v in (*EN.values(), *ZH.values()))
    used = set()
    for template in TEMPLATES_DIR.glob("*.html"):
        used |= set(re.findall(r"\bt\.([a-z_0-9]+)", template.read_text(encoding="utf-8")))
    used.discard("get")
    assert used <= set(EN), used - set(EN)


def test_every_audited_action_has_words_in_both_languages():
    hub = Path(shares.__file__).parent
    actions = {"account.enable", *shares.VIEW_ACTIONS}
    for module in hub.rglob("*.py"):
        actions |= set(re.findall(r"record\(conn,(?: request,)? \"([a-z_.]+)\"", module.read_text(encoding="utf-8")))
    assert {"login", "clip.view", "share.create", "dispute.upload", "clip.pack"} <= actions
    for action in actions:
        assert "act_" + action.replace(".", "_") in EN, action


def test_the_language_comes_from_the_switch_then_the_browser():
    assert pick_language(None, "zh-CN,zh;q=0.9,en;q=0.8") == "zh"
    assert pick_language(None, "en-US,en;q=0.9,zh;q=0.8") == "en"
    assert pick_language(None, "fr-FR,zh-TW;q=0.5") == "zh"
    assert pick_language(None, "de, en;q=0.1, zh;q=0.5") == "zh"
    assert pick_language(None, None) == "en"
    assert pick_language("zh", "en") == "zh" and pick_language("xx", "en") == "en"


def test_nothing_is_loaded_from_outside_the_hub():
    for path in [*TEMPLATES_DIR.glob("*.html"), *STATIC_DIR.iterdir()]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"(src|href)=\"(https?:)?//", text), path
        assert "url(http" not in text and "@import" not in text, path
        # CSP: no inline script or style but the shared files' own texts (allowed by their hashes)
        inline = re.sub(r'<(style|script)>\{\{ inline\["app\.(css|js)"\]\|safe \}\}</(style|script)>', "", text)
        assert not re.search(r"<(script|style)>(?!\s*</script>)", inline) and " style=" not in text, path


def test_every_page_carries_the_shared_style_and_script_allowed_by_their_hashes(make_hub_client, hub_account):
    import base64
    import hashlib

    from packseal.hub.pages.assets import asset_url

    client = make_hub_client()
    css, js = ((STATIC_DIR / name).read_text(encoding="utf-8") for name in ("app.css", "app.js"))
    pages = [client.get("/login")]
    staff_session(client, *hub_account)
    pages += [client.get("/search"), client.get("/login")]  # a browser's later pages too
    for page in pages:
        assert f"<style>{css}</style>" in page.text and f"<script>{js}</script>" in page.text
        assert asset_url("app.css") not in page.text and asset_url("app.js") not in page.text
        policy = page.headers["content-security-policy"]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        for text, kind in ((css, "style-src"), (js, "script-src")):
            digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
            assert directives[kind] == f"'self' 'sha256-{digest}'", policy
        assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy


def test_static_files_go_by_their_content_and_are_kept_by_the_browser(make_hub_client, hub_context, hub_account):
    import hashlib

    client = make_hub_client()
    staff_session(client, *hub_account)
    named = set()
    for path in ("/login", "/search", "/accounts"):
        named |= set(re.findall(r'(?:src|href)="(/static/[^"]+)"', client.get(path).text))
    assert {re.sub(r"\.[0-9a-f]{12}\.", ".", url) for url in named} == {"/static/login.js", "/static/accounts.js"}
    for url in named:
        answer = client.get(url)
        name = re.sub(r"\.[0-9a-f]{12}\.", ".", url.rsplit("/", 1)[1])
        body = (STATIC_DIR / name).read_bytes()
        assert answer.status_code == 200 and answer.content == body, url
        assert url.split(".")[-2] == hashlib.sha256(body).hexdigest()[:12], url
        assert answer.headers["cache-control"] == "public, max-age=31536000, immutable", url
        assert answer.headers["content-type"].startswith("text/css" if url.endswith(".css") else "text/javascript")
        stale = url.replace(url.split(".")[-2], "0" * 12)
        assert client.get(stale).status_code == 404, stale  # an older version's name is not served


@pytest.mark.parametrize("lang, word", [("en", "Search"), ("zh", "搜索")])
def test_every_staff_page_renders_in_each_language(make_hub_client, hub_context, hub_account, lang, word):
    with hub_context.db.connection() as conn:
        add_station(conn, "st-a", "Bench 东 1")
    clip = store_clip(hub_context, "SF-PAGE-1", b"x" * 1000, outcome="incomplete")
    client = make_hub_client()
    staff_session(client, *hub_account)
    client.cookies.set("packseal_lang", lang)
    for path in ("/search", "/search?q=PAGE&outcome=incomplete", f"/clips/{clip}", "/accounts", "/audit", "/health"):
        page = client.get(path)
        assert page.status_code == 200, (path, page.text[:300])
        assert f'lang="{"zh-CN" if lang == "zh" else "en"}"' in page.text and word in page.text, path
        assert page.headers["content-security-policy"].startswith("default-src 'self'")
    assert client.get("/search", params={"from": "yesterday"}).status_code == 400
    assert client.get("/clips/999999").status_code == 404
    assert client.get("/no/such/page").status_code == 404
    client.cookies.delete("packseal_hub_session")
    login = client.get("/search", follow_redirects=False)
    assert login.status_code == 303 and login.headers["location"] == "/login?next=/search"
    assert client.get("/login").status_code == 200


@pytest.mark.parametrize("lang, share_words, seconds", [("en", "share link #", "s"), ("zh", "分享链接 #", "秒")])
def test_the_audit_page_names_the_order_and_what_else_in_words(make_hub_client, hub_context, hub_account, lang,
                                                              share_words, seconds):
    with hub_context.db.connection() as conn:
        add_station(conn)
    clip = store_clip(hub_context, "SF-AUDIT-77", b"v" * 500)
    client = make_hub_client()
    staff_session(client, *hub_account)
    client.cookies.set("packseal_lang", lang)
    made = client.post(f"/api/clips/{clip}/share", json={"expires_s": 600}).json()
    entry = next(e for e in client.get("/api/audit").json()["entries"] if e["action"] == "share.create")
    assert entry["order_id"] == "SF-AUDIT-77" and entry["target"] == f"share:{made['id']}"
    page = client.get("/audit").text
    assert f'<a href="/clips/{clip}" class="order">SF-AUDIT-77</a>' in page
    assert f"{share_words}{made['id']}" in page and f"share:{made['id']}" not in page
    listed = client.get("/search", params={"q": "AUDIT-77"}).text
    assert re.search(rf">\d+\.\d {seconds}</td>", listed)  # the clip's length in the page's language


@pytest.mark.parametrize("lang, words", [("en", "the start date yesterday is neither a date"),
                                         ("zh", "开始日期 yesterday 既不是日期")])
def test_a_search_that_cannot_be_read_is_told_in_the_page_language(make_hub_client, hub_account, lang, words):
    client = make_hub_client()
    staff_session(client, *hub_account)
    client.cookies.set("packseal_lang", lang)
    page = client.get("/search", params={"from": "yesterday"})
    assert page.status_code == 400 and words in page.text
    for params, field in (({"limit": "0"}, "limit"), ({"cursor": "!!"}, "cursor"), ({"kind": "gift"}, "kind"),
                          ({"outcome": "lost"}, "outcome"), ({"to": "2026-13-40"}, "to")):
        answer = client.get("/search", params=params)
        assert answer.status_code == 400, params
        assert client.get("/api/clips", params=params).status_code == 400, params
        assert (ZH if lang == "zh" else EN)[f"bad_search_{field}"].split("{")[0] in html.unescape(answer.text), params
