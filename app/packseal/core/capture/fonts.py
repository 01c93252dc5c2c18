"""Finding a font that can draw Chinese, and checking which characters it covers.

The overlay burns station names such as "杭州仓-打包台3" into the video, so it
needs a TrueType font with Han glyphs. PackSeal ships one (a GBK subset of
WenQuanYi Micro Hei); a system CJK font found through fontconfig stands in
when the resource is missing, e.g. in a stripped-down package.
"""

from __future__ import annotations

import functools
import importlib.resources
import logging
import shutil
import struct
import subprocess
from pathlib import Path

from packseal.core.errors import PackSealError

log = logging.getLogger(__name__)

SHIPPED_FONT = "WenQuanYiMicroHei-GBK.ttf"


class FontMissingError(PackSealError):
    """No font that can draw Chinese text was found."""


@functools.cache
def cjk_font_path() -> Path:
    """Return the path of a TrueType font with Latin and Chinese glyphs.

    The font shipped in ``packseal.resources/fonts`` comes first; without it,
    the first font fontconfig lists for ``:lang=zh``. Raises
    :class:`FontMissingError` when neither exists.
    """
    shipped = _shipped_font()
    if shipped is not None:
        return shipped
    system = _fontconfig_cjk_font()
    if system is not None:
        log.warning("PackSeal's own CJK font is missing; using the system font %s", system)
        return system
    raise FontMissingError(
        f"No font for Chinese text was found: {SHIPPED_FONT} is missing from PackSeal's "
        "resources and fontconfig lists no Chinese font. Reinstall PackSeal, or install "
        "a CJK font (e.g. fonts-wqy-microhei or fonts-noto-cjk)."
    )


def _shipped_font() -> Path | None:
    try:
        candidate = importlib.resources.files("packseal.resources") / "fonts" / SHIPPED_FONT
    except ModuleNotFoundError:
        return None
    path = Path(str(candidate))
    return path if path.is_file() else None


def _fontconfig_cjk_font() -> Path | None:
    # fc-match always answers with *some* font (often DejaVu, which has no Han
    # glyphs), so ask fc-list for fonts that really declare Chinese coverage.
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        out = subprocess.run([fc_list, ":lang=zh", "file"], capture_output=True, text=True,
                             timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("fc-list failed while looking for a CJK font: %s", exc)
        return None
    files = sorted(line.strip().rstrip(":").strip() for line in out.splitlines() if line.strip())
    for name in files:
        path = Path(name)
        if path.suffix.lower() in (".ttf", ".ttc", ".otf") and path.is_file():
            return path
    return None


def missing_glyphs(font_path: Path, text: str) -> set[str]:
    """Return the characters of ``text`` (whitespace aside) that the font has no glyph for.

    Reads the font's ``cmap`` table (formats 4 and 12; first face of a .ttc),
    so the answer comes from the font itself, not from how a renderer copes.
    """
    wanted = {ch for ch in text if not ch.isspace()}
    if not wanted:
        return set()
    covered = _cmap_codepoints(str(font_path))
    return {ch for ch in wanted if ord(ch) not in covered}


@functools.lru_cache(maxsize=4)
def _cmap_codepoints(font_path: str) -> frozenset[int]:
    data = Path(font_path).read_bytes()
    try:
        return frozenset(_parse_cmap(data))
    except (struct.error, ValueError) as exc:
        raise FontMissingError(f"The font {font_path} is damaged (its cmap table cannot "
                               f"be read: {exc}). Reinstall PackSeal.") from exc


def _parse_cmap(data: bytes) -> set[int]:
    offset = 0
    if data[:4] == b"ttcf":  # a font collection: use its first face
        offset = struct.unpack_from(">I", data, 12)[0]
    num_tables = struct.unpack_from(">H", data, offset + 4)[0]
    cmap_at = None
    for i in range(num_tables):
        tag, _checksum, table_offset, _length = struct.unpack_from(">4sIII", data, offset + 12 + 16 * i)
        if tag == b"cmap":
            cmap_at = table_offset
            break
    if cmap_at is None:
        raise ValueError("no cmap table")
    n_sub = struct.unpack_from(">H", data, cmap_at + 2)[0]
    subtables: dict[int, int] = {}
    for i in range(n_sub):
        platform, encoding, sub_offset = struct.unpack_from(">HHI", data, cmap_at + 4 + 8 * i)
        if (platform == 3 and encoding in (1, 10)) or platform == 0:
            fmt = struct.unpack_from(">H", data, cmap_at + sub_offset)[0]
            subtables.setdefault(fmt, cmap_at + sub_offset)
    if 12 in subtables:
        return _cmap_format12(data, subtables[12])
    if 4 in subtables:
        return _cmap_format4(data, subtables[4])
    raise ValueError("no Unicode cmap subtable of format 4 or 12")


def _cmap_format4(data: bytes, at: int) -> set[int]:
    seg_count = struct.unpack_from(">H", data, at + 6)[0] // 2
    ends_at = at + 14
    starts_at = ends_at + 2 * seg_count + 2  # skip reservedPad
    deltas_at = starts_at + 2 * seg_count
    range_offsets_at = deltas_at + 2 * seg_count
    codepoints: set[int] = set()
    for seg in range(seg_count):
        end = struct.unpack_from(">H", data, ends_at + 2 * seg)[0]
        start = struct.unpack_from(">H", data, starts_at + 2 * seg)[0]
        delta = struct.unpack_from(">h", data, deltas_at + 2 * seg)[0]
        range_offset = struct.unpack_from(">H", data, range_offsets_at + 2 * seg)[0]
        for cp in range(start, end + 1):
            if cp == 0xFFFF:
                continue
            if range_offset == 0:
                glyph = (cp + delta) & 0xFFFF
            else:
                # The offset is relative to the idRangeOffset entry itself.
                glyph_at = range_offsets_at + 2 * seg + range_offset + 2 * (cp - start)
                glyph = struct.unpack_from(">H", data, glyph_at)[0]
                if glyph:
                    glyph = (glyph + delta) & 0xFFFF
            if glyph:
                codepoints.add(cp)
    return codepoints


def _cmap_format12(data: bytes, at: int) -> set[int]:
    n_groups = struct.unpack_from(">I", data, at + 12)[0]
    codepoints: set[int] = set()
    for g in range(n_groups):
        start, end, start_glyph = struct.unpack_from(">III", data, at + 16 + 12 * g)
        first = start if start_glyph else start + 1  # glyph 0 is .notdef, not coverage
        codepoints.update(range(first, end + 1))
    return codepoints
