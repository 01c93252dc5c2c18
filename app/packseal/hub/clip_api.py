"""The staff API of one clip (docs/HUB.md §5): its page's data, its seal, its evidence pack, its disputes.

:func:`clip_routes` gives the routes; ``create_app`` in :mod:`packseal.hub.web`
puts each behind the staff session gate with the roles named here: every
role reads, owners and agents also build packs and upload refund photos.
Each download and upload is recorded in the audit log.
"""

from __future__ import annotations

from typing import Callable

from anyio import from_thread
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from packseal.core.compare.photo import MAX_PHOTO_BYTES
from packseal.core.errors import BadInputError
from packseal.core.evidence.texts import LANGUAGES
from packseal.core.ledger.seal import hash_file
from packseal.hub import audit
from packseal.hub.clip_detail import clip_facts
from packseal.hub.clip_evidence import ClipNotFound, clip_seal, load_clip
from packseal.hub.clip_files import ClipFileChanged
from packseal.hub.context import HubContext
from packseal.hub.disputes import (MAX_UPLOAD, DisputeRefused, compare_upload, dispute_json, load_dispute,
                                   stored_bytes, upload_parts, with_particulars)
from packseal.hub.packs import PackRefused, pack_for

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


def pack(request: Request):
    ctx: HubContext = request.app.state.context
    clip_id = request.path_params["id"]
    try:
        dispute_id = int(request.query_params["dispute"]) if "dispute" in request.query_params else None
    except ValueError:
        return _error(400, "dispute is the number of one of the clip's disputes")
    language = request.query_params.get("language", "en")
    if language not in LANGUAGES:
        return _error(400, f"language is one of {', '.join(LANGUAGES)}")
    try:
        path = pack_for(ctx, clip_id, dispute_id, language)
    except PackRefused as exc:
        return _error(exc.status, str(exc))
    digest, size = hash_file(path)
    with ctx.db.connection() as conn:
        _record(conn, request, "clip.pack", clip_id, dispute=dispute_id, pack=path.name, sha256=digest, bytes=size)
    return FileResponse(path, media_type="application/zip", filename=path.name,
                        background=BackgroundTask(path.unlink, missing_ok=True))


async def _read_upload(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_UPLOAD:
        raise DisputeRefused(413, f"the upload is {int(declared) / 2**20:.0f} MiB; refund photos over "
                                  f"{MAX_PHOTO_BYTES // 2**20} MiB are not read")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_UPLOAD:
            raise DisputeRefused(413, f"the upload is over {MAX_UPLOAD // 2**20} MiB; refund photos over "
                                      f"{MAX_PHOTO_BYTES // 2**20} MiB are not read")
        chunks.append(chunk)
    return b"".join(chunks)


def upload(request: Request):
    ctx: HubContext = request.app.state.context
    clip_id = request.path_params["id"]
    opened_box = request.query_params.get("opened_box", "0") in ("1", "true", "yes")
    try:
        body = from_thread.run(_read_upload, request)
        data, name = upload_parts(request.headers.get("content-type", ""), body, request.query_params.get("name"))
        if not data:
            return _error(400, "no photo was sent: send the refund photo as the body or the field 'photo'")
        made = compare_upload(ctx, clip_id, data, name, opened_box=opened_box, account=request.state.account,
                              client=request.client.host if request.client else None,
                              user_agent=request.headers.get("user-agent"))
    except DisputeRefused as exc:
        return _error(exc.status, str(exc))
    except ClipNotFound as exc:
        return _error(404, str(exc))
    except BadInputError as exc:  # the desktop's own words for a photo it would not read either
        return _error(422, f"the refund photo cannot be used: {exc}")
    except ClipFileChanged as exc:
        return _error(409, f"{exc}: nothing is compared with a file that is not the sealed one")
    return JSONResponse(made, status_code=201)


def dispute(request: Request):
    ctx: HubContext = request.app.state.context
    with ctx.db.connection() as conn:
        row = load_dispute(conn, request.path_params["id"])
    if row is None:
        return _error(404, f"no dispute {request.path_params['id']}")
    return JSONResponse(dispute_json(with_particulars(ctx, row)))


def dispute_image(request: Request):
    ctx: HubContext = request.app.state.context
    with ctx.db.connection() as conn:
        row = load_dispute(conn, request.path_params["id"])
    name = request.path_params["name"]
    if row is None:
        return _error(404, f"no dispute {request.path_params['id']}")
    if name not in row["images"]:  # only the names the comparison made: never a path
        return _error(404, f"dispute {row['id']} has no picture {name[:40]!r}; it has "
                           f"{', '.join(sorted(row['images']))}")
    return Response(stored_bytes(ctx, row["images"][name]), media_type="image/png",
                    headers={"Content-Disposition": f'inline; filename="dispute-{row["id"]}-{name}.png"',
                             "Cache-Control": "private, max-age=86400"})


def clip_routes(gate: Callable[..., Callable]) -> list[Route]:
    """The routes, each wrapped by ``gate(handler, roles)`` (the staff session check)."""
    return [
        Route("/api/clips/{id:int}", gate(detail, READ), methods=["GET"]),
        Route("/api/clips/{id:int}/seal", gate(seal, READ), methods=["GET"]),
        Route("/api/clips/{id:int}/pack", gate(pack, WRITE), methods=["GET"]),
        Route("/api/clips/{id:int}/disputes", gate(upload, WRITE), methods=["POST"]),
        Route("/api/disputes/{id:int}", gate(dispute, READ), methods=["GET"]),
        Route("/api/disputes/{id:int}/images/{name:str}", gate(dispute_image, READ), methods=["GET"]),
    ]
