"""One sync pass: tell the hub what it lacks of the ledger, upload the files it needs.

Offline-first: the station keeps no queue of its own. A pass asks the hub
what it holds (``GET /api/sync/state``), sends the ledger entries after
that (checkpoints with an RFC 9162 consistency proof from the last tree the
hub cosigned), keeps the cosignatures it gets back in ``ledger/witness/``,
then uploads every clip file the hub still needs by resumable multipart
upload, and records the hub's last word in ``sync/hub.json``. A pass cut
short (network, hub down, object store down, the process killed) loses
nothing: the next one starts from what the hub says it holds, and an upload
resumes from the parts the hub already has.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from packseal.core.errors import BadInputError, LedgerError, StorageError
from packseal.core.events import EventHub
from packseal.core.ledger import bodies
from packseal.core.ledger.canonical import utc_stamp
from packseal.core.ledger.chain import Ledger
from packseal.core.ledger.entry import Entry
from packseal.core.ledger.merkle import consistency_proof, leaf_hash
from packseal.core.ledger.seal import hash_file
from packseal.core.ledger.witness import WITNESS_DIR, Cosignature, mismatch, save
from packseal.core.storage.layout import DataLayout
from packseal.core.sync.client import HubClient, HubError, HubRefused
from packseal.core.sync.events import HubForked, SyncFailed, SyncPassed
from packseal.core.sync.state import HubState, load_state, save_state

log = logging.getLogger(__name__)

#: Entries per ``POST /api/sync/entries``.
BATCH = 500
FORKED = "forked"
UNKNOWN_KEY = "unknown-key"


@dataclass
class SyncResult:
    """What one pass did. ``pending``: files the hub still needs plus entries it does not hold."""

    uploaded: int = 0
    uploaded_bytes: int = 0
    entries_sent: int = 0
    cosignatures: int = 0
    pending: int = 0
    unavailable: list[str] = field(default_factory=list)  # files the hub needs that are not here
    entries_to: int | None = None
    status: str = "ok"

    def to_json(self) -> dict[str, Any]:
        return {"uploaded": self.uploaded, "uploaded_bytes": self.uploaded_bytes,
                "entries_sent": self.entries_sent, "cosignatures": self.cosignatures,
                "pending": self.pending, "unavailable": list(self.unavailable),
                "entries_to": self.entries_to, "status": self.status}


class NotPaired(BadInputError):
    """No hub is paired with this data dir."""


@dataclass(frozen=True)
class _Local:
    """What the station's ledger says, read once per pass."""

    entries: list[Entry]
    leaves: list[bytes]
    files: dict[str, tuple[str, int]]  # sha256 -> (relative path, bytes) of every clip entry


def _read_ledger(ledger: Ledger) -> _Local:
    entries, leaves, files = [], [], {}
    for entry in ledger.entries():
        if entry.seq != len(entries):
            raise LedgerError(f"the ledger is broken at entry {len(entries)}; run `packseal verify` "
                              "before syncing")
        entries.append(entry)
        leaves.append(leaf_hash(entry.canonical))
        if entry.kind == bodies.CLIP:
            files[entry.body["sha256"]] = (entry.body["file"], entry.body["bytes"])
    return _Local(entries, leaves, files)


def client_for(state: HubState, ledger: Ledger, bandwidth: int | None = None) -> HubClient:
    return HubClient(state.url, state.hub_public_key, state.cert_sha256, state.station_id, ledger.sign_detached,
                     bandwidth=bandwidth)


def sync_once(layout: DataLayout, ledger: Ledger, *, hub: EventHub | None = None,
              bandwidth: int | None = None, client: HubClient | None = None,
              progress: Callable[[SyncResult], None] | None = None) -> SyncResult:
    """Run one pass (module doc) and return what it did.

    ``bandwidth``: upload cap in bytes per second (None: none). Raises
    :class:`NotPaired`, :class:`HubRefused` (``error == "forked"``: the hub
    flagged this station's history; published as :class:`HubForked`) or
    :class:`HubError`; the last error is kept in ``hub.json`` for the window.
    """
    state = load_state(layout.root)
    if state is None:
        raise NotPaired("this station is not paired with a hub: run `packseal sync --hub URL --code CODE` "
                        "with a code from `packseal hub pair`")
    own = client is None
    client = client or client_for(state, ledger, bandwidth)
    result = SyncResult()
    was_forked = state.status == FORKED
    try:
        _pass(layout, ledger, state, client, result, progress)
    except HubRefused as exc:
        state.last_error = str(exc)
        if exc.error == FORKED:
            state.status = FORKED
            save_state(layout.root, state)
            if hub is not None and not was_forked:  # an alert once, not at every pass that asks again
                hub.publish(HubForked(str(exc)))
        else:
            save_state(layout.root, state)
            if hub is not None:
                hub.publish(SyncFailed(str(exc)))
        raise
    except (HubError, StorageError, LedgerError) as exc:
        state.last_error = str(exc)
        save_state(layout.root, state)
        if hub is not None:
            hub.publish(SyncFailed(str(exc)))
        raise
    finally:
        if own:
            client.close()
    if hub is not None:
        hub.publish(SyncPassed(result.uploaded, result.pending))
    return result


def _remember(layout: DataLayout, state: HubState, answer: dict, result: SyncResult) -> None:
    state.entries_to = answer.get("entries_to")
    state.cosigned_to = answer.get("cosigned_to")
    state.missing = sorted(str(s) for s in answer.get("missing") or [])
    state.status = str(answer.get("status") or "ok")
    result.entries_to, result.status = state.entries_to, state.status
    save_state(layout.root, state)


