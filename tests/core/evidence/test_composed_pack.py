"""A pack of a clip of two cameras with one picture-in-picture file composed from the sealed files.

Real recordings from two test cameras (different sizes and rates), the real
ffmpeg composing, and both verifiers reading the pack.
"""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

import av
import numpy as np
import pytest

from packseal.core.errors import EvidenceError
from packseal.core.evidence import pack_format as F
from tests.core.evidence.packtools import members, run_script
from tests.support.two_cameras import ORDER, record_two_cameras


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    data = tmp_path_factory.mktemp("two") / "data"
    return data, record_two_cameras(data)


@pytest.fixture
def services(recorded, tmp_path):
    from packseal.compose import open_services

    data = tmp_path / "data"
    shutil.copytree(recorded[0], data)
    opened = open_services(data)
    yield opened
    opened.close()


def pack(services, out: Path, cameras: str):
    from packseal.core.evidence import build_pack

    return build_pack(services.layout, services.ledger, services.catalog, services.archive, ORDER, [], out,
                      cameras=cameras)


def frames_of(data: bytes, tmp: Path) -> list[np.ndarray]:
    path = tmp / "composed.mp4"
    path.write_bytes(data)
    with av.open(str(path)) as container:
        return [f.to_ndarray(format="rgb24") for f in container.decode(video=0)]


