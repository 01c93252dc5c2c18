"""The ``packseal`` command. Each subcommand is a thin shell over the core.

Exit codes: 0 success, 1 the work failed or found a problem, 2 usage or I/O
error. ``--json`` prints exactly one JSON object on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
from datetime import date, datetime
from pathlib import Path

from packseal import __version__
from packseal.core.errors import BadInputError, PackSealError

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="packseal", description="PackSeal (打包存证): sealed packing video.")
    p.add_argument("--version", action="version", version=f"PackSeal {__version__}")
    p.add_argument("--data-dir", type=Path, default=None,
                   help="data directory (default: $PACKSEAL_DATA_DIR or the user data dir)")
    p.add_argument("-v", "--verbose", action="store_true", help="log details to stderr too")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    r = sub.add_parser("record", help="record one order clip without the window")
    r.add_argument("--order", required=True, help="order or waybill number")
    r.add_argument("--source", default=None,
                   help="usb:N | rtsp://… | http(s)://… | file:PATH | test[:WxH@FPS] (default: settings)")
    r.add_argument("--seconds", type=float, default=10.0, help="how long the order records (default 10)")
    r.add_argument("--json", action="store_true")

    s = sub.add_parser("search", help="find clips by order or waybill number and date")
    s.add_argument("query", nargs="?", default=None, help="whole or part of an order number")
    s.add_argument("--from", dest="date_from", type=_date, default=None, help="YYYY-MM-DD")
    s.add_argument("--to", dest="date_to", type=_date, default=None, help="YYYY-MM-DD (inclusive)")
    s.add_argument("--station", default=None)
    s.add_argument("--limit", type=int, default=100)
    s.add_argument("--json", action="store_true")

    v = sub.add_parser("verify", help="check the seal of the data dir, a clip or a seal file")
    v.add_argument("path", nargs="?", type=Path, default=None,
                   help="data dir (default), a clip (.mp4 with its .seal.json) or a .seal.json")
    v.add_argument("--json", action="store_true")

    t = sub.add_parser("selftest", help="record, seal and check a clip with the test camera")
    t.add_argument("--seconds", type=float, default=3.0)
    t.add_argument("--json", action="store_true")
    return p


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-24") from None


def _emit(obj: dict, as_json: bool, human: str) -> None:
    if as_json:
        print(json.dumps(obj, ensure_ascii=False, default=str))
    else:
        print(human)


def _iso(dt: datetime | None) -> str | None:
    return dt.isoformat(timespec="milliseconds") if dt else None


# -- record ---------------------------------------------------------------
def record_order(services, order: str, *, source: str | None, seconds: float) -> dict:
    """Record one order headless and return the figures ``record --json`` prints."""
    from packseal.core.archive import ArchiveFailed, ClipSealed
    from packseal.core.recording.events import ClipFailed, ScanRefused
    from packseal.core.station import policy_from_settings

    valid = policy_from_settings(services.settings).validate(order)  # refuse before any camera opens
    done = threading.Event()
    outcome: dict = {}

    def on_event(ev) -> None:
        if isinstance(ev, ClipSealed) and ev.clip.order_id == valid.value:
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
    station = services.station(source, read_barcodes=False)
    station.start()
    try:
        if station.source_note:
            print(station.source_note, file=sys.stderr)
        time.sleep(services.settings.preroll_s + 0.2)  # let the pre-roll reach the tape
        if station.scan(valid.value, source="cli") is None:
            raise BadInputError(outcome.get("error", "The order could not start."))
        time.sleep(max(0.0, seconds))
        station.stop_order()
        done.wait(services.settings.postroll_s + 4 * services.settings.segment_s + 30)
    finally:
        station.stop()
        unsubscribe()
    if "clip" not in outcome:
        raise PackSealError(outcome.get("error", "The clip was not finished in time; see the log."))
    clip = outcome["clip"]
    tape, pipe = station.tape, station.pipeline
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
        "start": _iso(clip.start_utc),
        "end": _iso(clip.end_utc),
        "scan": _iso(clip.scan_utc),
        "source": station.source.description if station.source else "",
        "encoder": tape.encoder_name if tape else "",
        "frames_captured": pipe.stats.frames_captured if pipe else 0,
        "frames_encoded": tape.stats.frames_written if tape else 0,
        "frames_dropped": tape.stats.frames_dropped if tape else 0,
        "cpu_s": round(_cpu_seconds() - t_cpu, 3),
        "wall_s": round(time.monotonic() - t_wall, 3),
    }


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (ffmpeg is waited for)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def cmd_record(services, args) -> int:
    result = record_order(services, args.order, source=args.source, seconds=args.seconds)
    _emit(result, args.json,
          f"Recorded {result['order_id']}: {result['clip']}\n"
          f"  {result['duration_s']:.1f} s, {result['frames']} frames, {result['bytes']:,} bytes, "
          f"{result['status']}\n  sha256 {result['sha256']}")
    return EXIT_OK


# -- search ---------------------------------------------------------------
def cmd_search(services, args) -> int:
    rows = services.catalog.search(args.query, date_from=args.date_from, date_to=args.date_to,
                                   station=args.station, limit=args.limit)
    total = services.catalog.count(args.query, date_from=args.date_from, date_to=args.date_to,
                                   station=args.station)
    clips = [{
        "id": r.id, "order_id": r.order_id, "station": r.station,
        "clip": str(services.layout.root / r.file) if r.file else None,
        "status": r.status, "start": _iso(r.start), "duration_s": round(r.duration_s, 3),
        "bytes": r.bytes, "sha256": r.sha256, "pinned": bool(r.pinned),
        "deleted": r.deleted_ms is not None,
    } for r in rows]
    lines = [f"{c['start'][:19]}  {c['order_id']:<24} {c['duration_s']:7.1f} s  {c['status']:<11} "
             f"{c['clip']}" for c in clips]
    lines.append(f"{len(clips)} of {total} clip(s)")
    _emit({"total": total, "clips": clips}, args.json, "\n".join(lines))
    return EXIT_OK


# -- selftest -------------------------------------------------------------
def cmd_selftest(services, args) -> int:
    from packseal.core.recording.ffmpeg_tool import probe

    checks: list[tuple[str, bool, str]] = []
    result = record_order(services, "SELFTEST" + datetime.now().strftime("%H%M%S"), source="test",
                          seconds=args.seconds)
    clip = Path(result["clip"])
    info = probe(clip)
    checks.append(("clip is H.264 MP4", info.codec == "h264" and "mp4" in info.container,
                   f"{info.codec} in {info.container}"))
    want = args.seconds + services.settings.preroll_s + services.settings.postroll_s
    checks.append(("clip covers the order and its rolls",
                   abs(info.duration_s - want) <= 2 * services.settings.segment_s + 0.5,
                   f"{info.duration_s:.1f} s for {want:.1f} s"))
    checks.append(("no frames dropped", result["frames_dropped"] == 0, str(result["frames_dropped"])))
    from packseal.core.ledger import verify_clip

    report = verify_clip(clip)
    checks.append(("seal verifies", report.ok, "; ".join(p.line() for p in report.problems)))
    found = services.catalog.search(result["order_id"], limit=5)
    checks.append(("clip is in the catalog", any(r.order_id == result["order_id"] for r in found), ""))
    ok = all(c[1] for c in checks)
    obj = {"ok": ok, "checks": [{"name": n, "ok": k, "detail": d} for n, k, d in checks], "record": result}
    human = "\n".join(f"[{'OK' if k else 'FAIL'}] {n}" + (f" ({d})" if d else "") for n, k, d in checks)
    _emit(obj, args.json, human + f"\nselftest {'passed' if ok else 'FAILED'}: {clip}")
    return EXIT_OK if ok else EXIT_FAIL


# -- verify ---------------------------------------------------------------
def cmd_verify(args) -> int:
    """Read-only: never opens the data dir for writing, never repairs anything."""
    from packseal.core.ledger import verify_clip, verify_data_dir, verify_seal
    from packseal.core.storage.layout import DataLayout, default_data_dir

    target = args.path or args.data_dir or default_data_dir()
    target = Path(target).expanduser()
    if target.is_dir():
        report = verify_data_dir(DataLayout(target.resolve()))
    elif target.name.endswith(".seal.json"):
        report = verify_seal(target)
    elif target.is_file():
        report = verify_clip(target)
    else:
        raise BadInputError(f"{target} does not exist; give a data dir, a clip or a .seal.json file.")
    _emit(report.to_json(), args.json, report.format_text())
    return report.exit_code


COMMANDS = {"record": cmd_record, "search": cmd_search, "selftest": cmd_selftest}
READ_ONLY_COMMANDS = {"verify": cmd_verify}


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["selftest"] if argv is None else [*argv, "selftest"])
    if args.command in READ_ONLY_COMMANDS:
        try:
            return READ_ONLY_COMMANDS[args.command](args)
        except PackSealError as exc:
            print(f"packseal: {exc}", file=sys.stderr)
            return EXIT_USAGE
    from packseal.compose import open_services

    try:
        services = open_services(args.data_dir, verbose=args.verbose, log_to_stderr=True)
    except PackSealError as exc:
        print(f"packseal: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        return COMMANDS[args.command](services, args)
    except BadInputError as exc:
        print(f"packseal: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except PackSealError as exc:
        print(f"packseal: {exc}", file=sys.stderr)
        return EXIT_FAIL
    except KeyboardInterrupt:
        return 130
    finally:
        services.close()
