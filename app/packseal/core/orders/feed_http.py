"""The live order feed's HTTP endpoint: ``POST /orders`` with a feed document, token-protected.

Bound to 127.0.0.1 unless the shop chooses an address on its LAN. Every
request but ``GET /health`` needs the token (``Authorization: Bearer TOKEN``
or ``X-PackSeal-Token: TOKEN``). Answers are JSON: ``200`` with what was
stored, or ``4xx`` with ``{"error": …, "path": …}``:

=====  ============================================================
400    not JSON, not a ``packseal-orders/1`` document, a wrong value
401    no token or a wrong one
404    another path
405    another method
411    no Content-Length
413    a body larger than the limit (16 MiB)
415    a Content-Type other than application/json
503    the order store could not take the orders (disk full, locked)
=====  ============================================================
"""

from __future__ import annotations

import hmac
import json
import logging
import secrets
import threading
from collections.abc import Callable
from dataclasses import asdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from packseal.core.errors import PackSealError, StorageError
from packseal.core.orders.feed_schema import MAX_DOCUMENT_BYTES, FeedError, parse_document
from packseal.core.orders.store import OrderStore
from packseal.core.storage.durable import atomic_write

log = logging.getLogger(__name__)
_REQUEST_TIMEOUT_S = 15.0  # a client that stops sending mid-request is dropped after this


def read_token(path: Path) -> str:
    """The feed's token, made (random, 0600) the first time it is asked for."""
    try:
        token = Path(path).read_text(encoding="ascii").strip()
        if token:
            return token
    except FileNotFoundError:
        pass
    except (OSError, UnicodeDecodeError) as exc:
        raise StorageError(f"cannot read the order feed's token {path}: {exc}") from exc
    return new_token(path)


def new_token(path: Path) -> str:
    """Replace the token (the old one stops working at once).

    It never begins with "-": a command line (``push_orders.py --token TOKEN``) would take it for an
    option (one token in 64 did).
    """
    token = secrets.token_urlsafe(24)
    while token.startswith("-"):
        token = secrets.token_urlsafe(24)
    Path(path).parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    atomic_write(Path(path), token.encode("ascii"))
    return token


class FeedServer:
    """One listening HTTP server in its own threads; :meth:`close` stops it."""

    def __init__(self, store: OrderStore, token: Callable[[], str], host: str, port: int,
                 on_result: Callable[[str, dict], None] | None = None) -> None:
        handler = type("Handler", (_Handler,), {"store": store, "token": staticmethod(token),
                                                "on_result": staticmethod(on_result or (lambda *_: None))})
        self._server = ThreadingHTTPServer((host, port), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="order-feed-http", daemon=True)
        self._thread.start()

    @property
    def address(self) -> tuple[str, int]:
        host, port = self._server.server_address[:2]
        return str(host), int(port)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(10)


class _Handler(BaseHTTPRequestHandler):
    store: OrderStore
    token: Callable[[], str]
    on_result: Callable[[str, dict], None]
    timeout = _REQUEST_TIMEOUT_S
    server_version = "PackSeal-orders"
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt: str, *args: object) -> None:
        log.info("order feed %s: " + fmt, self.client_address[0], *args)

    def _answer(self, status: int, body: dict) -> None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        if status >= 400:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(data)

    def _error(self, status: int, message: str, path: str = "") -> None:
        self._answer(status, {"error": message, "path": path})

    def _authorised(self) -> bool:
        given = self.headers.get("X-PackSeal-Token", "")
        auth = self.headers.get("Authorization", "")
        if not given and auth.lower().startswith("bearer "):
            given = auth[7:].strip()
        try:
            expected = self.token()
        except PackSealError as exc:
            self._error(503, str(exc))
            return False
        if not given or not hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("ascii")):
            self._error(401, "a valid token is needed (Authorization: Bearer TOKEN); PackSeal shows it in "
                             "Settings → Orders")
            return False
        return True

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        if self.path == "/health":
            self._answer(200, {"ok": True, "format": "packseal-orders/1"})
        elif self.path == "/orders":
            self._error(405, "send orders with POST")
        else:
            self._error(404, f"no such path {self.path!r}; orders go to POST /orders")

    def do_POST(self) -> None:  # noqa: N802
        if self.path != "/orders":
            self._error(404, f"no such path {self.path!r}; orders go to POST /orders")
            return
        if not self._authorised():
            return
        ctype = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if ctype != "application/json":
            self._error(415, f"the body must be application/json, not {ctype or 'untyped'!r}")
            return
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            self._error(411, "a Content-Length is needed")
            return
        if int(length) > MAX_DOCUMENT_BYTES:
            self._error(413, f"the body has {length} bytes; at most {MAX_DOCUMENT_BYTES} (send several documents)")
            return
        try:
            raw = self.rfile.read(int(length))
        except OSError as exc:  # the client stopped sending (timeout) or went away: nobody to answer
            log.warning("order feed %s: the body did not arrive (%s)", self.client_address[0], exc)
            self.close_connection = True
            return
        if len(raw) < int(length):
            self._error(400, "the body ended before its Content-Length")
            return
        try:
            source, updates = parse_document(raw)
            result = self.store.merge(updates, source=f"http:{source or self.client_address[0]}", replace_items=True)
        except FeedError as exc:
            self._error(400, str(exc), exc.path)
            return
        except StorageError as exc:
            self._error(503, str(exc))
            return
        body = {"ok": True, **asdict(result)}
        self.on_result(f"http {self.client_address[0]}", body)
        self._answer(200, body)

    def do_PUT(self) -> None:  # noqa: N802
        self._error(405, "send orders with POST /orders")

    do_DELETE = do_PATCH = do_PUT  # noqa: N815
