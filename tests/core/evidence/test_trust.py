"""What a sceptical reviewer relies on: anchors from a trusted TSA, a pinned key, honest verdicts.

Every case runs through both verifiers (``packseal verify`` and the pack's own
verify_pack.py) against packs made with the local stand-in TSA, which issues
real signed tokens under its own root CA.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from pathlib import Path

import pytest

from packseal.cli import main
from packseal.compose import open_services
from packseal.core.evidence import build_pack
from packseal.core.errors import EvidenceError
from packseal.core.errors import BadInputError
from packseal.core.ledger import Timestamper
from packseal.core.ledger.canonical import b64, canonical
from tests.support import scene
from tests.support.sealed_clips import seal_generated_clip
from tests.core.evidence.conftest import ORDER
from tests.core.evidence.packtools import members, resigned, run_script, write_zip
from tests.support.tsa_standin import LocalTSA, StandInAuthority

DAY = dt.timedelta(days=1)


def _verify(capsys, *args) -> tuple[int, dict]:
    capsys.readouterr()
    code = main(["verify", *map(str, args), "--json"])
    return code, json.loads(capsys.readouterr().out)


def _script(pack: Path, tmp_path: Path, *args) -> tuple[int, dict]:
    script = tmp_path / "verify_pack.py"
    script.write_bytes(members(pack)["verify_pack.py"])
    run = run_script(script, pack, *map(str, args), "--json")
    return run.returncode, json.loads(run.stdout)


def _both(capsys, pack: Path, tmp_path: Path, *args) -> list[tuple[int, dict]]:
    return [_verify(capsys, pack, *args), _script(pack, tmp_path, *args)]


def _clip(services, order: str, start: dt.datetime | None = None):
    bench, tex = scene.bench_background(), scene.item_texture()
    return seal_generated_clip(services, order, lambda t: scene.clip_frame(t, bench, tex), seconds=3,
                               size=(scene.CLIP_W, scene.CLIP_H), fps=10, start_utc=start)


@pytest.fixture(scope="module")
def genuine(tmp_path_factory):
    """A shop's data dir stamped by a trusted TSA, and a pack of ORDER."""
    folder = tmp_path_factory.mktemp("genuine")
    tsa = LocalTSA(StandInAuthority("Public")).start()
    services = open_services(folder / "data")
    services.archive.timestamper = Timestamper(services.ledger, tsa.url, trust_roots=[tsa.authority.ca_cert])
    _clip(services, ORDER)
    pack = build_pack(services.layout, services.ledger, services.catalog, services.archive, ORDER, [],
                      folder / "pack.zip")
    root = tsa.authority.root_pem(folder / "public-tsa.pem")
    yield services, pack, root, tsa
    services.close()
    tsa.stop()


def test_a_genuine_pack_is_anchored_and_pinned(genuine, capsys, tmp_path) -> None:
    services, pack, root, _ = genuine
    fp = services.ledger.public_key.fingerprint
    for code, v in _both(capsys, pack.path, tmp_path, "--tsa-root", root, "--expect-key", fp, "--require-anchor"):
        assert code == 0 and v["verdict"] == "anchored", v
        assert v["key_pinned"] is True and v["key_fingerprint"] == services.ledger.public_key.fingerprint_hex
        assert v["order_id"] == ORDER and v["tsa"] == "Public TSA" and 0 <= v["anchor_delay_s"] < 120
        assert v["recorded_at"] and v["anchored_at"] and v["problems"] == []
    # Without the TSA's root: intact, but only unanchored, and the TSA is named.
    for code, v in _both(capsys, pack.path, tmp_path):
        assert code == 0 and v["verdict"] == "unanchored" and v["key_pinned"] is False
        assert any("Public TSA" in w["message"] for w in v["warnings"] if w["code"] == "timestamp-untrusted")
    for code, v in _both(capsys, pack.path, tmp_path, "--require-anchor"):
        assert code == 1 and v["verdict"] == "unanchored"


