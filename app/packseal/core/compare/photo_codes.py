"""Barcodes and QR codes in a refund photo: the parcel's waybill names the order.

A buyer's photos often include the parcel with its label. The codes in the
photo are read with zxing-cpp (the same reader as the station camera's) on
the decoded picture; product barcodes (EAN/UPC/ISBN) are told apart from
waybills, because a product code names no order. What a waybill means for
the dispute (which order, whether it is the one compared) is decided by
``order_of_code``, a lookup the caller gives: the catalog is above this package.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np

from packseal.core.capture.barcode import read_codes
from packseal.core.compare.inspection import Finding
from packseal.core.compare.photo import Photo
from packseal.core.recording.product_codes import product_code_kind

#: ``order_of_code(text)``: the order whose clip is filed under the code, or None.
OrderOfCode = Callable[[str], "str | None"]
# (width, turn in degrees) the picture is read at, in turn until a code is found: 1024 px
# wide first (a label filling the photo reads best a little smaller, and it is fast), then
# the decoded copy (long side 2048) for a small label, then turned by 30 degrees either
# way, because a 1D code held at a slant of more than about 15 degrees crosses too few of
# its bars along one row. zxing-cpp tries each picture turned by 90 degrees too, so these
# cover slants of 0, 30, 60 and 90 degrees either way, give or take 15.
_ATTEMPTS = ((1024, 0), (2048, 0), (1024, 30), (1024, -30))


@dataclass(frozen=True)
class PhotoCode:
    """One code in the photo: ``box`` (x, y, w, h) in full-size photo pixels; ``product`` names a product code."""

    text: str
    format: str
    box: tuple[int, int, int, int]
    product: str | None = None

    @property
    def waybill(self) -> bool:
        """True for a code that may name an order (not a product barcode)."""
        return self.product is None

    def to_json(self) -> dict:
        return {"text": self.text, "format": self.format, "box": list(self.box), "product": self.product}


def read_photo_codes(photo: Photo) -> list[PhotoCode]:
    """The barcodes and QR codes in ``photo``, each once, in reading order (top to bottom)."""
    image = photo.image
    found: dict[str, PhotoCode] = {}
    for width, turn in _ATTEMPTS:
        if found:
            break
        s = min(1.0, width / image.shape[1])
        picture = image if s == 1.0 else cv2.resize(image, (max(1, round(image.shape[1] * s)),
                                                             max(1, round(image.shape[0] * s))),
                                                    interpolation=cv2.INTER_AREA)
        back = np.eye(3)
        if turn:
            picture, back = _turned(picture, turn)
        for d in read_codes(picture, max_width=picture.shape[1]):
            x, y, w, h = d.box
            corners = np.array([[[x, y], [x + w, y], [x + w, y + h], [x, y + h]]], np.float32)
            upright = cv2.perspectiveTransform(corners, back)[0] / s / photo.scale
            x0, y0 = upright.min(axis=0)
            x1, y1 = upright.max(axis=0)
            box = (int(x0), int(y0), max(1, round(x1 - x0)), max(1, round(y1 - y0)))
            found.setdefault(d.text, PhotoCode(d.text, d.format, box, product_code_kind(d.text, d.format)))
    return sorted(found.values(), key=lambda c: (c.box[1], c.box[0]))


def _turned(image: np.ndarray, degrees: float) -> tuple[np.ndarray, np.ndarray]:
    """``image`` turned by ``degrees`` on a canvas that holds all of it; and the homography back."""
    h, w = image.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    cos, sin = abs(m[0, 0]), abs(m[0, 1])
    nw, nh = int(h * sin + w * cos), int(h * cos + w * sin)
    m[0, 2] += nw / 2 - w / 2
    m[1, 2] += nh / 2 - h / 2
    turned = cv2.warpAffine(image, m, (nw, nh), flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255))
    return turned, np.linalg.inv(np.vstack([m, [0, 0, 1]]))


def code_findings(codes: list[PhotoCode], order_id: str | None, order_of_code: OrderOfCode | None) -> list[Finding]:
    """What the photo's waybills say about the order compared (``order_id``).

    A waybill of this order is information; of another order with a clip, a
    warning (the photo may belong to another dispute); of no clip at all, a
    notice (the shop never packed a parcel under that code, or the label was
    printed elsewhere). Without a lookup only the codes read are named.
    """
    findings = []
    for code in codes:
        if not code.waybill:
            continue
        params = {"code": code.text, "format": code.format, "order": order_id or ""}
        other = order_of_code(code.text) if order_of_code is not None else None
        if order_of_code is None:
            findings.append(Finding("waybill_in_photo", "info", f"The photo shows the code {code.text}.",
                                    {"box": list(code.box)}, params))
        elif other is not None and order_id is not None and other.lower() == order_id.lower():
            findings.append(Finding("waybill_of_this_order", "info",
                                    f"The photo shows the waybill {code.text} of order {order_id}, the order "
                                    "compared.", {"box": list(code.box)}, params))
        elif other is not None:
            params["other"] = other
            findings.append(Finding("waybill_of_another_order", "warning",
                                    f"The photo shows the waybill {code.text} of order {other}, not of order "
                                    f"{order_id}: the photo may belong to another parcel.",
                                    {"box": list(code.box)}, params))
        else:
            findings.append(Finding("waybill_without_clip", "notice",
                                    f"The photo shows the code {code.text}, but no clip is filed under it: "
                                    "this shop recorded no parcel with that waybill.", {"box": list(code.box)}, params))
    return findings


def orders_in_codes(codes: list[PhotoCode], order_of_code: OrderOfCode) -> list[str]:
    """The orders the waybills in ``codes`` name (each once, in the codes' order)."""
    orders: list[str] = []
    for code in codes:
        if code.waybill:
            order = order_of_code(code.text)
            if order is not None and order not in orders:
                orders.append(order)
    return orders
