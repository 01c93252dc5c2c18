"""``packseal selftest``: record, seal and check a clip with the test camera."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from packseal.cli.output import EXIT_FAIL, EXIT_OK, emit
from packseal.cli.record import record_order

HELP = "record, seal and check a clip with the test camera"
NEEDS_SERVICES = True


def add_arguments(p) -> None:
    p.add_argument("--seconds", type=float, default=3.0)
    p.add_argument("--json", action="store_true")


def run(args, services) -> int:
    from packseal.core.ledger import verify_clip
    from packseal.core.media.ffmpeg import probe
    from packseal.core.recording.encoder_choice import last_choice
    from packseal.core.recording.order_id import OrderIdPolicy
    from packseal.core.recording.order_rule import OrderRule

    settings = services.settings
    checks: list[tuple[str, bool, str]] = []
    # The self-test's order number is no carrier's: it brings its own rule.
    policy = OrderIdPolicy([OrderRule("selftest", r"SELFTEST\d{6}", "SELFTEST120000", title="Self-test")])
    result = record_order(services, "SELFTEST" + datetime.now().strftime("%H%M%S"), source="test",
                          seconds=args.seconds, policy=policy)
    clip = Path(result["clip"])
    info = probe(clip)
    checks.append(("clip is H.264 MP4", info.codec == "h264" and "mp4" in info.container,
                   f"{info.codec} in {info.container}"))
    want = args.seconds + settings.preroll_s + settings.postroll_s
    checks.append(("clip covers the order and its rolls",
                   abs(info.duration_s - want) <= 2 * settings.segment_s + 0.5,
                   f"{info.duration_s:.1f} s for {want:.1f} s"))
    span_s = (datetime.fromisoformat(result["end"]) - datetime.fromisoformat(result["start"])).total_seconds()
    slots = round(span_s * result["fps"])
    checks.append(("every frame on tape or counted as dropped",
                   abs(result["frames"] + result["frames_dropped"] - slots) <= max(2, slots // 20),
                   f"{result['frames']} on tape, {result['frames_dropped']} dropped, {slots} expected"))
    report = verify_clip(clip)
    checks.append(("seal verifies", report.ok, "; ".join(p.line() for p in report.problems)))
    found = services.catalog.search(result["order_id"], limit=5)
    checks.append(("clip is in the catalog", any(r.order_id == result["order_id"] for r in found), ""))
    ok = all(c[1] for c in checks)
    choice = last_choice()
    obj = {"ok": ok, "checks": [{"name": n, "ok": k, "detail": d} for n, k, d in checks], "record": result,
           "encoder": choice.as_dict() if choice is not None else None}
    human = "\n".join(f"[{'OK' if k else 'FAIL'}] {n}" + (f" ({d})" if d else "") for n, k, d in checks)
    if choice is not None:
        human += f"\nvideo encoder: {choice.reason()}"
    emit(obj, args.json, human + f"\nselftest {'passed' if ok else 'FAILED'}: {clip}")
    return EXIT_OK if ok else EXIT_FAIL