def test_a_pack_forged_afterwards_is_not_anchored_and_fails_the_pinned_key(genuine, capsys, tmp_path) -> None:
    """A dishonest shop makes a pack today for a packing 45 days ago: new key, clock set back, own TSA."""
    services, _, root, _ = genuine
    back = dt.datetime.now(dt.timezone.utc) - 45 * DAY
    fake_tsa = LocalTSA(StandInAuthority("Trusted Time Co", clock=lambda: back + dt.timedelta(minutes=1))).start()
    try:
        forged = open_services(tmp_path / "forged")
        forged.ledger.clock = lambda: back + dt.timedelta(seconds=30)
        forged.archive.timestamper = Timestamper(forged.ledger, fake_tsa.url,
                                                 trust_roots=[fake_tsa.authority.ca_cert])
        _clip(forged, ORDER, start=back)
        pack = build_pack(forged.layout, forged.ledger, forged.catalog, forged.archive, ORDER, [],
                          tmp_path / "forged.zip")
        forged.close()
    finally:
        fake_tsa.stop()
    genuine_fp = services.ledger.public_key.fingerprint
    for code, v in _both(capsys, pack.path, tmp_path, "--tsa-root", root):
        assert code == 0 and v["verdict"] == "unanchored", v  # intact, but its "TSA" is nobody
        assert any("Trusted Time Co" in w["message"] for w in v["warnings"])
        assert v["recorded_at"].startswith(back.strftime("%Y-%m-%d"))
    for code, v in _both(capsys, pack.path, tmp_path, "--tsa-root", root, "--expect-key", genuine_fp):
        assert code == 1 and v["verdict"] == "tampered" and v["key_pinned"] is False
        assert [p["code"] for p in v["problems"]] == ["key-not-expected"]


def test_a_back_dated_clip_stamped_weeks_later_is_a_late_anchor(genuine, capsys, tmp_path) -> None:
    _, _, root, tsa = genuine  # the real, trusted TSA: its time is today
    back = dt.datetime.now(dt.timezone.utc) - 21 * DAY
    shop = open_services(tmp_path / "late")
    shop.ledger.clock = lambda: back + dt.timedelta(seconds=30)
    _clip(shop, ORDER, start=back)
    shop.archive.timestamper = Timestamper(shop.ledger, tsa.url, trust_roots=[tsa.authority.ca_cert])
    pack = build_pack(shop.layout, shop.ledger, shop.catalog, shop.archive, ORDER, [], tmp_path / "late.zip")
    shop.close()
    for code, v in _both(capsys, pack.path, tmp_path, "--tsa-root", root):
        assert code == 0 and v["verdict"] == "unanchored"
        assert "late-anchor" in {w["code"] for w in v["warnings"]} and v["anchor_delay_s"] > 20 * 86400
    for code, v in _both(capsys, pack.path, tmp_path, "--tsa-root", root, "--require-anchor"):
        assert code == 1 and v["verdict"] == "unanchored"
    for code, v in _both(capsys, pack.path, tmp_path, "--tsa-root", root, "--max-anchor-delay", str(30 * 86400)):
        assert code == 0 and v["verdict"] == "anchored"


def test_a_tsa_down_while_recording_then_packseal_stamp(tmp_path, capsys, monkeypatch) -> None:
    tsa = LocalTSA()
    tsa.start()
    tsa.stop()  # known port, nothing listening
    root = tsa.authority.root_pem(tmp_path / "root.pem")
    monkeypatch.setenv("PACKSEAL_TSA_URLS", tsa.url)
    monkeypatch.setenv("PACKSEAL_TSA_ROOTS", root)
    data = tmp_path / "data"
    shop = open_services(data)
    sealed = _clip(shop, ORDER)
    shop.archive.anchorer.anchor_now("test")  # what the background thread does a few seconds later
    assert len(shop.archive.timestamper.pending()) == 1
    shop.close()
    code, v = _verify(capsys, data)
    assert code == 0 and v["verdict"] == "unanchored"
    tsa.start()
    try:
        capsys.readouterr()
        assert main(["--data-dir", str(data), "stamp", "--json"]) == 0
        stamped = json.loads(capsys.readouterr().out)
    finally:
        tsa.stop()
    assert stamped["stamped"] == 1 and stamped["pending"] == 0
    code, v = _verify(capsys, data, "--require-anchor")
    assert code == 0 and v["verdict"] == "anchored", v
    code, v = _verify(capsys, sealed.clip.path, "--require-anchor")
    assert code == 0 and v["verdict"] == "anchored" and v["order_id"] == ORDER


