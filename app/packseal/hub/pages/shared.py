"""The page a share link opens (``/s/<token>``): that one order's clip and nothing else.

Every answer here first finds the share by its token: an unknown token gives
404, an expired or revoked one 410 (a page that says which), so a token
reaches only its own clip. Each view, play and download is a row of the
audit log (shares.record_view), listed on the clip's staff page.
"""

from __future__ import annotations

import re

from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from packseal.hub import shares
from packseal.hub.clip_detail import clip_facts
from packseal.hub.clip_evidence import ClipNotFound
from packseal.hub.gate import client_address, user_agent
from packseal.hub.objectstore import object_key
from packseal.hub.packs import PackRefused, pack_for
from packseal.hub.pages.render import SECURITY_HEADERS, language, pack_language, render
from packseal.hub.streaming import starts_at_zero, stream_object


def _open(request: Request, conn) -> tuple[shares.Share | None, Response | None]:
    """The live share of the request's token, or the page to answer instead (404 or 410)."""
    share = shares.find(conn, request.path_params["token"])
    if share is None:
        return None, render(request, "message.html", 404, title_key="not_found", text_key="not_found_text")
    if not share.live:
        reason = "gone_revoked" if share.revoked_at else "gone_expired"
        return None, render(request, "gone.html", 410, reason_key=reason)
    return share, None


def _clip(conn, clip_id: int) -> dict:
    return conn.execute("SELECT c.id, c.order_id, c.start, c.duration_s, c.sha256, c.size, c.status, c.kind, "
                        "s.name AS station FROM clips c JOIN stations s ON s.id = c.station_id WHERE c.id = %s",
                        (clip_id,)).fetchone()


def page(request: Request):
    with request.app.state.context.db.connection() as conn:
        share, answer = _open(request, conn)
        if answer:
            return answer
        clip = _clip(conn, share.clip_id)
        shares.record_view(conn, share, "share.view", client_address(request), user_agent(request))
    try:
        facts = clip_facts(request.app.state.context, share.clip_id)
    except ClipNotFound:  # a catalog row without the signed entry it comes from: nothing to judge it by
        facts = {"verdict": None, "trust_words": None}
    words = facts["trust_words"]["zh-CN" if language(request) == "zh" else "en"] if facts["trust_words"] else None
    return render(request, "shared.html", clip=clip, share=share, token=request.path_params["token"],
                  trust=words, tone=trust_tone(facts["verdict"]), pack_ready=facts["verdict"] is not None)


def trust_tone(verdict: dict | None) -> str:
    """The colour of the trust words: green only for an anchored clip with no warning (no trusted time,
    a test source: the words say so, and green would say more); red for a tampered one."""
    if not verdict:
        return ""
    if verdict["verdict"] == "tampered":
        return "bad"
    return "good" if verdict["verdict"] == "anchored" and not verdict.get("warnings") else "caution"


def pack(request: Request):
    """The clip's evidence pack, built on the hub (as ``GET /api/clips/{id}/pack`` without a dispute)."""
    ctx = request.app.state.context
    with ctx.db.connection() as conn:
        share, answer = _open(request, conn)
        if answer:
            return answer
    try:
        path = pack_for(ctx, share.clip_id, None, pack_language(request))
    except PackRefused:
        return render(request, "message.html", 409, title_key="share_pack", text_key="share_pack_unavailable")
    with ctx.db.connection() as conn:
        shares.record_view(conn, share, "share.pack", client_address(request), user_agent(request))
    return FileResponse(path, media_type="application/zip", filename=path.name, headers=SECURITY_HEADERS,
                        background=BackgroundTask(path.unlink, missing_ok=True))


def _file_name(order_id: str) -> str:
    """A download's file name from the order ID, with only characters safe in a header."""
    return "order-" + re.sub(r"[^A-Za-z0-9._-]", "_", order_id)[:80] + ".mp4"


def video(request: Request):
    ctx = request.app.state.context
    download = request.query_params.get("download") == "1"
    with ctx.db.connection() as conn:
        share, answer = _open(request, conn)
        if answer:
            return answer
        clip = _clip(conn, share.clip_id)
        size = ctx.store.size(object_key(clip["sha256"])) if clip["status"] == "stored" else None
        if size is None:
            return render(request, "message.html", 404, title_key="not_found", text_key="clip_no_file")
        range_header = request.headers.get("range")
        if download or starts_at_zero(range_header):
            shares.record_view(conn, share, "share.download" if download else "share.video",
                               client_address(request), user_agent(request))
    return stream_object(ctx.store, clip["sha256"], size, range_header, filename=_file_name(clip["order_id"]),
                         content_type="video/mp4", download=download)


def routes() -> list[Route]:
    return [
        Route("/s/{token}", page, methods=["GET"]),
        Route("/s/{token}/video", video, methods=["GET"]),
        Route("/s/{token}/pack", pack, methods=["GET"]),
    ]
