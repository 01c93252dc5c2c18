"""The station's HTTP client for its hub: pairing, signed requests, checked answers.

Every request but the pairing is signed with the station's current ledger
key (:mod:`.wire`); every answer must carry the pinned hub key's signature
over the request's nonce, the status and the body, or it is refused
(:class:`AnswerForged`). On HTTPS the server certificate's SHA-256 must be
the one pinned at pairing (a self-signed certificate is fine: it is pinned,
not trusted through a CA).
"""

from __future__ import annotations

import hashlib
import json
import ssl
import threading
import time
from typing import Any, Callable, Iterable, Iterator
from urllib.parse import urlsplit

import httpx

from packseal.core.errors import BadInputError, PackSealError
from packseal.core.ledger.canonical import b64, unb64
from packseal.core.ledger.entry import Entry
from packseal.core.ledger.keys import PublicKey
from packseal.core.sync import wire

#: How long one request may take before the pass gives up on it (a part of 8 MiB on a slow line).
TIMEOUT_S = 120.0


class HubError(PackSealError):
    """The hub could not be reached or did not do what was asked (the pass stops; nothing is lost)."""


class HubRefused(HubError):
    """The hub refused the station (``error`` is its word: ``forked``, ``unknown-station`` …)."""

    def __init__(self, message: str, error: str, status: int) -> None:
        super().__init__(message)
        self.error = error
        self.status = status


class AnswerForged(HubError):
    """An answer without the pinned hub key's signature, or from an unpinned certificate."""


class Throttle:
    """A byte budget per second shared by every upload of a client (0 or None: no cap)."""

    def __init__(self, bytes_per_s: int | None) -> None:
        self.rate = bytes_per_s or 0
        self._lock = threading.Lock()
        self._next = time.monotonic()

    def take(self, n: int) -> None:
        if self.rate <= 0:
            return
        with self._lock:
            now = time.monotonic()
            start = max(self._next, now)
            self._next = start + n / self.rate
            wait = start - now
        if wait > 0:
            time.sleep(wait)

    def chunks(self, data: bytes, size: int = 64 * 1024) -> Iterator[bytes]:
        for i in range(0, len(data), size):
            piece = data[i:i + size]
            self.take(len(piece))
            yield piece


def _context() -> ssl.SSLContext:
    # The certificate is pinned by its hash (checked on every answer), not trusted through a CA.
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def _peer_cert_sha256(response: httpx.Response) -> str | None:
    stream = response.extensions.get("network_stream")
    ssl_object = stream.get_extra_info("ssl_object") if stream is not None else None
    if ssl_object is None:
        return None
    der = ssl_object.getpeercert(True)  # the DER bytes (positional: the low-level socket takes no keywords)
    return hashlib.sha256(der).hexdigest() if der else None


