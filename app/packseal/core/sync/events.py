"""What a sync pass tells the window (through the core's EventHub)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SyncPassed:
    """A pass finished: ``uploaded`` files sent now, ``pending`` files and entries the hub still lacks."""

    uploaded: int
    pending: int


@dataclass(frozen=True)
class SyncFailed:
    """A pass stopped (hub unreachable, refused, object store down …); the next pass goes on from there."""

    message: str


@dataclass(frozen=True)
class HubForked:
    """The hub flagged this station's ledger (rewritten, rolled back, forked) and refuses its sync: an alert."""

    message: str
