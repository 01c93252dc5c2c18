"""The full sentence of each photo finding, in the window's language.

The core words its findings in English for logs, the CLI, JSON and the
evidence pack, and hands over the particulars it worded them from
(``Finding.params``). Here each code has its sentence, translated, filled
in with those particulars; names that are not words (software, file
fields, label codes, C2PA action names) stay as the photo spells them. A
code this module does not know keeps the core's English sentence.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from packseal.core.compare.inspection import Finding


translate = QCoreApplication.translate


def _when(p: dict[str, str]) -> str:
    if p.get("offset"):
        return translate("FindingTexts", "{time} (UTC{offset})").format(time=p["time"], offset=p["offset"])
    return translate("FindingTexts", "{time} (no time zone recorded)").format(time=p["time"])


def _event(p: dict[str, str]) -> str:
    return translate("FindingTexts", "the order was packed") if p.get("event") == "packing" else translate("FindingTexts", "the parcel was shipped")


def _before(p: dict[str, str]) -> str:
    return translate("FindingTexts", "The photo's own capture time, {when}, is before {event} ({reference}): a photo of damage cannot "
               "be taken before the buyer had the item. The camera clock may be wrong, or the photo may show "
               "another parcel.").format(when=_when(p), event=_event(p), reference=p["reference"])


def _missing(p: dict[str, str]) -> str:
    names = {"Make": translate("FindingTexts", "camera maker"), "Model": translate("FindingTexts", "camera model"), "DateTimeOriginal": translate("FindingTexts", "capture time")}
    parts = [names.get(tag, tag) for tag in p["missing"].split(",") if tag]
    return translate("FindingTexts", "The photo's camera metadata lacks: {fields}.").format(fields=translate("FindingTexts", ", ").join(parts))


def _label(p: dict[str, str]) -> str:
    meanings = {"1": translate("FindingTexts", "AI-generated"), "2": translate("FindingTexts", "possibly AI-generated"), "3": translate("FindingTexts", "suspected AI-generated")}
    label = p.get("label", "")
    if label in meanings:
        what = translate("FindingTexts", "Label {label} ({meaning})").format(label=label, meaning=meanings[label])
    elif label:
        what = translate("FindingTexts", "Label '{label}'").format(label=label)
    else:
        what = translate("FindingTexts", "no readable Label")
    extra = ""
    if p.get("producer"):
        extra += translate("FindingTexts", ", produced by {producer}").format(producer=p["producer"])
    if p.get("propagator"):
        extra += translate("FindingTexts", ", spread by {propagator}").format(propagator=p["propagator"])
    return translate("FindingTexts", "The photo carries China's AI-generated-content label (GB 45438-2025 implicit label) in {where}: "
               "{what}{extra}.").format(where=p["where"], what=what, extra=extra)


def _iptc(p: dict[str, str]) -> str:
    meanings = {
        "trainedAlgorithmicMedia": translate("FindingTexts", "created by generative AI (trained algorithmic media)"),
        "compositeWithTrainedAlgorithmicMedia": translate("FindingTexts", "edited with generative AI (composite with trained "
                                                    "algorithmic media)"),
        "algorithmicallyEnhanced": translate("FindingTexts", "enhanced by an algorithm"),
        "algorithmicMedia": translate("FindingTexts", "created by an algorithm without training data (algorithmic media)"),
        "compositeSynthetic": translate("FindingTexts", "a composite that includes synthetic elements"),
        "composite": translate("FindingTexts", "a composite of several pictures"),
        "virtualRecording": translate("FindingTexts", "a recording of a virtual scene"),
        "screenCapture": translate("FindingTexts", "a screenshot"),
        "digitalArt": translate("FindingTexts", "digital art made by a person with software"),
    }
    code = p["source_type"]
    return translate("FindingTexts", "The photo's IPTC metadata says it was {meaning} (DigitalSourceType {code}).").format(
        meaning=meanings.get(code, code), code=code)


def _editing(p: dict[str, str]) -> str:
    if "value" not in p:  # only the Photoshop namespace in the XMP, no software named
        return translate("FindingTexts", "The photo carries Photoshop metadata (XMP photoshop: properties).")
    return translate("FindingTexts", "The photo was saved by editing software: {software} ({field}: \"{value}\").").format(**p)


def _c2pa_present(p: dict[str, str]) -> str:
    text = translate("FindingTexts", "The photo has C2PA content credentials, made by {generators}").format(
        generators=p["generators"] or translate("FindingTexts", "an unnamed program"))
    if p.get("signer"):
        text += translate("FindingTexts", ", signed by {signer}").format(signer=p["signer"])
    if p.get("validation"):
        states = {"Valid": translate("FindingTexts", "Valid"), "Invalid": translate("FindingTexts", "Invalid"),
                  "Trusted": translate("FindingTexts", "Trusted")}  # the checker's words (c2pa-python)
        text += translate("FindingTexts", " (validation: {state})").format(
            state=states.get(p["validation"], p["validation"]))
    return text + translate("FindingTexts", ".")


def tone_words(tone: str) -> str:
    """How a region differs, as a noun phrase: a darker mark, a lighter mark, a change of colour."""
    return {"darker": translate("FindingTexts", "a darker mark"),
            "lighter": translate("FindingTexts", "a lighter mark")}.get(tone, translate("FindingTexts", "a change of colour"))


def place_words(place: str) -> str:
    """Where on the item a region lies (the core's PLACES), in the window's language."""
    return {"upper left": translate("FindingTexts", "upper left"), "top": translate("FindingTexts", "top"),
            "upper right": translate("FindingTexts", "upper right"), "left": translate("FindingTexts", "left"),
            "middle": translate("FindingTexts", "middle"), "right": translate("FindingTexts", "right"),
            "lower left": translate("FindingTexts", "lower left"), "bottom": translate("FindingTexts", "bottom"),
            "lower right": translate("FindingTexts", "lower right")}.get(place, place)


def share_words(share: str) -> str:
    """The core's share of the item ("3%", "less than 1%") in the window's language."""
    if share.startswith("less"):
        return translate("FindingTexts", "less than 1%")
    return share


def _difference(p: dict[str, str]) -> str:
    return translate("FindingTexts", "Difference {n}: {what} on the {place} of the item ({share} of what the photo "
                     "shows of it), not in the shipment's frame at {t} s.").format(
        n=p["n"], what=tone_words(p["tone"]), place=place_words(p["place"]), share=share_words(p["share"]), t=p["t"])


SENTENCES: dict[str, Callable[[dict[str, str]], str]] = {
    "difference_on_item": _difference,
    "no_difference_on_item": lambda p: translate("FindingTexts", "Nothing on the item differs from the shipment's "
                                                 "frame at {t} s.").format(**p),
    "waybill_in_photo": lambda p: translate("FindingTexts", "The photo shows the code {code}.").format(**p),
    "waybill_of_this_order": lambda p: translate("FindingTexts", "The photo shows the waybill {code} of order "
                                                 "{order}, the order compared.").format(**p),
    "waybill_of_another_order": lambda p: translate("FindingTexts", "The photo shows the waybill {code} of order "
                                                    "{other}, not of order {order}: the photo may belong to another "
                                                    "parcel.").format(**p),
    "waybill_without_clip": lambda p: translate("FindingTexts", "The photo shows the code {code}, but no clip is "
                                                "filed under it: this shop recorded no parcel with that "
                                                "waybill.").format(**p),
    "before_closing": lambda p: translate("FindingTexts", "This photo shows the opened box: compare it with the "
                                          "clip's last frames before the box was closed, at {times} ({from_} to "
                                          "{to}), which show what went in.").format(
        times=p["times"], from_=p["from"], to=p["to"]),
    "photo_time": lambda p: translate("FindingTexts", "The photo says it was taken {when} ({source}).").format(
        when=_when(p), source=p["source"]),
    "photo_taken_before_packing": _before,
    "photo_taken_before_shipment": _before,
    "photo_time_may_precede_shipment": lambda p: translate("FindingTexts", 
        "The photo's capture time, {when}, is before {event} ({reference}) when read in this computer's time "
        "zone; the photo records no time zone, so this is not certain.").format(
        when=_when(p), event=_event(p), reference=p["reference"]),
    "photo_time_in_future": lambda p: translate("FindingTexts", 
        "The photo's capture time, {when}, is in the future: the camera clock is wrong or the time was "
        "edited.").format(when=_when(p)),
    "no_camera_metadata": lambda p: translate("FindingTexts", 
        "The photo has no camera metadata (no camera maker, model or capture time). Phones and cameras write "
        "these; they are missing from screenshots, pictures saved by chat or social apps, edited exports and "
        "generated images."),
    "camera_metadata_incomplete": _missing,
    "camera": lambda p: translate("FindingTexts", "Taken with {make} {model} (per EXIF).").format(**p),
    "software": lambda p: translate("FindingTexts", "{field} says \"{value}\".").format(**p),
    "editing_software": _editing,
    "generator_software": lambda p: translate("FindingTexts", 
        "The metadata names image-generating software: {software} ({field}: \"{value}\").").format(**p),
    "aigc_label": _label,
    "iptc_ai_source": _iptc,
    "iptc_source_type": _iptc,
    "stable_diffusion_parameters": lambda p: translate("FindingTexts", 
        "The photo contains Stable Diffusion generation parameters (the 'parameters' text written by "
        "AUTOMATIC1111-style tools): it was generated or edited by AI. Prompt: \"{prompt}\".").format(**p),
    "comfyui_workflow": lambda p: translate("FindingTexts", 
        "The photo contains a ComfyUI {parts} (an AI image-generation graph): it was generated or edited by "
        "AI.").format(parts=translate("FindingTexts", " and ").join(p["parts"].split(","))),
    "xmp_refused": lambda p: translate("FindingTexts", "Part of the photo's XMP metadata was not read: {reason}.").format(**p),
    "c2pa_unchecked": lambda p: translate("FindingTexts", "C2PA content credentials could not be checked: {reason}.").format(**p),
    "c2pa_present": _c2pa_present,
    "c2pa_ai": lambda p: translate("FindingTexts", "The photo's C2PA content credentials say AI was used: {uses}.").format(**p),
    "c2pa_edited": lambda p: translate("FindingTexts", "The photo's C2PA content credentials record edits: {edits}.").format(**p),
    "c2pa_invalid": lambda p: translate("FindingTexts", 
        "The photo's C2PA content credentials do not verify: {problems}. The file was changed after signing, or "
        "the credentials are damaged.").format(**p),
}


def finding_text(finding: Finding) -> str:
    """The finding's whole sentence in the window's language (the core's English for an unknown code)."""
    sentence = SENTENCES.get(finding.code)
    if sentence is None:
        return finding.message
    try:
        return sentence(finding.params)
    except (KeyError, ValueError):  # a finding from an older core without its particulars
        return finding.message
