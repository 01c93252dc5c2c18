"""The staff gate: session cookie, role check and CSRF check in one place (docs/HUB.md §5).

:func:`staff` wraps every staff route, API and page alike. A request that
changes something (any method but GET and HEAD) must carry the session's
CSRF token in the header ``X-CSRF-Token``; the token is derived from the
session token (an HMAC), so it needs no storage and dies with the session.
A page embeds it; ``POST /api/login`` and ``GET /api/session`` return it.
"""

from __future__ import annotations

import hashlib
import hmac
import inspect
import json
from collections.abc import Callable, Sequence

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse

from packseal.hub import accounts

SESSION_COOKIE = "packseal_hub_session"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = ("GET", "HEAD")
#: Roles by what they may do (the issue's owner / agent / auditor).
EVERYONE = accounts.ROLES
ACTORS = ("owner", "agent")          # share, revoke, upload disputes, build packs
READERS_OF_AUDIT = ("owner", "auditor")
OWNERS = ("owner",)
#: The largest JSON body a staff request may send (a dispute photo has its own limit).
JSON_BODY_MAX = 16 * 1024


class BodyError(Exception):
    """A request body refused: ``status`` (400 or 413) and a message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, read no further than ``limit`` bytes (:class:`BodyError` 413 past it)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise BodyError(413, f"the body may have at most {limit} bytes")
    raw = bytearray()
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > limit:
            raise BodyError(413, f"the body may have at most {limit} bytes")
    return bytes(raw)


async def read_json(request: Request, limit: int = JSON_BODY_MAX) -> dict:
    """The request's JSON object (:class:`BodyError` 400 when it is not one, 413 when too big)."""
    try:
        body = json.loads(await read_body(request, limit) or b"null")
    except (ValueError, RecursionError):
        raise BodyError(400, "the body is not JSON") from None
    if not isinstance(body, dict):
        raise BodyError(400, "the body must be a JSON object")
    return body


def error(status: int, message: str, **headers: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers or None)


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def user_agent(request: Request) -> str:
    return request.headers.get("user-agent", "")


def csrf_token(session_token: str) -> str:
    """The CSRF token of a session: HMAC-SHA256 of a fixed label under the session token."""
    return hmac.new(session_token.encode("ascii", "replace"), b"packseal-hub csrf", hashlib.sha256).hexdigest()


def _session_account(request: Request, token: str):
    with request.app.state.context.db.connection() as conn:
        return accounts.session_account(conn, token)


def staff(handler: Callable, roles: Sequence[str] = EVERYONE, page: bool = False) -> Callable:
    """Wrap a handler so it runs only for a live session of an account with one of ``roles``.

    ``page``: an HTML page, which sends a browser without a session to the login page
    instead of answering 401. Sets ``request.state.account`` and ``request.state.csrf``.
    """

    async def gated(request: Request):
        token = request.cookies.get(SESSION_COOKIE)
        account = None
        if token:
            account = await run_in_threadpool(_session_account, request, token)
        if account is None:
            if page:
                return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
            return error(401, "log in first (POST /api/login)" if not token else "the session has ended: log in again")
        csrf = csrf_token(token)
        if request.method not in SAFE_METHODS and not hmac.compare_digest(
                request.headers.get(CSRF_HEADER, ""), csrf):
            return error(403, f"a change needs the session's CSRF token in the {CSRF_HEADER} header")
        if account.role not in roles:
            return error(403, f"this needs the role {' or '.join(roles)}; you are {account.role}")
        request.state.account = account
        request.state.csrf = csrf
        try:
            if inspect.iscoroutinefunction(handler):
                return await handler(request)
            return await run_in_threadpool(handler, request)
        except BodyError as exc:
            return error(exc.status, str(exc))

    gated.__name__ = getattr(handler, "__name__", "gated")
    return gated
