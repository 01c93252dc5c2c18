"""Trusted time: RFC 3161 timestamps over checkpoint roots, from several TSAs.

A checkpoint root fixes every entry before it; a timestamp from a Time
Stamping Authority (TSA) proves that root existed at the TSA's time, so
entries cannot later be back-dated or rewritten without the TSA noticing.
The data sent is the 32 raw bytes of the root hash; the request carries its
SHA-256 (the token's message imprint), a random nonce, and asks for the TSA's
certificate. Each TSA's response (DER ``TimeStampResp``) is checked fully
(:mod:`token_verify`) and kept in a ``timestamp`` ledger entry together with
the nonce. A TSA that cannot be reached leaves the checkpoint in
``ledger/timestamp-queue.json``, retried with back-off; a newer checkpoint
queued for the same TSA replaces an older one (its stamp covers the older
entries too, at the same moment).
"""

from __future__ import annotations

import json
import logging
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Iterator, Sequence

from cryptography import x509
from rfc3161_client import HashAlgorithm, PKIStatus, TimestampRequestBuilder, decode_timestamp_response

from packseal.core.errors import BadInputError, LedgerError
from packseal.core.ledger import bodies
from packseal.core.ledger.canonical import b64, utc_stamp
from packseal.core.ledger.chain import Ledger
from packseal.core.storage.durable import atomic_write
from packseal.core.ledger.entry import Entry
from packseal.core.ledger.journal import TIMESTAMP_QUEUE_FILE
from packseal.core.ledger.token_verify import MAX_TOKEN_BYTES, TokenCheck, gen_time_of, verify_token
from packseal.core.ledger.tsa_trust import TrustStore
from packseal.core.storage.filelock import InterProcessLock

log = logging.getLogger(__name__)

CONTENT_TYPE_QUERY = "application/timestamp-query"
CONTENT_TYPE_REPLY = "application/timestamp-reply"
#: Retry delays after failed attempts: 30 s, 1 min, 2 min … at most 30 min.
BACKOFF_FIRST_S = 30.0
BACKOFF_MAX_S = 1800.0

__all__ = ["Timestamper", "TimestampError", "TokenCheck", "verify_token", "request_timestamp",
           "timestamp_body", "StampResult", "backoff_s"]


class TimestampError(LedgerError):
    """The TSA could not be reached, refused, or answered with something unusable."""


def backoff_s(attempts: int) -> float:
    """Seconds to wait before the next try after ``attempts`` failed ones."""
    return min(BACKOFF_MAX_S, BACKOFF_FIRST_S * 2 ** max(0, attempts - 1))


