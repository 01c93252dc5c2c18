"""What the dispute view says, in the user's language: finding titles and failures.

The core writes its findings and errors in English, for logs, the CLI and
the evidence pack. The view shows a translated title chosen by the
finding's code (the codes of :mod:`packseal.core.compare.inspection`) or by
the kind of failure, with the core's own sentence kept underneath as the
detail.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from packseal.core.compare.photo import HEIF_SUPPORTED
from packseal.core.errors import BadInputError, StorageError
from packseal.core.evidence.source_clip import CLIP_DELETED, CLIP_MISSING, UNKNOWN_ORDER, OrderClipError
from packseal.gui import problem_texts as window_messages
from packseal.gui.problem_texts import Message

SEVERITY_COLOURS = {"warning": "#c62828", "notice": "#b26a00", "info": "#1565c0"}
#: Secondary text (hints, legends): grey but readable on the light window background.
HINT_COLOUR = "#5f6368"


def finding_title(code: str) -> str:
    """A short translated title for a finding code; unknown codes are shown readable but untranslated."""
    translate = QCoreApplication.translate
    titles = {
        "photo_time": translate("DisputeMessages", "When the photo was taken"),
        "photo_taken_before_packing": translate("DisputeMessages", "Photo taken before the order was packed"),
        "photo_taken_before_shipment": translate("DisputeMessages", "Photo taken before the parcel was shipped"),
        "photo_time_may_precede_shipment": translate("DisputeMessages", "Photo time may be before the shipment"),
        "photo_time_in_future": translate("DisputeMessages", "Photo time is in the future"),
        "no_camera_metadata": translate("DisputeMessages", "No camera metadata"),
        "camera_metadata_incomplete": translate("DisputeMessages", "Camera metadata incomplete"),
        "camera": translate("DisputeMessages", "Camera"),
        "software": translate("DisputeMessages", "Software named in the metadata"),
        "editing_software": translate("DisputeMessages", "Saved by editing software"),
        "generator_software": translate("DisputeMessages", "Image-generating software"),
        "aigc_label": translate("DisputeMessages", "AI-generated content label (GB 45438-2025)"),
        "iptc_ai_source": translate("DisputeMessages", "IPTC says: made by generative AI"),
        "iptc_source_type": translate("DisputeMessages", "IPTC source type"),
        "stable_diffusion_parameters": translate("DisputeMessages", "Stable Diffusion generation parameters"),
        "comfyui_workflow": translate("DisputeMessages", "ComfyUI workflow"),
        "xmp_refused": translate("DisputeMessages", "XMP metadata not read"),
        "c2pa_unchecked": translate("DisputeMessages", "C2PA content credentials not checked"),
        "c2pa_present": translate("DisputeMessages", "C2PA content credentials"),
        "c2pa_ai": translate("DisputeMessages", "C2PA credentials record AI use"),
        "c2pa_edited": translate("DisputeMessages", "C2PA credentials record edits"),
        "c2pa_invalid": translate("DisputeMessages", "C2PA credentials do not verify"),
        "difference_on_item": translate("DisputeMessages", "Difference on the item"),
        "no_difference_on_item": translate("DisputeMessages", "No difference on the item"),
        "waybill_in_photo": translate("DisputeMessages", "Code in the photo"),
        "waybill_of_this_order": translate("DisputeMessages", "Waybill of this order"),
        "waybill_of_another_order": translate("DisputeMessages", "Waybill of another order"),
        "waybill_without_clip": translate("DisputeMessages", "Waybill with no clip"),
        "before_closing": translate("DisputeMessages", "The last frames before the box was closed"),
    }
    return titles.get(code) or code.replace("_", " ").capitalize()


def severity_name(severity: str) -> str:
    translate = QCoreApplication.translate
    names = {"warning": translate("DisputeMessages", "Warning"),
             "notice": translate("DisputeMessages", "Worth a look"),
             "info": translate("DisputeMessages", "Information")}
    return names.get(severity, severity)


def no_match() -> Message:
    translate = QCoreApplication.translate
    return Message(translate("DisputeMessages", "No frame of this clip shows the item in the photo"),
                   translate("DisputeMessages", "The photo may show another item, too little of it, or be taken "
                             "very differently. Check the order number; a photo of the whole item in good light "
                             "matches best."))


def comparison_failed(exc: BaseException) -> Message:
    """Why a comparison could not be made, and what to do."""
    translate = QCoreApplication.translate
    detail = str(exc)
    if isinstance(exc, OrderClipError):
        order = exc.order_id
        if exc.reason == UNKNOWN_ORDER:
            if not order:
                return Message(translate("DisputeMessages", "Type or scan the order number first"))
            return Message(translate("DisputeMessages", "No clip of order {order} was found").format(order=order),
                           translate("DisputeMessages", "Check the number, or look for the order in the Library."),
                           detail)
        if exc.reason == CLIP_DELETED:
            why = f" ({exc.deleted_reason})" if exc.deleted_reason else ""
            return Message(translate("DisputeMessages", "The clip of order {order} was deleted{why}").format(
                order=order, why=why),
                translate("DisputeMessages", "There is no video to compare the photo with."), detail)
        if exc.reason == CLIP_MISSING:
            return Message(translate("DisputeMessages", "The clip file of order {order} is missing").format(
                order=order),
                translate("DisputeMessages", "Restore it from a backup; “packseal verify” lists what else is "
                          "missing."), detail)
    if isinstance(exc, BadInputError):
        formats = "JPEG, PNG, WebP, HEIC, BMP" if HEIF_SUPPORTED else "JPEG, PNG, WebP, BMP"
        return Message(translate("DisputeMessages", "This photo cannot be used"),
                       translate("DisputeMessages", "PackSeal reads {formats} photos. Ask the buyer for the "
                                 "original file.").format(formats=formats), detail)
    if isinstance(exc, StorageError):
        return Message(translate("DisputeMessages", "The clip could not be read"),
                       translate("DisputeMessages", "It may be damaged; “packseal verify” checks it against its "
                                 "seal."), detail)
    return window_messages.for_exception(exc)


def pack_failed(exc: BaseException) -> Message:
    """Why the evidence pack could not be built."""
    from packseal.core.errors import EvidenceError

    translate = QCoreApplication.translate
    title = translate("DisputeMessages", "The evidence pack could not be built")
    if isinstance(exc, EvidenceError):
        return Message(title, translate("DisputeMessages", "The clip cannot be used as evidence as it is; "
                                        "see below."), str(exc))
    base = window_messages.for_exception(exc)
    return Message(title, f"{base.title}. {base.advice}", base.detail)
