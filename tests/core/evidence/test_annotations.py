"""The evidence pack's annotations: checked like the dispute's, and the dispute's photo annotations fit them."""

from __future__ import annotations

import pytest

from packseal.core.compare.annotation_store import MAX_TEXT, Annotation, pack_annotations
from packseal.core.errors import BadInputError
from packseal.core.evidence.annotations import PackAnnotation, parse_annotations


def test_a_dispute_s_photo_annotations_become_pack_annotations_on_that_photo():
    drawn = [Annotation("photo", "box", x=10, y=20, w=30, h=40, text="  裂纹   crack ", photo_sha256="ab"),
             Annotation("photo", "arrow", x1=1, y1=2, x2=3, y2=4, photo_sha256="ab"),
             Annotation("photo", "text", x=5, y=6, text="label", photo_sha256="ab"),
             Annotation("frame", "box", x=1, y=1, w=2, h=2, frame_t_s=4.0)]
    checked = parse_annotations(pack_annotations(drawn, "ab", photo_number=2), photo_count=2)
    assert checked == [
        PackAnnotation(photo=2, shape="box", x=10, y=20, w=30, h=40, text="裂纹 crack"),
        PackAnnotation(photo=2, shape="arrow", x=1, y=2, x2=3, y2=4),
        PackAnnotation(photo=2, shape="text", x=5, y=6, text="label")]


@pytest.mark.parametrize(("item", "says"), [
    ({"shape": "box", "x": 1, "y": 1, "w": 0, "h": 5}, "'w' must be above 0"),
    ({"shape": "arrow", "x": 1, "y": 1, "x2": "far", "y2": 2}, "'x2' must be a number of pixels"),
    ({"shape": "text", "x": 1, "y": 2_000_000, "text": "a"}, "far outside any picture"),
    ({"shape": "text", "x": 1, "y": 1, "text": "   "}, "a text annotation needs some text"),
    ({"shape": "box", "x": 1, "y": 1, "w": 2, "h": 2, "text": "x" * (MAX_TEXT + 1)}, f"at most {MAX_TEXT}"),
])
def test_a_bad_pack_annotation_is_refused_with_what_is_wrong(item, says):
    with pytest.raises(BadInputError, match="annotation 1") as refused:
        parse_annotations([item], photo_count=1)
    assert says in str(refused.value)
