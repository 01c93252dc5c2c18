"""Finding codes in a frame: formats, boxes, the scan area, the overlay's own QR."""

from __future__ import annotations

from datetime import datetime, timezone

import cv2
import numpy as np
import pytest
import zxingcpp

from packseal.core.capture.barcode import Detection, read_codes
from packseal.core.capture.overlay import Overlay
from packseal.core.capture.packing_scene import PackingScene
from packseal.core.errors import BadInputError


def symbol(text: str, fmt: zxingcpp.BarcodeFormat, scale: int) -> np.ndarray:
    """A printed code as a BGR picture with its quiet zone."""
    grey = np.asarray(zxingcpp.create_barcode(text, fmt).to_image(scale=scale))
    return np.repeat(grey[..., None], 3, axis=2)


def paste(canvas: np.ndarray, picture: np.ndarray, x: int, y: int) -> tuple[int, int, int, int]:
    h, w = picture.shape[:2]
    canvas[y:y + h, x:x + w] = picture
    return x, y, w, h


def inside(box, outer) -> bool:
    x, y, w, h = box
    ox, oy, ow, oh = outer
    return ox <= x and oy <= y and x + w <= ox + ow and y + h <= oy + oh


@pytest.fixture(scope="module")
def table() -> tuple[np.ndarray, dict[str, tuple[int, int, int, int]]]:
    """A 1920×1080 grey table with four different codes on it, and where each lies."""
    canvas = np.full((1080, 1920, 3), 170, np.uint8)
    boxes = {
        "YT9876543210987": paste(canvas, symbol("YT9876543210987", zxingcpp.BarcodeFormat.Code128, 4), 60, 60),
        "4006381333931": paste(canvas, symbol("4006381333931", zxingcpp.BarcodeFormat.EAN13, 5), 1200, 80),
        "ORDER-77": paste(canvas, symbol("ORDER-77", zxingcpp.BarcodeFormat.QRCode, 8), 150, 600),
        "DM-4242": paste(canvas, symbol("DM-4242", zxingcpp.BarcodeFormat.DataMatrix, 10), 1300, 650),
    }
    return canvas, boxes


def test_reads_every_format_with_boxes_in_original_pixels(table):
    canvas, boxes = table
    found = {d.text: d for d in read_codes(canvas)}
    assert {t: d.format for t, d in found.items()} == {
        "YT9876543210987": "Code128", "4006381333931": "EAN13", "ORDER-77": "QRCode",
        "DM-4242": "DataMatrix"}
    for text, pasted in boxes.items():
        box = found[text].box
        assert inside(box, pasted), (text, box, pasted)
        # the box covers most of the printed symbol (the quiet zone aside)
        assert box[2] * box[3] > 0.3 * pasted[2] * pasted[3], (text, box, pasted)


def test_code39_and_upc():
    canvas = np.full((400, 1400, 3), 255, np.uint8)
    paste(canvas, symbol("PACK39", zxingcpp.BarcodeFormat.Code39, 3), 20, 20)
    paste(canvas, symbol("036000291452", zxingcpp.BarcodeFormat.UPCA, 4), 700, 20)
    found = {d.text: d.format for d in read_codes(canvas)}
    assert found["PACK39"] == "Code39"
    # UPC-A is EAN-13 with a leading 0: zxing-cpp 3 hands out the 13-digit GTIN.
    assert found["0036000291452"] in ("UPCA", "EAN13")
    assert len(found) == 2


def test_scan_area_limits_where_codes_are_looked_for(table):
    canvas, boxes = table
    left_half = (0.0, 0.0, 0.5, 1.0)
    texts = {d.text for d in read_codes(canvas, roi=left_half)}
    assert texts == {"YT9876543210987", "ORDER-77"}
    # boxes stay in whole-frame pixels when only a part is searched
    lower_right = (0.6, 0.5, 0.4, 0.5)
    [dm] = read_codes(canvas, roi=lower_right)
    assert dm.text == "DM-4242" and inside(dm.box, boxes["DM-4242"])


@pytest.mark.parametrize("roi", [(0.5, 0.5, 0.6, 0.2), (-0.1, 0, 0.5, 0.5), (0, 0, 0, 1), (1, 2), "all"])
def test_bad_scan_areas(table, roi):
    with pytest.raises(BadInputError):
        read_codes(table[0], roi=roi)


