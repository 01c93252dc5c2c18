"""``packseal verify``: check the seal of a data dir, a clip, a seal file or an evidence pack.

Read-only: it never opens the data dir for writing, never repairs anything,
and never extracts an evidence pack (its files are hashed inside the zip).
"""

from __future__ import annotations

from pathlib import Path

from packseal.cli.output import emit
from packseal.core.errors import BadInputError

NAME = "verify"
HELP = "check the seal of the data dir, a clip, a seal file or an evidence pack"
NEEDS_SERVICES = False


def add_arguments(p) -> None:
    p.add_argument("path", nargs="?", type=Path, default=None,
                   help="data dir (default), a clip (.mp4 with its .seal.json), a .seal.json, "
                        "or an evidence pack (.zip, or its unzipped folder)")
    p.add_argument("--json", action="store_true")


def run(args) -> int:
    from packseal.core.evidence.verify_pack import looks_like_pack, verify_pack
    from packseal.core.ledger import verify_clip, verify_data_dir, verify_seal
    from packseal.core.storage.layout import DataLayout, default_data_dir

    target = Path(args.path or args.data_dir or default_data_dir()).expanduser()
    if target.exists() and looks_like_pack(target):
        report = verify_pack(target)
    elif target.is_dir():
        report = verify_data_dir(DataLayout(target.resolve()))
    elif target.name.endswith(".seal.json"):
        report = verify_seal(target)
    elif target.is_file():
        report = verify_clip(target)
    else:
        raise BadInputError(f"{target} does not exist; give a data dir, a clip or a .seal.json file.")
    emit(report.to_json(), args.json, report.format_text())
    return report.exit_code