def test_random_bytes_as_a_token_are_tampering(genuine, capsys, tmp_path) -> None:
    services, pack, root, _ = genuine
    ledger = services.ledger

    def swap_token(m: dict[str, bytes]) -> None:
        lines = m["ledger/entries.jsonl"].splitlines()
        for i, line in enumerate(lines):
            entry = json.loads(line)
            if entry["kind"] == "timestamp":
                entry["body"]["token"] = b64(os.urandom(64))
                del entry["sig"]
                entry["sig"] = b64(ledger._key.sign(canonical(entry)))  # the owner can re-sign
                lines[i] = canonical(entry)
                m["ledger/timestamp.tsr"] = bytes.fromhex("00")
        m["ledger/entries.jsonl"] = b"\n".join(lines) + b"\n"

    bad = resigned(pack.path, tmp_path / "random-token.zip", swap_token, lambda raw: ledger.sign_detached(raw)[1])
    for code, v in _both(capsys, bad, tmp_path, "--tsa-root", root):
        assert code == 1 and v["verdict"] == "tampered"
        assert "timestamp-invalid" in {p["code"] for p in v["problems"]}


def test_a_catalog_row_relabelled_to_another_order_makes_no_pack(tmp_path) -> None:
    shop = open_services(tmp_path / "data")
    try:
        sealed = _clip(shop, ORDER)
        # Someone with the disk edits the catalog (an index, not signed) to relabel the clip.
        with sqlite3.connect(shop.layout.root / "catalog.sqlite") as db:
            db.execute("UPDATE clips SET order_id = ? WHERE id = ?", ["SF0000000000001", sealed.clip.catalog_id])
        for order in ("SF0000000000001", ORDER):
            with pytest.raises((EvidenceError, BadInputError)):
                build_pack(shop.layout, shop.ledger, shop.catalog, shop.archive, order, [], tmp_path / "x.zip")
        assert not (tmp_path / "x.zip").exists()
    finally:
        shop.close()


def test_a_deeply_nested_manifest_is_bad_input(genuine, capsys, tmp_path) -> None:
    _, pack, _, _ = genuine
    files = members(pack.path)
    files["MANIFEST.json"] = b"[" * 100_000 + b"]" * 100_000
    bad = write_zip(tmp_path / "nested.zip", files)
    for code, v in _both(capsys, bad, tmp_path):
        assert code == 2 and v["verdict"] == "tampered"
        assert "input-malformed" in {p["code"] for p in v["problems"]}
    broken = tmp_path / "broken.zip"
    broken.write_bytes(pack.path.read_bytes()[: 4000])
    code, v = _verify(capsys, broken)
    assert code in (1, 2) and v["verdict"] == "tampered"


def test_a_key_declared_compromised_no_longer_vouches_for_later_signatures(tmp_path, capsys) -> None:
    """The owner rotates saying the old key was stolen since T; what it signed from T on fails."""
    shop = open_services(tmp_path / "data")
    early = _clip(shop, ORDER)
    stolen_at = dt.datetime.now(dt.timezone.utc) + dt.timedelta(milliseconds=5)
    while dt.datetime.now(dt.timezone.utc) <= stolen_at:
        pass
    late = _clip(shop, "SF7777777777777")  # what a thief with the old key could have signed
    shop.ledger.rotate_key("stolen laptop", compromised_since=stolen_at)
    shop.archive.checkpoint(force=True)
    pack_early = build_pack(shop.layout, shop.ledger, shop.catalog, shop.archive, ORDER, [], tmp_path / "e.zip")
    pack_late = build_pack(shop.layout, shop.ledger, shop.catalog, shop.archive, "SF7777777777777", [],
                           tmp_path / "l.zip")
    shop.close()
    for code, v in _both(capsys, pack_early.path, tmp_path):
        assert code == 0 and v["verdict"] == "unanchored", v
    for code, v in _both(capsys, pack_late.path, tmp_path):
        assert code == 1 and "key-compromised" in {p["code"] for p in v["problems"]}, v
    code, v = _verify(capsys, late.clip.path)
    assert code == 1 and "key-compromised" in {p["code"] for p in v["problems"]}
    code, v = _verify(capsys, early.clip.path)
    assert code == 0
    code, v = _verify(capsys, tmp_path / "data")
    assert code == 1 and [p["seq"] for p in v["problems"] if p["code"] == "key-compromised"] == [late.clip.ledger_seq]


