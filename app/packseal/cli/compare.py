"""``packseal compare``: a buyer's refund photos against the order's packing clip.

Several photos of one claim are compared in one run (``--photo`` repeated;
``--opened-box`` for a photo of the opened box). Without ``--order`` the
order is the one the photos' waybill names.
"""

from __future__ import annotations

import sys
from pathlib import Path

from packseal.cli.output import EXIT_OK, emit
from packseal.core.errors import BadInputError

HELP = "compare a buyer's refund photos with the order's packing clip"
NEEDS_SERVICES = True


def add_arguments(p) -> None:
    p.add_argument("--order", default=None,
                   help="order or waybill number (default: the waybill read in the photos)")
    p.add_argument("--photo", action="append", type=Path, default=[], metavar="FILE",
                   help="a buyer's photo (JPEG, PNG, WebP, HEIC or BMP); repeat for several")
    p.add_argument("--opened-box", action="append", type=Path, default=[], metavar="FILE",
                   help="a buyer's photo of the opened box, set beside the clip's last frames; repeatable")
    p.add_argument("--out", type=Path, default=None,
                   help="folder for side_by_side.png, overlay.png, heatmap.png, before_closing.png and ela.png "
                        "(in photo-N/ subfolders when there are several photos)")
    p.add_argument("--json", action="store_true")


def run(args, services) -> int:
    from packseal.core.compare.photo import load_photo
    from packseal.core.compare.session import compare_photos
    from packseal.core.evidence.photo_order import order_from_photos, order_lookup, require_one_order
    from packseal.core.evidence.source_clip import find_order_clip

    paths = list(args.photo) + list(args.opened_box)
    if not paths:
        raise BadInputError("give at least one photo with --photo (or --opened-box)")
    for path in paths:
        if not path.is_file():
            raise BadInputError(f"the photo {path} does not exist")
    photos = [load_photo(p) for p in paths]  # a bad photo fails before any lookup or video work
    order, order_from = args.order, "typed"
    if not order:
        order, order_from = require_one_order(order_from_photos(services.catalog, photos, services.orders)), "photo"
    clip = find_order_clip(services.layout, services.ledger, services.catalog, order)
    comparisons = compare_photos(clip.path, photos, start_utc=clip.start, end_utc=clip.end,
                                 order_id=clip.order_id, opened_box=photos[len(args.photo):],
                                 order_of_code=order_lookup(services.catalog, services.orders))
    results = [c.result() for c in comparisons]
    if args.out is not None:
        for n, result in enumerate(results, 1):
            result.write_images(args.out if len(results) == 1 else args.out / f"photo-{n}")
    if clip.sealed_sha256 and clip.sealed_sha256 != results[0].clip_sha256:
        print(f"packseal: warning: {clip.path} is not the file that was sealed (sha256 differs); "
              "run `packseal verify` before using this comparison", file=sys.stderr)
    emit(_json(results, paths, order_from), args.json, _summary(results, paths, order_from))
    return EXIT_OK


def _json(results, paths: list[Path], order_from: str) -> dict:
    first = results[0]
    out = {"order_id": first.order_id, "order_from": order_from,
           "clip": {"path": str(first.clip_path), "sha256": first.clip_sha256}}
    if len(results) == 1:  # one photo: its findings at the top, as before, and in ``photos``
        out.update(first.photo_json())
    out["photos"] = [{"photo": str(path), "photo_sha256": r.photo_sha256, **r.photo_json()}
                     for path, r in zip(paths, results)]
    return out


def _summary(results, paths: list[Path], order_from: str) -> str:
    first = results[0]
    how = " (from the waybill in the photo)" if order_from == "photo" else ""
    lines = [f"Order {first.order_id}{how}: clip {first.clip_path}", f"  sha256 {first.clip_sha256}"]
    for n, (path, result) in enumerate(zip(paths, results), 1):
        lines.append("")
        lines.append(f"Photo {n}: {path.name}" + (" (the opened box)" if result.kind == "opened_box" else ""))
        lines += ["  " + line for line in _photo_lines(result)]
    return "\n".join(lines)


def _photo_lines(result) -> list[str]:
    lines = []
    if result.no_match:
        lines.append("No match: no frame of the clip shows what the photo shows. The photo may show "
                     "another item, or too little of it, or be taken very differently.")
    else:
        lines.append("Frames that show the item (best first):")
        for n, m in enumerate(result.matches, 1):
            local = m.captured_at.astimezone()
            lines.append(f"  {n}. t = {m.t_s:6.1f} s   {local:%Y-%m-%d %H:%M:%S %z}   "
                         f"score {m.score:5.1f}   {m.inliers} matching points")
    if result.findings:
        lines.append("Findings (not verdicts):")
        for f in result.findings:
            lines.append(f"  [{f.severity}] {f.message}")
    for name, path in result.image_files.items():
        lines.append(f"  picture: {name} → {path}")
    return lines
