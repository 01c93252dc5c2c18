"""Evidence packs built on a real hub from a real station's synced clip, checked by both verifiers and OpenSSL."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile

from pypdf import PdfReader

from tests.hub.sync.conftest import ORDERS, packseal


def _download(client, url: str, target):
    answer = client.get(url)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/zip"
    assert "attachment" in answer.headers["content-disposition"]
    target.write_bytes(answer.content)
    return target


def test_a_pack_from_the_hub_passes_packseal_verify_the_standalone_verifier_and_openssl(shared, login, tmp_path):
    synced = shared
    name, client = login("agent", synced)
    clip_id = synced.clip_ids()[ORDERS[0]]
    pack = _download(client, f"/api/clips/{clip_id}/pack", tmp_path / "hub-pack.zip")
    health = client.get("/api/health").json()
    hub_fp = health["hub"]["key_fingerprint"]
    names = set(zipfile.ZipFile(pack).namelist())
    assert {"MANIFEST.json", "MANIFEST.sig", "station-key.pem", "hub-key.pem", "report.pdf", "VERIFY.txt",
            "verify_pack.py", "ledger/entries.jsonl", "ledger/proofs.json", "ledger/cosignatures.json",
            "frames/frames.json"} <= names
    manifest = json.loads(zipfile.ZipFile(pack).read("MANIFEST.json"))
    assert manifest["assembled_by"]["key"] == "hub-key.pem" and manifest["order_id"] == ORDERS[0]
    # PackSeal's verifier: the station's verdict on its own clip, plus who assembled the pack.
    verdict = json.loads(packseal(synced.station, "verify", str(pack), "--json").stdout)
    assert verdict["ok"] and verdict["problems"] == [], verdict
    assert verdict["verdict"] == "unanchored" and verdict["witnessed_by"] == hub_fp
    assert verdict["assembled_by"] == hub_fp
    station_fp = client.get(f"/api/clips/{clip_id}").json()["verdict"]["key_fingerprint"]
    assert verdict["key_fingerprint"] == station_fp
    pinned = json.loads(packseal(synced.station, "verify", str(pack), "--expect-key", station_fp, "--json").stdout)
    assert pinned["key_pinned"] and pinned["ok"]
    # The standalone verifier shipped inside the pack, on the zip and on the unzipped folder.
    folder = tmp_path / "unzipped"
    zipfile.ZipFile(pack).extractall(folder)
    for target in (str(pack), str(folder)):
        alone = subprocess.run([sys.executable, str(folder / "verify_pack.py"), target, "--json"],
                               capture_output=True, text=True, timeout=300)
        standalone = json.loads(alone.stdout)
        assert alone.returncode == 0 and standalone["problems"] == [], alone.stdout + alone.stderr
        assert standalone["witnessed_by"] == hub_fp and standalone["assembled_by"] == hub_fp
        assert standalone["key_fingerprint"] == station_fp
    # OpenSSL by hand, as VERIFY.txt says: the hub's signature over the manifest, every hash.
    sig = subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "hub-key.pem", "-rawin",
                          "-in", "MANIFEST.json", "-sigfile", "MANIFEST.sig"], cwd=folder, capture_output=True,
                         text=True)
    assert sig.returncode == 0 and "Signature Verified Successfully" in sig.stdout
    sums = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=folder, capture_output=True, text=True)
    assert sums.returncode == 0 and "FAILED" not in sums.stdout
    verify_text = (folder / "VERIFY.txt").read_text()
    assert "-inkey hub-key.pem" in verify_text and "assembled by the shop's hub" in verify_text
    # The station key did not sign this manifest, and the pack does not pretend it did: not in
    # VERIFY.txt's list of what is inside, not in the report's opening words.
    assert "size, signed with the hub key (hub-key.pem)" in verify_text
    assert "signed with the station key" not in verify_text
    report = " ".join(" ".join(p.extract_text() for p in PdfReader(folder / "report.pdf").pages).split())
    assert "MANIFEST.json, signed with the key of the shop's hub" in report
    station_sig = subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "station-key.pem", "-rawin",
                                  "-in", "MANIFEST.json", "-sigfile", "MANIFEST.sig"], cwd=folder,
                                 capture_output=True, text=True)
    assert station_sig.returncode != 0
    rows = synced.hub.query("SELECT action, clip_id, detail FROM audit_log WHERE account_name = %s "
                            "AND action <> 'login'", name)
    assert len(rows) == 1 and rows[0]["clip_id"] == clip_id and rows[0]["detail"]["bytes"] == pack.stat().st_size


def test_a_hub_pack_with_its_manifest_or_a_frame_changed_fails_both_verifiers(shared, login, tmp_path):
    synced = shared
    _name, client = login("owner", synced)
    clip_id = synced.clip_ids()[ORDERS[1]]
    pack = _download(client, f"/api/clips/{clip_id}/pack?language=zh_CN", tmp_path / "hub-pack.zip")
    folder = tmp_path / "unzipped"
    zipfile.ZipFile(pack).extractall(folder)
    assert "中心服务器" in (folder / "VERIFY.txt").read_text()
    assert "由中心服务器密钥（hub-key.pem）签名" in (folder / "VERIFY.txt").read_text()
    assert "其他所有文件的 SHA-256 和大小，由打包台密钥签名" not in (folder / "VERIFY.txt").read_text()
    frame = folder / "frames" / "frame-01.png"
    frame.write_bytes(frame.read_bytes()[:-1] + b"\x00")
    verdict = json.loads(packseal(synced.station, "verify", str(folder), "--json").stdout)
    assert verdict["verdict"] == "tampered" and {p["code"] for p in verdict["problems"]} == {"file-modified"}
    # Another key claiming to be the hub: the signature no longer verifies with the key the manifest names.
    from packseal.core.ledger.keys import StationKey

    (folder / "hub-key.pem").write_text(StationKey.generate().public.pem())
    alone = subprocess.run([sys.executable, str(folder / "verify_pack.py"), str(folder), "--json"],
                           capture_output=True, text=True, timeout=300)
    codes = {p["code"] for p in json.loads(alone.stdout)["problems"]}
    assert alone.returncode == 1 and {"manifest-bad-signature", "key-mismatch"} <= codes


def test_packs_need_an_owner_or_agent_and_a_clip_the_hub_holds(shared, login):
    synced = shared
    _name, auditor = login("auditor", synced)
    clip_id = synced.clip_ids()[ORDERS[2]]
    assert auditor.get(f"/api/clips/{clip_id}/pack").status_code == 403
    _name, agent = login("agent", synced)
    assert agent.get("/api/clips/999999/pack").status_code == 404
    assert agent.get(f"/api/clips/{clip_id}/pack?dispute=999999").status_code == 404
    assert agent.get(f"/api/clips/{clip_id}/pack?language=fr").status_code == 400
