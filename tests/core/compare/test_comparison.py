"""compare_photo end to end: the generated dispute, with the crack where it was drawn."""

from __future__ import annotations

import json
from datetime import timedelta

import cv2
import numpy as np
import pytest

from packseal.core.compare.comparison import IMAGE_NAMES, compare_photo
from packseal.core.errors import BadInputError
from tests.support import scene
from tests.support.scene import CLIP_START


@pytest.fixture(scope="module")
def result(scene_files, tmp_path_factory):
    out = tmp_path_factory.mktemp("compare_out")
    return compare_photo(scene_files.clip, scene_files.photo, start_utc=CLIP_START, out_dir=out,
                         order_id="SF1234567890123")


def test_the_json_has_exactly_the_documented_shape(result, scene_files):
    j = json.loads(json.dumps(result.to_json()))
    assert set(j) == {"order_id", "clip", "matches", "regions", "findings", "no_match", "kind", "codes",
                      "closing_frames"}
    assert j["kind"] == "item" and j["codes"] == [] and j["closing_frames"] == []
    assert j["order_id"] == "SF1234567890123"
    assert j["clip"] == {"path": str(scene_files.clip), "sha256": result.clip_sha256}
    assert j["no_match"] is False
    assert j["matches"] and all(set(m) == {"t_s", "captured_at", "score", "inliers", "homography"}
                                for m in j["matches"])
    assert j["regions"] and all(set(r) == {"x", "y", "w", "h", "score", "item_share", "delta_e", "tone", "place"}
                                for r in j["regions"])
    assert all(set(f) == {"code", "severity", "message"} for f in j["findings"])
    assert [m["score"] for m in j["matches"]] == sorted((m["score"] for m in j["matches"]), reverse=True)
    assert [r["score"] for r in j["regions"]] == sorted((r["score"] for r in j["regions"]), reverse=True)


def test_the_crack_falls_in_the_top_region(result):
    crack = scene.crack_in_photo()
    top = result.regions[0]
    cx, cy = crack.mean(axis=0)
    assert top.contains(cx, cy)
    inside = [any(r.contains(x, y) for r in result.regions[:2]) for x, y in crack]
    assert sum(inside) >= len(crack) - 1
    # the box is tight around the crack (it spans ~70×210 photo pixels), not around the item
    assert top.w < 200 and top.h < 320


def test_the_stain_on_the_floor_is_not_a_region(result):
    (sx, sy), _ = scene.FLOOR_STAIN
    assert not any(r.contains(sx, sy) for r in result.regions)
    outline = scene.item_outline_in_photo()
    for r in result.regions:  # every region lies on the box
        centre = (r.x + r.w / 2, r.y + r.h / 2)
        assert cv2.pointPolygonTest(outline.reshape(-1, 1, 2), centre, False) >= 0


def test_the_best_match_is_at_the_photos_pose_with_its_capture_time(result):
    best = result.matches[0]
    assert abs(best.t_s - scene.closest_pose_time()) <= 1.0
    assert best.captured_at == CLIP_START + timedelta(seconds=best.t_s)


def test_the_crack_is_said_in_plain_words_with_the_frame_it_is_missing_from(result):
    said = [f for f in result.findings if f.code == "difference_on_item"]
    assert len(said) == len(result.regions)
    first = said[0]
    assert first.params["tone"] == "darker"  # a dark crack on a light box
    assert first.params["t"] == f"{result.matches[0].t_s:.1f}"
    assert first.message.startswith("Difference 1: a darker mark on the ")
    assert f"not in the shipment's frame at {result.matches[0].t_s:.1f} s" in first.message


def test_the_pictures_are_made_and_written(result):
    shown = [name for name in IMAGE_NAMES if name != "before_closing"]  # not a photo of the opened box
    assert set(result.images) == set(shown)
    for name in shown:
        path = result.image_files[name]
        assert path.name == f"{name}.png"
        img = cv2.imread(str(path))
        assert img is not None and img.shape == result.images[name].shape
    # side by side: the photo and the frame at the same height, a caption above
    sbs = result.images["side_by_side"]
    assert sbs.shape[1] > 2 * sbs.shape[0] * 0.9
    # the heatmap is the photo at display size, with the region boxed in pure red
    heat = result.images["heatmap"]
    assert heat.shape[1] == 1280
    red = np.all(heat == (0, 0, 255), axis=2)
    assert red.sum() > 200
    ys, xs = np.nonzero(red)
    cx, cy = scene.crack_in_photo().mean(axis=0) * (1280 / scene.PHOTO_W)
    assert xs.min() <= cx <= xs.max()


