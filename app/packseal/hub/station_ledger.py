"""A station's ledger as the hub holds it: the entries it synced, its keys, the hub's cosignatures.

:class:`StationLedger` reads table ``ledger_entries`` (each entry byte for
byte as the station signed it) so that core's evidence code
(:func:`packseal.core.evidence.ledger_excerpt.excerpt_for`) can choose a
checkpoint and make inclusion proofs from it exactly as a station does from
its own ledger files. A station whose present history an owner accepted has
several histories on the hub (docs/HUB.md §4); a ledger here is one of them.
"""

from __future__ import annotations

from typing import Iterator

from packseal.core.ledger import bodies
from packseal.core.ledger.canonical import unb64
from packseal.core.ledger.entry import Entry
from packseal.core.ledger.keys import PublicKey
from packseal.core.ledger.witness import Cosignature


class StationLedger:
    """The entries of history ``history`` of station ``station_id`` the hub holds, read on ``conn``."""

    def __init__(self, conn, station_id: str, history: int) -> None:
        self.conn = conn
        self.station_id = station_id
        self.history = history

    def entries(self) -> Iterator[Entry]:
        """Every entry held, in seq order (the hub holds them without gaps: ingest refuses a gap)."""
        with self.conn.cursor() as cur:
            cur.execute("SELECT entry FROM ledger_entries WHERE station_id = %s AND history = %s ORDER BY seq",
                        (self.station_id, self.history))
            for row in cur:
                yield Entry.from_line(bytes(row["entry"]))

    def entry(self, seq: int) -> Entry | None:
        row = self.conn.execute("SELECT entry FROM ledger_entries WHERE station_id = %s AND history = %s "
                                "AND seq = %s", (self.station_id, self.history, seq)).fetchone()
        return Entry.from_line(bytes(row["entry"])) if row else None

    def key(self, key_id: str) -> PublicKey | None:
        """One of the station's keys (its genesis key, a rotation's, the pairing key) by id."""
        row = self.conn.execute("SELECT public_key FROM station_keys WHERE station_id = %s AND key_id = %s",
                                (self.station_id, key_id)).fetchone()
        return PublicKey(unb64(row["public_key"])) if row else None

    def current_key(self) -> PublicKey | None:
        """The key the chain has after the last entry of this history the hub holds: its genesis key or
        the last rotation's new key."""
        row = self.conn.execute("SELECT seq, entry FROM ledger_entries WHERE station_id = %s AND history = %s "
                                "AND kind IN (%s, %s) ORDER BY seq DESC LIMIT 1",
                                (self.station_id, self.history, bodies.GENESIS, bodies.KEY_ROTATION)).fetchone()
        if row is None:
            return None
        body = Entry.from_line(bytes(row["entry"])).body
        return self.key(body["key_id"] if row["seq"] == 0 else body["new_key_id"])

    def cosignatures(self) -> list[Cosignature]:
        """The hub's cosignatures of this station's checkpoints whose signature verifies."""
        rows = self.conn.execute("SELECT cosignature FROM cosigned_checkpoints WHERE station_id = %s AND history = %s "
                                 "ORDER BY seq", (self.station_id, self.history)).fetchall()
        found = []
        for row in rows:
            cos = Cosignature.from_json(row["cosignature"])
            if cos.signature_valid():
                found.append(cos)
        return found
