"""Error level analysis of a refund photo: re-saved as JPEG and subtracted, for a person to read.

Regions pasted in or retouched after the last save often recompress
differently from the rest; the picture is shown to the owner and put in
the evidence pack, never turned into a finding.
"""

from __future__ import annotations

import io

import cv2
import numpy as np
from PIL import Image, ImageOps

from packseal.core.compare.photo import MAX_DECODED_SIDE, Photo

_ELA_QUALITY = 90
_ELA_MAX_PIXELS = 24_000_000


def error_level_analysis(photo: Photo) -> np.ndarray:
    """The photo re-saved as JPEG (quality 90) and subtracted, amplified: BGR uint8.

    Regions pasted in or retouched after the last save often recompress
    differently from the rest. Only a person can read this picture: uniform
    noise is normal, and smooth areas always look dark.
    """
    image = _full_resolution_rgb(photo)
    buf = io.BytesIO()
    Image.fromarray(image).save(buf, "JPEG", quality=_ELA_QUALITY)
    resaved = np.asarray(Image.open(io.BytesIO(buf.getvalue())).convert("RGB"))
    diff = cv2.absdiff(image, resaved).astype(np.float32)
    # Amplify so the strongest 0.5 % reach white, but never boost faint noise more than 25×.
    top = max(float(np.percentile(diff, 99.5)), 255 / 25)
    ela = np.clip(diff * (255.0 / top), 0, 255).astype(np.uint8)
    h, w = ela.shape[:2]
    s = min(1.0, MAX_DECODED_SIDE / max(h, w))
    if s < 1.0:
        ela = cv2.resize(ela, (round(w * s), round(h * s)), interpolation=cv2.INTER_AREA)
    return np.ascontiguousarray(ela[:, :, ::-1])


def _full_resolution_rgb(photo: Photo) -> np.ndarray:
    """The photo upright at full size when that is reasonable (ELA needs the real pixel grid)."""
    if photo.size[0] * photo.size[1] <= _ELA_MAX_PIXELS:
        try:
            with Image.open(io.BytesIO(photo.data)) as im:
                im = ImageOps.exif_transpose(im)
                return np.asarray(im.convert("RGB"))
        except (OSError, ValueError):
            pass  # fall back to the decoded working copy
    return np.ascontiguousarray(photo.image[:, :, ::-1])
