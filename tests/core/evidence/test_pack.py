"""Evidence packs: what goes in, and both verifiers (PackSeal's and the pack's own script) on them."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import cv2
import numpy as np
import pytest
from pypdf import PdfReader

from packseal.cli import main
from packseal.core.errors import BadInputError
from packseal.core.evidence import build_pack, verify_pack
from packseal.core.evidence import pack_format as F
from packseal.core.ledger import group_fingerprint, verify_data_dir
from tests.core.evidence.conftest import ORDER, make_dispute
from tests.core.evidence.packtools import members, resigned, rewrite, run_script, stranger_key

ANNOTATIONS = [{"photo": 1, "shape": "box", "x": 860, "y": 520, "w": 300, "h": 220, "text": "裂纹 crack"},
         {"photo": 1, "shape": "arrow", "x": 500, "y": 300, "x2": 850, "y2": 520}]


@pytest.fixture(scope="module")
def pack_run(dispute, tmp_path_factory):
    """The pack built once for this module, and the progress reports made while building it."""
    progress: list[tuple[float, str]] = []
    out = tmp_path_factory.mktemp("out") / "evidence.zip"
    s = dispute.services
    result = build_pack(s.layout, s.ledger, s.catalog, s.archive, ORDER, [dispute.photo], out,
                        annotations=ANNOTATIONS, progress=lambda f, m: progress.append((f, m)))
    return result, progress


@pytest.fixture(scope="module")
def pack(pack_run):
    return pack_run[0]


@pytest.fixture(scope="module")
def script(pack, tmp_path_factory) -> Path:
    """The pack's own verify_pack.py, taken out of the genuine pack."""
    path = tmp_path_factory.mktemp("script") / "verify_pack.py"
    path.write_bytes(members(pack.path)["verify_pack.py"])
    return path


def test_pack_holds_the_sealed_clip_seal_photo_and_every_listed_file(pack, dispute):
    files = members(pack.path)
    clip = dispute.sealed.clip
    assert files[f"clip/{clip.path.name}"] == clip.path.read_bytes()
    assert files[f"clip/{clip.path.name}.seal.json"] == dispute.sealed.seal.read_bytes()
    assert files["photos/photo-1.jpg"] == dispute.photo.read_bytes()
    photos = json.loads(files["photos/photos.json"])["photos"]
    assert photos[0]["original_name"] == "refund photo.jpg"
    assert photos[0]["sha256"] == hashlib.sha256(dispute.photo.read_bytes()).hexdigest()
    manifest = json.loads(files[F.MANIFEST])
    listed = {f["path"]: f for f in manifest["files"]}
    assert set(listed) == set(files) - {F.MANIFEST, F.SIGNATURE}
    for path, item in listed.items():
        assert item["sha256"] == hashlib.sha256(files[path]).hexdigest(), path
    for name in ("side_by_side", "overlay", "heatmap", "ela", "annotated"):
        assert f"comparison/photo-1/{name}.png" in files
    comparison = json.loads(files["comparison/photo-1/comparison.json"])
    assert not comparison["no_match"] and comparison["findings"]
    assert comparison["clip"]["path"] == f"clip/{clip.path.name}"  # no path of the station's disk
    assert str(dispute.services.layout.root) not in files["comparison/photo-1/comparison.json"].decode()
    assert comparison["annotations"][0]["text"] == "裂纹 crack"


def test_frames_are_lossless_with_capture_times(pack, dispute):
    files = members(pack.path)
    index = json.loads(files[F.FRAMES_INDEX])["frames"]
    best = [m["t_s"] for m in json.loads(files["comparison/photo-1/comparison.json"])["matches"][:2]]
    chosen = {round(f["clip_time_ms"] / 1000, 1) for f in index if f["why"].startswith("best match")}
    assert chosen == {round(t, 1) for t in best}
    assert len(index) == 4  # filled up with frames spread through the clip
    clip = dispute.sealed.clip
    cap = cv2.VideoCapture(str(clip.path))
    for item in index:
        png = np.frombuffer(files[item["file"]], np.uint8)
        frame = cv2.imdecode(png, cv2.IMREAD_COLOR)
        # The PNG is exactly the decoded frame at that time (decode it independently with OpenCV).
        cap.set(cv2.CAP_PROP_POS_FRAMES, round(item["clip_time_ms"] / 1000 * 10))
        ok, expected = cap.read()
        assert ok and float(np.abs(frame.astype(int) - expected.astype(int)).mean()) < 0.5, item
        offset = item["clip_time_ms"] / 1000
        from packseal.core.ledger.canonical import parse_utc_stamp
        assert abs((parse_utc_stamp(item["captured_utc"]) - clip.start_utc).total_seconds() - offset) < 0.002
    cap.release()


