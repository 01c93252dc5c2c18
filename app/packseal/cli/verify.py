"""``packseal verify``: a verdict on a data dir, a clip, a seal file or an evidence pack.

Read-only: it never opens the data dir for writing, never repairs anything,
and never extracts an evidence pack (its files are hashed inside the zip).
The verdict (``tampered``, ``unanchored``, ``anchored``) and what it proves
are explained in docs/FORMAT.md section 12 and docs/EVIDENCE.md.
"""

from __future__ import annotations

from pathlib import Path

from packseal.cli.output import emit
from packseal.core.errors import BadInputError

HELP = "check the seal of the data dir, a clip, a seal file or an evidence pack"
NEEDS_SERVICES = False


def add_arguments(p) -> None:
    p.add_argument("path", nargs="?", type=Path, default=None,
                   help="data dir (default), a clip (.mp4 with its .seal.json), a .seal.json, "
                        "or an evidence pack (.zip, or its unzipped folder)")
    p.add_argument("--expect-key", metavar="FINGERPRINT", default=None,
                   help="the station key fingerprint published by the shop (grouped or plain hex, at "
                        "least 32 digits); anything signed by another key is tampered")
    p.add_argument("--tsa-root", metavar="PEM", type=Path, action="append", default=[],
                   help="also trust this TSA root certificate (repeatable); certifi's Mozilla roots and "
                        "$PACKSEAL_TSA_ROOTS are always trusted")
    p.add_argument("--require-anchor", action="store_true",
                   help="exit 1 unless a trusted timestamp proves when it was recorded")
    p.add_argument("--max-anchor-delay", metavar="SECONDS", type=int, default=None,
                   help="a timestamp later than this after the recording ended is no anchor (default 86400)")
    p.add_argument("--json", action="store_true")


def run(args) -> int:
    from packseal.core.evidence.pack_verifier import looks_like_pack, verify_pack
    from packseal.core.ledger import verify_clip, verify_data_dir, verify_seal
    from packseal.core.ledger.keys import parse_fingerprint
    from packseal.core.ledger.tsa_trust import trust_store
    from packseal.core.ledger.verdict import (DEFAULT_MAX_ANCHOR_DELAY_S, Subject, VerdictOptions, decide,
                                              format_verdict)
    from packseal.core.storage.layout import DataLayout, default_data_dir

    delay = DEFAULT_MAX_ANCHOR_DELAY_S if args.max_anchor_delay is None else args.max_anchor_delay
    if delay < 0:
        raise BadInputError("--max-anchor-delay must be 0 or more seconds")
    options = VerdictOptions(expect_key=parse_fingerprint(args.expect_key) if args.expect_key else None,
                             require_anchor=args.require_anchor, max_anchor_delay_s=delay)
    target = Path(args.path or args.data_dir or default_data_dir()).expanduser()
    store = trust_store(args.tsa_root, settings_roots=_settings_roots(target))
    if target.exists() and looks_like_pack(target):
        report = verify_pack(target, tsa_roots=store)
    elif target.is_dir():
        report = verify_data_dir(DataLayout(target.resolve()), tsa_roots=store)
    elif target.name.endswith(".seal.json"):
        report = verify_seal(target, tsa_roots=store)
    elif target.is_file():
        report = verify_clip(target, tsa_roots=store)
    else:
        raise BadInputError(f"{target} does not exist; give a data dir, a clip or a .seal.json file.")
    verdict = decide(report, report.subject or Subject(), options)
    emit(verdict, args.json, format_verdict(verdict))
    return verdict["exit_code"]


def _settings_roots(target: Path) -> list[str]:
    """TSA roots named in the settings of the data dir being verified (when it is one)."""
    from packseal.core.settings import load_settings
    from packseal.core.storage.layout import DataLayout

    if not target.is_dir() or not (target / "ledger").is_dir():
        return []
    try:
        return list(load_settings(DataLayout(target.resolve()).settings_file).tsa_roots)
    except BadInputError:
        return []
