"""A station's ledger as the hub holds it: the entries it synced, its keys, the hub's cosignatures.

:class:`StationLedger` reads table ``ledger_entries`` (each entry byte for
byte as the station signed it) so that core's evidence code
(:func:`packseal.core.evidence.ledger_excerpt.excerpt_for`) can choose a
checkpoint and make inclusion proofs from it exactly as a station does from
its own ledger files.
"""

from __future__ import annotations

from typing import Iterator

from packseal.core.ledger.canonical import unb64
from packseal.core.ledger.entry import Entry
from packseal.core.ledger.keys import PublicKey
from packseal.core.ledger.witness import Cosignature


class StationLedger:
    """The entries of station ``station_id`` the hub holds, read on connection ``conn``."""

    def __init__(self, conn, station_id: str) -> None:
        self.conn = conn
        self.station_id = station_id

    def entries(self) -> Iterator[Entry]:
        """Every entry held, in seq order (the hub holds them without gaps: ingest refuses a gap)."""
        with self.conn.cursor() as cur:
            cur.execute("SELECT entry FROM ledger_entries WHERE station_id = %s ORDER BY seq", (self.station_id,))
            for row in cur:
                yield Entry.from_line(bytes(row["entry"]))

    def entry(self, seq: int) -> Entry | None:
        row = self.conn.execute("SELECT entry FROM ledger_entries WHERE station_id = %s AND seq = %s",
                                (self.station_id, seq)).fetchone()
        return Entry.from_line(bytes(row["entry"])) if row else None

    def key(self, key_id: str) -> PublicKey | None:
        """One of the station's keys (its genesis key, a rotation's, the pairing key) by id."""
        row = self.conn.execute("SELECT public_key FROM station_keys WHERE station_id = %s AND key_id = %s",
                                (self.station_id, key_id)).fetchone()
        return PublicKey(unb64(row["public_key"])) if row else None

    def current_key(self) -> PublicKey | None:
        """The key the station's chain has after the last entry the hub holds."""
        row = self.conn.execute("SELECT current_key FROM stations WHERE id = %s", (self.station_id,)).fetchone()
        return self.key(row["current_key"]) if row and row["current_key"] else None

    def cosignatures(self) -> list[Cosignature]:
        """The hub's cosignatures of this station's checkpoints whose signature verifies."""
        rows = self.conn.execute("SELECT cosignature FROM cosigned_checkpoints WHERE station_id = %s ORDER BY seq",
                                 (self.station_id,)).fetchall()
        found = []
        for row in rows:
            cos = Cosignature.from_json(row["cosignature"])
            if cos.signature_valid():
                found.append(cos)
        return found
