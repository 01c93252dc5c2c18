"""Pictures from the core (BGR numpy arrays, OpenCV's order) as QImages."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage


def bgr_to_qimage(image: np.ndarray, *, copy: bool = True) -> QImage:
    """A QImage of a BGR uint8 array.

    With ``copy=False`` the QImage shares the array's memory: the caller
    keeps the array alive, unchanged, for as long as the image is used.
    """
    image = np.ascontiguousarray(image)
    h, w = image.shape[:2]
    qimage = QImage(image.data, w, h, image.strides[0], QImage.Format.Format_BGR888)
    return qimage.copy() if copy else qimage


def bgra_to_qimage(image: np.ndarray, alpha: np.ndarray) -> QImage:
    """A QImage copy of a BGR array with ``alpha`` (bool or uint8) as its transparency."""
    h, w = image.shape[:2]
    a = alpha.astype(np.uint8) * 255 if alpha.dtype == bool else alpha.astype(np.uint8)
    bgra = np.ascontiguousarray(np.dstack([image, a]))
    # ARGB32 is stored B, G, R, A in memory on little-endian machines; premultiplication is not needed
    # because the format is not premultiplied.
    fmt = QImage.Format.Format_ARGB32 if np.little_endian else QImage.Format.Format_RGBA8888
    if not np.little_endian:
        bgra = np.ascontiguousarray(bgra[:, :, [2, 1, 0, 3]])
    return QImage(bgra.data, w, h, bgra.strides[0], fmt).copy()
