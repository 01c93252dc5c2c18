"""The share-link API for staff and scripts (docs/HUB.md §7): create, list with views, revoke."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from packseal.core.errors import BadInputError
from packseal.hub import audit, shares
from packseal.hub.gate import ACTORS, EVERYONE, client_address, error, read_json, staff, user_agent


def _iso(row: dict, *names: str) -> dict:
    for name in names:
        if row.get(name) is not None:
            row[name] = row[name].isoformat()
    return row


async def create(request: Request):
    body = await read_json(request)
    return await run_in_threadpool(_create, request, body.get("expires_s"))


def _create(request: Request, expires_s):
    clip_id = request.path_params["id"]
    account = request.state.account
    try:
        shares.check_expiry(expires_s)
    except BadInputError as exc:
        return error(400, str(exc))
    with request.app.state.context.db.connection() as conn:
        if conn.execute("SELECT 1 FROM clips WHERE id = %s", (clip_id,)).fetchone() is None:
            return error(404, f"no clip {clip_id}")
        token, share_id, expires_at = shares.create(conn, clip_id, expires_s, account.name)
        audit.record(conn, "share.create", account=account, clip_id=clip_id, target=shares.target(share_id),
                     client=client_address(request), user_agent=user_agent(request), expires_s=expires_s)
    url = str(request.base_url).rstrip("/") + f"/s/{token}"
    return JSONResponse({"url": url, "token": token, "id": share_id, "expires_at": expires_at.isoformat()},
                        status_code=201)


def listing(request: Request):
    clip_id = request.path_params["id"]
    with request.app.state.context.db.connection() as conn:
        if conn.execute("SELECT 1 FROM clips WHERE id = %s", (clip_id,)).fetchone() is None:
            return error(404, f"no clip {clip_id}")
        rows = shares.of_clip(conn, clip_id)
    for row in rows:
        _iso(row, "created_at", "expires_at", "revoked_at")
        for view in row["views"]:
            _iso(view, "at")
    return JSONResponse({"shares": rows})


def revoke(request: Request):
    ref = request.path_params["token"]
    account = request.state.account
    with request.app.state.context.db.connection() as conn:
        share = shares.find_ref(conn, ref)
        if share is None:
            return error(404, "no share link has that token or id")
        if share["revoked_at"] is None:
            shares.revoke(conn, share["id"], account.name)
            audit.record(conn, "share.revoke", account=account, clip_id=share["clip_id"],
                         target=shares.target(share["id"]), client=client_address(request),
                         user_agent=user_agent(request))
    return JSONResponse({"revoked": True, "id": share["id"]})


def routes() -> list[Route]:
    return [
        Route("/api/clips/{id:int}/share", staff(create, ACTORS), methods=["POST"]),
        Route("/api/clips/{id:int}/shares", staff(listing, EVERYONE), methods=["GET"]),
        Route("/api/shares/{token}", staff(revoke, ACTORS), methods=["DELETE"]),
    ]
