"""A station forged by hand for the attack tests: its own key and chain in memory, every request signed by it.

Nothing here goes through the station's own code (core/sync): an attacker controls its
station machine and keys and sends whatever bytes it likes. The hub is the real
application (``create_app`` with ``station_routes``) on the real PostgreSQL and SeaweedFS.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta, timezone
from typing import Any

from packseal.core.ledger import bodies
from packseal.core.ledger.canonical import ZERO_HASH, b64, utc_stamp
from packseal.core.ledger.entry import Entry, sign_entry
from packseal.core.ledger.keys import StationKey
from packseal.core.ledger.merkle import consistency_proof, leaf_hash, root
from packseal.core.sync import wire

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)


class ForgedStation:
    """A ledger held in memory: genesis at creation, then whatever entries the test appends."""

    def __init__(self, name: str = "Bench X", key: StationKey | None = None) -> None:
        self.name = name
        self.key = key or StationKey.generate()
        self.request_key = self.key  # the key requests are signed with
        self.entries: list[Entry] = []
        self.cosigned_size = 0
        self._append(bodies.GENESIS, {"public_key": self.key.public.raw_b64, "key_id": self.key.key_id,
                                      "station": name, "software": "PackSeal test"})

    @property
    def station_id(self) -> str:
        return self.entries[0].hash

    def _append(self, kind: str, body: dict[str, Any], key: StationKey | None = None) -> Entry:
        seq = len(self.entries)
        entry = sign_entry(key or self.key, seq=seq, prev=self.entries[-1].hash if self.entries else ZERO_HASH,
                           time=utc_stamp(T0 + timedelta(seconds=seq)), station=self.name, kind=kind, body=body)
        self.entries.append(entry)
        return entry

    def scan(self, code: str) -> Entry:
        return self._append(bodies.SCAN, bodies.scan_body(code=code, scan_time=T0))

    def clip(self, order_id: str, sha256: str, size: int) -> Entry:
        return self._append(bodies.CLIP, bodies.clip_body(
            order_id=order_id, scan_time=T0, start=T0, end=T0 + timedelta(seconds=5), file=f"clips/{sha256[:8]}.mp4",
            sha256=sha256, bytes=size, duration_ms=5000, frame_count=75))

    def rotate(self, new: StationKey) -> Entry:
        entry = self._append(bodies.KEY_ROTATION, {"new_public_key": new.public.raw_b64, "new_key_id": new.key_id,
                                                    "reason": "scheduled"})
        self.key = self.request_key = new
        return entry

    def checkpoint(self) -> tuple[Entry, dict]:
        """A checkpoint over every entry so far, and the consistency proof from the last cosigned tree."""
        leaves = [leaf_hash(e.canonical) for e in self.entries]
        size = len(leaves)
        entry = self._append(bodies.CHECKPOINT, bodies.checkpoint_body(tree_size=size, root_hash=root(leaves).hex()))
        proof = consistency_proof(leaves, self.cosigned_size, size) if self.cosigned_size else []
        return entry, {str(entry.seq): {"from_size": self.cosigned_size, "proof": [p.hex() for p in proof]}}

    # -- talking to the hub ------------------------------------------------------------------------

    def pair(self, client, code: str, public_key: StationKey | None = None, genesis: dict | None = None):
        """Pair with ``public_key`` (the request key by default), which signs the pairing (wire.pair_text)."""
        signer = public_key or self.request_key
        public = signer.public.raw_b64
        genesis = genesis or self.entries[0].to_dict()
        genesis_hash = Entry.from_dict(genesis).hash
        proof = wire.station_pair_proof(code, public, genesis_hash)
        return client.post("/api/pair", json={
            "station_name": self.name, "public_key": public, "genesis": genesis, "proof": proof,
            "signature": b64(signer.sign(wire.pair_text(genesis_hash, public, proof)))})

    def headers(self, method: str, target: str, body: bytes = b"", key: StationKey | None = None,
                now: datetime | None = None) -> dict[str, str]:
        signer = key or self.request_key
        return wire.request_headers(lambda data: (signer.key_id, signer.sign(data)), self.station_id, method, target,
                                    body, now=now)

    def call(self, client, method: str, target: str, body: Any = None, *, raw: bytes | None = None,
             key: StationKey | None = None, extra: dict | None = None):
        content = raw if raw is not None else (b"" if body is None else json.dumps(body).encode())
        headers = {**self.headers(method, target, content, key), **(extra or {})}
        return client.request(method, target, content=content, headers=headers)

    def send(self, client, entries: list[Entry], consistency: dict | None = None):
        return self.call(client, "POST", "/api/sync/entries",
                         {"entries": [e.to_dict() for e in entries], "consistency": consistency or {}})

    def send_all(self, client, since: int = 0):
        """Every entry from ``since`` on, with the consistency proof of each checkpoint among them."""
        consistency: dict = {}
        cosigned = self.cosigned_size
        leaves = [leaf_hash(e.canonical) for e in self.entries]
        for e in self.entries[since:]:
            if e.kind == bodies.CHECKPOINT:
                proof = consistency_proof(leaves, cosigned, e.seq) if cosigned else []
                consistency[str(e.seq)] = {"from_size": cosigned, "proof": [p.hex() for p in proof]}
                cosigned = e.seq
        response = self.send(client, self.entries[since:], consistency)
        if response.status_code == 200:
            self.cosigned_size = cosigned
        return response

    def upload(self, client, data: bytes, sha256: str | None = None):
        """Start, send the parts the hub does not hold and complete the upload of ``data`` (under ``sha256``,
        its own by default), as the station's sync pass does (core/sync/sync_pass.py)."""
        sha = sha256 or hashlib.sha256(data).hexdigest()
        start = self.call(client, "POST", f"/api/sync/objects/{sha}", {"size": len(data), "kind": "clip"})
        if start.status_code != 200 or start.json().get("done"):
            return start
        upload, part_size, held = start.json()["upload"], start.json()["part_size"], set(start.json()["parts"])
        for n, offset in enumerate(range(0, max(len(data), 1), part_size), start=1):
            if n in held:
                continue
            part = data[offset:offset + part_size]
            put = self.call(client, "PUT", f"/api/sync/objects/{sha}/parts/{n}?upload={upload}", raw=part,
                            extra={wire.PART_HEADER: hashlib.sha256(part).hexdigest()})
            if put.status_code != 200:
                return put
        return self.call(client, "POST", f"/api/sync/objects/{sha}/complete?upload={upload}")