def test_key_show_prints_the_fingerprint_to_publish_and_a_qr_that_scans(tmp_path, capsys) -> None:
    import numpy as np
    import zxingcpp

    from packseal.core.ledger.publish import qr_matrix

    capsys.readouterr()
    assert main(["--data-dir", str(tmp_path / "data"), "key", "show", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert len(shown["fingerprint_sha256"]) == 64 and len(shown["fingerprint"].split()) == 8
    assert shown["fingerprint_sha256"].startswith(shown["fingerprint"].replace(" ", ""))
    assert "Publish" in shown["publish"]
    picture = np.where(qr_matrix(shown["qr_text"]), 0, 255).astype(np.uint8)
    picture = np.repeat(np.repeat(picture, 6, axis=0), 6, axis=1)
    [found] = zxingcpp.read_barcodes(picture)
    assert found.text == "packseal-key:" + shown["fingerprint_sha256"]
    assert main(["--data-dir", str(tmp_path / "data"), "key", "show"]) == 0
    text = capsys.readouterr().out
    assert shown["fingerprint"] in text and "▄" in text


def test_the_readme_publishes_the_standalone_verifiers_sha256() -> None:
    import hashlib
    import re

    root = Path(__file__).resolve().parents[3]
    script = root / "app/packseal/core/evidence/standalone_verifier.py"
    published = re.search(r"standalone verifier SHA-256: ([0-9a-f]{64})", (root / "README.md").read_text())
    assert published, "README.md must publish the standalone verifier's SHA-256"
    assert published[1] == hashlib.sha256(script.read_bytes()).hexdigest(), \
        "update the SHA-256 in README.md after changing standalone_verifier.py"


def test_packseal_record_returns_once_its_clip_is_stamped_or_queued(tmp_path) -> None:
    import subprocess
    import sys

    tsa = LocalTSA().start()
    root = tsa.authority.root_pem(tmp_path / "root.pem")
    data = tmp_path / "data"

    def record(order: str) -> dict:
        env = dict(os.environ, PACKSEAL_TSA_URLS=tsa.url, PACKSEAL_TSA_ROOTS=root)
        proc = subprocess.run([sys.executable, "-m", "packseal", "--data-dir", str(data), "record", "--order",
                               order, "--source", "test:320x240@10", "--seconds", "1", "--json"],
                              capture_output=True, text=True, timeout=300, env=env)
        assert proc.returncode == 0, proc.stderr
        return json.loads(proc.stdout)

    try:
        up = record("SF5555555555555")
    finally:
        tsa.stop()
    assert up["anchor"]["state"] == "stamped" and up["anchor"]["trusted"] == 1
    down = record("SF6666666666666")  # the TSA is down: the stamp is queued, the command still returns
    assert down["anchor"]["state"] == "queued" and down["anchor"]["queued"] == [tsa.url]
    env = dict(os.environ, PACKSEAL_TSA_ROOTS=root)
    first = subprocess.run([sys.executable, "-m", "packseal", "verify", up["clip"], "--require-anchor", "--json"],
                           capture_output=True, text=True, timeout=120, env=env)
    assert first.returncode == 0 and json.loads(first.stdout)["source_kind"] == "test"
    assert "synthetic-source" in {w["code"] for w in json.loads(first.stdout)["warnings"]}
    second = subprocess.run([sys.executable, "-m", "packseal", "verify", down["clip"], "--json"],
                            capture_output=True, text=True, timeout=120, env=env)
    assert second.returncode == 0 and json.loads(second.stdout)["verdict"] == "unanchored"
