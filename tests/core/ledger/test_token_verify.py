"""Each rule of RFC 3161 token verification, with tokens from the local stand-in TSA."""

from __future__ import annotations

import datetime as dt
import os

from cryptography.x509.oid import ExtendedKeyUsageOID
from rfc3161_client import HashAlgorithm, TimestampRequestBuilder

from packseal.core.ledger.token_verify import verify_token
from packseal.core.ledger.tsa_trust import TrustStore, trust_store

from tests.support.tsa_standin import StandInAuthority

ROOT = "ab" * 32


def _token(authority: StandInAuthority, root_hash: str = ROOT, nonce: bool = True) -> tuple[bytes, int | None]:
    request = (TimestampRequestBuilder().data(bytes.fromhex(root_hash)).hash_algorithm(HashAlgorithm.SHA256)
               .nonce(nonce=nonce).cert_request(cert_request=True).build())
    return authority.respond(request.as_bytes()), request.nonce


def test_a_good_token_anchors_only_under_its_trusted_root() -> None:
    tsa = StandInAuthority()
    token, nonce = _token(tsa)
    good = verify_token(token, ROOT, [tsa.ca_cert], expected_nonce=nonce)
    assert good.ok and good.trusted and good.anchors and good.tsa == "PackSeal Test TSA"
    # The default store (Mozilla roots) does not know this TSA: valid, not an anchor.
    default = verify_token(token, ROOT, None, expected_nonce=nonce)
    assert default.ok and not default.trusted and not default.tampered
    stranger = verify_token(token, ROOT, TrustStore([StandInAuthority("Stranger").ca_cert]))
    assert stranger.ok and not stranger.anchors


def test_trust_from_the_environment(tmp_path, monkeypatch) -> None:
    tsa = StandInAuthority()
    token, _ = _token(tsa)
    monkeypatch.setenv("PACKSEAL_TSA_ROOTS", os.pathsep.join(["", tsa.root_pem(tmp_path / "root.pem")]))
    store = trust_store()
    assert len(store) > 100  # certifi's roots are there too
    assert verify_token(token, ROOT, store).anchors


def test_imprint_nonce_and_bytes() -> None:
    tsa = StandInAuthority()
    token, nonce = _token(tsa)
    assert "imprint" in verify_token(token, "cd" * 32, [tsa.ca_cert]).reason
    assert verify_token(token, "cd" * 32, [tsa.ca_cert]).tampered
    assert verify_token(token, ROOT, [tsa.ca_cert], expected_nonce=(nonce or 0) + 1).tampered
    for junk in (os.urandom(64), b"", token[:40], token[:-30] + bytes(30), b"0" * 2_000_000):
        check = verify_token(junk, ROOT, [tsa.ca_cert])
        assert check.tampered and not check.anchors


def test_the_signing_certificate_must_be_a_timestamping_one() -> None:
    for authority, words in (
        (StandInAuthority(eku_critical=False), "not critical"),
        (StandInAuthority(ekus=(ExtendedKeyUsageOID.TIME_STAMPING, ExtendedKeyUsageOID.CODE_SIGNING)),
         "timeStamping alone"),
        (StandInAuthority(ekus=(ExtendedKeyUsageOID.CODE_SIGNING,)), "timeStamping alone"),
    ):
        token, _ = _token(authority)
        check = verify_token(token, ROOT, [authority.ca_cert])
        assert check.tampered and words in check.reason


def test_the_signer_must_be_valid_at_the_token_time() -> None:
    now = dt.datetime.now(dt.timezone.utc)
    expired = StandInAuthority(tsa_valid=(now - dt.timedelta(days=30), now - dt.timedelta(days=1)))
    token, _ = _token(expired)
    check = verify_token(token, ROOT, [expired.ca_cert])
    assert check.tampered and "not valid at the token's time" in check.reason
    # A TSA whose clock says a time inside its certificate's life is fine, even if that is the past.
    back = StandInAuthority(clock=lambda: now - dt.timedelta(days=10),
                            tsa_valid=(now - dt.timedelta(days=20), now - dt.timedelta(days=5)))
    token, _ = _token(back)
    check = verify_token(token, ROOT, [back.ca_cert])
    assert check.anchors and check.gen_time.startswith((now - dt.timedelta(days=10)).strftime("%Y-%m-%d"))


def test_a_token_without_its_root_is_checked_against_the_store() -> None:
    tsa = StandInAuthority()
    tsa.include_root = False
    token, _ = _token(tsa)
    assert verify_token(token, ROOT, [tsa.ca_cert]).anchors
    unknown = verify_token(token, ROOT, [])
    assert not unknown.ok and not unknown.checkable and not unknown.tampered
