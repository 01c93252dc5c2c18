"""``packseal status``: is this data dir's station recording, and which processes run it."""

from __future__ import annotations

from pathlib import Path

from packseal.cli.output import EXIT_FAIL, EXIT_OK, emit, iso
from packseal.core.recording.tape import newest_sessions
from packseal.core.remote.client import recorder_status
from packseal.core.storage.layout import DataLayout, default_data_dir

HELP = "show whether the recorder runs, its state and order (exit 1 when no recorder runs)"
NEEDS_SERVICES = False


def add_arguments(p) -> None:
    p.add_argument("--json", action="store_true")


def run(args) -> int:
    root = Path(args.data_dir).expanduser().resolve() if args.data_dir else default_data_dir().resolve()
    layout = DataLayout(root)  # only looked at: a status request creates nothing
    snap = recorder_status(layout) if layout.state.is_dir() else None
    if snap is None:
        emit({"data_dir": str(root), "recorder_pid": None, "window_pid": None, "state": "not running",
              "order_id": None}, args.json, f"No recorder is running for {root}.")
        return EXIT_FAIL
    station = snap.station
    obj = {
        "data_dir": str(root), "recorder_pid": snap.recorder_pid, "window_pid": snap.window_pid,
        "state": snap.state, "order_id": snap.order_id, "scan_time": iso(snap.scan_utc),
        "source": station.source_description if station else None,
        "camera_ok": snap.camera_ok, "encoder_ok": snap.encoder_ok, "station_error": snap.station_error,
    }
    # The encoder each camera's current tape uses, and why (chosen at its start: see encoder_choice).
    sessions = newest_sessions(layout.tape_root)
    obj["encoders"] = {cam: {"encoder": s.get("encoder", ""), "reason": s.get("encoder_reason", ""),
                             "since": s.get("started", "")} for cam, s in sessions.items()}
    lines = [f"Recorder: pid {snap.recorder_pid} ({snap.state})",
             f"Window:   {'pid %d' % snap.window_pid if snap.window_pid else 'none connected'}"]
    if snap.order_id:
        lines.append(f"Order:    {snap.order_id} (scanned {iso(snap.scan_utc)})")
    if station:
        lines.append(f"Camera:   {station.source_description}"
                     + ("" if snap.camera_ok else " — no pictures") + ("" if snap.encoder_ok else
                                                                       " — encoder restarting"))
    for cam, enc in obj["encoders"].items():
        lines.append(f"Encoder:  {cam}: {enc['reason'] or enc['encoder']} (tape since {enc['since']})")
    if snap.station_error:
        lines.append(f"Problem:  {snap.station_error}")
    emit(obj, args.json, "\n".join(lines))
    return EXIT_OK
