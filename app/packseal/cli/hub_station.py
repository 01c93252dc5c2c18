"""``packseal hub [--data-dir DIR] station list`` and ``station accept-history ID --reason TEXT``."""

from __future__ import annotations

import getpass
import socket

from packseal.cli.output import EXIT_OK, emit

NAME = "station"
HELP = "the paired stations: list them; accept a forked station's present history"


def add_arguments(p) -> None:
    sub = p.add_subparsers(dest="station_action", metavar="ACTION", required=True)
    listing = sub.add_parser("list", help="id, name, status, last sync and pending files of every station")
    listing.add_argument("--json", action="store_true")
    accept = sub.add_parser(
        "accept-history",
        help="accept the present history of a station flagged forked: the hub keeps all it holds under the "
             "old history and takes the station's ledger again, witnessed as its next history")
    accept.add_argument("station", metavar="ID", help="the station's id, or at least its first 8 characters")
    accept.add_argument("--reason", required=True, metavar="TEXT",
                        help="why (kept in the hub's audit log with who and when)")
    accept.add_argument("--json", action="store_true")


def _who() -> str:
    """The person at the command line, as the audit log names them."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):
        user = "unknown user"
    return f"{user}@{socket.gethostname()} (command line)"


def _line(s: dict) -> str:
    detail = f"\n    {s['status_detail']}" if s["status_detail"] else ""
    return (f"{s['id'][:16]}  {s['name']:<20} {s['status']:<7} history {s['history']}  last sync "
            f"{s['last_sync'] or 'never'}  {s['pending']} file(s) pending{detail}")


def run(args, options) -> int:
    from packseal.hub import stations
    from packseal.hub.runner import database

    if args.station_action == "list":
        with database(options) as db, db.connection() as conn:
            rows = stations.listing(conn)
        emit({"stations": rows}, args.json, "\n".join(_line(s) for s in rows) or "No station is paired yet.")
        return EXIT_OK
    with database(options) as db, db.connection() as conn:
        decision = stations.accept_history(conn, args.station, args.reason, account_name=_who(),
                                           via="command line")
    emit(decision, args.json,
         f"Station {decision['name']} ({decision['station'][:16]}…): its present history is accepted as "
         f"history {decision['history']}. What the hub held of history {decision['left_history']} stays as it "
         f"was (entries up to {decision['left_entries_to']}); at its next sync the station sends its ledger "
         "again from entry 0 and the hub witnesses it anew. Recorded in the audit log.")
    return EXIT_OK