def request_timestamp(tsa_url: str, root_hash_hex: str, timeout: float = 10.0,
                      trust_roots: TrustStore | Sequence[x509.Certificate] | None = None
                      ) -> tuple[bytes, int, TokenCheck]:
    """Ask ``tsa_url`` to timestamp a root; return (DER ``TimeStampResp``, nonce, its check).

    Raises :class:`TimestampError` when the TSA is unreachable or its answer
    is refused, malformed, for another request (nonce) or does not verify.
    An answer that verifies only to an untrusted root is returned (it is kept:
    the reviewer may trust that root); the check says so.
    """
    request = (TimestampRequestBuilder().data(bytes.fromhex(root_hash_hex))
               .hash_algorithm(HashAlgorithm.SHA256).nonce(nonce=True)
               .cert_request(cert_request=True).build())
    http = urllib.request.Request(tsa_url, data=request.as_bytes(), method="POST",
                                  headers={"Content-Type": CONTENT_TYPE_QUERY,
                                           "Accept": CONTENT_TYPE_REPLY})
    try:
        with urllib.request.urlopen(http, timeout=timeout) as reply:
            der = reply.read(MAX_TOKEN_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise TimestampError(f"the TSA at {tsa_url} answered HTTP {exc.code}") from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise TimestampError(f"cannot reach the TSA at {tsa_url}: {reason}") from exc
    if len(der) > MAX_TOKEN_BYTES:
        raise TimestampError(f"the TSA at {tsa_url} sent an oversized answer")
    try:
        response = decode_timestamp_response(der)
        status = response.status
    except (ValueError, TypeError) as exc:
        raise TimestampError(f"the TSA at {tsa_url} sent something that is not a timestamp: {exc}") from exc
    if status != PKIStatus.GRANTED:
        raise TimestampError(f"the TSA at {tsa_url} refused: status {status} "
                             f"{' '.join(response.status_string)}")
    nonce = request.nonce
    assert nonce is not None
    check = verify_token(der, root_hash_hex, trust_roots, expected_nonce=nonce)
    if check.tampered:
        raise TimestampError(f"the timestamp from {tsa_url} does not verify: {check.reason}")
    return der, nonce, check


def timestamp_body(checkpoint: Entry, tsa_url: str, token_der: bytes, nonce: int | None = None,
                   check: TokenCheck | None = None) -> dict[str, Any]:
    """Body of a ``timestamp`` entry for ``checkpoint``."""
    response = decode_timestamp_response(token_der)
    body = {"checkpoint_seq": checkpoint.seq, "tree_size": checkpoint.body["tree_size"],
            "root_hash": checkpoint.body["root_hash"], "tsa_url": tsa_url, "token": b64(token_der),
            "gen_time": utc_stamp(gen_time_of(response)),
            # Serial numbers and nonces reach 160 bits: beyond what a JSON number carries.
            "serial": str(response.tst_info.serial_number)}
    if nonce is not None:
        body["nonce"] = str(nonce)
    if check is not None and check.tsa:
        body["tsa"] = check.tsa
    return body


@dataclass
class StampResult:
    """What one round of stamping did: new ``timestamp`` entries, and TSAs that failed (queued)."""

    entries: list[Entry] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)   # url -> why
    trusted: int = 0                                        # entries whose token is an anchor here

    @property
    def stamped(self) -> bool:
        return bool(self.entries)


