"""Whether there is a screen to open the window on, asked without loading Qt.

The ``window`` command asks before it starts the recorder early (a machine
without a screen gets the message, not a recorder started and stopped), and
the window itself asks before it loads Qt.
"""

from __future__ import annotations

import os
import sys

NO_DISPLAY = ("packseal: no display to open the window on. Run a subcommand (packseal --help), "
              "or start it with a virtual screen: xvfb-run packseal")


def no_display() -> bool:
    """True on Linux with neither an X nor a Wayland display (and no Qt platform chosen)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
