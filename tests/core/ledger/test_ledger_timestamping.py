"""RFC 3161 timestamps of checkpoints against a local TSA stand-in (real signed tokens)."""

from __future__ import annotations

import json
import os
import subprocess

import pytest
from cryptography.hazmat.primitives import serialization

from packseal.core.errors import BadInputError
from packseal.core.ledger import Timestamper, verify_data_dir, verify_token
from packseal.core.ledger import report as R
from packseal.core.ledger.canonical import b64, unb64
from packseal.core.ledger.entry import Entry

from .conftest import Station, open_ledger, resign
from tests.support.tsa_standin import LocalTSA, StandInAuthority


@pytest.fixture
def tsa():
    server = LocalTSA().start()
    yield server
    server.stop()


def test_online_tsa_gives_a_timestamp_entry_that_verifies(station: Station, tsa: LocalTSA) -> None:
    with open_ledger(station.layout) as ledger:
        checkpoint = ledger.entry(11)
        stamper = Timestamper(ledger, tsa.url, timeout=5, trust_roots=[tsa.authority.ca_cert])
        result = stamper.stamp(checkpoint)
    [entry] = result.entries
    assert entry.kind == "timestamp" and result.trusted == 1 and not result.failed
    assert tsa.requests == 1
    assert entry.body["checkpoint_seq"] == 11 and entry.body["root_hash"] == checkpoint.body["root_hash"]
    assert entry.body["tsa_url"] == tsa.url
    check = verify_token(unb64(entry.body["token"]), checkpoint.body["root_hash"], [tsa.authority.ca_cert],
                         expected_nonce=int(entry.body["nonce"]))
    assert check.ok and check.trusted and check.anchors and "TSA" in (check.tsa or "")
    assert check.root == "PackSeal Test Root CA"
    wrong_nonce = verify_token(unb64(entry.body["token"]), checkpoint.body["root_hash"],
                               [tsa.authority.ca_cert], expected_nonce=int(entry.body["nonce"]) + 1)
    assert wrong_nonce.tampered and "nonce" in wrong_nonce.reason
    # Trusted when the root is configured...
    report = verify_data_dir(station.layout, tsa_roots=[tsa.authority.ca_cert])
    assert report.ok and report.checked["timestamps"] == report.checked["timestamps_trusted"] == 1
    assert report.subject.untrusted_tsas == []
    # ...and, checked against its own chain only, it is named as untrusted: no anchor.
    report = verify_data_dir(station.layout)
    assert report.ok and "timestamps_trusted" not in report.checked
    assert report.subject.untrusted_tsas == ["PackSeal Test TSA"]


def test_token_without_its_root_needs_a_configured_root(station: Station, tsa: LocalTSA) -> None:
    tsa.authority.include_root = False
    with open_ledger(station.layout) as ledger:
        [entry] = Timestamper(ledger, tsa.url).stamp(ledger.entry(11)).entries
    # kept: it can be checked once the TSA's root is known
    unchecked = verify_token(unb64(entry.body["token"]), entry.body["root_hash"])
    assert not unchecked.ok and not unchecked.checkable and not unchecked.tampered
    report = verify_data_dir(station.layout)
    assert report.ok and report.subject.untrusted_tsas == ["PackSeal Test TSA"]
    report = verify_data_dir(station.layout, tsa_roots=[tsa.authority.ca_cert])
    assert report.ok and report.checked["timestamps_trusted"] == 1


def test_token_checks_fail_for_the_wrong_root_wrong_tsa_or_bytes(station: Station, tsa: LocalTSA) -> None:
    with open_ledger(station.layout) as ledger:
        [entry] = Timestamper(ledger, tsa.url, timeout=5).stamp(ledger.entry(11)).entries
    token, root_hash = unb64(entry.body["token"]), entry.body["root_hash"]
    assert verify_token(token, root_hash).ok and not verify_token(token, root_hash).trusted
    wrong_root = verify_token(token, "00" * 32)
    assert not wrong_root.ok and "imprint" in wrong_root.reason
    stranger = StandInAuthority("Someone Else")
    other_ca = verify_token(token, root_hash, [stranger.ca_cert])
    assert other_ca.ok and not other_ca.trusted and not other_ca.anchors  # valid, but whose?
    garbage = verify_token(token[:-40] + bytes(40), root_hash)
    assert garbage.tampered
    random_bytes = verify_token(os.urandom(64), root_hash)
    assert random_bytes.tampered and "not an RFC 3161" in random_bytes.reason


def test_a_token_that_does_not_verify_is_a_problem(station: Station, tsa: LocalTSA) -> None:
    with open_ledger(station.layout) as ledger:
        first = ledger.entry(8)
        Timestamper(ledger, tsa.url, timeout=5).stamp(first)
    # Replace the token by one another TSA issued for a different checkpoint, re-signing the entry
    # with the station key so that only the token is wrong.
    lines = station.lines()
    stamped = json.loads(lines[-1])
    other = StandInAuthority("Other").respond(_request_for("11" * 32))
    stamped["body"]["token"] = b64(other)
    key = station.station_key(stamped["key"])
    lines[-1] = resign(key, stamped)
    station.write_lines(lines)
    report = verify_data_dir(station.layout)
    [p] = report.problems
    assert (p.code, p.seq) == (R.TIMESTAMP_INVALID, stamped["seq"])
    assert "imprint" in p.message


