"""Inspecting a refund photo's own metadata: findings, never verdicts.

Each finding has a code, a severity, a plain English message (for logs, the
CLI, JSON and the evidence pack) and the parameters that message was worded
from, so that a front end can say the same in another language: the code
chooses the sentence, the parameters fill it in. ``warning`` means
the photo itself says something that contradicts the claim (taken before the
parcel was packed, labelled as AI-generated); ``notice`` is worth a look
(edited in Photoshop, no camera metadata at all); ``info`` is context.
Metadata is easily removed or forged, so none of this proves anything on its
own; the absence of a marker proves nothing either. The error-level-analysis
picture is for the owner to look at and is not turned into a finding.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any

import numpy as np

from packseal.core.compare.content_credentials import (Credentials, CredentialsUnavailable,
                                                       read_credentials)
from packseal.core.compare.error_levels import error_level_analysis
from packseal.core.compare.photo import Photo
from packseal.core.compare.xmp import Xmp, read_xmp

SEVERITIES = ("warning", "notice", "info")

# IPTC digital source types that say an algorithm made or changed the picture.
_IPTC_AI = {
    "trainedAlgorithmicMedia": ("warning", "created by generative AI (trained algorithmic media)"),
    "compositeWithTrainedAlgorithmicMedia": ("warning", "edited with generative AI (composite with "
                                                        "trained algorithmic media)"),
    "algorithmicallyEnhanced": ("notice", "enhanced by an algorithm"),
    "algorithmicMedia": ("notice", "created by an algorithm without training data (algorithmic media)"),
    "compositeSynthetic": ("notice", "a composite that includes synthetic elements"),
    "composite": ("notice", "a composite of several pictures"),
    "virtualRecording": ("notice", "a recording of a virtual scene"),
    "screenCapture": ("notice", "a screenshot"),
    "digitalArt": ("notice", "digital art made by a person with software"),
}

# (pattern, name, kind): software that edits pictures, or that generates them.
_SOFTWARE = [
    (r"photoshop", "Adobe Photoshop", "editor"), (r"lightroom", "Adobe Lightroom", "editor"),
    (r"adobe express", "Adobe Express", "editor"), (r"\bgimp\b", "GIMP", "editor"),
    (r"affinity photo", "Affinity Photo", "editor"), (r"pixelmator", "Pixelmator", "editor"),
    (r"\bsnapseed\b", "Snapseed", "editor"), (r"picsart", "PicsArt", "editor"),
    (r"meitu|美图", "Meitu (美图)", "editor"), (r"xingtu|醒图", "Xingtu (醒图)", "editor"),
    (r"facetune", "Facetune", "editor"), (r"canva\b", "Canva", "editor"), (r"\bfotor\b", "Fotor", "editor"),
    (r"polarr", "Polarr", "editor"), (r"photoroom", "PhotoRoom", "editor"),
    (r"stable[ -_]?diffusion|\bsdxl\b", "Stable Diffusion", "generator"),
    (r"midjourney", "Midjourney", "generator"), (r"\bdall[-·‧ ]?e\b", "DALL-E", "generator"),
    (r"\bfirefly\b", "Adobe Firefly", "generator"), (r"comfyui", "ComfyUI", "generator"),
    (r"automatic1111|\ba1111\b", "AUTOMATIC1111", "generator"), (r"novelai", "NovelAI", "generator"),
    (r"invokeai", "InvokeAI", "generator"), (r"fooocus", "Fooocus", "generator"),
    (r"leonardo\.ai", "Leonardo.Ai", "generator"), (r"\bideogram\b", "Ideogram", "generator"),
    (r"\bimagen\b", "Google Imagen", "generator"), (r"gpt-4o|chatgpt|openai", "OpenAI", "generator"),
    (r"\bdoubao\b|豆包", "Doubao (豆包)", "generator"), (r"\bjimeng\b|即梦", "Jimeng (即梦)", "generator"),
    (r"\bkling\b|可灵", "Kling (可灵)", "generator"), (r"tongyi|通义|\bwanx", "Tongyi Wanxiang (通义万相)", "generator"),
    (r"文心一格", "ERNIE-ViLG (文心一格)", "generator"), (r"\bhunyuan\b|混元", "Hunyuan (混元)", "generator"),
    (r"\bremini\b", "Remini (AI enhancer)", "generator"),
]
_SOFTWARE_RE = [(re.compile(p, re.IGNORECASE), name, kind) for p, name, kind in _SOFTWARE]
_TC260_FIELDS = ("Label", "ContentProducer", "ProduceID", "ReservedCode1", "ContentPropagator",
                 "PropagateID", "ReservedCode2")
# GB 45438-2025 / TC260 practice guide values of the "Label" field.
_TC260_LABELS = {"1": "AI-generated", "2": "possibly AI-generated", "3": "suspected AI-generated"}
_MAX_JSON = 64 * 1024
# Unknown time zone: a camera clock may be anywhere from UTC-12 to UTC+14.
_ZONE_SLACK_BEFORE, _ZONE_SLACK_AFTER = timedelta(hours=12), timedelta(hours=14)


@dataclass(frozen=True)
class Finding:
    """One observation about the photo: ``code``, ``severity`` (warning|notice|info), a plain ``message``.

    ``params`` are the particulars the message was worded from (strings; see each code's producer):
    times, software and field names, label fields. ``data`` keeps the raw values found.
    """

    code: str
    severity: str
    message: str
    data: dict[str, Any] = field(default_factory=dict)
    params: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"code": self.code, "severity": self.severity, "message": self.message}


@dataclass(frozen=True)
class Inspection:
    """Findings (most severe first) and the error-level-analysis picture (BGR)."""

    findings: list[Finding]
    ela: np.ndarray

    def codes(self) -> list[str]:
        return [f.code for f in self.findings]


def inspect_photo(photo: Photo, *, packed_at: datetime | None = None,
                  shipment_time: datetime | None = None, now: datetime | None = None,
                  local_tz: tzinfo | None = None) -> Inspection:
    """Findings about ``photo``'s metadata, and its error-level-analysis picture.

    ``packed_at`` is when the clip shows the item being packed,
    ``shipment_time`` the earliest moment the buyer could have had the
    parcel; a photo time before either is a warning. A photo time without a
    UTC offset is read in ``local_tz`` (default: this computer's zone), and
    only called certain when it holds in every time zone.
    """
    extra = [photo.xmp] if photo.xmp else []
    xmp = read_xmp(photo.data, extra)
    findings: list[Finding] = []
    findings += _time_findings(photo, xmp, packed_at, shipment_time, now, local_tz)
    findings += _camera_findings(photo)
    findings += _software_findings(photo, xmp)
    findings += _aigc_label_findings(photo, xmp)
    findings += _iptc_findings(xmp)
    findings += _generator_chunk_findings(photo)
    findings += _c2pa_findings(photo)
    for reason in xmp.refused:
        findings.append(Finding("xmp_refused", "notice",
                                f"Part of the photo's XMP metadata was not read: {reason}.",
                                {"reason": reason}, {"reason": reason}))
    findings.sort(key=lambda f: SEVERITIES.index(f.severity))
    return Inspection(findings, error_level_analysis(photo))


# -- capture time ------------------------------------------------------------

@dataclass(frozen=True)
class PhotoTime:
    local: datetime           # as the camera clock read, naive
    offset: timedelta | None  # UTC offset when the file records one
    source: str


def photo_time(photo: Photo, xmp: Xmp | None = None) -> PhotoTime | None:
    """When the photo says it was taken (EXIF DateTimeOriginal, else XMP dates), or None."""
    exif = photo.exif
    for tag, offset_tag in (("DateTimeOriginal", "OffsetTimeOriginal"),
                            ("DateTimeDigitized", "OffsetTimeDigitized")):
        value = exif.get(tag)
        if isinstance(value, str):
            try:
                local = datetime.strptime(value.strip().rstrip("\x00")[:19], "%Y:%m:%d %H:%M:%S")
            except ValueError:
                continue
            return PhotoTime(local, _parse_offset(exif.get(offset_tag)), f"EXIF {tag}")
    if xmp:
        for prefix, name in (("exif", "DateTimeOriginal"), ("photoshop", "DateCreated"), ("xmp", "CreateDate")):
            value = xmp.first(prefix, name)
            parsed = _parse_iso(value) if value else None
            if parsed is not None:
                off = parsed.utcoffset()
                return PhotoTime(parsed.replace(tzinfo=None), off, f"XMP {prefix}:{name}")
    return None


def _parse_offset(value: Any) -> timedelta | None:
    if not isinstance(value, str):
        return None
    m = re.fullmatch(r"\s*([+-])(\d{2}):?(\d{2})\s*\x00*", value)
    if not m:
        return None
    sign = 1 if m.group(1) == "+" else -1
    return sign * timedelta(hours=int(m.group(2)), minutes=int(m.group(3)))


def _parse_iso(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def _time_findings(photo: Photo, xmp: Xmp, packed_at: datetime | None, shipment_time: datetime | None,
                   now: datetime | None, local_tz: tzinfo | None) -> list[Finding]:
    pt = photo_time(photo, xmp)
    if pt is None:
        return []
    now = now or datetime.now(timezone.utc)
    if pt.offset is not None:
        utc = (pt.local - pt.offset).replace(tzinfo=timezone.utc)
        earliest = latest = utc
        shown = f"{pt.local:%Y-%m-%d %H:%M:%S} (UTC{_fmt_offset(pt.offset)})"
        when = {"time": f"{pt.local:%Y-%m-%d %H:%M:%S}", "offset": _fmt_offset(pt.offset)}
    else:
        zone = local_tz or datetime.now().astimezone().tzinfo
        utc = pt.local.replace(tzinfo=zone).astimezone(timezone.utc)
        earliest = (pt.local - _ZONE_SLACK_AFTER).replace(tzinfo=timezone.utc)
        latest = (pt.local + _ZONE_SLACK_BEFORE).replace(tzinfo=timezone.utc)
        shown = f"{pt.local:%Y-%m-%d %H:%M:%S} (no time zone recorded)"
        when = {"time": f"{pt.local:%Y-%m-%d %H:%M:%S}", "offset": ""}  # no offset: no time zone recorded
    data = {"photo_time": pt.local.isoformat(), "utc_offset": _fmt_offset(pt.offset) if pt.offset is not None
            else None, "photo_time_utc": utc.isoformat(), "source": pt.source}
    for ref, code, what, event in ((packed_at, "photo_taken_before_packing", "the order was packed", "packing"),
                                   (shipment_time, "photo_taken_before_shipment", "the parcel was shipped",
                                    "shipment")):
        if ref is None:
            continue
        ref = ref.astimezone(timezone.utc)
        ref_shown = f"{ref:%Y-%m-%d %H:%M:%S} UTC"
        params = {**when, "reference": ref_shown, "event": event}
        if latest < ref:
            return [Finding(code, "warning",
                            f"The photo's own capture time, {shown}, is before {what} ({ref_shown}): "
                            "a photo of damage cannot be taken before the buyer had the item. The camera "
                            "clock may be wrong, or the photo may show another parcel.",
                            {**data, "reference": ref.isoformat()}, params)]
        if utc < ref:
            return [Finding("photo_time_may_precede_shipment", "notice",
                            f"The photo's capture time, {shown}, is before {what} ({ref_shown}) when read "
                            "in this computer's time zone; the photo records no time zone, so this is "
                            "not certain.", {**data, "reference": ref.isoformat()}, params)]
    if earliest > now + timedelta(days=1):
        return [Finding("photo_time_in_future", "notice",
                        f"The photo's capture time, {shown}, is in the future: the camera clock is wrong "
                        "or the time was edited.", data, when)]
    return [Finding("photo_time", "info", f"The photo says it was taken {shown} ({pt.source}).", data,
                    {**when, "source": pt.source})]


def _fmt_offset(offset: timedelta | None) -> str:
    if offset is None:
        return ""
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


# -- camera, software ------------------------------------------------------------

def _camera_findings(photo: Photo) -> list[Finding]:
    exif = photo.exif
    wanted = {"Make": "camera maker", "Model": "camera model", "DateTimeOriginal": "capture time"}
    missing = [k for k in wanted if not str(exif.get(k) or "").strip(" \x00")]
    if len(missing) == len(wanted):
        return [Finding("no_camera_metadata", "notice",
                        "The photo has no camera metadata (no camera maker, model or capture time). Phones "
                        "and cameras write these; they are missing from screenshots, pictures saved by "
                        "chat or social apps, edited exports and generated images.", {"missing": missing})]
    if missing:
        return [Finding("camera_metadata_incomplete", "info",
                        "The photo's camera metadata lacks: " + ", ".join(wanted[k] for k in missing) + ".",
                        {"missing": missing}, {"missing": ",".join(missing)})]  # EXIF tag names
    make, model = str(exif["Make"]).strip(" \x00"), str(exif["Model"]).strip(" \x00")
    return [Finding("camera", "info", f"Taken with {make} {model} (per EXIF).", {"make": make, "model": model},
                    {"make": make, "model": model})]


def _software_mentions(photo: Photo, xmp: Xmp) -> list[tuple[str, str]]:
    """(where, text) of every metadata field that names software."""
    found: list[tuple[str, str]] = []
    for tag in ("Software", "ProcessingSoftware"):
        value = photo.exif.get(tag)
        if isinstance(value, str) and value.strip(" \x00"):
            found.append((f"EXIF {tag}", value.strip(" \x00")))
    for prefix, name in (("xmp", "CreatorTool"), ("stEvt", "softwareAgent")):
        for value in xmp.get(prefix, name):
            found.append((f"XMP {prefix}:{name}", value))
    for key in ("Software", "software", "Creator", "Source"):
        if photo.text.get(key):
            found.append((f"{photo.format} text '{key}'", photo.text[key]))
    return found


def classify_software(text: str) -> tuple[str, str] | None:
    """(name, "editor"|"generator") of known software named in ``text``, else None."""
    for pattern, name, kind in _SOFTWARE_RE:
        if pattern.search(text):
            return name, kind
    return None


def _software_findings(photo: Photo, xmp: Xmp) -> list[Finding]:
    findings: list[Finding] = []
    seen: set[str] = set()
    for where, text in _software_mentions(photo, xmp):
        known = classify_software(text)
        key = known[0] if known else text
        if key in seen:
            continue
        seen.add(key)
        data = {"field": where, "value": text}
        if known and known[1] == "generator":
            findings.append(Finding("generator_software", "warning",
                                    f"The metadata names image-generating software: {known[0]} "
                                    f"({where}: \"{text}\").", {**data, "software": known[0]},
                                    {**data, "software": known[0]}))
        elif known:
            findings.append(Finding("editing_software", "notice",
                                    f"The photo was saved by editing software: {known[0]} ({where}: \"{text}\").",
                                    {**data, "software": known[0]}, {**data, "software": known[0]}))
        else:
            findings.append(Finding("software", "info", f"{where} says \"{text}\".", data, data))
    if xmp.has_namespace("photoshop") and "Adobe Photoshop" not in seen:
        findings.append(Finding("editing_software", "notice",
                                "The photo carries Photoshop metadata (XMP photoshop: properties).",
                                {"field": "XMP photoshop namespace", "software": "Adobe Photoshop"},
                                {"field": "XMP photoshop namespace", "software": "Adobe Photoshop"}))  # no "value"
    return findings


# -- AI-content labels -------------------------------------------------------------

def _json_object(text: str) -> dict | None:
    if not text or len(text) > _MAX_JSON:
        return None
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def _tc260_fields(obj: dict | None) -> dict | None:
    """The TC260 label fields of ``obj`` (also inside an ``{"AIGC": {...}}`` wrapper), or None."""
    if not obj:
        return None
    if isinstance(obj.get("AIGC"), dict):
        obj = obj["AIGC"]
    fields = {k: obj[k] for k in _TC260_FIELDS if k in obj}
    return fields or None


def _aigc_label_findings(photo: Photo, xmp: Xmp) -> list[Finding]:
    places: list[tuple[str, str]] = [("XMP TC260:AIGC", v) for v in xmp.get("TC260", "AIGC")]
    for key in ("AIGC", "aigc"):
        if key in photo.text:
            places.append((f"{photo.format} text chunk '{key}'", photo.text[key]))
    for tag in ("UserComment", "ImageDescription"):
        value = _exif_text(photo.exif.get(tag))
        if value and ("AIGC" in value or "ContentProducer" in value):
            places.append((f"EXIF {tag}", value))
    findings = []
    for where, raw in places:
        fields = _tc260_fields(_json_object(raw.strip()))
        if fields is None and not where.startswith("XMP"):
            continue  # a stray "AIGC" word in a comment is not the label
        label = str((fields or {}).get("Label", "")).strip()
        meaning = _TC260_LABELS.get(label)
        what = f"Label {label} ({meaning})" if meaning else (f"Label {label!r}" if label else "no readable Label")
        producer = (fields or {}).get("ContentProducer")
        propagator = (fields or {}).get("ContentPropagator")
        extra = "".join([f", produced by {producer}" if producer else "",
                         f", spread by {propagator}" if propagator else ""])
        findings.append(Finding(
            "aigc_label", "warning",
            f"The photo carries China's AI-generated-content label (GB 45438-2025 implicit label) in "
            f"{where}: {what}{extra}.",
            {"where": where, "fields": fields or {}, "raw": raw[:2000]},
            {"where": where, "label": label, "producer": str(producer or ""), "propagator": str(propagator or "")}))
    return findings


def _exif_text(value: Any) -> str:
    """EXIF text that may be bytes with an 8-byte character-code prefix (UserComment)."""
    if isinstance(value, bytes):
        head, body = value[:8], value[8:]
        if head.startswith(b"UNICODE"):
            for enc in ("utf-16-be", "utf-16-le"):
                try:
                    return body.decode(enc).strip("\x00 ")
                except UnicodeDecodeError:
                    continue
        return (body if head in (b"ASCII\x00\x00\x00", b"\x00" * 8) else value).decode(
            "utf-8", "replace").strip("\x00 ")
    return value.strip("\x00 ") if isinstance(value, str) else ""


def _iptc_findings(xmp: Xmp) -> list[Finding]:
    findings = []
    for value in xmp.get("Iptc4xmpExt", "DigitalSourceType"):
        code = value.rsplit("/", 1)[-1].strip()
        if code not in _IPTC_AI:
            continue
        severity, meaning = _IPTC_AI[code]
        findings.append(Finding(
            "iptc_ai_source" if severity == "warning" else "iptc_source_type", severity,
            f"The photo's IPTC metadata says it was {meaning} (DigitalSourceType {code}).",
            {"digital_source_type": value}, {"source_type": code}))
    return findings


def _generator_chunk_findings(photo: Photo) -> list[Finding]:
    findings = []
    params = photo.text.get("parameters")
    comment = _exif_text(photo.exif.get("UserComment"))
    if not params and comment and re.search(r"\bSteps: \d+", comment) and "Sampler" in comment:
        params = comment  # AUTOMATIC1111 writes its parameters into a JPEG's UserComment
    if params:
        findings.append(Finding(
            "stable_diffusion_parameters", "warning",
            "The photo contains Stable Diffusion generation parameters (the 'parameters' text written by "
            "AUTOMATIC1111-style tools): it was generated or edited by AI. Prompt: "
            f"\"{params.splitlines()[0][:160]}\".", {"parameters": params[:4000]},
            {"prompt": params.splitlines()[0][:160]}))
    comfy = [k for k in ("prompt", "workflow") if k in photo.text]
    if comfy:
        findings.append(Finding(
            "comfyui_workflow", "warning",
            f"The photo contains a ComfyUI {' and '.join(comfy)} (an AI image-generation graph): it was "
            "generated or edited by AI.", {k: photo.text[k][:4000] for k in comfy}, {"parts": ",".join(comfy)}))
    return findings


# -- C2PA ---------------------------------------------------------------------------------

_AI_SOURCE_TYPES = ("trainedAlgorithmicMedia", "compositeWithTrainedAlgorithmicMedia")


def _c2pa_findings(photo: Photo) -> list[Finding]:
    try:
        creds = read_credentials(photo.data, photo.format)
    except CredentialsUnavailable as exc:
        return [Finding("c2pa_unchecked", "info",
                        f"C2PA content credentials could not be checked: {exc}.", {"reason": str(exc)},
                        {"reason": str(exc)})]
    if creds is None:
        return []
    return c2pa_findings(creds)


def c2pa_findings(creds: Credentials) -> list[Finding]:
    """Findings from C2PA credentials already read."""
    generators = ", ".join(creds.generators) or "an unnamed program"
    base = {"generators": creds.generators, "signer": creds.signer,
            "validation_state": creds.validation_state,
            "actions": [asdict(a) for a in creds.actions]}
    findings = [Finding("c2pa_present", "info",
                        f"The photo has C2PA content credentials, made by {generators}"
                        f"{', signed by ' + creds.signer if creds.signer else ''}"
                        f"{' (validation: ' + creds.validation_state + ')' if creds.validation_state else ''}.",
                        base, {"generators": ", ".join(creds.generators), "signer": creds.signer,
                               "validation": creds.validation_state})]
    ai_actions = [a for a in creds.actions
                  if a.digital_source_type.rsplit("/", 1)[-1] in _AI_SOURCE_TYPES]
    ai_generators = [g for g in creds.generators + [a.software_agent for a in creds.actions]
                     if g and (classify_software(g) or ("", ""))[1] == "generator"]
    if ai_actions or ai_generators:
        said = [f"{a.action} ({a.digital_source_type.rsplit('/', 1)[-1]}"
                f"{', by ' + a.software_agent if a.software_agent else ''})" for a in ai_actions]
        said += [f"made with {g}" for g in ai_generators if not any(g == a.software_agent for a in ai_actions)]
        findings.append(Finding("c2pa_ai", "warning",
                                "The photo's C2PA content credentials say AI was used: " + "; ".join(said) + ".",
                                base, {"uses": "; ".join(said)}))
    edits = sorted({a.action for a in creds.actions if a.action not in ("c2pa.created", "c2pa.opened")})
    if edits:
        findings.append(Finding("c2pa_edited", "notice",
                                "The photo's C2PA content credentials record edits: " + ", ".join(edits) + ".",
                                base, {"edits": ", ".join(edits)}))
    if creds.problems:
        findings.append(Finding("c2pa_invalid", "notice",
                                "The photo's C2PA content credentials do not verify: "
                                + "; ".join(creds.problems[:5]) + ". The file was changed after signing, "
                                "or the credentials are damaged.", base, {"problems": "; ".join(creds.problems[:5])}))
    return findings
