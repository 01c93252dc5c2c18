"""The staff pages: login, search, a clip, accounts, the audit log, health."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from packseal.hub import audit, shares
from packseal.hub.accounts import ROLES, list_accounts
from packseal.hub.gate import ACTORS, OWNERS, READERS_OF_AUDIT, client_address, user_agent
from packseal.hub.health import health_report
from packseal.hub.pages.render import local_path, pack_language, render
from packseal.hub.search import KINDS, OUTCOMES, SEARCH_LIMIT, BadSearch, search

PAGE_SIZES = (20, 50, 100, 500)
EXPIRIES = (("hour_1", 3600), ("hours_6", 6 * 3600), ("day_1", 86400), ("days_7", 7 * 86400),
            ("days_30", 30 * 86400))
AUDIT_PAGE = 100


def _refused(request: Request, roles: Sequence[str]) -> Response | None:
    """The 403 page when the account's role is not one of ``roles``."""
    if request.state.account.role in roles:
        return None
    return render(request, "message.html", 403, title_key="forbidden", text_key="forbidden_text")


def not_found(request: Request) -> Response:
    return render(request, "message.html", 404, title_key="not_found", text_key="not_found_text")


def login_page(request: Request):
    return render(request, "login.html", next=local_path(request.query_params.get("next")))


def home(request: Request):
    return RedirectResponse("/search", status_code=303)


def search_page(request: Request):
    p = dict(request.query_params)
    p.setdefault("limit", str(min(SEARCH_LIMIT, 50)))
    problem, rows, cursor = None, [], None
    with request.app.state.context.db.connection() as conn:
        stations = conn.execute("SELECT id, name FROM stations ORDER BY name, id").fetchall()
        try:
            rows, cursor = search(conn, p)
        except BadSearch as exc:
            problem = exc
    following = urlencode({**{k: v for k, v in p.items() if v and k != "cursor"}, "cursor": cursor}) if cursor else None
    first = urlencode({k: v for k, v in p.items() if v and k != "cursor"}) if p.get("cursor") else None
    return render(request, "search.html", 400 if problem else 200, p=p, rows=rows, problem=problem,
                  stations=stations, outcomes=OUTCOMES, kinds=KINDS, sizes=PAGE_SIZES, following=following,
                  first=first)


def clip_page(request: Request):
    clip_id = request.path_params["id"]
    with request.app.state.context.db.connection() as conn:
        clip = conn.execute("SELECT c.*, s.name AS station FROM clips c JOIN stations s ON s.id = c.station_id "
                            "WHERE c.id = %s", (clip_id,)).fetchone()
        if clip is None:
            return not_found(request)
        audit.record(conn, "clip.view", account=request.state.account, clip_id=clip_id,
                     client=client_address(request), user_agent=user_agent(request))
        links = shares.of_clip(conn, clip_id)
        log = audit.recent(conn, clip_id=clip_id, limit=50)
        disputes = conn.execute("SELECT id, created_at, account_name, photo_name FROM disputes WHERE clip_id = %s "
                                "ORDER BY id DESC", (clip_id,)).fetchall()
    may_act = request.state.account.role in ACTORS
    return render(request, "clip.html", clip=clip, links=links, log=log, disputes=disputes, expiries=EXPIRIES,
                  may_act=may_act, pack_language=pack_language(request))


def accounts_page(request: Request):
    refused = _refused(request, OWNERS)
    if refused:
        return refused
    with request.app.state.context.db.connection() as conn:
        rows = list_accounts(conn)
    return render(request, "accounts.html", rows=rows, roles=ROLES)


def audit_page(request: Request):
    refused = _refused(request, READERS_OF_AUDIT)
    if refused:
        return refused
    before = request.query_params.get("before", "")
    with request.app.state.context.db.connection() as conn:
        rows = audit.recent(conn, before_id=int(before) if before.isdigit() else None, limit=AUDIT_PAGE)
    older = rows[-1]["id"] if len(rows) == AUDIT_PAGE else None
    return render(request, "audit.html", rows=rows, older=older, paged=bool(before))


def health_page(request: Request):
    return render(request, "health.html", h=health_report(request.app.state.context))
