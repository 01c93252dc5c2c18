"""What the window says about refusals, failures and what it did about them, in the user's language.

The core's messages are English sentences for logs and the CLI. The window
shows its own translated headline and advice, keyed on what happened (a
refusal's reason code, an exception's type, which alert), and keeps the
core's sentence as the technical detail underneath.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from packseal.core.errors import (BadInputError, CameraError, EncoderError, LedgerError, StorageError,
                                  StorageFullError)
from packseal.core.storage.space import MIB
from packseal.gui import formatting
from packseal.gui.rule_texts import rule_shape, rule_title


@dataclass(frozen=True)
class Message:
    """A headline, what to do, and the core's own words (may be empty)."""

    title: str
    advice: str = ""
    detail: str = ""


def scan_refused(raw: str, core_message: str, reason: str, detail: str, *, examples: Sequence[str] = (),
                 station_problem: Message | None = None) -> Message:
    """Why a scan was refused, from the core's ``reason`` and ``detail`` (see InvalidOrderIdError).

    An empty ``reason`` means the code was fine but the station cannot record;
    ``station_problem`` is then the active problem, if any.
    """
    title = QCoreApplication.translate("Messages", "Code refused – nothing was recorded")
    if not reason:
        if station_problem is not None:
            return Message(title, station_problem.title + " " + station_problem.advice, core_message)
        return Message(title, QCoreApplication.translate(
            "Messages", "The station cannot record right now; see the alert."), core_message)
    if reason == "product-code":
        title = QCoreApplication.translate("Messages", "This is a product barcode ({kind}), not a waybill").format(
            kind=detail)
    return Message(title, refusal_advice(raw, reason, detail, examples), core_message)


def one_of(items: Sequence[str]) -> str:
    """``A, B or C`` in the window's language."""
    if len(items) < 2:
        return "".join(items)
    return QCoreApplication.translate("Messages", "{some} or {last}").format(
        some=QCoreApplication.translate("Messages", ", ").join(items[:-1]), last=items[-1])


def refusal_advice(raw: str, reason: str, detail: str, examples: Sequence[str]) -> str:
    """What was wrong with a refused code and what to do, in plain words."""
    text = raw.strip()
    # Control characters from a misconfigured scanner are shown escaped, never raw.
    shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text[:40]) + ("…" if len(text) > 40 else "")
    advice = {
        "empty": QCoreApplication.translate("Messages", "The code was empty. Scan the waybill barcode again."),
        "too-long": QCoreApplication.translate("Messages", "The code is too long to be an order number; it is probably not the "
                       "waybill barcode."),
        "control": QCoreApplication.translate("Messages", "The code contains control characters; check the scanner's prefix and "
                      "suffix settings."),
        "full-width": QCoreApplication.translate("Messages", "The code arrived as full-width characters: a Chinese input method is in "
                         "full-width mode. Switch it to English (half-width) and scan again."),
        "not-ascii": QCoreApplication.translate("Messages", "The code contains characters that are not plain letters or digits. If a "
                        "Chinese input method is on, switch it to English and scan again."),
        "path": QCoreApplication.translate("Messages", "The code contains '/', '\\' or '..', which an order number may not hold."),
        "not-text": QCoreApplication.translate("Messages", "The code is not text."),
        "product-code": QCoreApplication.translate("Messages", "Scan the waybill label on the parcel. Product barcodes never start or "
                           "end an order."),
        "too-short": QCoreApplication.translate("Messages", "It is too short for a waybill or order number (the ticked rules need at "
                        "least {count} characters).").format(count=detail),
        "characters": QCoreApplication.translate("Messages", "It contains “{char}”, which no ticked order-number rule allows.").format(
            char=QCoreApplication.translate("Messages", "a space") if detail == " " else detail),
        "check-digit": QCoreApplication.translate("Messages", "It has the shape of {rule} numbers, but its check digit is wrong. Scan it "
                          "again.").format(rule=rule_title(detail)),
    }.get(reason)
    if advice is None and reason == "no-match" and detail:
        advice = QCoreApplication.translate("Messages", "It starts like {rule} numbers, but those are {shape}.").format(
            rule=rule_title(detail), shape=rule_shape(detail, detail))
    if advice is None:  # "no-match"
        advice = QCoreApplication.translate("Messages", "It is not the format of any carrier or order number ticked in Settings → "
                    "Order numbers.")
        if examples:
            advice += " " + QCoreApplication.translate("Messages", "A valid code looks like {examples}.").format(
                examples=one_of(examples))
    if shown:
        advice = QCoreApplication.translate("Messages", "Scanned “{code}”. {advice}").format(code=shown, advice=advice)
    return advice


