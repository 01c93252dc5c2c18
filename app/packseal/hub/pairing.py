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
#: The longest station name (staff see it in every search result).
NAME_MAX = 200


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
    """Handle ``POST /api/pair``; the answer, or :class:`PairRefused`.

    A station the hub knows already is paired again only with a key that may
    sign its requests now (:func:`request_keys`): whoever holds a copy of its
    genesis entry cannot take it over. A key another station holds, or a name
    another station has, is refused (409) and nothing changes.
    """
    if not isinstance(body, dict):
        raise PairRefused("bad-request", "the body must be a JSON object", 400)
    name, public_b64 = body.get("station_name"), body.get("public_key")
    proof, signature_b64 = body.get("proof"), body.get("signature")
    if not (isinstance(name, str) and name.strip() and isinstance(public_b64, str) and isinstance(proof, str)
            and isinstance(signature_b64, str)):
        raise PairRefused("bad-request", "station_name, public_key, proof and signature are required", 400)
    name = name.strip()
    if "\x00" in name or len(name) > NAME_MAX:
        raise PairRefused("bad-request", f"a station name is at most {NAME_MAX} characters, without NUL", 400)
    try:
        public = PublicKey(unb64(public_b64))
        signature = unb64(signature_b64)
        genesis = Entry.from_dict(body.get("genesis"))
        if genesis.seq != 0 or genesis.kind != bodies.GENESIS or bodies.body_problem(genesis.kind, genesis.body):
            raise BadInputError("not a genesis entry")
        first = PublicKey(unb64(genesis.body["public_key"]))
        if first.key_id != genesis.key or not first.verify(genesis.signature, genesis.payload()):
            raise BadInputError("the genesis entry's signature does not verify")
    except BadInputError as exc:
        raise PairRefused("bad-request", f"the station's key or genesis entry is not valid: {exc}", 400) from None
    station_id = genesis.hash
    rows = conn.execute("SELECT code FROM pair_codes WHERE used_at IS NULL AND expires_at > now() "
                        "FOR UPDATE").fetchall()
    code = next((r["code"] for r in rows
                 if wire.proofs_equal(wire.station_pair_proof(r["code"], public_b64, station_id), proof)), None)
    if code is None:
        raise PairRefused("bad-code", "no unused pairing code matches: it is wrong, was used already or "
                          "expired (codes last 15 minutes); make a new one with `packseal hub pair`")
    if not public.verify(signature, wire.pair_text(station_id, public_b64, proof)):
        raise PairRefused("bad-signature", "the pairing is not signed by the key it names", 403)
    known = conn.execute("SELECT 1 FROM stations WHERE id = %s FOR UPDATE", (station_id,)).fetchone()
    if known and public.key_id not in request_keys(conn, station_id):
        raise PairRefused("station-exists", "this station is paired with the hub already, and the key this "
                          "pairing is signed with is not its current key: pair it from the station itself "
                          "(its current ledger key), or have an owner reset it on the hub", 409)
    holder = conn.execute("SELECT station_id FROM station_keys WHERE key_id = %s AND held AND station_id <> %s",
                          (public.key_id, station_id)).fetchone()
    if holder:
        raise PairRefused("key-taken", f"key {public.key_id} is held by another station on this hub", 409)
    if conn.execute("SELECT 1 FROM stations WHERE name = %s AND id <> %s", (name, station_id)).fetchone():
        raise PairRefused("name-taken", f"another station on this hub is named {name!r}: pair under another "
                          "name", 409)
    if known:
        conn.execute("UPDATE stations SET name = %s, paired_at = now() WHERE id = %s", (name, station_id))
    else:
        conn.execute("INSERT INTO stations (id, name, public_key) VALUES (%s, %s, %s)",
                     (station_id, name, public.raw))
    conn.execute("UPDATE pair_codes SET used_at = now(), station_id = %s WHERE code = %s", (station_id, code))
    # The genesis key (the chain's first) and the key the station paired with, which it proved it holds:
    # its current one, perhaps rotated to before pairing (the rotations arrive with its entries).
    for key, since in ((first, 0), (public, None)):
        conn.execute("INSERT INTO station_keys (key_id, station_id, public_key, since_seq, held) "
                     "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (station_id, key_id) DO UPDATE "
                     "SET held = station_keys.held OR EXCLUDED.held",
                     (key.key_id, station_id, key.raw_b64, since, key.key_id == public.key_id))
    return {"station_id": station_id, "hub_key": hub_key.raw_b64, "cert_sha256": cert_sha256,
            "proof": wire.hub_pair_proof(code, hub_key.raw_b64, cert_sha256, public_b64, station_id)}


def request_keys(conn, station_id: str) -> dict[str, PublicKey]:
    """The keys that may sign ``station_id``'s requests now (key id → key).

    Its chain's current key (the genesis key until its first entries
    arrive), and the key it paired with until its chain reaches that key
    (a station may rotate before it pairs). A key rotated away signs nothing.
    """
    rows = conn.execute(
        "SELECT k.key_id, k.public_key FROM station_keys k JOIN stations s ON s.id = k.station_id "
        "WHERE k.station_id = %s AND (k.since_seq IS NULL OR k.key_id = COALESCE(s.current_key, "
        "(SELECT g.key_id FROM station_keys g WHERE g.station_id = s.id AND g.since_seq = 0)))",
        (station_id,)).fetchall()
    return {r["key_id"]: PublicKey(unb64(r["public_key"])) for r in rows}
