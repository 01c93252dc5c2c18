"""The weight line burned into the picture: where it goes, stable and unstable, and none without a scale."""

from __future__ import annotations

from datetime import datetime, timezone

import numpy as np

from packseal.core.capture.overlay import Overlay

UTC = datetime(2026, 12, 2, 8, 0, 0, tzinfo=timezone.utc)


def drawn(weight, order="SF1234567890123", size=(720, 1280)):
    overlay = Overlay("Bench 1", show_qr=True)
    overlay.weight = weight
    image = np.full((*size, 3), 90, np.uint8)
    overlay.draw(image, UTC, order)
    return image


def changed(a, b):
    """Rows and columns where two frames differ."""
    diff = np.any(a != b, axis=2)
    ys, xs = np.nonzero(diff)
    return ys, xs


def test_the_weight_is_drawn_above_the_order_at_the_bottom_left_and_nowhere_else():
    plain, weighed = drawn(None), drawn(("1.234 kg", True))
    ys, xs = changed(plain, weighed)
    assert len(ys) > 500  # text, not a stray pixel
    h, w = plain.shape[:2]
    assert xs.max() < w // 2 and ys.min() > h // 2  # bottom left only: never over the parcel's middle
    # the order box still sits at the very bottom: the weight is above it, not over it
    order_rows = np.nonzero(np.any(plain[h // 2:, : w // 2] != 90, axis=(1, 2)))[0] + h // 2
    assert ys.max() < order_rows.min()


def test_without_an_order_the_weight_sits_at_the_bottom():
    plain, weighed = drawn(None, order=None), drawn(("850 g", True), order=None)
    ys, _ = changed(plain, weighed)
    assert ys.max() > plain.shape[0] * 0.9


def test_an_unstable_weight_is_marked_in_amber_and_a_stable_one_in_white():
    stable, moving = drawn(("1.234 kg", True)), drawn(("1.234 kg", False))
    ys, xs = changed(drawn(None), stable)
    region = (slice(ys.min(), ys.max() + 1), slice(0, stable.shape[1] // 2))
    s, m = stable[region].reshape(-1, 3).astype(int), moving[region].reshape(-1, 3).astype(int)
    whiteish = (s.min(axis=1) > 200).sum()
    amber = ((m[:, 2] > 200) & (m[:, 0] < 60)).sum()  # BGR: red high, blue low
    assert whiteish > 100 and amber > 100
    assert ((s[:, 2] > 200) & (s[:, 0] < 60)).sum() == 0  # no amber in the stable line
    assert not np.array_equal(stable, moving)


def test_the_weight_changes_in_the_picture_when_it_changes():
    assert not np.array_equal(drawn(("1.234 kg", True)), drawn(("1.235 kg", True)))