def test_the_composed_file_shows_the_second_camera_inside_the_first_on_capture_time(services, recorded, tmp_path):
    _, out = recorded
    cam0, cam1 = out["clips"]
    result = pack(services, tmp_path / "pack.zip", "pip")
    files = members(result.path)
    manifest = json.loads(files[F.MANIFEST])
    composed = manifest["composed"]
    member = composed["file"]
    assert member == f"composed/{Path(cam0['clip']).stem}.pip.mp4" and member in files
    assert result.composed == composed
    # the sealed files are in the pack too, byte for byte: the composed one is said to be made from them
    assert files[f"clip/{Path(cam0['clip']).name}"] == Path(cam0["clip"]).read_bytes()
    assert files[f"clip/{Path(cam1['clip']).name}"] == Path(cam1["clip"]).read_bytes()
    assert composed["sealed"] is False and composed["layout"] == "pip"
    assert [(m["camera"], m["sha256"]) for m in composed["made_from"]] == [("cam0", cam0["sha256"]),
                                                                             ("cam1", cam1["sha256"])]
    assert "overlay" in composed["made_by"] and "sealed files are the evidence" in composed["note"]
    offset_ms = round((datetime.fromisoformat(cam1["start"]) - datetime.fromisoformat(cam0["start"])).total_seconds() * 1000)
    assert composed["second_offset_ms"] == offset_ms
    assert {"path": member, "sha256": composed["sha256"], "bytes": composed["bytes"]} in manifest["files"]
    # the picture: the first camera's size and length, the second camera's picture in a white frame
    # in the lower right corner (102 × 76 inside 106 × 80, 12 pixels from the edges)
    frames = frames_of(files[member], tmp_path)
    assert frames[0].shape == (240, 320, 3)
    assert abs(len(frames) - cam0["frames"]) <= 1
    middle = frames[len(frames) // 2]
    border = middle[148, 204:306].astype(int)  # the top edge of the white frame
    assert border.min() > 200, border.min()
    with av.open(cam0["clip"]) as container:
        first = [f.to_ndarray(format="rgb24") for f in container.decode(video=0)][len(frames) // 2]
    assert first[148, 204:306].min() < 200  # the first camera's own picture is not white there
    # both verifiers check the pack, the composed file among its listed files
    from packseal.core.evidence import verify_pack

    assert verify_pack(result.path).ok
    script = tmp_path / "verify_pack.py"
    script.write_bytes(files["verify_pack.py"])
    run = run_script(script, result.path)
    assert run.returncode == 0, run.stdout


def test_both_means_no_composed_file(services, tmp_path):
    result = pack(services, tmp_path / "pack.zip", "both")
    files = members(result.path)
    assert result.composed is None and "composed" not in json.loads(files[F.MANIFEST])
    assert not any(name.startswith("composed/") for name in files)


def test_nothing_is_composed_from_an_altered_file(services, recorded, tmp_path):
    _, out = recorded
    second = services.layout.root / Path(out["clips"][1]["clip"]).relative_to(recorded[0].resolve())
    data = bytearray(second.read_bytes())
    data[len(data) // 2] ^= 0xFF
    second.write_bytes(bytes(data))
    with pytest.raises(EvidenceError, match="no longer the file its entry sealed"):
        pack(services, tmp_path / "pack.zip", "pip")


def test_an_unknown_camera_choice_is_refused(services, tmp_path):
    from packseal.core.errors import BadInputError

    with pytest.raises(BadInputError, match="cameras must be one of both, pip"):
        pack(services, tmp_path / "pack.zip", "side")


def export(services, out: Path, cameras: str, preset: str = "full"):
    from packseal.core.evidence import export_clip

    return export_clip(services.layout, services.ledger, services.catalog, ORDER, preset, out, cameras=cameras)


def test_an_export_of_both_cameras_has_each_cameras_video_sealed(services, recorded, tmp_path):
    from packseal.core.ledger import verify_data_dir
    from packseal.core.media.ffmpeg import probe

    _, out = recorded
    cam0, cam1 = out["clips"]
    result = export(services, tmp_path / "both", "both")
    videos = [f for f in result.files if f.kind == "video"]
    assert [v.path.name for v in videos] == [f"{ORDER}_full.mp4", f"{ORDER}_full_cam1.mp4"]
    assert (probe(videos[0].path).width, probe(videos[1].path).width) == (320, 240)
    entries = {e.seq: e.body for e in services.ledger.entries() if e.kind == "export"}
    second = entries[videos[1].ledger_seq]
    assert second["camera"] == "cam1" and second["camera_sha256"] == cam1["sha256"]
    assert "camera" not in entries[videos[0].ledger_seq]
    assert verify_data_dir(services.layout).ok


def test_an_export_composed_of_both_cameras_is_one_video_saying_so(services, recorded, tmp_path):
    _, out = recorded
    cam0, cam1 = out["clips"]
    result = export(services, tmp_path / "pip", "pip")
    videos = [f for f in result.files if f.kind == "video"]
    assert [v.path.name for v in videos] == [f"{ORDER}_full.mp4"]
    entry = services.ledger.entry(videos[0].ledger_seq).body
    assert entry["composed_from"] == [{"camera": "cam0", "sha256": cam0["sha256"]},
                                      {"camera": "cam1", "sha256": cam1["sha256"]}]
    frames = frames_of(videos[0].path.read_bytes(), tmp_path)
    frame = frames[len(frames) // 2]
    assert frame.shape == (240, 320, 3) and frame[148, 204:306].min() > 200  # the second camera's white frame


def test_the_commands_follow_the_setting_and_the_option(recorded, tmp_path, capsys):
    from packseal.cli import main
    from packseal.core.settings import load_settings, save_settings

    data = tmp_path / "data"
    shutil.copytree(recorded[0], data)
    settings = load_settings(data / "settings.json")
    settings.camera_exports = "pip"
    save_settings(settings, data / "settings.json")
    assert main(["--data-dir", str(data), "pack", "--order", ORDER, "--out", str(tmp_path / "a.zip"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["composed"]["layout"] == "pip"
    assert main(["--data-dir", str(data), "pack", "--order", ORDER, "--out", str(tmp_path / "b.zip"),
                 "--cameras", "both", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["composed"] is None
    assert main(["--data-dir", str(data), "export", "--order", ORDER, "--preset", "full", "--out",
                 str(tmp_path / "both"), "--cameras", "both", "--json"]) == 0
    names = [Path(f["path"]).name for f in json.loads(capsys.readouterr().out)["files"]]
    assert names == [f"{ORDER}_full.mp4", f"{ORDER}_full_cam1.mp4"]


def test_an_altered_second_file_leaves_the_first_cameras_export_with_a_warning(services, recorded, tmp_path):
    from packseal.core.errors import EvidenceError

    second = services.layout.root / Path(recorded[1]["clips"][1]["clip"]).relative_to(recorded[0].resolve())
    data = bytearray(second.read_bytes())
    data[len(data) // 2] ^= 0xFF
    second.write_bytes(bytes(data))
    result = export(services, tmp_path / "both", "both")
    assert [f.path.name for f in result.files if f.kind == "video"] == [f"{ORDER}_full.mp4"]
    assert any("second camera's video is not exported" in w and "no longer the file its entry sealed" in w
               for w in result.warnings)
    with pytest.raises(EvidenceError, match="picture-in-picture video was asked for"):
        export(services, tmp_path / "pip", "pip")
