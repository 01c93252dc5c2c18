"""What a scale's line means: line patterns, units, and readings in whole grams.

A scale in continuous-output mode sends one line per reading (10–20 a
second), such as ``ST,GS,+  1.234kg``. A :class:`LinePattern` is a regular
expression with named groups:

``weight`` (required)
    the number, possibly with a sign and blanks (``+  1.234``, ``- 12.5``);
``sign`` (optional)
    a separate sign field (``-`` negative, anything else positive);
``unit`` (optional)
    ``g``, ``kg``, ``lb`` or ``oz`` in any letter case; when the line has no
    unit, the last unit seen is used, else the pattern's ``default_unit``;
``flag`` (optional)
    the stability field; the reading is stable when the flag's text fully
    matches the pattern's ``stable`` expression (a pattern without a flag
    group reports every reading as stable).

The shipped patterns are written from the makers' published manuals (see
``source`` of each, and docs/SCALES.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation, ROUND_HALF_UP

from packseal.core.errors import BadInputError

#: Grams in one unit (the pound and the avoirdupois ounce are exact by definition).
GRAMS_PER_UNIT = {"g": Decimal(1), "kg": Decimal(1000), "lb": Decimal("453.59237"),
                  "oz": Decimal("28.349523125")}

CUSTOM = "custom"
MAX_LINE = 200  # characters; a longer "line" is noise (or a wrong baud rate), never a reading
_WEIGHT_RE = re.compile(r"[+-]?\d+(?:[.,]\d+)?|[+-]?[.,]\d+")


@dataclass(frozen=True)
class Reading:
    """One weight the scale reported, in whole grams (rounded half up)."""

    grams: int
    stable: bool
    unit: str  # the unit the scale sent the weight in (g, kg, lb, oz)


@dataclass(frozen=True)
class LinePattern:
    key: str
    title: str  # how the settings list it (the makers' names are not translated)
    regex: str
    stable: str = ""  # the flag group's text for a stable reading (full match)
    default_unit: str = "g"
    init: str = ""  # sent to the scale once the port is open (asks for continuous output)
    source: str = ""  # where the format is documented
    examples: tuple[str, ...] = field(default=())  # lines the format sends (the tests parse them)

    def compiled(self) -> re.Pattern[str]:
        return _compile(self.regex, self.stable, self.default_unit)


SHIPPED: tuple[LinePattern, ...] = (
    LinePattern(
        key="st-us",
        title="ST/US header: ST,GS,+  1.234kg (A&D and other indicators)",
        regex=r"^\s*(?P<flag>ST|US|OL|QT),(?:(?:GS|NT|TR|PT|G |N |T |LO|OK|HI|--)\s*,)?"
              r"\s*(?P<weight>[+-]?\s*[\d.,]+)\s*(?P<unit>kg|g|lb|oz)\s*$",
        stable="ST", default_unit="kg",
        source="A&D GC series manual §16.2 'A&D standard format' (ST/US/OL header, +0001.234 kg); "
               "A&D AD-4329A manual §11.1.1/§12.1.2 (second header GS/NT/TR/PT); Selleton SL-7516 "
               "manual p.16 'Continuous sending mode' (ST/US/OL, GS/NT, sign, weight, kg|lb); "
               "Tiger TI-02-P manual §7.1 'Auto weight format string' (US/ST, NT/GS, kg|lb|oz|g)",
        examples=("ST,GS,+  1.234kg", "US,GS,+  1.236kg", "ST,NT,-  0.050kg", "ST,+0001.234 kg",
                  "US,-00183.96  g", "ST,G ,+01234.5kg", "ST,GS,   850 g", "ST,GS,+  2.50lb")),
    LinePattern(
        key="ohaus",
        title="Ohaus: 192.21 g ?",
        regex=r"^\s*(?P<weight>-?\s*[\d.]+)\s+(?P<unit>kg|g|lb|oz)(?:\s+(?P<flag>\?))?(?:\s.*)?$",
        stable="", default_unit="g",
        source="Ohaus Explorer instruction manual p. EN-156 (weight, unit, '?' when unstable, legend); "
               "Ohaus RS232 interface manual p. EN-3 (output formats 1 and 2)",
        examples=("    192.21 g", "      0.01 g ?", "   0.211 kg ?", "       200 g  ", "  0.4500 oz",
                  "    176.30 g ?   00:00:15")),
    LinePattern(
        key="radwag",
        title="Radwag: ?  -   12.345 g",
        regex=r"^(?P<flag>[ ?^v]) (?P<sign>[ -])\s*(?P<weight>[\d.]+) (?P<unit>kg|g|lb|oz)\s*$",
        stable=" ", default_unit="g",
        source="Radwag AS R2 PLUS user manual §14.2 and ASPSR user manual §13.2 (stability marker "
               "' ' / '?', sign, mass right-justified, unit left-justified)",
        examples=("    1234.5 g  ", "?   1234.6 g  ", "  -   12.345 kg ", "? -    0.500 kg ")),
    LinePattern(
        key="sartorius-sbi",
        title="Sartorius SBI: +  1255.7 g",
        regex=r"^\s*(?:[A-Za-z][A-Za-z0-9 ]{5})?(?P<sign>[+\- ])\s*(?P<weight>[\d.]+)\s*"
              r"(?P<flag>(?P<unit>kg|g|lb|oz)?)\s*$",
        stable=r".+", default_unit="g",
        source="Sartorius FB / LE / GC803S manuals 'Data output format with 16/22 characters' "
               "(sign, weight, unit symbol or space; 6-character ID code before it in the "
               "22-character format). The unit is blank while the display shows no unit, which "
               "PackSeal reads as not stable",
        examples=("+    1255.7 g  ", "+    123.56 g  ", "-      0.05 kg ", "+    1255.9    ",
                  "N     +  123.56 g  ")),
    LinePattern(
        key="mt-sics",
        title="Mettler Toledo MT-SICS: S S      1.234 kg",
        regex=r"^\s*S\s+(?P<flag>[SD])\s+(?P<weight>-?\s*[\d.]+)\s*(?P<unit>kg|g|lb|oz)\s*$",
        stable="S", default_unit="g", init="SIR\r\n",
        source="Mettler Toledo MT-SICS reference manual, commands SI/SIR ('S S' stable, 'S D' "
               "dynamic); SIR asks for a reading after every measurement cycle. As used by the "
               "mettler_toledo_device package (PyPI): 'S' stable, 'D' dynamic",
        examples=("S S      1.234 kg", "S D      1.236 kg", "S S     100.00 g", "S D    -0.6800 g")),
)


def shipped(key: str) -> LinePattern:
    """The shipped pattern ``key``; raises BadInputError naming the known ones."""
    for pattern in SHIPPED:
        if pattern.key == key:
            return pattern
    raise BadInputError(f"Unknown scale line format {key!r}; use one of "
                        f"{', '.join(p.key for p in SHIPPED)} or {CUSTOM!r}.")


def custom_pattern(regex: str, stable: str = "", default_unit: str = "g") -> LinePattern:
    """A pattern the owner wrote; raises BadInputError saying what is wrong with it."""
    pattern = LinePattern(key=CUSTOM, title=CUSTOM, regex=regex, stable=stable, default_unit=default_unit)
    pattern.compiled()
    return pattern


def _compile(regex: str, stable: str, default_unit: str) -> re.Pattern[str]:
    if not isinstance(regex, str) or not regex.strip():
        raise BadInputError("The scale's line pattern is empty.")
    if len(regex) > 500:
        raise BadInputError("The scale's line pattern is longer than 500 characters.")
    try:
        compiled = re.compile(regex, re.IGNORECASE)
        re.compile(stable)
    except re.error as exc:
        raise BadInputError(f"The scale's line pattern is not a valid regular expression: {exc}.") from exc
    if "weight" not in compiled.groupindex:
        raise BadInputError("The scale's line pattern needs a group named weight: (?P<weight>...).")
    if default_unit not in GRAMS_PER_UNIT:
        raise BadInputError(f"The scale's default unit must be one of {', '.join(GRAMS_PER_UNIT)}.")
    return compiled


class LineParser:
    """Turns lines into readings with one pattern; remembers the last unit seen."""

    def __init__(self, pattern: LinePattern) -> None:
        self.pattern = pattern
        self._re = pattern.compiled()
        self._stable = re.compile(pattern.stable)
        self.last_unit = ""

    def parse(self, line: str) -> Reading | None:
        """The reading in ``line`` (CR/LF already removed), or None when it is not one."""
        if len(line) > MAX_LINE:
            return None
        m = self._re.match(line)
        if m is None:
            return None
        groups = m.groupdict()
        number = "".join((groups.get("weight") or "").split())
        if not _WEIGHT_RE.fullmatch(number):
            return None
        unit = (groups.get("unit") or "").strip().lower()
        if unit:
            if unit not in GRAMS_PER_UNIT:
                return None
            self.last_unit = unit
        else:
            unit = self.last_unit or self.pattern.default_unit
        try:
            value = Decimal(number.replace(",", "."))
        except InvalidOperation:
            return None
        if (groups.get("sign") or "").strip() == "-":
            value = -abs(value)
        flag = groups.get("flag")
        stable = True if "flag" not in self._re.groupindex else self._stable.fullmatch(flag or "") is not None
        return Reading(grams=to_grams(value, unit), stable=stable, unit=unit)


def to_grams(value: Decimal | float | int | str, unit: str) -> int:
    """``value`` in ``unit`` as whole grams, rounded half away from zero."""
    grams = Decimal(str(value)) * GRAMS_PER_UNIT[unit.lower()]
    return int(grams.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def format_grams(grams: int) -> str:
    """How a weight is shown: ``850 g`` under a kilogram, else ``1.234 kg`` (exact, no rounding)."""
    if abs(grams) < 1000:
        return f"{grams} g"
    sign = "-" if grams < 0 else ""
    kg, g = divmod(abs(grams), 1000)
    return f"{sign}{kg}.{g:03d} kg"