def test_frames_given_with_the_pack_say_which_a_comparison_found_and_which_the_owner_chose(pack, dispute,
                                                                                             tmp_path):
    """The dispute view gives its matched frames and the frames the owner drew on; each says which."""
    best = json.loads(members(pack.path)["comparison/photo-1/comparison.json"])["matches"][0]["t_s"]
    owner = 0.5 if abs(best - 0.5) > 1.0 else best + 2.0
    s = dispute.services
    result = build_pack(s.layout, s.ledger, s.catalog, s.archive, ORDER, [dispute.photo], tmp_path / "given.zip",
                        frames=[best, owner])
    index = json.loads(members(result.path)[F.FRAMES_INDEX])["frames"]
    assert [f["why"] for f in index] == ["best match for refund photo 1", "chosen by the owner"]


def test_pack_is_sealed_in_the_ledger_and_the_clip_marked_disputed(pack_run, dispute):
    pack, progress = pack_run
    s = dispute.services
    entry = s.ledger.entry(pack.export_seq)
    assert entry.kind == "export" and entry.body["purpose"] == "evidence-pack"
    assert entry.body["sha256"] == pack.sha256 == hashlib.sha256(pack.path.read_bytes()).hexdigest()
    assert pack.sealed_copy.read_bytes() == pack.path.read_bytes()
    assert s.layout.absolute(entry.body["file"]) == pack.sealed_copy
    record = s.catalog.clips_for_order(ORDER)[0]
    assert record.disputed
    # The data dir still verifies: the export entry's file is the copy kept in exports/.
    assert verify_data_dir(s.layout).ok
    fractions = [f for f, _ in progress]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0


def test_pack_carries_the_timestamp_token_and_a_fresh_checkpoint(pack, dispute):
    files = members(pack.path)
    entries = [json.loads(line) for line in files[F.ENTRIES].splitlines()]
    kinds = {e["seq"]: e["kind"] for e in entries}
    assert kinds[0] == "genesis" and kinds[pack.clip_seq] == "clip"
    assert kinds[pack.checkpoint_seq] == "checkpoint" and kinds[pack.timestamp_seq] == "timestamp"
    checkpoint = next(e for e in entries if e["seq"] == pack.checkpoint_seq)
    assert checkpoint["body"]["tree_size"] > pack.clip_seq
    assert files[F.ROOT_BIN] == bytes.fromhex(checkpoint["body"]["root_hash"])
    report = verify_pack(pack.path, tsa_roots=[dispute.tsa.authority.ca_cert])
    assert report.ok, report.format_text()
    assert report.checked["inclusion_proofs"] == 2  # genesis and the clip, under the checkpoint
    assert any(n.code == "timestamp" for n in report.info)
    assert report.subject.anchor.tsa == "PackSeal Test TSA" and report.subject.order_id == ORDER
    # Without the local TSA's root it is a valid token of an untrusted authority: no anchor.
    untrusted = verify_pack(pack.path)
    assert untrusted.ok and untrusted.subject.anchor is None
    assert untrusted.subject.untrusted_tsas == ["PackSeal Test TSA"]


