"""The recorder outlives the window, and the window sees the recorder die.

``packseal`` runs for real here: the supervisor, the window process (offscreen
Qt) and the recorder process it starts. The window is killed with SIGKILL in
the middle of an order; the recording must go on without a gap, a new window
must come back showing the same order, and the clip must be one continuous
piece of video.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import av

from packseal.core.ledger import verify_clip
from packseal.core.remote.client import RecorderClient, recorder_status
from packseal.core.storage.layout import DataLayout
from packseal.gui.theme import DisplayState
from tests.support.station_window import with_changes
from tests.support.recorder import kill_recorder

ORDER = "SF1234567890123"


def wait_for(condition, timeout: float, what: str, step: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def packseal(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "packseal", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, timeout=60)


def status(data_dir: Path) -> dict:
    return json.loads(packseal(data_dir, "status", "--json").stdout)


def frame_times(path: Path) -> list[float]:
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        return [float(f.pts * stream.time_base) for f in container.decode(stream)]


def test_a_window_killed_mid_order_comes_back_and_the_order_is_one_continuous_clip(station_data, tmp_path):
    from packseal.core.settings import save_settings

    save_settings(with_changes(camera_barcodes=False), station_data / "settings.json")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CACHE_HOME=str(tmp_path / "cache"),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    log = open(tmp_path / "supervisor.log", "wb")
    app = subprocess.Popen([sys.executable, "-m", "packseal", "--data-dir", str(station_data),
                            "--source", "test:640x360@15"], env=env, stdout=log, stderr=subprocess.STDOUT)
    layout = DataLayout(station_data.resolve())
    try:
        first = wait_for(lambda: (s := status(station_data))["window_pid"] and s["state"] == "idle" and s,
                         90, "the window connected to an idle recorder")
        log_text = (station_data / "logs" / "packseal.log").read_text(encoding="utf-8")
        # The window's process started the recorder before loading its own modules, and took it over.
        assert f"the recorder was started with the window (pid {first['recorder_pid']})" in log_text
        assert "starting the recorder" not in log_text
        client = RecorderClient(layout, kind="cli")
        assert client.call("scan", code=ORDER, source="scanner")
        wait_for(lambda: status(station_data)["state"] == "recording", 15, "the order recording")
        time.sleep(2.5)

        os.kill(first["window_pid"], signal.SIGKILL)  # the window dies; the recorder must not notice
        second = wait_for(lambda: (s := status(station_data))["window_pid"] not in (None, first["window_pid"])
                          and s, 60, "a new window")
        assert second["recorder_pid"] == first["recorder_pid"]  # the same recorder, never restarted
        assert second["state"] == "recording" and second["order_id"] == ORDER
        log_text = (station_data / "logs" / "packseal.log").read_text(encoding="utf-8")
        assert f"order {ORDER} still recording" in log_text  # the new window picked it up
        # and started no second recorder beside the running one
        assert "already running" not in (station_data / "logs" / "recorder-stderr.log").read_text()

        time.sleep(2.0)
        assert client.call("stop_order")
        client.close()
        rows = wait_for(lambda: json.loads(packseal(station_data, "search", ORDER, "--json").stdout)["clips"],
                        60, "the sealed clip")
        assert len(rows) == 1
        clip = rows[0]
        assert clip["status"] == "complete"
        assert verify_clip(Path(clip["clip"])).ok

        # One continuous picture from pre-roll to post-roll: no frame further apart than a hiccup.
        times = frame_times(Path(clip["clip"]))
        gaps = [b - a for a, b in zip(times, times[1:])]
        assert max(gaps) < 0.5, f"a {max(gaps):.2f} s hole in the clip"
        assert times[-1] - times[0] >= 4.0  # 2.5 s + 2 s recorded around the kill, and the rolls
        entries = [json.loads(line) for f in sorted((station_data / "ledger").glob("*.jsonl"))
                   for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
        clip_entry = next(e for e in entries if e["kind"] == "clip" and e["body"]["order_id"] == ORDER)
        assert not clip_entry["body"].get("gaps")

        app.send_signal(signal.SIGTERM)  # closing the window the normal way stops the recorder too
        assert app.wait(90) == 0
        wait_for(lambda: status(station_data)["recorder_pid"] is None, 30, "the recorder to stop")
    finally:
        if app.poll() is None:
            app.kill()
            app.wait(10)
        kill_recorder(layout)
        log.close()


def test_a_killed_recorder_is_shown_at_once_restarted_and_its_order_continues_with_the_gap(qtbot, make_window):
    h = make_window()
    h.wait_running()
    w = h.window
    before = recorder_status(w.services.layout)
    assert w.controller.client.call("scan", code=ORDER, source="scanner")
    qtbot.waitUntil(lambda: w.view.order.order_id == ORDER, timeout=15_000)
    qtbot.wait(2500)

    with qtbot.waitSignal(w.bridge.recorder_lost, timeout=10_000):
        os.kill(before.recorder_pid, signal.SIGKILL)
    assert "recorder" in w.view.alerts.keys()
    assert w.view.banner.state == DisplayState.PROBLEM and w.station.sounds.played[-1] == "error"

    # The window starts a new recorder; it seals what the dead one recorded and records on.
    with qtbot.waitSignal(w.bridge.recorder_connected, timeout=60_000) as connected:
        pass
    snapshot = connected.args[0]
    assert snapshot.recorder_pid != before.recorder_pid
    assert ORDER in snapshot.recovery_summary
    qtbot.waitUntil(lambda: "recorder" not in w.view.alerts.keys(), timeout=10_000)
    qtbot.waitUntil(lambda: w.controller.station is not None, timeout=30_000)
    qtbot.waitUntil(lambda: recorder_status(w.services.layout).order_id == ORDER, timeout=30_000)
    qtbot.waitUntil(lambda: w.view.order.order_id == ORDER, timeout=10_000)
    qtbot.wait(2500)
    with qtbot.waitSignal(w.bridge.clip_sealed, timeout=60_000) as sealed:
        assert w.controller.client.call("stop_order")
    clip = sealed.args[0]
    assert clip.order_id == ORDER and clip.status == "complete"
    assert len(clip.gaps) == 1  # the seconds between the kill and the new recorder's first frame
    gap_start, gap_end = clip.gaps[0]
    assert gap_end > gap_start and clip.start_utc < gap_start and gap_end < clip.end_utc
    assert verify_clip(clip.path).ok
    assert len(w.services.catalog.search(ORDER, limit=5)) == 1  # one clip for the order, not two