def test_a_photo_of_something_else_says_no_match_and_shows_no_regions(scene_files, tmp_path):
    r = compare_photo(scene_files.clip, scene_files.other_photo, start_utc=CLIP_START, out_dir=tmp_path)
    j = r.to_json()
    assert j["no_match"] is True and j["matches"] == [] and j["regions"] == []
    assert set(r.images) == {"ela"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ela.png"]


def test_a_photo_taken_before_packing_is_flagged(scene_files, tmp_path):
    before = CLIP_START - timedelta(days=2)
    exif = _exif_with_time(before.strftime("%Y:%m:%d %H:%M:%S"), "+00:00")
    photo = tmp_path / "early.jpg"
    photo.write_bytes(scene.jpeg_bytes(scene.refund_photo(), 85, exif=exif))
    r = compare_photo(scene_files.clip, photo, start_utc=CLIP_START)
    codes = [f["code"] for f in r.to_json()["findings"]]
    assert codes[0] == "photo_taken_before_packing"
    assert not r.no_match


def _exif_with_time(when: str, offset: str) -> bytes:
    from PIL import Image
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "PhoneMaker", "P1"
    sub = exif.get_ifd(0x8769)
    sub[0x9003], sub[0x9011] = when, offset
    return exif.tobytes()


def test_a_bad_photo_fails_before_any_video_work(scene_files, tmp_path):
    bad = tmp_path / "bad.jpg"
    bad.write_text("this is not a photo")
    with pytest.raises(BadInputError):
        compare_photo(scene_files.clip, bad, start_utc=CLIP_START)


def test_a_smaller_copy_of_the_photo_gives_regions_in_its_own_pixels(scene_files, tmp_path):
    small = cv2.resize(scene.refund_photo(), (800, 600), interpolation=cv2.INTER_AREA)
    path = tmp_path / "small.png"
    cv2.imwrite(str(path), small)
    r = compare_photo(scene_files.clip, path, start_utc=CLIP_START)
    cx, cy = scene.crack_in_photo().mean(axis=0) / 2
    assert r.regions and r.regions[0].contains(cx, cy)
    assert all(r.x + r.w <= 800 and r.y + r.h <= 600 for r in r.regions)
    assert np.isfinite(np.array(r.matches[0].homography)).all()


def test_a_caption_longer_than_its_picture_is_made_smaller_not_cut_off():
    import cv2
    import numpy as np

    from packseal.core.compare.pictures import _FONT, _caption

    narrow = np.zeros((200, 300, 3), np.uint8)
    text = "t = 2.5 s   2026-11-24 06:03:07.120 UTC"
    out = _caption(narrow, text)
    bar = out[: out.shape[0] - 200]
    lit = np.nonzero(bar.max(axis=(0, 2)) > 128)[0]  # the columns the letters light
    assert lit.size and lit.max() < 300 - 4, "the caption's last letters reach the picture's edge"
    assert cv2.getTextSize(text, _FONT, 0.45, 1)[0][0] > 300  # at the usual smallest size it would not fit


def test_the_pictures_carry_only_marks_every_reader_reads_alike(scene_files, monkeypatch):
    """Sizes, clip times and UTC times: no words of any language are drawn into the pictures."""
    import re

    from packseal.core.compare import pictures
    from packseal.core.compare.session import compare

    drawn: list[str] = []
    real = pictures._caption
    monkeypatch.setattr(pictures, "_caption", lambda image, text: drawn.append(text) or real(image, text))
    comparison = compare(scene_files.clip, scene_files.photo, start_utc=CLIP_START, opened_box=True)
    images = comparison.pictures()
    assert {"side_by_side", "overlay", "heatmap", "before_closing"} <= set(images)
    w, h = comparison.photo.size
    best = comparison.best.match
    frame_mark = re.compile(r"t = \d+\.\d s   \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} UTC")
    assert drawn.count(f"{w} x {h} px") == 2  # above the photo in side_by_side and in before_closing
    frames = [text for text in drawn if text != f"{w} x {h} px"]
    assert frames and all(frame_mark.fullmatch(text) for text in frames), frames
    stamp = best.captured_at.strftime("%Y-%m-%d %H:%M:%S.") + f"{best.captured_at.microsecond // 1000:03d} UTC"
    best_mark = f"t = {best.t_s:.1f} s   {stamp}"
    # side by side (photo, frame), overlay and heatmap show the best frame; then the frames before closing
    assert drawn[:4] == [f"{w} x {h} px", best_mark, best_mark, best_mark]
    assert len(frames) == 3 + len(comparison.closing)