def camera_lost(detail: str) -> Message:
    return Message(QCoreApplication.translate("Messages", "Camera lost"),
                   QCoreApplication.translate("Messages", "No pictures are coming from the camera. Check its "
                                              "cable; recording resumes by itself when it is back."),
                   detail)


def camera_name(index: int) -> str:
    """How the window names a camera of a station of two (0: the first)."""
    return (QCoreApplication.translate("Messages", "First camera") if index == 0
            else QCoreApplication.translate("Messages", "Second camera"))


def first_camera_lost(detail: str) -> Message:
    """The first of two cameras sends no pictures; the second one records on."""
    return Message(QCoreApplication.translate("Messages", "First camera lost"),
                   QCoreApplication.translate("Messages", "No pictures are coming from the first camera. The "
                                              "second camera records on, and each clip names the time the first "
                                              "camera missed. Check its cable; it resumes by itself when it is "
                                              "back."),
                   detail)


def second_camera_lost(detail: str) -> Message:
    return Message(QCoreApplication.translate("Messages", "Second camera lost"),
                   QCoreApplication.translate("Messages", "No pictures are coming from the second camera. The "
                                              "first camera records on, and each clip names the time the second "
                                              "camera missed. Check its cable; it resumes by itself when it is "
                                              "back."),
                   detail)


def second_encoder_died(detail: str) -> Message:
    return Message(QCoreApplication.translate("Messages", "Second camera not recording"),
                   QCoreApplication.translate("Messages", "The second camera's video encoder has stopped; PackSeal "
                                              "is restarting it. The first camera records on."),
                   detail)


def encoder_died(detail: str) -> Message:
    return Message(QCoreApplication.translate("Messages", "Video recording stopped"),
                   QCoreApplication.translate("Messages", "The video encoder has stopped; PackSeal is restarting "
                                              "it. If this alert stays, press F5. Finished clips are safe."),
                   detail)


def disk_low(free_mb: int) -> Message:
    return Message(QCoreApplication.translate("Messages", "Disk nearly full"),
                   QCoreApplication.translate("Messages", "Only {free} left for recordings. Free up space or "
                                              "move old clips soon.").format(free=formatting.file_size(free_mb * MIB)))


def disk_full(free_mb: int, reserve_mb: int) -> Message:
    return Message(QCoreApplication.translate("Messages", "Disk full – new orders are refused"),
                   QCoreApplication.translate("Messages", "Only {free} left, below the {reserve} kept in reserve. "
                                              "Free up space to record again.").format(
                       free=formatting.file_size(free_mb * MIB), reserve=formatting.file_size(reserve_mb * MIB)))



def storage_unreachable(detail: str) -> Message:
    """The data folder's disk is gone or does not answer (the recorder refuses new orders)."""
    return Message(QCoreApplication.translate("Messages", "The storage folder cannot be reached – new orders "
                                              "are refused"),
                   QCoreApplication.translate("Messages", "Connect the disk holding the storage folder, or check "
                                              "the network drive. New orders are recorded again once it is back."),
                   detail)

