"""Full verification of an RFC 3161 timestamp token over a checkpoint root.

A token anchors a checkpoint in time only when all of this holds:

- it parses as a granted ``TimeStampResp``;
- its message imprint is SHA-256 of the checkpoint root's 32 bytes;
- its nonce is the one the station sent (when the ledger recorded it);
- the certificate named by the signer info carries the critical extended key
  usage timeStamping and nothing else (RFC 3161 §2.3), and was valid at the
  token's genTime;
- the CMS signature verifies, and the certificate chain (certificates the
  token carries) ends at a **trusted** root, each certificate valid at genTime.

A token whose chain ends only at a root it carries itself is *valid but
untrusted*: it proves the bytes were not changed, not who made them (anyone
can run a "TSA"). The CMS signature and chain are checked by rfc3161-client
(OpenSSL's PKCS#7 verification at genTime); the rest is checked here.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Sequence

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from rfc3161_client import PKIStatus, TimeStampResponse, VerificationError, VerifierBuilder, decode_timestamp_response

from packseal.core.ledger.canonical import utc_stamp
from packseal.core.ledger.tsa_trust import TrustStore, as_store

SHA256_OID = x509.ObjectIdentifier("2.16.840.1.101.3.4.2.1")
MAX_TOKEN_BYTES = 1 << 20
_MAX_CHAIN = 6


@dataclass(frozen=True)
class TokenCheck:
    """What checking one token found.

    ``ok``: the token is well formed, about this root, and its signature and
    chain verify (to a trusted root, or to one it carries). ``trusted``: the
    chain ends at a trusted root: only then is the token an anchor.
    ``checkable``: False when there was nothing to check the signature
    against (no trusted root fits and the token carries no root): not a sign
    of tampering, but no anchor either.
    """

    ok: bool
    reason: str = ""
    trusted: bool = False
    checkable: bool = True
    gen_time: str | None = None
    tsa: str | None = None          # the signing certificate's subject
    root: str | None = None         # the root the chain ended at
    nonce: int | None = None

    @property
    def anchors(self) -> bool:
        return self.ok and self.trusted

    @property
    def tampered(self) -> bool:
        """The token is malformed, about something else, or its signature fails."""
        return not self.ok and self.checkable


def imprint_of(root_hash_hex: str) -> bytes:
    """The message imprint PackSeal asks for: SHA-256 of the root's 32 raw bytes."""
    return hashlib.sha256(bytes.fromhex(root_hash_hex)).digest()


def gen_time_of(response: TimeStampResponse) -> datetime:
    moment = response.tst_info.gen_time
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def _name(cert: x509.Certificate) -> str:
    cns = cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    return str(cns[0].value) if cns else cert.subject.rfc4514_string()


def _valid_at(cert: x509.Certificate, moment: datetime) -> bool:
    return cert.not_valid_before_utc <= moment <= cert.not_valid_after_utc


def _issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    if cert.issuer != issuer.subject:
        return False
    try:
        cert.verify_directly_issued_by(issuer)
        return True
    except (ValueError, TypeError, InvalidSignature):
        return False


def _signer(response: TimeStampResponse, certs: list[x509.Certificate]) -> x509.Certificate | str:
    infos = list(response.signed_data.signer_infos)
    if len(infos) != 1:
        return f"the token has {len(infos)} signer infos, not one"
    info = infos[0]
    for cert in certs:
        if cert.issuer == info.issuer and cert.serial_number == info.serial_number:
            return cert
    return "the token does not carry the certificate of its signer"


def _eku_problem(cert: x509.Certificate) -> str | None:
    try:
        ext = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    except x509.ExtensionNotFound:
        return "the signing certificate has no extended key usage"
    if not ext.critical:
        return "the signing certificate's extended key usage is not critical"
    if list(ext.value) != [x509.ExtendedKeyUsageOID.TIME_STAMPING]:
        return "the signing certificate's extended key usage is not timeStamping alone"
    return None


