"""PackSeal's application icon at every size the platforms ask for, made from its SVG drawings.

``resources/icons/packseal.svg`` is the icon (a parcel sealed with a red
check-mark seal); ``packseal-small.svg`` is the same picture drawn on a
16-pixel grid with bolder lines, used up to 32 pixels where the detailed
drawing would blur. :func:`make_icons` renders both with Qt's SVG renderer
into ``resources/icons/app/``:

- ``packseal-<N>.png`` for N in :data:`PNG_SIZES` (Linux hicolor theme, .deb),
- ``packseal.ico`` with 16–256 px (Windows executables, installer, shortcuts),
- ``packseal.icns`` with 32–1024 px (macOS).

The outputs are committed, so a build needs nothing but the repository; run
``python installer/build.py icons`` after changing a drawing.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from staging import RESOURCES, BuildError

ICONS = RESOURCES / "icons"
SOURCE_SVG = ICONS / "packseal.svg"
SMALL_SVG = ICONS / "packseal-small.svg"
OUT_DIR = ICONS / "app"

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # 256 is the largest an .ico entry can hold
ICNS_SIZES = (32, 64, 128, 256, 512, 1024)  # the sizes an .icns written by Pillow holds
SMALL_UP_TO = 32  # sizes up to this use the 16-pixel-grid drawing


def png_name(size: int) -> str:
    return f"packseal-{size}.png"


def render_png(svg: Path, size: int) -> bytes:
    """``svg`` rendered square at ``size`` pixels on a transparent background, as PNG bytes."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer
    from PySide6.QtWidgets import QApplication

    if QCoreApplication.instance() is None:
        # A full QApplication (not a QGuiApplication), so widgets made later in the same process
        # still work; kept on the function because it must outlive this call.
        render_png.app = QApplication([])  # type: ignore[attr-defined]
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise BuildError(f"{svg} is not an SVG drawing Qt can render; fix the file.")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def _drawing_for(size: int) -> Path:
    return SMALL_SVG if size <= SMALL_UP_TO else SOURCE_SVG


def make_icons(out_dir: Path = OUT_DIR) -> list[Path]:
    """Write the PNGs, the .ico and the .icns into ``out_dir``; returns the files written."""
    from PIL import Image

    out_dir.mkdir(parents=True, exist_ok=True)
    sizes = sorted(set(PNG_SIZES) | set(ICO_SIZES) | set(ICNS_SIZES))
    images = {s: Image.open(io.BytesIO(render_png(_drawing_for(s), s))).convert("RGBA") for s in sizes}
    written = []
    for size in PNG_SIZES:
        path = out_dir / png_name(size)
        images[size].save(path, "PNG", optimize=True)
        written.append(path)
    # Each entry of the .ico and .icns is its own rendering, not a scaled-down copy of the largest.
    ico = out_dir / "packseal.ico"
    biggest = images[max(ICO_SIZES)]
    biggest.save(ico, "ICO", sizes=[(s, s) for s in ICO_SIZES],
                 append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)])
    written.append(ico)
    icns = out_dir / "packseal.icns"
    images[max(ICNS_SIZES)].save(icns, "ICNS", append_images=[images[s] for s in ICNS_SIZES])
    written.append(icns)
    return written
