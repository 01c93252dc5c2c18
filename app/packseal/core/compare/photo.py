"""Reading a buyer's refund photo safely.

Refund photos come from strangers: any file may be damaged, mislabelled, or
built to exhaust memory (a "decompression bomb": a few kilobytes that claim
billions of pixels). This module reads JPEG, PNG, WebP, HEIC/HEIF and BMP
with Pillow (HEIC through pillow-heif), turns the picture upright as its
EXIF orientation says, shrinks very large pictures while decoding (JPEG draft
mode decodes at 1/2, 1/4 or 1/8 size directly), and turns every way a file
can fail into a :class:`BadInputError` that says what is wrong with it.
"""

from __future__ import annotations

import hashlib
import io
import struct
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

from packseal.core.errors import BadInputError

try:  # HEIC is what iPhones save; without pillow-heif it is reported as unsupported
    from pillow_heif import register_heif_opener

    register_heif_opener()
    HEIF_SUPPORTED = True
except ImportError:  # pragma: no cover - pillow-heif is a dependency
    HEIF_SUPPORTED = False

#: Largest picture accepted, in pixels: above every common phone camera mode
#: (108 MP sensors included), far below what would exhaust memory.
MAX_PHOTO_PIXELS = 120_000_000
#: Largest file accepted.
MAX_PHOTO_BYTES = 100 * 1024 * 1024
#: Long side of the decoded working copy; larger pictures are shrunk.
MAX_DECODED_SIDE = 2048

# Pillow's bomb guard is one process-wide number; PackSeal opens untrusted
# pictures only here, so it is set here, to the same limit as our own check.
Image.MAX_IMAGE_PIXELS = MAX_PHOTO_PIXELS

_ACCEPTED_FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WebP",
                     "HEIF": "HEIC", "BMP": "BMP"}
