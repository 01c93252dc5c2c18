"""Reading refund photos: every accepted format, EXIF orientation, and every way a file can be bad."""

from __future__ import annotations

import hashlib
import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from packseal.core.compare.photo import MAX_DECODED_SIDE, load_photo, photo_from_bytes
from packseal.core.errors import BadInputError


def _picture(w: int = 400, h: int = 200) -> Image.Image:
    """Grey with a red block at the top-left and a blue block at the bottom-right (of stored pixels)."""
    arr = np.full((h, w, 3), 128, np.uint8)
    arr[: h // 4, : w // 4] = (255, 0, 0)
    arr[-h // 4:, -w // 4:] = (0, 0, 255)
    return Image.fromarray(arr)


def _saved(im: Image.Image, fmt: str, **kw) -> bytes:
    buf = io.BytesIO()
    im.save(buf, fmt, **kw)
    return buf.getvalue()


def _is_red(bgr) -> bool:
    b, g, r = (int(v) for v in bgr)
    return r > 200 and g < 60 and b < 60


@pytest.mark.parametrize("fmt, name", [("JPEG", "JPEG"), ("PNG", "PNG"), ("WEBP", "WebP"), ("BMP", "BMP"),
                                       ("HEIF", "HEIC")])
def test_each_accepted_format_decodes_to_bgr(tmp_path, fmt, name):
    data = _saved(_picture(), fmt, **({"quality": 95} if fmt in ("JPEG", "WEBP", "HEIF") else {}))
    path = tmp_path / f"photo.{fmt.lower()}"
    path.write_bytes(data)
    photo = load_photo(path)
    assert photo.format == name
    assert photo.size == (400, 200) and photo.image.shape == (200, 400, 3)
    assert photo.image.dtype == np.uint8
    assert _is_red(photo.image[10, 10])            # BGR order: red stays red
    assert photo.image[190, 390][0] > 200           # blue in channel 0
    assert photo.sha256 == hashlib.sha256(data).hexdigest()
    assert photo.data == data and photo.path == path


@pytest.mark.parametrize("fmt", ["JPEG", "WEBP", "PNG", "HEIF"])
def test_exif_orientation_turns_the_picture_upright(fmt):
    exif = Image.Exif()
    exif[0x0112] = 6  # stored sideways: rotate 90° clockwise to view
    extra = {} if fmt == "PNG" else {"quality": 95}
    photo = photo_from_bytes(_saved(_picture(), fmt, exif=exif.tobytes(), **extra))
    assert photo.size == (200, 400)
    assert photo.image.shape == (400, 200, 3)
    assert _is_red(photo.image[10, 190])   # the stored top-left is now top-right
    assert not _is_red(photo.image[10, 10])


def test_transparent_parts_are_shown_on_white():
    rgba = np.zeros((50, 80, 4), np.uint8)
    rgba[:, :40] = (0, 0, 255, 255)  # opaque blue left half, transparent right half
    photo = photo_from_bytes(_saved(Image.fromarray(rgba, "RGBA"), "PNG"))
    assert tuple(photo.image[25, 10]) == (255, 0, 0)
    assert tuple(photo.image[25, 70]) == (255, 255, 255)


def test_a_16_bit_png_keeps_its_tones():
    grey = (np.arange(256, dtype=np.uint16)[None, :].repeat(10, axis=0) * 257)
    photo = photo_from_bytes(_saved(Image.fromarray(grey.astype("<u2")), "PNG"))
    row = photo.image[5, :, 0].astype(int)
    assert row[0] < 5 and row[-1] > 250 and np.all(np.diff(row) >= 0)


def test_a_very_large_photo_is_shrunk_but_reports_its_full_size():
    big = Image.new("RGB", (6000, 4000), (90, 120, 150))
    photo = photo_from_bytes(_saved(big, "JPEG", quality=70))
    assert photo.size == (6000, 4000)
    assert max(photo.image.shape[:2]) == MAX_DECODED_SIDE
    assert photo.scale == pytest.approx(MAX_DECODED_SIDE / 6000, rel=1e-3)


def test_text_chunks_and_xmp_are_kept():
    from PIL.PngImagePlugin import PngInfo
    info = PngInfo()
    info.add_text("parameters", "a cracked vase, Steps: 20")
    info.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta xmlns:x='adobe:ns:meta/'></x:xmpmeta>", zip=True)
    photo = photo_from_bytes(_saved(_picture(), "PNG", pnginfo=info))
    assert photo.text["parameters"] == "a cracked vase, Steps: 20"
    assert photo.xmp and b"xmpmeta" in photo.xmp


# -- bad input --------------------------------------------------------------------

def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares ``width``×``height`` but carries almost no data: a decompression bomb's head."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64))
            + chunk(b"IEND", b""))


@pytest.mark.parametrize("width, height", [(50_000, 50_000), (12_000, 11_000)])
def test_a_decompression_bomb_is_refused(width, height):
    with pytest.raises(BadInputError, match="decompression bomb") as err:
        photo_from_bytes(_png_header_only(width, height))
    assert f"{width}×{height}" in str(err.value)


def test_a_truncated_jpeg_is_refused():
    data = _saved(_picture(800, 600), "JPEG", quality=90)
    with pytest.raises(BadInputError, match="truncated or damaged"):
        photo_from_bytes(data[: len(data) // 2])


def test_an_empty_file_is_refused(tmp_path):
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    with pytest.raises(BadInputError, match="empty"):
        load_photo(empty)


def test_a_file_that_is_not_an_image_is_refused(tmp_path):
    text = tmp_path / "refund.jpg"
    text.write_text("Dear seller, the vase arrived broken.\n" * 20)
    with pytest.raises(BadInputError, match="not an image"):
        load_photo(text)


@pytest.mark.parametrize("fmt, label", [("GIF", "GIF"), ("TIFF", "TIFF")])
def test_an_image_in_an_unsupported_format_is_named(fmt, label):
    with pytest.raises(BadInputError, match=f"{label}.*JPEG, PNG, WebP, HEIC"):
        photo_from_bytes(_saved(_picture(), fmt))


def test_a_missing_file_or_a_folder_is_refused(tmp_path):
    with pytest.raises(BadInputError, match="cannot read"):
        load_photo(tmp_path / "nope.jpg")
    with pytest.raises(BadInputError, match="folder"):
        load_photo(tmp_path)
