"""The hub's own keys: its Ed25519 signing key and its TLS certificate.

``DIR/hub-key.pem`` holds the Ed25519 private key (PKCS#8 PEM, owner-only):
it signs every answer to a station and every cosignature; its fingerprint
(SHA-256 of the raw public key, as for a station's key) is what stations pin
and what ``witnessed_by`` names. ``DIR/tls/cert.pem`` and ``DIR/tls/key.pem``
are a self-signed certificate made at first start for a hub that serves
HTTPS; stations pin its SHA-256 at pairing. ``--tls-cert``/``--tls-key`` give
a real certificate instead.
"""

from __future__ import annotations

import hashlib
import ipaddress
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.x509.oid import NameOID

from packseal.core.ledger.keys import StationKey
from packseal.core.storage.durable import atomic_write, create_private_file
from packseal.hub.errors import HubError

KEY_FILE = "hub-key.pem"
CERT_YEARS = 10


def load_or_create_hub_key(data_dir: Path) -> StationKey:
    """The hub's Ed25519 key from ``DIR/hub-key.pem``, made there (mode 0600) the first time."""
    path = data_dir / KEY_FILE
    if not path.exists():
        private = Ed25519PrivateKey.generate()
        create_private_file(path, private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                        serialization.NoEncryption()))
    try:
        private = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise HubError(f"cannot read the hub's key {path}: {exc}") from exc
    if not isinstance(private, Ed25519PrivateKey):
        raise HubError(f"{path} is not an Ed25519 private key")
    return StationKey(private)


@dataclass(frozen=True)
class TlsFiles:
    """The certificate and key a hub on a non-loopback address serves HTTPS with."""

    cert: Path
    key: Path

    @property
    def cert_sha256(self) -> str:
        """Hex SHA-256 of the certificate's DER bytes: what a station pins."""
        try:
            cert = x509.load_pem_x509_certificate(self.cert.read_bytes())
        except (OSError, ValueError) as exc:
            raise HubError(f"cannot read the TLS certificate {self.cert}: {exc}") from exc
        return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


def self_signed_tls(data_dir: Path, host: str) -> TlsFiles:
    """``DIR/tls/cert.pem`` and ``key.pem``, made at first use for ``host`` (and localhost, this machine's name)."""
    folder = data_dir / "tls"
    files = TlsFiles(folder / "cert.pem", folder / "key.pem")
    if files.cert.exists() and files.key.exists():
        return files
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    key = ec.generate_private_key(ec.SECP256R1())
    names: list[x509.GeneralName] = [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    for name in {host, socket.gethostname()} - {"", "0.0.0.0", "::", "localhost"}:
        try:
            names.append(x509.IPAddress(ipaddress.ip_address(name)))
        except ValueError:
            names.append(x509.DNSName(name))
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"PackSeal hub {socket.gethostname()}")])
    now = datetime.now(timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(now + timedelta(days=365 * CERT_YEARS))
            .add_extension(x509.SubjectAlternativeName(names), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    atomic_write(files.key, key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                              serialization.NoEncryption()))
    atomic_write(files.cert, cert.public_bytes(serialization.Encoding.PEM), mode=0o644)
    return files
