"""``packseal compare``: the order's clip found in a real catalog, compared, printed; exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from packseal.cli import main
from packseal.core.catalog import Catalog, ClipRecord
from packseal.core.compare.frame_index import sha256_of_file
from packseal.core.storage.layout import DataLayout
from tests.support import closeups, parcel_photos, scene
from tests.support.scene import CLIP_START

ORDER = "SF1234567890123"


@pytest.fixture
def order_data(tmp_path, scene_files, monkeypatch) -> Path:
    """A data dir whose catalog holds the generated clip as order ORDER."""
    layout = DataLayout.open(tmp_path / "data")
    monkeypatch.setenv("PACKSEAL_DATA_DIR", str(layout.root))
    rel = f"clips/2026-03-02/{ORDER}_101500.mp4"
    clip = layout.root / rel
    clip.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(scene_files.clip, clip)
    start_ms = int(CLIP_START.timestamp() * 1000)
    with Catalog.open(layout.catalog_file) as catalog:
        catalog.add_clip(ClipRecord(order_id=ORDER, station="ST-1", scan_ms=start_ms + 1000, start_ms=start_ms,
                                    end_ms=start_ms + 12_000, duration_ms=12_000, file=rel,
                                    sha256=sha256_of_file(clip), bytes=clip.stat().st_size))
    return layout.root


def compare(order_data: Path, *args: str) -> int:
    return main(["--data-dir", str(order_data), "compare", *args])


def test_json_output_is_one_object_with_the_matches_and_the_crack(order_data, scene_files, capsys):
    code = compare(order_data, "--order", ORDER, "--photo", str(scene_files.photo), "--json")
    out = capsys.readouterr().out
    assert code == 0
    obj = json.loads(out)  # exactly one JSON object
    assert set(obj) == {"order_id", "order_from", "clip", "matches", "regions", "findings", "no_match", "kind",
                        "codes", "closing_frames", "photos"}
    assert obj["order_id"] == ORDER and obj["no_match"] is False and obj["order_from"] == "typed"
    # one photo: its findings at the top and, the same, as the one entry of ``photos``
    assert len(obj["photos"]) == 1
    entry = obj["photos"][0]
    assert entry["photo"] == str(scene_files.photo)
    assert {k: entry[k] for k in ("matches", "regions", "findings", "no_match")} == \
        {k: obj[k] for k in ("matches", "regions", "findings", "no_match")}
    assert obj["clip"]["path"] == str(order_data / f"clips/2026-03-02/{ORDER}_101500.mp4")
    assert obj["clip"]["sha256"] == sha256_of_file(scene_files.clip)
    assert obj["matches"][0]["captured_at"].startswith("2026-03-02T02:15:")
    assert obj["regions"]
    assert (order_data / f"clips/2026-03-02/{ORDER}_101500.mp4.index.npz").exists()


def test_human_output_and_pictures(order_data, scene_files, tmp_path, capsys):
    out_dir = tmp_path / "pictures"
    code = compare(order_data, "--order", ORDER, "--photo", str(scene_files.photo), "--out", str(out_dir))
    text = capsys.readouterr().out
    assert code == 0
    assert "Frames that show the item" in text and "Difference 1: a darker mark on the " in text
    assert "not in the shipment's frame at " in text
    assert sorted(p.name for p in out_dir.iterdir()) == ["ela.png", "heatmap.png", "overlay.png",
                                                        "side_by_side.png"]


def test_no_match_is_a_result_not_an_error(order_data, scene_files, capsys):
    code = compare(order_data, "--order", ORDER, "--photo", str(scene_files.other_photo))
    assert code == 0
    assert "No match" in capsys.readouterr().out


def test_an_unknown_order_or_a_bad_photo_is_a_usage_error(order_data, scene_files, tmp_path, capsys):
    assert compare(order_data, "--order", "YT9999999999999", "--photo", str(scene_files.photo)) == 2
    assert "no clip of order" in capsys.readouterr().err
    bad = tmp_path / "refund.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0 broken")
    assert compare(order_data, "--order", ORDER, "--photo", str(bad)) == 2
    assert "truncated or damaged" in capsys.readouterr().err
    assert compare(order_data, "--order", ORDER, "--photo", str(tmp_path / "none.jpg")) == 2
    assert "does not exist" in capsys.readouterr().err


def test_a_missing_clip_file_fails_with_exit_1(order_data, scene_files, capsys):
    (order_data / f"clips/2026-03-02/{ORDER}_101500.mp4").unlink()
    assert compare(order_data, "--order", ORDER, "--photo", str(scene_files.photo)) == 1
    assert "is missing" in capsys.readouterr().err


def test_a_damaged_clip_fails_with_exit_1(order_data, scene_files, capsys):
    (order_data / f"clips/2026-03-02/{ORDER}_101500.mp4").write_bytes(b"\0" * 4096)
    assert compare(order_data, "--order", ORDER, "--photo", str(scene_files.photo)) == 1
    assert "may be damaged" in capsys.readouterr().err


def test_a_clip_that_differs_from_the_sealed_one_is_warned_about(order_data, scene_files, capsys):
    with Catalog.open(order_data / "catalog.sqlite") as catalog:
        rec = catalog.clips_for_order(ORDER)[0]
        catalog.update_clip(rec.id, sha256="ab" * 32)
    assert compare(order_data, "--order", ORDER, "--photo", str(scene_files.photo), "--json") == 0
    assert "not the file that was sealed" in capsys.readouterr().err


def test_the_packseal_command_runs_compare(order_data, scene_files):
    proc = subprocess.run([sys.executable, "-m", "packseal", "--data-dir", str(order_data), "compare",
                           "--order", ORDER, "--photo", str(scene_files.other_photo), "--json"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["no_match"] is True


def test_several_photos_each_get_their_own_result(order_data, scene_files, tmp_path, capsys):
    closeup = tmp_path / "closeup.jpg"
    closeup.write_bytes(scene.jpeg_bytes(closeups.closeup((0.58, 0.92, 0, 1), magnification=3.0,
                                                          rotation=200).image, 85))
    box = tmp_path / "box.jpg"
    box.write_bytes(scene.jpeg_bytes(parcel_photos.opened_box_photo(), 85))
    out_dir = tmp_path / "pictures"
    code = compare(order_data, "--order", ORDER, "--photo", str(scene_files.photo), "--photo", str(closeup),
                   "--photo", str(scene_files.other_photo), "--opened-box", str(box), "--out", str(out_dir),
                   "--json")
    obj = json.loads(capsys.readouterr().out)
    assert code == 0
    assert set(obj) == {"order_id", "order_from", "clip", "photos"}  # no single-photo fields for several
    photos = obj["photos"]
    assert [p["photo"] for p in photos] == [str(scene_files.photo), str(closeup), str(scene_files.other_photo),
                                            str(box)]
    assert all({"photo", "matches", "regions", "findings", "no_match"} <= set(p) for p in photos)
    assert [p["no_match"] for p in photos[:3]] == [False, False, True]
    assert photos[0]["regions"] and photos[1]["regions"] and photos[2]["regions"] == []
    assert photos[3]["kind"] == "opened_box" and len(photos[3]["closing_frames"]) == 3
    assert any(f["code"] == "before_closing" for f in photos[3]["findings"])
    assert sorted(p.name for p in out_dir.iterdir()) == ["photo-1", "photo-2", "photo-3", "photo-4"]
    assert (out_dir / "photo-4" / "before_closing.png").is_file()


def test_without_an_order_the_parcels_waybill_finds_the_clip(order_data, scene_files, tmp_path, capsys):
    parcel = tmp_path / "parcel.jpg"
    parcel.write_bytes(scene.jpeg_bytes(parcel_photos.parcel_photo(ORDER), 85))
    code = compare(order_data, "--photo", str(parcel), "--photo", str(scene_files.photo), "--json")
    obj = json.loads(capsys.readouterr().out)
    assert code == 0
    assert obj["order_id"] == ORDER and obj["order_from"] == "photo"
    first = obj["photos"][0]
    assert first["kind"] == "parcel" and [c["text"] for c in first["codes"]] == [ORDER]
    assert any(f["code"] == "waybill_of_this_order" for f in first["findings"])
    assert obj["photos"][1]["no_match"] is False


def test_a_typed_order_the_waybill_contradicts_is_warned_about(order_data, scene_files, tmp_path, capsys):
    other = "YT7512345678901"
    start_ms = int(CLIP_START.timestamp() * 1000)
    with Catalog.open(order_data / "catalog.sqlite") as catalog:  # a second order with its own clip
        rec = catalog.clips_for_order(ORDER)[0]
        catalog.add_clip(ClipRecord(order_id=other, station="ST-1", scan_ms=start_ms + 60_000,
                                    start_ms=start_ms + 59_000, end_ms=start_ms + 71_000, duration_ms=12_000,
                                    file=rec.file, sha256=rec.sha256, bytes=rec.bytes))
    parcel = tmp_path / "parcel.jpg"
    parcel.write_bytes(scene.jpeg_bytes(parcel_photos.parcel_photo(ORDER), 85))
    assert compare(order_data, "--order", other, "--photo", str(parcel), "--json") == 0
    obj = json.loads(capsys.readouterr().out)
    warning = [f for f in obj["findings"] if f["code"] == "waybill_of_another_order"]
    assert len(warning) == 1 and warning[0]["severity"] == "warning"
    assert obj["findings"][0] == warning[0]


def test_without_an_order_a_photo_with_no_known_waybill_is_a_usage_error(order_data, scene_files, tmp_path,
                                                                         capsys):
    assert compare(order_data, "--photo", str(scene_files.photo)) == 2
    assert "no waybill could be read" in capsys.readouterr().err
    stranger = tmp_path / "stranger.jpg"
    stranger.write_bytes(scene.jpeg_bytes(parcel_photos.parcel_photo("JT0001112223334"), 85))
    assert compare(order_data, "--photo", str(stranger)) == 2
    assert "JT0001112223334" in capsys.readouterr().err


def test_without_an_order_a_second_waybill_of_the_order_finds_the_clip_through_the_order_data(
        order_data, scene_files, tmp_path, capsys):
    # The parcel went out under a second label; only the shop's order data ties it to the filed clip.
    orders = tmp_path / "orders.csv"
    orders.write_text(f"order_id,waybill,status\nTB9001,{ORDER},shipped\nTB9001,JT0001112223334,shipped\n",
                      encoding="utf-8")
    assert main(["--data-dir", str(order_data), "orders", "import", str(orders), "--profile", "packseal"]) == 0
    parcel = tmp_path / "parcel.jpg"
    parcel.write_bytes(scene.jpeg_bytes(parcel_photos.parcel_photo("JT0001112223334"), 85))
    capsys.readouterr()
    assert compare(order_data, "--photo", str(parcel), "--photo", str(scene_files.photo), "--json") == 0
    obj = json.loads(capsys.readouterr().out)
    assert obj["order_id"] == ORDER and obj["order_from"] == "photo"
