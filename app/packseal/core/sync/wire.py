"""The station protocol's bytes: pairing proofs, signed requests, signed answers (docs/HUB.md §2).

Both ends use these functions, so the station and the hub can never
disagree on what is signed:

- pairing: ``HMAC-SHA256(code, "packseal-pair-station/2\\n" + public_key
  + "\\n" + genesis_hash)`` from the station, with its Ed25519 signature by
  that key over ``"packseal-pair-signature/1\\n" + genesis_hash + "\\n" +
  public_key + "\\n" + proof``; ``HMAC-SHA256(code, "packseal-pair-hub/2\\n"
  + hub_key + "\\n" + cert_sha256 + "\\n" + public_key + "\\n" +
  genesis_hash)`` from the hub (keys in base64, the certificate hash in hex or
  empty on plain HTTP); the code never travels.
- a request: the station's Ed25519 signature over ``"packseal-request/2\\n"
  STATION "\\n" METHOD "\\n" PATH?QUERY "\\n" TIME "\\n" NONCE "\\n"
  hex(SHA-256(body))``; STATION is the station's id (its genesis hash).
- an answer: the hub's signature over ``"packseal-answer/1\\n" NONCE "\\n"
  STATUS "\\n" hex(SHA-256(body))``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from datetime import datetime, timedelta, timezone
from typing import Callable

from packseal.core.errors import BadInputError
from packseal.core.ledger.canonical import b64, is_utc_stamp, parse_utc_stamp, unb64, utc_stamp
from packseal.core.ledger.keys import PublicKey

STATION_HEADER = "X-PackSeal-Station"
KEY_HEADER = "X-PackSeal-Key"
TIME_HEADER = "X-PackSeal-Time"
NONCE_HEADER = "X-PackSeal-Nonce"
SIGNATURE_HEADER = "X-PackSeal-Signature"
ANSWER_HEADER = "X-PackSeal-Hub-Signature"
PART_HEADER = "X-PackSeal-Part-SHA256"

#: A request whose time is further than this from the hub's clock is refused.
MAX_SKEW = timedelta(minutes=5)
#: Nonces are remembered this long (twice the skew: a request outside the window is refused anyway).
NONCE_MEMORY = timedelta(minutes=10)

#: A pairing code: 10 base32 characters, 50 bits; shown as ``ABCDE-FGHIJ``.
CODE_LENGTH = 10
_BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_NONCE = re.compile(r"[0-9a-f]{32}")
_STATION = re.compile(r"[0-9a-f]{64}")
_KEY_ID = re.compile(r"[0-9a-f]{1,64}")


def new_code() -> str:
    """A fresh one-time pairing code (10 base32 characters, no dash)."""
    return "".join(secrets.choice(_BASE32) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """A code as typed (any case, dashes, spaces) in its canonical form; :class:`BadInputError` if it is none."""
    cleaned = "".join(ch for ch in str(text).upper() if ch not in " -\t")
    if len(cleaned) != CODE_LENGTH or any(ch not in _BASE32 for ch in cleaned):
        raise BadInputError(f"a pairing code is {CODE_LENGTH} letters and digits 2-7 like ABCDE-FGHIJ, "
                            f"got {text!r}")
    return cleaned


def show_code(code: str) -> str:
    """``ABCDEFGHIJ`` → ``ABCDE-FGHIJ``."""
    return f"{code[:5]}-{code[5:]}"


def _hmac(code: str, message: str) -> str:
    return hmac.new(normalise_code(code).encode("ascii"), message.encode("utf-8"), hashlib.sha256).hexdigest()


def station_pair_proof(code: str, public_key_b64: str, genesis_hash: str) -> str:
    """The station's proof that it knows the code, bound to its public key and its genesis entry."""
    return _hmac(code, f"packseal-pair-station/2\n{public_key_b64}\n{genesis_hash}")


def pair_text(genesis_hash: str, public_key_b64: str, proof: str) -> bytes:
    """What the station signs with the key it pairs with: proof that it holds that key, now."""
    return f"packseal-pair-signature/1\n{genesis_hash}\n{public_key_b64}\n{proof}".encode("utf-8")


