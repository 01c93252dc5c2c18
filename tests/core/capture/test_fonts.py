"""Finding a Chinese-capable font and reading which characters a font covers."""

from __future__ import annotations

from pathlib import Path

import pytest

from packseal.core.capture import fonts
from packseal.core.capture.fonts import FontMissingError, cjk_font_path, missing_glyphs


def test_the_shipped_font_comes_first():
    path = cjk_font_path()
    assert path.name == fonts.SHIPPED_FONT and path.is_file()


def test_shipped_font_covers_station_names_and_overlay_text():
    path = cjk_font_path()
    sample = "杭州仓-打包台3 深圳龙华二号仓 2026-11-24 14:03:07 +08:00 REC ABCxyz"
    assert missing_glyphs(path, sample) == set()
    # Outside GBK and the Latin range: reported, not silently accepted.
    assert missing_glyphs(path, "仓😀\U000F0000") == {"😀", "\U000F0000"}


def test_a_latin_only_font_lacks_han():
    dejavu = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not dejavu.is_file():
        pytest.skip("DejaVu Sans is not installed")
    assert missing_glyphs(dejavu, "Bench 3") == set()
    assert missing_glyphs(dejavu, "打包台3") == {"打", "包", "台"}


def test_falls_back_to_a_system_cjk_font(monkeypatch):
    system = fonts._fontconfig_cjk_font()
    if system is None:
        pytest.skip("no system CJK font to fall back to")
    monkeypatch.setattr(fonts, "_shipped_font", lambda: None)
    fonts.cjk_font_path.cache_clear()
    try:
        path = cjk_font_path()
        assert path == system
        assert missing_glyphs(path, "杭州仓") == set()
    finally:
        fonts.cjk_font_path.cache_clear()


def test_no_font_at_all_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(fonts, "_shipped_font", lambda: None)
    monkeypatch.setattr(fonts, "_fontconfig_cjk_font", lambda: None)
    fonts.cjk_font_path.cache_clear()
    try:
        with pytest.raises(FontMissingError, match="Reinstall PackSeal"):
            cjk_font_path()
    finally:
        fonts.cjk_font_path.cache_clear()


def test_a_damaged_font_is_reported(tmp_path):
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"\x00\x01\x00\x00" + b"\x00" * 8)
    with pytest.raises(FontMissingError, match="damaged"):
        missing_glyphs(broken, "A")
