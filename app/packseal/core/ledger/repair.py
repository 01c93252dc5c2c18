"""Repairing the end of a ledger file cut short by a crash or a power cut.

Bytes after the last newline are either a whole, correctly signed entry
that only lacked its newline (it is kept: the newline is added) or the
start of a line that never finished (moved aside to ``ledger/torn/``, where
``packseal verify`` shows it). Anything else is refused.
"""

from __future__ import annotations

import os
from typing import Callable

from packseal.core.errors import BadInputError, LedgerError
from packseal.core.ledger import bodies
from packseal.core.ledger.canonical import ZERO_HASH, unb64
from packseal.core.ledger.entry import Entry
from packseal.core.ledger.journal import Tail, move_torn_aside, read_tail
from packseal.core.ledger.keys import PublicKey


def repair_torn_tail(tail: Tail, public_keys: Callable[[], dict[str, PublicKey]]) -> tuple[Tail, str]:
    """Complete or move aside ``tail``'s unfinished last line; return the new tail and what was done.

    ``public_keys`` gives the station's known keys (to check a completed
    entry's signature). Raises :class:`LedgerError` when the end still is
    not whole afterwards.
    """
    candidate: Entry | None = None
    try:
        candidate = Entry.from_line(tail.torn)
    except BadInputError:
        pass
    if candidate is not None and _continues(tail.last, candidate, public_keys):
        # The whole entry reached the disk, only its newline did not: keep it.
        with open(tail.path, "ab") as fh:
            fh.write(b"\n")
            fh.flush()
            os.fsync(fh.fileno())
        note = f"completed the last line of {tail.path.name} (entry {candidate.seq} lacked its newline)"
    else:
        moved = move_torn_aside(tail)
        note = (f"moved {len(tail.torn)} bytes of an unfinished last line of {tail.path.name} "
                f"aside to {moved.relative_to(tail.path.parent).as_posix()}")
    repaired = read_tail(tail.path.parent)
    if repaired is None or repaired.torn:
        raise LedgerError(f"could not repair the end of {tail.path}")
    return repaired, note


def _continues(last_line: bytes | None, candidate: Entry,
               public_keys: Callable[[], dict[str, PublicKey]]) -> bool:
    """Is ``candidate`` a correctly signed entry that follows ``last_line``?"""
    if last_line is None:
        if candidate.seq != 0 or candidate.prev != ZERO_HASH or candidate.kind != bodies.GENESIS:
            return False
        try:
            signer = PublicKey(unb64(str(candidate.body.get("public_key"))))
        except BadInputError:
            return False
    else:
        try:
            last = Entry.from_line(last_line)
        except BadInputError:
            return False
        if candidate.seq != last.seq + 1 or candidate.prev != last.hash:
            return False
        key_id = last.body.get("new_key_id") if last.kind == bodies.KEY_ROTATION else last.key
        if candidate.key != key_id:
            return False
        signer = public_keys().get(candidate.key)
        if signer is None:
            return False
    return signer.verify(candidate.signature, candidate.payload())
