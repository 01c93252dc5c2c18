"""The hub's HTTP application: the staff API and the gate in front of it (docs/HUB.md §5).

``create_app(context, station_routes=[...])`` builds it. Every route under
``/api/`` answers 401 without a staff session, except ``POST /api/login``
and the ``station_routes`` the station protocol adds (they authenticate each
request by the station's signature instead). An unknown ``/api/`` path
answers 401 too without a session (404 with one), so the API's shape is not
told to strangers. Handlers reach the hub's parts as
``request.app.state.context`` (a :class:`~packseal.hub.context.HubContext`).
"""

from __future__ import annotations

import inspect
import json
import logging
import re
from collections.abc import Callable, Iterable, Sequence

import psycopg
from psycopg_pool import PoolTimeout
from botocore.exceptions import BotoCoreError, ClientError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Route

from packseal.core.errors import BadInputError
from packseal.hub import accounts, stations
from packseal.hub.clip_api import clip_routes
from packseal.hub.context import HubContext
from packseal.hub.objectstore import object_key
from packseal.hub.search import search_query

log = logging.getLogger(__name__)

SESSION_COOKIE = "packseal_hub_session"
ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]
CHUNK = 256 * 1024
LOGIN_BODY_MAX = 16 * 1024
_RANGE = re.compile(r"^bytes=([0-9]*)-([0-9]*)$")
#: Range numbers longer than this (past any file's size) are read as this many digits of 9s.
_RANGE_DIGITS = 19


def error(status: int, message: str, **headers: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers or None)


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def staff(handler: Callable, roles: Sequence[str] = accounts.ROLES) -> Callable:
    """Wrap a handler (plain or async) so it runs only for a live session of an account with one of ``roles``."""

    def refused(request: Request) -> JSONResponse | None:
        token = request.cookies.get(SESSION_COOKIE)
        if not token:
            return error(401, "log in first (POST /api/login)")
        with request.app.state.context.db.connection() as conn:
            account = accounts.session_account(conn, token)
        if account is None:
            return error(401, "the session has ended: log in again")
        if account.role not in roles:
            return error(403, f"this needs the role {' or '.join(roles)}")
        request.state.account = account
        return None

    if inspect.iscoroutinefunction(handler):
        async def gated(request: Request):
            return await run_in_threadpool(refused, request) or await handler(request)
    else:
        def gated(request: Request):
            return refused(request) or handler(request)

    gated.__name__ = getattr(handler, "__name__", "gated")
    return gated


# -- login --------------------------------------------------------------------------------------


async def login(request: Request):
    raw = b""
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > LOGIN_BODY_MAX:
            return error(413, "a login is a small JSON object")
    try:
        body = json.loads(raw or b"null")
        name, password = body["user"], body["password"]
        if not isinstance(name, str) or not isinstance(password, str):
            raise TypeError
    except (ValueError, TypeError, KeyError, RecursionError):
        return error(400, 'send JSON {"user": NAME, "password": PASSWORD}')
    return await run_in_threadpool(_login, request, name, password)


def _login(request: Request, name: str, password: str):
    client = _client(request)
    ctx: HubContext = request.app.state.context
    with ctx.db.connection() as conn:
        # Logins of one name, and of one client, take turns: each sees the failures before it.
        for lock in ("login-name " + name, "login-client " + client):
            conn.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (lock,))
        if accounts.throttled(conn, name, client):
            return error(429, "too many failed logins: wait 15 minutes",
                         **{"Retry-After": str(int(accounts.FAILURE_WINDOW.total_seconds()))})
        account = accounts.verify_login(conn, name, password, client)
        if account is None:
            return error(401, "wrong user name or password")
        token = accounts.open_session(conn, account, client)
    response = JSONResponse({"user": account.name, "role": account.role})
    response.set_cookie(SESSION_COOKIE, token, max_age=int(accounts.SESSION_LIFETIME.total_seconds()),
                        httponly=True, samesite="strict", secure=ctx.https, path="/")
    return response


def logout(request: Request):
    with request.app.state.context.db.connection() as conn:
        accounts.close_session(conn, request.cookies[SESSION_COOKIE])
    response = JSONResponse({"logged_out": True})
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


# -- search -------------------------------------------------------------------------------------


def clips(request: Request):
    try:
        sql, args = search_query(request.query_params)
    except ValueError as exc:
        return error(400, str(exc))
    with request.app.state.context.db.connection() as conn:
        rows = conn.execute(sql, args).fetchall()
    for row in rows:
        row["start"] = row["start"].isoformat()
    return JSONResponse({"clips": rows})


# -- video --------------------------------------------------------------------------------------


def _byte_range(header: str | None, size: int) -> tuple[int, int] | None | str:
    """(first, last) of a single ``Range: bytes=…``; None for the whole file; "bad" when unsatisfiable."""
    if not header:
        return None
    m = _RANGE.match(header.strip())
    if not m or (not m.group(1) and not m.group(2)):
        return None  # several ranges or another unit: the whole file, as RFC 9110 allows
    if not m.group(1):  # the last N bytes
        n = _range_number(m.group(2))
        return (max(size - n, 0), size - 1) if n > 0 and size > 0 else "bad"
    first = _range_number(m.group(1))
    last = min(_range_number(m.group(2)), size - 1) if m.group(2) else size - 1
    if first >= size or (m.group(2) and _range_number(m.group(2)) < first):
        return "bad"
    return first, last


def _range_number(digits: str) -> int:
    return int(digits) if len(digits) <= _RANGE_DIGITS else 10 ** _RANGE_DIGITS - 1


