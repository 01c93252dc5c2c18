"""A local RFC 3161 Time Stamping Authority for tests.

It listens on 127.0.0.1 (ephemeral port), answers ``application/timestamp-query``
POSTs with real signed tokens: a self-made CA and a TSA certificate carrying
the critical timeStamping EKU, made with ``cryptography``. rfc3161-client
only parses responses, so the ``TimeStampResp`` is encoded here with
``asn1crypto``: TSTInfo inside a CMS SignedData (ECDSA P-256 / SHA-256,
signed attributes content-type, message-digest and ESS signing-certificate-v2).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from asn1crypto import cms, core, tsp
from asn1crypto import x509 as ax509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

POLICY_OID = "1.3.6.1.4.1.55555.1.1"


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _usage(*, sign: bool, cert_sign: bool) -> x509.KeyUsage:
    return x509.KeyUsage(digital_signature=sign, content_commitment=sign, key_encipherment=False,
                         data_encipherment=False, key_agreement=False, key_cert_sign=cert_sign,
                         crl_sign=cert_sign, encipher_only=False, decipher_only=False)


class StandInAuthority:
    """CA + TSA keys and certificates; :meth:`respond` turns a request into a signed response."""

    def __init__(self, name: str = "PackSeal Test", *, clock=None, eku_critical: bool = True,
                 ekus: tuple = (ExtendedKeyUsageOID.TIME_STAMPING,),
                 tsa_valid: tuple[dt.datetime, dt.datetime] | None = None) -> None:
        """``clock`` fakes the TSA's time (genTime); ``eku_critical``, ``ekus`` and ``tsa_valid``
        (not before, not after) shape the TSA certificate, to make bad ones."""
        now = dt.datetime.now(dt.timezone.utc)
        self.clock = clock or (lambda: dt.datetime.now(dt.timezone.utc))
        not_before, not_after = tsa_valid or (now - dt.timedelta(days=400), now + dt.timedelta(days=3650))
        self.ca_key = ec.generate_private_key(ec.SECP256R1())
        self.ca_cert = (x509.CertificateBuilder()
                        .subject_name(_name(f"{name} Root CA")).issuer_name(_name(f"{name} Root CA"))
                        .public_key(self.ca_key.public_key()).serial_number(x509.random_serial_number())
                        .not_valid_before(now - dt.timedelta(days=4000))
                        .not_valid_after(now + dt.timedelta(days=3650))
                        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
                        .add_extension(_usage(sign=False, cert_sign=True), critical=True)
                        .add_extension(x509.SubjectKeyIdentifier.from_public_key(self.ca_key.public_key()),
                                       critical=False)
                        .sign(self.ca_key, hashes.SHA256()))
        self.tsa_key = ec.generate_private_key(ec.SECP256R1())
        self.tsa_cert = (x509.CertificateBuilder()
                         .subject_name(_name(f"{name} TSA")).issuer_name(self.ca_cert.subject)
                         .public_key(self.tsa_key.public_key()).serial_number(x509.random_serial_number())
                         .not_valid_before(not_before).not_valid_after(not_after)
                         .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                         .add_extension(_usage(sign=True, cert_sign=False), critical=True)
                         .add_extension(x509.ExtendedKeyUsage(list(ekus)), critical=eku_critical)
                         .add_extension(x509.SubjectKeyIdentifier.from_public_key(self.tsa_key.public_key()),
                                        critical=False)
                         .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                             self.ca_key.public_key()), critical=False)
                         .sign(self.ca_key, hashes.SHA256()))
        self._serial = 0
        self._lock = threading.Lock()
        # Real TSAs often send only their own certificate, not the root above it.
        self.include_root = True

    def respond(self, request_der: bytes) -> bytes:
        """A granted ``TimeStampResp`` (DER) for a ``TimeStampReq`` (DER)."""
        request = tsp.TimeStampReq.load(request_der)
        with self._lock:
            self._serial += 1
            serial = self._serial
        info = {
            "version": "v1",
            "policy": POLICY_OID,
            "message_imprint": request["message_imprint"],
            "serial_number": serial,
            "gen_time": self.clock().replace(microsecond=0),
        }
        if request["nonce"].native is not None:
            info["nonce"] = request["nonce"].native
        tst_der = tsp.TSTInfo(info).dump()
        tsa_cert = ax509.Certificate.load(self.tsa_cert.public_bytes(serialization.Encoding.DER))
        ca_cert = ax509.Certificate.load(self.ca_cert.public_bytes(serialization.Encoding.DER))
        signing_cert = tsp.SigningCertificateV2({"certs": [tsp.ESSCertIDv2({
            "hash_algorithm": {"algorithm": "sha256"},
            "cert_hash": hashlib.sha256(tsa_cert.dump()).digest()})]})
        attrs = cms.CMSAttributes([
            cms.CMSAttribute({"type": "content_type", "values": ["tst_info"]}),
            cms.CMSAttribute({"type": "message_digest", "values": [hashlib.sha256(tst_der).digest()]}),
            cms.CMSAttribute({"type": "signing_certificate_v2", "values": [signing_cert]}),
        ])
        # RFC 5652 §5.4: the signature covers the DER of the attributes as a SET OF.
        signature = self.tsa_key.sign(attrs.dump(), ec.ECDSA(hashes.SHA256()))
        signer = cms.SignerInfo({
            "version": "v1",
            "sid": cms.SignerIdentifier({"issuer_and_serial_number": cms.IssuerAndSerialNumber({
                "issuer": tsa_cert.issuer, "serial_number": tsa_cert.serial_number})}),
            "digest_algorithm": {"algorithm": "sha256"},
            "signed_attrs": attrs,
            "signature_algorithm": {"algorithm": "sha256_ecdsa"},
            "signature": signature,
        })
        signed = cms.SignedData({
            "version": "v3",
            "digest_algorithms": [{"algorithm": "sha256"}],
            "encap_content_info": {"content_type": "tst_info", "content": core.ParsableOctetString(tst_der)},
            "certificates": [tsa_cert, ca_cert] if self.include_root else [tsa_cert],
            "signer_infos": [signer],
        })
        return tsp.TimeStampResp({
            "status": {"status": "granted"},
            "time_stamp_token": cms.ContentInfo({"content_type": "signed_data", "content": signed}),
        }).dump()


    def root_pem(self, path) -> str:
        """Write the root certificate as PEM to ``path``; return the path as text."""
        path.write_bytes(self.ca_cert.public_bytes(serialization.Encoding.PEM))
        return str(path)


class LocalTSA:
    """An HTTP TSA on 127.0.0.1. ``start()``/``stop()`` may be called repeatedly (same port)."""

    def __init__(self, authority: StandInAuthority | None = None) -> None:
        self.authority = authority or StandInAuthority()
        self.requests = 0
        self.port = 0
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/tsa"

    def start(self) -> "LocalTSA":
        tsa = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                if self.headers.get("Content-Type") != "application/timestamp-query":
                    self.send_error(415)
                    return
                tsa.requests += 1
                answer = tsa.authority.respond(body)
                self.send_response(200)
                self.send_header("Content-Type", "application/timestamp-reply")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join()
            self._thread = None
