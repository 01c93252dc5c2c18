"""The hub's HTTP application: the staff API (docs/HUB.md §5), the web pages and share links (§7).

``create_app(context, station_routes=[...])`` builds it. Every route under
``/api/`` answers 401 without a staff session, except ``POST /api/login``
and the ``station_routes`` the station protocol adds (they authenticate each
request by the station's signature instead). An unknown ``/api/`` path
answers 401 too without a session (404 with one), so the API's shape is not
told to strangers. The session, role and CSRF checks are one gate
(:func:`packseal.hub.gate.staff`) around every staff route, API and page
alike. Handlers reach the hub's parts as
``request.app.state.context`` (a :class:`~packseal.hub.context.HubContext`).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence

import psycopg
from psycopg_pool import PoolTimeout
from botocore.exceptions import BotoCoreError, ClientError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Route

from packseal.core.errors import BadInputError
from packseal.hub import accounts, admin_api, audit, share_api, stations
from packseal.hub.clip_api import clip_routes
from packseal.hub.clip_evidence import ClipNotFound, load_clip
from packseal.hub.context import HubContext
from packseal.hub.gate import (OWNERS, SESSION_COOKIE, BodyError, client_address, csrf_token, error, read_body, read_json,
                               staff, user_agent)
from packseal.hub.health import health_report
from packseal.hub.objectstore import object_key
from packseal.hub.pages import routes as page_routes
from packseal.hub.search import search
from packseal.hub.streaming import starts_at_zero, stream_object

log = logging.getLogger(__name__)

__all__ = ["SESSION_COOKIE", "create_app", "error"]

ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]
LOGIN_BODY_MAX = 16 * 1024


# -- login --------------------------------------------------------------------------------------


async def login(request: Request):
    try:
        raw = await read_body(request, LOGIN_BODY_MAX)
    except BodyError:
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
    client = client_address(request)
    ctx: HubContext = request.app.state.context
    with ctx.db.connection() as conn:
        # Logins of one name, and of one client, take turns: each sees the failures before it.
        for lock in ("login-name " + name, "login-client " + client):
            conn.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (lock,))
        if accounts.throttled(conn, name, client):
            audit.record(conn, "login.throttled", account_name=name[:200], client=client,
                         user_agent=user_agent(request))
            return error(429, "too many failed logins: wait 15 minutes",
                         **{"Retry-After": str(int(accounts.FAILURE_WINDOW.total_seconds()))})
        account = accounts.verify_login(conn, name, password, client)
        if account is None:
            audit.record(conn, "login.failed", account_name=name[:200], client=client,
                         user_agent=user_agent(request))
            return error(401, "wrong user name or password")
        token = accounts.open_session(conn, account, client)
        audit.record(conn, "login", account=account, client=client, user_agent=user_agent(request))
    response = JSONResponse({"user": account.name, "role": account.role, "csrf": csrf_token(token)})
    response.set_cookie(SESSION_COOKIE, token, max_age=int(accounts.SESSION_LIFETIME.total_seconds()),
                        httponly=True, samesite="strict", secure=ctx.https, path="/")
    return response


def logout(request: Request):
    with request.app.state.context.db.connection() as conn:
        accounts.close_session(conn, request.cookies[SESSION_COOKIE])
        audit.record(conn, "logout", account=request.state.account, client=client_address(request),
                     user_agent=user_agent(request))
    response = JSONResponse({"logged_out": True})
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def session(request: Request):
    account = request.state.account
    return JSONResponse({"user": account.name, "role": account.role, "csrf": request.state.csrf})


# -- search -------------------------------------------------------------------------------------


def clips(request: Request):
    try:
        with request.app.state.context.db.connection() as conn:
            rows, cursor = search(conn, request.query_params)
    except ValueError as exc:
        return error(400, str(exc))
    for row in rows:
        row["start"] = row["start"].isoformat()
    return JSONResponse({"clips": rows, "next": cursor})


# -- video --------------------------------------------------------------------------------------


def video(request: Request):
    ctx: HubContext = request.app.state.context
    clip_id = request.path_params["id"]
    download = request.query_params.get("download") == "1"
    with ctx.db.connection() as conn:
        row = conn.execute("SELECT sha256, status, order_id FROM clips WHERE id = %s", (clip_id,)).fetchone()
        if row is None:
            return error(404, f"no clip {clip_id}")
        if row["status"] != "stored":
            return error(404, f"the file of clip {clip_id} has not reached the hub yet")
        size = ctx.store.size(object_key(row["sha256"]))
        if size is None:
            return error(404, f"the file of clip {clip_id} is missing from the object store")
        range_header = request.headers.get("range")
        if download or starts_at_zero(range_header):  # a play or a download, not each later range of one
            audit.record(conn, "clip.download" if download else "clip.play", account=request.state.account,
                         clip_id=clip_id, client=client_address(request), user_agent=user_agent(request))
        # A download keeps the station's file name, which its seal (/api/clips/ID/seal) names: saved
        # side by side, the two verify with packseal verify.
        filename = f"clip-{clip_id}.mp4"
        if download:
            try:
                filename = load_clip(conn, clip_id).file_name
            except ClipNotFound:  # no signed entry on the hub to name it by: the hub's own name
                pass
    return stream_object(ctx.store, row["sha256"], size, range_header, filename=filename,
                         content_type="video/mp4", download=download)


# -- health -------------------------------------------------------------------------------------


def health(request: Request):
    return JSONResponse(health_report(request.app.state.context))


# -- stations -----------------------------------------------------------------------------------


async def accept_history(request: Request):
    """An owner accepts a forked station's present history (docs/HUB.md §4): ``{"reason": TEXT}``."""
    reason = (await read_json(request)).get("reason")
    if not isinstance(reason, str):
        return error(400, 'send JSON {"reason": TEXT}: why the station\'s present history is accepted')
    return await run_in_threadpool(_accept_history, request, reason)


def _accept_history(request: Request, reason: str):
    with request.app.state.context.db.connection() as conn:
        try:
            decision = stations.accept_history(
                conn, request.path_params["id"], reason, account=request.state.account, via="api",
                client=client_address(request), user_agent=user_agent(request))
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
        Route("/api/session", staff(session), methods=["GET"]),
        Route("/api/clips", staff(clips), methods=["GET"]),
        Route("/api/clips/{id:int}/video", staff(video), methods=["GET"]),
        *share_api.routes(),
        *admin_api.routes(),
        Route("/api/health", staff(health), methods=["GET"]),
        *clip_routes(staff),
        Route("/api/stations/{id:str}/accept-history", staff(accept_history, roles=OWNERS), methods=["POST"]),
        *station_routes,
        Route("/api/{rest:path}", staff(_unknown), methods=ALL_METHODS),
        *page_routes(),
    ]
    app = Starlette(routes=routes, exception_handlers={
        psycopg.OperationalError: _unavailable, PoolTimeout: _unavailable,
        ClientError: _store_unavailable, BotoCoreError: _store_unavailable})
    app.state.context = context
    #: Routes answered without a staff session (tests check every other /api/ route answers 401).
    app.state.public_routes = [*public, *station_routes]
    return app