# Image formats Pillow may recognise (or that we can name) but that are not accepted.
_OTHER_IMAGE_MAGIC = [
    (b"GIF8", "GIF"), (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"), (b"8BPS", "Photoshop PSD"),
    (b"\xff\x0a", "JPEG XL"), (b"\x00\x00\x00\x0cJXL ", "JPEG XL"), (b"%PDF", "PDF"),
]
_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1", b"avif", b"avis")
_ORIENTATION_TAG = 0x0112
_EXIF_IFD = 0x8769
_GPS_IFD = 0x8825


@dataclass(frozen=True)
class Photo:
    """A decoded refund photo.

    ``size`` is the upright picture's full size (width, height) in pixels,
    the coordinate system every result is reported in; ``image`` is an
    upright BGR copy whose long side is at most :data:`MAX_DECODED_SIDE`
    (``scale`` = its width / ``size`` width). ``data`` holds the file's
    original bytes, ``exif`` its EXIF tags by name (main and Exif IFD),
    ``text`` its text metadata (PNG text chunks and the like) and ``xmp``
    the XMP packet Pillow found, if any.
    """

    data: bytes
    sha256: str
    format: str
    size: tuple[int, int]
    image: np.ndarray
    path: Path | None = None
    exif: dict[str, Any] = field(default_factory=dict)
    text: dict[str, str] = field(default_factory=dict)
    xmp: bytes | None = None

    @property
    def scale(self) -> float:
        """Working-copy pixels per original pixel."""
        return self.image.shape[1] / self.size[0]


def load_photo(path: Path | str) -> Photo:
    """Read and decode the photo at ``path``; raises :class:`BadInputError` when it cannot be used."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise BadInputError(f"{path} is a folder, not a photo") from None
    except OSError as exc:
        raise BadInputError(f"cannot read the photo {path}: {exc.strerror or exc}") from exc
    return photo_from_bytes(data, path=path)


def photo_from_bytes(data: bytes, *, path: Path | None = None) -> Photo:
    """Decode a photo from its file bytes (see :func:`load_photo`)."""
    name = str(path) if path else "the photo"
    if not data:
        raise BadInputError(f"{name} is empty (0 bytes); ask the buyer to send the photo again")
    if len(data) > MAX_PHOTO_BYTES:
        raise BadInputError(f"{name} is {len(data) / 2**20:.0f} MiB; photos over "
                            f"{MAX_PHOTO_BYTES // 2**20} MiB are not read")
    im = _open(data, name)
    fmt = _ACCEPTED_FORMATS.get(im.format or "")
    if fmt is None:
        raise BadInputError(f"{name} is a {im.format} image; PackSeal reads JPEG, PNG, WebP, HEIC "
                            "and BMP photos; save it as JPEG or PNG and try again")
    width, height = im.size
    if width * height > MAX_PHOTO_PIXELS:
        raise _bomb(name, width, height)
    try:
        # Reading EXIF may decode a PNG's chunks up to the end: a truncated file fails here.
        exif = im.getexif()
        if exif.get(_ORIENTATION_TAG) in (5, 6, 7, 8):  # a quarter turn: the upright picture is tall
            width, height = height, width
        if fmt == "JPEG":
            # Decode at 1/2, 1/4 or 1/8 size straight away when the picture is huge.
            im.draft("RGB", (MAX_DECODED_SIDE, MAX_DECODED_SIDE))
        im.load()
        text, xmp = _text_chunks(im), _pillow_xmp(im)
        im = ImageOps.exif_transpose(im)
        im.thumbnail((MAX_DECODED_SIDE, MAX_DECODED_SIDE), Image.Resampling.LANCZOS, reducing_gap=3.0)
        rgb = _to_rgb(im)
    except (OSError, SyntaxError, ValueError, EOFError, struct.error) as exc:
        raise BadInputError(f"{name} is truncated or damaged and cannot be decoded ({exc}); "
                            "ask the buyer for the original file") from exc
    return Photo(
        data=data, sha256=hashlib.sha256(data).hexdigest(), format=fmt, size=(width, height),
        image=np.ascontiguousarray(rgb[:, :, ::-1]), path=path, exif=_named_exif(exif), text=text,
        xmp=xmp,
    )


def _open(data: bytes, name: str) -> Image.Image:
    """Image.open with the bomb guard raised as an error and every failure named."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im = Image.open(io.BytesIO(data))
            return im
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        w, h = _declared_size(data)
        raise _bomb(name, w, h) from None
    except UnidentifiedImageError:
        other = _other_format(data)
        if other:
            raise BadInputError(f"{name} is a {other} file; PackSeal reads JPEG, PNG, WebP, HEIC "
                                "and BMP photos; save it as JPEG or PNG and try again") from None
        raise BadInputError(f"{name} is not an image PackSeal can read (not JPEG, PNG, WebP, HEIC "
                            "or BMP), or it is damaged beyond its first bytes") from None
    except (OSError, SyntaxError, ValueError, EOFError, struct.error) as exc:
        raise BadInputError(f"{name} is truncated or damaged and cannot be read ({exc}); "
                            "ask the buyer for the original file") from exc


def _bomb(name: str, width: int, height: int) -> BadInputError:
    size = f" ({width}×{height})" if width and height else ""
    return BadInputError(f"{name} claims more than {MAX_PHOTO_PIXELS // 1_000_000} megapixels{size}; "
                         "it was refused as a possible decompression bomb. Ask for a normal-size photo")


def _declared_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG header, for the error message (0, 0 otherwise)."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        return struct.unpack(">II", data[16:24])
    return 0, 0


def _other_format(data: bytes) -> str | None:
    for magic, label in _OTHER_IMAGE_MAGIC:
        if data.startswith(magic):
            return label
    if data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:
        return "HEIC/AVIF (this installation cannot decode it)" if HEIF_SUPPORTED else "HEIC"
    return None


def _to_rgb(im: Image.Image) -> np.ndarray:
    if im.mode in ("I;16", "I;16B", "I;16L", "I"):
        arr = np.asarray(im, np.float64)
        top = arr.max() or 1.0
        grey = np.clip(arr * (255.0 / top), 0, 255).astype(np.uint8)
        return np.repeat(grey[:, :, None], 3, axis=2)
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        # Transparent parts are shown on white, as an image viewer would.
        rgba = im.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        im = Image.alpha_composite(white, rgba)
    return np.asarray(im.convert("RGB"))


def _text_chunks(im: Image.Image) -> dict[str, str]:
    """PNG tEXt/zTXt/iTXt chunks (and other textual info) as a dict of strings."""
    found: dict[str, str] = {}
    chunks = getattr(im, "text", None)  # PNG: includes chunks after the image data
    for source in (chunks or {}, im.info):
        for key, value in source.items():
            if isinstance(value, bytes):
                continue
            if isinstance(value, str):
                found.setdefault(str(key), value)
    return found


def _pillow_xmp(im: Image.Image) -> bytes | None:
    value = im.info.get("xmp") or im.info.get("XML:com.adobe.xmp")
    if isinstance(value, str):
        return value.encode("utf-8")
    return value if isinstance(value, bytes) else None


def _named_exif(exif: Image.Exif) -> dict[str, Any]:
    """EXIF tags of the main IFD, the Exif IFD and the GPS IFD by name."""
    named: dict[str, Any] = {}
    for ifd in (dict(exif), _sub_ifd(exif, _EXIF_IFD)):
        for tag, value in ifd.items():
            if tag in (_EXIF_IFD, _GPS_IFD):
                continue
            named[ExifTags.TAGS.get(tag, f"Tag0x{tag:04X}")] = _utf8_text(value)
    gps = _sub_ifd(exif, _GPS_IFD)
    if gps:
        named["GPSInfo"] = {ExifTags.GPSTAGS.get(t, str(t)): v for t, v in gps.items()}
    return named


def _utf8_text(value: Any) -> Any:
    """EXIF "ASCII" text that is really UTF-8 (Chinese apps write it so), which Pillow reads as Latin-1."""
    if isinstance(value, str) and any("\x80" <= ch <= "\xff" for ch in value):
        try:
            return value.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return value
    return value


def _sub_ifd(exif: Image.Exif, tag: int) -> dict[int, Any]:
    try:
        return dict(exif.get_ifd(tag))
    except (KeyError, ValueError, TypeError, struct.error, OSError):
        return {}


def working_copy(photo: Photo, long_side: int) -> tuple[np.ndarray, float]:
    """The photo shrunk to ``long_side`` (never enlarged); returns (BGR image, pixels per original pixel)."""
    h, w = photo.image.shape[:2]
    s = min(1.0, long_side / max(h, w))
    image = photo.image if s >= 1.0 else cv2.resize(
        photo.image, (max(1, round(w * s)), max(1, round(h * s))), interpolation=cv2.INTER_AREA)
    return image, image.shape[1] / photo.size[0]
