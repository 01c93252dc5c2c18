"""``packseal pack``: the evidence pack of an order, for a platform reviewer or a court."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from packseal.cli.output import EXIT_OK, emit
from packseal.core.errors import BadInputError

HELP = "build the evidence pack of an order (zip a reviewer can verify without PackSeal)"
NEEDS_SERVICES = True


def seconds_list(text: str) -> list[float]:
    """``"3.5,10,12.25"`` → ``[3.5, 10.0, 12.25]`` (argparse type)."""
    try:
        return [float(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a list of seconds like 3.5,10,12") from None


def add_arguments(p) -> None:
    p.add_argument("--order", required=True, help="order or waybill number")
    p.add_argument("--photo", action="append", type=Path, default=[], metavar="FILE",
                   help="the buyer's refund photo (repeat for several)")
    p.add_argument("--opened-box", action="append", type=Path, default=[], metavar="FILE",
                   help="a buyer's photo of the opened box, set beside the clip's last frames; repeatable")
    p.add_argument("--out", required=True, type=Path, help="the pack to write, e.g. SF123-evidence.zip")
    p.add_argument("--lang", choices=("en", "zh_CN"), default=None,
                   help="language of the report (default: the settings' language, else English)")
    p.add_argument("--frames", type=seconds_list, default=None, metavar="S,S,...",
                   help="clip times (seconds) of the frames to include (default: the best matches)")
    p.add_argument("--annotations", type=Path, default=None, metavar="FILE.json",
                   help="the owner's annotations on the photos: a JSON list (see docs/EVIDENCE.md)")
    p.add_argument("--clip-id", type=int, default=None, help="which of the order's clips (default: newest)")
    p.add_argument("--with-linked", action="store_true",
                   help="also put in the order's other clip: a shipment's return unboxing, or a return's shipment")
    p.add_argument("--linked-clip-id", type=int, default=None,
                   help="which return or shipment clip to put in (implies --with-linked; default: newest)")
    p.add_argument("--cameras", choices=("both", "pip"), default=None,
                   help="a clip of two cameras: both sealed files only, or also one picture-in-picture file "
                        "composed from them (default: the camera_exports setting)")
    p.add_argument("--json", action="store_true")


def _annotations(path: Path | None) -> list[dict] | None:
    if path is None:
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BadInputError(f"cannot read the annotations {path}: {exc}") from exc


def _progress(as_json: bool):
    if as_json or not sys.stderr.isatty():
        return None

    def show(fraction: float, message: str) -> None:
        print(f"\r{fraction:4.0%}  {message:<60}", end="", file=sys.stderr, flush=True)
        if fraction >= 1.0:
            print(file=sys.stderr)

    return show


def run(args, services) -> int:
    from packseal.core.evidence.pack import build_pack
    from packseal.core.ledger import group_fingerprint

    language = args.lang or (services.settings.language if services.settings.language in ("en", "zh_CN")
                             else "en")
    result = build_pack(services.layout, services.ledger, services.catalog, services.archive, args.order,
                        args.photo + args.opened_box, args.out, language=language, frames=args.frames,
                        annotations=_annotations(args.annotations), clip_id=args.clip_id,
                        progress=_progress(args.json), opened_box=args.opened_box,
                        with_linked=args.with_linked, linked_clip_id=args.linked_clip_id,
                        cameras=args.cameras or services.settings.camera_exports)
    lines = [f"Evidence pack of order {result.order_id}: {result.path}",
             f"  {result.bytes:,} bytes, sha256 {result.sha256}",
             f"  clip: ledger entry {result.clip_seq}, proven under checkpoint {result.checkpoint_seq}"
             + (f", timestamped (entry {result.timestamp_seq})" if result.timestamp_seq is not None else ""),
             *([f"  {result.composed['file']}: picture-in-picture made from the two sealed camera files "
                "(not sealed itself)"] if result.composed else []),
             f"  signed with station key {group_fingerprint(result.key_id)}",
             f"  PackSeal's sealed copy: {result.sealed_copy} (ledger entry {result.export_seq})"]
    for photo in result.photos:
        found = ("no matching frame" if photo["no_match"]
                 else f"{photo['matches']} matching frame(s), {photo['regions']} region(s) differ")
        lines.append(f"  refund photo {photo['number']} {photo['name']}: {found}")
    if result.linked:
        lines.append(f"  with the {result.linked['role']} clip of order {result.linked['order_id']}: "
                     f"ledger entry {result.linked['ledger_seq']}")
    lines += [f"  warning: {w}" for w in result.warnings]
    lines.append(f"Check it with `packseal verify {result.path}`, or `python3 verify_pack.py` inside it.")
    emit(result.to_json(), args.json, "\n".join(lines))
    return EXIT_OK
