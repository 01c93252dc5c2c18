"""The station key's fingerprint as the owner publishes it: words, and a QR code.

The fingerprint only helps a reviewer if it reaches them by another road than
the evidence itself: the shop's profile page, the platform's seller notes, a
printed card at the bench. ``packseal key show`` and the Settings window use
these texts and the QR matrix.
"""

from __future__ import annotations

import numpy as np
import zxingcpp

PUBLISH_ADVICE = (
    "Publish this fingerprint where a reviewer can find it independently of any evidence you send: "
    "your shop profile, the platform's seller notes, a printed card at the packing bench. A verifier "
    "run with --expect-key FINGERPRINT then refuses anything signed by another key, so a pack forged "
    "later with a new key is caught.")

QR_PREFIX = "packseal-key:"


def fingerprint_qr_text(fingerprint_hex: str) -> str:
    """What the QR code holds: ``packseal-key:`` and the 64 hex digits."""
    return QR_PREFIX + fingerprint_hex


def qr_matrix(text: str) -> np.ndarray:
    """The QR code of ``text`` as a bool matrix (True = dark), with a 4-module quiet zone."""
    symbol = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    modules = np.asarray(symbol.to_image(scale=1, add_quiet_zones=False)) < 128
    return np.pad(modules, 4, constant_values=False)


def terminal_qr(text: str) -> str:
    """The QR code drawn with half-block characters, two module rows per text line (dark on light)."""
    m = qr_matrix(text)
    if m.shape[0] % 2:
        m = np.vstack([m, np.zeros((1, m.shape[1]), bool)])
    lines = []
    for top, bottom in zip(m[0::2], m[1::2]):
        # Light background: print the light parts as blocks so it scans on dark terminals too.
        chars = {(False, False): "█", (True, False): "▄", (False, True): "▀", (True, True): " "}
        lines.append("".join(chars[(bool(a), bool(b))] for a, b in zip(top, bottom)))
    return "\n".join(lines)
