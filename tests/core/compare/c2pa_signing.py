"""Signing test pictures with real C2PA manifests (c2pa-python), under a CA made on the spot.

C2PA refuses self-signed signing certificates, so a throw-away root CA signs
a leaf certificate with the key usage C2PA asks for (digital signature,
e-mail protection). Readers report such a manifest as "untrusted signer",
which is exactly what an unknown tool's credentials look like.
"""

from __future__ import annotations

import datetime as dt
import io

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

IPTC = "http://cv.iptc.org/newscodes/digitalsourcetype/"


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "PackSeal Test Signer")])


def _usage(*, signer: bool) -> x509.KeyUsage:
    return x509.KeyUsage(digital_signature=signer, content_commitment=False, key_encipherment=False,
                         data_encipherment=False, key_agreement=False, key_cert_sign=not signer,
                         crl_sign=not signer, encipher_only=False, decipher_only=False)


def make_signer():
    """A c2pa.Signer (ES256) whose certificate chains to a throw-away root CA."""
    import c2pa

    now = dt.datetime.now(dt.timezone.utc)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())

    def build(subject, issuer, public, signer_key, *, leaf: bool) -> x509.Certificate:
        b = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(public)
             .serial_number(x509.random_serial_number())
             .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
             .add_extension(x509.BasicConstraints(ca=not leaf, path_length=None), critical=True)
             .add_extension(_usage(signer=leaf), critical=True)
             .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False))
        if leaf:
            b = (b.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
                 .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
                                critical=False))
        return b.sign(signer_key, hashes.SHA256())

    ca = build(_name("PackSeal Test Root"), _name("PackSeal Test Root"), ca_key.public_key(), ca_key, leaf=False)
    leaf = build(_name("PackSeal Test Tool"), ca.subject, key.public_key(), ca_key, leaf=True)
    chain = leaf.public_bytes(serialization.Encoding.PEM) + ca.public_bytes(serialization.Encoding.PEM)
    pem_key = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return c2pa.Signer.from_info(c2pa.C2paSignerInfo(c2pa.C2paSigningAlg.ES256, chain, pem_key, None))


def sign_jpeg(jpeg: bytes, signer, *, generator: str, actions: list[dict]) -> bytes:
    """``jpeg`` with an embedded C2PA manifest made by ``generator`` recording ``actions``."""
    import c2pa

    manifest = {
        "claim_generator_info": [{"name": generator, "version": "1.0"}],
        "title": "photo.jpg",
        "assertions": [{"label": "c2pa.actions", "data": {"actions": actions}}],
    }
    out = io.BytesIO()
    with c2pa.Builder(manifest) as builder:
        builder.sign(signer, "image/jpeg", io.BytesIO(jpeg), out)
    return out.getvalue()