def _request_for(root_hash: str) -> bytes:
    from rfc3161_client import HashAlgorithm, TimestampRequestBuilder
    return (TimestampRequestBuilder().data(bytes.fromhex(root_hash))
            .hash_algorithm(HashAlgorithm.SHA256).build().as_bytes())


def test_tsa_down_queues_then_flushes_when_up(station: Station) -> None:
    tsa = LocalTSA().start()
    tsa.stop()  # the port is known, nothing listens: connection refused
    with open_ledger(station.layout) as ledger:
        now = [1000.0]
        stamper = Timestamper(ledger, tsa.url, timeout=2, clock=lambda: now[0])
        assert not stamper.stamp(ledger.entry(8)).stamped
        pending = stamper.pending()
        assert [p["checkpoint_seq"] for p in pending] == [8]
        assert "cannot reach the TSA" in pending[0]["last_error"]
        assert pending[0]["next_try"] == 1000.0 + 30
        # A newer checkpoint for the same TSA replaces the older one: its stamp covers both.
        assert not stamper.stamp(ledger.entry(11)).stamped
        assert [p["checkpoint_seq"] for p in stamper.pending()] == [11]
        before = ledger.last_seq
        assert stamper.flush_pending(force=False).entries == []  # not due yet: nothing tried
        assert stamper.pending()[0]["attempts"] == 1
        now[0] += 31
        assert stamper.flush_pending(force=False).failed  # due, tried, still down
        assert stamper.pending()[0]["attempts"] == 2
        assert stamper.pending()[0]["next_try"] == now[0] + 60  # back-off doubles
        assert ledger.last_seq == before

        report = verify_data_dir(station.layout)
        assert report.ok and R.TIMESTAMP_PENDING in {w.code for w in report.warnings}

        tsa.start()
        try:
            done = stamper.flush_pending().entries
        finally:
            tsa.stop()
    assert [e.body["checkpoint_seq"] for e in done] == [11]
    assert [e.seq for e in done] == [before + 1]
    assert json.loads((station.layout.ledger / "timestamp-queue.json").read_text()) == {"pending": []}
    report = verify_data_dir(station.layout, tsa_roots=[tsa.authority.ca_cert])
    assert report.ok and report.checked["timestamps_trusted"] == 1
    assert R.TIMESTAMP_PENDING not in {w.code for w in report.warnings}


def test_two_tsas_each_give_a_token_and_one_down_is_queued_alone(station: Station, tsa: LocalTSA) -> None:
    other = LocalTSA(StandInAuthority("Second")).start()
    other.stop()
    with open_ledger(station.layout) as ledger:
        stamper = Timestamper(ledger, [tsa.url, other.url], timeout=2,
                              trust_roots=[tsa.authority.ca_cert, other.authority.ca_cert])
        result = stamper.stamp(ledger.entry(11))
        assert len(result.entries) == 1 and list(result.failed) == [other.url]
        assert [(p["checkpoint_seq"], p["tsa_urls"]) for p in stamper.pending()] == [(11, [other.url])]
        other.start()
        try:
            again = stamper.flush_pending()
        finally:
            other.stop()
    assert [e.body["tsa_url"] for e in again.entries] == [other.url] and again.trusted == 1
    assert stamper.pending() == []
    report = verify_data_dir(station.layout, tsa_roots=[tsa.authority.ca_cert, other.authority.ca_cert])
    assert report.ok and report.checked["timestamps_trusted"] == 2


def test_only_checkpoints_are_stamped(station: Station, tsa: LocalTSA) -> None:
    with open_ledger(station.layout) as ledger:
        stamper = Timestamper(ledger, tsa.url)
        with pytest.raises(BadInputError, match="not a checkpoint"):
            stamper.stamp(ledger.entry(5))
    with pytest.raises(BadInputError, match="http"):
        Timestamper(ledger, "ftp://tsa.example")


def test_timestamp_for_a_checkpoint_that_is_not_there(station: Station, tsa: LocalTSA) -> None:
    with open_ledger(station.layout) as ledger:
        [entry] = Timestamper(ledger, tsa.url).stamp(ledger.entry(11)).entries
    lines = station.lines()
    d = json.loads(lines[-1])
    d["body"]["checkpoint_seq"] = 8  # points at the other checkpoint, whose root differs
    lines[-1] = resign(station.station_key(d["key"]), d)
    station.write_lines(lines)
    report = verify_data_dir(station.layout)
    assert [(p.code, p.seq) for p in report.problems] == [(R.TIMESTAMP_INVALID, entry.seq)]
    assert Entry.from_line(lines[-1].rstrip(b"\n")).body["checkpoint_seq"] == 8


def test_openssl_ts_verifies_the_stored_token_as_format_md_says(station: Station, tsa: LocalTSA,
                                                                  tmp_path) -> None:
    with open_ledger(station.layout) as ledger:
        [entry] = Timestamper(ledger, tsa.url).stamp(ledger.entry(11)).entries
    (tmp_path / "token.tsr").write_bytes(unb64(entry.body["token"]))
    (tmp_path / "root.bin").write_bytes(bytes.fromhex(entry.body["root_hash"]))
    (tmp_path / "tsa-root.pem").write_bytes(tsa.authority.ca_cert.public_bytes(serialization.Encoding.PEM))
    command = ["openssl", "ts", "-verify", "-data", "root.bin", "-in", "token.tsr", "-CAfile", "tsa-root.pem"]
    good = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True)
    assert good.returncode == 0 and "Verification: OK" in good.stdout
    (tmp_path / "root.bin").write_bytes(bytes(32))  # another root: refused
    bad = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True)
    assert bad.returncode != 0
