"""``packseal hub [--data-dir DIR] user add NAME --role ROLE [--password-stdin]`` and ``user list``."""

from __future__ import annotations

import getpass
import sys

from packseal.cli.output import EXIT_OK, emit
from packseal.core.errors import BadInputError

NAME = "user"
HELP = "manage the hub's staff accounts (add, list)"
ROLES = ("owner", "agent", "auditor")


def add_arguments(p) -> None:
    sub = p.add_subparsers(dest="user_action", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="add an account (argon2id password hash)")
    add.add_argument("name", help="the account's login name")
    add.add_argument("--role", required=True, choices=ROLES,
                     help="owner: everything; agent: search and watch clips; auditor: also the health page")
    add.add_argument("--password-stdin", action="store_true",
                     help="read the password from the first line of standard input instead of asking")
    add.add_argument("--json", action="store_true")
    listing = sub.add_parser("list", help="list the accounts")
    listing.add_argument("--json", action="store_true")


def _password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        if not line:
            raise BadInputError("--password-stdin: standard input is empty")
        return line.rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Password again: ") != first:
        raise BadInputError("the two passwords differ")
    return first


def run(args, options) -> int:
    from packseal.hub import accounts
    from packseal.hub.runner import database

    if args.user_action == "add":
        password = _password(args.password_stdin)
        accounts.check_new_account(args.name, args.role, password)
        with database(options) as db, db.connection() as conn:
            account = accounts.add_account(conn, args.name, args.role, password)
        emit({"added": account.name, "role": account.role, "id": account.id}, args.json,
             f"Account {account.name} ({account.role}) added.")
        return EXIT_OK
    with database(options) as db, db.connection() as conn:
        rows = conn.execute("SELECT name, role, disabled, created_at FROM accounts ORDER BY name").fetchall()
    emit({"accounts": [{**r, "created_at": r["created_at"].isoformat()} for r in rows]}, args.json,
         "\n".join(f"{r['name']:<24} {r['role']:<8}{' (disabled)' if r['disabled'] else ''}" for r in rows)
         or "No accounts yet.")
    return EXIT_OK