def check_url(url: str) -> str:
    """A hub URL as given (``http://127.0.0.1:8470``, ``https://hub.shop.lan``), without a final slash."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BadInputError(f"a hub URL starts with http:// or https:// and names a host, got {url!r}")
    return url.strip().rstrip("/")


class HubClient:
    """Signed calls to one paired hub."""

    def __init__(self, url: str, hub_key: PublicKey, cert_sha256: str | None, station: str,
                 sign: Callable[[bytes], tuple[str, bytes]], *, bandwidth: int | None = None,
                 timeout: float = TIMEOUT_S) -> None:
        self.url = check_url(url)
        self.station = station
        self.hub_key = hub_key
        self.cert_sha256 = cert_sha256
        self._sign = sign
        self.throttle = Throttle(bandwidth)
        self._http = httpx.Client(verify=_context(), timeout=timeout, trust_env=False)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> "HubClient":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def call(self, method: str, target: str, body: Any = None, *, raw: bytes | None = None,
             headers: dict[str, str] | None = None, ok: Iterable[int] = (200,)) -> tuple[int, Any]:
        """Send one signed request; return ``(status, parsed JSON answer)`` once the answer is proven.

        ``body`` is sent as JSON, ``raw`` as bytes (throttled). Raises
        :class:`HubError` when the hub cannot be reached, :class:`AnswerForged`
        when the answer is not the pinned hub's, :class:`HubRefused` for a
        status not in ``ok`` that the hub signed.
        """
        content = raw if raw is not None else (b"" if body is None else
                                                json.dumps(body, separators=(",", ":")).encode("utf-8"))
        signed = wire.request_headers(self._sign, self.station, method, target, content)
        all_headers = {**signed, **(headers or {})}
        if body is not None:
            all_headers["Content-Type"] = "application/json"
        sent = self.throttle.chunks(content) if raw is not None else content
        try:
            with self._http.stream(method, self.url + target, content=sent, headers=all_headers) as response:
                self._check_certificate(response)
                answer = response.read()
        except httpx.HTTPError as exc:
            raise HubError(f"the hub at {self.url} did not answer ({type(exc).__name__}: {exc})") from exc
        nonce = signed[wire.NONCE_HEADER]
        if not wire.answer_signature_valid(self.hub_key, response.headers.get(wire.ANSWER_HEADER), nonce,
                                           response.status_code, answer):
            raise AnswerForged(f"the answer from {self.url} (HTTP {response.status_code}) is not signed by "
                               "the hub key pinned at pairing: refused. A proxy in between, or another "
                               "server at that address, answered.")
        try:
            data = json.loads(answer) if answer else {}
        except ValueError as exc:
            raise HubError(f"the hub's answer is not JSON ({exc})") from exc
        if response.status_code not in ok:
            error = data.get("error", "refused") if isinstance(data, dict) else "refused"
            message = data.get("message", "") if isinstance(data, dict) else ""
            raise HubRefused(f"the hub refused {method} {target}: {error} (HTTP {response.status_code})"
                             + (f": {message}" if message else ""), error, response.status_code)
        return response.status_code, data

    def _check_certificate(self, response: httpx.Response) -> None:
        if urlsplit(self.url).scheme != "https":
            return
        seen = _peer_cert_sha256(response)
        if seen is None or seen != self.cert_sha256:
            raise AnswerForged(f"the hub's TLS certificate (SHA-256 {seen}) is not the one pinned at pairing "
                               f"({self.cert_sha256}): refused")


def pair(url: str, code: str, station_name: str, genesis: Entry, sign: Callable[[bytes], tuple[str, bytes]],
         public_key: PublicKey, timeout: float = 30.0) -> dict:
    """``POST /api/pair`` with the code's proof; return the hub's answer once its own proof checks.

    The proof binds the code to ``public_key`` (the station's current key)
    and the genesis entry; ``sign`` (that key's) signs the proof, showing the
    hub the station holds the key.

    The answer (``station_id``, ``hub_key``, ``cert_sha256``) is what the
    station pins. Raises :class:`HubRefused` for a wrong, used or expired
    code, :class:`AnswerForged` when the hub's proof fails (it does not
    know the code) or the certificate is not the one it names.
    """
    url = check_url(url)
    code = wire.normalise_code(code)
    proof = wire.station_pair_proof(code, public_key.raw_b64, genesis.hash)
    _key_id, signature = sign(wire.pair_text(genesis.hash, public_key.raw_b64, proof))
    body = {"station_name": station_name, "public_key": public_key.raw_b64, "genesis": genesis.to_dict(),
            "proof": proof, "signature": b64(signature)}
    try:
        with httpx.Client(verify=_context(), timeout=timeout, trust_env=False) as http:
            with http.stream("POST", url + "/api/pair", json=body) as response:
                seen_cert = _peer_cert_sha256(response)
                raw = response.read()
    except httpx.HTTPError as exc:
        raise HubError(f"the hub at {url} did not answer ({type(exc).__name__}: {exc})") from exc
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise HubError(f"the hub at {url} did not answer in JSON (HTTP {response.status_code})") from exc
    if response.status_code != 200:
        error = data.get("error", "refused") if isinstance(data, dict) else "refused"
        message = data.get("message", "") if isinstance(data, dict) else ""
        raise HubRefused(f"pairing refused: {message or error}", error, response.status_code)
    if not isinstance(data, dict) or not all(isinstance(data.get(k), str) for k in ("station_id", "hub_key", "proof")):
        raise HubError("the hub's pairing answer lacks station_id, hub_key or proof")
    expected = wire.hub_pair_proof(code, data["hub_key"], data.get("cert_sha256"), public_key.raw_b64, genesis.hash)
    if not wire.proofs_equal(expected, data["proof"]):
        raise AnswerForged("the hub's pairing proof is wrong: whoever answered does not know the code. "
                           "Nothing was paired.")
    if urlsplit(url).scheme == "https" and seen_cert != data.get("cert_sha256"):
        raise AnswerForged("the hub's TLS certificate is not the one its signed pairing answer names: "
                           "something in between answered. Nothing was paired.")
    PublicKey(unb64(data["hub_key"]))  # a real key
    return data
