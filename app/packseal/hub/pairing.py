"""Pairing codes and the station's registration (docs/HUB.md §2, "Pairing").

``packseal hub pair`` makes a one-time code (10 base32 characters, valid
15 minutes). ``POST /api/pair`` finds the unused, unexpired code whose HMAC
over the station's public key is the station's proof, registers the station
(its genesis entry and its key), marks the code used, and answers with the
hub's own proof over its key and certificate: the code itself never travels.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from packseal.core.errors import BadInputError
from packseal.core.ledger import bodies
from packseal.core.ledger.canonical import unb64
from packseal.core.ledger.entry import Entry
from packseal.core.ledger.keys import PublicKey
from packseal.core.sync import wire

CODE_VALID = timedelta(minutes=15)


class PairRefused(Exception):
    def __init__(self, error: str, message: str, status: int = 403) -> None:
        super().__init__(message)
        self.error = error
        self.status = status


def make_code(conn, valid: timedelta = CODE_VALID) -> str:
    """Store a new one-time code and return it (canonical form, no dash)."""
    code = wire.new_code()
    conn.execute("INSERT INTO pair_codes (code, expires_at) VALUES (%s, now() + %s)", (code, valid))
    return code


def register(conn, body: Any, hub_key: PublicKey, cert_sha256: str | None) -> dict[str, Any]:
    """Handle ``POST /api/pair``; the answer, or :class:`PairRefused`."""
    if not isinstance(body, dict):
        raise PairRefused("bad-request", "the body must be a JSON object", 400)
    name, public_b64, proof = body.get("station_name"), body.get("public_key"), body.get("proof")
    if not (isinstance(name, str) and name.strip() and isinstance(public_b64, str) and isinstance(proof, str)):
        raise PairRefused("bad-request", "station_name, public_key and proof are required", 400)
    try:
        public = PublicKey(unb64(public_b64))
        genesis = Entry.from_dict(body.get("genesis"))
        if genesis.seq != 0 or genesis.kind != bodies.GENESIS or bodies.body_problem(genesis.kind, genesis.body):
            raise BadInputError("not a genesis entry")
        first = PublicKey(unb64(genesis.body["public_key"]))
        if first.key_id != genesis.key or not first.verify(genesis.signature, genesis.payload()):
            raise BadInputError("the genesis entry's signature does not verify")
    except BadInputError as exc:
        raise PairRefused("bad-request", f"the station's key or genesis entry is not valid: {exc}", 400) from None
    rows = conn.execute("SELECT code FROM pair_codes WHERE used_at IS NULL AND expires_at > now() "
                        "FOR UPDATE").fetchall()
    code = next((r["code"] for r in rows
                 if wire.proofs_equal(wire.station_pair_proof(r["code"], public_b64), proof)), None)
    if code is None:
        raise PairRefused("bad-code", "no unused pairing code matches: it is wrong, was used already or "
                          "expired (codes last 15 minutes); make a new one with `packseal hub pair`")
    station_id = genesis.hash
    conn.execute("INSERT INTO stations (id, name, public_key) VALUES (%s, %s, %s) ON CONFLICT (id) DO UPDATE "
                 "SET name = EXCLUDED.name, public_key = EXCLUDED.public_key, paired_at = now()",
                 (station_id, name.strip(), public.raw))
    conn.execute("UPDATE pair_codes SET used_at = now(), station_id = %s WHERE code = %s", (station_id, code))
    # The keys the station may sign requests with: its genesis key and the key it pairs with
    # (its current one, when it rotated before pairing). Entries are checked along the chain.
    for key, since in ((first, 0), (public, None)):
        conn.execute("INSERT INTO station_keys (key_id, station_id, public_key, since_seq) "
                     "VALUES (%s, %s, %s, %s) ON CONFLICT (key_id) DO NOTHING",
                     (key.key_id, station_id, key.raw_b64, since))
    return {"station_id": station_id, "hub_key": hub_key.raw_b64, "cert_sha256": cert_sha256,
            "proof": wire.hub_pair_proof(code, hub_key.raw_b64, cert_sha256, public_b64)}
