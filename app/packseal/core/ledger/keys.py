"""The station's Ed25519 key: creation, protected storage, public export.

The private key never leaves the station. Where the operating system has a
real credential store (Windows Credential Manager, macOS Keychain, the Secret
Service on a Linux desktop) it lives there, reached through ``keyring``.
Everywhere else it is an encrypted PKCS#8 PEM in ``<data dir>/keys/`` whose
random passphrase sits in a separate owner-only file; docs/FORMAT.md says
plainly what that protects against and what not.

Files in ``keys/`` (``<id>`` is the key id)::

    <id>.pub.pem     public key (SubjectPublicKeyInfo PEM), kept for every key ever used
    <id>.key.pem     encrypted private key (file storage only), mode 0600
    <id>.secret      passphrase of <id>.key.pem, mode 0600
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from packseal.core.errors import BadInputError, LedgerError, StorageError
from packseal.core.ledger.canonical import b64
from packseal.core.storage.durable import atomic_write, create_private_file

log = logging.getLogger(__name__)

KEYRING_SERVICE = "PackSeal station key"

# keyring backends that store nothing or store in the clear: never for a private key.
_REJECTED_BACKEND_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")
AUTO = "auto"


def key_id_of(raw_public: bytes) -> str:
    """Key id: the first 16 hex digits of SHA-256 over the 32 raw public key bytes."""
    return hashlib.sha256(raw_public).hexdigest()[:16]


#: Hex digits of the fingerprint people compare: 128 bits, in eight groups of four.
PEOPLE_HEX = 32


def fingerprint_of(raw_public: bytes) -> str:
    """The key's fingerprint for machines: SHA-256 of the 32 raw public key bytes, 64 hex digits."""
    return hashlib.sha256(raw_public).hexdigest()


def group_fingerprint(hex_digits: str, digits: int = PEOPLE_HEX) -> str:
    """The first ``digits`` hex digits in groups of four for reading aloud: ``3f2a 9c01 77be …``.

    The fingerprint starts with the key id, so the first four groups are the key id.
    """
    head = hex_digits[:digits]
    return " ".join(head[i:i + 4] for i in range(0, len(head), 4))


def parse_fingerprint(text: str) -> str:
    """A fingerprint a person typed or pasted (grouped or plain, any case) as lowercase hex.

    At least 128 bits (32 hex digits) are required, so a forger cannot grind
    a key that matches; :class:`BadInputError` otherwise.
    """
    cleaned = "".join(ch for ch in str(text).lower() if ch not in " :-_\t")
    if not cleaned or any(ch not in "0123456789abcdef" for ch in cleaned):
        raise BadInputError(f"a key fingerprint is hex digits (grouped or not), got {text!r}")
    if len(cleaned) < PEOPLE_HEX or len(cleaned) > 64:
        raise BadInputError(f"give at least {PEOPLE_HEX} hex digits (128 bits) of the key fingerprint "
                            f"and at most 64, got {len(cleaned)}")
    return cleaned


def fingerprint_matches(expected: str, fingerprint_hex: str) -> bool:
    """Does a parsed fingerprint (32 to 64 hex digits) match the start of a full one?"""
    return len(expected) >= PEOPLE_HEX and fingerprint_hex.startswith(expected)


