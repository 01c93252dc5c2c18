"""The frozen-app checks judge what they see correctly (the checks themselves run in ``build.py check``)."""

from __future__ import annotations

import sys

import bundle_check
import pytest


def _tape_line(ffmpeg: str, session: str = "/data/tape/cam0/20261124T155758792Z") -> str:
    return (f"2026-11-24 15:57:58,800 INFO packseal.core.recording.tape [camera] starting tape {session}: "
            f"{ffmpeg} -f matroska -analyzeduration 0 -probesize 32 -i pipe: -f segment\n")


def test_the_ffmpeg_inside_the_bundle_passes(tmp_path):
    bundle = tmp_path / "opt" / "packseal"
    ffmpeg = bundle / "_internal" / "imageio_ffmpeg" / "binaries" / "ffmpeg-linux-x86_64-v9.0.2"
    bundle_check._check_ffmpeg_is_bundled(_tape_line(str(ffmpeg)), bundle)


def test_a_system_or_development_ffmpeg_fails(tmp_path):
    bundle = tmp_path / "opt" / "packseal"
    with pytest.raises(bundle_check.CheckFailed, match="not the ffmpeg inside the bundle"):
        bundle_check._check_ffmpeg_is_bundled(_tape_line("/usr/bin/ffmpeg"), bundle)
    with pytest.raises(bundle_check.CheckFailed, match="which ffmpeg ran is unknown"):
        bundle_check._check_ffmpeg_is_bundled("2026-11-24 INFO station started\n", bundle)


def test_a_windows_path_with_a_drive_colon_is_read_whole():
    line = _tape_line(r"C:\Users\me\AppData\Local\Programs\PackSeal\_internal\imageio_ffmpeg\binaries\ffmpeg.exe",
                      session=r"C:\Users\me\AppData\Local\PackSeal\tape\cam0\20261124T1")
    assert bundle_check.ffmpeg_from_log(line) == (
        r"C:\Users\me\AppData\Local\Programs\PackSeal\_internal\imageio_ffmpeg\binaries\ffmpeg.exe")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX home folders")
def test_frozen_runs_get_no_python_or_packseal_variables_and_a_private_home(tmp_path, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", "/work/main/app")
    monkeypatch.setenv("PACKSEAL_DATA_DIR", "/home/me/.local/share/PackSeal")
    monkeypatch.setenv("VIRTUAL_ENV", "/work/main/.venv")
    monkeypatch.setenv("QT_PLUGIN_PATH", "/elsewhere")
    env = bundle_check.frozen_env(tmp_path / "home")
    assert not {"PYTHONPATH", "PACKSEAL_DATA_DIR", "VIRTUAL_ENV", "QT_PLUGIN_PATH"} & set(env)
    assert env["QT_QPA_PLATFORM"] == "offscreen"
    assert env["HOME"] == str(tmp_path / "home") and env["XDG_CONFIG_HOME"].startswith(str(tmp_path))
    assert env["PATH"]  # the rest of the environment is kept
