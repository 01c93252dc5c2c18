"""``packseal key``: the station's signing key — show it, export it, rotate it."""

from __future__ import annotations

from pathlib import Path

from packseal.cli.output import EXIT_OK, emit
from packseal.core.errors import BadInputError
from packseal.core.ledger.publish import PUBLISH_ADVICE, fingerprint_qr_text, terminal_qr

HELP = "show, export (PEM) or rotate the station's signing key"
NEEDS_SERVICES = True


def add_arguments(p) -> None:
    p.add_argument("action", choices=("show", "export", "rotate"),
                   help="show the key id and fingerprint; export the public key as PEM; "
                        "rotate to a new key (signed by the old one)")
    p.add_argument("--out", type=Path, default=None, help="with export: the .pem file to write")
    p.add_argument("--reason", default="owner request", help="with rotate: why (kept in the ledger)")
    p.add_argument("--compromised-since", metavar="TIME", default=None,
                   help="with rotate: the old key may have been stolen at this time (ISO 8601, e.g. "
                        "2026-11-20T08:00:00+08:00); verifiers then reject its signatures from then on")
    p.add_argument("--no-qr", action="store_true", help="with show: leave out the QR code")
    p.add_argument("--json", action="store_true")


def run(args, services) -> int:
    ledger = services.ledger
    if args.action == "rotate":
        since = _parse_time(args.compromised_since) if args.compromised_since else None
        entry = ledger.rotate_key(args.reason, compromised_since=since)
        services.archive.checkpoint(force=True)
        key = ledger.public_key
        emit({"rotated": True, "ledger_seq": entry.seq, "key_id": key.key_id, "fingerprint": key.fingerprint,
              "fingerprint_sha256": key.fingerprint_hex, "compromised_since": entry.body.get("compromised_since")},
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
    if args.action == "export":
        emit({"key_id": key.key_id, "fingerprint": key.fingerprint, "fingerprint_sha256": key.fingerprint_hex,
              "out": str(args.out)}, args.json, f"Public key {key.fingerprint} written to {args.out}")
        return EXIT_OK
    text = [f"Station key fingerprint:  {key.fingerprint}",
            f"(SHA-256 of the public key: {key.fingerprint_hex})", "", PUBLISH_ADVICE]
    if not args.no_qr:
        text += ["", terminal_qr(fingerprint_qr_text(key.fingerprint_hex))]
    text += ["", key.pem()]
    emit({"key_id": key.key_id, "fingerprint": key.fingerprint, "fingerprint_sha256": key.fingerprint_hex,
          "qr_text": fingerprint_qr_text(key.fingerprint_hex), "publish": PUBLISH_ADVICE, "pem": key.pem()},
         args.json, "\n".join(text))
    return EXIT_OK


def _parse_time(text: str):
    from datetime import datetime, timezone

    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise BadInputError(f"--compromised-since {text!r} is not a time like 2026-11-20T08:00:00+08:00") from None
    if moment.tzinfo is None:
        raise BadInputError("--compromised-since needs a time zone (…Z or …+08:00)")
    if moment > datetime.now(timezone.utc):
        raise BadInputError("--compromised-since is in the future")
    return moment.astimezone(timezone.utc)
