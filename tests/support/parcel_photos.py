"""Refund photos of the packaging: the parcel with its waybill label, and the opened box.

``parcel_photo`` draws a brown carton with a white shipping label carrying a
real Code 128 waybill (zxing-cpp writes it, so the reader has a true code to
find), photographed at a slant in warm light. ``opened_box_photo`` shows the
scene's item lying in an open carton, as a buyer shows what arrived.
"""

from __future__ import annotations

import cv2
import numpy as np
import zxingcpp
from PIL import Image, ImageDraw

from tests.support import scene


def waybill_label(code: str, module_px: int = 3) -> np.ndarray:
    """A white label (BGR) with a Code 128 barcode of ``code`` and the number under it."""
    row = np.asarray(zxingcpp.create_barcode(code, zxingcpp.BarcodeFormat.Code128)
                     .to_image(scale=1, add_quiet_zones=True))[0]
    bars = np.repeat(row, module_px)[None, :].repeat(90, axis=0)
    w = bars.shape[1] + 40
    label = Image.new("L", (w, 230), 255)
    draw = ImageDraw.Draw(label)
    draw.rectangle((0, 0, w - 1, 229), outline=0, width=3)
    draw.text((16, 10), "标准快递  EXPRESS", fill=0, font=scene._font(26))
    label.paste(Image.fromarray(bars), (20, 50))
    draw.text((20, 150), " ".join(code[i:i + 4] for i in range(0, len(code), 4)), fill=0, font=scene._font(28))
    draw.text((20, 192), "收件人 张** 138****5678", fill=0, font=scene._font(20))
    return cv2.cvtColor(np.asarray(label), cv2.COLOR_GRAY2BGR)


def parcel_photo(code: str, *, size: tuple[int, int] = (1600, 1200), angle: float = 12.0) -> np.ndarray:
    """The parcel on the buyer's floor, its label with waybill ``code`` readable, seen at a slant."""
    w, h = size
    canvas = cv2.resize(scene.floor_background(seed=17), size, interpolation=cv2.INTER_AREA)
    carton = np.zeros((700, 1000, 3), np.uint8)
    carton[:] = (70, 120, 170)  # brown cardboard (BGR)
    rng = np.random.default_rng(4)
    carton = np.clip(carton + rng.normal(0, 5, carton.shape), 0, 255).astype(np.uint8)
    cv2.rectangle(carton, (0, 320), (1000, 380), (60, 150, 190), -1)  # packing tape
    label = waybill_label(code)
    lh, lw = label.shape[:2]
    carton[400:400 + lh, 120:120 + lw] = label[:, : min(lw, 880)]
    src = np.float32([[0, 0], [1000, 0], [1000, 700], [0, 700]])
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    dst = np.float32([[w * 0.18, h * 0.16], [w * 0.84, h * 0.2], [w * 0.8, h * 0.86], [w * 0.2, h * 0.82]])
    dst = cv2.transform(dst[None], m)[0].astype(np.float32)
    scene._paste_warped(canvas, carton, cv2.getPerspectiveTransform(src, dst))
    return scene._relight(canvas, np.random.default_rng(6))


def opened_box_photo() -> np.ndarray:
    """The scene's item lying in an open carton, seen from above: what the buyer says arrived."""
    w, h = scene.PHOTO_W, scene.PHOTO_H
    canvas = cv2.resize(scene.floor_background(seed=23), (w, h), interpolation=cv2.INTER_AREA)
    cv2.rectangle(canvas, (180, 120), (1420, 1080), (60, 105, 150), -1)    # the carton's rim
    cv2.rectangle(canvas, (240, 180), (1360, 1020), (45, 80, 120), -1)     # its inside, in shadow
    for flap in ([(180, 120), (1420, 120), (1300, 0), (300, 0)], [(180, 1080), (1420, 1080), (1300, 1199), (300, 1199)]):
        cv2.fillConvexPoly(canvas, np.array(flap, np.int32), (80, 130, 175))
    dst = np.float32([[420, 330], [1180, 350], [1170, 860], [410, 840]])
    src = np.float32([[0, 0], [scene.TEX_W, 0], [scene.TEX_W, scene.TEX_H], [0, scene.TEX_H]])
    scene._paste_warped(canvas, scene.item_texture(), cv2.getPerspectiveTransform(src, dst))
    return scene._relight(canvas, np.random.default_rng(12))