def test_openssl_and_sha256sum_steps_of_verify_txt(pack, dispute, tmp_path):
    # ./dev.sh installs openssl (OpenSSL 3, which has -rawin); bash is the shell it runs in
    assert shutil.which("openssl") and shutil.which("bash"), "openssl and bash are needed (./dev.sh installs them)"
    folder = tmp_path / "unzipped"
    with zipfile.ZipFile(pack.path) as zf:
        zf.extractall(folder)
    text = (folder / F.INSTRUCTIONS).read_text(encoding="utf-8")
    commands = [line.split(". ", 1)[1] for line in text.splitlines()
                if line.startswith("   ") and line.strip()[:2] in ("1.", "2.", "3.", "4.", "5.")]
    assert len(commands) == 5

    def sh(command: str) -> subprocess.CompletedProcess:
        return subprocess.run(["bash", "-c", command], cwd=folder, capture_output=True, text=True)

    first = sh(commands[0])
    assert first.stdout.strip() == "Signature Verified Successfully"
    assert sh(commands[1]).stdout.strip() == pack.key_id
    checked = sh(commands[2])
    assert checked.returncode == 0 and checked.stdout.count(": OK") == len(json.loads(
        (folder / F.MANIFEST).read_bytes())["files"]) - 1
    assert sh(commands[3]).stdout.strip() == "1"
    assert sh(commands[4]).stdout == "" and sh(commands[4]).returncode == 0
    # The token of step D verifies with the TSA's root certificate.
    ca = tmp_path / "tsa-root.pem"
    from cryptography.hazmat.primitives import serialization
    ca.write_bytes(dispute.tsa.authority.ca_cert.public_bytes(serialization.Encoding.PEM))
    ts = sh(f"openssl ts -verify -data {F.ROOT_BIN} -in {F.TOKEN} -CAfile {ca}")
    assert "Verification: OK" in ts.stdout, ts.stderr
    # Tampering shows in the by-hand steps too.
    (folder / "frames" / "frame-01.png").write_bytes(b"not the frame")
    (folder / "extra.txt").write_text("added")
    assert "FAILED" in sh(commands[2]).stdout
    assert "extra.txt" in sh(commands[4]).stdout


def test_both_verifiers_accept_the_untouched_pack_zipped_and_unzipped(pack, script, tmp_path):
    assert verify_pack(pack.path).exit_code == 0
    run = run_script(script, pack.path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "RESULT: INTACT" in run.stdout and group_fingerprint(pack.key_id) in run.stdout
    folder = tmp_path / "unzipped"
    with zipfile.ZipFile(pack.path) as zf:
        zf.extractall(folder)
    assert verify_pack(folder).ok
    inside = run_script(folder / "verify_pack.py")  # no argument: the folder the script is in
    assert inside.returncode == 0, inside.stdout


def _flip(data: bytes) -> bytes:
    return data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:]


def _tampered(pack, tmp_path: Path, case: str) -> tuple[Path, str, str | None]:
    """A tampered copy of the pack, the problem code both verifiers must name, and the file."""
    files = members(pack.path)
    dst = tmp_path / f"{case}.zip"
    clip = next(n for n in files if n.endswith(".mp4"))
    if case == "modified-frame":
        return rewrite(pack.path, dst, replace={"frames/frame-01.png": _flip(files["frames/frame-01.png"])}), \
            F.FILE_MODIFIED, "frames/frame-01.png"
    if case == "modified-clip":
        return rewrite(pack.path, dst, replace={clip: _flip(files[clip])}), F.FILE_MODIFIED, clip
    if case == "added-file":
        return rewrite(pack.path, dst, add={"photos/better-photo.jpg": b"\xff\xd8 new"}), F.FILE_ADDED, \
            "photos/better-photo.jpg"
    if case == "removed-file":
        return rewrite(pack.path, dst, remove={"photos/photo-1.jpg"}), F.FILE_MISSING, "photos/photo-1.jpg"
    if case == "modified-manifest":
        raw = files[F.MANIFEST].replace(ORDER.encode(), b"SF9999999999999")
        return rewrite(pack.path, dst, replace={F.MANIFEST: raw}), F.MANIFEST_BAD_SIGNATURE, F.MANIFEST
    if case == "forged-signature":
        sign, _ = stranger_key()
        return rewrite(pack.path, dst, replace={F.SIGNATURE: sign(files[F.MANIFEST])}), \
            F.MANIFEST_BAD_SIGNATURE, F.MANIFEST
    if case == "resigned-by-stranger":
        # Swap a frame and sign a fresh manifest with the forger's own key, shipped as station-key.pem.
        sign, pem = stranger_key()

        def change(m: dict[str, bytes]) -> None:
            m["frames/frame-01.png"] = files["frames/frame-02.png"]
        return resigned(pack.path, dst, change, sign, pem), F.KEY_MISMATCH, F.PUBLIC_KEY
    raise AssertionError(case)


