"""Screenshots of the station window in every state, for docs/screenshots/ and for a human eye.

Not a test. Run on a real (virtual) X display, once per language::

    Xvfb :99 -screen 0 1280x800x24 &
    DISPLAY=:99 .venv/bin/python tests/gui/make_screenshots.py en OUT_DIR
    DISPLAY=:99 .venv/bin/python tests/gui/make_screenshots.py zh_CN OUT_DIR

``make_screenshots.py packing LANGUAGE OUT_DIR`` takes the pages that read the packing record
instead: the library with check results, a clip's packing detail, a shipment with its return,
the statistics page and the return beside the shipment in the dispute view.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from packseal.compose import open_services
from packseal.core.recording.events import CameraBack, CameraLost
from packseal.core.settings import Settings, save_settings
from packseal.gui import i18n
from packseal.gui.app import make_application, make_window
from packseal.gui.first_run import FirstRunDialog
from packseal.gui.tasks import TaskRunner


def run_steps(app, window, services, steps: list[tuple[int, callable]]) -> int:
    """Run each step ``delay`` ms after the one before, until the window closes; returns the exit code."""
    at = 0
    for delay, fn in steps:
        at += delay
        QTimer.singleShot(at, fn)
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


def main() -> int:
    if sys.argv[1] == "packing":
        return packing_main(sys.argv[2], Path(sys.argv[3]))
    language, out = sys.argv[1], Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    data = Path(tempfile.mkdtemp()) / "data"
    data.mkdir()
    settings = Settings(station_name="打包台 1" if language == "zh_CN" else "Bench 1", language=language,
                        width=1280, height=720, fps=25, encoder="libx264", segment_s=1.0, preroll_s=1.0,
                        postroll_s=1.5)
    save_settings(settings, data / "settings.json")
    app = make_application()
    translations = i18n.Translations(app)
    translations.apply(language)
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
        (100, lambda: window._dialog.tabs.setCurrentIndex(window._dialog.tabs.count() - 1)),
        (700, lambda: shot(window._dialog, "settings-key")),
        (100, lambda: window._dialog.reject()),
        (100, lambda: setattr(window, "_dialog", window.open_about())),
        (500, lambda: shot(window._dialog, "about")),
        (100, lambda: window._dialog.reject()),
        (100, lambda: first_run()),
        *order_steps(window, data, shot),
        (1500, window.close),
    ]

    def first_run() -> None:
        dialog = FirstRunDialog(data, data_dir_fixed=False, runner=TaskRunner(window))
        dialog.show()
        QTimer.singleShot(500, lambda: (shot(dialog, "first-run"), dialog.done(0)))

    return run_steps(app, window, services, steps)


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
        (100, lambda: window._dialog.reject()),
    ]


if __name__ == "__main__":
    raise SystemExit(main())
