"""The owner's saved annotations of a dispute: kept per order in DataLayout.disputes, damaged files set aside."""

from __future__ import annotations

import json

import pytest

from packseal.core.compare.annotation_store import (Annotation, SavedDispute, dispute_file, load_dispute, open_dispute,
                                                    pack_annotations, pack_frames, save_dispute)
from packseal.core.errors import BadInputError
from packseal.core.storage.layout import DataLayout

ORDER = "SF1234567890123"


@pytest.fixture
def layout(tmp_path) -> DataLayout:
    return DataLayout.open(tmp_path / "data")


def test_a_dispute_is_saved_under_the_layouts_disputes_folder_and_read_back(layout, tmp_path):
    path = dispute_file(layout, ORDER)
    assert path.parent.parent == layout.disputes
    annotations = [Annotation("photo", "box", x=1, y=2, w=30, h=40, text="crack", photo_sha256="ab"),
             Annotation("frame", "arrow", x1=1, y1=2, x2=3, y2=4, frame_t_s=9.0)]
    save_dispute(path, SavedDispute(ORDER, tmp_path / "p.jpg", "ab", annotations))
    back = load_dispute(path, ORDER)
    assert back.annotations == annotations and back.photo_sha256 == "ab" and back.photo_path == tmp_path / "p.jpg"


def test_a_damaged_file_is_set_aside_and_a_fresh_dispute_begins(layout):
    path = dispute_file(layout, ORDER)
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(BadInputError):
        load_dispute(path, ORDER)
    saved, damaged = open_dispute(path, ORDER)
    assert saved == SavedDispute(ORDER) and damaged is not None
    assert damaged.read_text(encoding="utf-8") == "{not json" and not path.exists()
    assert open_dispute(path, ORDER) == (SavedDispute(ORDER), None)


def test_another_orders_file_is_refused(layout):
    path = dispute_file(layout, ORDER)
    save_dispute(path, SavedDispute("YT1"))
    with pytest.raises(BadInputError, match="belongs to order"):
        load_dispute(path, ORDER)


def test_the_pack_gets_the_photos_annotations_and_every_annotated_frame_once():
    annotations = [Annotation("photo", "box", x=1, y=2, w=3, h=4, photo_sha256="ab"),
             Annotation("photo", "text", x=5, y=6, text="other photo", photo_sha256="cd"),
             Annotation("frame", "box", x=1, y=1, w=2, h=2, frame_t_s=4.0),
             Annotation("frame", "text", x=1, y=1, text="again", frame_t_s=4.004),
             Annotation("frame", "box", x=1, y=1, w=2, h=2, frame_t_s=7.5)]
    assert pack_frames([2.0, 4.0], annotations) == [2.0, 4.0, 7.5]
    assert pack_annotations(annotations, "ab") == [{"photo": 1, "shape": "box", "x": 1, "y": 2, "w": 3, "h": 4}]
    assert json.dumps(pack_annotations(annotations, "zz")) == "[]"
