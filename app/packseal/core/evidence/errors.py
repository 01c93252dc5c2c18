"""Errors of the evidence work: building packs, reading them, exporting clips."""

from __future__ import annotations

from packseal.core.errors import BadInputError, PackSealError


class EvidenceError(PackSealError):
    """An evidence pack or export could not be made; the message says why and what to do."""


class PackReadError(BadInputError):
    """A file given as an evidence pack cannot be read as one (not a zip, damaged)."""


class UnsafePackError(PackReadError):
    """A pack was refused before anything in it was used: path traversal, a symlink,
    duplicate names, a zip bomb. PackSeal never writes such a pack, so it was tampered with."""
