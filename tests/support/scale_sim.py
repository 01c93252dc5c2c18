"""A weighing scale on a pseudo-terminal, for the tests (POSIX only).

:class:`ScaleSimulator` opens a pty pair and writes lines in one of the
shipped formats at a chosen rate, like a scale in continuous-output mode.
The reader is pointed at :attr:`ScaleSimulator.path`, a symbolic link to the
pty's slave (as udev's /dev/serial/by-id links are), so that :meth:`unplug`
(both ends closed, the link removed: reads fail with EIO, as when a USB
cable is pulled) and :meth:`replug` (a new pty behind the same link) behave
like a real cable. Tests change the weight, the stable flag, or send
gibberish, partial lines or a flood.
"""

from __future__ import annotations

import errno
import os
import random
import threading
import tty
from pathlib import Path

FORMATS = ("st-us", "ohaus", "radwag", "sartorius-sbi", "mt-sics")


def scale_line(fmt: str, grams: int, stable: bool) -> str:
    """One line (without CR LF) as a scale of format ``fmt`` sends ``grams``."""
    sign = "-" if grams < 0 else "+"
    kg = f"{abs(grams) / 1000:.3f}"
    if fmt == "st-us":
        return f"{'ST' if stable else 'US'},GS,{sign}{kg:>8}kg"
    if fmt == "ohaus":
        return f"{grams:>10} g" + ("" if stable else " ?")
    if fmt == "radwag":
        return f"{' ' if stable else '?'} {'-' if grams < 0 else ' '}{kg:>9} kg "
    if fmt == "sartorius-sbi":
        return f"{sign if grams else ' '}  {abs(grams):>8} {'g  ' if stable else '   '}"
    if fmt == "mt-sics":
        return f"S {'S' if stable else 'D'} {grams:>10} g"
    raise ValueError(f"no such format {fmt!r}")


class ScaleSimulator:
    def __init__(self, folder: Path, fmt: str = "st-us", *, rate_hz: float = 20.0, grams: int = 0,
                 stable: bool = True) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"no such format {fmt!r}")
        self.path = Path(folder) / "ttyScale"
        self.fmt = fmt
        self.rate_hz = rate_hz
        self.grams = grams
        self.stable = stable
        self.mode = "lines"  # "lines", "gibberish", "flood", "quiet"
        self.lines_sent = 0
        self.received = b""  # what the reader sent to the scale (e.g. an init command)
        self._master: int | None = None
        self._slave: int | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -- the cable ---------------------------------------------------------------------------
    def start(self) -> "ScaleSimulator":
        self.replug()
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="scale-sim", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
        self.unplug()

    def unplug(self) -> None:
        """Close both ends of the pty and remove the link: the reader's next read fails."""
        with self._lock:
            for fd in (self._master, self._slave):
                if fd is not None:
                    os.close(fd)
            self._master = self._slave = None
            self.path.unlink(missing_ok=True)

    def replug(self) -> None:
        """A new pty behind :attr:`path` (the same name, as a re-plugged USB scale gets)."""
        with self._lock:
            master, slave = os.openpty()
            tty.setraw(slave)  # no echo, no line editing: bytes pass as they are, as on a serial line
            os.set_blocking(master, False)  # a full buffer drops lines, never blocks the scale
            self._master, self._slave = master, slave
            tmp = self.path.with_name(self.path.name + ".new")
            tmp.unlink(missing_ok=True)
            tmp.symlink_to(os.ttyname(slave))
            os.replace(tmp, self.path)

    @property
    def plugged(self) -> bool:
        return self._master is not None

    # -- what it sends -----------------------------------------------------------------------
    def set_weight(self, grams: int, stable: bool = True) -> None:
        self.grams, self.stable = grams, stable

    def set_mode(self, mode: str) -> None:
        """``lines``, ``gibberish``, ``flood`` or ``quiet``; nothing of the old mode is written after this returns."""
        with self._lock:
            self.mode = mode

    def send(self, data: bytes) -> None:
        """Write ``data`` as it is (partial lines, garbage)."""
        with self._lock:
            if self._master is not None:
                self._write(data)

    def _write(self, data: bytes) -> None:
        try:
            os.write(self._master, data)
        except BlockingIOError:
            pass  # nobody reads: the bytes are lost, as on a real line
        except OSError as exc:
            if exc.errno not in (errno.EIO, errno.EAGAIN):
                raise

    def _run(self) -> None:
        noise = random.Random(14)
        while not self._stop.wait(1 / self.rate_hz if self.mode != "flood" else 0.001):
            with self._lock:
                if self._master is None:
                    continue
                self._read_commands()
                if self.mode == "lines":
                    self._write((scale_line(self.fmt, self.grams, self.stable) + "\r\n").encode("ascii"))
                    self.lines_sent += 1
                elif self.mode == "gibberish":  # what a wrong baud rate looks like: high bytes, rare line ends
                    self._write(bytes(noise.choice(range(0x80, 0x100)) for _ in range(24)))
                elif self.mode == "flood":
                    line = (scale_line(self.fmt, self.grams, self.stable) + "\r\n").encode("ascii")
                    self._write(line * 200)
                    self.lines_sent += 200

    def _read_commands(self) -> None:
        try:
            self.received += os.read(self._master, 4096)
        except (BlockingIOError, OSError):
            pass
