"""A claim's several photos at once: the item, a close-up, something else, the parcel, the opened box."""

from __future__ import annotations

import pytest

from packseal.core.compare.photo import load_photo
from packseal.core.compare.session import ITEM, OPENED_BOX, PARCEL, compare_photos
from tests.support import closeups, parcel_photos, scene
from tests.support.scene import CLIP_START, ORDER

OTHER_ORDER = "SF7777777777777"


@pytest.fixture(scope="module")
def claim(scene_files, tmp_path_factory):
    folder = tmp_path_factory.mktemp("claim")
    closeup = folder / "closeup.jpg"
    closeup.write_bytes(scene.jpeg_bytes(closeups.closeup((0.58, 0.92, 0, 1), magnification=3.0,
                                                          rotation=75).image, 85))
    parcel = folder / "parcel.jpg"
    parcel.write_bytes(scene.jpeg_bytes(parcel_photos.parcel_photo(ORDER), 85))
    box = folder / "opened_box.jpg"
    box.write_bytes(scene.jpeg_bytes(parcel_photos.opened_box_photo(), 85))
    return {"item": scene_files.photo, "closeup": closeup, "other": scene_files.other_photo, "parcel": parcel,
            "box": box}


@pytest.fixture(scope="module")
def compared(claim, scene_files):
    paths = [claim[k] for k in ("item", "closeup", "other", "parcel", "box")]
    filed = {ORDER.lower(): ORDER}
    return compare_photos(scene_files.clip, paths, start_utc=CLIP_START, order_id=ORDER,
                          opened_box=[claim["box"]], order_of_code=lambda code: filed.get(code.lower()))


def test_each_photo_gets_its_own_matches_regions_and_findings(compared, claim):
    item, closeup, other, parcel, box = compared
    assert [c.photo.path for c in compared] == [claim[k] for k in ("item", "closeup", "other", "parcel", "box")]
    assert not item.no_match and item.regions and item.kind == ITEM
    assert not closeup.no_match and closeup.regions
    assert other.no_match and other.regions == [] and other.kind == ITEM
    assert parcel.no_match and parcel.kind == PARCEL
    assert box.kind == OPENED_BOX
    assert len({id(c.index) for c in compared}) == 1  # one index, loaded once


def test_the_parcels_waybill_is_read_and_named_as_this_orders(compared):
    parcel = compared[3]
    assert [c.text for c in parcel.codes] == [ORDER]
    assert parcel.codes[0].format == "Code128" and parcel.codes[0].waybill
    said = [f for f in parcel.findings if f.code == "waybill_of_this_order"]
    assert len(said) == 1 and said[0].severity == "info" and ORDER in said[0].message
    assert all(not c.codes for c in compared[:3])


def test_a_waybill_of_another_order_is_a_warning_and_of_no_clip_a_notice(claim, scene_files):
    parcel = load_photo(claim["parcel"])
    other, = compare_photos(scene_files.clip, [parcel], start_utc=CLIP_START, order_id=OTHER_ORDER,
                            order_of_code=lambda code: ORDER if code == ORDER else None)
    warning = [f for f in other.findings if f.code == "waybill_of_another_order"]
    assert len(warning) == 1 and warning[0].severity == "warning"
    assert warning[0].params == {"code": ORDER, "format": "Code128", "order": OTHER_ORDER, "other": ORDER}
    assert other.findings[0].code == "waybill_of_another_order"  # the most severe first
    unknown, = compare_photos(scene_files.clip, [parcel], start_utc=CLIP_START, order_id=ORDER,
                              order_of_code=lambda code: None)
    notice = [f for f in unknown.findings if f.code == "waybill_without_clip"]
    assert len(notice) == 1 and notice[0].severity == "notice" and "no clip is filed under it" in notice[0].message


def test_the_opened_box_is_set_beside_the_last_frames_before_closing(compared, scene_index):
    box = compared[4]
    last = float(scene_index.t_s[-1])
    assert [c.t_s for c in box.closing] == pytest.approx([last - 2.0, last - 1.0, last])
    assert all(c.image.shape[:2] == (scene.CLIP_H, scene.CLIP_W) for c in box.closing)
    said = [f for f in box.findings if f.code == "before_closing"]
    assert len(said) == 1
    assert said[0].params["times"] == ", ".join(f"{t:.1f} s" for t in (last - 2.0, last - 1.0, last))
    assert said[0].params["times"] in said[0].message
    picture = box.pictures()["before_closing"]
    assert picture.shape[1] > 3 * picture.shape[0]  # the photo and three frames in a row
    assert box.result().to_json()["closing_frames"][0]["t_s"] == pytest.approx(last - 2.0)
    assert all(not c.closing for c in compared[:4])
