"""The ledger: a single-writer, append-only, signed hash chain in JSON Lines files.

Every append, from any thread of any process on the data dir, goes through
one ``threading.Lock`` and then one inter-process file lock; under both the
writer first re-reads the tail if another process appended meanwhile, so
seq and prev always continue the real end of the chain and the chain never
forks. Each entry is one line written with one ``write`` and made durable
with ``fsync`` before :meth:`Ledger.append` returns.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator

from packseal.core.errors import BadInputError, LedgerError, StorageError, StorageFullError
from packseal.core.ledger import bodies
from packseal.core.ledger.canonical import ZERO_HASH, canonical, unb64, utc_stamp
from packseal.core.storage.durable import atomic_write, fsync_dir
from packseal.core.ledger.entry import FIELDS as ENTRY_FIELDS
from packseal.core.ledger.entry import Entry, sign_entry
from packseal.core.storage.filelock import InterProcessLock
from packseal.core.ledger.journal import CHECKPOINT_FILE, LOCK_FILE, Tail, file_name, read_entries, read_tail
from packseal.core.ledger.keys import AUTO, KeyStore, PublicKey, StationKey
from packseal.core.ledger.merkle import InclusionProof, MerkleFrontier, inclusion_proof, leaf_hash, root
from packseal.core.ledger.repair import repair_torn_tail
from packseal.core.storage.layout import DataLayout

log = logging.getLogger(__name__)

DEFAULT_MAX_ENTRIES_PER_FILE = 10_000
DEFAULT_MAX_BYTES_PER_FILE = 16 * 1024 * 1024
CHECKPOINT_FORMAT = "packseal-checkpoint/1"


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


class Ledger:
    """The station's ledger in one data dir. Open it with :meth:`Ledger.open`."""

    def __init__(self, layout: DataLayout, station: str, store: KeyStore, *,
                 max_entries_per_file: int, max_bytes_per_file: int,
                 clock: Callable[[], datetime]) -> None:
        self.layout = layout
        self.directory = layout.ledger
        self.station = station
        self.store = store
        self.max_entries_per_file = max_entries_per_file
        self.max_bytes_per_file = max_bytes_per_file
        self.clock = clock
        self.repairs: list[str] = []  # what opening had to fix (torn last line), for the log and UI
        self._lock = threading.Lock()
        self._file_lock = InterProcessLock(self.directory / LOCK_FILE)
        self._key: StationKey | None = None
        self._last: Entry | None = None
        self._number = 0          # current ledger file number
        self._path: Path | None = None
        self._size = 0            # bytes in the current file (all complete lines)
        self._count = 0           # entries in the current file
        self._ino: int | None = None
        self._fd: int | None = None
        self._frontier: MerkleFrontier | None = None
        self._closed = False

    # ----------------------------------------------------------------- opening

    @classmethod
    def open(cls, layout: DataLayout, station: str, software_version: str, *,
             keyring_backend: Any = AUTO,
             max_entries_per_file: int = DEFAULT_MAX_ENTRIES_PER_FILE,
             max_bytes_per_file: int = DEFAULT_MAX_BYTES_PER_FILE,
             clock: Callable[[], datetime] = _utc_now) -> "Ledger":
        """Open the ledger of ``layout``; on first open create the station key and write ``genesis``.

        Opening an existing ledger reads only its tail. A last line cut short
        by a crash is completed if it is a whole valid entry missing only its
        newline, else moved aside to ``ledger/torn/`` (see :attr:`repairs`).
        Raises :class:`LedgerError` when the tail is not a valid entry or the
        signing key is missing, :class:`StorageError` on I/O errors.
        ``clock`` gives entry times (the wall clock; replaceable for tests).
        """
        layout.ledger.mkdir(parents=True, exist_ok=True)
        ledger = cls(layout, station, KeyStore(layout.keys, keyring_backend),
                     max_entries_per_file=max_entries_per_file, max_bytes_per_file=max_bytes_per_file,
                     clock=clock)
        try:
            with ledger._lock, ledger._file_lock:
                if not ledger._load_tail():
                    ledger._write_genesis(software_version)
        except BaseException:
            ledger._close_fd()
            ledger._file_lock.close()
            raise
        return ledger

    def _write_genesis(self, software_version: str) -> None:
        key = self.store.create()
        self._key = key
        self._number, self._path, self._size, self._count = 1, self.directory / file_name(1), 0, 0
        body = {"public_key": key.public.raw_b64, "key_id": key.key_id, "station": self.station,
                "software": software_version}
        self._write(bodies.GENESIS, body)
        log.info("new ledger in %s, station key %s", self.directory, key.fingerprint)

    def _load_tail(self) -> bool:
        """Read where the ledger ends (repairing a torn last line); False when there is no ledger."""
        tail = read_tail(self.directory)
        if tail is None or (tail.last is None and not tail.torn):
            return False
        if tail.torn:
            tail = self._repair(tail)
            if tail.last is None:
                return False
        try:
            last = Entry.from_line(tail.last)
            problem = bodies.body_problem(last.kind, last.body)
            if problem:
                raise BadInputError(problem)
        except BadInputError as exc:
            raise LedgerError(f"the last line of {tail.path} is not a valid entry ({exc}); "
                              "run `packseal verify` to see what happened to the ledger.") from exc
        self._check_signed(last)
        next_key_id = last.body["new_key_id"] if last.kind == bodies.KEY_ROTATION else last.key
        if self._key is None or self._key.key_id != next_key_id:
            self._key = self.store.load(next_key_id)
        if self._last is None or last.seq != self._last.seq or last.hash != self._last.hash:
            self._frontier = None  # someone else appended; rebuild the Merkle state lazily
        self._last = last
        self._set_current_file(tail)
        return True

    def _check_signed(self, last: Entry) -> None:
        """Refuse to extend a ledger whose last entry is not signed by a key of this station."""
        if self._key is not None and last.key == self._key.key_id:
            signer: PublicKey | None = self._key.public
        elif last.kind == bodies.GENESIS:
            signer = PublicKey(unb64(last.body["public_key"]))
        else:
            signer = self.store.public_keys().get(last.key)
        if signer is None or signer.key_id != last.key:
            raise LedgerError(f"entry {last.seq} is signed by key {last.key}, which is not in "
                              f"{self.store.directory}; the keys folder is incomplete or was altered.")
        if not signer.verify(last.signature, last.payload()):
            raise LedgerError(f"the last ledger entry (seq {last.seq}) has an invalid signature; "
                              "the ledger was altered. Run `packseal verify` for details; "
                              "nothing more will be appended to it.")

    def _repair(self, tail: Tail) -> Tail:
        """Deal with bytes after the last newline (:func:`~.repair.repair_torn_tail`)."""
        repaired, note = repair_torn_tail(tail, self.store.public_keys)
        log.warning("ledger repair: %s", note)
        self.repairs.append(note)
        return repaired

    def _set_current_file(self, tail: Tail) -> None:
        self._close_fd()
        self._number, self._path, self._size = tail.number, tail.path, tail.good_end
        self._count = self._entries_in(tail)
        try:
            self._ino = tail.path.stat().st_ino
        except OSError:
            self._ino = None

    def _entries_in(self, tail: Tail) -> int:
        """Entries in the last file, from its first and last seq (no need to read it all)."""
        if tail.first is None or self._last is None:
            return 0
        try:
            return self._last.seq - Entry.from_line(tail.first).seq + 1
        except BadInputError:
            return self.max_entries_per_file  # verify will name the bad line; start a new file

    # ---------------------------------------------------------------- writing

    def append(self, kind: str, body: dict[str, Any]) -> Entry:
        """Sign and durably append one entry; return it. Safe from any thread.

        Raises :class:`BadInputError` for an unknown kind or a body that is not
        valid for it, :class:`StorageFullError` when the disk is full,
        :class:`StorageError` on other I/O errors.
        """
        bodies.check_body(kind, body)
        if kind in (bodies.GENESIS, bodies.KEY_ROTATION, bodies.CHECKPOINT):
            raise BadInputError(f"{kind} entries are written by the ledger itself "
                                "(use rotate_key() or checkpoint())")
        canonical(body)  # refuse what JCS cannot represent before taking the locks
        with self._locked():
            return self._write(kind, body)

    def checkpoint(self) -> Entry:
        """Append a ``checkpoint`` over all entries so far and save it to ``checkpoint.json``.

        When the last entry already is a checkpoint, that one is returned.
        """
        with self._locked():
            assert self._last is not None
            if self._last.kind == bodies.CHECKPOINT:
                entry = self._last
            else:
                frontier = self._merkle()
                body = bodies.checkpoint_body(tree_size=frontier.size, root_hash=frontier.root().hex())
                entry = self._write(bodies.CHECKPOINT, body)
            document = {"format": CHECKPOINT_FORMAT, "entry": entry.to_dict()}
            atomic_write(self.directory / CHECKPOINT_FILE, canonical(document) + b"\n")
            return entry

    def rotate_key(self, reason: str = "scheduled", *, compromised_since: datetime | None = None) -> Entry:
        """Replace the station key: a ``key-rotation`` entry signed by the old key names the new one.

        Later entries are signed by the new key; the old private key is then
        destroyed (its public key stays in ``keys/`` and in the chain). With
        ``compromised_since`` the rotation says the old key may have been
        stolen from that time: verifiers reject its signatures on entries
        whose time is at or after it.
        """
        with self._locked():
            old = self._key
            assert old is not None
            new = self.store.create()
            body = {"new_public_key": new.public.raw_b64, "new_key_id": new.key_id, "reason": reason}
            if compromised_since is not None:
                body["compromised_since"] = utc_stamp(compromised_since)
            entry = self._write(bodies.KEY_ROTATION, body)
            self._key = new
            self.store.retire(old.key_id)
            log.info("station key rotated: %s -> %s", old.fingerprint, new.fingerprint)
            return entry

    def sign_detached(self, data: bytes) -> tuple[str, bytes]:
        """Sign a document that travels beside the ledger (an evidence pack's manifest).

        Returns ``(key id, 64-byte Ed25519 signature)`` made with the current
        station key. Refuses (:class:`BadInputError`) bytes that are a JSON
        object with exactly an entry payload's members, so a detached
        signature can never pass for the signature of a ledger entry.
        """
        try:
            decoded = json.loads(data)
        except ValueError:
            decoded = None
        if isinstance(decoded, dict) and decoded.keys() == ENTRY_FIELDS - {"sig"}:
            raise BadInputError("refusing to sign bytes shaped like a ledger entry payload")
        with self._locked():  # catches up with a key rotated by another process
            assert self._key is not None
            return self._key.key_id, self._key.sign(data)

    def _locked(self) -> "_WriterLock":
        return _WriterLock(self)

    def _sync_with_disk(self) -> None:
        """Called under both locks: catch up if another process appended since our last write."""
        assert self._path is not None
        try:
            st = self._path.stat()
            changed = (st.st_size != self._size or st.st_ino != self._ino
                       or (self.directory / file_name(self._number + 1)).exists())
        except FileNotFoundError:
            changed = True
        if changed and not self._load_tail():
            raise LedgerError(f"the ledger in {self.directory} disappeared while open")

    def _write(self, kind: str, body: dict[str, Any]) -> Entry:
        assert self._key is not None
        if self._last is None:
            seq, prev = 0, ZERO_HASH
        else:
            seq, prev = self._last.seq + 1, self._last.hash
        entry = sign_entry(self._key, seq=seq, prev=prev, time=utc_stamp(self.clock()), station=self.station,
                           kind=kind, body=body)
        line = entry.canonical + b"\n"
        if self._count and (self._count >= self.max_entries_per_file
                            or self._size + len(line) > self.max_bytes_per_file):
            self._roll()
        fd = self._open_fd()
        try:
            # One write; a nearly full disk may take only part of it without an
            # error, and writing the rest then reports why (ENOSPC).
            view = memoryview(line)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        except OSError as exc:
            self._undo_partial_write()
            if exc.errno == errno.ENOSPC:
                raise StorageFullError(f"the disk holding {self.directory} is full; entry {seq} "
                                       "was not written. Free space and retry.") from exc
            raise StorageError(f"could not write ledger entry {seq} to {self._path}: "
                               f"{exc.strerror or exc}") from exc
        self._size += len(line)
        self._count += 1
        self._last = entry
        if self._frontier is not None:
            self._frontier.append(leaf_hash(entry.canonical))
        return entry

    def _roll(self) -> None:
        self._close_fd()
        self._number += 1
        self._path = self.directory / file_name(self._number)
        self._size = self._count = 0

    def _open_fd(self) -> int:
        if self._fd is None:
            assert self._path is not None
            new = not self._path.exists()
            try:
                self._fd = os.open(self._path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            except OSError as exc:
                raise StorageError(f"cannot open ledger file {self._path}: {exc.strerror or exc}") from exc
            if new:
                fsync_dir(self.directory)
            self._ino = os.fstat(self._fd).st_ino
        return self._fd

    def _undo_partial_write(self) -> None:
        # Leave no half line behind: the next append must start on a fresh line.
        try:
            if self._fd is not None:
                os.ftruncate(self._fd, self._size)
                os.fsync(self._fd)
        except OSError:
            log.exception("could not cut back a failed ledger write in %s", self._path)

    def _close_fd(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def _merkle(self) -> MerkleFrontier:
        """The Merkle frontier over every entry, built from the files once per process."""
        assert self._last is not None
        if self._frontier is None or self._frontier.size != self._last.seq + 1:
            frontier = MerkleFrontier()
            for entry in self.entries():
                if entry.seq != frontier.size:
                    raise LedgerError(f"the ledger is broken at seq {frontier.size} (found {entry.seq}); "
                                      "run `packseal verify` before making a checkpoint.")
                frontier.append(leaf_hash(entry.canonical))
            self._frontier = frontier
        return self._frontier

    def close(self) -> None:
        """Release files and locks. Appending afterwards raises :class:`LedgerError`."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._close_fd()
            self._file_lock.close()

    def __enter__(self) -> "Ledger":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------- reading

    @property
    def last_seq(self) -> int:
        """Seq of the last entry (this process's view)."""
        assert self._last is not None
        return self._last.seq

    @property
    def last_entry(self) -> Entry:
        assert self._last is not None
        return self._last

    @property
    def public_key(self) -> PublicKey:
        """The public key that signs new entries."""
        assert self._key is not None
        return self._key.public

    @property
    def key_id(self) -> str:
        return self.public_key.key_id

    def public_key_of(self, key_id: str) -> PublicKey:
        """A public key the station has used, by key id (from ``keys/``)."""
        if self._key is not None and key_id == self._key.key_id:
            return self._key.public
        try:
            return self.store.public_keys()[key_id]
        except KeyError:
            raise LedgerError(f"no public key {key_id} in {self.store.directory}") from None

    def entries(self, start: int = 0) -> Iterator[Entry]:
        """Every complete entry from seq ``start`` on, in file order (shape-checked, not verified).

        Use :func:`verify_data_dir` to verify; this is for reading. Raises
        :class:`LedgerError` on a line that is not an entry.
        """
        return read_entries(self.directory, start)

    def entry(self, seq: int) -> Entry:
        """The entry with seq ``seq``; raises :class:`LedgerError` when there is none."""
        for entry in self.entries(seq):
            if entry.seq == seq:
                return entry
            break
        raise LedgerError(f"the ledger has no entry {seq} (last is {self.last_seq})")

    def inclusion_proof(self, seq: int, checkpoint: Entry | None = None) -> InclusionProof:
        """Proof that entry ``seq`` is in the tree signed by ``checkpoint`` (default: the latest).

        Raises :class:`LedgerError` when no checkpoint covers ``seq`` yet.
        """
        leaves: list[bytes] = []
        latest: Entry | None = None
        for entry in self.entries():
            if entry.kind == bodies.CHECKPOINT and (checkpoint is None or entry.seq <= checkpoint.seq):
                latest = entry
            leaves.append(leaf_hash(entry.canonical))
        cp = checkpoint or latest
        if cp is None or seq >= cp.body["tree_size"]:
            raise LedgerError(f"no checkpoint covers entry {seq} yet; call checkpoint() first")
        size = cp.body["tree_size"]
        if size > len(leaves) or root(leaves, size).hex() != cp.body["root_hash"]:
            raise LedgerError(f"checkpoint {cp.seq} does not match the ledger; run `packseal verify`")
        path = inclusion_proof(leaves, seq, size)
        return InclusionProof(seq=seq, tree_size=size, root_hash=cp.body["root_hash"],
                              path=tuple(h.hex() for h in path), checkpoint_seq=cp.seq)


class _WriterLock:
    """Both locks, and the catch-up with other processes, around one write."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger

    def __enter__(self) -> None:
        lg = self.ledger
        lg._lock.acquire()
        if lg._closed:
            lg._lock.release()
            raise LedgerError("the ledger is closed")
        try:
            lg._file_lock.acquire()
        except BaseException:
            lg._lock.release()
            raise
        try:
            lg._sync_with_disk()
        except BaseException:
            self.__exit__()
            raise

    def __exit__(self, *exc: object) -> None:
        try:
            self.ledger._file_lock.release()
        finally:
            self.ledger._lock.release()