class Timestamper:
    """Gets RFC 3161 timestamps for checkpoints from each configured TSA and records them."""

    def __init__(self, ledger: Ledger, tsa_urls: str | Sequence[str], *, timeout: float = 10.0,
                 trust_roots: TrustStore | Sequence[x509.Certificate] | None = None,
                 clock=time.time) -> None:
        urls = [tsa_urls] if isinstance(tsa_urls, str) else list(tsa_urls)
        if not urls:
            raise BadInputError("a Timestamper needs at least one TSA URL")
        for url in urls:
            if not url.startswith(("http://", "https://")):
                raise BadInputError(f"the TSA address must be an http(s) URL, got {url!r}")
        self.ledger = ledger
        self.tsa_urls = urls
        self.timeout = timeout
        self.trust_roots = trust_roots if trust_roots is not None else TrustStore([])
        self.queue_path = ledger.directory / TIMESTAMP_QUEUE_FILE
        self.clock = clock
        self._lock = threading.Lock()

    @property
    def tsa_url(self) -> str:
        return self.tsa_urls[0]

    def stamp(self, checkpoint: Entry) -> StampResult:
        """Ask every TSA to stamp ``checkpoint`` now; queue it for each one that fails."""
        if checkpoint.kind != bodies.CHECKPOINT:
            raise BadInputError(f"entry {checkpoint.seq} is a {checkpoint.kind}, not a checkpoint")
        result = StampResult()
        for url in self.tsa_urls:
            self._stamp_one(checkpoint, url, result)
        if result.failed:
            self._update_queue(add=checkpoint, urls=list(result.failed), errors=result.failed)
        if result.entries:
            self._update_queue(superseded=checkpoint, urls=[e.body["tsa_url"] for e in result.entries])
        return result

    def _stamp_one(self, checkpoint: Entry, url: str, result: StampResult) -> None:
        try:
            der, nonce, check = request_timestamp(url, checkpoint.body["root_hash"], self.timeout,
                                                  self.trust_roots)
        except TimestampError as exc:
            log.warning("timestamp of checkpoint %s from %s failed: %s", checkpoint.seq, url, exc)
            result.failed[url] = str(exc)
            return
        entry = self.ledger.append(bodies.TIMESTAMP, timestamp_body(checkpoint, url, der, nonce, check))
        result.entries.append(entry)
        result.trusted += int(check.anchors)

    def flush_pending(self, *, force: bool = True) -> StampResult:
        """Retry queued checkpoints (only those due, unless ``force``). Returns what was stamped."""
        result = StampResult()
        now = self.clock()
        for item in self.pending():
            if not force and item.get("next_try", 0) > now:
                continue
            seq = item["checkpoint_seq"]
            try:
                checkpoint = self.ledger.entry(seq)
            except LedgerError as exc:
                log.error("queued checkpoint %s is not in the ledger (%s); dropped", seq, exc)
                self._update_queue(remove=seq)
                continue
            round_ = StampResult()
            for url in item.get("tsa_urls") or self.tsa_urls:
                self._stamp_one(checkpoint, url, round_)
            result.entries += round_.entries
            result.failed.update(round_.failed)
            result.trusted += round_.trusted
            self._update_queue(done=seq, urls=[e.body["tsa_url"] for e in round_.entries],
                               errors=round_.failed)
        return result

    def pending(self) -> list[dict[str, Any]]:
        """Queued requests: checkpoint_seq, tree_size, root_hash, tsa_urls, queued_at, attempts,
        last_error, next_try (Unix time)."""
        with self._queue_locked():
            return self._read_queue()

    def next_due(self) -> float | None:
        """Unix time when the earliest queued request is due, or None when nothing waits."""
        items = self.pending()
        return min((i.get("next_try", 0) for i in items), default=None)

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
        items = document.get("pending", []) if isinstance(document, dict) else []
        return [i for i in items if isinstance(i, dict) and type(i.get("checkpoint_seq")) is int]

    def _update_queue(self, *, add: Entry | None = None, superseded: Entry | None = None,
                      done: int | None = None, remove: int | None = None, urls: Sequence[str] = (),
                      errors: dict[str, str] | None = None) -> None:
        errors = errors or {}
        now = self.clock()
        with self._queue_locked():
            items = self._read_queue()
            if add is not None or superseded is not None:
                # A newer checkpoint stamped (or queued) for a TSA covers older ones for that TSA.
                newer = add or superseded
                assert newer is not None
                for item in items:
                    if item["checkpoint_seq"] < newer.seq:
                        item["tsa_urls"] = [u for u in item.get("tsa_urls", []) if u not in urls]
            if add is not None:
                mine = next((i for i in items if i["checkpoint_seq"] == add.seq), None)
                if mine is None:
                    mine = {"checkpoint_seq": add.seq, "tree_size": add.body["tree_size"],
                            "root_hash": add.body["root_hash"], "tsa_urls": [], "queued_at": utc_stamp(),
                            "attempts": 0}
                    items.append(mine)
                mine["tsa_urls"] = list(dict.fromkeys(mine["tsa_urls"] + list(urls)))
                mine["attempts"] += 1
                mine["last_error"] = "; ".join(errors.values())
                mine["next_try"] = now + backoff_s(mine["attempts"])
            if done is not None:
                for item in items:
                    if item["checkpoint_seq"] == done:
                        item["tsa_urls"] = [u for u in item.get("tsa_urls", []) if u not in urls]
                        if errors:
                            item["attempts"] = item.get("attempts", 0) + 1
                            item["last_error"] = "; ".join(errors.values())
                            item["next_try"] = now + backoff_s(item["attempts"])
            items = [i for i in items if i["checkpoint_seq"] != remove and i.get("tsa_urls")]
            items.sort(key=lambda i: i["checkpoint_seq"])
            atomic_write(self.queue_path, json.dumps({"pending": items}, indent=2).encode("utf-8") + b"\n")
