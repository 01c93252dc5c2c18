"""Which Time Stamping Authorities a verifier trusts, and which ones the station asks.

Trusted roots: the Mozilla store shipped by ``certifi`` (DigiCert, Sectigo,
GlobalSign … timestamping chains end there), plus PEM files named in
``PACKSEAL_TSA_ROOTS`` (``os.pathsep``-separated), in the settings, or given
on the command line (``--tsa-root``). A token is an *anchor* only when its
chain ends at one of these roots; a token that merely verifies against a root
it carries itself proves nothing about who issued it.

TSA URLs the station asks: ``PACKSEAL_TSA_URLS`` (comma-separated; set and
empty means none) overrides the settings, whose default asks two independent
public TSAs.
"""

from __future__ import annotations

import functools
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from cryptography import x509

from packseal.core.errors import BadInputError

ENV_ROOTS = "PACKSEAL_TSA_ROOTS"
ENV_URLS = "PACKSEAL_TSA_URLS"

#: Two independent public TSAs whose chains end at roots of the Mozilla store.
DEFAULT_TSA_URLS = ("http://timestamp.digicert.com", "http://timestamp.sectigo.com")

MAX_PEM_BYTES = 4 << 20


def tsa_urls(configured: Sequence[str]) -> list[str]:
    """The TSA URLs to ask: ``PACKSEAL_TSA_URLS`` when set (empty = none), else ``configured``."""
    env = os.environ.get(ENV_URLS)
    urls = [u.strip() for u in env.split(",")] if env is not None else list(configured)
    urls = [u for u in urls if u]
    for url in urls:
        if not url.startswith(("http://", "https://")):
            raise BadInputError(f"a TSA address must be an http(s) URL, got {url!r}")
    return list(dict.fromkeys(urls))


def load_pem_certificates(path: Path | str) -> list[x509.Certificate]:
    """Every certificate in a PEM file; :class:`BadInputError` when it cannot be read or holds none."""
    path = Path(path)
    try:
        data = path.read_bytes()[:MAX_PEM_BYTES + 1]
    except OSError as exc:
        raise BadInputError(f"cannot read the TSA root certificate file {path}: {exc.strerror or exc}") from exc
    if len(data) > MAX_PEM_BYTES:
        raise BadInputError(f"{path} is too large to be a certificate file")
    try:
        certs = x509.load_pem_x509_certificates(data)
    except ValueError as exc:
        raise BadInputError(f"{path} holds no PEM certificate: {exc}") from exc
    return certs


@functools.lru_cache(maxsize=1)
def _mozilla_roots() -> tuple[x509.Certificate, ...]:
    try:
        import certifi
    except ImportError:  # the standalone world: PackSeal itself always has certifi
        return ()
    with warnings.catch_warnings():  # a few old roots have serial numbers RFC 5280 now forbids
        warnings.simplefilter("ignore")
        return tuple(load_pem_certificates(certifi.where()))


@dataclass
class TrustStore:
    """Root certificates, indexed by subject for chain building."""

    roots: list[x509.Certificate] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_subject: dict[bytes, list[x509.Certificate]] = {}
        self._der: set[bytes] = set()
        roots, self.roots = self.roots, []
        self.add(roots)

    def add(self, certs: Iterable[x509.Certificate]) -> None:
        from cryptography.hazmat.primitives.serialization import Encoding

        for cert in certs:
            der = cert.public_bytes(Encoding.DER)
            if der in self._der:
                continue
            self._der.add(der)
            self.roots.append(cert)
            self._by_subject.setdefault(cert.subject.public_bytes(), []).append(cert)

    def issuers_of(self, cert: x509.Certificate) -> list[x509.Certificate]:
        """Trusted roots whose subject is ``cert``'s issuer (signature not yet checked)."""
        return list(self._by_subject.get(cert.issuer.public_bytes(), ()))

    def __len__(self) -> int:
        return len(self.roots)

    def __bool__(self) -> bool:
        return bool(self.roots)


def trust_store(extra: Iterable[Path | str] = (), *, settings_roots: Iterable[Path | str] = (),
                mozilla: bool = True) -> TrustStore:
    """certifi's Mozilla roots + ``PACKSEAL_TSA_ROOTS`` + the settings' files + ``extra`` files."""
    store = TrustStore(list(_mozilla_roots()) if mozilla else [])
    env = os.environ.get(ENV_ROOTS, "")
    paths = [p for p in env.split(os.pathsep) if p.strip()] + list(settings_roots) + list(extra)
    for path in paths:
        store.add(load_pem_certificates(path))
    return store


def as_store(roots: "TrustStore | Sequence[x509.Certificate] | None") -> TrustStore:
    """Accept a store, a list of certificates (only those are trusted) or None (the default store)."""
    if isinstance(roots, TrustStore):
        return roots
    if roots is None:
        return trust_store()
    return TrustStore(list(roots))