def test_ignores_the_overlays_own_qr_code():
    frame = PackingScene(1280, 720).render(2.0)
    Overlay("Bench 1").draw(frame, datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc), "SF1234567890123")
    # zxing sees both codes; read_codes keeps only the parcel's label.
    assert len(zxingcpp.read_barcodes(frame)) == 2
    assert [(d.text, d.format) for d in read_codes(frame)] == [("SF1234567890123", "Code128")]


def test_downscaling_keeps_the_label_readable_and_boxes_scaled():
    frame = PackingScene(1920, 1080).render(3.0)
    [full] = read_codes(frame, max_width=1920)
    [small] = read_codes(frame, max_width=640)
    assert full.text == small.text == "SF1234567890123"
    # both boxes describe the same place in the original picture
    assert abs(full.box[0] - small.box[0]) < 20 and abs(full.box[2] - small.box[2]) < 40


def test_grey_input_and_empty_pictures():
    grey = np.asarray(zxingcpp.create_barcode("G-1", zxingcpp.BarcodeFormat.Code128).to_image(scale=3))
    assert read_codes(grey) == [Detection("G-1", "Code128", read_codes(grey)[0].box)]
    assert read_codes(np.zeros((480, 640, 3), np.uint8)) == []
    with pytest.raises(ValueError):
        read_codes(np.zeros((10, 10, 3), np.float32))


TWO_D_ANGLES = [0, 30, 60, 90, 135, 200, 270]


@pytest.mark.parametrize("fmt, angle", [
    *((zxingcpp.BarcodeFormat.QRCode, a) for a in TWO_D_ANGLES),
    *((zxingcpp.BarcodeFormat.DataMatrix, a) for a in TWO_D_ANGLES),
    # bar codes: upright and quarter turns (zxing reads no bar code at 30° either way)
    *((zxingcpp.BarcodeFormat.Code128, a) for a in (0, 90, 180, 270)),
])
def test_codes_turned_any_way_are_read(fmt, angle):
    """Codes turned on the bench are read (the reading's shrink and pass must keep this)."""
    scale = 2 if fmt == zxingcpp.BarcodeFormat.Code128 else 5
    symbol = np.asarray(zxingcpp.create_barcode("SKU-4711-ABCDEF", fmt).to_image(scale=scale, add_quiet_zones=True))
    canvas = np.full((800, 800), 200, np.uint8)
    h, w = symbol.shape
    canvas[400 - h // 2:400 - h // 2 + h, 400 - w // 2:400 - w // 2 + w] = symbol
    turned = cv2.warpAffine(canvas, cv2.getRotationMatrix2D((400, 400), angle, 1.0), (800, 800), borderValue=200)
    assert [d.text for d in read_codes(turned)] == ["SKU-4711-ABCDEF"]


def test_a_quick_read_finds_upright_codes_and_leaves_turned_bar_codes_to_a_thorough_one():
    """The watcher's every other read is quick: upright codes and QR codes at any angle only."""
    canvas = np.full((720, 1280), 200, np.uint8)
    bars = np.asarray(zxingcpp.create_barcode("SF1234567890123", zxingcpp.BarcodeFormat.Code128)
                      .to_image(scale=2, add_quiet_zones=True))
    bars = np.repeat(bars[:1], 90, axis=0)
    qr = np.asarray(zxingcpp.create_barcode("ORDER-77", zxingcpp.BarcodeFormat.QRCode).to_image(scale=5))
    upright = canvas.copy()
    upright[100:100 + bars.shape[0], 100:100 + bars.shape[1]] = bars
    upright[400:400 + qr.shape[0], 800:800 + qr.shape[1]] = cv2.rotate(qr, cv2.ROTATE_90_CLOCKWISE)
    assert sorted(d.text for d in read_codes(upright, thorough=False)) == ["ORDER-77", "SF1234567890123"]
    turned = canvas.copy()
    standing = cv2.rotate(bars, cv2.ROTATE_90_CLOCKWISE)
    turned[100:100 + standing.shape[0], 300:300 + standing.shape[1]] = standing
    assert read_codes(turned, thorough=False) == []
    assert [d.text for d in read_codes(turned)] == ["SF1234567890123"]
