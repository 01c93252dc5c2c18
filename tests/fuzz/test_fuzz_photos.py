"""Refund photos from strangers: mutated real JPEG and PNG files decode or are refused, never crash."""

from __future__ import annotations

import io

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from packseal.core.errors import BadInputError

from .conftest import fuzz

photo = pytest.importorskip("packseal.core.compare.photo")  # written by a colleague; fuzzed once it exists


def _picture() -> Image.Image:
    rng = np.random.default_rng(7)
    pixels = rng.integers(0, 255, (48, 64, 3), dtype=np.uint8)
    pixels[10:30, 20:40] = (200, 30, 30)
    return Image.fromarray(pixels)


def _jpeg() -> bytes:
    exif = Image.Exif()
    exif[0x0112] = 6                      # orientation: a quarter turn
    exif[0x0131] = "Adobe Photoshop 25.0"  # software
    exif[0x0132] = "2025:06:03 10:00:00"
    buf = io.BytesIO()
    _picture().save(buf, "JPEG", quality=80, exif=exif.tobytes())
    return buf.getvalue()


def _png() -> bytes:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("parameters", "a cracked mug, photo, Steps: 20, Sampler: Euler a")
    info.add_itxt("XML:com.adobe.xmp", '<x:xmpmeta xmlns:x="adobe:ns:meta/"/>')
    buf = io.BytesIO()
    _picture().convert("RGBA").save(buf, "PNG", pnginfo=info)
    return buf.getvalue()


ORIGINALS = {"jpeg": _jpeg(), "png": _png()}


@st.composite
def mutated(draw, original: bytes) -> bytes:
    """``original`` with a few byte flips, overwritten runs, insertions or a cut."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, max(0, len(data) - 1)))
        kind = draw(st.sampled_from(["flip", "run", "insert", "cut", "header"]))
        if kind == "flip":
            data[at] ^= draw(st.integers(1, 255))
        elif kind == "run":
            run = draw(st.binary(min_size=1, max_size=16))
            data[at:at + len(run)] = run
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=32))
        elif kind == "cut":
            del data[at:]
        else:  # the headers hold sizes and lengths: the likeliest place for a crash
            pos = draw(st.integers(0, min(64, len(data) - 1)))
            data[pos] = draw(st.integers(0, 255))
        if not data:
            break
    return bytes(data)


def decode_or_refuse(data: bytes) -> None:
    try:
        result = photo.photo_from_bytes(data)
    except BadInputError as exc:
        assert str(exc)
        return
    h, w = result.image.shape[:2]
    assert result.image.dtype == np.uint8 and result.image.shape[2] == 3 and h > 0 and w > 0
    assert max(h, w) <= photo.MAX_DECODED_SIDE


def test_the_originals_decode() -> None:
    jpeg = photo.photo_from_bytes(ORIGINALS["jpeg"])
    assert jpeg.format == "JPEG" and jpeg.size == (48, 64)  # upright: the EXIF turn was applied
    assert photo.photo_from_bytes(ORIGINALS["png"]).format == "PNG"


@fuzz(250)
@given(mutated(ORIGINALS["jpeg"]))
def test_mutated_jpeg(data: bytes) -> None:
    decode_or_refuse(data)


# Found by this fuzzing: reading EXIF decodes a PNG's chunks, so a truncated PNG (a
# half-uploaded photo) used to escape as OSError instead of BadInputError.
def test_a_half_uploaded_png_is_refused() -> None:
    data = ORIGINALS["png"]
    with pytest.raises(BadInputError, match="truncated or damaged"):
        photo.photo_from_bytes(data[: len(data) // 2])


@fuzz(250, report_multiple_bugs=False)  # one exception, not a group, so the xfail can name its type
@given(mutated(ORIGINALS["png"]))
def test_mutated_png(data: bytes) -> None:
    decode_or_refuse(data)


@fuzz(150)
@given(st.one_of(st.binary(max_size=2000),
                 st.binary(max_size=200).map(lambda b: b"\xff\xd8\xff" + b),
                 st.binary(max_size=200).map(lambda b: b"\x89PNG\r\n\x1a\n" + b),
                 st.binary(max_size=200).map(lambda b: b"\x00\x00\x00\x1cftypheic" + b)))
def test_random_bytes_and_bare_magic_numbers(data: bytes) -> None:
    decode_or_refuse(data)
