"""Photo inspection: every metadata marker written into a real file produces its finding."""

from __future__ import annotations

import io
import json
import sys
from datetime import datetime, timedelta, timezone

import numpy as np
import pytest
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from packseal.core.compare.content_credentials import credentials_from_report
from packseal.core.compare.inspection import c2pa_findings, inspect_photo
from packseal.core.compare.photo import photo_from_bytes

PACKED = datetime(2026, 3, 2, 2, 15, tzinfo=timezone.utc)
SHIPPED = datetime(2026, 3, 2, 6, 0, tzinfo=timezone.utc)
NOW = datetime(2026, 3, 10, tzinfo=timezone.utc)
UTC8 = timezone(timedelta(hours=8))
TC260 = ('{"Label":"1","ContentProducer":"001191110102MACQD9K64010000","ProduceID":"img-42",'
         '"ReservedCode1":"","ContentPropagator":"","PropagateID":"","ReservedCode2":""}')


def _image() -> Image.Image:
    rng = np.random.default_rng(0)
    arr = np.clip(rng.normal(128, 40, (240, 320, 3)), 0, 255).astype(np.uint8)
    return Image.fromarray(arr)


def _exif(*, make=None, model=None, software=None, taken=None, offset=None, comment=None) -> bytes:
    exif = Image.Exif()
    if make:
        exif[0x010F] = make
    if model:
        exif[0x0110] = model
    if software:
        exif[0x0131] = software
    sub = exif.get_ifd(0x8769)
    if taken:
        sub[0x9003] = taken
    if offset:
        sub[0x9011] = offset
    if comment is not None:
        sub[0x9286] = comment
    return exif.tobytes()


def _jpeg(**save) -> bytes:
    buf = io.BytesIO()
    _image().save(buf, "JPEG", quality=90, **save)
    return buf.getvalue()


def _png(text: dict[str, str] | None = None, xmp: str | None = None) -> bytes:
    info = PngInfo()
    for k, v in (text or {}).items():
        info.add_text(k, v)
    if xmp:
        info.add_itxt("XML:com.adobe.xmp", xmp, zip=True)
    buf = io.BytesIO()
    _image().save(buf, "PNG", pnginfo=info)
    return buf.getvalue()


def _xmp(description: str, namespaces: str = "") -> str:
    return ('<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
            '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            f'<rdf:Description rdf:about="" {namespaces}>{description}</rdf:Description>'
            '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>')


def inspect(data: bytes, **kw):
    return inspect_photo(photo_from_bytes(data), packed_at=PACKED, shipment_time=SHIPPED, now=NOW, **kw)


def finding(result, code):
    found = [f for f in result.findings if f.code == code]
    assert found, f"no {code} finding; got {result.codes()}"
    return found[0]


# -- capture time -------------------------------------------------------------------

def test_a_photo_taken_before_shipment_is_a_warning():
    # 12:00 at UTC+8 is 04:00 UTC: after packing (02:15), before shipment (06:00)
    r = inspect(_jpeg(exif=_exif(make="Xiaomi", model="14", taken="2026:03:02 12:00:00", offset="+08:00")))
    f = finding(r, "photo_taken_before_shipment")
    assert f.severity == "warning"
    assert "2026-03-02 12:00:00 (UTC+08:00)" in f.message and "2026-03-02 06:00:00 UTC" in f.message
    assert f.data["photo_time_utc"].startswith("2026-03-02T04:00:00")
    assert r.findings[0] is f  # warnings come first


def test_a_photo_taken_before_packing_is_a_warning():
    r = inspect(_jpeg(exif=_exif(taken="2026:03:01 09:30:00", offset="+08:00")))
    assert finding(r, "photo_taken_before_packing").severity == "warning"
    assert "photo_taken_before_shipment" not in r.codes()


def test_a_photo_taken_after_delivery_is_only_context():
    r = inspect(_jpeg(exif=_exif(make="Apple", model="iPhone 15", taken="2026:03:05 18:00:00", offset="+08:00")))
    assert finding(r, "photo_time").severity == "info"
    assert not [f for f in r.findings if f.severity == "warning"]


