"""What the window says about the core's refusals and failures, in the user's language.

The core's messages are English sentences for logs and the CLI. The window
shows its own translated headline and advice, keyed on what happened (a
refusal's reason code, an exception's type, which alert), and keeps the
core's sentence as the technical detail underneath.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from packseal.core.errors import (BadInputError, CameraError, EncoderError, LedgerError, StorageError,
                                  StorageFullError)
from packseal.core.recording.order_id import InvalidOrderIdError, OrderIdPolicy


@dataclass(frozen=True)
class Message:
    """A headline, what to do, and the core's own words (may be empty)."""

    title: str
    advice: str = ""
    detail: str = ""


def examples(policy: OrderIdPolicy, count: int = 3) -> str:
    """A few example IDs from the policy's patterns, for "a valid code looks like …"."""
    seen = list(dict.fromkeys(p.example for p in policy.patterns if p.example))
    return ", ".join(seen[:count])


def scan_refused(raw: str, core_message: str, policy: OrderIdPolicy | None, *,
                 station_problem: Message | None = None) -> Message:
    """Why a scan was refused. ``station_problem`` is the active problem when the code itself was fine."""
    title = QCoreApplication.translate("Messages", "Code refused – nothing was recorded")
    reason = None
    if policy is not None:
        try:
            policy.validate(raw)
        except InvalidOrderIdError as exc:
            reason = exc.reason
    text = raw.strip()
    # Control characters from a misconfigured scanner are shown escaped, never raw.
    shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text[:40]) + ("…" if len(text) > 40 else "")
    if reason is None:
        if station_problem is not None:
            return Message(title, station_problem.title + " " + station_problem.advice, core_message)
        return Message(title, QCoreApplication.translate(
            "Messages", "The station cannot record right now; see the alert."), core_message)
    advice = {
        "empty": QCoreApplication.translate("Messages", "The code was empty. Scan the waybill barcode again."),
        "too-long": QCoreApplication.translate(
            "Messages", "The code is too long to be an order number; it is probably not the waybill barcode."),
        "control": QCoreApplication.translate(
            "Messages", "The code contains control characters; check the scanner's prefix and suffix settings."),
        "not-ascii": QCoreApplication.translate(
            "Messages", "The code contains full-width or other non-ASCII characters. If a Chinese input "
            "method is on, switch it to English (half-width) mode and scan again."),
        "path": QCoreApplication.translate(
            "Messages", "The code contains '/', '\\' or '..', which an order number may not hold."),
        "not-text": QCoreApplication.translate("Messages", "The code is not text."),
    }.get(reason)
    if advice is None:  # "no-match"
        advice = QCoreApplication.translate(
            "Messages", "“{code}” does not look like an order or waybill number. A valid code looks "
            "like {examples}.").format(code=shown, examples=examples(policy) if policy else "")
    elif shown:
        advice = QCoreApplication.translate("Messages", "Scanned “{code}”. {advice}").format(code=shown, advice=advice)
    return Message(title, advice, core_message)


def camera_lost(detail: str) -> Message:
    return Message(QCoreApplication.translate("Messages", "Camera lost"),
                   QCoreApplication.translate("Messages", "No pictures are coming from the camera. Check its "
                                              "cable; recording resumes by itself when it is back."),
                   detail)


def encoder_died(detail: str) -> Message:
    return Message(QCoreApplication.translate("Messages", "Video recording stopped"),
                   QCoreApplication.translate("Messages", "The video encoder has stopped; PackSeal is restarting "
                                              "it. If this alert stays, press F5. Finished clips are safe."),
                   detail)


def disk_low(free_mb: int) -> Message:
    return Message(QCoreApplication.translate("Messages", "Disk nearly full"),
                   QCoreApplication.translate("Messages", "Only {free} left for recordings. Free up space or "
                                              "move old clips soon.").format(free=format_size(free_mb)))


def disk_full(free_mb: int, reserve_mb: int) -> Message:
    return Message(QCoreApplication.translate("Messages", "Disk full – new orders are refused"),
                   QCoreApplication.translate("Messages", "Only {free} left, below the {reserve} kept in reserve. "
                                              "Free up space to record again.").format(
                       free=format_size(free_mb), reserve=format_size(reserve_mb)))


def archive_failed(detail: str) -> Message:
    return Message(QCoreApplication.translate("Messages", "A recording could not be sealed"),
                   QCoreApplication.translate("Messages", "The video file is kept and will be sealed when "
                                              "PackSeal restarts. If this repeats, check the disk and the log."),
                   detail)


def clip_failed(order_id: str, detail: str) -> Message:
    return Message(QCoreApplication.translate("Messages", "The clip of order {order} could not be made")
                   .format(order=order_id),
                   QCoreApplication.translate("Messages", "The recording is kept on the tape; see the log."),
                   detail)


def startup_checked(detail: str) -> Message:
    return Message(QCoreApplication.translate("Messages", "The data folder was checked at start-up"),
                   QCoreApplication.translate("Messages", "PackSeal repaired or noticed the following; "
                                              "nothing recorded was lost. Details are in the log."),
                   detail)


def retention_short(detail: str) -> Message:
    return Message(QCoreApplication.translate("Messages", "Not enough room even after clean-up"),
                   QCoreApplication.translate("Messages", "Only pinned clips, clips in a dispute and recent "
                                              "tape are left. Free space on the disk or lower the reserve "
                                              "in Settings."),
                   detail)


def retention_done(summary: str) -> str:
    return QCoreApplication.translate("Messages", "Old recordings were deleted to keep the disk "
                                      "reserve (each deletion is in the seal): {summary}").format(summary=summary)


def recovered(summary: str) -> Message:
    return Message(QCoreApplication.translate("Messages", "Recovered after an unexpected stop"),
                   QCoreApplication.translate("Messages", "PackSeal finished and sealed what the last run left "
                                              "behind; the recovered orders are in the list."),
                   summary)


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


def format_size(mb: int) -> str:
    """``850 MB`` or ``12.4 GB``."""
    if mb < 1024:
        return QCoreApplication.translate("Messages", "{n} MB").format(n=mb)
    return QCoreApplication.translate("Messages", "{n} GB").format(n=f"{mb / 1024:.1f}")


def burst_without_terminator(chars: str) -> Message:
    """Scanner-fast keys that ended without Enter (or Tab) where no text field could take them."""
    shown = chars[:40] + ("…" if len(chars) > 40 else "")
    return Message(QCoreApplication.translate("Messages", "Code refused – nothing was recorded"),
                   QCoreApplication.translate(
                       "Messages", "“{code}” came as fast as a scan but without Enter at the end, so it was not "
                       "taken as a scan. Set the scanner to send Enter after each code, or, if it sends Tab, "
                       "tick “The scanner ends each code with Tab instead of Enter” in Settings → Station.").format(code=shown))
