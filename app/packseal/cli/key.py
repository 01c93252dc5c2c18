"""``packseal key``: the station's signing key — show it, export it, rotate it."""

from __future__ import annotations

from pathlib import Path

from packseal.cli.output import EXIT_OK, emit
from packseal.core.errors import BadInputError

NAME = "key"
HELP = "show, export (PEM) or rotate the station's signing key"
NEEDS_SERVICES = True


def add_arguments(p) -> None:
    p.add_argument("action", choices=("show", "export", "rotate"),
                   help="show the key id and fingerprint; export the public key as PEM; "
                        "rotate to a new key (signed by the old one)")
    p.add_argument("--out", type=Path, default=None, help="with export: the .pem file to write")
    p.add_argument("--reason", default="owner request", help="with rotate: why (kept in the ledger)")
    p.add_argument("--json", action="store_true")


def run(args, services) -> int:
    ledger = services.ledger
    if args.action == "rotate":
        entry = ledger.rotate_key(args.reason)
        services.archive.checkpoint(force=True)
        key = ledger.public_key
        emit({"rotated": True, "ledger_seq": entry.seq, "key_id": key.key_id, "fingerprint": key.fingerprint},
             args.json, f"New station key {key.fingerprint} (ledger entry {entry.seq}, signed by the old key).")
        return EXIT_OK
    key = ledger.public_key
    if args.action == "export":
        if args.out is None:
            raise BadInputError("export needs --out FILE.pem")
        try:
            args.out.write_text(key.pem(), encoding="ascii")
        except OSError as exc:
            raise BadInputError(f"Cannot write {args.out}: {exc.strerror}.") from exc
    emit({"key_id": key.key_id, "fingerprint": key.fingerprint, "pem": key.pem(),
          "out": str(args.out) if args.out else None}, args.json,
         f"Station key {key.fingerprint} (key id {key.key_id})"
         + (f"\nPublic key written to {args.out}" if args.out else f"\n{key.pem()}"))
    return EXIT_OK