def test_a_time_without_zone_is_certain_only_when_it_holds_everywhere():
    near = inspect(_jpeg(exif=_exif(taken="2026:03:02 10:00:00")), local_tz=UTC8)  # 02:00 UTC if at +8
    f = finding(near, "photo_time_may_precede_shipment")
    assert f.severity == "notice" and "no time zone" in f.message
    far = inspect(_jpeg(exif=_exif(taken="2026:02:20 10:00:00")), local_tz=UTC8)
    assert finding(far, "photo_taken_before_packing").severity == "warning"


def test_a_capture_time_in_the_future_is_noticed():
    r = inspect(_jpeg(exif=_exif(taken="2027:01:01 10:00:00", offset="+00:00")))
    assert finding(r, "photo_time_in_future").severity == "notice"


# -- camera and software ----------------------------------------------------------------

def test_no_camera_metadata_is_noticed_and_a_camera_is_named():
    bare = inspect(_jpeg())
    assert finding(bare, "no_camera_metadata").severity == "notice"
    camera = inspect(_jpeg(exif=_exif(make="HUAWEI", model="P60", taken="2026:03:05 10:00:00")))
    assert "no_camera_metadata" not in camera.codes()
    assert "HUAWEI P60" in finding(camera, "camera").message


@pytest.mark.parametrize("software, code, name", [
    ("Adobe Photoshop 25.0 (Windows)", "editing_software", "Adobe Photoshop"),
    ("MeituPic 9.8", "editing_software", "Meitu (美图)"),
    ("美图秀秀".encode(), "editing_software", "Meitu (美图)"),  # UTF-8 in an EXIF text field
    ("Snapseed 2.0", "editing_software", "Snapseed"),
    ("Stable Diffusion XL", "generator_software", "Stable Diffusion"),
    ("Midjourney v6", "generator_software", "Midjourney"),
])
def test_editing_and_generating_software_in_exif(software, code, name):
    r = inspect(_jpeg(exif=_exif(software=software)))
    f = finding(r, code)
    text = software.decode() if isinstance(software, bytes) else software
    assert f.data["software"] == name and text in f.message
    assert f.severity == ("warning" if code == "generator_software" else "notice")


def test_an_ordinary_phone_software_field_is_context_only():
    r = inspect(_jpeg(exif=_exif(make="Apple", model="iPhone 15", software="17.4.1")))
    assert finding(r, "software").severity == "info"
    assert "editing_software" not in r.codes() and "generator_software" not in r.codes()


def test_editing_history_in_xmp():
    history = ('<xmpMM:History><rdf:Seq><rdf:li rdf:parseType="Resource">'
               '<stEvt:action>saved</stEvt:action><stEvt:softwareAgent>Adobe Photoshop Lightroom Classic 13.1'
               '</stEvt:softwareAgent></rdf:li></rdf:Seq></xmpMM:History>')
    ns = ('xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/" '
          'xmlns:stEvt="http://ns.adobe.com/xap/1.0/sType/ResourceEvent#" xmlns:xmp="http://ns.adobe.com/xap/1.0/" '
          'xmp:CreatorTool="PicsArt Photo Studio"')
    r = inspect(_jpeg(xmp=_xmp(history, ns).encode()))
    names = {f.data.get("software") for f in r.findings if f.code == "editing_software"}
    assert names >= {"Adobe Photoshop", "PicsArt"}


# -- AI-content labels ---------------------------------------------------------------------

def test_the_tc260_label_in_jpeg_xmp():
    esc = TC260.replace('"', "&quot;")
    r = inspect(_jpeg(xmp=_xmp(f"<TC260:AIGC>{esc}</TC260:AIGC>",
                               'xmlns:TC260="http://www.tc260.org.cn/ns/AIGC/1.0/"').encode()))
    f = finding(r, "aigc_label")
    assert f.severity == "warning"
    assert "GB 45438-2025" in f.message and "Label 1 (AI-generated)" in f.message
    assert "001191110102MACQD9K64010000" in f.message
    assert f.data["fields"]["ProduceID"] == "img-42"


def test_the_tc260_label_as_an_attribute_in_compressed_png_xmp():
    esc = TC260.replace('"', "&quot;")
    r = inspect(_png(xmp=_xmp("", f'xmlns:TC260="http://www.tc260.org.cn/ns/AIGC/1.0/" TC260:AIGC="{esc}"')))
    assert finding(r, "aigc_label").data["where"] == "XMP TC260:AIGC"


