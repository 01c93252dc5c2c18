"""PyInstaller runtime hook for the windowed PackSeal.exe: programs it starts open no console window.

A program without a console (PackSeal.exe is built with ``console=False``)
that starts a console program (ffmpeg, for the whole time the camera runs)
makes Windows open a new console window for the child, on top of the packing
station. Every child of the windowed app is therefore started with
``CREATE_NO_WINDOW``; its input and output still go through the pipes the
caller asked for. ``packseal-cli.exe`` has a console, which its children
share, and is left alone; so is every other platform.
"""

import subprocess
import sys


def _hide_child_consoles() -> None:
    original_init = subprocess.Popen.__init__

    def __init__(self, *args, creationflags=0, **kwargs):
        original_init(self, *args, creationflags=creationflags | subprocess.CREATE_NO_WINDOW, **kwargs)

    subprocess.Popen.__init__ = __init__


# A windowed PyInstaller program has no standard streams.
if sys.platform == "win32" and sys.stdout is None:
    _hide_child_consoles()
