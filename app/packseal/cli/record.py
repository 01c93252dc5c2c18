"""``packseal record``: one order clip without the window."""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time

from packseal.cli.output import EXIT_OK, emit, iso
from packseal.core.errors import BadInputError, PackSealError
from packseal.core.packing.check import NOT_CHECKED, SHIPMENT
from packseal.core.packing.plan import clean_link

HELP = "record one order clip without the window"
NEEDS_SERVICES = True


def add_arguments(p) -> None:
    p.add_argument("--order", required=True, help="order or waybill number")
    p.add_argument("--source", action="append", default=None,
                   help="usb:N | rtsp://… | http(s)://… | file:PATH | test[:WxH@FPS][?noisy] (default: settings); "
                        "give it twice to record two cameras")
    p.add_argument("--seconds", type=float, default=10.0, help="how long the order records (default 10)")
    p.add_argument("--scan", action="append", default=[], type=timed_scan, metavar="BARCODE@SECONDS",
                   help="a product scanned SECONDS after the order started (repeatable): checked against "
                        "the order's items")
    p.add_argument("--return-of", default=None, metavar="ORDER_ID",
                   help="record the unboxing of a return of this shipment's order")
    p.add_argument("--refuse-warnings", action="store_true",
                   help="drop an order with a warning (cancelled, refunded, recorded before) instead of "
                        "recording it with the warning confirmed")
    p.add_argument("--json", action="store_true")
    p.add_argument("--scale", default=None, metavar="PORT[:BAUD]",
                   help="weigh the parcel on this serial scale (line format and tolerance from the settings)")


def timed_scan(text: str) -> tuple[str, float]:
    """``BARCODE@SECONDS`` → (barcode, seconds)."""
    code, sep, at = text.rpartition("@")
    try:
        seconds = float(at)
    except ValueError:
        seconds = -1.0
    if not sep or not code.strip() or not 0 <= seconds < 86400:
        raise argparse.ArgumentTypeError(f"{text!r} is not BARCODE@SECONDS (e.g. 6901234567892@2.5)")
    return code.strip(), seconds


