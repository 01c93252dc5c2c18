"""The station page's bench: the order's items, the questions before and at the end of an order,
the packer, the returns mode, the notes read aloud — from the recorder's bench events and the
packer's keys.

:class:`BenchSide` belongs to the :class:`~packseal.gui.station.page.StationPage`
and shares its view, controller and sounds. Nothing here decides anything:
the recorder does (core/recording/bench.py); this shows, sounds, and sends the
packer's answers back.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, Signal

from packseal.core.packing.check import CONFIRMED, ITEM, RETURN, CheckState, ScanLine
from packseal.core.packing.events import BenchState, StopAsked, WarningAsked, WeightOutside
from packseal.core.remote.protocol import Snapshot
from packseal.gui.problem_texts import Message
from packseal.gui.station.controller import StationController
from packseal.gui.station.sounds import SoundCues
from packseal.gui.station.speech import NoteReader
from packseal.gui.station.view import StationView

log = logging.getLogger(__name__)


class BenchSide(QObject):
    note = Signal(str, int)          # a passing line for the status bar
    clip_wanted = Signal(str)        # open the earlier clip of this code (the library)
    returns_mode_shown = Signal(bool)
    alert = Signal(str, object)      # key, Message factory (non-blocking, dismissable)

    def __init__(self, view: StationView, controller: StationController, sounds: SoundCues, bridge,
                 typed_alone, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view, self.controller, self.sounds = view, controller, sounds
        self.reader = NoteReader(self)
        self.returns_mode = False
        self.packer = ""
        for bar in (view.warning_bar, view.stop_bar, view.cancel_bar):
            bar.typed_alone = typed_alone
        bridge.check_updated.connect(self.show_check)
        bridge.warning_asked.connect(self._warning_asked)
        bridge.warning_answered.connect(self._warning_answered)
        bridge.stop_asked.connect(self._stop_asked)
        bridge.stop_answered.connect(self._stop_answered)
        bridge.packer_signed_in.connect(self._packer_signed_in)
        bridge.returns_mode_changed.connect(self._returns_mode_changed)
        bridge.weight_outside.connect(self._weight_outside)
        view.warning_bar.confirmed.connect(lambda code: self.controller.answer("confirm_warning", code=code))
        view.warning_bar.dropped.connect(self._drop)
        view.stop_bar.stop_confirmed.connect(lambda order: self.controller.answer("confirm_stop", order_id=order))
        view.stop_bar.go_on.connect(lambda order: self.controller.answer("continue_order", order_id=order))
        view.link_bar.linked.connect(self._link)

    # -- the packer's keys ----------------------------------------------------------------
    def toggle_returns_mode(self) -> None:
        """F6 (or the toolbar): returns mode on or off; the recorder says when it changed."""
        self.controller.answer("set_returns_mode", on=not self.returns_mode)

    def read_notes(self) -> None:
        """F7: the order's notes, fresh from the order data, read aloud where a voice exists."""
        state = self.view.order_panel.state
        if state is None:
            self.note.emit(self.tr("No order is shown: no notes to read."), 5000)
            return
        self.controller.answer("order_notes", code=state.order_id or state.code, on_done=self._speak)

    def open_prior_clip(self) -> None:
        """F2 while a duplicate waybill is asked about: show the earlier clip in the library."""
        asked = self.view.warning_bar.asked if self.view.warning_bar.asking else None
        if asked is None or asked.prior is None:
            self.note.emit(self.tr("F2 opens the earlier clip of a waybill recorded before; none is asked about."),
                           5000)
            return
        self.clip_wanted.emit(asked.prior.order_id)

    def ask_link(self) -> None:
        """F4: type or scan the shipment's order ID of the return being recorded."""
        state = self.view.order_panel.state
        if state is None or state.kind != RETURN or state.finished:
            self.note.emit(self.tr("F4 links a return being recorded to its original order; none is recording."),
                           5000)
            return
        self.view.link_bar.ask(state.code)

    # -- the recorder's events -----------------------------------------------------------
    def show_check(self, state: CheckState, scan: ScanLine | None = None) -> None:
        panel = self.view.order_panel
        known = bool(state.order_id) or state.kind == RETURN
        if not known and (state.finished or not state.warnings):
            # Nothing known of this order (or only a warning, and the order is over): the station
            # looks as it always did.
            panel.clear()
            return
        was_missing = panel.state.missing if panel.state is not None and panel.state.code == state.code else None
        panel.show_check(state, scan)
        if scan is not None:
            if scan.result == ITEM:
                self.sounds.play("done" if state.checked and state.missing == 0 and was_missing else "tick")
            else:
                self.sounds.play("error")
        if state.needs_link and not state.finished and not self.view.link_bar.isVisible():
            self.view.link_bar.ask(state.code)
        elif self.view.link_bar.code == state.code and (state.finished or not state.needs_link):
            self.view.link_bar.close_bar()

    def _warning_asked(self, asked: WarningAsked) -> None:
        self.view.warning_bar.ask(asked)
        self.sounds.play("alert")

    def _warning_answered(self, code: str, decision: str) -> None:
        bar = self.view.warning_bar
        if bar.asked is not None and bar.asked.code == code:
            bar.dismiss()
        if decision == CONFIRMED:
            self.note.emit(self.tr("{code}: recorded with the warning confirmed.").format(code=code), 6000)
        else:
            self.note.emit(self.tr("{code}: dropped, nothing recorded. The decision is sealed.").format(code=code),
                           8000)

    def _stop_asked(self, asked: StopAsked) -> None:
        self.view.stop_bar.ask(asked)
        self.sounds.play("error")

    def _stop_answered(self, order_id: str, stopped: bool) -> None:
        bar = self.view.stop_bar
        if bar.asked is not None and bar.asked.order_id == order_id:
            bar.dismiss()

    def _packer_signed_in(self, badge: str) -> None:
        self.packer = badge
        self.view.show_packer(badge)
        self.sounds.play("tick")
        self.note.emit(self.tr("Packer {badge} signed in.").format(badge=badge), 6000)

    def _returns_mode_changed(self, on: bool) -> None:
        self.returns_mode = on
        self.view.show_returns_mode(on)
        self.returns_mode_shown.emit(on)

    def _weight_outside(self, ev: WeightOutside) -> None:
        def message() -> Message:
            return Message(
                QCoreApplication.translate("Bench", "Weight check: order {order} weighed {weight} g").format(
                    order=ev.order_id, weight=ev.weight_g),
                QCoreApplication.translate("Bench", "Expected {expected} g ± {tolerance} g. Check the parcel's "
                                                    "contents before it leaves.").format(
                    expected=ev.expected_g, tolerance=ev.tolerance_g))
        self.alert.emit(f"weight-{ev.order_id}", message)

    def restore(self, snapshot: Snapshot) -> None:
        """A window that (re)connects shows the bench as the recorder has it now."""
        bench = snapshot.bench if isinstance(snapshot.bench, BenchState) else BenchState()
        self._returns_mode_changed(bench.returns_mode)
        self.packer = bench.packer
        self.view.show_packer(bench.packer)
        if bench.check is not None:
            self.show_check(bench.check)
        else:
            self.view.order_panel.clear()
        if bench.asking is not None:
            self.view.warning_bar.ask(bench.asking)
        else:
            self.view.warning_bar.dismiss()
        if bench.stop_asked is not None:
            self.view.stop_bar.ask(bench.stop_asked)
        else:
            self.view.stop_bar.dismiss()

    # -- answers -------------------------------------------------------------------------
    def _drop(self, code: str) -> None:
        self.controller.answer("drop_warning", code=code)

    def _link(self, code: str, order_id: str) -> None:
        def done(state) -> None:
            if state is None:
                self.note.emit(self.tr("{code} is no longer recording; nothing was linked.").format(code=code), 6000)
                return
            self.view.link_bar.close_bar()
            self.show_check(state)
        self.controller.answer("link_order", on_done=done, on_failure=self._link_failed, code=code, order_id=order_id)

    def _link_failed(self, exc: BaseException) -> None:
        self.note.emit(self.tr("Not linked: {why}").format(why=exc), 8000)
        self.sounds.play("error")

    def _speak(self, notes: tuple[str, str]) -> None:
        buyer, seller = notes
        parts = []
        if buyer:
            parts.append(self.tr("Buyer's note: {note}").format(note=buyer))
        if seller:
            parts.append(self.tr("Seller's note: {note}").format(note=seller))
        if not parts:
            self.note.emit(self.tr("This order has no notes."), 5000)
            return
        language = "zh_CN" if any("\u4e00" <= c <= "\u9fff" for c in "".join(parts)) else ""
        if self.reader.say("\n".join(parts), language):
            self.note.emit(self.tr("Reading the notes aloud…"), 5000)
            return
        if self.reader.problem == "no-engine":
            why = self.tr("This computer has no speech engine, so the notes cannot be read aloud; they are "
                          "shown on screen.")
        else:
            why = self.tr("This computer's speech engine has no voice, so the notes cannot be read aloud; they "
                          "are shown on screen.")
        self.note.emit(why, 10_000)
        self.sounds.play("error")
