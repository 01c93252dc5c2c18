"""Codes in a refund photo: a Code 128 waybill read and told apart from a product barcode."""

from __future__ import annotations

import cv2
import numpy as np
import zxingcpp

from packseal.core.compare.photo import photo_from_bytes
from packseal.core.compare.photo_codes import code_findings, orders_in_codes, read_photo_codes
from tests.support import parcel_photos, scene

WAYBILL = "YT7512345678901"


def _photo(image):
    return photo_from_bytes(scene.jpeg_bytes(image, 88))


def test_a_code_128_waybill_on_a_slanted_parcel_is_read_where_it_is():
    codes = read_photo_codes(_photo(parcel_photos.parcel_photo(WAYBILL, angle=-20)))
    assert [(c.text, c.format, c.waybill) for c in codes] == [(WAYBILL, "Code128", True)]
    x, y, w, h = codes[0].box
    assert 200 < x < 1400 and 200 < y < 1100 and w > 100  # on the label, in full-size photo pixels


def test_a_product_barcode_is_read_but_names_no_order():
    ean = np.asarray(zxingcpp.create_barcode("6901234567892", zxingcpp.BarcodeFormat.EAN13)
                     .to_image(scale=4, add_quiet_zones=True))
    picture = np.full((600, 900), 255, np.uint8)
    picture[200:200 + ean.shape[0], 100:100 + ean.shape[1]] = cv2.resize(ean, (ean.shape[1], ean.shape[0]))
    codes = read_photo_codes(_photo(cv2.cvtColor(picture, cv2.COLOR_GRAY2BGR)))
    assert [(c.text, c.product, c.waybill) for c in codes] == [("6901234567892", "EAN-13", False)]
    assert orders_in_codes(codes, lambda code: "ANY") == []
    assert code_findings(codes, "SF1", lambda code: "ANY") == []


def test_a_photo_without_codes_has_none():
    assert read_photo_codes(_photo(scene.refund_photo())) == []
