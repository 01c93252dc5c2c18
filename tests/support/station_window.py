"""For tests of the station window under offscreen Qt: fast settings, and a scanner typing into a widget."""

from __future__ import annotations

import dataclasses
import time

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent

from packseal.core.settings import Settings

TEST_SOURCE = "test:640x360@15"
# Small and fast: 1 s segments so a clip is finished about a second after Stop.
FAST = Settings(station_name="Bench 1", width=640, height=360, fps=15, encoder="libx264", quality=32,
                preset="ultrafast", segment_s=1.0, preroll_s=0.5, postroll_s=0.5, reserve_mb=0, language="en")
CODE = "SF1234567890123"


def with_changes(**changes) -> Settings:
    """:data:`FAST` with ``changes``."""
    return dataclasses.replace(FAST, **changes)


def scan(qtbot, widget, code: str) -> None:
    """What a keyboard-wedge scanner does: the code typed very fast into the focused widget, then Enter.

    Each key arrives as the window system delivers it (ShortcutOverride, press, release) with its
    own timestamp 3 ms after the previous one, so a busy test machine cannot stretch the burst.
    """
    stamp = int(time.monotonic() * 1000)
    keys = [(ord(ch.upper()) if ch.isalnum() else 0, ch) for ch in code] + [(int(Qt.Key.Key_Return.value), "\r")]
    for key, text in keys:
        for kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text)
            event.setTimestamp(stamp)
            QCoreApplication.sendEvent(widget, event)
        stamp += 3


def focus(qtbot, widget) -> None:
    widget.window().activateWindow()
    widget.setFocus()
    qtbot.waitUntil(lambda: widget.window().focusWidget() is widget, timeout=5000)
