"""The ``packseal`` command. Each subcommand is a module here, a thin shell over the core.

With no subcommand it opens the desktop window (``packseal.gui.app``).

A command module has ``NAME``, ``HELP``, ``NEEDS_SERVICES``,
``add_arguments(parser)`` and ``run(args, services)`` (or ``run(args)`` when
it needs no open data dir, like the read-only ``verify``). Exit codes: 0
success, 1 the work failed or found a problem, 2 usage or I/O error.
``--json`` prints exactly one JSON object on stdout.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from packseal import __version__
from packseal.cli import (compare, export, hub, key, orders, pack, record, recorder, search, selftest, stamp,
                          stats, status, sync, verify)
from packseal.cli.output import EXIT_FAIL, EXIT_USAGE
from packseal.core.errors import BadInputError, PackSealError

COMMANDS = [record, search, stats, verify, stamp, compare, pack, export, key, selftest, status, recorder, orders, hub,
            sync]


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="packseal", description="PackSeal (打包存证): sealed packing video.")
    p.add_argument("--version", action="version", version=f"PackSeal {__version__}")
    p.add_argument("--data-dir", type=Path, default=None,
                   help="data directory (default: $PACKSEAL_DATA_DIR or the user data dir)")
    p.add_argument("-v", "--verbose", action="store_true", help="log details to stderr too")
    p.add_argument("--source", dest="gui_source", action="append", default=None, metavar="SRC",
                   help="camera for the window (usb:N | rtsp://… | file:PATH | test[:WxH@FPS][?noisy]); "
                        "twice for two cameras; default: the settings")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.add_arguments(sub.add_parser(module.NAME, help=module.HELP))
    # The window process itself (started by `packseal`, which brings it back if it dies).
    window = sub.add_parser("window")
    window.add_argument("--source", dest="gui_source", action="append", default=None, metavar="SRC")
    return p


def main(argv: list[str] | None = None) -> int:
    if argv is None and os.name == "posix":
        os.umask(0o077)  # the real command: everything it and ffmpeg create is owner-only
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from packseal.core.remote.supervisor import supervise, window_command

        global_args = (["--data-dir", str(args.data_dir)] if args.data_dir else []) + \
            (["-v"] if args.verbose else [])
        return supervise(window_command(global_args, args.gui_source))
    if args.command == "window":
        from packseal.gui.app import main as gui_main  # Qt is loaded only for the window

        return gui_main(args.data_dir, args.gui_source, verbose=args.verbose)
    module = next(m for m in COMMANDS if m.NAME == args.command)
    if not module.NEEDS_SERVICES:
        try:
            return module.run(args)
        except PackSealError as exc:
            print(f"packseal: {exc}", file=sys.stderr)
            return EXIT_USAGE
    from packseal.compose import open_services

    try:
        services = open_services(args.data_dir, verbose=args.verbose, log_to_stderr=True)
    except PackSealError as exc:
        print(f"packseal: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for note in services.startup_notes():
        print(f"packseal: {note}", file=sys.stderr)
    try:
        return module.run(args, services)
    except BadInputError as exc:
        print(f"packseal: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except PackSealError as exc:
        print(f"packseal: {exc}", file=sys.stderr)
        return EXIT_FAIL
    except KeyboardInterrupt:
        return 130
    finally:
        services.close()