@dataclass(frozen=True)
class PublicKey:
    """An Ed25519 public key with the forms PackSeal writes it in."""

    raw: bytes

    def __post_init__(self) -> None:
        if len(self.raw) != 32:
            raise BadInputError(f"an Ed25519 public key has 32 bytes, got {len(self.raw)}")
        # Parse once so verify() is only the signature check.
        object.__setattr__(self, "_key", Ed25519PublicKey.from_public_bytes(self.raw))

    @classmethod
    def from_pem(cls, pem: bytes | str) -> "PublicKey":
        """Load a SubjectPublicKeyInfo PEM (``-----BEGIN PUBLIC KEY-----``)."""
        data = pem.encode("ascii") if isinstance(pem, str) else pem
        try:
            key = serialization.load_pem_public_key(data)
        except ValueError as exc:
            raise BadInputError(f"not a PEM public key: {exc}") from exc
        if not isinstance(key, Ed25519PublicKey):
            raise BadInputError("the public key is not an Ed25519 key")
        return cls(key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))

    @property
    def key_id(self) -> str:
        return key_id_of(self.raw)

    @property
    def fingerprint_hex(self) -> str:
        """SHA-256 of the raw key, 64 hex digits: what machines compare."""
        return fingerprint_of(self.raw)

    @property
    def fingerprint(self) -> str:
        """The first 128 bits of the fingerprint grouped for people (``3f2a 9c01 77be 04d5 …``)."""
        return group_fingerprint(self.fingerprint_hex)

    @property
    def raw_b64(self) -> str:
        return b64(self.raw)

    def pem(self) -> str:
        """SubjectPublicKeyInfo PEM, what ``openssl pkeyutl -pubin -inkey`` reads."""
        return self._key.public_bytes(serialization.Encoding.PEM,
                                      serialization.PublicFormat.SubjectPublicKeyInfo).decode("ascii")

    def verify(self, signature: bytes, data: bytes) -> bool:
        """True when ``signature`` is this key's Ed25519 signature over ``data``."""
        try:
            self._key.verify(signature, data)
            return True
        except InvalidSignature:
            return False


class StationKey:
    """The private signing key of a station together with its public key."""

    def __init__(self, private: Ed25519PrivateKey) -> None:
        self._private = private
        self.public = PublicKey(private.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw))

    @classmethod
    def generate(cls) -> "StationKey":
        return cls(Ed25519PrivateKey.generate())

    @property
    def key_id(self) -> str:
        return self.public.key_id

    @property
    def fingerprint(self) -> str:
        return self.public.fingerprint

    @property
    def fingerprint_hex(self) -> str:
        return self.public.fingerprint_hex

    def sign(self, data: bytes) -> bytes:
        """The 64-byte Ed25519 signature over ``data``."""
        return self._private.sign(data)

    def _pkcs8(self, encryption: serialization.KeySerializationEncryption) -> bytes:
        return self._private.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8, encryption)

    def __repr__(self) -> str:  # never print key material
        return f"StationKey({self.key_id})"


def usable_keyring(backend: Any = AUTO) -> Any | None:
    """The OS key store backend to keep private keys in, or None.

    ``backend`` is ``"auto"`` (ask ``keyring`` for the platform's backend),
    ``None`` (never use one) or a backend object. Backends that store nothing
    (fail, null) or store in the clear (``keyrings.alt``) are refused.
    """
    if backend is None:
        return None
    if backend == AUTO:
        try:
            import keyring
            backend = keyring.get_keyring()
        except Exception as exc:  # a broken keyring install must not stop the station
            log.warning("no OS key store: %s", exc)
            return None
    module = type(backend).__module__
    if any(module == m or module.startswith(m + ".") for m in _REJECTED_BACKEND_MODULES):
        return None
    if getattr(backend, "priority", 1) <= 0:
        return None
    if module == "keyring.backends.chainer":
        # The chainer writes to the first of its backends that accepts; all must be real.
        inner = list(getattr(backend, "backends", []))
        if not inner or any(usable_keyring(b) is None for b in inner):
            return None
    return backend


