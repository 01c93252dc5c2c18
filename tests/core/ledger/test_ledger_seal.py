"""Seal files: checkable by hand with sha256sum and the real openssl binary, and by verify_clip/seal."""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from packseal.core.errors import BadInputError, StorageError
from packseal.core.ledger import (StationKey, read_seal, seal_path_for, verify_clip, verify_data_dir,
                                  verify_seal, write_seal)
from packseal.core.ledger import report as R
from packseal.core.ledger.canonical import b64, canonical
from packseal.core.ledger.entry import Entry

from .conftest import Station, open_ledger, resign

OPENSSL = shutil.which("openssl") or "/usr/bin/openssl"
needs_openssl = pytest.mark.skipif(not Path(OPENSSL).exists(), reason="no openssl binary")


def hand_over(station: Station, order: str, tmp_path: Path) -> Path:
    """What a reviewer gets: the clip and its seal, alone in a folder."""
    clip, _entry = station.clips[order]
    folder = tmp_path / "reviewer"
    folder.mkdir()
    shutil.copy(clip, folder)
    shutil.copy(seal_path_for(clip), folder)
    return folder / clip.name


def run(command: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", command], cwd=cwd, capture_output=True, text=True,
                          env={"PATH": f"{Path(OPENSSL).parent}:/usr/bin:/bin"})


@needs_openssl
def test_the_seals_own_commands_check_it_with_openssl_and_sha256sum(station: Station, tmp_path: Path) -> None:
    clip = hand_over(station, "SF1002", tmp_path)
    seal = read_seal(seal_path_for(clip))
    outputs = []
    for command in seal["check"]:
        proc = run(command, clip.parent)
        assert proc.returncode == 0, (command, proc.stderr)
        outputs.append(proc.stdout.strip())
    assert outputs[3] == "Signature Verified Successfully"
    file_hash = outputs[4].split()[0]
    assert outputs[5] == f'"sha256":"{file_hash}"'  # the signed payload names the clip's hash
    assert outputs[7] == f'"key":"{outputs[6]}"'     # ...and the key that signed it
    assert outputs[6] == seal["key_id"]


@needs_openssl
def test_openssl_rejects_a_tampered_payload_and_sha256sum_shows_a_changed_clip(station: Station,
                                                                                tmp_path: Path) -> None:
    clip = hand_over(station, "SF1001", tmp_path)
    seal = read_seal(seal_path_for(clip))
    folder = clip.parent
    (folder / "pub.pem").write_text(seal["public_key_pem"])
    (folder / "sig.bin").write_bytes(base64.b64decode(seal["signature_b64"]))
    payload = base64.b64decode(seal["payload_b64"])
    verify = f"{OPENSSL} pkeyutl -verify -pubin -inkey pub.pem -rawin -in payload.bin -sigfile sig.bin"

    (folder / "payload.bin").write_bytes(payload)
    good = run(verify, folder)
    assert good.returncode == 0 and "Verified Successfully" in good.stdout

    # Someone "fixes" the order id in the signed bytes: the signature no longer holds.
    (folder / "payload.bin").write_bytes(payload.replace(b"SF1001", b"SF1009"))
    bad = run(verify, folder)
    assert bad.returncode != 0 and "Verification Failure" in bad.stdout

    # Someone edits the clip: its SHA-256 no longer matches the signed one.
    data = bytearray(clip.read_bytes())
    data[10] ^= 0xFF
    clip.write_bytes(bytes(data))
    digest = run(f"sha256sum {clip.name}", folder).stdout.split()[0]
    assert f'"sha256":"{digest}"'.encode() not in payload


def test_verify_seal_inside_the_data_dir_checks_the_ledger_and_inclusion(station: Station) -> None:
    clip, entry = station.clips["SF1001"]
    report = verify_seal(seal_path_for(clip))
    assert report.ok, report.format_text()
    [note] = [n for n in report.info if n.code == R.INCLUDED]
    assert note.seq == entry.seq and "checkpoint 11" in note.message  # the latest covering it
    assert verify_clip(clip).ok


