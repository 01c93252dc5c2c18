"""Station keys: protected storage (OS key store or encrypted file), key ids, export."""

from __future__ import annotations

import hashlib
import stat

import keyring.backend
import pytest
from keyring.backends import chainer, fail, null

from packseal.core.errors import LedgerError
from packseal.core.ledger.keys import (KEYRING_SERVICE, KeyStore, PublicKey, group_fingerprint, key_id_of,
                                       usable_keyring)

from .conftest import open_ledger


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A stand-in for an OS credential store (one that really stores)."""

    priority = 5

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.items.get((service, username))

    def set_password(self, service, username, password):
        self.items[(service, username)] = password

    def delete_password(self, service, username):
        self.items.pop((service, username))


def test_without_os_key_store_the_key_is_an_encrypted_owner_only_file(tmp_path) -> None:
    store = KeyStore(tmp_path / "keys", keyring_backend=None)
    assert not store.uses_os_keyring
    key = store.create()
    pem = (tmp_path / "keys" / f"{key.key_id}.key.pem").read_bytes()
    secret = tmp_path / "keys" / f"{key.key_id}.secret"
    assert pem.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    for path in (tmp_path / "keys" / f"{key.key_id}.key.pem", secret):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    loaded = store.load(key.key_id)
    assert loaded.public == key.public
    assert loaded.public.verify(loaded.sign(b"x"), b"x")


class PlaintextKeyring(MemoryKeyring):
    """Looks like keyrings.alt's plaintext file backend."""


PlaintextKeyring.__module__ = "keyrings.alt.file"


def test_backends_that_store_nothing_or_in_the_clear_are_refused() -> None:
    assert usable_keyring(fail.Keyring()) is None
    assert usable_keyring(null.Keyring()) is None
    assert usable_keyring(PlaintextKeyring()) is None
    assert usable_keyring(chainer.ChainerBackend()) is None or all(
        usable_keyring(b) for b in chainer.ChainerBackend().backends)
    assert usable_keyring(None) is None
    real = MemoryKeyring()
    assert usable_keyring(real) is real


def test_with_an_os_key_store_no_private_key_touches_the_disk(tmp_path) -> None:
    backend = MemoryKeyring()
    store = KeyStore(tmp_path / "keys", keyring_backend=backend)
    assert store.uses_os_keyring
    key = store.create()
    assert sorted(p.name for p in (tmp_path / "keys").iterdir()) == [f"{key.key_id}.pub.pem"]
    assert (KEYRING_SERVICE, key.key_id) in backend.items
    assert store.load(key.key_id).public == key.public
    store.retire(key.key_id)
    assert not backend.items
    with pytest.raises(LedgerError, match="not in"):
        store.load(key.key_id)


def test_key_id_and_fingerprint(tmp_path) -> None:
    key = KeyStore(tmp_path, keyring_backend=None).create()
    assert key.key_id == hashlib.sha256(key.public.raw).hexdigest()[:16] == key_id_of(key.public.raw)
    assert key.fingerprint_hex == hashlib.sha256(key.public.raw).hexdigest()
    assert key.fingerprint == group_fingerprint(key.fingerprint_hex)
    assert key.fingerprint.startswith(group_fingerprint(key.key_id))
    assert len(key.fingerprint.replace(" ", "")) == 32  # 128 bits for people
    assert [len(g) for g in key.fingerprint.split(" ")] == [4] * 8
    assert "PRIVATE" not in repr(key)


def test_public_key_pem_round_trip(tmp_path) -> None:
    key = KeyStore(tmp_path, keyring_backend=None).create()
    pem = key.public.pem()
    assert pem.startswith("-----BEGIN PUBLIC KEY-----")
    assert PublicKey.from_pem(pem) == key.public
    assert PublicKey.from_pem((tmp_path / f"{key.key_id}.pub.pem").read_bytes()) == key.public
    assert KeyStore(tmp_path, keyring_backend=None).public_keys() == {key.key_id: key.public}


def test_a_swapped_key_file_is_refused(tmp_path) -> None:
    store = KeyStore(tmp_path, keyring_backend=None)
    a, b = store.create(), store.create()
    (tmp_path / f"{a.key_id}.key.pem").write_bytes((tmp_path / f"{b.key_id}.key.pem").read_bytes())
    (tmp_path / f"{a.key_id}.secret").write_bytes((tmp_path / f"{b.key_id}.secret").read_bytes())
    with pytest.raises(LedgerError, match="altered"):
        store.load(a.key_id)


def test_ledger_keys_live_in_the_data_dir_keys_folder(layout) -> None:
    with open_ledger(layout) as ledger:
        key_id = ledger.key_id
    assert sorted(p.name for p in layout.keys.iterdir()) == sorted(
        [f"{key_id}.key.pem", f"{key_id}.secret", f"{key_id}.pub.pem"])