def _chain_to(signer: x509.Certificate, pool: list[x509.Certificate], store: TrustStore,
              when: datetime) -> tuple[x509.Certificate | None, list[x509.Certificate]]:
    """A trusted root the signer chains up to through ``pool`` (all valid at ``when``), and the path."""
    path = [signer]
    current = signer
    for _ in range(_MAX_CHAIN):
        for root in store.issuers_of(current):
            if _issued_by(current, root) and _valid_at(root, when):
                return root, path
        step = next((c for c in pool if c not in path and _issued_by(current, c) and _valid_at(c, when)), None)
        if step is None:
            return None, path
        if step.issuer == step.subject:  # a self-signed root the token carries: not trusted by itself
            return None, path + [step]
        path.append(step)
        current = step
    return None, path


def verify_token(token_der: bytes, root_hash_hex: str,
                 trust_roots: TrustStore | Sequence[x509.Certificate] | None = None, *,
                 expected_nonce: int | None = None) -> TokenCheck:
    """Check ``token_der`` fully against the checkpoint root ``root_hash_hex``.

    ``trust_roots``: a :class:`TrustStore`, a list of root certificates (only
    those are trusted), or None for the default store (certifi's Mozilla roots
    and ``PACKSEAL_TSA_ROOTS``). Never raises on hostile input.
    """
    if not isinstance(token_der, (bytes, bytearray)) or len(token_der) > MAX_TOKEN_BYTES:
        return TokenCheck(False, "the token is not bytes of a sensible size")
    try:
        response = decode_timestamp_response(bytes(token_der))
        status = response.status
        info = response.tst_info
        imprint = info.message_imprint
        gen = gen_time_of(response)
        nonce = info.nonce
        certs = [x509.load_der_x509_certificate(der) for der in response.signed_data.certificates]
    except (ValueError, TypeError, AttributeError, OverflowError) as exc:
        return TokenCheck(False, f"not an RFC 3161 timestamp response: {exc}")
    gen_time = utc_stamp(gen)
    facts = {"gen_time": gen_time, "nonce": nonce}
    if status != PKIStatus.GRANTED:
        return TokenCheck(False, f"the TSA did not grant the request (status {status})", **facts)
    if imprint.hash_algorithm != SHA256_OID:
        return TokenCheck(False, f"the message imprint uses {imprint.hash_algorithm.dotted_string}, "
                          "not SHA-256", **facts)
    expected = imprint_of(root_hash_hex)
    if imprint.message != expected:
        return TokenCheck(False, f"the token's message imprint is not SHA-256 of root {root_hash_hex}", **facts)
    if expected_nonce is not None and nonce != expected_nonce:
        return TokenCheck(False, f"the token's nonce {nonce} is not the nonce {expected_nonce} the "
                          "station sent", **facts)
    signer = _signer(response, certs)
    if isinstance(signer, str):
        return TokenCheck(False, signer, checkable=False, **facts)
    tsa = _name(signer)
    facts["tsa"] = tsa
    eku = _eku_problem(signer)
    if eku:
        return TokenCheck(False, eku, **facts)
    if not _valid_at(signer, gen):
        return TokenCheck(False, f"the signing certificate ({tsa}) was not valid at the token's time "
                          f"{gen_time} (valid {utc_stamp(signer.not_valid_before_utc)} to "
                          f"{utc_stamp(signer.not_valid_after_utc)})", **facts)
    store = as_store(trust_roots)
    root, path = _chain_to(signer, certs, store, gen)
    trusted = root is not None
    if root is None:
        last = path[-1]
        if last.issuer != last.subject:
            return TokenCheck(False, f"the chain of {tsa} ends at {last.issuer.rfc4514_string()}, which is "
                              "neither a trusted root nor carried by the token", checkable=False, **facts)
        root = last
    try:
        VerifierBuilder(roots=[root]).build().verify(response, expected)
    except (VerificationError, ValueError) as exc:
        return TokenCheck(False, f"the token's signature or chain does not verify: {exc}", **facts)
    return TokenCheck(True, trusted=trusted, root=_name(root), **facts)


def token_gen_time(token_der: bytes) -> str | None:
    """genTime of a token (unverified), or None when it does not parse."""
    try:
        return utc_stamp(gen_time_of(decode_timestamp_response(bytes(token_der))))
    except (ValueError, TypeError, AttributeError, OverflowError):
        return None
