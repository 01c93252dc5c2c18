"""The staff API of one clip (docs/HUB.md §5): its page's data, its seal, its evidence pack, its disputes.

:func:`clip_routes` gives the routes; ``create_app`` in :mod:`packseal.hub.web`
puts each behind the staff session gate with the roles named here: every
role reads, owners and agents also build packs and upload refund photos.
Each download and upload is recorded in the audit log.
"""

from __future__ import annotations

from typing import Callable

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from packseal.hub import audit
from packseal.hub.clip_detail import clip_facts
from packseal.hub.clip_evidence import ClipNotFound, clip_seal, load_clip
from packseal.hub.context import HubContext

#: Who may do what (accounts.ROLES): everyone reads; owners and agents make packs and upload photos.
READ = ("owner", "agent", "auditor")
WRITE = ("owner", "agent")


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _record(conn, request: Request, action: str, clip_id: int | None, **detail) -> None:
    audit.record(conn, action, account=request.state.account, clip_id=clip_id,
                 client=request.client.host if request.client else None,
                 user_agent=request.headers.get("user-agent"), **detail)


def detail(request: Request):
    ctx: HubContext = request.app.state.context
    try:
        return JSONResponse(clip_facts(ctx, request.path_params["id"]))
    except ClipNotFound as exc:
        return _error(404, str(exc))


def seal(request: Request):
    ctx: HubContext = request.app.state.context
    clip_id = request.path_params["id"]
    with ctx.db.connection() as conn:
        try:
            clip = load_clip(conn, clip_id)
        except ClipNotFound as exc:
            return _error(404, str(exc))
        data = clip_seal(conn, clip)
        _record(conn, request, "clip.seal", clip_id, file=f"{clip.file_name}.seal.json")
    return Response(data, media_type="application/json", headers={
        "Content-Disposition": f'attachment; filename="{clip.file_name}.seal.json"'})


def clip_routes(gate: Callable[..., Callable]) -> list[Route]:
    """The routes, each wrapped by ``gate(handler, roles)`` (the staff session check)."""
    return [
        Route("/api/clips/{id:int}", gate(detail, READ), methods=["GET"]),
        Route("/api/clips/{id:int}/seal", gate(seal, READ), methods=["GET"]),
    ]
