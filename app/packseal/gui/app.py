"""Starting the desktop app: ``packseal`` with no subcommand runs :func:`main`.

Order of events: Qt and the shipped font first (so even the first-run
dialog renders Chinese), then the language, then — only when the data dir
has no settings yet — the first-run dialog, and only then the data dir is
opened (which creates the station key), so that a key is never created in a
folder the user did not choose. The window then opens at once and shows the
recorder's live picture.

The recorder process of a station set up before is started even earlier, by
the ``window`` command before this module is imported
(:func:`~packseal.core.remote.client.start_recorder_early`): it opens the
data dir and the camera while the window loads, and the window takes it
over. Without one, the window starts it once it is up.
"""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from packseal import APP_NAME, __version__
from packseal.compose import Services, open_services
from packseal.core.capture.frame_memory import no_huge_pages_for_frames
from packseal.core.errors import PackSealError
from packseal.core.remote.client import RecorderClient, spawn_recorder, stop_recorder_process
from packseal.core.settings import load_settings, save_settings
from packseal.core.storage.layout import DataLayout
from packseal.gui import i18n
from packseal.gui.display import NO_DISPLAY, no_display
from packseal.gui.first_run import FirstRunDialog
from packseal.core.storage.layout import choose_data_dir, data_dir_is_fixed, remember_data_dir
from packseal.gui.gc_guard import GuiThreadCollector
from packseal.gui.main_window import StationWindow
from packseal.gui.tasks import TaskRunner
from packseal.gui.theme import icon, install_fonts

log = logging.getLogger(__name__)


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created once), with PackSeal's name, icon and font."""
    app = QApplication.instance()
    if app is None:
        QApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else [sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(icon("packseal.svg"))
    app.setDesktopFileName("packseal")  # ties the window to packseal.desktop (Wayland)
    install_fonts(app)
    return app


def make_window(services: Services, source: str | list[str] | None = None, *, translations: i18n.Translations,
                camera_codes: bool | None = None, recorder: subprocess.Popen | None = None,
                **window_args) -> StationWindow:
    """The station window for open ``services``, a client of the data dir's recorder process.

    When no recorder runs, the window starts one with ``source`` (and, with
    ``camera_codes=False``, without reading waybills from the picture);
    ``recorder`` is one already started for it (:func:`start_recorder_early`).
    """
    no_huge_pages_for_frames()  # the window copies every preview frame it shows
    layout = services.layout
    if recorder is not None:
        log.info("the recorder was started with the window (pid %d)", recorder.pid)
    client = RecorderClient(layout, services.hub, started=recorder,
                            spawn=lambda: spawn_recorder(layout, source, camera_codes=camera_codes))
    return StationWindow(services, client, translations=translations, **window_args)


def run_gui(services: Services, source: str | list[str] | None = None, *, translations: i18n.Translations | None = None,
            data_dir_fixed: bool = False, started_at: float | None = None,
            recorder: subprocess.Popen | None = None) -> int:
    """Show the station window for open ``services`` and run until it is closed; returns the exit code.

    The window connects to the data dir's recorder process (``recorder``, when
    it was started early), starting one (with ``source``) when none runs.
    """
    app = make_application()
    if translations is None:
        translations = i18n.Translations(app)
        translations.apply(services.settings.language)
    collector = GuiThreadCollector(app)
    window = make_window(services, source, translations=translations, data_dir_fixed=data_dir_fixed,
                         started_at=started_at, recorder=recorder)
    window.show()
    window.start()
    previous = _close_on_signals(window)
    try:
        return app.exec()
    finally:
        collector.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _close_on_signals(window: StationWindow) -> dict:
    """Ctrl+C or a TERM signal close the window the normal way, so the last clip is finished and sealed.

    Returns the handlers that were replaced, to be put back afterwards.
    """
    def close(signum: int, _frame: object) -> None:
        log.info("signal %d: closing the window", signum)
        window.close()

    previous = {sig: signal.signal(sig, close) for sig in (signal.SIGINT, signal.SIGTERM)}
    # Python runs signal handlers only between bytecodes; a light timer lets it in while Qt waits.
    tick = QTimer(window)
    tick.timeout.connect(lambda: None)
    tick.start(300)
    return previous


def main(data_dir: Path | None = None, source: str | list[str] | None = None, *, verbose: bool = False,
         recorder: subprocess.Popen | None = None, started_at: float | None = None) -> int:
    """The desktop app from start to exit (the ``packseal`` command with no subcommand).

    ``recorder``: the data dir's recorder, started before this module was
    imported (:func:`start_recorder_early`). The window takes it over; when no
    window comes up, it is stopped again. ``started_at``: when the process
    started (monotonic), for the log's start-up time.
    """
    opened: _Opened | int = 2
    try:
        opened = _open_station(data_dir, verbose)
    finally:
        if isinstance(opened, int) and recorder is not None:
            stop_recorder_process(recorder)  # no window comes up to take it over
    if isinstance(opened, int):
        return opened
    if started_at is None or opened.asked:  # the user's time in the first-run dialog is not start-up time
        started_at = opened.at
    try:
        return run_gui(opened.services, source, translations=opened.translations, data_dir_fixed=opened.fixed,
                       started_at=started_at, recorder=recorder)
    finally:
        opened.services.close()


@dataclass
class _Opened:
    services: Services
    translations: i18n.Translations
    fixed: bool  # the data dir was given (command line or environment), not chosen in the app
    asked: bool  # the first-run dialog was shown
    at: float  # monotonic time when this process began opening (or when the dialog was accepted)


def _open_station(data_dir: Path | None, verbose: bool) -> _Opened | int:
    """Qt, the language, the first-run dialog when needed, then the data dir opened for a window;
    or the exit code when there will be no window."""
    at = time.monotonic()
    if no_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    app = make_application()
    translations = i18n.Translations(app)
    fixed = data_dir_is_fixed(data_dir)
    root = choose_data_dir(data_dir)
    try:
        existing = load_settings(root / "settings.json")
    except PackSealError as exc:
        return _fatal(str(exc))
    translations.apply(existing.language)

    asked = not (root / "settings.json").exists()
    if asked:
        chosen = _first_run(root, fixed)
        if chosen is None:
            return 0
        root = chosen
        at = time.monotonic()

    try:
        services = open_services(root, verbose=verbose, log_to_stderr=verbose, recorder=False)
    except PackSealError as exc:
        return _fatal(str(exc))
    translations.apply(services.settings.language)
    return _Opened(services, translations, fixed, asked, at)


def _first_run(root: Path, fixed: bool) -> Path | None:
    """Ask for the station's basics and write its settings; returns the data dir, or None if cancelled."""
    runner = TaskRunner(name="first run")
    dialog = FirstRunDialog(root, data_dir_fixed=fixed, runner=runner)
    while True:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        settings, folder = dialog.result_settings()
        try:
            layout = DataLayout.open(folder)
            if not layout.settings_file.exists():  # an existing station's folder keeps its settings
                save_settings(settings, layout.settings_file)
            if not fixed:
                remember_data_dir(layout.root)
            return layout.root
        except (OSError, PackSealError) as exc:
            dialog.error.setText(QCoreApplication.translate(
                "App", "The storage folder cannot be used: {error}").format(error=exc))
            dialog.error.show()


def _fatal(message: str) -> int:
    log.error("cannot start: %s", message)
    print(f"packseal: {message}", file=sys.stderr)
    QMessageBox.critical(None, "PackSeal", message)
    return 2
