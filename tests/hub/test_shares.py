"""Share links on the real PostgreSQL and SeaweedFS: the API, the shared page, expiry, revocation, views."""

from __future__ import annotations

import hashlib
import math
import re
from datetime import datetime, timedelta, timezone

import pytest

from packseal.hub import shares
from tests.support.hub_rows import add_station, staff_session, store_clip

VIDEO = bytes(range(256)) * 600 + b"end-of-video"


@pytest.fixture
def two_clips(hub_context, hub_account, hub_client):
    with hub_context.db.connection() as conn:
        add_station(conn, "st-a", "Bench 东 1")
    first = store_clip(hub_context, "SF-SHARE-1", VIDEO)
    second = store_clip(hub_context, "SF-SHARE-2", b"another clip " * 500)
    staff_session(hub_client, *hub_account)
    return first, second


def _share(client, clip_id, seconds=3600):
    answer = client.post(f"/api/clips/{clip_id}/share", json={"expires_s": seconds})
    assert answer.status_code == 201, answer.text
    return answer.json()


def test_a_share_link_is_random_expires_when_asked_and_the_hub_keeps_only_its_hash(hub_client, hub_context,
                                                                                    two_clips):
    first, _ = two_clips
    before = datetime.now(timezone.utc)
    made = _share(hub_client, first, 90)
    assert set(made) == {"url", "token", "id", "expires_at"}
    token = made["token"]
    assert re.fullmatch(r"[A-Za-z0-9_-]{32}", token)  # 24 bytes from secrets: 192 bits
    assert math.log2(64) * len(token) >= 128
    assert made["url"] == f"http://testserver/s/{token}"
    expires = datetime.fromisoformat(made["expires_at"])
    assert before + timedelta(seconds=89) < expires < datetime.now(timezone.utc) + timedelta(seconds=91)
    assert _share(hub_client, first)["token"] != token
    with hub_context.db.connection() as conn:
        row = conn.execute("SELECT token_sha256, token_prefix FROM shares WHERE id = %s", (made["id"],)).fetchone()
        dump = str(conn.execute("SELECT * FROM shares").fetchall())
    assert bytes(row["token_sha256"]) == hashlib.sha256(token.encode()).digest()
    assert row["token_prefix"] == token[:shares.PREFIX] and token not in dump
    for bad in (0, -5, 1.5, "3600", None, True, shares.MAX_EXPIRY_S + 1):
        assert hub_client.post(f"/api/clips/{first}/share", json={"expires_s": bad}).status_code == 400, bad
    assert hub_client.post("/api/clips/999999/share", json={"expires_s": 60}).status_code == 404


