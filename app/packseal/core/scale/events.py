"""Events a scale reader publishes (past tense; plain frozen dataclasses, so they pickle
and cross from the recorder process to the window like the recorder's own)."""

from __future__ import annotations

from dataclasses import dataclass

#: ScaleLost.reason values
DISCONNECTED = "disconnected"  # the port went away (unplugged) or could not be opened
SILENT = "silent"              # the port is open but nothing arrives
GARBLED = "garbled"            # bytes arrive but are not text: usually a wrong baud rate
UNMATCHED = "unmatched"        # text lines arrive that the line pattern does not read


@dataclass(frozen=True)
class ScaleReading:
    """The scale's weight now (published on a change, at most ten a second, and once a second)."""

    grams: int
    stable: bool
    unit: str  # the unit the scale sent (g, kg, lb, oz); grams is already converted
    port: str


@dataclass(frozen=True)
class ScaleLost:
    """The scale gives no weight any more (published once per outage). Recording goes on."""

    port: str
    reason: str  # DISCONNECTED, SILENT, GARBLED or UNMATCHED
    message: str  # an English sentence for the log and the CLI; the window words its own
    sample: str = ""  # the last line that could not be read (escaped), for the owner to see


@dataclass(frozen=True)
class ScaleBack:
    """Readings arrive again after a ScaleLost."""

    port: str