def record_order(services, order: str, *, source: str | list[str] | None, seconds: float, policy=None,
                 scans: list[tuple[str, float]] = (), return_of: str | None = None,
                 refuse_warnings: bool = False) -> dict:
    """Record one order headless and return the figures ``record --json`` prints.

    ``source`` replaces the settings' camera; a list of two records two cameras, and the
    figures then add ``clips``, one object per camera.
    ``policy`` replaces the settings' order-number rules (the self-test records
    an order number of its own). ``scans`` are product codes scanned at their
    second of the recording; ``return_of`` records a return of that order.
    A warned order is recorded with the warning confirmed (the command is the
    decision), or dropped with ``refuse_warnings``.
    """
    from packseal.core.anchoring import AnchorDone
    from packseal.core.archive import ArchiveFailed, ClipSealed
    from packseal.core.recording.events import ClipFailed, ScanRefused
    from packseal.core.station import MAX_CAMERAS, policy_from_settings

    sources = list(source) if isinstance(source, (list, tuple)) else ([source] if source else None)
    if sources is not None and not 1 <= len(sources) <= MAX_CAMERAS:
        raise BadInputError(f"Give --source once or twice (a station records at most {MAX_CAMERAS} "
                            f"cameras), not {len(sources)} times.")
    policy = policy or policy_from_settings(services.settings)
    valid = policy.validate(order)  # refuse before any camera opens
    late = [f"{code}@{at:g}" for code, at in scans if at > seconds]
    if late:
        raise BadInputError(f"Scans after the end of the recording ({seconds:g} s): {', '.join(late)}.")
    if return_of is not None:
        return_of = clean_link(return_of)
    done = threading.Event()
    anchored = threading.Event()
    outcome: dict = {}
    anchors: list = []

    def on_event(ev) -> None:
        if isinstance(ev, AnchorDone):
            anchors.append(ev)
            clip = outcome.get("clip")
            if clip is not None and clip.ledger_seq is not None and ev.tree_size > clip.ledger_seq:
                anchored.set()
        elif isinstance(ev, ClipSealed) and ev.clip.order_id == valid.value:
            outcome["clip"], outcome["seal"] = ev.clip, ev.seal
            done.set()
        elif isinstance(ev, ArchiveFailed) and ev.what == "ClipAssembled":
            outcome["error"] = ev.message
            done.set()
        elif isinstance(ev, ClipFailed) and ev.order_id == valid.value:
            outcome["error"] = ev.message
            done.set()
        elif isinstance(ev, ScanRefused):
            outcome["error"] = ev.message
            done.set()

    unsubscribe = services.hub.subscribe(on_event)
    t_wall, t_cpu = time.monotonic(), _cpu_seconds()
    station = services.station(sources, read_barcodes=False)
    station.start()
    recorder = station.recorder
    recorder.policy = policy
    try:
        if station.source_note:
            print(station.source_note, file=sys.stderr)
        time.sleep(services.settings.preroll_s + 0.2)  # let the pre-roll reach the tape
        if return_of is not None:
            recorder.set_returns_mode(True)
        action = station.scan(valid.value, source="cli")
        if action == "asking":
            held = recorder.bench_state().asking
            named = ", ".join(w.warning for w in held.plan.warnings) if held else "a warning"
            if refuse_warnings:
                recorder.drop_warning(valid.value)
                raise BadInputError(f"Order {valid.value} was dropped at its warning ({named}); nothing was "
                                    "recorded. The decision is sealed in the ledger.")
            recorder.confirm_warning(valid.value)
        elif action is None:
            raise BadInputError(outcome.get("error", "The order could not start."))
        started = time.monotonic()
        if return_of is not None:
            recorder.link_order(valid.value, return_of)
        for code, at in sorted(scans, key=lambda s: s[1]):
            time.sleep(max(0.0, started + at - time.monotonic()))
            station.scan(code, source="cli")
        time.sleep(max(0.0, started + seconds - time.monotonic()))
        station.stop_order(missing="confirmed")
        done.wait(services.settings.postroll_s + 4 * services.settings.segment_s + 30)
        anchor = _wait_for_anchor(services, outcome, anchors, anchored)
    finally:
        station.stop()
        unsubscribe()
    if "clip" not in outcome:
        raise PackSealError(outcome.get("error", "The clip was not finished in time; see the log."))
    clip = outcome["clip"]
    tape, pipe, counts = station.tape, station.pipeline, station.tape_stats()
    return {
        "order_id": clip.order_id,
        "clip": str(clip.path),
        "seal": str(outcome["seal"]),
        "ledger_seq": clip.ledger_seq,
        "sha256": clip.sha256,
        "bytes": clip.bytes,
        "duration_s": round(clip.duration_s, 3),
        "frames": clip.frames,
        "status": clip.status,
        "start": iso(clip.start_utc),
        "end": iso(clip.end_utc),
        "scan": iso(clip.scan_utc),
        "source": station.source.description if station.source else "",
        "fps": station.source.fps if station.source else 0.0,
        "encoder": tape.encoder_name if tape else "",
        # the clip's own counts (frames whose capture time lies in the clip), then the whole run's
        "frames_captured": clip.frames_captured,
        "frames_dropped": clip.frames_dropped,
        "run_frames_captured": pipe.stats.frames_captured if pipe else 0,
        "frames_encoded": counts.frames_written,
        "run_frames_dropped": counts.frames_dropped + (pipe.stats.frames_skipped + pipe.stats.frames_shed
                                                       if pipe else 0),
        "load_shedding_level": station.shedder.deepest if station.shedder else 0,
        "gaps": [[iso(a), iso(b)] for a, b in clip.gaps],
        "anchor": anchor,
        "cpu_s": round(_cpu_seconds() - t_cpu, 3),
        "wall_s": round(time.monotonic() - t_wall, 3),
        **packing_figures(clip.packing),
        **camera_figures(clip, len(station.cameras)),
    }


def camera_figures(clip, cameras: int) -> dict:
    """For a station of two cameras, ``clips``: each camera's file of the order and its counts."""
    if cameras < 2:
        return {}
    files = [clip, *clip.others]
    return {"clips": [
        {"camera": c.camera, "clip": str(c.path), "sha256": c.sha256, "bytes": c.bytes, "status": c.status,
         "frames": c.frames, "frames_captured": c.frames_captured, "frames_dropped": c.frames_dropped,
         "start": iso(c.start_utc), "end": iso(c.end_utc), "gaps": [[iso(a), iso(b)] for a, b in c.gaps]}
        for c in files] + [{"camera": name, "clip": None, "sha256": None, "bytes": None, "status": "no-video",
                            "frames": 0, "frames_captured": None, "frames_dropped": None, "start": None,
                            "end": None, "gaps": []} for name in clip.no_video]}


