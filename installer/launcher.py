"""Entry point of the frozen app: the same ``packseal`` command the wheel installs.

PyInstaller runs this file as the program's ``__main__``. With no
subcommand ``packseal`` opens the packing-station window; on Windows the
windowed ``PackSeal.exe`` and the console ``packseal-cli.exe`` both start
here.
"""

import sys

from packseal.cli import main

if __name__ == "__main__":
    sys.exit(main())