def test_the_tc260_label_as_a_png_text_chunk():
    r = inspect(_png(text={"AIGC": TC260}))
    f = finding(r, "aigc_label")
    assert "text chunk 'AIGC'" in f.message and f.data["fields"]["Label"] == "1"


@pytest.mark.parametrize("form", ["resource", "text"])
@pytest.mark.parametrize("code, severity, finding_code", [
    ("trainedAlgorithmicMedia", "warning", "iptc_ai_source"),
    ("compositeWithTrainedAlgorithmicMedia", "warning", "iptc_ai_source"),
    ("algorithmicMedia", "notice", "iptc_source_type"),
    ("compositeSynthetic", "notice", "iptc_source_type"),
])
def test_iptc_digital_source_type(form, code, severity, finding_code):
    uri = f"http://cv.iptc.org/newscodes/digitalsourcetype/{code}"
    prop = (f'<Iptc4xmpExt:DigitalSourceType rdf:resource="{uri}"/>' if form == "resource"
            else f"<Iptc4xmpExt:DigitalSourceType>{code}</Iptc4xmpExt:DigitalSourceType>")
    r = inspect(_jpeg(xmp=_xmp(prop, 'xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"').encode()))
    f = finding(r, finding_code)
    assert f.severity == severity and code in f.message


def test_a_camera_source_type_is_not_a_finding():
    uri = "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture"
    r = inspect(_jpeg(xmp=_xmp(f'<Iptc4xmpExt:DigitalSourceType rdf:resource="{uri}"/>',
                               'xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"').encode()))
    assert not any(c.startswith("iptc") for c in r.codes())


def test_stable_diffusion_parameters_in_png_and_in_jpeg_user_comment():
    params = "a cracked ceramic vase on a table\nSteps: 28, Sampler: DPM++ 2M, CFG scale: 7, Seed: 42"
    png = inspect(_png(text={"parameters": params}))
    assert "a cracked ceramic vase" in finding(png, "stable_diffusion_parameters").message
    jpeg = inspect(_jpeg(exif=_exif(comment=params)))
    assert finding(jpeg, "stable_diffusion_parameters").severity == "warning"


def test_comfyui_prompt_and_workflow_chunks():
    r = inspect(_png(text={"prompt": json.dumps({"3": {"class_type": "KSampler"}}),
                           "workflow": json.dumps({"nodes": []})}))
    f = finding(r, "comfyui_workflow")
    assert f.severity == "warning" and "prompt and workflow" in f.message


def test_an_entity_bomb_in_xmp_is_refused_quickly_and_the_rest_still_works():
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">'
            '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]>'
            '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            '<rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:CreatorTool>&lol3;</xmp:CreatorTool>'
            '</rdf:Description></rdf:RDF></x:xmpmeta>')
    r = inspect(_jpeg(exif=_exif(software="Adobe Photoshop 25.0"), xmp=bomb.encode()))
    assert finding(r, "xmp_refused").severity == "notice"
    assert finding(r, "editing_software")  # EXIF is still read
    assert "lol" not in json.dumps([f.to_json() for f in r.findings])


def test_an_xmp_packet_with_an_undeclared_entity_is_refused_without_expansion():
    packet = _xmp("<xmp:CreatorTool>&evil;</xmp:CreatorTool>", 'xmlns:xmp="http://ns.adobe.com/xap/1.0/"')
    r = inspect(_jpeg(xmp=packet.encode()))
    assert "not well-formed" in finding(r, "xmp_refused").message


# -- C2PA ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def signer():
    pytest.importorskip("c2pa")
    from tests.core.compare.c2pa_signing import make_signer

    return make_signer()


def test_a_c2pa_manifest_saying_generative_ai(signer):
    from tests.core.compare.c2pa_signing import IPTC, sign_jpeg

    data = sign_jpeg(_jpeg(), signer, generator="DreamCanvas",
                     actions=[{"action": "c2pa.created", "digitalSourceType": IPTC + "trainedAlgorithmicMedia",
                               "softwareAgent": {"name": "DreamCanvas Image Model"}}])
    r = inspect(data)
    present = finding(r, "c2pa_present")
    assert "DreamCanvas 1.0" in present.message and "PackSeal Test Signer" in present.message
    ai = finding(r, "c2pa_ai")
    assert ai.severity == "warning" and "trainedAlgorithmicMedia" in ai.message
    assert "c2pa_invalid" not in r.codes()  # an unknown signer alone is not a failure


