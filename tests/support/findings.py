"""Findings of every code the core words, made by the core's own functions (no Qt), for the tests of their sentences."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

from packseal.core.compare import inspection, session
from packseal.core.compare.content_credentials import Action, Credentials
from packseal.core.compare.difference import Region
from packseal.core.compare.photo_codes import PhotoCode, code_findings
from packseal.core.compare.plain_words import region_findings
from packseal.core.compare.xmp import NS, Xmp

TC260 = '{"Label":"1","ContentProducer":"001191110102MACQD9K64010000","ProduceID":"img-42"}'
PACKED = datetime(2026, 3, 2, 2, 15, tzinfo=timezone.utc)

IPTC_SOURCE = "http://cv.iptc.org/newscodes/digitalsourcetype/"  # the IPTC vocabulary of source types


def _photo(exif=None, text=None):
    return SimpleNamespace(exif=exif or {}, text=text or {}, format="PNG", xmp=b"", data=b"")


def _xmp(values: dict) -> Xmp:
    xmp = Xmp(packets=1)
    for (prefix, name), found in values.items():
        xmp.values[(NS.get(prefix, prefix), name)] = found
    return xmp


def every_kind_of_finding() -> list[inspection.Finding]:
    """Findings of every code the core words, from the core's own functions."""
    f: list[inspection.Finding] = []
    empty = Xmp()
    late = PACKED + timedelta(days=3)
    f += inspection._time_findings(_photo({"DateTimeOriginal": "2026:03:05 10:00:00", "OffsetTimeOriginal": "+08:00"}),
                                   empty, PACKED, None, late, timezone.utc)
    f += inspection._time_findings(_photo({"DateTimeOriginal": "2026:03:05 10:00:00"}), empty, PACKED, None, late,
                                   timezone.utc)
    f += inspection._time_findings(_photo({"DateTimeOriginal": "2026:01:01 10:00:00", "OffsetTimeOriginal": "+08:00"}),
                                   empty, PACKED, None, late, timezone.utc)
    f += inspection._time_findings(_photo({"DateTimeOriginal": "2026:01:01 10:00:00"}), empty, None,
                                   PACKED, late, timezone.utc)
    f += inspection._time_findings(_photo({"DateTimeOriginal": "2026:03:02 08:00:00"}), empty, PACKED, None, late,
                                   timezone(timedelta(hours=8)))
    f += inspection._time_findings(_photo({"DateTimeOriginal": "2030:01:01 10:00:00"}), empty, None, None, late,
                                   timezone.utc)
    f += inspection._camera_findings(_photo())
    f += inspection._camera_findings(_photo({"Make": "Xiaomi"}))
    f += inspection._camera_findings(_photo({"Make": "Xiaomi", "Model": "14", "DateTimeOriginal": "x"}))
    f += inspection._software_findings(_photo({"Software": "Adobe Photoshop 25.0"}, {"Creator": "Midjourney"}),
                                       _xmp({("xmp", "CreatorTool"): ["SomeCam Firmware 1.2"]}))
    f += inspection._software_findings(_photo(), _xmp({("photoshop", "DateCreated"): ["2026"]}))
    f += inspection._aigc_label_findings(_photo(text={"AIGC": TC260}), empty)
    f += inspection._aigc_label_findings(_photo(text={"AIGC": '{"Label":"9","ContentPropagator":"wx"}'}), empty)
    f += inspection._iptc_findings(_xmp({("Iptc4xmpExt", "DigitalSourceType"): [
        IPTC_SOURCE + "trainedAlgorithmicMedia", IPTC_SOURCE + "screenCapture"]}))
    f += inspection._generator_chunk_findings(_photo(text={"parameters": "a cracked mug\nSteps: 20", "prompt": "{}",
                                                           "workflow": "{}"}))
    f += inspection.c2pa_findings(Credentials(generators=["Adobe Firefly"], signer="Adobe Inc.",
                                              validation_state="Invalid",
                                              actions=[Action("c2pa.created", IPTC_SOURCE
                                                              + "trainedAlgorithmicMedia", "Firefly"),
                                                       Action("c2pa.cropped")],
                                              problems=["assertion.dataHash.mismatch"]))
    f += inspection.c2pa_findings(Credentials())
    f.append(inspection.Finding("xmp_refused", "notice", "Part of the photo's XMP metadata was not read: a DTD.",
                                {}, {"reason": "a DTD"}))
    f.append(inspection.Finding("c2pa_unchecked", "info", "C2PA content credentials could not be checked: no c2pa.",
                                {}, {"reason": "no c2pa"}))
    f += comparison_findings()
    return f


def comparison_findings() -> list[inspection.Finding]:
    """The comparison's own findings: regions in plain words, waybills, the frames before closing."""
    match = SimpleNamespace(t_s=12.34, captured_at=PACKED + timedelta(seconds=12))
    regions = [Region(10, 10, 30, 30, 50.0, 0.03, 30.0, "darker", "upper right"),
               Region(80, 90, 10, 10, 20.0, 0.004, 18.0, "lighter", "bottom"),
               Region(50, 50, 10, 10, 15.0, 0.02, 16.0, "colour", "middle")]
    f = region_findings(regions, match) + region_findings([], match)
    codes = [PhotoCode("SF1234567890123", "Code128", (1, 2, 3, 4)), PhotoCode("JT0001112223334", "Code128", (1, 2, 3, 4)),
             PhotoCode("YT7512345678901", "Code128", (1, 2, 3, 4))]
    filed = {"SF1234567890123": "SF1234567890123", "YT7512345678901": "YT7512345678901"}
    f += code_findings(codes, "SF1234567890123", filed.get) + code_findings(codes[:1], None, None)
    closing = [SimpleNamespace(t_s=t, captured_at=PACKED + timedelta(seconds=t), to_json=lambda: {}) for t in (9.5, 10.5)]
    f += session._closing_findings(closing)
    return f