class KeyStore:
    """Creates, stores and loads the station keys of one data dir."""

    def __init__(self, directory: Path, keyring_backend: Any = AUTO) -> None:
        self.directory = Path(directory)
        self._keyring = usable_keyring(keyring_backend)

    @property
    def uses_os_keyring(self) -> bool:
        """True when new private keys go to the OS key store rather than files."""
        return self._keyring is not None

    def _pub_path(self, key_id: str) -> Path:
        return self.directory / f"{key_id}.pub.pem"

    def _key_path(self, key_id: str) -> Path:
        return self.directory / f"{key_id}.key.pem"

    def _secret_path(self, key_id: str) -> Path:
        return self.directory / f"{key_id}.secret"

    def create(self) -> StationKey:
        """Generate a new key, store its private part protected and its public part as PEM."""
        self.directory.mkdir(parents=True, exist_ok=True)
        key = StationKey.generate()
        stored = False
        if self._keyring is not None:
            try:
                pem = key._pkcs8(serialization.NoEncryption()).decode("ascii")
                self._keyring.set_password(KEYRING_SERVICE, key.key_id, pem)
                stored = True
            except Exception as exc:  # keyring errors vary by backend (locked, no D-Bus...)
                log.warning("OS key store refused the station key (%s); using an encrypted file", exc)
        if not stored:
            passphrase = secrets.token_urlsafe(32).encode("ascii")
            create_private_file(self._secret_path(key.key_id), passphrase)
            create_private_file(self._key_path(key.key_id),
                                key._pkcs8(serialization.BestAvailableEncryption(passphrase)))
        atomic_write(self._pub_path(key.key_id), key.public.pem().encode("ascii"))
        log.info("created station key %s (%s)", key.fingerprint,
                 "OS key store" if stored else "encrypted file")
        return key

    def load(self, key_id: str) -> StationKey:
        """Load the private key ``key_id``; raises :class:`LedgerError` if it is not here."""
        key_path = self._key_path(key_id)
        if key_path.exists():
            try:
                passphrase = self._secret_path(key_id).read_bytes().strip()
                private = serialization.load_pem_private_key(key_path.read_bytes(), passphrase)
            except FileNotFoundError as exc:
                raise LedgerError(f"the passphrase file of station key {key_id} is missing "
                                  f"({self._secret_path(key_id)}); the key cannot be unlocked.") from exc
            except OSError as exc:
                raise StorageError(f"could not read station key {key_path}: {exc.strerror or exc}") from exc
            except (ValueError, TypeError) as exc:
                raise LedgerError(f"station key {key_path} cannot be unlocked: {exc}") from exc
            return self._checked(private, key_id)
        if self._keyring is not None:
            try:
                pem = self._keyring.get_password(KEYRING_SERVICE, key_id)
            except Exception as exc:
                raise LedgerError(f"the OS key store could not be read for station key {key_id}: {exc}. "
                                  "Unlock the key store and try again.") from exc
            if pem:
                return self._checked(serialization.load_pem_private_key(pem.encode("ascii"), None), key_id)
        raise LedgerError(f"the private part of station key {key_id} is not in {self.directory} "
                          "nor in the OS key store; the ledger cannot be extended with this key. "
                          "Restore the keys folder from a backup.")

    def _checked(self, private: Any, key_id: str) -> StationKey:
        if not isinstance(private, Ed25519PrivateKey):
            raise LedgerError(f"station key {key_id} is not an Ed25519 key")
        key = StationKey(private)
        if key.key_id != key_id:
            raise LedgerError(f"the stored key {key_id} holds key {key.key_id}; the keys folder was altered")
        return key

    def has_private(self, key_id: str) -> bool:
        """True when the private part of ``key_id`` can be found (without unlocking it)."""
        if self._key_path(key_id).exists():
            return True
        if self._keyring is not None:
            try:
                return bool(self._keyring.get_password(KEYRING_SERVICE, key_id))
            except Exception:
                return False
        return False

    def retire(self, key_id: str) -> None:
        """Destroy the private part of ``key_id`` after a rotation; its public PEM stays."""
        for path in (self._key_path(key_id), self._secret_path(key_id)):
            try:
                path.unlink()
            except FileNotFoundError:
                pass
            except OSError as exc:
                raise StorageError(f"could not remove retired key file {path}: "
                                   f"{exc.strerror or exc}") from exc
        if self._keyring is not None:
            try:
                self._keyring.delete_password(KEYRING_SERVICE, key_id)
            except Exception:
                pass  # not there (file storage) or already deleted

    def public_keys(self) -> dict[str, PublicKey]:
        """Every public key kept in the keys folder, by the key id its file name claims."""
        found: dict[str, PublicKey] = {}
        if not self.directory.is_dir():
            return found
        for path in sorted(self.directory.glob("*.pub.pem")):
            try:
                found[path.name[: -len(".pub.pem")]] = PublicKey.from_pem(path.read_bytes())
            except (OSError, BadInputError) as exc:
                log.warning("unreadable public key %s: %s", path, exc)
        return found
