"""Trusted time: RFC 3161 timestamps over checkpoint roots.

A checkpoint root fixes every entry before it; a timestamp from a Time
Stamping Authority (TSA) proves that root existed at the TSA's time, so
entries cannot later be back-dated or rewritten without the TSA noticing.
The data sent is the 32 raw bytes of the root hash; the request carries its
SHA-256 (the token's message imprint), a nonce, and asks for the TSA's
certificate. The response (DER ``TimeStampResp``) is kept in a ``timestamp``
ledger entry. When the TSA cannot be reached the request waits in
``ledger/timestamp-queue.json`` until :meth:`Timestamper.flush_pending`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timezone
from typing import Any, Iterator, Sequence

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from rfc3161_client import (HashAlgorithm, PKIStatus, TimestampRequestBuilder, TimeStampResponse,
                            VerificationError, VerifierBuilder, decode_timestamp_response)

from packseal.core.errors import BadInputError, LedgerError
from packseal.core.ledger import bodies
from packseal.core.ledger.canonical import b64, utc_stamp
from packseal.core.ledger.chain import Ledger
from packseal.core.ledger.durable import atomic_write
from packseal.core.ledger.entry import Entry
from packseal.core.storage.filelock import InterProcessLock
from packseal.core.ledger.journal import TIMESTAMP_QUEUE_FILE

log = logging.getLogger(__name__)

SHA256_OID = x509.ObjectIdentifier("2.16.840.1.101.3.4.2.1")
MAX_RESPONSE_BYTES = 1 << 20
CONTENT_TYPE_QUERY = "application/timestamp-query"
CONTENT_TYPE_REPLY = "application/timestamp-reply"


class TimestampError(LedgerError):
    """The TSA could not be reached, refused, or answered with something unusable."""


@dataclass(frozen=True)
class TokenCheck:
    """Result of checking one RFC 3161 response against a checkpoint root.

    ``ok``: the imprint matches and the signature verifies. ``trusted``: it
    verified up to a configured trust root (not merely to a root the token
    carries itself). ``checkable``: False when there was nothing to verify
    the signature against (no trust root given, none in the token).
    """

    ok: bool
    reason: str = ""
    trusted: bool = False
    checkable: bool = True
    gen_time: str | None = None
    tsa: str | None = None


def _imprint(root_hash_hex: str) -> bytes:
    return hashlib.sha256(bytes.fromhex(root_hash_hex)).digest()


def _embedded_roots(response: TimeStampResponse) -> list[x509.Certificate]:
    roots = []
    for der in response.signed_data.certificates:
        cert = x509.load_der_x509_certificate(der)
        if cert.issuer == cert.subject:
            try:
                cert.verify_directly_issued_by(cert)
            except (ValueError, TypeError, InvalidSignature):  # not self-signed after all
                continue
            roots.append(cert)
    return roots


def _gen_time(response: TimeStampResponse) -> str:
    moment = response.tst_info.gen_time
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return utc_stamp(moment)


def verify_token(token_der: bytes, root_hash_hex: str,
                 trust_roots: Sequence[x509.Certificate] | None = None) -> TokenCheck:
    """Check that ``token_der`` timestamps ``root_hash_hex`` and is signed by its TSA.

    The message imprint must be SHA-256 of the root's 32 bytes. The signature
    is verified (with the TSA certificate in the token, which must carry the
    critical timeStamping EKU) up to ``trust_roots`` if given, else up to a
    self-signed root the token carries itself, which shows integrity but not
    who the TSA is.
    """
    try:
        response = decode_timestamp_response(token_der)
    except (ValueError, TypeError) as exc:
        return TokenCheck(False, f"not an RFC 3161 response: {exc}")
    if response.status not in (PKIStatus.GRANTED, PKIStatus.GRANTED_WITH_MODS):
        return TokenCheck(False, f"the TSA did not grant the request (status {response.status})")
    imprint = response.tst_info.message_imprint
    expected = _imprint(root_hash_hex)
    if imprint.hash_algorithm != SHA256_OID:
        return TokenCheck(False, f"message imprint uses {imprint.hash_algorithm.dotted_string}, not SHA-256")
    if imprint.message != expected:
        return TokenCheck(False, f"the token's message imprint is not SHA-256 of root {root_hash_hex}")
    gen_time = _gen_time(response)
    roots = list(trust_roots or [])
    trusted = bool(roots)
    if not roots:
        roots = _embedded_roots(response)
    if not roots:
        return TokenCheck(False, "no trust root configured and the token carries no root certificate",
                          checkable=False, gen_time=gen_time)
    try:
        VerifierBuilder(roots=roots).build().verify(response, expected)
    except (VerificationError, ValueError) as exc:
        return TokenCheck(False, f"signature does not verify: {exc}", gen_time=gen_time)
    tsa = None
    for der in response.signed_data.certificates:
        cert = x509.load_der_x509_certificate(der)
        try:
            eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
        except x509.ExtensionNotFound:
            continue
        if x509.ExtendedKeyUsageOID.TIME_STAMPING in eku:
            tsa = cert.subject.rfc4514_string()
    return TokenCheck(True, trusted=trusted, gen_time=gen_time, tsa=tsa)


def request_timestamp(tsa_url: str, root_hash_hex: str, timeout: float = 10.0,
                      trust_roots: Sequence[x509.Certificate] | None = None) -> bytes:
    """Ask ``tsa_url`` to timestamp a root; return the checked DER ``TimeStampResp``.

    Raises :class:`TimestampError` when the TSA is unreachable or its answer
    is refused, malformed, for another request (nonce) or does not verify.
    """
    request = (TimestampRequestBuilder().data(bytes.fromhex(root_hash_hex))
               .hash_algorithm(HashAlgorithm.SHA256).nonce(nonce=True)
               .cert_request(cert_request=True).build())
    http = urllib.request.Request(tsa_url, data=request.as_bytes(), method="POST",
                                  headers={"Content-Type": CONTENT_TYPE_QUERY,
                                           "Accept": CONTENT_TYPE_REPLY})
    try:
        with urllib.request.urlopen(http, timeout=timeout) as reply:
            der = reply.read(MAX_RESPONSE_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise TimestampError(f"the TSA at {tsa_url} answered HTTP {exc.code}") from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise TimestampError(f"cannot reach the TSA at {tsa_url}: {reason}") from exc
    if len(der) > MAX_RESPONSE_BYTES:
        raise TimestampError(f"the TSA at {tsa_url} sent an oversized answer")
    try:
        response = decode_timestamp_response(der)
    except (ValueError, TypeError) as exc:
        raise TimestampError(f"the TSA at {tsa_url} sent something that is not a timestamp: {exc}") from exc
    if response.status not in (PKIStatus.GRANTED, PKIStatus.GRANTED_WITH_MODS):
        raise TimestampError(f"the TSA at {tsa_url} refused: status {response.status} "
                             f"{' '.join(response.status_string)}")
    if response.tst_info.nonce != request.nonce:
        raise TimestampError(f"the TSA at {tsa_url} answered another request (nonce differs)")
    check = verify_token(der, root_hash_hex, trust_roots)
    if not check.ok and check.checkable:
        raise TimestampError(f"the timestamp from {tsa_url} does not verify: {check.reason}")
    return der


def timestamp_body(checkpoint: Entry, tsa_url: str, token_der: bytes) -> dict[str, Any]:
    """Body of a ``timestamp`` entry for ``checkpoint``."""
    response = decode_timestamp_response(token_der)
    return {"checkpoint_seq": checkpoint.seq, "tree_size": checkpoint.body["tree_size"],
            "root_hash": checkpoint.body["root_hash"], "tsa_url": tsa_url, "token": b64(token_der),
            "gen_time": _gen_time(response),
            # Serial numbers reach 160 bits: beyond what a JSON number carries.
            "serial": str(response.tst_info.serial_number)}


class Timestamper:
    """Gets RFC 3161 timestamps for checkpoints and records them in the ledger."""

    def __init__(self, ledger: Ledger, tsa_url: str, *, timeout: float = 10.0,
                 trust_roots: Sequence[x509.Certificate] | None = None) -> None:
        if not tsa_url.startswith(("http://", "https://")):
            raise BadInputError(f"the TSA address must be an http(s) URL, got {tsa_url!r}")
        self.ledger = ledger
        self.tsa_url = tsa_url
        self.timeout = timeout
        self.trust_roots = list(trust_roots or [])
        self.queue_path = ledger.directory / TIMESTAMP_QUEUE_FILE
        self._lock = threading.Lock()

    def stamp(self, checkpoint: Entry) -> Entry | None:
        """Timestamp ``checkpoint`` now; on failure queue it and return None."""
        if checkpoint.kind != bodies.CHECKPOINT:
            raise BadInputError(f"entry {checkpoint.seq} is a {checkpoint.kind}, not a checkpoint")
        try:
            return self._stamp(checkpoint)
        except TimestampError as exc:
            log.warning("timestamp of checkpoint %s queued: %s", checkpoint.seq, exc)
            self._update_queue(add=checkpoint, error=str(exc))
            return None

    def _stamp(self, checkpoint: Entry) -> Entry:
        der = request_timestamp(self.tsa_url, checkpoint.body["root_hash"], self.timeout, self.trust_roots)
        return self.ledger.append(bodies.TIMESTAMP, timestamp_body(checkpoint, self.tsa_url, der))

    def flush_pending(self) -> list[Entry]:
        """Retry queued checkpoints in order; stop at the first failure. Returns the new entries."""
        done: list[Entry] = []
        for item in self.pending():
            seq = item["checkpoint_seq"]
            try:
                checkpoint = self.ledger.entry(seq)
                entry = self._stamp(checkpoint)
            except TimestampError as exc:
                self._update_queue(retry=seq, error=str(exc))
                break
            done.append(entry)
            self._update_queue(remove=seq)
        return done

    def pending(self) -> list[dict[str, Any]]:
        """The queued requests: checkpoint_seq, root_hash, queued_at, attempts, last_error."""
        with self._queue_locked():
            return self._read_queue()

    @contextmanager
    def _queue_locked(self) -> Iterator[None]:
        """The queue file is shared with other processes on the data dir (GUI and CLI)."""
        with self._lock:
            lock = InterProcessLock(self.ledger.directory / ".timestamp-queue.lock")
            try:
                with lock:
                    yield
            finally:
                lock.close()

    def _read_queue(self) -> list[dict[str, Any]]:
        try:
            document = json.loads(self.queue_path.read_bytes())
        except FileNotFoundError:
            return []
        except (OSError, ValueError) as exc:
            raise LedgerError(f"the timestamp queue {self.queue_path} is unreadable: {exc}") from exc
        return list(document.get("pending", []))

    def _update_queue(self, *, add: Entry | None = None, retry: int | None = None,
                      remove: int | None = None, error: str = "") -> None:
        with self._queue_locked():
            items = self._read_queue()
            if add is not None and all(i["checkpoint_seq"] != add.seq for i in items):
                items.append({"checkpoint_seq": add.seq, "tree_size": add.body["tree_size"],
                              "root_hash": add.body["root_hash"], "queued_at": utc_stamp(),
                              "attempts": 1, "last_error": error})
            for item in items:
                if item["checkpoint_seq"] == retry:
                    item["attempts"] = item.get("attempts", 0) + 1
                    item["last_error"] = error
            items = [i for i in items if i["checkpoint_seq"] != remove]
            document = {"pending": items}
            atomic_write(self.queue_path, json.dumps(document, indent=2).encode("utf-8") + b"\n")
