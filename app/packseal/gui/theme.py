"""How the station looks: the shipped font, icons, and the colour of each state.

The state colours are chosen to be told apart across a room and by people
who cannot tell red from green: each state also has its own word and icon,
and the four hues differ in lightness as well (dark green, red, blue, yellow).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from importlib.resources import as_file, files
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QIcon
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

FONT_FILE = ("fonts", "WenQuanYiMicroHei-GBK.ttf")


class DisplayState(str, Enum):
    """What the banner shows: the recorder's state, or a problem that overrides it."""

    STARTING = "starting"
    IDLE = "idle"
    RECORDING = "recording"
    FINISHING = "finishing"
    PROBLEM = "problem"


@dataclass(frozen=True)
class StateLook:
    background: str
    foreground: str
    icon: str


STATE_LOOKS: dict[DisplayState, StateLook] = {
    DisplayState.STARTING: StateLook("#455a64", "#ffffff", "state-starting.svg"),
    DisplayState.IDLE: StateLook("#1b5e20", "#ffffff", "state-idle.svg"),
    DisplayState.RECORDING: StateLook("#c62828", "#ffffff", "state-recording.svg"),
    DisplayState.FINISHING: StateLook("#1565c0", "#ffffff", "state-finishing.svg"),
    DisplayState.PROBLEM: StateLook("#ffd600", "#111111", "state-problem.svg"),
}

# Alerts and refused scans use the problem look, so "yellow and black" always means "look here".
PROBLEM_BG = STATE_LOOKS[DisplayState.PROBLEM].background
PROBLEM_FG = STATE_LOOKS[DisplayState.PROBLEM].foreground
NOTICE_BG = "#e3f2fd"  # calm information (test camera in use)
NOTICE_FG = "#0d47a1"


def resource_path(*parts: str) -> Path:
    """A file shipped in ``packseal.resources`` as a real path (resources are plain files)."""
    ref = files("packseal.resources").joinpath(*parts)
    with as_file(ref) as path:  # a no-op for an installed or editable package
        return Path(path)


@lru_cache(maxsize=None)
def icon(name: str) -> QIcon:
    """An icon from ``resources/icons`` (SVG, crisp at any size)."""
    path = resource_path("icons", name)
    if not path.is_file():
        log.warning("icon %s is missing from the resources", path)
        return QIcon()
    return QIcon(str(path))


def install_fonts(app: QApplication) -> str | None:
    """Register the shipped CJK font and put it behind the system font as a fallback.

    Chinese then renders on machines without a CJK font of their own (no
    "tofu" boxes), while Latin text keeps the platform's usual face. Returns
    the registered family, or None when the font could not be loaded.
    """
    if app.property("packsealFontFamily"):  # already done (tests make the application repeatedly)
        return app.property("packsealFontFamily")
    # The face the platform really uses for its default font ("Sans Serif" is only an alias;
    # left as the first family, Qt would resolve it to the font registered below).
    system_family = QFontInfo(app.font()).family()
    path = resource_path(*FONT_FILE)
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        log.warning("could not load the shipped font %s; Chinese may show as boxes", path)
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    if not families:
        return None
    family = families[0]
    base = app.font()
    base.setFamilies([system_family, family] if system_family != family else [family])
    app.setFont(base)
    app.setProperty("packsealFontFamily", family)
    return family


def scaled_font(base: QFont, pixel_size: int, *, bold: bool = False) -> QFont:
    """``base`` at ``pixel_size`` pixels (pixels, not points: sized for the screen, like the layout)."""
    font = QFont(base)
    font.setPixelSize(max(6, pixel_size))
    font.setBold(bold)
    return font