def test_a_c2pa_manifest_recording_an_edit_without_ai(signer):
    from tests.core.compare.c2pa_signing import IPTC, sign_jpeg

    data = sign_jpeg(_jpeg(), signer, generator="Adobe Photoshop",
                     actions=[{"action": "c2pa.created", "digitalSourceType": IPTC + "digitalCapture"},
                              {"action": "c2pa.color_adjustments"}])
    r = inspect(data)
    assert "c2pa_ai" not in r.codes()
    assert "c2pa.color_adjustments" in finding(r, "c2pa_edited").message


def test_a_picture_changed_after_signing_fails_c2pa_validation(signer):
    from tests.core.compare.c2pa_signing import IPTC, sign_jpeg

    data = bytearray(sign_jpeg(_jpeg(), signer, generator="CameraApp",
                               actions=[{"action": "c2pa.created", "digitalSourceType": IPTC + "digitalCapture"}]))
    data[-200] ^= 0xFF  # a byte of the compressed picture, after the manifest
    r = inspect(bytes(data))
    assert finding(r, "c2pa_invalid").severity == "notice"


def test_c2pa_report_parsing_finds_ai_in_any_manifest_and_in_the_generator_name():
    report = {
        "active_manifest": "urn:b",
        "manifests": {
            "urn:a": {"claim_generator": "Midjourney/6", "assertions": [
                {"label": "c2pa.actions", "data": {"actions": [{"action": "c2pa.created"}]}}]},
            "urn:b": {"claim_generator_info": [{"name": "Editor", "version": "2"}],
                      "signature_info": {"issuer": "Some CA"},
                      "assertions": [{"label": "c2pa.actions.v2", "data": {"actions": [
                          {"action": "c2pa.edited", "digitalSourceType":
                              "http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia",
                           "softwareAgent": "Generative Fill"}]}}]},
        },
        "validation_status": [{"code": "assertion.dataHash.mismatch", "explanation": "hash mismatch"}],
    }
    creds = credentials_from_report(report, "Invalid")
    assert creds.generators == ["Editor 2", "Midjourney/6"] and creds.signer == "Some CA"
    codes = {f.code: f for f in c2pa_findings(creds)}
    assert "compositeWithTrainedAlgorithmicMedia" in codes["c2pa_ai"].message
    assert "Midjourney/6" in codes["c2pa_ai"].message
    assert "c2pa.edited" in codes["c2pa_edited"].message
    assert "assertion.dataHash.mismatch" in codes["c2pa_invalid"].message


def test_without_c2pa_python_the_inspection_says_it_could_not_check(monkeypatch):
    monkeypatch.setitem(sys.modules, "c2pa", None)  # "import c2pa" now raises ImportError
    r = inspect(_jpeg(exif=_exif(software="Snapseed 2.0")))
    assert finding(r, "c2pa_unchecked").severity == "info"
    assert finding(r, "editing_software")


# -- error level analysis -------------------------------------------------------------------

def test_error_level_analysis_shows_a_pasted_patch():
    rng = np.random.default_rng(3)
    base = np.clip(rng.normal(128, 30, (256, 256, 3)), 0, 255).astype(np.uint8)
    for _ in range(3):  # compressed again and again: settled at quality 90
        buf = io.BytesIO()
        Image.fromarray(base).save(buf, "JPEG", quality=90)
        base = np.asarray(Image.open(io.BytesIO(buf.getvalue())).convert("RGB")).copy()
    base[96:160, 96:160] = np.clip(rng.normal(128, 30, (64, 64, 3)), 0, 255).astype(np.uint8)  # pasted in
    buf = io.BytesIO()
    Image.fromarray(base).save(buf, "JPEG", quality=90)  # the edit saved once, as the editor does
    ela = inspect(buf.getvalue()).ela
    assert ela.shape == (256, 256, 3) and ela.dtype == np.uint8
    level = ela.astype(float).mean(axis=2)
    patch, rest = level[100:156, 100:156].mean(), np.concatenate([level[:80].ravel(), level[180:].ravel()]).mean()
    assert patch > 3 * rest, (patch, rest)
