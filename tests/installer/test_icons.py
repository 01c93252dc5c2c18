"""The application icon at every size the platforms ask for, made from its drawings."""

from __future__ import annotations

import io

import app_icons
import numpy as np
import pytest
from PIL import Image


def _rgba(data) -> np.ndarray:
    image = Image.open(data if not isinstance(data, bytes) else io.BytesIO(data))
    return np.asarray(image.convert("RGBA"), dtype=np.int16)


@pytest.mark.parametrize("size", app_icons.PNG_SIZES)
def test_each_committed_png_is_the_drawing_at_that_size(size):
    path = app_icons.OUT_DIR / app_icons.png_name(size)
    committed = _rgba(path)
    assert committed.shape == (size, size, 4)
    assert committed[0, 0, 3] == 0  # a transparent corner: an icon, not a square tile
    opaque = (committed[..., 3] > 0).mean()
    assert 0.4 < opaque < 0.95  # the parcel and the seal fill most of it
    # Re-run `python installer/build.py icons` when a drawing changes; a little slack for
    # anti-aliasing differences between Qt versions.
    fresh = _rgba(app_icons.render_png(app_icons._drawing_for(size), size))
    assert np.abs(fresh - committed).mean() < 2.0


def test_small_sizes_use_the_bold_drawing():
    assert app_icons._drawing_for(16) == app_icons.SMALL_SVG
    assert app_icons._drawing_for(32) == app_icons.SMALL_SVG
    assert app_icons._drawing_for(48) == app_icons.SOURCE_SVG


def test_the_ico_and_icns_hold_every_size_each_drawn_for_it(tmp_path):
    written = {p.name: p for p in app_icons.make_icons(tmp_path)}
    assert set(written) == {app_icons.png_name(s) for s in app_icons.PNG_SIZES} | {"packseal.ico", "packseal.icns"}
    with Image.open(written["packseal.ico"]) as ico:
        assert ico.info["sizes"] == {(s, s) for s in app_icons.ICO_SIZES}
        for size in app_icons.ICO_SIZES:
            ico.size = (size, size)
            entry = np.asarray(ico.convert("RGBA"), dtype=np.int16)
            png = _rgba(written[app_icons.png_name(size)])
            # Its own rendering, not the 256-pixel one scaled down.
            assert np.abs(entry - png).max() <= 1, size
    with Image.open(written["packseal.icns"]) as icns:
        assert {s[0] for s in icns.info["sizes"]} >= {16, 32, 128, 256, 512}


def test_the_committed_ico_and_icns_are_there_for_the_builds():
    assert Image.open(app_icons.OUT_DIR / "packseal.ico").info["sizes"] == {(s, s) for s in app_icons.ICO_SIZES}
    assert Image.open(app_icons.OUT_DIR / "packseal.icns").size == (1024, 1024)
