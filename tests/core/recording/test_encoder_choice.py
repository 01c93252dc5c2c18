"""The tape's encoder: a hardware one only after a real test encode works; libx264 otherwise.

This machine has no GPU: the hardware encoders this ffmpeg build has really
run their test encode here and fail (no driver). Where the test needs an
encoder that *passes*, ``libopenh264`` (a software H.264 encoder in the same
ffmpeg build) takes a hardware encoder's place in the list: a real encode,
not a stand-in that says yes.
"""

import json
import logging
import threading
from pathlib import Path

import pytest

from packseal.core.recording import encoder_choice
from packseal.core.recording.encoder_choice import (
    NOT_BUILT, SOFTWARE_ENCODER, EncoderChoice, Trial, built_encoders, choose_encoder,
)
from packseal.core.media.ffmpeg import HARDWARE_ENCODERS
from packseal.core.recording.tape import (
    VAAPI_DEVICE, EncoderSettings, Tape, _encoder_args, newest_sessions, trial_encode,
)

SETTINGS = EncoderSettings(preset="ultrafast")


def trial(name: str) -> str | None:
    return trial_encode(name, width=320, height=240, settings=SETTINGS)


def hardware_here() -> list[str]:
    """Hardware encoders whose driver this machine has (then a failing trial cannot be shown with it)."""
    return [n for n in HARDWARE_ENCODERS if n in built_encoders() and trial(n) is None]


def test_software_encoders_pass_the_test_encode():
    assert trial("libx264") is None
    assert trial("libopenh264") is None


def test_a_hardware_encoder_without_its_driver_fails_its_test_encode_and_is_not_used():
    if hardware_here():
        pytest.skip(f"this machine has a working hardware encoder: {hardware_here()}")
    choice = choose_encoder("auto", trial)
    assert choice.encoder == SOFTWARE_ENCODER and not choice.hardware
    assert [t.encoder for t in choice.trials] == list(HARDWARE_ENCODERS)  # each one was tried, in order
    built = [t for t in choice.trials if t.detail != NOT_BUILT]
    assert built, "this ffmpeg build has hardware encoders to try"
    for t in built:
        assert not t.works and t.detail.startswith("test encode failed:"), t
    assert "no hardware encoder works here" in choice.reason()


def test_nvenc_without_cuda_names_why():
    if "h264_nvenc" not in built_encoders() or "h264_nvenc" in hardware_here():
        pytest.skip("needs an ffmpeg with NVENC on a machine without a working NVIDIA driver")
    why = trial("h264_nvenc")
    assert why is not None and ("lost" in why or "segments" in why)
    assert "libcuda" in why or "nvenc" in why.lower()


def test_the_first_encoder_that_really_works_is_chosen():
    if "h264_nvenc" in hardware_here():
        pytest.skip("NVENC works here")
    tried: list[str] = []
    lock = threading.Lock()

    def counting(name):
        with lock:
            tried.append(name)
        return trial(name)

    choice = choose_encoder("auto", counting, candidates=("h264_nvenc", "libopenh264", "libx264"))
    assert choice.encoder == "libopenh264" and choice.hardware  # (any non-libx264 counts as the tried one)
    assert sorted(tried) == ["h264_nvenc", "libopenh264", "libx264"]  # all tried, side by side
    # the first in order that works, although a later one (libx264) works too
    assert [(t.encoder, t.works) for t in choice.trials] == [("h264_nvenc", False), ("libopenh264", True)]


def test_encoders_not_built_are_not_run():
    def never(name):
        raise AssertionError(f"{name} is not built, it must not be run")

    choice = choose_encoder("auto", never, built=frozenset({"libx264"}))
    assert choice.encoder == SOFTWARE_ENCODER
    assert all(t.detail == NOT_BUILT for t in choice.trials)


def test_named_software_encoder_is_not_tried_and_a_failing_named_one_falls_back():
    assert choose_encoder("libx264", lambda n: "must not run") == EncoderChoice("libx264", "libx264")
    choice = choose_encoder("h264_qsv", lambda n: "no device", built=frozenset({"h264_qsv"}))
    assert choice.encoder == SOFTWARE_ENCODER
    assert choice.trials == (Trial("h264_qsv", False, "test encode failed: no device"),)


def test_vaapi_without_a_device_says_so():
    if Path(VAAPI_DEVICE).exists():
        pytest.skip("this machine has a render node")
    assert "no " + VAAPI_DEVICE in trial("h264_vaapi")


def test_hardware_arguments_keep_the_tape_s_guarantees():
    s = EncoderSettings(quality=26)
    for name in HARDWARE_ENCODERS:
        args = _encoder_args(name, s, 600)
        assert args["vcodec"] == name and args["bf"] == 0  # no B-frames: frame times stay in order
    assert _encoder_args("h264_nvenc", s, 600)["forced-idr"] == 1  # segments start on an IDR frame
    assert _encoder_args("h264_qsv", s, 600)["forced_idr"] == 1
    assert _encoder_args("h264_vaapi", s, 600)["vf"] == "format=nv12,hwupload"
    x264 = _encoder_args("libx264", EncoderSettings(quality=26, denoise=400), 600)
    assert (x264["crf"], x264["maxrate"], x264["bufsize"], x264["x264-params"]) == (26, "600k", "1200k", "nr=400")
    assert "maxrate" not in _encoder_args("libx264", s, 0)


def test_automatic_bitrate_cap_follows_size_rate_and_quality():
    assert EncoderSettings().cap_kbps(1280, 720, 30) == 550  # the measured default (CRF 28)
    assert EncoderSettings().cap_kbps(1920, 1080, 30) == 1238
    assert EncoderSettings(quality=22).cap_kbps(1280, 720, 30) == 1100  # 6 CRF steps finer: twice the bits
    assert EncoderSettings(max_kbps=0).cap_kbps(1280, 720, 30) == 0  # no cap
    assert EncoderSettings(max_kbps=900).cap_kbps(1280, 720, 30) == 900


def test_a_tape_on_auto_records_with_the_choice_and_says_why(tmp_path, caplog, monkeypatch):
    if hardware_here():
        pytest.skip("this machine has a working hardware encoder")
    monkeypatch.setattr(encoder_choice, "_chosen", {})
    caplog.set_level(logging.INFO, logger="packseal.core.recording.encoder_choice")
    tape = Tape(tmp_path, width=320, height=240, fps=10, settings=EncoderSettings(preset="ultrafast"))
    tape.start()
    tape.stop()
    assert tape.encoder_name == "libx264" and tape.encoder_choice is not None
    session = json.loads((tape.session_dir / "session.json").read_text(encoding="utf-8"))
    assert session["encoder"] == "libx264" and "no hardware encoder works here" in session["encoder_reason"]
    assert newest_sessions(tmp_path)["cam0"]["encoder_reason"] == session["encoder_reason"]
    assert any("video encoder: libx264" in r.message for r in caplog.records)
    assert encoder_choice.last_choice() is tape.encoder_choice
