"""Reading a scale on a serial (or USB-serial) port in a thread of its own.

The reader opens the port, sends the pattern's ``init`` text if it has one,
and reads lines; every line the pattern reads becomes the latest reading. A
port that fails (the USB cable pulled: the read raises) is closed and opened
again every second or so until it answers; an open port that gives no
readable line for :data:`SILENT_S` seconds counts as lost too, and the reason
says what came instead (nothing, bytes that are not text — usually a wrong
baud rate —, or text the pattern does not read). Each outage is published
once as :class:`ScaleLost`, its end as :class:`ScaleBack`; nothing here ever
raises into the recording.

:meth:`ScaleReader.stable_weight_g` is the weight sealed when an order
stops: the latest *stable* reading, if it is at most
:data:`STABLE_MAX_AGE_S` seconds old, else None.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable

import serial

from packseal.core.scale.events import (DISCONNECTED, GARBLED, SILENT, UNMATCHED, ScaleBack, ScaleLost,
                                        ScaleReading)
from packseal.core.scale.patterns import MAX_LINE, LineParser, LinePattern, Reading

log = logging.getLogger(__name__)

STABLE_MAX_AGE_S = 5.0  # a stable reading older than this is not the weight at stop
SILENT_S = 3.0  # no readable line for this long: the scale is lost (continuous output sends 5-20 a second)
PUBLISH_MIN_S = 0.1  # readings published at most ten a second ...
PUBLISH_MAX_S = 1.0  # ... and at least once a second while they arrive
RETRY_S = (0.5, 1.0, 2.0)  # waits between attempts to open the port again
LINES_PER_READ = 50  # a flood: only the newest lines of one read are parsed
_READ_TIMEOUT_S = 0.2


@dataclass(frozen=True)
class SerialConfig:
    """Where the scale is and how it talks."""

    port: str  # /dev/ttyUSB0, COM3, or a pyserial URL (rfc2217://host:port, socket://host:port)
    baud: int = 9600
    bytesize: int = 8
    parity: str = "N"  # N, E, O
    stopbits: float = 1


@dataclass
class ScaleStatus:
    """What the reader knows now (for the settings' live test and the status command)."""

    port: str
    state: str  # "connecting", "ok" or "lost"
    reason: str = ""  # when lost: events.DISCONNECTED, SILENT, GARBLED, UNMATCHED
    message: str = ""
    latest: Reading | None = None
    lines: int = 0  # complete lines received
    readings: int = 0  # lines the pattern read
    garbled: int = 0  # lines that were not text (or longer than any reading)
    unmatched: int = 0  # text lines the pattern did not read
    skipped: int = 0  # lines not parsed because newer ones came in the same read (a flood)
    last_line: str = ""  # the newest line received (escaped)
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        out = {k: v for k, v in vars(self).items() if k not in ("latest", "errors")}
        out["grams"] = self.latest.grams if self.latest else None
        out["stable"] = self.latest.stable if self.latest else None
        return out


class ScaleReader:
    """Reads one scale; ``publish`` gets ScaleReading / ScaleLost / ScaleBack (from the reader's thread)."""

    def __init__(self, config: SerialConfig, pattern: LinePattern,
                 publish: Callable[[object], None] | None = None, *, silent_s: float = SILENT_S,
                 stable_max_age_s: float = STABLE_MAX_AGE_S, clock: Callable[[], float] = time.monotonic) -> None:
        self.config = config
        self.pattern = pattern
        self._parser = LineParser(pattern)
        self._publish = publish or (lambda event: None)
        self.silent_s = silent_s
        self.stable_max_age_s = stable_max_age_s
        self._clock = clock
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._port: serial.SerialBase | None = None
        self._status = ScaleStatus(port=config.port, state="connecting")
        self._latest: tuple[Reading, float] | None = None
        self._stable: tuple[Reading, float] | None = None
        self._published: tuple[int, bool] | None = None
        self._published_at = -1e9
        self._good_at = 0.0  # when the last readable line came (or the port was opened)
        self._lost_reported = False

    # -- life -------------------------------------------------------------------------------
    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"scale-{self.config.port}", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout)
        self._close()

    # -- what the station asks --------------------------------------------------------------
    def latest(self) -> Reading | None:
        """The newest reading, stable or not (None before the first, or while the scale is lost)."""
        with self._lock:
            return self._latest[0] if self._latest and self._status.state == "ok" else None

    def stable_weight_g(self) -> int | None:
        """The latest stable reading in grams if it is at most ``stable_max_age_s`` old, else None."""
        with self._lock:
            if self._stable is None:
                return None
            reading, at = self._stable
        return reading.grams if self._clock() - at <= self.stable_max_age_s else None

    def announce(self) -> None:
        """Publish the state now (a lost scale again), for windows that connected after it was said."""
        with self._lock:
            st = self._status
            lost = st.state == "lost"
            sample = st.last_line if st.reason in (GARBLED, UNMATCHED) else ""
            event = ScaleLost(self.config.port, st.reason, st.message, sample) if lost else None
        if event is not None:
            self._publish(event)

    def status(self) -> ScaleStatus:
        with self._lock:
            s = self._status
            return ScaleStatus(**{**vars(s), "errors": list(s.errors)})

    # -- the thread ----------------------------------------------------------------------------
    def _run(self) -> None:
        attempt = 0
        pending = b""
        while not self._stop.is_set():
            port = self._port
            if port is None:
                if not self._open():
                    self._stop.wait(RETRY_S[min(attempt, len(RETRY_S) - 1)])
                    attempt += 1
                    continue
                attempt, pending = 0, b""
                continue
            try:
                chunk = port.read(max(1, min(port.in_waiting, 65536)))
            except (serial.SerialException, OSError, TypeError, AttributeError) as exc:
                # TypeError/AttributeError: pyserial reading a port closed under it by stop()
                if self._stop.is_set():
                    break
                self._close()
                log.info("reading the scale on %s failed: %s", self.config.port, exc)
                self._lose(DISCONNECTED, f"The scale on {self.config.port} stopped answering (unplugged or "
                                         "switched off); reconnecting.")
                continue
            pending = self._take(pending + chunk)
            self._check(self._clock())

    def _open(self) -> bool:
        c = self.config
        try:
            plain = "://" not in c.port
            port = serial.serial_for_url(c.port, do_not_open=True, baudrate=c.baud, bytesize=c.bytesize,
                                         parity=c.parity, stopbits=c.stopbits, timeout=_READ_TIMEOUT_S,
                                         **({"exclusive": True} if plain else {}))
            port.open()
        except (serial.SerialException, OSError, ValueError) as exc:
            # flock refused (POSIX), the device busy, or Windows' "access is denied" for a COM port in use
            busy = any(word in str(exc).lower() for word in ("lock", "busy", "access is denied"))
            why = (f"The scale's port {c.port} is in use by another program." if busy
                   else f"The scale's port {c.port} cannot be opened ({exc}).")
            self._lose(DISCONNECTED, why)
            return False
        try:
            if self.pattern.init:
                port.write(self.pattern.init.encode("ascii"))
        except (serial.SerialException, OSError) as exc:
            log.warning("could not send %r to the scale on %s: %s", self.pattern.init, c.port, exc)
        with self._lock:
            self._port = port
            if self._status.state == "connecting" or self._lost_reported:
                self._status.message = f"{c.port} open, waiting for readings"
        self._good_at = self._clock()
        log.info("scale port %s open (%d baud, %d%s%g, format %s)", c.port, c.baud, c.bytesize, c.parity,
                 c.stopbits, self.pattern.key)
        return True

    def _close(self) -> None:
        with self._lock:
            port, self._port = self._port, None
        if port is not None:
            try:
                port.close()
            except (serial.SerialException, OSError):
                pass

    def _take(self, data: bytes) -> bytes:
        """Handle the complete lines in ``data``; return the unfinished rest."""
        parts = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
        rest = parts.pop()
        lines = [p for p in parts if p.strip(b" \t\x00\x02\x03")]
        if len(rest) > 2 * MAX_LINE:  # no line end in sight: noise, or a wrong baud rate
            lines.append(rest)
            rest = b""
        if not lines:
            return rest
        skipped = max(0, len(lines) - LINES_PER_READ)
        now = self._clock()
        with self._lock:
            self._status.lines += len(lines)
            self._status.skipped += skipped
        for raw in lines[skipped:]:
            self._line(raw, now)
        return rest

    def _line(self, raw: bytes, now: float) -> None:
        text = raw.strip(b"\x00\x02\x03").decode("ascii", errors="replace")
        shown = _escaped(text)
        is_text = len(raw) <= MAX_LINE and all(c.isprintable() or c == "\t" for c in text)
        reading = self._parser.parse(text) if is_text else None
        with self._lock:
            st = self._status
            st.last_line = shown
            if reading is None:
                if is_text:
                    st.unmatched += 1
                else:
                    st.garbled += 1
                return
            st.readings += 1
            st.latest = reading
            self._latest = (reading, now)
            if reading.stable:
                self._stable = (reading, now)
            self._good_at = now
            was_lost, self._lost_reported = self._lost_reported, False
            st.state, st.reason, st.message = "ok", "", f"{self.config.port}: readings arrive"
        if was_lost:
            log.info("scale on %s is back", self.config.port)
            self._publish(ScaleBack(self.config.port))

    def _check(self, now: float) -> None:
        """Publish the latest reading when due; declare the scale lost after a silence."""
        with self._lock:
            st = self._status
            latest = self._latest
            open_ = self._port is not None
            counts = (st.garbled, st.unmatched)
        if open_ and now - self._good_at > self.silent_s:
            garbled, unmatched = counts
            if garbled > unmatched:
                self._lose(GARBLED, f"The scale on {self.config.port} sends bytes that are not text: check "
                                    f"the baud rate ({self.config.baud}) and the data bits, parity and stop bits.")
            elif unmatched:
                self._lose(UNMATCHED, f"The scale on {self.config.port} sends lines the format "
                                      f"{self.pattern.key!r} does not read; check the line format.")
            else:
                self._lose(SILENT, f"The scale on {self.config.port} has sent nothing for "
                                   f"{self.silent_s:g} s; is it on and set to continuous output?")
            with self._lock:  # the counts start again for the next verdict
                st.garbled = st.unmatched = 0
            self._good_at = now
            return
        if latest is None or self._lost_reported:
            return
        reading, _ = latest
        key = (reading.grams, reading.stable)
        since = now - self._published_at
        if (key != self._published and since >= PUBLISH_MIN_S) or since >= PUBLISH_MAX_S:
            self._published, self._published_at = key, now
            self._publish(ScaleReading(reading.grams, reading.stable, reading.unit, self.config.port))

    def _lose(self, reason: str, message: str) -> None:
        with self._lock:
            st = self._status
            first = not self._lost_reported
            st.state, st.reason, st.message = "lost", reason, message
            self._lost_reported = True
            self._latest = None
            self._published = None
            sample = st.last_line if reason in (GARBLED, UNMATCHED) else ""
            if first:
                st.errors = (st.errors + [message])[-10:]
        if first:
            log.warning("%s", message)
            self._publish(ScaleLost(self.config.port, reason, message, sample))


def _escaped(text: str) -> str:
    """A line as the owner may see it: printable characters as they are, others escaped."""
    shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text[:80])
    return shown + ("…" if len(text) > 80 else "")
