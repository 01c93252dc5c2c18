"""The pages' style sheet and scripts: written into every page, or served under names holding their hash.

``/static/clip.3f09a1c2b4d5.js``: a page names its own script with the
first 12 hex digits of its SHA-256, so a browser may keep it for a year
without asking again (``Cache-Control: immutable``), and a new version of a
file is a new name. The files are read once, when the hub first serves a
page, and answered from memory;
a name that is not the current one of a file is 404 (no path is ever read
from the address).

The style sheet and script every page uses (:data:`INLINED`, 9 KB
together) are written into each page itself: a page is then drawn
from its HTML alone, with no request for a file before it can draw, in a
fresh browser and in one that has the files cached alike (faster both
ways, bench/RESULTS.md). The pages' Content-Security-Policy allows exactly
these inline texts by their SHA-256.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response

STATIC_DIR = Path(__file__).with_name("static")
_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}
#: A year: the name changes with the content, so nothing served under it ever goes stale.
CACHED = {"Cache-Control": "public, max-age=31536000, immutable", "X-Content-Type-Options": "nosniff"}
#: The files every page uses: written into each page (see the module's note).
INLINED = ("app.css", "app.js")


@dataclass(frozen=True)
class Asset:
    url: str
    body: bytes
    media_type: str


@cache
def assets() -> dict[str, Asset]:
    """The static files by their plain name (``app.css``)."""
    found = {}
    for path in sorted(STATIC_DIR.iterdir()):
        if path.suffix in _TYPES:
            body = path.read_bytes()
            digest = hashlib.sha256(body).hexdigest()[:12]
            found[path.name] = Asset(f"/static/{path.stem}.{digest}{path.suffix}", body, _TYPES[path.suffix])
    return found


def asset_url(name: str) -> str:
    """The address a page names the static file ``name`` by (KeyError for a file there is not)."""
    return assets()[name].url


@cache
def inline_text(name: str) -> str:
    """The text of ``name`` to write between ``<style>`` or ``<script>`` tags (one of :data:`INLINED`)."""
    text = assets()[name].body.decode("utf-8")
    if "</" in text:  # would end the element early: such a file must stay a file
        raise ValueError(f"{name} holds '</' and cannot be written into a page")
    return text


@cache
def inline_sources() -> str:
    """The Content-Security-Policy sources allowing the inline texts: ``style-src …; script-src …``."""
    def source(name: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(inline_text(name).encode()).digest()).decode() + "'"
    return f"style-src 'self' {source('app.css')}; script-src 'self' {source('app.js')}"


def static_file(request: Request) -> Response:
    """``GET /static/{name}``: a file under its current hashed name, else 404."""
    wanted = "/static/" + request.path_params["name"]
    for asset in assets().values():
        if asset.url == wanted:
            return Response(asset.body, media_type=asset.media_type, headers=CACHED)
    return Response("no such file", status_code=404, media_type="text/plain; charset=utf-8")
