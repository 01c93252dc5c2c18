"""The hub's web pages (docs/HUB.md §7): staff pages, the shared page, their static files.

Server-rendered HTML (Jinja2 templates in ``templates/``) with small plain
scripts in ``static/`` (served under hashed names, ``assets.py``); nothing
is loaded from anywhere but the hub.
"""

from __future__ import annotations

from starlette.routing import BaseRoute, Route

from packseal.hub.gate import staff
from packseal.hub.pages import shared, staff_pages as sp
from packseal.hub.pages.assets import static_file
from packseal.hub.pages.render import switch_language


def routes() -> list[BaseRoute]:
    """The pages' routes; staff pages send a browser without a session to ``/login``."""
    return [
        Route("/", staff(sp.home, page=True), methods=["GET"]),
        Route("/login", sp.login_page, methods=["GET"]),
        Route("/lang/{code}", switch_language, methods=["GET"]),
        Route("/search", staff(sp.search_page, page=True), methods=["GET"]),
        Route("/clips/{id:int}", staff(sp.clip_page, page=True), methods=["GET"]),
        Route("/accounts", staff(sp.accounts_page, page=True), methods=["GET"]),
        Route("/audit", staff(sp.audit_page, page=True), methods=["GET"]),
        Route("/health", staff(sp.health_page, page=True), methods=["GET"]),
        *shared.routes(),
        Route("/static/{name:str}", static_file, methods=["GET"]),
        Route("/{rest:path}", sp.not_found, methods=["GET"]),
    ]
