"""``packseal hub [--data-dir DIR] pair [--json]``: a one-time code to pair a station (docs/HUB.md §2).

Prints the code (``ABCDE-FGHIJ``, valid 15 minutes, good for one station)
with the hub key's fingerprint the station will pin, and shows it as a QR
code in the terminal. On the station: ``packseal sync --hub URL --code CODE``.
"""

from __future__ import annotations

import io

from packseal.cli.output import EXIT_OK, emit

NAME = "pair"
HELP = "make a one-time code that pairs a station with this hub (valid 15 minutes)"


def add_arguments(p) -> None:
    p.add_argument("--json", action="store_true")


def terminal_qr(text: str) -> str:
    """``text`` as a QR code drawn with block characters (black on white)."""
    import segno

    out = io.StringIO()
    segno.make(text, error="m").terminal(out=out, compact=True)
    return out.getvalue()


def run(args, options) -> int:
    from packseal.core.sync.wire import show_code
    from packseal.hub.keys import load_or_create_hub_key
    from packseal.hub.pairing import CODE_VALID, make_code
    from packseal.hub.runner import database, prepare_data_dir

    prepare_data_dir(options.data_dir)
    key = load_or_create_hub_key(options.data_dir)
    with database(options) as db, db.connection() as conn:
        code = make_code(conn)
    minutes = int(CODE_VALID.total_seconds() // 60)
    shown = show_code(code)
    emit({"code": shown, "valid_minutes": minutes, "hub_key_fingerprint": key.fingerprint_hex}, args.json,
         f"{terminal_qr(shown)}\nPairing code: {shown}  (valid {minutes} minutes, for one station)\n"
         f"Hub key: {key.fingerprint}\n"
         "On the station: packseal sync --hub URL --code CODE (or Settings → Hub).")
    return EXIT_OK
