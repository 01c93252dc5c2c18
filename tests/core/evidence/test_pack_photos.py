"""A claim's several photos in one pack: each compared, the parcel's waybill and the opened box reported together."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader

from packseal.cli import main
from packseal.core.evidence import build_pack, verify_pack
from packseal.core.evidence import pack_format as F
from tests.core.evidence.conftest import ORDER
from tests.core.evidence.packtools import members
from tests.support import parcel_photos, scene


@pytest.fixture(scope="module")
def claim_photos(dispute):
    parcel = dispute.folder / "parcel.jpg"
    parcel.write_bytes(scene.jpeg_bytes(parcel_photos.parcel_photo(ORDER), 85))
    box = dispute.folder / "opened box.jpg"
    box.write_bytes(scene.jpeg_bytes(parcel_photos.opened_box_photo(), 85))
    return [dispute.photo, parcel, box]


def _text(pdf_bytes: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes)).pages)


def test_every_photo_is_compared_and_reported_together(dispute, claim_photos, tmp_path):
    s = dispute.services
    item, parcel, box = claim_photos
    result = build_pack(s.layout, s.ledger, s.catalog, s.archive, ORDER, claim_photos, tmp_path / "claim.zip",
                        opened_box=[box])
    files = members(result.path)
    one, two, three = (json.loads(files[f"comparison/photo-{n}/comparison.json"]) for n in (1, 2, 3))
    assert one["kind"] == "item" and not one["no_match"] and one["regions"]
    assert two["kind"] == "parcel" and [c["text"] for c in two["codes"]] == [ORDER]
    assert any(f["code"] == "waybill_of_this_order" for f in two["findings"])
    assert three["kind"] == "opened_box" and len(three["closing_frames"]) == 3
    assert "comparison/photo-3/before_closing.png" in files
    frames = json.loads(files["frames/frames.json"])["frames"]  # the frames before closing are among them
    in_pack = [f["clip_time_ms"] for f in frames]
    assert all(any(abs(t - c["t_s"] * 1000) <= 500 for t in in_pack) for c in three["closing_frames"])
    assert any(f["why"] == "before the box was closed (refund photo 3)" for f in frames)
    assert [p["kind"] for p in result.photos] == ["item", "parcel", "opened_box"]
    assert result.photos[1]["waybills"] == [ORDER]
    text = _text(files[F.REPORT])
    for expected in ("The buyer's photos together", f"the parcel, waybill {ORDER}",
                     "the opened box, beside the last frames before the box was closed",
                     "Difference 1: a darker mark on the", "not in the shipment's frame at",
                     "compare it with the clip's last frames before the box",
                     "Appendix: the comparison's numbers", "region 1: x "):
        assert expected in text.replace("\n", " "), expected
    assert verify_pack(result.path).ok


def test_the_chinese_report_says_the_regions_and_the_box_in_chinese(dispute, claim_photos, tmp_path):
    s = dispute.services
    result = build_pack(s.layout, s.ledger, s.catalog, s.archive, ORDER, claim_photos, tmp_path / "zh.zip",
                        language="zh_CN", opened_box=[claim_photos[2]])
    text = _text(members(result.path)[F.REPORT]).replace("\n", "")
    for expected in ("买家的全部照片", "差异 1：商品", "发货画面", "封箱前的最后画面", f"属于订单 {ORDER}",
                     "附录：比对数据"):
        assert expected in text, expected


def test_cli_pack_takes_an_opened_box_photo(dispute, claim_photos, tmp_path, capsys):
    out = tmp_path / "cli.zip"
    code = main(["--data-dir", str(dispute.services.layout.root), "pack", "--order", ORDER,
                 "--photo", str(claim_photos[0]), "--opened-box", str(claim_photos[2]), "--out", str(out),
                 "--json"])
    assert code == 0, capsys.readouterr().err
    obj = json.loads(capsys.readouterr().out)
    assert [p["kind"] for p in obj["photos"]] == ["item", "opened_box"]