CASES = ["modified-frame", "modified-clip", "added-file", "removed-file", "modified-manifest",
         "forged-signature", "resigned-by-stranger"]


@pytest.mark.parametrize("case", CASES)
def test_both_verifiers_reject_tampering_and_name_it(pack, script, tmp_path, case, capsys):
    bad, code, name = _tampered(pack, tmp_path, case)
    report = verify_pack(bad)
    assert report.exit_code == 1
    assert code in report.codes(), report.format_text()
    if name:
        assert any(p.file == name for p in report.problems if p.code == code), report.format_text()
    run = run_script(script, bad)
    assert run.returncode == 1, run.stdout
    assert f"FAIL  {code}:" in run.stdout and (name is None or name in run.stdout), run.stdout
    # And the command line: exit 1, the problem named.
    capsys.readouterr()
    assert main(["verify", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "TAMPERED" in out and code in out


def test_a_forger_with_the_station_key_is_still_caught_by_the_seal_and_proofs(pack, dispute, script, tmp_path):
    """Even re-signed with the real key, a swapped clip fails its seal and a bent proof fails the root."""
    ledger = dispute.services.ledger
    files = members(pack.path)
    clip = next(n for n in files if n.endswith(".mp4"))

    def swap_clip(m: dict[str, bytes]) -> None:
        m[clip] = _flip(m[clip])

    def bend_proof(m: dict[str, bytes]) -> None:
        doc = json.loads(m[F.PROOFS])
        doc["proofs"][-1]["path"][0] = "00" * 32
        m[F.PROOFS] = json.dumps(doc).encode()

    for change, code in ((swap_clip, F.CLIP_MISMATCH), (bend_proof, F.INCLUSION_INVALID)):
        bad = resigned(pack.path, tmp_path / f"{code}.zip", change, lambda raw: ledger.sign_detached(raw)[1])
        assert code in verify_pack(bad).codes()
        run = run_script(script, bad)
        assert run.returncode == 1 and f"FAIL  {code}:" in run.stdout, run.stdout


def test_report_pdf_in_english(pack, dispute):
    pdf = PdfReader(io.BytesIO(members(pack.path)[F.REPORT]))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    for expected in ("Evidence report", ORDER, "The shipment", dispute.sealed.clip.sha256,
                     group_fingerprint(pack.key_id), "Refund photo 1", "How to verify this evidence",
                     "sha256sum -c SHA256SUMS", "Frames of the packing", "Trusted timestamp",
                     # the pictures hold only numbers: the words under each say which part is which
                     "Left: the refund photo", "Right: the frame at", "aligned onto the photo",
                     "The numbered boxes are the differences", "File: comparison/photo-1/heatmap.png"):
        assert expected in " ".join(text.split()), expected  # a phrase may wrap
    fonts = [f for page in pdf.pages for f in page["/Resources"]["/Font"].values()]
    assert any("/FontFile2" in f.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
               for f in fonts if "/DescendantFonts" in f.get_object())  # the TrueType font is embedded


def test_report_pdf_in_chinese_and_verify_txt_in_both_languages(dispute, tmp_path):
    s = dispute.services
    result = build_pack(s.layout, s.ledger, s.catalog, s.archive, ORDER, [dispute.photo], tmp_path / "zh.zip",
                        language="zh_CN")
    files = members(result.path)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(files[F.REPORT])).pages)
    for expected in ("证据报告", "订单号", "发货记录", "打包过程画面", "退款照片 1", "如何验证本证据", ORDER,
                     "照片本身的信息", group_fingerprint(result.key_id), "左：退款照片", "对齐叠加在照片上",
                     "须与 PackSeal README 中公布的 SHA-256 一致"):
        assert expected in text, expected
    assert "must equal" not in text and "prints the verdict" not in text  # the commands' comments too
    instructions = files[F.INSTRUCTIONS].decode("utf-8")
    assert "左为照片，右为最匹配的画面" in instructions and "the photo left, the best frame" in instructions
    assert instructions.index("如何验证") < instructions.index("how to verify it")
    assert "sha256sum -c SHA256SUMS" in instructions
    assert verify_pack(result.path).ok


