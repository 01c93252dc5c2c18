"""The station key's fingerprint as a QR code picture, for the Settings window's key tab."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage, QPixmap

from packseal.core.ledger.publish import fingerprint_qr_text, qr_matrix


def fingerprint_qr_pixmap(fingerprint_hex: str, module_px: int = 4) -> QPixmap:
    """A black-on-white QR code of ``packseal-key:<64 hex>``, ``module_px`` pixels per module."""
    dark = qr_matrix(fingerprint_qr_text(fingerprint_hex))
    grey = np.where(dark, 0, 255).astype(np.uint8)
    grey = np.ascontiguousarray(np.repeat(np.repeat(grey, module_px, axis=0), module_px, axis=1))
    h, w = grey.shape
    image = QImage(grey.data, w, h, w, QImage.Format.Format_Grayscale8)
    return QPixmap.fromImage(image.copy())
