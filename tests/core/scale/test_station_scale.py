"""A station with a scale: the weight in the recorded picture, and recording that goes on when the scale goes."""

from __future__ import annotations

import time
from datetime import datetime, timezone

import numpy as np
import pytest

from packseal.core.capture.frame import Frame
from packseal.core.capture.frame_source import FrameSource
from packseal.core.events import EventHub
from packseal.core.media.decoder import ClipDecoder
from packseal.core.recording.events import ClipAssembled, SegmentClosed
from packseal.core.scale.config import default_scale_settings
from packseal.core.scale.events import ScaleBack, ScaleLost, ScaleReading
from packseal.core.settings import Settings
from packseal.core.station import Station
from packseal.core.storage.layout import DataLayout
from tests.core.scale.conftest import wait_for

pytestmark = pytest.mark.slow


class GreyCamera(FrameSource):
    """A flat grey picture at 15 fps: whatever changes in a frame is the overlay."""

    def __init__(self) -> None:
        super().__init__(width=640, height=360, fps=15)
        self._i = 0

    @property
    def description(self) -> str:
        return "grey test camera"

    def open(self) -> None:
        pass

    def read(self) -> Frame:
        time.sleep(1 / 15)
        self._i += 1
        return Frame(np.full((360, 640, 3), 90, np.uint8), self._i, datetime.now(timezone.utc), time.monotonic())

    def close(self) -> None:
        pass


def test_recording_goes_on_while_the_scale_is_unplugged_and_the_clip_shows_the_weight_until_then(tmp_path,
                                                                                                 scale_sim):
    sim = scale_sim("st-us", grams=1234)
    layout = DataLayout.open(tmp_path / "data")
    hub = EventHub()
    events: list = []
    hub.subscribe(events.append)
    settings = Settings(encoder="libx264", preset="ultrafast", preroll_s=0.5, postroll_s=0.5, show_qr=False,
                        scale={**default_scale_settings(), "port": str(sim.path), "format": "st-us"})
    station = Station(layout=layout, settings=settings, hub=hub, source=GreyCamera(), read_barcodes=False)
    station.start()
    try:
        assert wait_for(lambda: any(isinstance(e, ScaleReading) for e in events))
        assert wait_for(lambda: station.overlay.weight == ("1.234 kg", True))
        time.sleep(1.0)  # the pre-roll holds the weight too
        assert station.scan("SF1234567890123") == "start"
        scan_mono = time.monotonic()
        assert wait_for(lambda: time.monotonic() - scan_mono > 2.5)
        sim.unplug()
        assert wait_for(lambda: any(isinstance(e, ScaleLost) for e in events))
        lost_at = len(events)
        assert station.overlay.weight is None
        # the recording goes on: segments keep closing and the order stays open
        assert wait_for(lambda: sum(isinstance(e, SegmentClosed) for e in events[lost_at:]) >= 2, timeout=20)
        assert station.recorder.current_order == "SF1234567890123"
        assert station.stop_order()
        assert wait_for(lambda: any(isinstance(e, ClipAssembled) for e in events), timeout=30)
        sim.replug()
        assert wait_for(lambda: any(isinstance(e, ScaleBack) for e in events))
        assert wait_for(lambda: station.overlay.weight == ("1.234 kg", True))
    finally:
        station.stop()
    clip = next(e.clip for e in events if isinstance(e, ClipAssembled))
    with ClipDecoder(clip.path) as dec:
        # both while the order records (the REC box is in both): the scale there, then gone
        weighed = dec.decode(dec.info.index_at((clip.scan_utc - clip.start_utc).total_seconds() + 1.0)).image
        bare = dec.decode(dec.info.index_at((clip.stop_utc - clip.start_utc).total_seconds() - 0.3)).image
    h, w = weighed.shape[:2]
    quarter = (slice(h // 2, h), slice(0, w // 2))  # bottom left: the order box and the weight line
    diff = np.abs(weighed[quarter].astype(int) - bare[quarter].astype(int)).max(axis=2)
    assert (diff > 40).sum() > 400  # the weight's dark box and its white text
    rows = np.nonzero((diff > 40).any(axis=1))[0] + h // 2
    rec_rows = np.nonzero((np.abs(bare[quarter].astype(int) - 90).max(axis=2) > 40).any(axis=1))[0] + h // 2
    assert rows.max() < rec_rows.min()  # above the REC box, which is in both frames unchanged


def test_a_scale_set_or_removed_in_the_settings_applies_without_restarting_the_camera(tmp_path, scale_sim):
    sim = scale_sim("ohaus", grams=640)
    layout = DataLayout.open(tmp_path / "data")
    hub = EventHub()
    settings = Settings(encoder="libx264", preset="ultrafast", preroll_s=0.5, postroll_s=0.5)
    station = Station(layout=layout, settings=settings, hub=hub, source=GreyCamera(), read_barcodes=False)
    station.start()
    try:
        assert station.scale is None and station.recorder.weigh is None
        camera = station.source
        with_scale = Settings(**{**settings.to_dict(), "scale": {**default_scale_settings(), "port": str(sim.path),
                                                                  "format": "ohaus", "tolerance_g": 25}})
        assert station.apply(settings, with_scale) is False  # no restart asked for
        assert station.source is camera and station.recorder.weight_tolerance_g == 25
        assert wait_for(lambda: station.recorder.weigh is not None and station.recorder.weigh() == 640)
        assert wait_for(lambda: station.overlay.weight == ("640 g", True))
        assert station.apply(with_scale, settings) is False
        assert station.scale is None and station.recorder.weigh is None and station.overlay.weight is None
    finally:
        station.stop()