def test_key_rotation_before_the_pack_is_followed_by_both_verifiers(tmp_path):
    d = make_dispute(tmp_path, with_tsa=False)
    try:
        s = d.services
        s.ledger.rotate_key("test")
        result = build_pack(s.layout, s.ledger, s.catalog, s.archive, ORDER, [], tmp_path / "rotated.zip",
                            frames=[1.0, 5.0, 11.5])
        entries = [json.loads(line) for line in members(result.path)[F.ENTRIES].splitlines()]
        assert [e["kind"] for e in entries].count("key-rotation") == 1
        assert result.key_id == s.ledger.key_id and entries[0]["key"] != result.key_id
        assert result.timestamp_seq is None
        frames = json.loads(members(result.path)[F.FRAMES_INDEX])["frames"]
        assert [round(f["clip_time_ms"] / 1000, 1) for f in frames] == [1.0, 5.0, 11.5]
        assert verify_pack(result.path).ok
        script = tmp_path / "v.py"
        script.write_bytes(members(result.path)["verify_pack.py"])
        run = run_script(script, result.path)
        assert run.returncode == 0 and "key chain of 2 keys" in run.stdout, run.stdout
    finally:
        d.services.close()


def test_bad_requests_are_refused_before_any_work(dispute, tmp_path):
    s = dispute.services
    args = (s.layout, s.ledger, s.catalog, s.archive)
    with pytest.raises(BadInputError, match="no clip of order"):
        build_pack(*args, "SF0000000000000", [], tmp_path / "x.zip")
    with pytest.raises(BadInputError, match="must end in .zip"):
        build_pack(*args, ORDER, [], tmp_path / "x.tar")
    with pytest.raises(BadInputError, match="does not exist"):
        build_pack(*args, ORDER, [tmp_path / "missing.jpg"], tmp_path / "x.zip")
    with pytest.raises(BadInputError, match="shape must be one of"):
        build_pack(*args, ORDER, [dispute.photo], tmp_path / "x.zip", annotations=[{"shape": "star"}])
    with pytest.raises(BadInputError, match="language"):
        build_pack(*args, ORDER, [], tmp_path / "x.zip", language="fr")
    with pytest.raises(BadInputError, match="not inside the clip"):
        build_pack(*args, ORDER, [], tmp_path / "x.zip", frames=[99.0])
    assert not (tmp_path / "x.zip").exists()


def test_cli_pack_writes_a_pack_that_verifies(dispute, tmp_path, capsys):
    out = tmp_path / "cli.zip"
    code = main(["--data-dir", str(dispute.services.layout.root), "pack", "--order", ORDER,
                 "--photo", str(dispute.photo), "--out", str(out), "--json"])
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    assert result["pack"] == str(out) and result["photos"][0]["matches"] >= 1
    assert main(["verify", str(out)]) == 0
    assert "INTACT: nothing was altered" in capsys.readouterr().out


def test_detached_signatures_never_pass_for_entries(dispute):
    ledger = dispute.services.ledger
    key_id, signature = ledger.sign_detached(b'{"format":"packseal-evidence-pack/1"}')
    assert key_id == ledger.key_id and ledger.public_key.verify(signature, b'{"format":"packseal-evidence-pack/1"}')
    payload = ledger.entry(0).payload()
    with pytest.raises(BadInputError, match="ledger entry payload"):
        ledger.sign_detached(payload)


