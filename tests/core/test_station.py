"""The station as a whole: camera outages, refusals while down, and recovery of the camera."""

from __future__ import annotations

import threading
import time
from datetime import datetime, timezone

import numpy as np
import pytest

from packseal.core.capture.frame import Frame
from packseal.core.capture.frame_source import FrameSource
from packseal.core.errors import CameraError
from packseal.core.events import EventHub
from packseal.core.logs import setup_logging
from packseal.core.recording.events import CameraBack, CameraLost, ScanRefused
from packseal.core.settings import Settings, save_settings
from packseal.core.station import Station
from packseal.core.storage.layout import DataLayout


class UnpluggableCamera(FrameSource):
    """Delivers frames at 15 fps until unplugged; then every read and open fails."""

    def __init__(self) -> None:
        super().__init__(width=160, height=120, fps=15)
        self.plugged = threading.Event()
        self.plugged.set()
        self.flowing = threading.Event()  # cleared: reads hang without an error (a stuck driver)
        self.flowing.set()
        self.opens = 0
        self._i = 0

    @property
    def description(self) -> str:
        return "unpluggable test camera"

    def open(self) -> None:
        self.opens += 1
        if not self.plugged.is_set():
            raise CameraError("no such device")

    def read(self) -> Frame:
        time.sleep(1 / 15)
        self.flowing.wait()
        if not self.plugged.is_set():
            raise CameraError("the camera was unplugged")
        self._i += 1
        img = np.full((120, 160, 3), self._i % 250, np.uint8)
        return Frame(img, self._i, datetime.now(timezone.utc), time.monotonic())

    def close(self) -> None:
        pass