def video(request: Request):
    ctx: HubContext = request.app.state.context
    clip_id = request.path_params["id"]
    with ctx.db.connection() as conn:
        row = conn.execute("SELECT sha256, status, order_id FROM clips WHERE id = %s", (clip_id,)).fetchone()
    if row is None:
        return error(404, f"no clip {clip_id}")
    if row["status"] != "stored":
        return error(404, f"the file of clip {clip_id} has not reached the hub yet")
    key = object_key(row["sha256"])
    size = ctx.store.size(key)
    if size is None:
        return error(404, f"the file of clip {clip_id} is missing from the object store")
    headers = {"Accept-Ranges": "bytes", "ETag": f'"{row["sha256"]}"', "Content-Type": "video/mp4",
               "Content-Disposition": f'inline; filename="clip-{clip_id}.mp4"'}
    wanted = _byte_range(request.headers.get("range"), size)
    if wanted == "bad":
        return Response(status_code=416, headers={"Content-Range": f"bytes */{size}"})
    if size == 0:
        return Response(b"", headers=headers)
    first, last = wanted if wanted else (0, size - 1)
    body = ctx.store.read(key, first, last)
    headers["Content-Length"] = str(last - first + 1)
    if wanted:
        headers["Content-Range"] = f"bytes {first}-{last}/{size}"

    def chunks() -> Iterable[bytes]:
        try:
            yield from body.iter_chunks(CHUNK)
        finally:
            body.close()

    return StreamingResponse(chunks(), status_code=206 if wanted else 200, headers=headers)


# -- health -------------------------------------------------------------------------------------


def health(request: Request):
    ctx: HubContext = request.app.state.context
    with ctx.db.connection() as conn:
        listed = stations.listing(conn)
    try:
        ctx.store.client.head_bucket(Bucket=ctx.store.bucket)
        store = {"reachable": True, "bucket": ctx.store.bucket}
    except (ClientError, BotoCoreError) as exc:
        store = {"reachable": False, "bucket": ctx.store.bucket, "error": str(exc)}
    verdict = ctx.store.lock_verdict
    if store["reachable"] and verdict is not None and verdict.state == "unknown":
        verdict = ctx.store.probe_lock()  # the store failed at start: look again now it answers
    return JSONResponse({
        "hub": {"key_fingerprint": ctx.key.fingerprint_hex, "fingerprint": ctx.key.fingerprint,
                "tls_cert_sha256": ctx.tls.cert_sha256 if ctx.tls else None},
        "database": {"reachable": True},
        "object_store": store,
        "object_lock": verdict.as_json() if verdict else None,
        "notes": ctx.notes,
        "stations": listed,
    })


# -- stations -----------------------------------------------------------------------------------


async def accept_history(request: Request):
    """An owner accepts a forked station's present history (docs/HUB.md §4): ``{"reason": TEXT}``."""
    raw = await request.body()
    try:
        reason = json.loads(raw or b"null")["reason"]
        if not isinstance(reason, str) or len(raw) > LOGIN_BODY_MAX:
            raise TypeError
    except (ValueError, TypeError, KeyError):
        return error(400, 'send JSON {"reason": TEXT}: why the station\'s present history is accepted')
    return await run_in_threadpool(_accept_history, request, reason)


def _accept_history(request: Request, reason: str):
    with request.app.state.context.db.connection() as conn:
        try:
            decision = stations.accept_history(
                conn, request.path_params["id"], reason, account=request.state.account, via="api",
                client=_client(request), user_agent=request.headers.get("user-agent"))
        except stations.NoSuchStation as exc:
            return error(404, str(exc))
        except stations.NotForked as exc:
            return error(409, str(exc))
        except BadInputError as exc:
            return error(400, str(exc))
    return JSONResponse(decision)


def _unknown(request: Request):
    return error(404, f"no such API route: {request.method} {request.url.path}")


# -- the application ----------------------------------------------------------------------------


def _unavailable(request: Request, exc: Exception):
    log.warning("database unavailable: %s", exc)
    return error(503, "the hub's database cannot be reached at the moment: retry shortly", **{"Retry-After": "5"})


def _store_unavailable(request: Request, exc: Exception):
    log.warning("object store unavailable: %s", exc)
    return error(503, "the hub's object store cannot be reached at the moment: retry shortly", **{"Retry-After": "5"})


def create_app(context: HubContext, station_routes: Sequence[BaseRoute] = ()) -> Starlette:
    """The hub's ASGI application; ``station_routes`` are served without a staff session."""
    public = [Route("/api/login", login, methods=["POST"])]
    routes = [
        *public,
        Route("/api/logout", staff(logout), methods=["POST"]),
        Route("/api/clips", staff(clips), methods=["GET"]),
        Route("/api/clips/{id:int}/video", staff(video), methods=["GET"]),
        Route("/api/health", staff(health), methods=["GET"]),
        *clip_routes(staff),
        Route("/api/stations/{id:str}/accept-history", staff(accept_history, roles=("owner",)), methods=["POST"]),
        *station_routes,
        Route("/api/{rest:path}", staff(_unknown), methods=ALL_METHODS),
    ]
    app = Starlette(routes=routes, exception_handlers={
        psycopg.OperationalError: _unavailable, PoolTimeout: _unavailable,
        ClientError: _store_unavailable, BotoCoreError: _store_unavailable})
    app.state.context = context
    #: Routes answered without a staff session (tests check every other /api/ route answers 401).
    app.state.public_routes = [*public, *station_routes]
    return app