def packing_figures(packing: dict | None) -> dict:
    """What ``record --json`` says of the order's check: the facts of the clip's signed ``packing``."""
    packing = packing or {}
    return {
        "kind": packing.get("kind", SHIPMENT),
        "outcome": packing.get("outcome", NOT_CHECKED),
        "items": [{k: i[k] for k in ("sku", "barcode", "name", "expected", "scanned")}
                  for i in packing.get("items", [])],
        "wrong_scans": list(packing.get("wrong_scans", [])),
        "warnings": list(packing.get("warnings", [])),
        "weight_g": packing.get("weight_g"),
        "linked_order": packing.get("linked_order"),
        "packer": packing.get("packer"),
    }


def use_scale(settings, spec: str) -> None:
    """Read the scale at ``PORT[:BAUD]`` for this run (settings.json is not changed)."""
    from packseal.core.scale.config import parse_port_spec, scale_from_settings

    port, baud = parse_port_spec(spec, settings.scale.get("baud", 9600))
    settings.scale = {**settings.scale, "port": port, "baud": baud}
    scale_from_settings(settings.scale)


def _wait_for_anchor(services, outcome: dict, anchors: list, anchored: threading.Event) -> dict:
    """Wait until the clip is under a checkpoint sent to the TSAs; say whether it was stamped or queued."""
    timestamper = services.archive.timestamper
    clip = outcome.get("clip")
    if clip is None or clip.ledger_seq is None:
        return {"state": "none"}
    if timestamper is None:
        return {"state": "no-tsa"}
    # coalescing delay, then each TSA may take its whole timeout
    anchored.wait(services.archive.anchorer.coalesce_s + timestamper.timeout * len(timestamper.tsa_urls) + 30)
    done = next((a for a in anchors if a.tree_size > clip.ledger_seq), None)
    if done is None:
        return {"state": "pending"}
    state = "stamped" if done.stamped else "queued"
    return {"state": state, "checkpoint_seq": done.checkpoint_seq, "stamped": done.stamped,
            "trusted": done.trusted, "queued": list(done.queued)}


_ANCHOR_TEXT = {
    "stamped": "anchored: checkpoint {checkpoint_seq} timestamped by {stamped} TSA(s)",
    "queued": "NOT anchored yet: no TSA answered; the timestamp is queued and retried automatically "
              "(or run `packseal stamp`)",
    "pending": "NOT anchored yet: the timestamp request is still on its way",
    "no-tsa": "NOT anchored: no timestamp authority is configured",
    "none": "not anchored",
}


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (ffmpeg is waited for)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def run(args, services) -> int:
    if args.scale:
        use_scale(services.settings, args.scale)
    result = record_order(services, args.order, source=args.source, seconds=args.seconds, scans=args.scan,
                          return_of=args.return_of, refuse_warnings=args.refuse_warnings)
    emit(result, args.json,
         f"Recorded {result['order_id']}: {result['clip']}\n"
         f"  {result['duration_s']:.1f} s, {result['frames']} frames, {result['bytes']:,} bytes, "
         f"{result['status']}, {result['kind']} {result['outcome']}\n  sha256 {result['sha256']}\n  seal   {result['seal']}\n  "
         + _ANCHOR_TEXT[result["anchor"]["state"]].format(**result["anchor"])
         + "".join(_camera_line(c) for c in result.get("clips", [])[1:]))
    return EXIT_OK


def _camera_line(cam: dict) -> str:
    """One line for another camera's file of the clip (a station of two cameras)."""
    if cam["clip"] is None:
        return f"\n  {cam['camera']}: recorded nothing of this order"
    gaps = f", {len(cam['gaps'])} gap(s)" if cam["gaps"] else ""
    return f"\n  {cam['camera']}: {cam['clip']} ({cam['frames']} frames, {cam['bytes']:,} bytes, {cam['status']}{gaps})"
