"""Serving the hub's application with uvicorn: plain HTTP on loopback, HTTPS elsewhere."""

from __future__ import annotations

import ipaddress
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable

import uvicorn

from packseal.hub.errors import HubError
from packseal.hub.keys import TlsFiles

READY_TIMEOUT_S = 30.0


def parse_listen(text: str) -> tuple[str, int]:
    """``HOST:PORT`` (``[v6]:PORT`` for IPv6) as (host, port); ValueError when malformed."""
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit() or not 0 <= int(port) <= 65535 or not host:
        raise ValueError(f"--listen takes HOST:PORT (e.g. 127.0.0.1:8080 or 0.0.0.0:8443), got {text!r}")
    return host.strip("[]"), int(port)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise HubError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    sock.listen(512)
    sock.set_inheritable(True)
    return sock


def _bracket(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _answers(url: str) -> bool:
    """Does the hub answer HTTP at ``url`` (any status counts)?"""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # our own certificate, checked for answering only
    try:
        urllib.request.urlopen(url + "api/health", timeout=2, context=context)
        return True
    except urllib.error.HTTPError:
        return True
    except (urllib.error.URLError, OSError):
        return False


def serve(app, host: str, port: int, tls: TlsFiles | None, stop: threading.Event,
          on_ready: Callable[[str], None]) -> None:
    """Serve ``app`` until ``stop`` is set; ``on_ready(url)`` once the URL really answers."""
    sock = _bind(host, port)
    port = sock.getsockname()[1]
    scheme = "https" if tls else "http"
    shown = socket.gethostname() if host in ("0.0.0.0", "::") else host
    url = f"{scheme}://{_bracket(shown)}:{port}/"
    here = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)
    probe = f"{scheme}://{_bracket(here)}:{port}/"
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off", proxy_headers=True,
                            ssl_certfile=str(tls.cert) if tls else None, ssl_keyfile=str(tls.key) if tls else None,
                            timeout_graceful_shutdown=10)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="hub-http", daemon=True)
    thread.start()
    deadline = time.monotonic() + READY_TIMEOUT_S
    while not (server.started and _answers(probe)):
        if not thread.is_alive() or stop.is_set():
            break
        if time.monotonic() > deadline:
            server.should_exit = True
            thread.join()
            raise HubError(f"the hub did not answer at {url} within {READY_TIMEOUT_S:.0f} s")
        time.sleep(0.05)
    else:
        on_ready(url)
    while thread.is_alive() and not stop.wait(0.2):
        pass
    server.should_exit = True
    thread.join()
    sock.close()
