"""The hub's station routes (docs/HUB.md §2–4): pairing, signed requests, sync, objects.

Every route here but ``POST /api/pair`` takes only requests signed by a
paired station's key (time within 5 minutes of the hub's clock, a nonce
never seen with a request time in the last 10 minutes, kept in PostgreSQL so
that a restart or a second API node does not forget it), and every answer carries the hub key's signature over the
request's nonce, the status and the body. :func:`station_routes` gives the
routes for ``web.create_app(context, station_routes=…)``: they bypass the staff
session check because they authenticate themselves.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable

from botocore.exceptions import BotoCoreError, ClientError
from psycopg.types.json import Jsonb
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from packseal.core.errors import BadInputError
from packseal.core.ledger import bodies
from packseal.core.ledger.canonical import parse_utc_stamp, unb64
from packseal.core.ledger.entry import Entry
from packseal.core.ledger.keys import PublicKey
from packseal.core.ledger.merkle import MerkleFrontier
from packseal.core.sync import wire
from packseal.hub import ingest
from packseal.hub.ingest import FORKED, GONE, STORED, WAITING, Chain, Forked, Refused
from packseal.hub.context import HubContext
from packseal.hub.objectstore import object_key
from packseal.hub.pairing import PairRefused, register, request_keys

log = logging.getLogger(__name__)

#: Multipart part size given to stations (S3 needs at least 5 MiB for all parts but the last).
PART_SIZE = 8 * 1024 * 1024
#: The largest body a station route reads (a part, or a batch of entries).
MAX_BODY = PART_SIZE + 1024 * 1024
READ_CHUNK = 1024 * 1024
ENTRIES = "/api/sync/entries"


class _Answer(Exception):
    """Stop handling and answer ``status`` with ``{"error", "message"}``."""

    def __init__(self, status: int, error: str, message: str) -> None:
        super().__init__(message)
        self.status, self.error = status, error


def _signed(ctx: HubContext, nonce: str, status: int, data: dict) -> Response:
    body = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    signature = base64.b64encode(ctx.key.sign(wire.answer_text(nonce, status, body))).decode("ascii")
    return Response(body, status_code=status, media_type="application/json",
                    headers={wire.ANSWER_HEADER: signature})


async def _body(request: Request) -> bytes:
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise _Answer(413, "too-large", f"a station request is at most {MAX_BODY} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _json(raw: bytes) -> Any:
    try:
        return json.loads(raw) if raw else {}
    except (ValueError, RecursionError):
        raise _Answer(400, "bad-request", "the body is not JSON") from None


# -- authentication --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Caller:
    station: str  # the station's id: its genesis entry hash
    key_id: str


Headers = tuple[str, str, str, str, bytes]  # station, key id, time, nonce, signature


def _headers(conn, request: Request) -> Headers:
    """The request's signature headers, checked for shape and time, naming a key that may sign for its
    station (or, on ``/api/sync/entries``, a paired station: the key may be one its batch rotates to);
    :class:`_Answer` 401 otherwise. Nothing of the body is read yet."""
    try:
        headers = wire.check_request_headers(request.headers)
    except wire.RequestRefused as exc:
        raise _Answer(401, "unauthenticated", str(exc)) from None
    station, key_id = headers[0], headers[1]
    keys = request_keys(conn, station)
    if not keys:
        raise _Answer(401, "unknown-station", "this station is not paired with the hub: pair it")
    if key_id not in keys and request.url.path != ENTRIES:
        raise _Answer(401, "unknown-key", f"key {key_id} does not sign for this station now (only its current "
                      "key does): pair the station again")
    return headers


def _authenticate(conn, request: Request, body: bytes, headers: Headers) -> Caller:
    """The station that signed this request; :class:`_Answer` 401 (or 409) otherwise (module doc)."""
    station, key_id, time, nonce, signature = headers
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    keys = request_keys(conn, station)
    key = keys.get(key_id) or (_rotated_key(body, keys, key_id) if request.url.path == ENTRIES else None)
    if key is None:
        raise _Answer(401, "unknown-key", f"key {key_id} does not sign for this station now (only its current "
                      "key does, or a key its batch rotates to from it): pair the station again")
    if not wire.request_signature_valid(key, signature, station, request.method, target, time, nonce, body):
        raise _Answer(401, "bad-signature", "the request's signature does not verify")
    _forget_old_nonces(conn)
    # seen_at holds the request's own time (within MAX_SKEW of this hub's clock, checked): the nonce is kept
    # until that time is NONCE_MEMORY old by the hub's clock, never by PostgreSQL's, which may differ.
    fresh = conn.execute("INSERT INTO request_nonces (nonce, seen_at) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                         (nonce, parse_utc_stamp(time)))
    if fresh.rowcount != 1:
        raise _Answer(401, "replayed", "this request's nonce was used already: a replayed request")
    if key_id in keys:  # this request proves the station holds the key
        _refuse_if_held_elsewhere(conn, station, key_id)
        conn.execute("UPDATE station_keys SET held = true WHERE station_id = %s AND key_id = %s AND NOT held",
                     (station, key_id))
    return Caller(station, key_id)


def _forget_old_nonces(conn, now: datetime | None = None) -> None:
    """Drop nonces whose request time is more than NONCE_MEMORY before ``now`` (the hub's clock).

    A request is accepted only while its time is within MAX_SKEW of the clock of the hub process that
    reads it, and NONCE_MEMORY is twice MAX_SKEW: a replay is refused by whichever hub process gets it as
    long as the processes' clocks agree within MAX_SKEW of each other.
    """
    now = now or datetime.now(timezone.utc)
    conn.execute("DELETE FROM request_nonces WHERE seen_at < %s", (now - wire.NONCE_MEMORY,))


def _refuse_if_held_elsewhere(conn, station: str, key_id: str) -> None:
    if conn.execute("SELECT 1 FROM station_keys WHERE key_id = %s AND held AND station_id <> %s",
                    (key_id, station)).fetchone():
        raise _Answer(409, "key-taken", f"key {key_id} is held by another station on this hub")


def _rotated_key(body: bytes, keys: dict[str, PublicKey], key_id: str) -> PublicKey | None:
    """A key the station rotated to since it last synced: named by a rotation in this very batch, signed
    by a key that signs for the station now (or by a key rotated to from it earlier in the batch).

    The request's own signature by the new key then proves the station holds it;
    the batch itself is checked along the chain like any other.
    """
    try:
        entries = json.loads(body).get("entries")
    except (ValueError, RecursionError, AttributeError):
        return None
    if not isinstance(entries, list):
        return None
    known = dict(keys)
    for data in entries:
        if not (isinstance(data, dict) and data.get("kind") == bodies.KEY_ROTATION):
            continue
        try:
            entry = Entry.from_dict(data)
            new = PublicKey(unb64(entry.body["new_public_key"]))
        except (BadInputError, KeyError, TypeError, ValueError, RecursionError):
            continue
        signer = known.get(entry.key)
        if signer is None or new.key_id != entry.body.get("new_key_id") \
                or not signer.verify(entry.signature, entry.payload()):
            continue
        known[new.key_id] = new
        if new.key_id == key_id:
            return new
    return None


# -- the routes ------------------------------------------------------------------------------------


def station_routes(ctx: HubContext) -> list[Route]:
    """The station protocol's routes, for ``create_app(…, station_routes=…)``."""

    def signed_route(path: str, work: Callable[..., tuple[int, dict]], methods: list[str]) -> Route:
        async def endpoint(request: Request) -> Response:
            nonce = request.headers.get(wire.NONCE_HEADER, "")
            try:
                headers = await run_in_threadpool(_checked_headers, ctx, request)
                body = await _body(request)
                status, data = await run_in_threadpool(_run_signed, ctx, work, request, body, headers)
            except _Answer as answer:
                status, data = answer.status, {"error": answer.error, "message": str(answer)}
            return _signed(ctx, nonce, status, data)

        return Route(path, endpoint, methods=methods)

    async def pair(request: Request) -> Response:
        try:
            body = _json(await _body(request))
            data = await run_in_threadpool(_pair, ctx, body)
            status = 200
        except _Answer as answer:
            status, data = answer.status, {"error": answer.error, "message": str(answer)}
        except PairRefused as exc:
            status, data = exc.status, {"error": exc.error, "message": str(exc)}
        return Response(json.dumps(data), status_code=status, media_type="application/json")

    return [
        Route("/api/pair", pair, methods=["POST"]),
        signed_route("/api/sync/state", _state, ["GET"]),
        signed_route(ENTRIES, _entries, ["POST"]),
        signed_route("/api/sync/objects/{sha256:str}", _object_start, ["POST"]),
        signed_route("/api/sync/objects/{sha256:str}/parts/{n:int}", _object_part, ["PUT"]),
        signed_route("/api/sync/objects/{sha256:str}/complete", _object_complete, ["POST"]),
    ]


def _pair(ctx: HubContext, body: Any) -> dict:
    with ctx.db.connection() as conn:
        return register(conn, body, ctx.key.public, ctx.tls.cert_sha256 if ctx.tls else None)


def _checked_headers(ctx: HubContext, request: Request) -> Headers:
    with ctx.db.connection() as conn:
        return _headers(conn, request)


def _run_signed(ctx: HubContext, work, request: Request, body: bytes, headers: Headers) -> tuple[int, dict]:
    with ctx.db.connection() as conn:
        caller = _authenticate(conn, request, body, headers)
        conn.commit()  # the nonce is spent even when the work below is refused
        return work(ctx, conn, caller, request, body)


def _station(conn, station: str, lock: bool = False) -> dict:
    row = conn.execute("SELECT entries_to, last_hash, current_key, frontier, cosigned_size, cosigned_root, "
                       "status, status_detail, history FROM stations WHERE id = %s" + (" FOR UPDATE" if lock else ""),
                       (station,)).fetchone()
    if row is None:
        raise _Answer(401, "unknown-station", "this station is not paired with the hub")
    return row


def _refuse_if_forked(row: dict) -> None:
    if row["status"] == FORKED:
        raise _Answer(409, FORKED, f"the hub flagged this station as forked ({row['status_detail']}); its sync is refused "
                      "until an owner accepts its present history on the hub")


def _flag_forked(conn, station: str, why: str, evidence: Entry | None = None) -> None:
    """Flag the station forked (committed at once, the batch is not taken) and answer 409.

    ``evidence``: the station-signed entry that proves it, kept in ``fork_evidence``. Without one, the
    station's own signed request said it (its ledger ends before what the hub holds)."""
    conn.execute("UPDATE stations SET status = %s, status_detail = %s WHERE id = %s", (FORKED, why, station))
    if evidence is not None:
        conn.execute("INSERT INTO fork_evidence (station_id, seq, hash, entry, reason) VALUES (%s, %s, %s, %s, %s)",
                     (station, evidence.seq, evidence.hash, evidence.canonical, why))
    conn.commit()
    log.warning("station %s… flagged forked: %s", station[:16], why)
    raise _Answer(409, FORKED, why)


def _chain_keys(conn, station: str, history: int) -> list[tuple[int, str, PublicKey]]:
    """``(seq, key id, key)`` of each key of the chain the hub holds of ``history``: the genesis key,
    then each rotation's new key, from the entries themselves."""
    found = []
    for row in conn.execute("SELECT seq, entry FROM ledger_entries WHERE station_id = %s AND history = %s "
                            "AND kind IN (%s, %s) ORDER BY seq",
                            (station, history, bodies.GENESIS, bodies.KEY_ROTATION)).fetchall():
        body = Entry.from_line(bytes(row["entry"])).body
        key_id, raw = ((body["key_id"], body["public_key"]) if row["seq"] == 0
                       else (body["new_key_id"], body["new_public_key"]))
        found.append((row["seq"], key_id, PublicKey(unb64(raw))))
    return found


def _missing(conn, station: str) -> list[str]:
    rows = conn.execute("SELECT DISTINCT sha256 FROM clips WHERE station_id = %s AND status = %s ORDER BY 1",
                        (station, WAITING)).fetchall()
    return [r["sha256"] for r in rows]


def _state(ctx: HubContext, conn, caller: Caller, request: Request, body: bytes) -> tuple[int, dict]:
    row = _station(conn, caller.station)
    conn.execute("UPDATE stations SET last_sync_at = now() WHERE id = %s", (caller.station,))
    return 200, {"entries_to": row["entries_to"], "missing": _missing(conn, caller.station),
                 "cosigned_to": row["cosigned_size"], "status": row["status"], "history": row["history"]}


def _entries(ctx: HubContext, conn, caller: Caller, request: Request, body: bytes) -> tuple[int, dict]:
    data = _json(body)
    if not isinstance(data, dict):
        raise _Answer(400, "bad-request", "the body must be a JSON object")
    row = _station(conn, caller.station, lock=True)
    _refuse_if_forked(row)
    ends = data.get("ends_at")  # a station that finds its own ledger shorter than what the hub holds says so
    if type(ends) is int and row["entries_to"] is not None and ends < row["entries_to"]:
        _flag_forked(conn, caller.station, f"the station's ledger ends at entry {ends}, but the hub holds its "
                     f"entries up to {row['entries_to']}: the ledger was rolled back")
    chain_keys = _chain_keys(conn, caller.station, row["history"])
    chain = Chain(genesis=caller.station, entries_to=row["entries_to"], last_hash=row["last_hash"],
                  current_key=row["current_key"], frontier=MerkleFrontier.from_json(row["frontier"]),
                  cosigned_size=row["cosigned_size"], cosigned_root=row["cosigned_root"],
                  history=row["history"], keys={key_id: key for _, key_id, key in chain_keys},
                  key_history=[(since, key_id) for since, key_id, _ in chain_keys])

    def held_hash(seq: int) -> str | None:
        found = conn.execute("SELECT hash FROM ledger_entries WHERE station_id = %s AND history = %s AND seq = %s",
                             (caller.station, chain.history, seq)).fetchone()
        return found["hash"] if found else None

    try:
        new, outcome = ingest.check_batch(chain, data.get("entries"), data.get("consistency") or {}, held_hash,
                                          ctx.key.sign, ctx.key.public)
    except Refused as exc:
        raise _Answer(400, exc.error, str(exc)) from None
    except Forked as exc:
        conn.rollback()
        _flag_forked(conn, caller.station, str(exc), exc.evidence)
    _store_entries(conn, caller.station, chain.history, caller.key_id, new, outcome)
    conn.execute("UPDATE stations SET entries_to = %s, last_hash = %s, current_key = %s, frontier = %s, "
                 "cosigned_size = %s, cosigned_root = %s, last_sync_at = now() WHERE id = %s",
                 (chain.entries_to, chain.last_hash, chain.current_key, Jsonb(chain.frontier.to_json()),
                  chain.cosigned_size, chain.cosigned_root, caller.station))
    return 200, {"accepted": outcome.accepted, "entries_to": chain.entries_to,
                 "cosignatures": [c.to_json() for c in outcome.cosignatures]}


def _store_entries(conn, station: str, history: int, caller_key: str, new: list[Entry],
                   outcome: ingest.Outcome) -> None:
    cosigned = {c.checkpoint_seq: c for c in outcome.cosignatures}
    for entry in new:
        conn.execute("INSERT INTO ledger_entries (station_id, history, seq, hash, kind, entry) "
                     "VALUES (%s, %s, %s, %s, %s, %s)",
                     (station, history, entry.seq, entry.hash, entry.kind, entry.canonical))
        if entry.kind in (bodies.GENESIS, bodies.KEY_ROTATION):
            key_id, raw = ((entry.body["key_id"], entry.body["public_key"]) if entry.kind == bodies.GENESIS
                           else (entry.body["new_key_id"], entry.body["new_public_key"]))
            # A key another station proved it holds is refused; one this station proves now (this request
            # is signed by it) is held from here; any other waits for a request signed by it.
            _refuse_if_held_elsewhere(conn, station, key_id)
            conn.execute("INSERT INTO station_keys (key_id, station_id, public_key, since_seq, held) "
                         "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (station_id, key_id) DO UPDATE "
                         "SET since_seq = EXCLUDED.since_seq, held = station_keys.held OR EXCLUDED.held",
                         (key_id, station, raw, entry.seq, key_id == caller_key))
        elif entry.kind == bodies.CHECKPOINT:
            cos = cosigned[entry.seq]
            conn.execute("INSERT INTO cosigned_checkpoints (station_id, history, seq, tree_size, root_hash, "
                         "cosignature) VALUES (%s, %s, %s, %s, %s, %s)",
                         (station, history, entry.seq, cos.tree_size, cos.root_hash, Jsonb(cos.to_json())))
        elif entry.kind == bodies.CLIP:
            row = ingest.clip_row(entry)
            stored = conn.execute("SELECT 1 FROM objects WHERE sha256 = %s", (row["sha256"],)).fetchone()
            # A file already listed for this station (the same clip in an earlier history) stays listed once.
            conn.execute("INSERT INTO clips (station_id, history, ledger_seq, order_id, waybills, packer, kind, "
                         "outcome, sha256, size, start, duration_s, status) VALUES (%(station)s, %(history)s, "
                         "%(ledger_seq)s, %(order_id)s, %(waybills)s, %(packer)s, %(kind)s, %(outcome)s, "
                         "%(sha256)s, %(size)s, %(start)s, %(duration_s)s, %(status)s) "
                         "ON CONFLICT (station_id, sha256) DO NOTHING",
                         {**row, "station": station, "history": history, "status": STORED if stored else WAITING})
        elif entry.kind == bodies.RETENTION:
            # A clip deleted at the station before its file reached the hub: no longer awaited.
            conn.execute("UPDATE clips SET status = %s WHERE station_id = %s AND sha256 = %s AND status = %s",
                         (GONE, station, entry.body["sha256"], WAITING))


# -- objects ---------------------------------------------------------------------------------------


def _sha(request: Request) -> str:
    sha = request.path_params["sha256"]
    if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
        raise _Answer(400, "bad-request", "objects are named by 64 lowercase hex digits")
    return sha


def _store_down(exc: Exception) -> _Answer:
    log.warning("object store: %s", exc)
    return _Answer(503, "object-store-unavailable", f"the hub's object store did not answer ({exc}); "
                   "nothing was lost, the next sync pass goes on from here")


def _object_start(ctx: HubContext, conn, caller: Caller, request: Request, body: bytes) -> tuple[int, dict]:
    sha = _sha(request)
    data = _json(body)
    if not isinstance(data, dict):
        raise _Answer(400, "bad-request", "the body must be a JSON object")
    _refuse_if_forked(_station(conn, caller.station))
    named = conn.execute("SELECT size FROM clips WHERE station_id = %s AND sha256 = %s LIMIT 1",
                         (caller.station, sha)).fetchone()
    if named is None:
        raise _Answer(404, "not-named", "no entry of this station the hub holds names this file; send the "
                      "entries first")
    size = named["size"]
    if data.get("size") != size:
        raise _Answer(400, "bad-request", f"the entry names {size} bytes, the request {data.get('size')}")
    if conn.execute("SELECT 1 FROM objects WHERE sha256 = %s", (sha,)).fetchone():
        return 200, {"done": True}
    # Each station uploads its own copy: nobody else's start, parts or end touch it.
    row = conn.execute("SELECT id, s3_upload, part_size FROM uploads WHERE station_id = %s AND sha256 = %s "
                       "FOR UPDATE", (caller.station, sha)).fetchone()
    try:
        if ctx.store.size(object_key(sha)) == size:
            # Stored by an upload whose end the hub did not record (killed between the two): check it.
            digest, got = _read_back(ctx, object_key(sha))
            if digest == sha and got == size:
                _stored(ctx, conn, sha, size, bodies.CLIP)
                return 200, {"done": True}
        if row is not None:
            try:
                parts = sorted(_parts(ctx, sha, row["s3_upload"]))
            except ClientError as exc:
                if exc.response.get("Error", {}).get("Code") not in ("NoSuchUpload", "404"):
                    raise
                conn.execute("DELETE FROM uploads WHERE id = %s", (row["id"],))  # gone: start again
                row = None
        if row is None:
            s3_upload = ctx.store.client.create_multipart_upload(
                Bucket=ctx.store.bucket, Key=object_key(sha), **ctx.store.lock_args())["UploadId"]
            row = {"id": secrets.token_hex(16), "s3_upload": s3_upload, "part_size": PART_SIZE}
            conn.execute("INSERT INTO uploads (id, station_id, s3_upload, sha256, size, part_size, kind) "
                         "VALUES (%s, %s, %s, %s, %s, %s, %s)",
                         (row["id"], caller.station, s3_upload, sha, size, PART_SIZE, bodies.CLIP))
            parts = []
    except (BotoCoreError, ClientError) as exc:
        raise _store_down(exc) from None
    return 200, {"upload": row["id"], "part_size": row["part_size"], "parts": parts}


def _stored(ctx: HubContext, conn, sha: str, size: int, kind: str) -> None:
    """The file is in the store and checked: record it, every clip waiting for it (of its size) is
    stored, and every other station's upload of it is aborted (its parts are no longer wanted)."""
    for row in conn.execute("DELETE FROM uploads WHERE sha256 = %s RETURNING s3_upload", (sha,)).fetchall():
        _abort(ctx, sha, row["s3_upload"])
    conn.execute("INSERT INTO objects (sha256, size, kind) VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",
                 (sha, size, kind))
    conn.execute("UPDATE clips SET status = %s WHERE sha256 = %s AND size = %s AND status = %s",
                 (STORED, sha, size, WAITING))


def _abort(ctx: HubContext, sha: str, s3_upload: str) -> None:
    try:
        ctx.store.client.abort_multipart_upload(Bucket=ctx.store.bucket, Key=object_key(sha), UploadId=s3_upload)
    except (BotoCoreError, ClientError) as exc:  # gone already, or the store is down: its parts expire there
        log.info("could not abort upload %s of %s: %s", s3_upload, sha[:16], exc)


def _parts(ctx: HubContext, sha: str, s3_upload: str) -> dict[int, str]:
    """The parts the store holds for an upload (part number → ETag): the store is the truth."""
    found: dict[int, str] = {}
    marker = 0
    while True:
        page = ctx.store.client.list_parts(Bucket=ctx.store.bucket, Key=object_key(sha), UploadId=s3_upload,
                                           PartNumberMarker=marker)
        for part in page.get("Parts", []):
            found[int(part["PartNumber"])] = part["ETag"]
        if not page.get("IsTruncated"):
            return found
        marker = int(page["NextPartNumberMarker"])


def _upload_row(conn, caller: Caller, request: Request, sha: str) -> tuple:
    """The caller's own upload named by ``?upload=`` (a forked station's are refused)."""
    _refuse_if_forked(_station(conn, caller.station))
    row = conn.execute("SELECT s3_upload, size, part_size, kind FROM uploads WHERE id = %s AND sha256 = %s "
                       "AND station_id = %s", (request.query_params.get("upload", ""), sha, caller.station)).fetchone()
    if row is None:
        raise _Answer(404, "no-upload", "no such upload under way: start it again")
    return row["s3_upload"], row["size"], row["part_size"], row["kind"]


def _object_part(ctx: HubContext, conn, caller: Caller, request: Request, body: bytes) -> tuple[int, dict]:
    sha = _sha(request)
    s3_upload, size, part_size, _kind = _upload_row(conn, caller, request, sha)
    n = request.path_params["n"]
    parts = max(1, -(-size // part_size))
    expected = part_size if n < parts else size - (parts - 1) * part_size
    if not 1 <= n <= parts or len(body) != expected:
        raise _Answer(400, "bad-part", f"part {n} of {parts} must be {expected} bytes, got {len(body)}")
    if hashlib.sha256(body).hexdigest() != request.headers.get(wire.PART_HEADER):
        raise _Answer(400, "bad-part", f"part {n} does not have the SHA-256 its header names")
    try:
        ctx.store.client.upload_part(Bucket=ctx.store.bucket, Key=object_key(sha), UploadId=s3_upload,
                                     PartNumber=n, Body=body)
    except (BotoCoreError, ClientError) as exc:
        raise _store_down(exc) from None
    return 200, {"part": n}


def _object_complete(ctx: HubContext, conn, caller: Caller, request: Request, body: bytes) -> tuple[int, dict]:
    sha = _sha(request)
    s3_upload, size, part_size, kind = _upload_row(conn, caller, request, sha)
    key = object_key(sha)
    # One upload of a file ends at a time (they all write its one key in the store); once the file is
    # stored and checked, a later one is not written over it.
    conn.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", ("upload " + sha,))
    if conn.execute("SELECT 1 FROM objects WHERE sha256 = %s", (sha,)).fetchone():
        conn.execute("DELETE FROM uploads WHERE id = %s", (request.query_params["upload"],))
        _abort(ctx, sha, s3_upload)
        return 200, {"done": True}
    parts = max(1, -(-size // part_size))
    try:
        held = _parts(ctx, sha, s3_upload)
        lacking = [n for n in range(1, parts + 1) if n not in held]
        if lacking:
            raise _Answer(409, "parts-missing", f"parts {lacking[:10]} have not arrived")
        ctx.store.client.complete_multipart_upload(
            Bucket=ctx.store.bucket, Key=key, UploadId=s3_upload,
            MultipartUpload={"Parts": [{"PartNumber": n, "ETag": held[n]} for n in range(1, parts + 1)]})
        digest, got = _read_back(ctx, key)
    except (BotoCoreError, ClientError) as exc:
        raise _store_down(exc) from None
    conn.execute("DELETE FROM uploads WHERE id = %s", (request.query_params["upload"],))
    if digest != sha or got != size:
        _discard(ctx, key)
        conn.commit()
        raise _Answer(422, "hash-mismatch", f"the stored file has SHA-256 {digest} and {got} bytes, not the "
                      f"{sha} and {size} its entry names; it was discarded: upload it again")
    _stored(ctx, conn, sha, size, kind)
    return 200, {"done": True}


def _read_back(ctx: HubContext, key: str) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    stream = ctx.store.client.get_object(Bucket=ctx.store.bucket, Key=key)["Body"]
    for chunk in iter(lambda: stream.read(READ_CHUNK), b""):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def _discard(ctx: HubContext, key: str) -> None:
    try:
        ctx.store.client.delete_object(Bucket=ctx.store.bucket, Key=key)
    except (BotoCoreError, ClientError) as exc:  # under Object Lock it stays; it is simply not listed
        log.warning("could not discard %s: %s", key, exc)