def archive_failed(detail: str) -> Message:
    return Message(QCoreApplication.translate("Messages", "A recording could not be sealed"),
                   QCoreApplication.translate("Messages", "The video file is kept and will be sealed when "
                                              "PackSeal restarts. If this repeats, check the disk and the log."),
                   detail)


def catalog_damaged(detail: str) -> Message:
    return Message(QCoreApplication.translate("Messages", "The search index is damaged"),
                   QCoreApplication.translate("Messages", "It only helps to find clips: the recordings and the "
                                              "ledger are kept apart from it. Restart PackSeal when convenient: it "
                                              "rebuilds the index from the ledger as it starts. Pins, notes and "
                                              "disputed marks are carried over as far as they can be read."),
                   detail)


def clip_failed(order_id: str, detail: str) -> Message:
    return Message(QCoreApplication.translate("Messages", "The clip of order {order} could not be made")
                   .format(order=order_id),
                   QCoreApplication.translate("Messages", "The video is kept with the recent video between orders; see the log."),
                   detail)


def startup_checked(detail: str) -> Message:
    return Message(QCoreApplication.translate("Messages", "The data folder was checked at start-up"),
                   QCoreApplication.translate("Messages", "PackSeal repaired or noticed the following; "
                                              "nothing recorded was lost. Details are in the log."),
                   detail)


def retention_short(detail: str) -> Message:
    return Message(QCoreApplication.translate("Messages", "Not enough room even after clean-up"),
                   QCoreApplication.translate("Messages", "Only pinned clips, clips in a dispute and the "
                                              "recent video kept between orders are left. Free space on the "
                                              "disk or lower the reserve in Settings."),
                   detail)


def retention_done(summary: str) -> str:
    return QCoreApplication.translate("Messages", "Old recordings were deleted to keep the disk "
                                      "reserve (each deletion is in the seal): {summary}").format(summary=summary)


def recovered(summary: str) -> Message:
    return Message(QCoreApplication.translate("Messages", "Recovered after an unexpected stop"),
                   QCoreApplication.translate("Messages", "PackSeal finished and sealed what the last run left "
                                              "behind; the recovered orders are in the list."),
                   summary)


def recorder_lost(detail: str) -> Message:
    return Message(QCoreApplication.translate("Messages", "Recording process stopped"),
                   QCoreApplication.translate("Messages", "The part of PackSeal that records stopped unexpectedly "
                                              "and is being started again. The order being recorded "
                                              "continues when it is back, the missed seconds noted in its "
                                              "clip. Wait for this alert to clear before the next scan."),
                   detail)


def station_failed(detail: str) -> Message:
    return Message(QCoreApplication.translate("Messages", "The camera could not start"),
                   QCoreApplication.translate("Messages", "Check the camera's cable and the camera chosen in "
                                              "Settings, then press F5 to try again."),
                   detail)


def recovery_detail(report) -> str:
    """What start-up recovery did (a RecoveryReport), one line each, in the user's language."""
    lines = []
    if report.resumable:
        lines.append(QCoreApplication.translate("Messages", "Continues recording after the unexpected stop (the missed seconds are "
                                    "noted in the clip): {orders}").format(
            orders=", ".join(r.order.order_id for r in report.resumable)))
    for clip in report.clips:
        status = QCoreApplication.translate("Messages", "complete") if clip.status == "complete" else QCoreApplication.translate("Messages", "cut short")
        lines.append(QCoreApplication.translate("Messages", "Recovered clip of order {order}: {seconds} s, {status}").format(
            order=clip.order_id, seconds=round(clip.duration_s), status=status))
    if report.segments_sealed:
        lines.append(QCoreApplication.translate("Messages", "Sealed {n} piece(s) of recent video that the last run left unsealed")
                     .format(n=report.segments_sealed))
    for note in report.notes:
        p = note.params
        if note.code == "session-unreadable":
            lines.append(QCoreApplication.translate("Messages", "Recent video in {folder} could not be read and was left as it is "
                                        "({error})").format(folder=p["session"], error=p["error"]))
        elif note.code == "tape-undecodable":
            lines.append(QCoreApplication.translate("Messages", "The last {n} bytes of video, written as the program stopped, could "
                                        "not be decoded").format(n=p["bytes"]))
        elif note.code == "order-without-video":
            lines.append(QCoreApplication.translate("Messages", "Order {order} stopped before any of its video reached the disk; no "
                                        "clip could be made").format(order=p["order_id"]))
        elif note.code == "order-failed":
            lines.append(QCoreApplication.translate("Messages", "Order {order} could not be recovered: {error}").format(
                order=p["order_id"], error=p["error"]))
        else:
            lines.append(str(note))
    return "\n".join(lines)


