"""The owner's account API and the audit-log API (docs/HUB.md §7)."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from packseal.core.errors import BadInputError
from packseal.hub import accounts, audit
from packseal.hub.gate import OWNERS, READERS_OF_AUDIT, client_address, error, read_json, staff, user_agent


def listing(request: Request):
    with request.app.state.context.db.connection() as conn:
        rows = accounts.list_accounts(conn)
    for row in rows:
        row["created_at"] = row["created_at"].isoformat()
    return JSONResponse({"accounts": rows})


async def add(request: Request):
    body = await read_json(request)
    return await run_in_threadpool(_change, request, "account.add", body)


async def disable(request: Request):
    body = await read_json(request)
    return await run_in_threadpool(_change, request, "account.disable", body)


async def password(request: Request):
    body = await read_json(request)
    return await run_in_threadpool(_change, request, "account.password", body)


def _change(request: Request, action: str, body: dict):
    """One change of an account, and its audit record, in one transaction."""
    values = {k: body.get(k) for k in ("name", "role", "password", "disabled")}
    try:
        with request.app.state.context.db.connection() as conn:
            if action == "account.add":
                if not all(isinstance(values[k], str) for k in ("name", "role", "password")):
                    raise BadInputError('send {"name", "role", "password"} as strings')
                name = accounts.add_account(conn, values["name"], values["role"], values["password"]).name
                detail = {"role": values["role"]}
            elif action == "account.disable":
                if not isinstance(values["disabled"], bool):
                    raise BadInputError('send {"disabled": true} or {"disabled": false}')
                name = accounts.set_disabled(conn, request.path_params["id"], values["disabled"])
                action = "account.disable" if values["disabled"] else "account.enable"
                detail = {}
            else:
                if not isinstance(values["password"], str):
                    raise BadInputError('send {"password": NEW_PASSWORD}')
                name = accounts.set_password(conn, request.path_params["id"], values["password"])
                detail = {}
            audit.record(conn, action, account=request.state.account, target=f"account:{name}",
                         client=client_address(request), user_agent=user_agent(request), **detail)
    except accounts.AccountRefused as exc:  # worded by the page in its language (accounts.js)
        return JSONResponse({"error": str(exc), "code": exc.code, "params": exc.params}, status_code=400)
    except BadInputError as exc:
        return error(404 if "there is no account" in str(exc) else 400, str(exc))
    return JSONResponse({"done": action, "account": name})


def log(request: Request):
    p = request.query_params
    try:
        before = int(p["before"]) if p.get("before") else None
        clip_id = int(p["clip"]) if p.get("clip") else None
        limit = int(p.get("limit", "100"))
    except ValueError:
        return error(400, "before, clip and limit are whole numbers")
    with request.app.state.context.db.connection() as conn:
        rows = audit.recent(conn, clip_id=clip_id, before_id=before, limit=limit)
    return JSONResponse({"entries": rows, "next": rows[-1]["id"] if len(rows) == max(1, min(limit, 1000)) else None})


def routes() -> list[Route]:
    return [
        Route("/api/accounts", staff(listing, OWNERS), methods=["GET"]),
        Route("/api/accounts", staff(add, OWNERS), methods=["POST"]),
        Route("/api/accounts/{id:int}/disabled", staff(disable, OWNERS), methods=["POST"]),
        Route("/api/accounts/{id:int}/password", staff(password, OWNERS), methods=["POST"]),
        Route("/api/audit", staff(log, READERS_OF_AUDIT), methods=["GET"]),
    ]
