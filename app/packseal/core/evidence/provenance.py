"""C2PA provenance on exported files, signed with a certificate PackSeal issues to the station.

C2PA signatures need an X.509 certificate with a chain (validators refuse a
self-signed signer): PackSeal makes a small private CA for the station on
first use and issues it an end-entity certificate with what C2PA asks for
(EC P-256 for ES256, digitalSignature key usage, the emailProtection
extended key usage, not a CA). Files in ``<data dir>/keys/c2pa/``::

    ca.pem, ca.key.pem, ca.secret             the station's CA (20 years)
    signer.pem                                the end-entity certificate + the CA (the chain)
    signer.key.pem, signer.secret             its key (10 years; reissued before it runs out)

Private keys are encrypted PKCS#8 PEM with a random passphrase in a separate
owner-only file, as the station key is when there is no OS key store. These
certificates say who signed only as far as a reviewer trusts this station's
CA (validators report "untrusted signer"); the manifest's ingredient hash
and PackSeal's own ledger tie each export to the sealed original.

c2pa-python is optional: without it exports still work, unsigned, and the
caller is told what is missing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import logging
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from packseal import __version__
from packseal.core.errors import PackSealError, StorageError
from packseal.core.storage.durable import atomic_write, create_private_file
from packseal.core.storage.layout import DataLayout

log = logging.getLogger(__name__)

ASSERTION_LABEL = "org.packseal.order"
CA_YEARS, SIGNER_YEARS = 20, 10
RENEW_BEFORE = dt.timedelta(days=30)


@dataclass(frozen=True)
class StationCredential:
    """The signing certificate chain (PEM, end entity first) and its private key (PEM, in memory)."""

    chain_pem: bytes
    key_pem: bytes
    subject: str
    not_after: dt.datetime

    @property
    def certificate_sha256(self) -> str:
        """SHA-256 of the signing certificate's DER: sealed in each export entry, so the C2PA
        signer and the ledger name the same station."""
        cert = x509.load_pem_x509_certificate(self.chain_pem)
        return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


def _name(common: str, station: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common[:64]),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "PackSeal"),
                      x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, (station or "station")[:64])])


def _usage(*, ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(digital_signature=not ca, content_commitment=False, key_encipherment=False,
                         data_encipherment=False, key_agreement=False, key_cert_sign=ca, crl_sign=ca,
                         encipher_only=False, decipher_only=False)


class _KeyFiles:
    """An encrypted private key and its passphrase file, replaced atomically when reissued."""

    def __init__(self, folder: Path, stem: str) -> None:
        self.key = folder / f"{stem}.key.pem"
        self.secret = folder / f"{stem}.secret"

    def exists(self) -> bool:
        return self.key.is_file() and self.secret.is_file()

    def write(self, private: ec.EllipticCurvePrivateKey) -> None:
        passphrase = secrets.token_urlsafe(32).encode("ascii")
        pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                    serialization.BestAvailableEncryption(passphrase))
        for path, data in ((self.secret, passphrase), (self.key, pem)):
            tmp = path.with_name(f".{path.name}.{os.getpid()}.new")
            tmp.unlink(missing_ok=True)
            create_private_file(tmp, data)
            os.replace(tmp, path)

    def load(self) -> ec.EllipticCurvePrivateKey:
        try:
            key = serialization.load_pem_private_key(self.key.read_bytes(), self.secret.read_bytes().strip())
        except (OSError, ValueError, TypeError) as exc:
            raise StorageError(f"the C2PA signing key {self.key} cannot be read: {exc}. Delete the "
                               f"folder {self.key.parent} to have PackSeal issue a new one.") from exc
        if not isinstance(key, ec.EllipticCurvePrivateKey):
            raise StorageError(f"{self.key} is not an EC key")
        return key


def station_credential(layout: DataLayout, station: str, ledger_key_id: str,
                       now: dt.datetime | None = None) -> StationCredential:
    """The station's C2PA signing credential, created on first use and reissued before it expires."""
    now = now or dt.datetime.now(dt.timezone.utc)
    folder = layout.keys / "c2pa"
    folder.mkdir(parents=True, exist_ok=True)
    ca_cert_path, signer_path = folder / "ca.pem", folder / "signer.pem"
    ca_keys, signer_keys = _KeyFiles(folder, "ca"), _KeyFiles(folder, "signer")
    if not (ca_cert_path.is_file() and ca_keys.exists()):
        ca_key = ec.generate_private_key(ec.SECP256R1())
        subject = _name(f"PackSeal station CA {ledger_key_id}", station)
        ca = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
              .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
              .not_valid_before(now - dt.timedelta(minutes=5))
              .not_valid_after(now + dt.timedelta(days=365 * CA_YEARS))
              .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
              .add_extension(_usage(ca=True), critical=True)
              .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
              .sign(ca_key, hashes.SHA256()))
        ca_keys.write(ca_key)
        atomic_write(ca_cert_path, ca.public_bytes(serialization.Encoding.PEM))
        signer_path.unlink(missing_ok=True)  # a new CA needs a new end-entity certificate
        log.info("created the station's C2PA certificate authority in %s", folder)
    ca = x509.load_pem_x509_certificate(ca_cert_path.read_bytes())
    signer = _load_signer(signer_path) if signer_keys.exists() else None
    if signer is None or signer.not_valid_after_utc - RENEW_BEFORE < now:
        ca_key = ca_keys.load()
        key = ec.generate_private_key(ec.SECP256R1())
        signer = (x509.CertificateBuilder()
                  .subject_name(_name(f"PackSeal station {ledger_key_id}", station))
                  .issuer_name(ca.subject).public_key(key.public_key())
                  .serial_number(x509.random_serial_number())
                  .not_valid_before(now - dt.timedelta(minutes=5))
                  .not_valid_after(min(now + dt.timedelta(days=365 * SIGNER_YEARS), ca.not_valid_after_utc))
                  .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                  .add_extension(_usage(ca=False), critical=True)
                  .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
                  .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
                  .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
                                 critical=False)
                  .sign(ca_key, hashes.SHA256()))
        signer_keys.write(key)
        atomic_write(signer_path, signer.public_bytes(serialization.Encoding.PEM))
        log.info("issued the station's C2PA signing certificate (valid to %s)", signer.not_valid_after_utc)
    chain = signer.public_bytes(serialization.Encoding.PEM) + ca.public_bytes(serialization.Encoding.PEM)
    key_pem = signer_keys.load().private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption())
    return StationCredential(chain_pem=chain, key_pem=key_pem, subject=signer.subject.rfc4514_string(),
                             not_after=signer.not_valid_after_utc)


