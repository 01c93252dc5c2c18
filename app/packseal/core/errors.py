"""Typed errors of the core. Each message says what happened and what to do."""


class PackSealError(Exception):
    """Base of every error PackSeal reports to a user."""


class BadInputError(PackSealError, ValueError):
    """Input from a user or a file is not acceptable (bad order ID, corrupt file...)."""


class CameraError(PackSealError):
    """A frame source could not be opened or stopped delivering frames."""


class EncoderError(PackSealError):
    """The ffmpeg encoder could not start, or died."""


class StorageError(PackSealError):
    """A file in the data dir could not be read or written."""


class StorageFullError(StorageError):
    """Free disk space is below the reserve; nothing new may be recorded."""


class LedgerError(PackSealError):
    """The ledger could not be read, appended to or verified."""


class EvidenceError(PackSealError):
    """An evidence pack or export could not be made; the message says why and what to do."""


class PackReadError(BadInputError):
    """A file given as an evidence pack cannot be read as one (not a zip, damaged)."""


class UnsafePackError(PackReadError):
    """A pack was refused before anything in it was used: path traversal, a symlink,
    duplicate names, a zip bomb. PackSeal never writes such a pack, so it was tampered with."""
