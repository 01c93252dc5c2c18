"""Showing a clip in the system's file manager, with the file selected where the system allows.

Windows (``explorer /select,``) and macOS (``open -R``) select the file. On
Linux the freedesktop ``org.freedesktop.FileManager1.ShowItems`` D-Bus call
does the same in Nautilus, Dolphin, Nemo, Caja and Thunar; without it the
folder is opened with the desktop's default handler (``xdg-open``).
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

log = logging.getLogger(__name__)


def select_command(path: Path, platform: str = sys.platform) -> list[str] | None:
    """The command that opens the file manager with ``path`` selected, where one exists."""
    if platform == "win32":
        return ["explorer", "/select,", str(path)]  # becomes: explorer /select, "C:\\…"
    if platform == "darwin":
        return ["open", "-R", str(path)]
    return None


def _show_items_over_dbus(path: Path) -> bool:
    try:
        from PySide6.QtDBus import QDBusConnection, QDBusInterface, QDBusMessage
    except ImportError:  # a PySide6 build without QtDBus
        return False
    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        return False
    manager = QDBusInterface("org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                             "org.freedesktop.FileManager1", bus)
    if not manager.isValid():
        return False
    reply = manager.call("ShowItems", [QUrl.fromLocalFile(str(path)).toString()], "")
    if reply.type() == QDBusMessage.MessageType.ErrorMessage:
        log.info("the file manager refused ShowItems: %s", reply.errorMessage())
        return False
    return True


def show_in_file_manager(path: Path) -> bool:
    """Open the file manager at ``path`` (selected where possible); False if nothing could open."""
    path = Path(path)
    command = select_command(path)
    if command is not None and path.exists():
        try:
            subprocess.Popen(command)  # noqa: S603 - fixed program, the path is one argument
            return True
        except OSError as exc:
            log.warning("could not run %s: %s", command[0], exc)
    elif sys.platform.startswith("linux") and path.exists() and _show_items_over_dbus(path):
        return True
    folder = path if path.is_dir() else path.parent
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