def _pass(layout: DataLayout, ledger: Ledger, state: HubState, client: HubClient, result: SyncResult,
          progress: Callable[[SyncResult], None] | None) -> None:
    try:
        _, answer = client.call("GET", "/api/sync/state")
        _remember(layout, state, answer, result)
    except HubRefused as exc:
        # A key rotated since the last pass: the hub learns it from the rotation entry, which the
        # entries sent from the last known point carry (docs/HUB.md §2).
        if exc.error != UNKNOWN_KEY or state.entries_to is None:
            raise
    if state.status == FORKED:
        raise HubRefused("the hub flagged this station's ledger as forked (rewritten, rolled back or "
                         "replaced) and refuses its sync until an owner accepts its present history on the hub "
                         "(`packseal hub station accept-history`)", FORKED, 409)
    local = _read_ledger(ledger)
    _send_entries(layout, state, client, local, result, progress)
    _, answer = client.call("GET", "/api/sync/state")
    _remember(layout, state, answer, result)
    for sha256 in list(state.missing):
        where = local.files.get(sha256)
        if where is None or not _upload(layout, client, sha256, where, result, progress):
            result.unavailable.append(sha256)
    _, answer = client.call("GET", "/api/sync/state")
    _remember(layout, state, answer, result)
    state.last_sync, state.last_error = utc_stamp(), None
    save_state(layout.root, state)
    held = state.entries_to if state.entries_to is not None else -1
    result.pending = len(state.missing) + max(0, len(local.entries) - 1 - held)


def _send_entries(layout: DataLayout, state: HubState, client: HubClient, local: _Local,
                  result: SyncResult, progress: Callable[[SyncResult], None] | None) -> None:
    # The batch starts with the last entry the hub holds: the hub compares it with its own, so a
    # ledger that went another way from there is caught even when it has nothing new.
    last = len(local.entries) - 1
    start = 0 if state.entries_to is None else min(state.entries_to, last)
    if state.entries_to is not None and state.entries_to > last:
        # The hub flags the station (409 forked) on hearing where its ledger ends now.
        client.call("POST", "/api/sync/entries", {"entries": [local.entries[last].to_dict()], "consistency": {},
                                                  "ends_at": last})
        raise HubRefused(f"the hub holds entries up to {state.entries_to}, but this ledger ends at {last}: "
                         "the ledger was rolled back (restored from an older copy?); the hub keeps what it "
                         "holds", FORKED, 409)
    cosigned = state.cosigned_to or 0
    witness_dir = layout.ledger / WITNESS_DIR
    checkpoints = {e.seq: (e.body["tree_size"], e.body["root_hash"])
                   for e in local.entries if e.kind == bodies.CHECKPOINT}
    station_id = local.entries[0].hash
    for lo in range(start, len(local.entries), BATCH):
        batch = local.entries[lo:lo + BATCH]
        consistency: dict[str, Any] = {}
        for entry in batch:
            if entry.kind != bodies.CHECKPOINT:
                continue
            size = entry.body["tree_size"]
            if size >= cosigned:
                proof = consistency_proof(local.leaves, cosigned, size)
                consistency[str(entry.seq)] = {"from_size": cosigned, "proof": [h.hex() for h in proof]}
                cosigned = size
        _, answer = client.call("POST", "/api/sync/entries",
                                {"entries": [e.to_dict() for e in batch], "consistency": consistency})
        for document in answer.get("cosignatures") or []:
            cos = Cosignature.from_json(document)
            why = mismatch(cos, station_id, checkpoints)
            if why is None and cos.witness_key != state.hub_key:
                why = "it is signed by another key than the hub's pinned key"
            if why:
                raise HubError(f"the hub returned a cosignature that does not fit this ledger: {why}")
            save(witness_dir, cos)
            result.cosignatures += 1
        result.entries_sent += answer.get("accepted", 0)
        state.entries_to = answer.get("entries_to", state.entries_to)
        if progress:
            progress(result)


def _upload(layout: DataLayout, client: HubClient, sha256: str, where: tuple[str, int], result: SyncResult,
            progress: Callable[[SyncResult], None] | None) -> bool:
    """Upload one clip file the hub needs; False when it is not here (deleted, or changed since sealed)."""
    rel, size = where
    try:
        path = layout.absolute(rel)
    except ValueError:
        return False
    try:
        if path.stat().st_size != size or hash_file(path)[0] != sha256:
            log.warning("sync: %s no longer matches its seal; not uploaded (see `packseal verify`)", rel)
            return False
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise StorageError(f"cannot read {rel}: {exc.strerror or exc}") from exc
    target = f"/api/sync/objects/{sha256}"
    _, answer = client.call("POST", target, {"size": size, "kind": bodies.CLIP})
    if answer.get("done"):
        return True
    upload, part_size = str(answer["upload"]), int(answer["part_size"])
    have = {int(n) for n in answer.get("parts") or []}
    parts = max(1, -(-size // part_size))
    with _open(path) as f:
        for n in range(1, parts + 1):
            if n in have:
                continue
            f.seek((n - 1) * part_size)
            data = f.read(part_size)
            client.call("PUT", f"{target}/parts/{n}?upload={upload}", raw=data,
                        headers={"X-PackSeal-Part-SHA256": _sha256(data)})
            result.uploaded_bytes += len(data)
            if progress:
                progress(result)
    client.call("POST", f"{target}/complete?upload={upload}", {})
    result.uploaded += 1
    return True


def _open(path: Path):
    try:
        return open(path, "rb")
    except OSError as exc:
        raise StorageError(f"cannot read {path}: {exc.strerror or exc}") from exc


def _sha256(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()