def wait_for(predicate, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_a_scan_while_the_camera_is_down_is_refused_and_accepted_once_it_is_back(tmp_path):
    layout = DataLayout.open(tmp_path / "data")
    setup_logging(layout.log_file)
    hub = EventHub()
    events: list = []
    hub.subscribe(events.append)
    camera = UnpluggableCamera()
    settings = Settings(encoder="libx264", preset="ultrafast", preroll_s=0.5, postroll_s=0.5)
    station = Station(layout=layout, settings=settings, hub=hub, source=camera, read_barcodes=False)
    station.start()
    try:
        assert station.scan("SF1234567890123") == "start"
        camera.plugged.clear()
        assert wait_for(lambda: any(isinstance(e, CameraLost) for e in events))
        time.sleep(2.0)  # several reconnect attempts go by
        assert station.scan("JD0012345678901") is None
        refused = [e for e in events if isinstance(e, ScanRefused)]
        assert refused and "camera" in refused[-1].message.lower()
        assert station.recorder.current_order == "SF1234567890123"
        camera.plugged.set()
        assert wait_for(lambda: any(isinstance(e, CameraBack) for e in events))
        assert station.scan("JD0012345678901") == "switch"
    finally:
        station.stop()
    assert sum(isinstance(e, CameraLost) for e in events) == 1  # one alert per outage
    assert camera.opens >= 2  # it kept trying to reconnect
    log = layout.log_file.read_text()
    assert log.count("camera lost") == 1  # bounded log volume during the outage


def test_camera_reads_ignore_product_codes_and_the_current_orders_own_label(tmp_path):
    layout = DataLayout.open(tmp_path / "data")
    hub = EventHub()
    settings = Settings(encoder="libx264", preset="ultrafast", preroll_s=0.5, postroll_s=0.5)
    station = Station(layout=layout, settings=settings, hub=hub, source=UnpluggableCamera(),
                      read_barcodes=False)
    station.start()
    try:
        on_camera = station._camera_code  # what the barcode watcher calls
        on_camera("SF1234567890123", "Code128")
        assert station.recorder.current_order == "SF1234567890123"
        on_camera("SF1234567890123", "Code128")  # the label is still in view while packing
        assert station.recorder.current_order == "SF1234567890123"
        on_camera("4006381333931", "EAN13")  # a product barcode on the goods
        assert station.recorder.current_order == "SF1234567890123"
        on_camera("JD0012345678901", "Code128")  # the next parcel's waybill
        assert station.recorder.current_order == "JD0012345678901"
    finally:
        station.stop()


def test_a_hung_encoder_is_killed_restarted_and_the_clip_records_the_gap(tmp_path):
    import os
    import signal

    from packseal.core.archive import Archive, ClipSealed
    from packseal.core.catalog.catalog import Catalog
    from packseal.core.ledger import Ledger, verify_data_dir
    from packseal.core.recording.events import EncoderBack, EncoderDied

    layout = DataLayout.open(tmp_path / "data")
    setup_logging(layout.log_file)
    hub = EventHub()
    events: list = []
    hub.subscribe(events.append)
    ledger = Ledger.open(layout, "Bench 1", "test")
    catalog = Catalog.open(layout.catalog_file)
    archive = Archive(hub, layout, ledger, catalog)
    settings = Settings(encoder="libx264", preset="ultrafast", preroll_s=0.5, postroll_s=0.5,
                        segment_s=1.0)
    station = Station(layout=layout, settings=settings, hub=hub, source="test:320x240@15",
                      read_barcodes=False)
    station.stall_s = 2.0
    station.start()
    try:
        assert station.scan("SF1234567890123") == "start"
        time.sleep(2.0)
        os.kill(station.tape.pid, signal.SIGSTOP)  # ffmpeg hangs: alive, but writes nothing
        assert wait_for(lambda: any(isinstance(e, EncoderDied) for e in events), 20)
        assert station.scan("JD0012345678901") is None  # refused while the encoder is down
        assert wait_for(lambda: any(isinstance(e, EncoderBack) for e in events), 20)
        time.sleep(2.0)
        assert station.scan("SF1234567890123") == "stop"
        assert wait_for(lambda: any(isinstance(e, ClipSealed) for e in events), 30)
    finally:
        station.stop()
        archive.close()
        ledger.close()
        catalog.close()
    clip = next(e.clip for e in events if isinstance(e, ClipSealed))
    assert clip.status == "complete" and len(clip.gaps) == 1
    gap_from, gap_to = clip.gaps[0]
    assert (gap_to - gap_from).total_seconds() >= 1.0
    assert verify_data_dir(layout).ok


def test_a_camera_that_hangs_without_an_error_is_reported_lost_and_orders_are_refused(tmp_path):
    layout = DataLayout.open(tmp_path / "data")
    setup_logging(layout.log_file)
    hub = EventHub()
    events: list = []
    hub.subscribe(events.append)
    camera = UnpluggableCamera()
    settings = Settings(encoder="libx264", preset="ultrafast", preroll_s=0.5, postroll_s=0.5)
    station = Station(layout=layout, settings=settings, hub=hub, source=camera, read_barcodes=False)
    station.camera_stall_s = 1.5
    station.start()
    try:
        time.sleep(1.0)
        camera.flowing.clear()
        assert wait_for(lambda: any(isinstance(e, CameraLost) for e in events))
        assert station.scan("SF1234567890123") is None
        camera.flowing.set()
        assert wait_for(lambda: any(isinstance(e, CameraBack) for e in events))
        assert station.scan("SF1234567890123") == "start"
    finally:
        camera.flowing.set()
        station.stop()
    assert sum(isinstance(e, CameraLost) for e in events) == 1


@pytest.mark.parametrize(("explicit", "test_setting", "reads"), [
    (None, False, False),  # a shop's default: the test scene's label starts nothing by itself
    (None, True, True),    # Settings → Camera turned it on
    (True, False, True),   # asked for by the caller (the screenshots, a demo)
    (False, True, False),  # camera reading off altogether
])
def test_the_test_cameras_label_is_read_only_when_asked_for(tmp_path, explicit, test_setting, reads):
    from packseal.compose import open_services

    settings = Settings(encoder="libx264", preset="ultrafast", camera_barcodes=True,
                        test_camera_barcodes=test_setting)
    data = tmp_path / "data"
    data.mkdir()
    save_settings(settings, data / "settings.json")
    services = open_services(data)
    try:
        station = services.station("test:320x240@10", read_barcodes=explicit)
        station.start()
        try:
            assert (station.watcher is not None) == reads
        finally:
            station.stop()
    finally:
        services.close()
