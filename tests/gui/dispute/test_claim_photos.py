"""The dispute view with a claim's several photos: each compared and shown, the parcel's label, the opened box."""

from __future__ import annotations

import json
import zipfile

import pytest
from PySide6.QtCore import Qt

from tests.gui.dispute.test_dispute_view import compared, drop_file, order_found
from tests.support import closeups, parcel_photos, scene
from tests.support.scene import ORDER

pytest.importorskip("pytestqt")


@pytest.fixture
def claim(tmp_path, scene_files):
    closeup = tmp_path / "closeup.jpg"
    closeup.write_bytes(scene.jpeg_bytes(closeups.closeup((0.58, 0.92, 0, 1), magnification=3.0,
                                                          rotation=75).image, 85))
    parcel = tmp_path / "parcel.jpg"
    parcel.write_bytes(scene.jpeg_bytes(parcel_photos.parcel_photo(ORDER), 85))
    return {"item": scene_files.photo, "closeup": closeup, "other": scene_files.other_photo, "parcel": parcel}


def _rows(view) -> list[str]:
    return [view.photo_list.list.item(i).text() for i in range(view.photo_list.list.count())]


def test_several_photos_dropped_at_once_are_each_compared_and_shown(qtbot, dispute, scene_order, claim, tmp_path):
    order_found(qtbot, dispute)
    photos = [claim["item"], claim["closeup"], claim["other"]]
    compared(qtbot, dispute, lambda: drop_file(dispute, *photos))
    qtbot.waitUntil(lambda: not dispute.busy, timeout=60_000)
    assert dispute.photos == photos and all(c is not None for c in dispute.comparisons)
    assert dispute.photo_path == claim["item"] and dispute.photo_list.isVisible()
    rows = _rows(dispute)
    assert rows[0].startswith("1. refund.jpg\n") and "matching frame" in rows[0]
    assert "no frame matches" in rows[2]
    assert dispute.photo_label.text() == "Photo: refund.jpg · 3 photos in this claim"
    # the close-up: its own frames and its crack, said in plain words
    dispute.photo_list.list.setCurrentRow(1)
    qtbot.waitUntil(lambda: dispute.photo_path == claim["closeup"], timeout=5000)
    closeup = dispute.comparison
    assert closeup is dispute.comparisons[1] and not closeup.no_match
    assert dispute.thumbnails.count() == len(closeup.matches)
    details = [row.detail.text() for row in dispute.findings.rows]
    assert any(d.startswith("Difference 1: a darker mark on the ") and "not in the shipment's frame at" in d
               for d in details)
    # the photo of something else: no frame offered
    dispute.photo_list.list.setCurrentRow(2)
    qtbot.waitUntil(lambda: dispute.photo_path == claim["other"], timeout=5000)
    assert dispute.comparison.no_match and dispute.thumbnails.isHidden()
    # the pack holds all three, each with its comparison
    out = tmp_path / "claim.zip"
    with qtbot.waitSignal(dispute.pack_finished, timeout=120_000):
        assert dispute.build_pack(out)
    names = zipfile.ZipFile(out).namelist()
    assert all(f"comparison/photo-{n}/comparison.json" in names for n in (1, 2, 3))


def test_the_opened_box_is_shown_beside_the_last_frames_before_closing(qtbot, dispute, scene_order, tmp_path,
                                                                       services):
    box = tmp_path / "box.jpg"
    box.write_bytes(scene.jpeg_bytes(parcel_photos.opened_box_photo(), 85))
    order_found(qtbot, dispute)
    compared(qtbot, dispute, lambda: dispute.open_photo(box))
    compared(qtbot, dispute, lambda: dispute.photo_list.opened_box.click())
    comparison = dispute.comparison
    assert comparison.kind == "opened_box" and len(comparison.closing) == 3
    assert dispute.thumbnails.count() == 3 and dispute.thumbnails.currentRow() == 2
    assert "Before the box was closed: frame at " in dispute.area.side_by_side.frame_caption.text()
    assert dispute.area.side_by_side.frame.scene_size.width() == scene.CLIP_W  # the frame is beside the photo
    assert "opened box" in _rows(dispute)[0]
    with qtbot.waitSignal(dispute.frame_shown, timeout=5000) as shown:
        dispute.thumbnails.setCurrentRow(0)
    assert shown.args[0] == pytest.approx(comparison.closing[0].t_s)
    # kept with the order: opened again, the photo is still the opened box
    saved = json.loads((services.layout.disputes / ORDER / "annotations.json").read_text(encoding="utf-8"))
    assert saved["photos"] == [{"path": str(box), "sha256": comparison.photo.sha256, "opened_box": True}]


def test_a_parcel_photo_fills_the_order_field_and_finds_the_clip(qtbot, dispute, scene_order, claim):
    comparison = compared(qtbot, dispute, lambda: drop_file(dispute, claim["parcel"]))
    assert dispute.order_edit.text() == ORDER and dispute.order_id == ORDER
    assert comparison.kind == "parcel" and [c.text for c in comparison.codes] == [ORDER]
    assert any(f.code == "waybill_of_this_order" for f in comparison.findings)
    assert f"waybill {ORDER}" in _rows(dispute)[0]


def test_a_waybill_of_another_order_than_the_one_typed_is_a_warning(qtbot, dispute, scene_order, claim, services,
                                                                     scene_files):
    from tests.support.sealed_orders import add_scene_clip

    other = "YT1111111111111"
    add_scene_clip(services, scene_files, other)
    order_found(qtbot, dispute, other)
    comparison = compared(qtbot, dispute, lambda: dispute.open_photo(claim["parcel"]))
    first = dispute.findings.rows[0]
    assert comparison.findings[0].code == "waybill_of_another_order"
    assert ORDER in first.detail.text() and other in first.detail.text()
    assert dispute.order_edit.text() == other  # the typed order stays: the owner decides


def test_a_photo_is_removed_from_the_claim(qtbot, dispute, scene_order, claim):
    order_found(qtbot, dispute)
    compared(qtbot, dispute, lambda: drop_file(dispute, claim["item"], claim["other"]))
    qtbot.waitUntil(lambda: not dispute.busy, timeout=60_000)
    dispute.photo_list.list.setCurrentRow(1)
    qtbot.mouseClick(dispute.photo_list.remove, Qt.MouseButton.LeftButton)
    assert dispute.photos == [claim["item"]] and dispute.photo_path == claim["item"]
    assert dispute.comparison is dispute.comparisons[0] and not dispute.comparison.no_match
