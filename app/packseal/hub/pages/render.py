"""Rendering a page: its language, its texts, the template, and the headers every page carries."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.templating import Jinja2Templates

from packseal.hub.pages.assets import INLINED, asset_url, inline_sources, inline_text
from packseal.hub.pages.messages import HTML_LANG, LANG_COOKIE, LANGUAGES, SELF_NAMES, Texts, pick_language

TEMPLATES_DIR = Path(__file__).with_name("templates")
templates = Jinja2Templates(directory=TEMPLATES_DIR)
#: Everything a page loads comes from the hub itself (it runs on a LAN, often without the internet).
_POLICY = ("default-src 'self'", "img-src 'self' data:", "media-src 'self'", "frame-ancestors 'none'",
           "form-action 'self'", "base-uri 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": "; ".join(_POLICY),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",  # a share link's token must not leave in a Referer
    "Cache-Control": "no-store",
}


def language(request: Request) -> str:
    return pick_language(request.cookies.get(LANG_COOKIE), request.headers.get("accept-language"))


def pack_language(request: Request) -> str:
    """The language of an evidence pack's report for this page's reader (core.evidence.texts.LANGUAGES)."""
    return "zh_CN" if language(request) == "zh" else "en"


def local_path(text: str | None) -> str:
    """``text`` when it is a path on this hub (``/…``, not ``//…``), else ``/``: no open redirects."""
    if text and text.startswith("/") and not text.startswith("//") and "\\" not in text:
        return text
    return "/"


def _when(value) -> str:
    return value.isoformat() if isinstance(value, datetime) else (value or "")


def _size(n) -> str:
    if n is None:
        return ""
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return ""


def _about(row: dict, t: Texts) -> str:
    """What else an audit row was about, in words: ``share:3`` is share link #3 (docs/HUB.md §7)."""
    kind, _, rest = (row.get("target") or "").partition(":")
    words = t.get(f"about_{kind}") if rest else ""
    return words.format(n=rest) if words else (row.get("target") or "")


templates.env.filters["when"] = _when
templates.env.filters["about"] = _about
templates.env.filters["size"] = _size
templates.env.globals["asset"] = asset_url


def page_headers() -> dict[str, str]:
    """:data:`SECURITY_HEADERS` for an HTML page: its policy also allows the inlined style sheet and script."""
    return {**SECURITY_HEADERS, "Content-Security-Policy": "; ".join((*_POLICY, inline_sources()))}


def render(request: Request, name: str, status: int = 200, **context) -> Response:
    """The template ``name`` in the request's language, with the staff account (if any) and the switch."""
    lang = language(request)
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    switch = [{"code": code, "name": SELF_NAMES[code], "href": f"/lang/{code}?next={quote(here, safe='')}",
               "current": code == lang} for code in LANGUAGES]
    account = getattr(request.state, "account", None)
    context.update(t=Texts(lang), lang=lang, html_lang=HTML_LANG[lang], switch=switch, account=account,
                   csrf=getattr(request.state, "csrf", ""), inline={name: inline_text(name) for name in INLINED})
    return templates.TemplateResponse(request, name, context, status_code=status, headers=page_headers())


def switch_language(request: Request) -> Response:
    """``/lang/{code}?next=PATH``: remember the language in a cookie and go back."""
    code = request.path_params["code"]
    response = RedirectResponse(local_path(request.query_params.get("next")), status_code=303)
    if code in LANGUAGES:
        response.set_cookie(LANG_COOKIE, code, max_age=365 * 24 * 3600, samesite="lax", path="/")
    return response