@pytest.mark.slow
def test_a_clip_recorded_through_the_station_packs_and_exports(tmp_path):
    """End to end with the real recording pipeline (test camera, tape segments, joined clip)."""
    from packseal.cli.record import record_order
    from packseal.compose import open_services
    from packseal.core.evidence import export_clip
    from tests.support.sealed_clips import read_order_ids

    services = open_services(tmp_path / "data")
    try:
        services.settings.preroll_s, services.settings.postroll_s = 0.5, 0.5
        recorded = record_order(services, ORDER, source="test:640x360@15", seconds=2)
        s = services
        result = build_pack(s.layout, s.ledger, s.catalog, s.archive, ORDER, [], tmp_path / "recorded.zip")
        assert verify_pack(result.path).ok
        files = members(result.path)
        assert files[f"clip/{Path(recorded['clip']).name}"] == Path(recorded["clip"]).read_bytes()
        script = tmp_path / "v.py"
        script.write_bytes(files["verify_pack.py"])
        assert run_script(script, result.path).returncode == 0
        frame = cv2.imdecode(np.frombuffer(files["frames/frame-02.png"], np.uint8), cv2.IMREAD_COLOR)
        assert ORDER in read_order_ids(frame)[0]
        exported = export_clip(s.layout, s.ledger, s.catalog, ORDER, "taobao", tmp_path / "taobao")
        for f in exported.files:
            assert f.bytes <= 130_000 and ORDER in read_order_ids(cv2.imread(str(f.path)))[0]
        assert verify_data_dir(s.layout).ok
    finally:
        services.close()


class Cancelled(Exception):
    pass


def test_a_progress_callback_that_raises_cancels_without_leaving_files(dispute, tmp_path):
    from packseal.core.evidence import export_clip

    s = dispute.services
    s.archive.checkpoint(force=True)  # so the pack needs no new checkpoint (which would be kept)

    def files() -> list[Path]:
        return sorted(p for p in s.layout.exports.rglob("*") if p.is_file())

    before_seq, before_files = s.ledger.last_seq, files()

    def cancel_at(words: str):
        def progress(fraction: float, message: str) -> None:
            if words in message:
                raise Cancelled(message)
        return progress

    for words in ("Decoding", "Sealing"):
        with pytest.raises(Cancelled):
            build_pack(s.layout, s.ledger, s.catalog, s.archive, ORDER, [], tmp_path / "c.zip",
                       progress=cancel_at(words))
    with pytest.raises(Cancelled):
        export_clip(s.layout, s.ledger, s.catalog, ORDER, "taobao", tmp_path / "t", progress=cancel_at("Sealing"))
    assert not (tmp_path / "c.zip").exists() and not list((tmp_path / "t").glob("*"))
    assert files() == before_files
    assert s.ledger.last_seq == before_seq


def test_a_comparison_handed_over_is_used_and_a_stale_one_is_made_again(dispute, tmp_path, monkeypatch):
    from packseal.core.compare import session as comparison_session
    from packseal.core.evidence import pack_photos
    from packseal.core.evidence.source_clip import find_order_clip

    s = dispute.services
    args = (s.layout, s.ledger, s.catalog, s.archive)
    clip = find_order_clip(s.layout, s.ledger, s.catalog, ORDER)
    made = comparison_session.compare(clip.path, dispute.photo, start_utc=clip.start, end_utc=clip.end,
                                      order_id=clip.order_id)
    runs: list[Path] = []

    def counted(*a, **k):
        runs.append(Path(a[1]))
        return comparison_session.compare(*a, **k)

    monkeypatch.setattr(pack_photos, "compare", counted)
    handed = build_pack(*args, ORDER, [dispute.photo], tmp_path / "handed.zip", comparisons=[made])
    assert runs == [] and handed.photos[0]["matches"] == len(made.matches)

    other = tmp_path / "another-photo.jpg"  # the view compared one photo, the pack is asked for another
    other.write_bytes(dispute.photo.read_bytes() + b"\0")
    build_pack(*args, ORDER, [other], tmp_path / "stale.zip", comparisons=[made])
    assert runs == [other]
    with pytest.raises(BadInputError, match="2 comparisons were given for 1"):
        build_pack(*args, ORDER, [dispute.photo], tmp_path / "x.zip", comparisons=[made, made])
