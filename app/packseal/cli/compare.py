"""``packseal compare``: a buyer's refund photo against the order's packing clip."""

from __future__ import annotations

import sys
from pathlib import Path

from packseal.cli.output import EXIT_OK, emit
from packseal.core.errors import BadInputError

NAME = "compare"
HELP = "compare a buyer's refund photo with the order's packing clip"
NEEDS_SERVICES = True


def add_arguments(p) -> None:
    p.add_argument("--order", required=True, help="order or waybill number")
    p.add_argument("--photo", required=True, type=Path,
                   help="the buyer's photo (JPEG, PNG, WebP, HEIC or BMP)")
    p.add_argument("--out", type=Path, default=None,
                   help="folder for side_by_side.png, overlay.png, heatmap.png and ela.png")
    p.add_argument("--json", action="store_true")


def run(args, services) -> int:
    from packseal.core.compare.comparison import compare_photo
    from packseal.core.evidence.source_clip import find_order_clip

    clip = find_order_clip(services.layout, services.ledger, services.catalog, args.order)
    if not args.photo.is_file():
        raise BadInputError(f"the photo {args.photo} does not exist")
    result = compare_photo(clip.path, args.photo, start_utc=clip.start, shipment_time=clip.end,
                           out_dir=args.out, order_id=clip.order_id)
    if clip.sealed_sha256 and clip.sealed_sha256 != result.clip_sha256:
        print(f"packseal: warning: {clip.path} is not the file that was sealed (sha256 differs); "
              "run `packseal verify` before using this comparison", file=sys.stderr)
    emit(result.to_json(), args.json, _summary(result))
    return EXIT_OK


def _summary(result) -> str:
    lines = [f"Order {result.order_id}: clip {result.clip_path}",
             f"  sha256 {result.clip_sha256}"]
    if result.no_match:
        lines.append("No match: no frame of the clip shows what the photo shows. The photo may show "
                     "another item, or too little of it, or be taken very differently.")
    else:
        lines.append("Frames that show the item (best first):")
        for n, m in enumerate(result.matches, 1):
            local = m.captured_at.astimezone()
            lines.append(f"  {n}. t = {m.t_s:6.1f} s   {local:%Y-%m-%d %H:%M:%S %z}   "
                         f"score {m.score:5.1f}   {m.inliers} matching points")
        if result.regions:
            lines.append("Where the photo differs from the shipment (photo pixels, best first):")
            for n, r in enumerate(result.regions, 1):
                lines.append(f"  {n}. x {r.x}, y {r.y}, {r.w}×{r.h}   score {r.score:.1f}")
        else:
            lines.append("No difference on the item stands out.")
    if result.findings:
        lines.append("About the photo itself (findings, not verdicts):")
        for f in result.findings:
            lines.append(f"  [{f.severity}] {f.message}")
    for name, path in result.image_files.items():
        lines.append(f"  picture: {name} → {path}")
    return "\n".join(lines)