def test_the_shared_page_shows_that_order_plays_by_range_and_logs_each_view(make_hub_client, hub_client,
                                                                             hub_context, two_clips):
    first, _ = two_clips
    made = _share(hub_client, first)
    outsider = make_hub_client()  # no session, as a buyer's browser
    outsider.headers["User-Agent"] = "BuyerPhone/2.0"
    page = outsider.get(f"/s/{made['token']}", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    assert "SF-SHARE-1" in page.text and "Bench 东 1" in page.text and "SF-SHARE-2" not in page.text
    assert page.headers["referrer-policy"] == "no-referrer" and "frame-ancestors 'none'" in \
        page.headers["content-security-policy"]
    assert f"/s/{made['token']}/video" in page.text
    # Nothing else reachable: no link, form or script address but the share's own (the shared script every
    # page carries, written into a browser's first page, is the same file other pages load).
    from packseal.hub.pages.assets import inline_text

    own = page.text.replace(inline_text("app.js"), "")
    assert "/api/" not in own and "/search" not in own
    whole = outsider.get(f"/s/{made['token']}/video?download=1")
    assert whole.status_code == 200 and whole.content == VIDEO
    assert whole.headers["content-disposition"] == 'attachment; filename="order-SF-SHARE-1.mp4"'
    part = outsider.get(f"/s/{made['token']}/video", headers={"Range": "bytes=100-199"})
    assert part.status_code == 206 and part.content == VIDEO[100:200]
    assert part.headers["content-range"] == f"bytes 100-199/{len(VIDEO)}"
    assert outsider.get(f"/s/{made['token']}/video", headers={"Range": "bytes=0-"}).status_code == 206
    # The token opens no staff route.
    outsider.cookies.set("packseal_hub_session", made["token"])
    assert outsider.get("/api/clips").status_code == 401
    assert outsider.get(f"/api/clips/{first}/video").status_code == 401
    assert outsider.get("/search", follow_redirects=False).status_code == 303
    listed = hub_client.get(f"/api/clips/{first}/shares").json()["shares"]
    mine = next(s for s in listed if s["id"] == made["id"])
    assert mine["live"] is True and mine["created_by"] == "owner1" and mine["token_prefix"] == made["token"][:6]
    assert [v["action"] for v in mine["views"]] == ["share.view", "share.download", "share.video"]
    assert all(v["user_agent"] == "BuyerPhone/2.0" and v["client"] and v["at"] for v in mine["views"])
    assert "token" not in mine
    clip_page = hub_client.get(f"/clips/{first}", headers={"Accept-Language": "en"})
    assert "BuyerPhone/2.0" in clip_page.text and f"/s/{made['token'][:6]}…" in clip_page.text


def test_a_revoked_or_expired_link_answers_410_and_an_unknown_one_404(make_hub_client, hub_client, hub_context,
                                                                       two_clips):
    first, _ = two_clips
    revoked, expired = _share(hub_client, first), _share(hub_client, first, 1)
    with hub_context.db.connection() as conn:
        conn.execute("UPDATE shares SET expires_at = now() - interval '1 second' WHERE id = %s", (expired["id"],))
    assert hub_client.delete(f"/api/shares/{revoked['token']}").status_code == 200
    assert hub_client.delete(f"/api/shares/{revoked['token']}").status_code == 200  # already revoked: same
    assert hub_client.delete("/api/shares/no-such-token-at-all-0000000000000").status_code == 404
    outsider = make_hub_client()
    for made, words in ((revoked, "withdrawn"), (expired, "expired")):
        page = outsider.get(f"/s/{made['token']}", headers={"Accept-Language": "en"})
        assert page.status_code == 410 and words in page.text and "SF-SHARE-1" not in page.text
        assert outsider.get(f"/s/{made['token']}/video").status_code == 410
    zh = outsider.get(f"/s/{revoked['token']}", headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    assert zh.status_code == 410 and "此链接已失效" in zh.text
    assert outsider.get("/s/" + "A" * 32).status_code == 404
    assert outsider.get("/s/" + "A" * 32 + "/video").status_code == 404
    states = {s["id"]: s for s in hub_client.get(f"/api/clips/{first}/shares").json()["shares"]}
    assert states[revoked["id"]]["revoked_by"] == "owner1" and not states[revoked["id"]]["live"]
    assert states[expired["id"]]["revoked_at"] is None and not states[expired["id"]]["live"]
    # Revocation by the id the list gives works as well (the clip page's button).
    third = _share(hub_client, first)
    assert hub_client.delete(f"/api/shares/{third['id']}").status_code == 200
    assert outsider.get(f"/s/{third['token']}").status_code == 410


def test_a_token_reaches_only_its_own_clip(make_hub_client, hub_client, two_clips):
    first, second = two_clips
    made = _share(hub_client, first)
    outsider = make_hub_client()
    token = made["token"]
    for path in (f"/s/{token}/../{second}", f"/s/{token}/video/../../{second}", f"/s/{token}%2F..%2F{second}",
                 f"/s/{token}/video?clip={second}", f"/s/{token}/{second}/video", f"/s/{token}/pack?clip={second}"):
        answer = outsider.get(path)
        assert b"another clip" not in answer.content, path
        assert "SF-SHARE-2" not in answer.text, path
    assert outsider.get(f"/s/{token}/video?clip={second}").content == VIDEO


def test_the_trust_words_are_green_only_for_an_anchored_clip_without_a_warning():
    from packseal.hub.pages.shared import trust_tone

    assert trust_tone({"verdict": "anchored", "warnings": []}) == "good"
    assert trust_tone({"verdict": "anchored", "warnings": [{"code": "synthetic-source"}]}) == "caution"
    assert trust_tone({"verdict": "unanchored", "warnings": [{"code": "not-anchored"}]}) == "caution"
    assert trust_tone({"verdict": "tampered", "warnings": []}) == "bad"
    assert trust_tone(None) == ""


def test_a_shared_return_is_called_an_unboxing_video_in_both_languages(make_hub_client, hub_client, hub_context,
                                                                        two_clips):
    returned = store_clip(hub_context, "YT-RETURN-1", b"a return " * 400, kind="return")
    made = _share(hub_client, returned)
    outsider = make_hub_client()
    english = outsider.get(f"/s/{made['token']}", headers={"Accept-Language": "en"}).text
    assert "Unboxing video of the return" in english and "Packing video of order" not in english
    chinese = outsider.get(f"/s/{made['token']}", headers={"Accept-Language": "zh-CN"}).text
    assert "退货拆包视频" in chinese and "订单打包视频" not in chinese
    shipment = _share(hub_client, two_clips[0])
    assert "Packing video of order" in outsider.get(f"/s/{shipment['token']}",
                                                    headers={"Accept-Language": "en"}).text
