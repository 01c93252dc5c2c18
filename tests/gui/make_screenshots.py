"""Screenshots of the station window in every state, for docs/screenshots/ and for a human eye.

Not a test. Run on a real (virtual) X display, once per language::

    Xvfb :99 -screen 0 1280x800x24 &
    DISPLAY=:99 .venv/bin/python tests/gui/make_screenshots.py en OUT_DIR
    DISPLAY=:99 .venv/bin/python tests/gui/make_screenshots.py zh_CN OUT_DIR

``make_screenshots.py cameras LANGUAGE OUT_DIR`` takes a station of two cameras: the live pictures
side by side and picture-in-picture, one camera lost, the settings, and the library playing both.

``make_screenshots.py packing LANGUAGE OUT_DIR`` takes the pages that read the packing record
instead: the library with check results, a clip's packing detail, a shipment with its return,
the statistics page and the return beside the shipment in the dispute view.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QWidget

from packseal.compose import open_services
from packseal.core.orders.model import OrderItem
from packseal.core.orders.update import OrderUpdate
from packseal.core.recording.events import CameraBack, CameraLost
from packseal.core.settings import Settings, save_settings
from packseal.gui import i18n
from packseal.gui.app import make_application, make_window
from packseal.gui.first_run import FirstRunDialog
from packseal.gui.tasks import TaskRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script: the tests' support package
from tests.support.scale_sim import ScaleSimulator  # noqa: E402


# The bench's screenshots: an order of the shop's data checked item by item, its alerts and questions.
BENCH_PAID, BENCH_PAID2, BENCH_CANCELLED = "SF8000000000008", "SF8100000000001", "SF8200000000002"
BENCH_RETURN = "YT8300000000003"
MUG, LID, CUP, WRONG = "6901234567892", "6901234567885", "6901234567908", "4006381333931"


def _picture(path: Path, colour: str, label: str) -> str:
    """A small product picture drawn here (the shop's data gives a path or a URL)."""
    image = QImage(160, 160, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    painter = QPainter(image)
    painter.setPen(QColor("white"))
    painter.setFont(QFont("Sans", 28, QFont.Weight.Bold))
    painter.drawText(QRect(0, 0, 160, 160), Qt.AlignmentFlag.AlignCenter, label)
    painter.end()
    image.save(str(path))
    return str(path)


def store_bench_orders(data: Path, language: str) -> None:
    zh = language == "zh_CN"
    pics = data.parent / "pictures"
    pics.mkdir(exist_ok=True)
    mug = _picture(pics / "mug.png", "#c62828", "杯" if zh else "MUG")
    lid = _picture(pics / "lid.png", "#6d4c41", "盖" if zh else "LID")
    cup = _picture(pics / "cup.png", "#1565c0", "杯" if zh else "CUP")
    updates = [
        OrderUpdate("TB1001", waybills=[BENCH_PAID], status="已付款" if zh else "paid", weight_g=800,
                    buyer_note="请包装成礼物，谢谢" if zh else "Please wrap it as a gift",
                    seller_note="易碎：两层气泡膜" if zh else "Fragile: two layers of bubble wrap",
                    items=[OrderItem(sku="MUG-RED", barcode=MUG, name="红色马克杯 350ml" if zh else "Red mug 350 ml",
                                     qty=2, image=mug),
                           OrderItem(sku="LID-01", barcode=LID, name="竹制杯盖" if zh else "Bamboo lid", qty=1,
                                     image=lid)]),
        OrderUpdate("TB1002", waybills=[BENCH_PAID2], status="已付款" if zh else "paid",
                    items=[OrderItem(sku="CUP-1", barcode=CUP, name="玻璃茶杯" if zh else "Glass tea cup", qty=2,
                                     image=cup)]),
        OrderUpdate("TB1003", waybills=[BENCH_CANCELLED], status="cancelled",
                    items=[OrderItem(sku="CUP-1", barcode=CUP, name="玻璃茶杯" if zh else "Glass tea cup", qty=1)]),
    ]
    services = open_services(data)
    try:
        services.orders.merge(updates, source="screenshots")
    finally:
        services.close()


def bench_steps(window, shot) -> list:
    st, view = window.station, window.view
    scan = st.on_code_scanned
    return [
        (300, lambda: scan("PACKER-0007")),
        (800, lambda: scan(BENCH_PAID)),
        (1200, lambda: scan(MUG)),
        (1500, lambda: shot(window, "bench-items")),
        (100, lambda: scan(WRONG)),
        (1000, lambda: shot(window, "bench-wrong-item")),
        (100, lambda: scan(MUG)),
        (400, lambda: scan(LID)),
        (1200, lambda: shot(window, "bench-complete")),
        (100, lambda: scan(BENCH_CANCELLED)),
        (1500, lambda: shot(window, "bench-cancelled")),
        (100, lambda: view.warning_bar._no()),
        (4500, lambda: scan(BENCH_PAID)),
        (1500, lambda: shot(window, "bench-duplicate")),
        (100, lambda: view.warning_bar._no()),
        (800, lambda: scan(BENCH_PAID2)),
        (1000, lambda: scan(CUP)),
        (800, st.stop_order),
        (1200, lambda: shot(window, "bench-incomplete")),
        (100, lambda: view.stop_bar._yes()),
        (2500, st.bench.toggle_returns_mode),
        (800, lambda: scan(BENCH_RETURN)),
        (1500, lambda: shot(window, "bench-return")),
        (100, lambda: view.link_bar.field.setText("TB1002")),
        (100, lambda: view.link_bar._submit()),
        (1200, lambda: shot(window, "bench-return-linked")),
        (100, lambda: view.stop_bar._yes() if view.stop_bar.asking else None),
        (100, st.stop_order),
        (800, lambda: view.stop_bar._yes() if view.stop_bar.asking else None),
        (2500, st.bench.toggle_returns_mode),
    ]


def run_steps(app, window, services, steps: list[tuple[int, callable]]) -> int:
    """Once the station shows its first live picture, run each step ``delay`` ms after the one
    before, until the window closes; returns the exit code. (Counting from the start instead let a
    slow start on a busy machine refuse the first scan.) A step that returns False is a condition
    not met yet: it runs again 200 ms later, and the steps after it wait."""

    pending = list(steps)
    current: list = []
    timer = QTimer(window)
    timer.setSingleShot(True)
    timer.setTimerType(Qt.TimerType.PreciseTimer)

    def next_step() -> None:
        # One step at a time, each timed from the one before: timers all set at once may fire out
        # of order (Qt lets a coarse timer of a few seconds run 5 % late).
        if window.station.startup_seconds is None:
            pending.insert(0, (100, lambda: None))
        if pending:
            delay, fn = pending.pop(0)
            current[:] = [fn]
            timer.start(delay)

    def run() -> None:
        if current[0]() is False:  # a condition not met yet: ask again shortly
            pending.insert(0, (200, current[0]))
        next_step()

    timer.timeout.connect(run)
    next_step()
    window.shut_down.connect(app.quit)
    code = app.exec()
    services.close()
    return code


def packing_main(language: str, out: Path) -> int:
    """The library, statistics and dispute pages on two days of packing records (tests/support/packed_day.py)."""
    from packseal.gui.pages import LIBRARY, STATISTICS
    from tests.support.packed_day import DAY_A, DAY_B, SHIPMENT, WRONG, seal_packed_days

    out.mkdir(parents=True, exist_ok=True)
    tag = "zh" if language == "zh_CN" else "en"
    data = Path(tempfile.mkdtemp()) / "data"
    data.mkdir()
    save_settings(Settings(station_name="打包台 1" if tag == "zh" else "Bench 1", language=language,
                           width=1280, height=720, fps=15, encoder="libx264", segment_s=1.0), data / "settings.json")
    app = make_application()
    translations = i18n.Translations(app)
    translations.apply(language)
    services = open_services(data, recorder=False)
    seal_packed_days(services)
    window = make_window(services, "test:1280x720@15", translations=translations, camera_codes=False)
    window.resize(1280, 800)
    window.show()
    window.start()
    library = window.library

    def shot(widget: QWidget, name: str) -> None:
        widget.grab().save(str(out / f"{name}-{tag}.png"))
        print("saved", out / f"{name}-{tag}.png")

    def select(order: str) -> None:
        rows = [library.model.record(r).order_id for r in range(library.model.rowCount())]
        library.select_row(rows.index(order))

    steps: list[tuple[int, callable]] = [
        (1500, lambda: window.pages.show_page(LIBRARY)),
        (100, library.refresh),
        (1200, lambda: select(WRONG)),
        (1500, lambda: shot(window, "library-packing")),
        (100, lambda: select(SHIPMENT)),
        (2500, lambda: shot(window, "library-return")),
        (100, lambda: library.filter_bar.outcome_box.setCurrentIndex(
            library.filter_bar.outcome_box.findData("overridden"))),
        (2000, lambda: shot(window, "library-outcome-filter")),
        (100, lambda: window.pages.show_page(STATISTICS)),
        (100, lambda: window.statistics.set_range(DAY_A, DAY_B)),
        (1500, lambda: shot(window, "statistics")),
        (100, lambda: window.open_dispute(SHIPMENT)),
        (3000, lambda: window.dispute.return_beside.toggle.setChecked(True)),
        (800, lambda: shot(window, "dispute-return")),
        (100, window.close),
    ]
    return run_steps(app, window, services, steps)


def cameras_main(language: str, out: Path) -> int:
    """A station of two cameras: the test camera above the bench and a file standing for a side camera."""
    from packseal.gui.pages import LIBRARY
    from tests.support.two_cameras import side_camera_file

    out.mkdir(parents=True, exist_ok=True)
    tag = "zh" if language == "zh_CN" else "en"
    data = Path(tempfile.mkdtemp()) / "data"
    data.mkdir()
    side = side_camera_file(data.parent / "side-camera.mp4")
    save_settings(Settings(station_name="打包台 1" if tag == "zh" else "Bench 1", language=language,
                           source="test:1280x720@15", second_source=f"file:{side}?loop", width=1280, height=720,
                           fps=15, encoder="libx264", segment_s=1.0, preroll_s=1.0, postroll_s=1.0),
                  data / "settings.json")
    app = make_application()
    translations = i18n.Translations(app)
    translations.apply(language)
    services = open_services(data, recorder=False)
    window = make_window(services, None, translations=translations, camera_codes=False)
    window.resize(1280, 800)
    window.show()
    window.start()
    library = window.library

    def shot(widget: QWidget, name: str) -> None:
        widget.grab().save(str(out / f"{name}-{tag}.png"))
        print("saved", out / f"{name}-{tag}.png")

    sealed: list = []
    window.bridge.clip_sealed.connect(lambda clip, _path: sealed.append(clip))

    def play_middle() -> None:
        library.select_row(0)
        QTimer.singleShot(1500, lambda: library.player.seek(library.player.frame_count // 2))

    steps: list[tuple[int, callable]] = [
        (3500, lambda: window.station.on_code_scanned("SF1234567890123")),
        (2500, lambda: shot(window, "station-two-cameras")),
        (100, window.camera_layout_action.trigger),  # F3
        (800, lambda: shot(window, "station-two-cameras-pip")),
        (100, window.camera_layout_action.trigger),
        (1500, window.station.stop_order),
        (500, lambda: services.hub.publish(CameraLost("Second camera (cam1): the camera sent no picture for 5 s",
                                                      "cam1"))),
        (800, lambda: shot(window, "station-two-cameras-lost")),
        (100, lambda: services.hub.publish(CameraBack("cam1"))),
        (100, lambda: setattr(window, "_dialog", window.open_settings())),
        (100, lambda: window._dialog.tabs.setCurrentIndex(1)),  # Camera
        (700, lambda: shot(window._dialog, "settings-two-cameras")),
        (100, lambda: window._dialog.reject()),
        (500, lambda: bool(sealed)),  # the order's clip sealed (slow on a busy machine)
        (500, lambda: window.pages.show_page(LIBRARY)),
        (100, library.refresh),
        (1500, play_middle),
        (3500, lambda: shot(window, "library-two-cameras")),
        (100, window.close),
    ]
    return run_steps(app, window, services, steps)


def main() -> int:
    if sys.argv[1] == "packing":
        return packing_main(sys.argv[2], Path(sys.argv[3]))
    if sys.argv[1] == "cameras":
        return cameras_main(sys.argv[2], Path(sys.argv[3]))
    language, out = sys.argv[1], Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    data = Path(tempfile.mkdtemp()) / "data"
    data.mkdir()
    settings = Settings(station_name="打包台 1" if language == "zh_CN" else "Bench 1", language=language,
                        width=1280, height=720, fps=25, encoder="libx264", segment_s=1.0, preroll_s=1.0,
                        postroll_s=1.5)
    save_settings(settings, data / "settings.json")
    scale = ScaleSimulator(data.parent, "st-us", grams=1234).start()
    app = make_application()
    translations = i18n.Translations(app)
    translations.apply(language)
    store_bench_orders(data, language)
    services = open_services(data, recorder=False)
    window = make_window(services, "test:1280x720@25", translations=translations, camera_codes=True)
    window.resize(1280, 800)
    window.show()
    window.start()
    tag = "zh" if language == "zh_CN" else "en"

    def shot(widget: QWidget, name: str) -> None:
        widget.grab().save(str(out / f"{name}-{tag}.png"))
        print("saved", out / f"{name}-{tag}.png")

    steps: list[tuple[int, callable]] = [
        (2500, lambda: window.station.on_code_scanned("SF1234567890123")),  # as the hand scanner does
        (2500, lambda: shot(window, "station-recording")),
        (200, window.station.stop_order),
        (300, lambda: shot(window, "station-finishing")),
        (3500, lambda: shot(window, "station-idle")),
        (100, lambda: window.station.on_code_scanned("SF12345/../678")),
        (600, lambda: shot(window, "station-refused")),
        (100, lambda: services.hub.publish(CameraLost("usb:0 delivered no frame for 2 s"))),
        (600, lambda: shot(window, "station-problem")),
        (100, lambda: services.hub.publish(CameraBack())),
        (100, lambda: setattr(window, "_dialog", window.open_settings())),
        (100, lambda: window._dialog.tabs.setCurrentIndex(3)),  # Order numbers
        (100, lambda: window._dialog.rules.advanced_toggle.setChecked(True)),
        (100, lambda: window._dialog.rules.try_field.setText("6901234567892")),
        (700, lambda: shot(window._dialog, "settings")),
        (100, lambda: window._dialog.tabs.setCurrentIndex(0)),  # Station, with the packing bench's settings
        (700, lambda: shot(window._dialog, "settings-bench")),
        (100, lambda: window._dialog.tabs.setCurrentWidget(window._dialog.fingerprint.parentWidget())),
        (700, lambda: shot(window._dialog, "settings-key")),
        (100, lambda: window._dialog.reject()),
        *scale_steps(window, scale, shot),
        (100, lambda: setattr(window, "_dialog", window.open_about())),
        (500, lambda: shot(window._dialog, "about")),
        (100, lambda: window._dialog.reject()),
        *bench_steps(window, shot),
        (100, lambda: first_run()),
        *order_steps(window, data, shot),
        (1500, window.close),
    ]

    def first_run() -> None:
        dialog = FirstRunDialog(data, data_dir_fixed=False, runner=TaskRunner(window))
        dialog.show()
        QTimer.singleShot(500, lambda: (shot(dialog, "first-run"), dialog.done(0)))

    code = run_steps(app, window, services, steps)
    scale.stop()
    return code


def scale_steps(window, scale: ScaleSimulator, shot) -> list[tuple[int, callable]]:
    """Settings → Scale testing the (simulated) scale, then the station weighing an order, then the scale lost."""
    def choose_port() -> None:
        page = window._dialog.scale_page
        window._dialog.tabs.setCurrentWidget(page)
        page.port.setCurrentIndex(page.port.count() - 1)  # "Other port (type it)…"
        page.other.setText(str(scale.path))
        page.test_button.setChecked(True)

    return [
        (100, lambda: setattr(window, "_dialog", window.open_settings())),
        (300, choose_port),
        (1500, lambda: shot(window._dialog, "settings-scale")),
        (100, lambda: window._dialog.buttons.accepted.emit()),  # saved: the recorder reads the scale now
        (4000, lambda: window.station.on_code_scanned("SF1234567890124")),
        (300, lambda: scale.set_weight(1236, stable=False)),
        (1200, lambda: shot(window, "station-weight-moving")),
        (100, lambda: scale.set_weight(1234, stable=True)),
        (2000, lambda: shot(window, "station-weight")),
        (100, window.station.stop_order),
        (3000, scale.unplug),
        (1500, lambda: shot(window, "station-scale-lost")),
        (100, scale.replug),
    ]


ORDER_HEADER = ["订单编号", "物流单号", "商家编码", "商品条码", "商品名称", "购买数量", "订单状态", "买家留言", "卖家备注"]
ORDER_ROWS = [
    ["TB20261201001", "SF1234567890123", "CUP-500", "6901234567892", "保温杯 500ml 白色", "2", "等待卖家发货",
     "请用纸箱包装，谢谢", "送杯刷"],
    ["TB20261201001", "SF1234567890123", "SLV-01", "6901234567908", "杯套 灰色", "1", "等待卖家发货",
     "请用纸箱包装，谢谢", "送杯刷"],
    ["TB20261201002", "YT7712345678901，YT7712345678902", "TEA-LJ", "6901234567915", "龙井茶 250g", "3",
     "交易关闭", "", ""],
    ["TB20261201003", "ZT3312345678901", "SPN-02", "", "不锈钢勺 两支装", "2", "退款成功", "不要放发票", ""],
    ["TB20261201004", "JT0012345678901", "MUG-BL", "6901234567922", "马克杯 蓝色", "一", "等待卖家发货", "", ""],
]


def order_steps(window, data: Path, shot) -> list[tuple[int, callable]]:
    """The order import dialog (before and after importing), the Orders page and Settings → Orders."""
    import csv
    import json

    export = data.parent / "千牛订单导出.csv"
    with open(export, "w", encoding="gbk", newline="") as f:
        csv.writer(f).writerows([ORDER_HEADER, *ORDER_ROWS])
    profiles = data / "orders" / "profiles"
    profiles.mkdir(parents=True, exist_ok=True)
    columns = dict(zip(("order_id", "waybill", "sku", "barcode", "name", "qty", "status", "buyer_note",
                        "seller_note"), ORDER_HEADER))
    (profiles / "千牛 店铺A.json").write_text(json.dumps({"name": "千牛 店铺A", "columns": columns},
                                                      ensure_ascii=False), encoding="utf-8")
    state = {}

    def open_import() -> None:
        state["dialog"] = dialog = window.open_order_import()
        dialog.path.setText(str(export))
        dialog.load()

    def show_orders() -> None:
        from packseal.gui.pages import ORDERS

        window.pages.show_page(ORDERS)

    return [
        (100, open_import),
        (1500, lambda: shot(state["dialog"], "orders-import")),
        (100, lambda: state["dialog"].start_import()),
        (1500, lambda: shot(state["dialog"], "orders-import-result")),
        (100, lambda: state["dialog"].reject()),
        (100, show_orders),
        (1500, lambda: window.orders.table.selectRow(1)),
        (500, lambda: shot(window, "orders-page")),
        (100, lambda: setattr(window, "_dialog", window.open_settings())),
        (100, lambda: window._dialog.tabs.setCurrentWidget(window._dialog.order_feed)),
        (100, lambda: window._dialog.order_feed.http.setChecked(True)),
        (700, lambda: shot(window._dialog, "settings-orders")),
        (100, lambda: window._dialog.tabs.setCurrentWidget(window._dialog.hub_page)),
        (700, lambda: shot(window._dialog, "settings-hub")),
        (100, lambda: window._dialog.reject()),
    ]


if __name__ == "__main__":
    raise SystemExit(main())