def _load_signer(path: Path) -> x509.Certificate | None:
    try:
        return x509.load_pem_x509_certificate(path.read_bytes())
    except (OSError, ValueError):
        return None


@dataclass(frozen=True)
class Ingredient:
    """The sealed original an export was made from."""

    title: str
    sha256: str
    bytes: int
    format: str = "video/mp4"

    @property
    def instance_id(self) -> str:
        # C2PA ingredients carry an instance id; this one names the original by its content hash.
        return f"urn:packseal:sha256:{self.sha256}"


class Provenance:
    """Signs exported files with C2PA manifests; ``missing`` says why it cannot, if it cannot."""

    def __init__(self, layout: DataLayout, station: str, ledger_key_id: str,
                 tsa_urls: list[str] | None = None) -> None:
        self.layout = layout
        self.station = station
        self.ledger_key_id = ledger_key_id
        self.tsa_urls = list(tsa_urls or [])
        self.tsa_url: str | None = None          # the TSA whose timestamp the manifests carry
        self.certificate_sha256: str | None = None
        self.missing: str | None = None
        self._c2pa: Any = None
        self._signer: Any = None
        self._context: Any = None
        try:
            import c2pa
        except ImportError as exc:  # an optional dependency
            self.missing = (f"c2pa-python is not installed ({exc}); exported files carry no C2PA "
                            "manifest. Their export entries in the ledger still seal them.")
            return
        self._c2pa = c2pa

    @property
    def available(self) -> bool:
        return self.missing is None

    def _ready(self) -> bool:
        if self._signer is not None or self.missing:
            return self.missing is None
        c2pa = self._c2pa
        try:
            cred = station_credential(self.layout, self.station, self.ledger_key_id)
            self.certificate_sha256 = cred.certificate_sha256
            self._cred = cred
            self._signer = self._make_signer(self.tsa_urls[0] if self.tsa_urls else None)
            # No thumbnail inside the manifest: it would eat into the platforms' size limits.
            self._context = c2pa.Context.from_dict({"builder": {"thumbnail": {"enabled": False}}})
        except Exception as exc:  # c2pa raises its own C2paError family; any failure means "unsigned"
            self.missing = f"the C2PA signer could not be set up ({exc}); exported files are unsigned"
            log.warning("%s", self.missing)
            return False
        return True

    def _make_signer(self, tsa_url: str | None) -> Any:
        c2pa = self._c2pa
        self.tsa_url = tsa_url
        return c2pa.Signer.from_info(c2pa.C2paSignerInfo(
            c2pa.C2paSigningAlg.ES256, self._cred.chain_pem, self._cred.key_pem,
            tsa_url.encode("utf-8") if tsa_url else None))

    def sign(self, source: Path, dest: Path, mime: str, *, ingredient: Ingredient,
             actions: list[dict[str, Any]], assertion: dict[str, Any]) -> bool:
        """Write ``source`` with an embedded C2PA manifest to ``dest``; False (and ``missing`` set) on failure.

        The manifest has a ``c2pa.opened`` action on the sealed original (a
        ``parentOf`` ingredient whose instance id is its SHA-256), then
        ``actions``, and the custom assertion :data:`ASSERTION_LABEL` with
        ``assertion`` (order ID, ledger seq ...).
        """
        if not self._ready():
            return False
        c2pa = self._c2pa
        manifest = {
            "claim_generator_info": [{"name": "PackSeal", "version": __version__}],
            "title": dest.name,
            "format": mime,
            "ingredients": [{"title": ingredient.title, "format": ingredient.format,
                             "relationship": "parentOf", "instance_id": ingredient.instance_id,
                             "label": "sealed-original"}],
            "assertions": [
                {"label": "c2pa.actions.v2", "data": {"actions": [
                    {"action": "c2pa.opened", "parameters": {"ingredientIds": ["sealed-original"]}},
                    *actions]}},
                {"label": ASSERTION_LABEL, "data": assertion},
            ],
        }
        while True:
            try:
                self._sign_once(manifest, source, dest, mime)
                return True
            except PackSealError:
                raise  # our own I/O errors (disk full ...) are not a C2PA problem
            except Exception as exc:
                if self.tsa_url is not None:
                    # The TSA did not answer: try the next one, and at last sign without a timestamp.
                    log.warning("C2PA signing with the timestamp of %s failed (%s)", self.tsa_url, exc)
                    remaining = self.tsa_urls[self.tsa_urls.index(self.tsa_url) + 1:]
                    self._signer = self._make_signer(remaining[0] if remaining else None)
                    continue
                self.missing = f"C2PA signing failed for {dest.name} ({exc}); exported files are unsigned"
                log.warning("%s", self.missing)
                return False

    def _sign_once(self, manifest: dict[str, Any], source: Path, dest: Path, mime: str) -> None:
        c2pa = self._c2pa
        out = io.BytesIO() if source.stat().st_size < (64 << 20) else None
        with c2pa.Builder(manifest, self._context) as builder, open(source, "rb") as src:
            if out is not None:
                builder.sign(self._signer, mime, src, out)
                atomic_write(dest, out.getvalue())
            else:
                tmp = dest.with_name(f".{dest.name}.c2pa")
                with open(tmp, "w+b") as dst:
                    builder.sign(self._signer, mime, src, dst)
                os.replace(tmp, dest)


def read_manifest(path: Path, mime: str) -> dict[str, Any]:
    """The active C2PA manifest of ``path`` as a dict (for checks and tests); raises if there is none."""
    import c2pa

    with open(path, "rb") as fh:
        reader = c2pa.Reader(mime, fh)
        store = json.loads(reader.json())
    return store["manifests"][store["active_manifest"]]