def station_not_running() -> Message:
    return Message(QCoreApplication.translate("Messages", "The station is not running"),
                   QCoreApplication.translate("Messages", "Press F5 to start it again; the scan was not recorded."))


def for_exception(exc: BaseException) -> Message:
    """A headline and advice for an exception from the core (or an unexpected one)."""
    detail = str(exc) or type(exc).__name__
    if isinstance(exc, CameraError):
        return Message(QCoreApplication.translate("Messages", "The camera could not be opened"),
                       QCoreApplication.translate("Messages", "Check that it is connected and not used by another "
                                                  "program, or choose another camera in Settings. Then press F5."),
                       detail)
    if isinstance(exc, EncoderError):
        return Message(QCoreApplication.translate("Messages", "Video recording could not start"),
                       QCoreApplication.translate("Messages", "Try the software encoder (libx264) in Settings, "
                                                  "then press F5."), detail)
    if isinstance(exc, StorageFullError):
        return Message(QCoreApplication.translate("Messages", "The disk is full"),
                       QCoreApplication.translate("Messages", "Free up space, then try again."), detail)
    if isinstance(exc, StorageError):
        return Message(QCoreApplication.translate("Messages", "A file could not be read or written"),
                       QCoreApplication.translate("Messages", "Check the storage folder and its permissions."),
                       detail)
    if isinstance(exc, LedgerError):
        return Message(QCoreApplication.translate("Messages", "The seal ledger reported a problem"),
                       QCoreApplication.translate("Messages", "Run “packseal verify” and see the log."), detail)
    if isinstance(exc, BadInputError):
        return Message(QCoreApplication.translate("Messages", "A setting or input is not valid"),
                       QCoreApplication.translate("Messages", "Correct it and try again."), detail)
    return Message(QCoreApplication.translate("Messages", "Something unexpected went wrong"),
                   QCoreApplication.translate("Messages", "The details are in the log file. Please report it."),
                   f"{type(exc).__name__}: {detail}")


def burst_without_terminator(chars: str) -> Message:
    """Scanner-fast keys that ended without Enter (or Tab) where no text field could take them."""
    shown = chars[:40] + ("…" if len(chars) > 40 else "")
    return Message(QCoreApplication.translate("Messages", "Code refused – nothing was recorded"),
                   QCoreApplication.translate(
                       "Messages", "“{code}” came as fast as a scan but without Enter at the end, so it was not "
                       "taken as a scan. Set the scanner to send Enter after each code, or, if it sends Tab, "
                       "tick “The scanner ends each code with Tab instead of Enter” in Settings → Station.").format(code=shown))


def code_in_parts(parts: str) -> Message:
    """A scan that reached PackSeal in parts (a pause inside the code) and could not be joined safely."""
    shown = " … ".join(p[:40] + ("…" if len(p) > 40 else "") for p in parts.split("|"))
    return Message(QCoreApplication.translate("Messages", "Scan refused – it arrived in parts, nothing was recorded"),
                   QCoreApplication.translate(
                       "Messages", "The scan reached PackSeal in parts with a pause between them (“{parts}”), "
                       "probably because the computer was busy. A part on its own could be a wrong order "
                       "number, so nothing was taken. Scan the waybill again.").format(parts=shown))