def test_verify_clip_handed_over_alone(station: Station, tmp_path: Path) -> None:
    clip = hand_over(station, "SF1003", tmp_path)
    report = verify_clip(clip)
    assert report.ok, report.format_text()
    assert "ledger_entries_read" not in report.checked  # no data dir around it


def test_verify_clip_flipped_byte(station: Station, tmp_path: Path) -> None:
    clip = hand_over(station, "SF1003", tmp_path)
    data = bytearray(clip.read_bytes())
    data[-1] ^= 0x01
    clip.write_bytes(bytes(data))
    report = verify_clip(clip)
    [p] = report.problems
    assert (p.code, p.seq, p.file) == (R.FILE_HASH_MISMATCH, station.clips["SF1003"][1].seq,
                                       "clips/2025-06-01/SF1003.mp4")
    assert report.exit_code == 1


def test_verify_seal_with_edited_payload(station: Station, tmp_path: Path) -> None:
    clip = hand_over(station, "SF1003", tmp_path)
    seal_file = seal_path_for(clip)
    seal = json.loads(seal_file.read_text())
    seal["entry"]["body"]["order_id"] = "SF7777"
    seal["payload_b64"] = b64(canonical({k: v for k, v in seal["entry"].items() if k != "sig"}))
    seal["payload_text"] = base64.b64decode(seal["payload_b64"]).decode()
    seal_file.write_text(json.dumps(seal, indent=2))
    report = verify_seal(seal_file)
    assert [(p.code, p.seq) for p in report.problems] == [(R.BAD_SIGNATURE, seal["entry"]["seq"])]


def test_a_re_signed_seal_is_caught_against_the_ledger(station: Station) -> None:
    """A forger re-signs the seal with their own key: self-consistent, but not the station's."""
    clip, entry = station.clips["SF1002"]
    attacker = StationKey.generate()
    forged = Entry.from_dict(json.loads(resign(attacker, entry.to_dict())))
    write_seal(clip, forged, attacker.public)
    report = verify_clip(clip)
    assert {(p.code, p.seq) for p in report.problems} == {(R.SEAL_ENTRY_MISMATCH, entry.seq)}
    report = verify_data_dir(station.layout)
    assert {(p.code, p.seq) for p in report.problems} == {(R.SEAL_ENTRY_MISMATCH, entry.seq),
                                                          (R.SEAL_KEY_MISMATCH, entry.seq)}


def test_missing_seal_and_missing_everything(station: Station, tmp_path: Path) -> None:
    clip, _entry = station.clips["SF1001"]
    seal_path_for(clip).unlink()
    report = verify_clip(clip)
    assert [p.code for p in report.problems] == [R.SEAL_MISSING]
    with pytest.raises(StorageError):
        verify_clip(tmp_path / "nothing.mp4")


def test_write_seal_refuses_mismatches(station: Station) -> None:
    clip, entry = station.clips["SF1001"]
    with pytest.raises(BadInputError, match="signed by key"):
        write_seal(clip, entry, StationKey.generate().public)
    with open_ledger(station.layout) as ledger:
        key = ledger.public_key_of(entry.key)
    clip.write_bytes(clip.read_bytes() + b"more")
    with pytest.raises(BadInputError, match="bytes"):
        write_seal(clip, entry, key)


@needs_openssl
def test_the_hand_check_in_format_md_works(station: Station, tmp_path: Path) -> None:
    doc = (Path(__file__).resolve().parents[3] / "docs" / "FORMAT.md").read_text(encoding="utf-8")
    start = doc.index("S='X.mp4.seal.json'")
    script = doc[start:doc.index("```", start)]
    clip = hand_over(station, "SF1002", tmp_path)
    proc = run(script.replace("X.mp4", clip.name), clip.parent)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.splitlines()
    assert out[0] == "Signature Verified Successfully"
    assert out[2] == f'"sha256":"{out[1].split()[0]}"'
    assert out[4] == f'"key":"{out[3]}"'
