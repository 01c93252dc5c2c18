"""The ``packseal`` command. Each subcommand is a module here, a thin shell over the core.

With no subcommand it opens the desktop window (``packseal.gui.app``).

A command module, named for its command, has ``HELP``, ``NEEDS_SERVICES``,
``add_arguments(parser)`` and ``run(args, services)`` (or ``run(args)`` when
it needs no open data dir, like the read-only ``verify``). Exit codes: 0
success, 1 the work failed or found a problem, 2 usage or I/O error.
``--json`` prints exactly one JSON object on stdout.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from pathlib import Path
from types import ModuleType

from packseal import __version__
from packseal.cli.output import EXIT_FAIL, EXIT_USAGE
from packseal.core.errors import BadInputError, PackSealError

# The command modules (packseal.cli.<name>), in the order --help lists them. A module is imported
# only when its command runs (or --help lists them all): the window, its supervisor and the
# recorder start without importing what every other command needs.
COMMANDS = ("record", "search", "stats", "verify", "stamp", "compare", "pack", "export", "key", "selftest",
            "status", "recorder", "orders", "hub", "sync")


def command_module(name: str) -> ModuleType:
    return importlib.import_module(f"packseal.cli.{name}")


def _global_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data-dir", type=Path, default=None,
                   help="data directory (default: $PACKSEAL_DATA_DIR or the user data dir)")
    p.add_argument("-v", "--verbose", action="store_true", help="log details to stderr too")
    p.add_argument("--source", dest="gui_source", action="append", default=None, metavar="SRC",
                   help="camera for the window (usb:N | rtsp://… | file:PATH | test[:WxH@FPS][?noisy]); "
                        "twice for two cameras; default: the settings")


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; with ``only`` (any word), only the command of that name gets its
    arguments: the others are there by name, their modules not imported."""
    p = argparse.ArgumentParser(prog="packseal", description="PackSeal (打包存证): sealed packing video.")
    p.add_argument("--version", action="version", version=f"PackSeal {__version__}")
    _global_options(p)
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        if only is None or name == only:
            module = command_module(name)
            module.add_arguments(sub.add_parser(name, help=module.HELP))
        else:
            sub.add_parser(name)
    # The window process itself (started by `packseal`, which brings it back if it dies).
    window = sub.add_parser("window")
    window.add_argument("--source", dest="gui_source", action="append", default=None, metavar="SRC")
    return p


def _parse(argv: list[str] | None) -> argparse.Namespace:
    """Parse ``argv``, importing only the command module it names (all of them for --help)."""
    bare = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    _global_options(bare)
    try:
        known, rest = bare.parse_known_args(argv)
    except argparse.ArgumentError:  # e.g. --data-dir without a value: the whole parser says why
        return _parser().parse_args(argv)
    if not rest:  # no command: the window, under its supervisor
        known.command = None
        return known
    named = next((word for word in rest if not word.startswith("-")), None)
    return _parser(None if rest[0] in ("-h", "--help") else named).parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    if argv is None and os.name == "posix":
        os.umask(0o077)  # the real command: everything it and ffmpeg create is owner-only
    args = _parse(argv)
    if args.command is None:
        from packseal.core.remote.supervisor import supervise, window_command

        global_args = (["--data-dir", str(args.data_dir)] if args.data_dir else []) + \
            (["-v"] if args.verbose else [])
        return supervise(window_command(global_args, args.gui_source))
    if args.command == "window":
        started_at = time.monotonic()
        from packseal.gui.display import NO_DISPLAY, no_display

        if no_display():
            print(NO_DISPLAY, file=sys.stderr)
            return EXIT_USAGE
        # The recorder starts first: it opens the data dir and the camera while the window loads Qt.
        from packseal.core.remote.client import start_recorder_early

        recorder = start_recorder_early(args.data_dir, args.gui_source)
        from packseal.gui.app import main as gui_main  # Qt is loaded only for the window

        return gui_main(args.data_dir, args.gui_source, verbose=args.verbose, recorder=recorder,
                        started_at=started_at)
    module = command_module(args.command)
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
