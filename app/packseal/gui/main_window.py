"""The main window: a thin shell that assembles the pages, the menus and the status bar.

Five pages (see :mod:`.pages`): the station (the default; all it shows and
decides is in :mod:`.station`), the library, the dispute view, the orders and
the statistics. The window builds the station page at once and the owner's
pages when each is first shown (their modules are imported then too: the
live picture does not wait for them); it builds the bridge that brings the
recorder's events, the
task runners and the application-wide scanner filter, puts the station's
status widgets in its status bar, and keeps the menus, the dialogs
(settings, about) and closing.

The recording itself runs in the recorder process, not here: when this
window is closed normally it stops the recorder (finishing the last clip);
when it dies, the recorder records on and a new window picks up the running
order from the recorder's snapshot.

Scans and keys while another page is in front: the station records
whatever page is shown, and a scanner burst always goes to the station
(and brings the station page to the front, so the packer sees the order
start) — except a burst into a field that takes scanned codes itself, such
as the dispute view's order field (``scanner.PASSTHROUGH_PROPERTY``).
F9 stops the order from every page; Esc stops it only on the station page,
because elsewhere Esc means "never mind" to the owner; F8 brings the
station page to the front and asks there.
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QStyle, QWidget

from packseal.compose import Services
from packseal.core.orders.places import profiles_dir
from packseal.core.orders.profiles import ProfileShelf
from packseal.core.remote.client import RecorderClient
from packseal.core.settings import Settings, save_settings
from packseal.core.errors import BadInputError, StorageError
from packseal.core.sync.state import HubState, load_state
from packseal.gui.about import AboutDialog
from packseal.gui.hub_page import HubPage, HubStatusLabel
from packseal.gui.bridge import CoreBridge
from packseal.gui.i18n import Translations
from packseal.core.storage.layout import remember_data_dir
from packseal.gui.orders.import_dialog import OrderImportDialog
from packseal.gui.pages import DISPUTE, LIBRARY, ORDERS, STATION, STATISTICS, PageSwitcher
from packseal.gui.scanner import ScannerFilter, ScannerTiming, configure_scanner
from packseal.gui.station.page import StationPage
from packseal.gui.station.sounds import SoundCues
from packseal.gui.tasks import TaskRunner
from packseal.gui.theme import STATE_LOOKS, DisplayState, icon

if TYPE_CHECKING:
    from packseal.gui.dispute import DisputeView
    from packseal.gui.library import LibraryView
    from packseal.gui.orders.page import OrdersPage
    from packseal.gui.settings_dialog import SettingsDialog
    from packseal.gui.statistics import StatisticsPage

log = logging.getLogger(__name__)


class StationWindow(QMainWindow):
    shut_down = Signal()  # the station has stopped and the window may go away

    def __init__(self, services: Services, client: RecorderClient, *, translations: Translations,
                 sounds: SoundCues | None = None,
                 scanner_timing: ScannerTiming | None = None, data_dir_fixed: bool = False,
                 disk_interval_ms: int = 10_000, started_at: float | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stationWindow")
        self.setWindowIcon(icon("packseal.svg"))
        self.services = services
        self.translations = translations
        self.data_dir_fixed = data_dir_fixed
        self._closing = self._closed = False

        self.tasks = TaskRunner(self, name="background")
        # The owner's slow work (searches, comparisons, packs) never queues behind the station's.
        self.owner_tasks = TaskRunner(self, name="owner")
        self.bridge = CoreBridge(services.hub, self)
        self.scanner = ScannerFilter(self, scanner_timing)
        configure_scanner(self.scanner, services.settings)
        QApplication.instance().installEventFilter(self.scanner)
        self.station = StationPage(services, client, self.bridge, self.tasks, self.scanner, sounds=sounds,
                                   disk_interval_ms=disk_interval_ms, started_at=started_at, parent=self)
        self.view, self.controller = self.station.view, self.station.controller
        self.pages = PageSwitcher(self)
        style = self.style()
        # The owner's pages are built when first shown: the packer's live picture does not wait for them.
        for key, page, page_icon, keys in (
                (STATION, self.view, icon(STATE_LOOKS[DisplayState.STARTING].icon), "Ctrl+1"),
                (LIBRARY, self._build_library, style.standardIcon(QStyle.StandardPixmap.SP_DirOpenIcon), "Ctrl+2"),
                (DISPUTE, self._build_dispute, style.standardIcon(QStyle.StandardPixmap.SP_FileDialogContentsView),
                 "Ctrl+3"),
                (ORDERS, self._build_orders, style.standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView),
                 "Ctrl+4"),
                (STATISTICS, self._build_statistics,
                 style.standardIcon(QStyle.StandardPixmap.SP_FileDialogInfoView), "Ctrl+5")):
            self.addAction(self.pages.add_page(key, page, page_icon, keys))
        self.setCentralWidget(self.pages)

        self._build_actions()
        self._build_status_bar()
        self._connect()
        self.retranslate()
        self.resize(1280, 800)

    # -- the owner's pages, built when first needed ------------------------------------------
    @property
    def library(self) -> LibraryView:
        return self.pages.page(LIBRARY)

    @property
    def dispute(self) -> DisputeView:
        return self.pages.page(DISPUTE)

    @property
    def orders(self) -> OrdersPage:
        return self.pages.page(ORDERS)

    @property
    def statistics(self) -> StatisticsPage:
        return self.pages.page(STATISTICS)

    def _build_library(self) -> LibraryView:
        from packseal.gui.library import LibraryView

        library = LibraryView(self.services, self.owner_tasks, bridge=self.bridge)
        library.dispute_requested.connect(self.open_dispute)
        return library

    def _build_dispute(self) -> DisputeView:
        from packseal.gui.dispute import DisputeView

        return DisputeView(self.services, self.owner_tasks)

    def _build_orders(self) -> OrdersPage:
        from packseal.gui.orders.page import OrdersPage

        orders = OrdersPage(self.services, self.owner_tasks)
        orders.import_requested.connect(self.open_order_import)
        orders.clip_requested.connect(self.show_clip_of)
        return orders

    def _build_statistics(self) -> StatisticsPage:
        from packseal.gui.statistics import StatisticsPage

        return StatisticsPage(self.services, self.owner_tasks)

    # -- construction -----------------------------------------------------------------------
    def _build_actions(self) -> None:
        def action(slot, *keys: QKeySequence | str) -> QAction:
            a = QAction(self)
            # The first shortcut is the one a menu shows: none may be empty (a standard key this
            # platform has none for) or twice.
            a.setShortcuts(list(dict.fromkeys(s for s in map(QKeySequence, keys) if not s.isEmpty())))
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            a.triggered.connect(slot)
            self.addAction(a)
            return a

        self.stop_action = action(self.station.stop_order, "F9", "Esc")
        self.cancel_action = action(self.station.ask_cancel, "F8")
        self.restart_action = action(self.station.restart, "F5")
        bench = self.station.bench
        self.returns_action = action(self._toggle_returns_mode, "F6")
        self.returns_action.setCheckable(True)
        self.notes_action = action(bench.read_notes, "F7")
        self.prior_clip_action = action(bench.open_prior_clip, "F2")
        self.link_action = action(bench.ask_link, "F4")
        self.bench_bar = self.addToolBar("")
        self.bench_bar.setObjectName("benchToolBar")
        self.bench_bar.setMovable(False)
        self.bench_bar.addAction(self.returns_action)
        self.bench_bar.addAction(self.notes_action)
        self.camera_layout_action = action(self.station.toggle_camera_layout, "F3")
        self.camera_layout_action.setVisible(False)  # shown while the station has two cameras
        self.bench_bar.addAction(self.camera_layout_action)
        self.settings_action = action(self.open_settings, "Ctrl+,", QKeySequence.StandardKey.Preferences)
        self.about_action = action(self.open_about, "F1")
        self.import_orders_action = action(self.open_order_import)
        self.quit_action = action(self.close, "Ctrl+Q")  # once: Quit's standard key is Ctrl+Q too
        self.station_menu = self.menuBar().addMenu("")
        for a in (self.stop_action, self.cancel_action, self.restart_action, self.camera_layout_action, None,
                  self.returns_action,
                  self.notes_action, self.link_action, self.prior_clip_action, None, self.import_orders_action,
                  self.settings_action, None, self.quit_action):
            self.station_menu.addSeparator() if a is None else self.station_menu.addAction(a)
        self.view_menu = self.menuBar().addMenu("")
        for key in (STATION, LIBRARY, DISPUTE, ORDERS, STATISTICS):
            self.view_menu.addAction(self.pages.actions[key])
        self.help_menu = self.menuBar().addMenu("")
        self.help_menu.addAction(self.about_action)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        st = self.station
        self.key_label = QLabel(self)
        # A note (F8 with nothing to cancel, …) takes the place of these while it shows, so that it is
        # read whole; the time anchoring and the hub stay in view.
        for w in (st.source_label, st.fps_label, st.disk_label, self.key_label):
            w.setContentsMargins(10, 0, 10, 0)
            bar.addWidget(w)
        bar.addPermanentWidget(st.anchor_status)
        self.hub_status = HubStatusLabel(_hub_state(self.services.layout.root), self)
        self.hub_status.setContentsMargins(10, 0, 10, 0)
        bar.addPermanentWidget(self.hub_status)

    def _connect(self) -> None:
        st = self.station
        st.note.connect(self.statusBar().showMessage)
        self.bridge.hub_synced.connect(self.hub_status.on_passed)
        self.bridge.hub_sync_failed.connect(self.hub_status.on_failed)
        self.bridge.hub_forked.connect(self.hub_status.on_forked)
        self.bridge.hub_forked.connect(lambda message: self.statusBar().showMessage(
            self.tr("The hub refuses this station's history: {0}").format(message)))
        st.front_wanted.connect(lambda: self.pages.show_page(STATION))
        st.display_changed.connect(lambda state: self.pages.set_icon(STATION, icon(STATE_LOOKS[state].icon)))
        self.tasks.failed_unhandled.connect(st.on_task_failed)
        self.owner_tasks.failed_unhandled.connect(st.on_task_failed)
        self.pages.page_changed.connect(self._on_page_changed)
        st.bench.returns_mode_shown.connect(self.returns_action.setChecked)
        st.cameras_shown.connect(lambda count: self.camera_layout_action.setVisible(count > 1))
        st.bench.clip_wanted.connect(self.show_clip_of)
        self.pages.page_changed.connect(lambda key: self.orders.refresh() if key == ORDERS else None)

    # -- life cycle ------------------------------------------------------------------------
    def start(self) -> None:
        """Start the station page: connect to the recorder (starting it when none runs)."""
        self.station.start()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._closed:
            event.accept()
            return
        event.ignore()
        if self._closing:
            return
        self._closing = True
        self.scanner.enabled = False
        self.station.close(self._finish_close)

    def _finish_close(self) -> None:
        for key in (LIBRARY, DISPUTE):
            if self.pages.built(key):
                self.pages.page(key).shutdown()
        self.bridge.close()
        QApplication.instance().removeEventFilter(self.scanner)
        self._closed = True
        self.shut_down.emit()
        self.close()

    def open_dispute(self, order_id: str) -> None:
        """Show the dispute page for ``order_id`` (the library's "open dispute view")."""
        self.pages.show_page(DISPUTE)
        self.dispute.open_order(order_id)

    def _toggle_returns_mode(self) -> None:
        # The tick follows the recorder's answer (ReturnsModeChanged), not the click.
        self.returns_action.setChecked(self.station.bench.returns_mode)
        self.station.bench.toggle_returns_mode()

    def _on_page_changed(self, key: str) -> None:
        # Esc stops an order only where the packer works; elsewhere it belongs to the page.
        keys = ["F9", "Esc"] if key == STATION else ["F9"]
        self.stop_action.setShortcuts([QKeySequence(k) for k in keys])

    def open_settings(self) -> SettingsDialog:
        from packseal.gui.settings_dialog import KeyInfo, SettingsDialog

        key = self.services.ledger.public_key
        dialog = SettingsDialog(self.services.settings, data_dir=self.services.layout.root,
                                data_dir_fixed=self.data_dir_fixed,
                                key=KeyInfo(key.fingerprint, key.key_id, key.pem()), runner=self.tasks,
                                hub=HubPage(_hub_state(self.services.layout.root), self._pair_hub, self.tasks,
                                            bandwidth_kbps=self.services.settings.hub_bandwidth_kbps),
                                parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted_settings.connect(self.apply_settings)
        dialog.open()  # window-modal but not a nested event loop: the station keeps running
        return dialog

    def _pair_hub(self, url: str, code: str):
        """Settings → Hub: pair this data dir (runs on a task thread)."""
        from packseal.core.sync.pairing import pair_station  # the HTTP client: loaded when first used

        return pair_station(self.services.layout, self.services.ledger, url, code,
                            self.services.settings.station_name)

    def open_order_import(self) -> OrderImportDialog:
        """The order import dialog; the Orders page shows what was imported."""
        dialog = OrderImportDialog(self.services.orders, ProfileShelf(profiles_dir(self.services.layout.root)),
                                   self.owner_tasks, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(lambda _report: self.orders.refresh() if self.pages.built(ORDERS) else None)
        dialog.open()
        return dialog

    def show_clip_of(self, code: str) -> None:
        """The library, searching every date for the clips filed under ``code``."""
        self.pages.show_page(LIBRARY)
        self.library.show_order(code)

    def open_about(self) -> AboutDialog:
        dialog = AboutDialog(fingerprint=self.services.ledger.public_key.fingerprint,
                             data_dir=self.services.layout.root, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def apply_settings(self, new: Settings, folder: Path | None) -> None:
        """Save ``new`` (on a worker), then apply what can change without a restart."""
        path = self.services.layout.settings_file

        def save() -> None:
            save_settings(new, path)
            if folder is not None:
                folder.mkdir(parents=True, exist_ok=True)
                remember_data_dir(folder)

        self.tasks.run(save, on_success=lambda _: self._settings_saved(new, folder),
                       on_failure=lambda exc: self.station.show_exception("settings", exc), label="save settings")

    def _settings_saved(self, new: Settings, folder: Path | None) -> None:
        current = self.services.settings
        old = dataclasses.replace(current)
        for f in dataclasses.fields(Settings):  # in place: the views hold this same object
            setattr(current, f.name, getattr(new, f.name))
        if new.language != old.language:
            self.translations.apply(new.language)
        configure_scanner(self.scanner, current)
        self.station.settings_changed()
        self.retranslate()
        note = self.tr("Settings saved.")
        if folder is not None:
            note += " " + self.tr("The new storage folder {path} is used after PackSeal restarts.").format(
                path=folder)
        self.statusBar().showMessage(note, 10_000)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("PackSeal 打包存证 — {station}").format(
            station=self.services.settings.station_name))
        self.station_menu.setTitle(self.tr("&Station"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.view_menu.setTitle(self.tr("&View"))
        self.pages.set_text(STATION, self.tr("Station"), self.tr("The packing station: live picture and orders"))
        self.pages.set_text(LIBRARY, self.tr("Library"), self.tr("Every recorded clip: search, play, check"))
        self.pages.set_text(DISPUTE, self.tr("Dispute"), self.tr("A refund photo against the packing clip"))
        self.pages.set_text(ORDERS, self.tr("Orders"), self.tr("Imported orders: search, items, notes"))
        self.import_orders_action.setText(self.tr("Import orders…"))
        self.pages.set_text(STATISTICS, self.tr("Statistics"), self.tr("Orders, pace and problems per day and packer"))
        self.stop_action.setText(self.tr("Stop the order"))
        self.cancel_action.setText(self.tr("Cancel the order…"))
        self.restart_action.setText(self.tr("Restart the camera"))
        # A menu shows an action's shortcut itself; the toolbar's buttons show their icon text, which names it.
        self.returns_action.setText(self.tr("Returns mode"))
        self.returns_action.setIconText(self.tr("Returns mode (F6)"))
        self.camera_layout_action.setText(self.tr("Camera layout"))
        self.camera_layout_action.setIconText(self.tr("Camera layout (F3)"))
        self.camera_layout_action.setToolTip(self.tr("Both cameras side by side, or the second inside the first"))
        self.returns_action.setToolTip(self.tr("Record returned parcels being unboxed, linked to their shipment"))
        self.notes_action.setText(self.tr("Read the notes aloud"))
        self.notes_action.setIconText(self.tr("Read the notes aloud (F7)"))
        self.prior_clip_action.setText(self.tr("Open the earlier clip of a duplicate waybill"))
        self.link_action.setText(self.tr("Link the return to its original order…"))
        self.bench_bar.setWindowTitle(self.tr("Bench"))
        self.settings_action.setText(self.tr("Settings…"))
        self.about_action.setText(self.tr("About PackSeal"))
        self.quit_action.setText(self.tr("Quit"))
        self.key_label.setText(self.tr("Key {fp}").format(fp=self.services.ledger.public_key.fingerprint))
        self.station.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _hub_state(root: Path) -> HubState | None:
    """The paired hub (``sync/hub.json``), or None when there is none or its file cannot be read."""
    try:
        return load_state(root)
    except (BadInputError, StorageError):
        return None
