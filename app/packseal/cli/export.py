"""``packseal export``: an order's clip cut and sized for a platform's dispute form."""

from __future__ import annotations

from pathlib import Path

from packseal.cli.output import EXIT_OK, emit
from packseal.cli.pack import _progress, seconds_list

HELP = "export an order's clip within a platform's limits (shopee, tiktok, lazada, taobao, full)"
NEEDS_SERVICES = True


def add_arguments(p) -> None:
    p.add_argument("--order", required=True, help="order or waybill number")
    p.add_argument("--preset", required=True, metavar="NAME",
                   help="shopee | tiktok | lazada | taobao | full (resources/presets/platforms.json)")
    p.add_argument("--start", type=float, default=None, metavar="S",
                   help="start of the window, seconds into the clip (default: the scan)")
    p.add_argument("--end", type=float, default=None, metavar="E", help="end of the window, seconds into the clip")
    p.add_argument("--frames", type=seconds_list, default=None, metavar="S,S,...",
                   help="clip times of the pictures (default: evenly spaced through the part of the window "
                        "from the scan to the stop, not in the pre-roll or post-roll)")
    p.add_argument("--out", required=True, type=Path, help="folder for the exported files")
    p.add_argument("--clip-id", type=int, default=None, help="which of the order's clips (default: newest)")
    p.add_argument("--cameras", choices=("both", "pip"), default=None,
                   help="a clip of two cameras: a video of each camera, or one picture-in-picture video "
                        "composed from both (default: the camera_exports setting)")
    p.add_argument("--json", action="store_true")


def run(args, services) -> int:
    from packseal.core.evidence.export import export_clip

    result = export_clip(services.layout, services.ledger, services.catalog, args.order, args.preset, args.out,
                         start_s=args.start, end_s=args.end, frame_times=args.frames, clip_id=args.clip_id,
                         progress=_progress(args.json), cameras=args.cameras or services.settings.camera_exports)
    w = result.window
    lines = [f"Order {result.order_id} for {result.preset}: {w.start_s:.1f} s to {w.end_s:.1f} s of the clip "
             f"(ledger entry {result.clip_seq})"]
    for f in result.files:
        cap = f" (limit {f.max_bytes:,})" if f.max_bytes else ""
        lines.append(f"  {f.path}  {f.bytes:,} bytes{cap}, C2PA {'signed' if f.c2pa else 'missing'}, "
                     f"ledger entry {f.ledger_seq}")
    lines += [f"  warning: {warning}" for warning in result.warnings]
    emit(result.to_json(), args.json, "\n".join(lines))
    return EXIT_OK