def hub_pair_proof(code: str, hub_key_b64: str, cert_sha256: str | None, public_key_b64: str,
                   genesis_hash: str) -> str:
    """The hub's proof that it knows the code, binding its key and certificate to the station's key and genesis."""
    return _hmac(code, f"packseal-pair-hub/2\n{hub_key_b64}\n{cert_sha256 or ''}\n{public_key_b64}\n{genesis_hash}")


def proofs_equal(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("ascii", "replace"), b.encode("ascii", "replace"))


def body_hash(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def request_text(station: str, method: str, target: str, time: str, nonce: str, body: bytes) -> bytes:
    """What a station signs. ``target`` is the path with its query string (``/api/x?a=1``)."""
    return (f"packseal-request/2\n{station}\n{method.upper()}\n{target}\n{time}\n{nonce}\n"
            f"{body_hash(body)}").encode("utf-8")


def answer_text(nonce: str, status: int, body: bytes) -> bytes:
    """What the hub signs in its answer to the request carrying ``nonce``."""
    return f"packseal-answer/1\n{nonce}\n{status}\n{body_hash(body)}".encode("utf-8")


def new_nonce() -> str:
    return secrets.token_hex(16)


def request_headers(sign: Callable[[bytes], tuple[str, bytes]], station: str, method: str, target: str,
                    body: bytes, now: datetime | None = None) -> dict[str, str]:
    """The five headers of a signed request for ``station`` (its id); ``sign(bytes) -> (key id, signature)``."""
    time, nonce = utc_stamp(now), new_nonce()
    key_id, signature = sign(request_text(station, method, target, time, nonce, body))
    return {STATION_HEADER: station, KEY_HEADER: key_id, TIME_HEADER: time, NONCE_HEADER: nonce,
            SIGNATURE_HEADER: b64(signature)}


class RequestRefused(Exception):
    """A signed request the hub must refuse (401): the sentence says why."""


def check_request_headers(headers, now: datetime | None = None) -> tuple[str, str, str, str, bytes]:
    """Shape and time of a request's headers: ``(station, key id, time, nonce, signature)``.

    Raises :class:`RequestRefused` when a header is missing or malformed, or
    the time is more than :data:`MAX_SKEW` from ``now``.
    """
    station, key_id, time = headers.get(STATION_HEADER), headers.get(KEY_HEADER), headers.get(TIME_HEADER)
    nonce, signature = headers.get(NONCE_HEADER), headers.get(SIGNATURE_HEADER)
    if not station and key_id and time and nonce and signature:  # signed the way of protocol 1
        raise RequestRefused("this station's PackSeal is older than the hub's: update PackSeal on the station, "
                             "then pair it with the hub again")
    if not (station and key_id and time and nonce and signature):
        raise RequestRefused("the request is not signed (X-PackSeal-Station, -Key, -Time, -Nonce, -Signature)")
    if not _STATION.fullmatch(station):
        raise RequestRefused("the station id is not 64 lowercase hex digits")
    if not _KEY_ID.fullmatch(key_id):
        raise RequestRefused("the key id is not lowercase hex")
    if not _NONCE.fullmatch(nonce):
        raise RequestRefused("the nonce is not 16 bytes of lowercase hex")
    if not is_utc_stamp(time):
        raise RequestRefused("the request time is not UTC with milliseconds")
    moment = parse_utc_stamp(time)
    now = now or datetime.now(timezone.utc)
    if abs(now - moment) > MAX_SKEW:
        raise RequestRefused(f"the request time {time} is more than {int(MAX_SKEW.total_seconds() // 60)} "
                             f"minutes from the hub's clock ({utc_stamp(now)}): set the station's clock")
    try:
        raw = unb64(signature)
    except BadInputError:
        raise RequestRefused("the signature is not base64") from None
    if len(raw) != 64:
        raise RequestRefused("the signature is not 64 bytes")
    return station, key_id, time, nonce, raw


def request_signature_valid(key: PublicKey, signature: bytes, station: str, method: str, target: str, time: str,
                            nonce: str, body: bytes) -> bool:
    return key.verify(signature, request_text(station, method, target, time, nonce, body))


def answer_signature_valid(hub_key: PublicKey, header: str | None, nonce: str, status: int, body: bytes) -> bool:
    """Is ``header`` (base64) the pinned hub key's signature of this answer?"""
    if not header:
        return False
    try:
        signature = base64.b64decode(header.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError):
        return False
    return hub_key.verify(signature, answer_text(nonce, status, body))
