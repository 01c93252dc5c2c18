"""Screenshots of the dispute view in each mode and of the library page, for docs/screenshots/ and a human eye.

Not a test. Run on a real (virtual) X display, once per language::

    Xvfb :97 -screen 0 1440x900x24 &
    DISPLAY=:97 .venv/bin/python tests/gui/dispute/make_screenshots.py en OUT_DIR
    DISPLAY=:97 .venv/bin/python tests/gui/dispute/make_screenshots.py zh_CN OUT_DIR

The window shows the generated dispute scene (tests/support/scene.py):
a refund photo of the filmed box with a crack drawn on it, carrying China's
AI-generated-content label, compared with the packing clip; then the rest
of the claim: a close-up of the crack, the parcel with its waybill and the
opened box (tests/support/closeups.py, parcel_photos.py).
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

import cv2
from PIL import Image
from PIL.PngImagePlugin import PngInfo
from PySide6.QtCore import QPointF, QTimer
from PySide6.QtWidgets import QWidget

from packseal.compose import open_services
from packseal.core.settings import Settings, save_settings
from packseal.gui import i18n
from packseal.gui.app import make_application, make_window
from packseal.gui.dispute.comparison_area import HEATMAP, OVERLAY, SIDE_BY_SIDE
from packseal.gui.pages import LIBRARY
from tests.support import closeups, parcel_photos, scene
from tests.support.scene import ORDER
from tests.support.sealed_orders import add_scene_clip

AIGC = '{"Label":"1","ContentProducer":"001191110102MACQD9K64010000","ProduceID":"img-42"}'


def ai_labelled_photo(folder: Path) -> Path:
    info = PngInfo()
    info.add_text("AIGC", AIGC)
    buf = io.BytesIO()
    Image.fromarray(cv2.cvtColor(scene.refund_photo(), cv2.COLOR_BGR2RGB)).save(buf, "PNG", pnginfo=info)
    path = folder / "refund-photo.png"
    path.write_bytes(buf.getvalue())
    return path


def main() -> int:
    language, out = sys.argv[1], Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    tag = "zh" if language == "zh_CN" else "en"
    work = Path(tempfile.mkdtemp())
    data = work / "data"
    data.mkdir()
    save_settings(Settings(station_name="打包台 1" if tag == "zh" else "Bench 1", language=language,
                           width=1280, height=720, fps=15, encoder="libx264", segment_s=1.0),
                  data / "settings.json")
    app = make_application()
    translations = i18n.Translations(app)
    translations.apply(language)
    services = open_services(data, recorder=False)
    files = scene.write_scene(work / "scene")
    add_scene_clip(services, files)
    photo = ai_labelled_photo(work)
    more = {"closeup": closeups.closeup((0.58, 0.92, 0, 1), magnification=3.0, rotation=75).image,
            "parcel": parcel_photos.parcel_photo(ORDER), "opened-box": parcel_photos.opened_box_photo()}
    claim = []
    for name, image in more.items():
        claim.append(work / f"{name}.jpg")
        claim[-1].write_bytes(scene.jpeg_bytes(image, 88))
    window = make_window(services, "test:1280x720@15", translations=translations, camera_codes=False)
    window.resize(1440, 900)
    window.show()
    window.start()
    d = window.dispute

    def shot(widget: QWidget, name: str) -> None:
        path = out / f"{name}-{tag}.png"
        widget.grab().save(str(path))
        print("saved", path)

    def annotations() -> None:
        d.annotations.add(d.annotations.annotation_for("photo", kind="box", x=850, y=640, w=160, h=260,
                                     text="裂纹 crack?" if tag == "zh" else "crack not in the shipment"))
        d.annotations.add(d.annotations.annotation_for("frame", kind="arrow", x1=640, y1=330, x2=735, y2=300,
                                     text="完好 intact" if tag == "zh" else "intact when packed"))
        d.annotations.select(None)

    def zoom() -> None:
        photo_canvas = d.area.side_by_side.photo
        crack = scene.crack_in_photo().mean(axis=0)
        photo_canvas.zoom_at(1.6, photo_canvas.to_widget(QPointF(*crack)))

    def swipe() -> None:
        d.area.modes.setCurrentIndex(OVERLAY)
        d.area.overlay.opacity_slider.setValue(100)
        d.area.overlay.swipe_box.setChecked(True)
        d.area.overlay.canvas.set_divider(0.58)

    def idle() -> bool:
        """A step that waits until the view has finished what it was doing (the machine may be slow)."""
        return not (d.busy or d.packer.busy)

    steps: list[tuple[int, callable]] = [
        (1500, lambda: window.pages.show_page(LIBRARY)),
        (100, window.library.refresh),
        (1200, lambda: window.library.select_row(0)),
        (1500, lambda: shot(window, "library")),
        (100, lambda: window.open_dispute(ORDER)),
        (100, lambda: d.open_photo(photo)),
        (1000, idle),
        (500, annotations),
        (300, lambda: shot(window, "dispute-side-by-side")),
        (100, zoom),
        (300, lambda: shot(window, "dispute-zoomed")),
        (100, swipe),
        (400, lambda: shot(window, "dispute-overlay-swipe")),
        (100, lambda: d.area.overlay.swipe_box.setChecked(False)),
        (100, lambda: d.area.overlay.opacity_slider.setValue(50)),
        (300, lambda: shot(window, "dispute-overlay")),
        (100, lambda: d.area.modes.setCurrentIndex(HEATMAP)),
        (100, lambda: d.area.heatmap.region_list.setCurrentRow(0)),
        (400, lambda: shot(window, "dispute-heatmap")),
        (100, lambda: d.findings.ela_button.click()),
        (400, lambda: shot(window, "dispute-ela")),
        (100, lambda: d.area.modes.setCurrentIndex(SIDE_BY_SIDE)),
        (100, lambda: d.open_photos(claim)),
        (1000, idle),
        (300, lambda: d.show_photo(1)),
        (800, lambda: shot(window, "dispute-closeup")),
        (100, lambda: d.show_photo(2)),
        (800, lambda: shot(window, "dispute-parcel")),
        (100, lambda: d.show_photo(3)),
        (100, lambda: d.photo_list.opened_box.click()),
        (1000, idle),
        (800, lambda: shot(window, "dispute-opened-box")),
        (100, lambda: d.open_photo(files.other_photo)),
        (1000, idle),
        (800, lambda: shot(window, "dispute-no-match")),
        (100, window.close),
    ]

    def run(n: int) -> None:
        if n >= len(steps):
            return
        _, fn = steps[n]
        if fn is idle and not idle():
            QTimer.singleShot(200, lambda: run(n))
            return
        if fn is not idle:
            fn()
        if n + 1 < len(steps):
            QTimer.singleShot(steps[n + 1][0], lambda: run(n + 1))

    QTimer.singleShot(steps[0][0], lambda: run(0))
    window.shut_down.connect(app.quit)
    code = app.exec()
    services.close()
    return code


if __name__ == "__main__":
    raise SystemExit(main())
