"""The seal of the selected clip: verified or not and why, its ledger entry, the station key.

Selecting a clip verifies it in the background (``verify_clip``: hashes the
file, checks the seal's signature and that the seal's entry is the ledger's
entry under a signed checkpoint); "Verify now" runs it again. The ledger
entry is read from the ledger (the source of truth), not from the catalog.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPushButton, QVBoxLayout,
                               QWidget)

from packseal.compose import Services
from packseal.core.catalog import ClipRecord
from packseal.core.errors import PackSealError
from packseal.core.ledger import Entry, Problem, VerifyReport, group_fingerprint, verify_clip
from packseal.core.ledger.tsa_trust import trust_store
from packseal.core.catalog.records import to_ms
from packseal.core.ledger import report as R
from packseal.core.ledger.canonical import parse_utc_stamp
from packseal.gui import formatting
from packseal.gui.library.ledger_entry import LedgerEntryView
from packseal.gui.tasks import TaskRunner

OK_COLOUR = "#2e7d32"
FAILED_COLOUR = "#c62828"
NEUTRAL_COLOUR = "#555555"

_LONG_HEX = re.compile(r"\b[0-9a-f]{32,}\b")

# States of the panel.
EMPTY, CHECKING, VERIFIED, FAILED, DELETED, UNSEALED = (
    "empty", "checking", "verified", "failed", "deleted", "unsealed")


class SealPanel(QWidget):
    """Shows one clip's seal; :attr:`verified` reports each verification's outcome."""

    verified = Signal(int, bool)   # clip id, True when nothing was wrong

    def __init__(self, services: Services, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self._record: ClipRecord | None = None
        self._path: Path | None = None
        self._state = EMPTY
        self._report: VerifyReport | None = None
        self._error = ""
        self._checked_at: datetime | None = None
        self._entry: Entry | None = None
        self._entry_error = ""
        self._ticket = 0  # answers about an earlier clip (or an earlier check) are dropped

        self.title = QLabel(self)
        self.status = QLabel(self)
        font = self.status.font()
        font.setPixelSize(max(16, font.pixelSize() + 4) if font.pixelSize() > 0 else 18)
        font.setBold(True)
        self.status.setFont(font)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verify_button = QPushButton(self)
        self.verify_button.clicked.connect(self.verify_now)
        self.key_label = QLabel(self)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.entry_label = QLabel(self)
        self.entry_view = LedgerEntryView(self)

        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.verify_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(self.details)
        layout.addWidget(self.key_label)
        layout.addWidget(self.entry_label)
        layout.addWidget(self.entry_view, 1)
        self.retranslate()

    # -- public API ------------------------------------------------------------------
    @property
    def state(self) -> str:
        """One of "empty", "checking", "verified", "failed", "deleted", "unsealed"."""
        return self._state

    @property
    def report(self) -> VerifyReport | None:
        """The last verification's full report (None before one finished)."""
        return self._report

    @property
    def entry(self) -> Entry | None:
        """The clip's ledger entry, once read."""
        return self._entry

    def show_clip(self, record: ClipRecord, path: Path, *, verify: bool = True) -> None:
        """Show ``record``'s seal; verify the file at ``path`` unless ``verify`` is False."""
        self._ticket += 1
        self._record, self._path = record, path
        self._report, self._error, self._checked_at = None, "", None
        self._entry, self._entry_error = None, ""
        if record.deleted:
            self._state = DELETED
        elif record.ledger_seq is None:
            self._state = UNSEALED
        else:
            self._state = EMPTY
        self._load_entry()
        if verify and self._state == EMPTY:
            self.verify_now()
        else:
            self._render()

    def clear(self) -> None:
        self._ticket += 1
        self._record = self._path = None
        self._state, self._report, self._entry, self._error, self._entry_error = EMPTY, None, None, "", ""
        self._render()

    def verify_now(self) -> None:
        """Hash the file again and check its seal and ledger entry (in the background)."""
        record, path = self._record, self._path
        if record is None or path is None or record.deleted:
            return
        self._ticket += 1
        ticket = self._ticket
        self._state = CHECKING
        self._render()
        roots = self._services.settings.tsa_roots  # and certifi's and $PACKSEAL_TSA_ROOTS
        self._runner.run(lambda: verify_clip(path, tsa_roots=trust_store(settings_roots=roots)),
                         label="verify clip",
                         on_success=lambda rep: self._verified(ticket, rep),
                         on_failure=lambda exc: self._verify_failed(ticket, exc))

    # -- background answers -------------------------------------------------------------
    def _load_entry(self) -> None:
        record = self._record
        if record is None or record.ledger_seq is None:
            return
        seq, ledger = record.ledger_seq, self._services.ledger

        def arrived(entry: Entry) -> None:
            if self._record is record:
                self._entry = entry
                self._render()

        def failed(exc: BaseException) -> None:
            if self._record is record:
                self._entry_error = str(exc)
                self._render()

        self._runner.run(lambda: ledger.entry(seq), on_success=arrived, on_failure=failed,
                         label="read ledger entry")

    def _verified(self, ticket: int, report: VerifyReport) -> None:
        if ticket != self._ticket or self._record is None:
            return
        self._report, self._error = report, ""
        self._checked_at = datetime.now().astimezone()
        self._state = VERIFIED if report.ok else FAILED
        self._render()
        assert self._record.id is not None
        self.verified.emit(self._record.id, report.ok)

    def _verify_failed(self, ticket: int, exc: BaseException) -> None:
        if ticket != self._ticket or self._record is None:
            return
        self._report = None
        self._error = str(exc) if isinstance(exc, PackSealError) else f"{type(exc).__name__}: {exc}"
        self._checked_at = datetime.now().astimezone()
        self._state = FAILED
        self._render()
        assert self._record.id is not None
        self.verified.emit(self._record.id, False)

    # -- showing ---------------------------------------------------------------------
    def _render(self) -> None:
        record = self._record
        self.verify_button.setEnabled(record is not None and not record.deleted
                                      and record.ledger_seq is not None and self._state != CHECKING)
        self.title.setText(self.tr("Seal of {order}").format(order=record.order_id) if record else
                           self.tr("Seal"))
        colour, status, details = NEUTRAL_COLOUR, "", ""
        if record is None:
            details = self.tr("Select a clip to see its seal.")
        elif self._state == CHECKING:
            status = self.tr("Checking…")
            details = self.tr("Hashing the file and checking its seal against the ledger.")
        elif self._state == VERIFIED:
            colour, status = OK_COLOUR, "✓ " + self.tr("Verified")
            details = self._verified_text()
        elif self._state == FAILED:
            colour, status = FAILED_COLOUR, "✗ " + self.tr("Verification failed")
            details = self._failed_text()
        elif self._state == DELETED:
            status = self.tr("File deleted")
            details = deleted_text(record)
        elif self._state == UNSEALED:
            status = self.tr("Not sealed")
            details = self.tr("This clip has no ledger entry yet (it is still being recorded or "
                              "sealed, or sealing failed).")
        self.status.setText(status)
        self.status.setStyleSheet(f"color: {colour};")
        self.details.setText(details)
        self.details.setToolTip("\n".join(p.line() for p in self._report.problems + self._report.warnings)
                                if self._report is not None else "")
        self._render_entry()

    def _verified_text(self) -> str:
        report = self._report
        assert report is not None and self._record is not None
        lines = [self.tr("The file is exactly the one sealed: its SHA-256 hash, the signature and "
                         "ledger entry {seq} all match.").format(seq=self._record.ledger_seq)]
        anchor = getattr(report.subject, "anchor", None)
        if anchor is not None:
            lines.append(self.tr("It existed no later than {time}: a timestamp from {tsa}, an authority "
                                 "outside the shop, proves it.").format(
                time=formatting.local_time(to_ms(parse_utc_stamp(anchor.gen_time))), tsa=anchor.tsa))
        else:
            lines.append(self.tr("Its recording time is not yet proven by a trusted timestamp; until "
                                 "then it is only this station's clock."))
        for warning in report.warnings:
            lines.append("• " + self.problem_text(warning))
        if self._checked_at is not None:
            lines.append(self.tr("Checked at {time}.").format(time=self._checked_at.strftime("%H:%M:%S")))
        return "\n".join(lines)

    def _failed_text(self) -> str:
        if self._report is None:
            return self.tr("The check could not run: {error}").format(error=self._error)
        lines = ["• " + self.problem_text(p) for p in self._report.problems]
        lines += ["• " + self.problem_text(p) for p in self._report.warnings]
        if self._checked_at is not None:
            lines.append(self.tr("Checked at {time}.").format(time=self._checked_at.strftime("%H:%M:%S")))
        return "\n".join(lines)

    def _render_entry(self) -> None:
        entry = self._entry
        if entry is None:
            self.key_label.setText("")
            self.entry_view.set_entry(None, self._entry_error)
            return
        current = self._services.ledger.key_id
        which = self.tr("this station's current key") if entry.key == current else \
            self.tr("an earlier key of this station")
        try:
            fingerprint = self._services.ledger.public_key_of(entry.key).fingerprint
        except PackSealError:
            fingerprint = group_fingerprint(entry.key)
        self.key_label.setText(self.tr("Signed with key {fingerprint} ({which})").format(
            fingerprint=fingerprint, which=which))
        self.entry_view.set_entry(entry)

    def problem_text(self, problem: Problem) -> str:
        """A finding in the reader's language, with the verifier's exact detail after it."""
        reason = {
            R.FILE_HASH_MISMATCH: self.tr("The file's content changed after it was sealed"),
            R.FILE_SIZE_MISMATCH: self.tr("The file's size changed after it was sealed"),
            R.FILE_TRUNCATED: self.tr("The file was cut short after it was sealed"),
            R.FILE_REPLACED: self.tr("The file was replaced by another recording"),
            R.FILE_MISSING: self.tr("The clip file is missing"),
            R.SEAL_MISSING: self.tr("The seal file beside the clip is missing"),
            R.SEAL_INVALID: self.tr("The seal file is damaged or not a seal"),
            R.SEAL_ENTRY_MISMATCH: self.tr("The seal does not match the ledger's entry"),
            R.SEAL_KEY_MISMATCH: self.tr("The seal was signed with a key that is not the station's"),
            R.BAD_SIGNATURE: self.tr("The signature does not verify"),
            R.CHECKPOINT_ROOT_MISMATCH: self.tr("The ledger was changed before a signed checkpoint"),
            R.NOT_CHECKPOINTED: self.tr("Not yet covered by a signed checkpoint (one is made every "
                                        "few minutes and at shutdown)"),
            R.CLIP_RENAMED: self.tr("The clip was renamed after sealing"),
        }.get(problem.code, problem.code)
        # Hashes in full would widen the panel past the window; the tooltip has them whole.
        return f"{reason} — {_LONG_HEX.sub(lambda m: m.group(0)[:12] + '…', problem.message)}"

    def retranslate(self) -> None:
        self.verify_button.setText(self.tr("Verify now"))
        self.verify_button.setToolTip(self.tr("Hash the file again and check its seal and ledger entry"))
        self.entry_label.setText(self.tr("Ledger entry"))
        self._render()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def deleted_text(record: ClipRecord) -> str:
    """The "existed, deleted on DATE by retention" text for a clip whose file is gone."""
    when = formatting.local_date(record.deleted_ms or 0)
    reason = (record.deleted_reason or "").strip()
    if not reason or "retention" in reason.lower():
        return QCoreApplication.translate(
            "SealPanel", "This clip existed: it was deleted on {date} by retention. Its ledger entry "
            "stays, so its recording and hash can still be proven (and its time, where a trusted "
            "timestamp covers it).").format(date=when)
    return QCoreApplication.translate(
        "SealPanel", "This clip existed: it was deleted on {date} ({reason}). Its ledger entry "
        "stays, so its recording and hash can still be proven (and its time, where a trusted "
        "timestamp covers it).").format(date=when, reason=reason)
