"""A pack holding both clips of an order (its shipment and its return), checked by both verifiers and OpenSSL."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from packseal.cli import main
from packseal.compose import open_services
from packseal.core.errors import BadInputError
from packseal.core.evidence import build_pack, verify_pack
from packseal.core.evidence import pack_format as F
from tests.core.evidence.packtools import members, resigned, rewrite, run_script
from tests.support.packed_day import RETURN, SHIPMENT, WRONG, seal_packed_days


@pytest.fixture(scope="module")
def packed(tmp_path_factory):
    services = open_services(tmp_path_factory.mktemp("linked") / "data")
    days = seal_packed_days(services)
    yield services, days
    services.close()


@pytest.fixture(scope="module")
def pack(packed, tmp_path_factory):
    s, _ = packed
    out = tmp_path_factory.mktemp("out") / "both.zip"
    return build_pack(s.layout, s.ledger, s.catalog, s.archive, SHIPMENT, [], out, with_linked=True)


@pytest.fixture(scope="module")
def script(pack, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("script") / "verify_pack.py"
    path.write_bytes(members(pack.path)[F.VERIFIER])
    return path


def _linked_member(files: dict[str, bytes]) -> str:
    return next(n for n in files if n.startswith(F.LINKED_DIR + "/") and n.endswith(".mp4"))


def test_the_pack_holds_both_clips_their_seals_entries_and_proofs(pack, packed):
    s, days = packed
    files = members(pack.path)
    manifest = json.loads(files[F.MANIFEST])
    ret = days.clips[RETURN]
    [linked] = manifest["linked_clips"]
    assert (linked["role"], linked["order_id"], linked["ledger_seq"], linked["sha256"]) == \
        ("return", RETURN, ret.ledger_seq, ret.sha256)
    assert files[linked["file"]] == (s.layout.root / ret.file).read_bytes()
    assert linked["seal"] in files and linked["file"] == _linked_member(files)
    seqs = [json.loads(line)["seq"] for line in files[F.ENTRIES].splitlines()]
    assert {days.clips[SHIPMENT].ledger_seq, ret.ledger_seq} <= set(seqs)
    proofs = json.loads(files[F.PROOFS])
    assert ret.ledger_seq in {p["seq"] for p in proofs["proofs"]} and proofs["tree_size"] > ret.ledger_seq
    assert pack.linked["order_id"] == RETURN
    export = s.ledger.entry(pack.export_seq).body
    assert export["linked_clip_seq"] == ret.ledger_seq
    assert s.catalog.get_clip(ret.id).disputed and s.catalog.get_clip(days.clips[SHIPMENT].id).disputed


def test_both_verifiers_accept_the_two_clip_pack(pack, script, tmp_path):
    report = verify_pack(pack.path)
    assert report.exit_code == 0, report.format_text()
    assert report.checked["seals"] == 2
    run = run_script(script, pack.path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert f"the linked return clip {F.LINKED_DIR}/" in run.stdout and RETURN in run.stdout


def test_openssl_checks_the_manifest_and_both_seals_by_hand(pack, tmp_path):
    assert shutil.which("openssl") and shutil.which("bash")
    folder = tmp_path / "unzipped"
    with zipfile.ZipFile(pack.path) as zf:
        zf.extractall(folder)
    text = (folder / F.INSTRUCTIONS).read_text(encoding="utf-8")
    commands = [line.split(". ", 1)[1] for line in text.splitlines()
                if line.startswith("   ") and line.strip()[:2] in ("1.", "2.", "3.", "4.", "5.")]

    def sh(command: str, cwd: Path = folder) -> subprocess.CompletedProcess:
        return subprocess.run(["bash", "-c", command], cwd=cwd, capture_output=True, text=True)

    assert sh(commands[0]).stdout.strip() == "Signature Verified Successfully"
    sums = sh(commands[2])
    linked = _linked_member(members(pack.path))
    assert sums.returncode == 0 and f"{linked}: OK" in sums.stdout
    # Part C for the linked clip: the seal's own openssl check, as VERIFY.txt writes it.
    lines = text.split("linked/ with its seal; check it the same way:", 1)[1].lstrip("\n").splitlines()
    block = []
    for line in lines:
        if not line.startswith("   ") or not line.strip():
            break
        block.append(line.strip())
    out = sh(" && ".join(block))
    assert out.returncode == 0, out.stderr
    assert "Signature Verified Successfully" in out.stdout
    # Tampering with the return clip shows in the by-hand steps.
    path = folder / linked
    data = bytearray(path.read_bytes())
    data[-100] ^= 0xFF
    path.write_bytes(bytes(data))
    assert f"{linked}: FAILED" in sh(commands[2]).stdout


def _flip(data: bytes) -> bytes:
    return data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:]


def test_a_tampered_return_clip_is_flagged_by_both_verifiers(pack, packed, script, tmp_path):
    s, _ = packed
    files = members(pack.path)
    linked = _linked_member(files)
    plain = rewrite(pack.path, tmp_path / "plain.zip", replace={linked: _flip(files[linked])})
    # A forger holding the station key re-signs the manifest: the return's seal and entry still catch it.
    forged = resigned(pack.path, tmp_path / "forged.zip", lambda m: m.__setitem__(linked, _flip(m[linked])),
                      lambda raw: s.ledger.sign_detached(raw)[1])
    for bad, code in ((plain, F.FILE_MODIFIED), (forged, F.CLIP_MISMATCH)):
        report = verify_pack(bad)
        assert report.exit_code == 1 and any(p.code == code and p.file == linked for p in report.problems), \
            report.format_text()
        run = run_script(script, bad)
        assert run.returncode == 1 and f"FAIL  {code}:" in run.stdout and linked in run.stdout, run.stdout


def test_a_manifest_lying_about_the_linked_clip_is_caught(pack, packed, script, tmp_path):
    s, _ = packed

    def lie(m: dict[str, bytes]) -> None:
        manifest = json.loads(m[F.MANIFEST])
        manifest["linked_clips"][0]["role"] = "shipment"
        manifest["linked_clips"][0]["order_id"] = WRONG
        m[F.MANIFEST] = json.dumps(manifest).encode()

    bad = resigned(pack.path, tmp_path / "lie.zip", lie, lambda raw: s.ledger.sign_detached(raw)[1])
    report = verify_pack(bad)
    said = [p.message for p in report.problems if p.code == F.MANIFEST_CONTRADICTS]
    assert any("role" in m for m in said) and any(WRONG in m for m in said), report.format_text()
    run = run_script(script, bad)
    assert run.returncode == 1 and "FAIL  manifest-contradicts-entry:" in run.stdout, run.stdout


def test_the_report_says_what_the_packing_record_says_in_words_and_numbers(pack):
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(members(pack.path)[F.REPORT])).pages)
    flat = " ".join(text.split())
    for expected in ("Packing check", "All 3 pieces of the order were scanned and ticked off one by one.",
                     "P-07", "1,240 g on the scale when recording stopped (expected 1,200 g ± 100 g)",
                     "The return of this order", RETURN, "coming back from order " + SHIPMENT,
                     "Appendix: the packing record in numbers", "expected 2, scanned 2", "6907654321096"):
        assert expected in flat, expected


def test_the_return_packs_with_its_shipment_and_the_report_in_chinese(packed, tmp_path):
    s, days = packed
    result = build_pack(s.layout, s.ledger, s.catalog, s.archive, RETURN, [], tmp_path / "ret.zip",
                        language="zh_CN", linked_clip_id=days.clips[SHIPMENT].id)
    assert result.linked["role"] == "shipment" and result.linked["order_id"] == SHIPMENT
    assert verify_pack(result.path).exit_code == 0
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(members(result.path)[F.REPORT])).pages)
    flat = "".join(text.split())
    for expected in ("退货开箱", "本退货对应的发货", "订单的全部3件商品均已逐件扫码核对。", "附录：打包记录明细"):
        assert expected in flat, expected


def test_wrong_scans_and_overridden_warnings_are_in_the_report(packed, tmp_path):
    s, _ = packed
    result = build_pack(s.layout, s.ledger, s.catalog, s.archive, WRONG, [], tmp_path / "wrong.zip")
    text = " ".join("\n".join(p.extract_text() for p in
                              PdfReader(io.BytesIO(members(result.path)[F.REPORT])).pages).split())
    for expected in ("Recording was stopped with 1 of 2 pieces not scanned", "1 scan(s) of a product not in the order",
                     "items were missing when recording stopped", "the packer confirmed and went on",
                     "6909999999993", "wrong item, not counted"):
        assert expected in text, expected
    assert "linked_clips" not in json.loads(members(result.path)[F.MANIFEST])


def test_asking_for_a_linked_clip_that_is_not_there_is_refused(packed, tmp_path):
    s, days = packed
    with pytest.raises(BadInputError, match="no return or shipment clip"):
        build_pack(s.layout, s.ledger, s.catalog, s.archive, WRONG, [], tmp_path / "x.zip", with_linked=True)
    with pytest.raises(BadInputError, match="is not the return or the shipment"):
        build_pack(s.layout, s.ledger, s.catalog, s.archive, SHIPMENT, [], tmp_path / "y.zip",
                   linked_clip_id=days.clips[WRONG].id)
    assert not list(tmp_path.iterdir())


def test_cli_pack_with_linked(packed, tmp_path, capsys):
    s, _ = packed
    out = tmp_path / "cli.zip"
    code = main(["--data-dir", str(s.layout.root), "pack", "--order", SHIPMENT, "--with-linked",
                 "--out", str(out), "--json"])
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    assert result["linked_clip"]["order_id"] == RETURN and verify_pack(out).ok
