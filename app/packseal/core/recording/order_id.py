"""Order and waybill IDs: what a scan may start a recording with.

A scan arrives from a barcode scanner acting as a keyboard (usually followed
by CR or LF) or is typed by hand. The ID ends up in file names, in the burned-in
overlay, in ledger entries and in the catalog, so it is checked here once:
no control characters, no path pieces, printable ASCII only, and it must look
like an order or waybill number of a known shape.

:class:`OrderIdPolicy` holds the shapes as data (:data:`DEFAULT_PATTERNS`);
a shop with its own numbering can pass its own list. :func:`safe_file_stem`
turns any ID into a string that is safe as a file name on every platform.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from packseal.core.errors import BadInputError

#: Longest input accepted at all. Real waybill and order numbers stay under 40
#: characters; anything longer is a mis-scan (a QR code with a URL, two codes
#: run together) rather than an order.
MAX_LENGTH = 64


@dataclass(frozen=True)
class OrderPattern:
    """One accepted shape of ID: ``regex`` must match the whole ID.

    ``name`` is reported as the ID's likely kind (``sf``, ``taobao``...). Put
    ``(?i)`` at the start of ``regex`` where the issuer ignores case.
    ``example`` is shown to the user when a scan matches no pattern.
    """

    name: str
    regex: str
    example: str = ""


# The table of shapes. Checked top to bottom; the first full match names the
# ID. Purely numeric carrier numbers overlap (a 13-digit number can be STO or
# Yunda depending on the prefix range a carrier happens to be issuing), so the
# name is a hint for the user, not a guarantee. Specific shapes go first, the
# catch-all "plain" last so that any sensible code is still accepted.
DEFAULT_PATTERNS: tuple[OrderPattern, ...] = (
    # SF Express (顺丰): "SF" + 13 digits today; some older labels carry 12.
    OrderPattern("sf", r"(?i)SF\d{12,13}", "SF1234567890123"),
    # JD Logistics (京东物流): JDVA/JDVB/JDVC... + 11-12 digits for JD's own
    # parcels, JDX + 12 digits for its open express service, JD + 13 digits
    # on older labels.
    OrderPattern("jd", r"(?i)JD(?:V[A-Z]?|X)?\d{11,15}", "JDVA12345678901"),
    # YTO Express (圆通): "YT" + 13 digits, newer ranges 15.
    OrderPattern("yto", r"(?i)YT\d{13,15}", "YT7012345678901"),
    # J&T Express (极兔): "JT" + 13 digits.
    OrderPattern("jt", r"(?i)JT\d{13}", "JT0001234567890"),
    # EMS / China Post international and registered mail, UPU S10 form:
    # 2 service letters, 8-digit serial, 1 check digit, country code CN.
    OrderPattern("ems-intl", r"(?i)[A-Z]{2}\d{9}CN", "EA123456789CN"),
    # Amazon order number: 3-7-7 digits.
    OrderPattern("amazon", r"\d{3}-\d{7}-\d{7}", "123-1234567-1234567"),
    # Pinduoduo (拼多多) order: date YYMMDD, dash, 15 digits.
    OrderPattern("pinduoduo", r"\d{6}-\d{15}", "230415-123456789012345"),
    # Taobao / Tmall (淘宝/天猫) order numbers: 16-19 digits (current ones are
    # 19). Douyin orders have the same shape and are named "taobao" too. No
    # carrier waybill below is longer than 15 digits, so they cannot collide.
    OrderPattern("taobao", r"\d{16,19}", "3412345678901234567"),
    # ZTO Express (中通): 12 or 14 digits starting 73/75/76/78/79.
    OrderPattern("zto", r"7[35689]\d{10}(?:\d{2})?", "731234567890"),
    # STO Express (申通): 12-15 digits on ranges 77, 88, 66, 55, 58, 99, 22,
    # and the 3-digit ranges 268/368/468/568/668/868/900 (15-digit 773... since 2019).
    OrderPattern(
        "sto",
        r"(?=\d{12,15}\Z)(?:77|88|66|55|58|99|22|[2-8]68|900)\d+",
        "773123456789012",
    ),
    # Yunda (韵达): 12-15 digits starting 31/33/35/39/43/46/50.
    OrderPattern("yunda", r"(?=\d{12,15}\Z)(?:31|33|35|39|43|46|50)\d+", "4312345678901"),
    # EMS domestic (中国邮政 EMS): 13 digits starting with 1.
    OrderPattern("ems", r"1\d{12}", "1012345678901"),
    # Shopee order SN: date YYMMDD then uppercase letters and digits, 12-16 in
    # all, at least one letter (so a plain number is not taken for one).
    OrderPattern("shopee", r"(?=[0-9A-Z]*[A-Z])\d{6}[0-9A-Z]{6,10}", "2304159ABCDEFG"),
    # Catch-all: 8-40 letters and digits; "-" and "_" allowed inside. Covers
    # shop-internal order numbers and carriers not listed above.
    OrderPattern("plain", r"[A-Za-z0-9](?:[A-Za-z0-9_-]{6,38}[A-Za-z0-9])", "ORDER-2024-000123"),
)

# What the "no match" message shows as examples when the policy is the default one.
_DEFAULT_EXAMPLE_NAMES = ("sf", "sto", "amazon", "plain")


@dataclass(frozen=True)
class ValidOrderId:
    """An ID that passed :meth:`OrderIdPolicy.validate`, with the name of the pattern it matched."""

    value: str
    pattern: str

    def __str__(self) -> str:
        return self.value


class InvalidOrderIdError(BadInputError):
    """A scanned or typed ID was refused.

    ``reason`` is a stable code a GUI can translate: ``not-text``, ``empty``,
    ``too-long``, ``control``, ``not-ascii``, ``path``, ``no-match``.
    """

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class OrderIdPolicy:
    """Validates scanned or typed order/waybill IDs against a list of patterns."""

    def __init__(self, patterns: Iterable[OrderPattern] | None = None) -> None:
        """Compile ``patterns`` (default :data:`DEFAULT_PATTERNS`).

        Raises :class:`BadInputError` naming the pattern when a regex does not
        compile, or when the list is empty.
        """
        chosen = tuple(DEFAULT_PATTERNS if patterns is None else patterns)
        if not chosen:
            raise BadInputError(
                "no order ID patterns given: every scan would be refused; "
                "give at least one pattern or leave the default list"
            )
        compiled: list[tuple[OrderPattern, re.Pattern[str]]] = []
        for pattern in chosen:
            try:
                compiled.append((pattern, re.compile(pattern.regex)))
            except (re.error, TypeError) as exc:
                raise BadInputError(
                    f"order ID pattern {pattern.name!r} has an invalid regular expression "
                    f"{pattern.regex!r}: {exc}; fix the pattern in the settings"
                ) from exc
        self._patterns = tuple(compiled)
        self._examples = self._pick_examples(chosen)

    @property
    def patterns(self) -> tuple[OrderPattern, ...]:
        """The patterns, in the order they are tried."""
        return tuple(p for p, _ in self._patterns)

    def validate(self, raw: str) -> ValidOrderId:
        """Return the cleaned ID and the name of the first pattern it fully matches.

        Surrounding spaces, tabs and the CR/LF a scanner sends after a code are
        removed; the case is kept as scanned. Raises
        :class:`InvalidOrderIdError` (a :class:`BadInputError`) saying what is
        wrong and what a valid code looks like.
        """
        if not isinstance(raw, str):
            raise InvalidOrderIdError(
                f"an order ID must be text, not {type(raw).__name__}", "not-text"
            )
        text = raw.strip(" \t\r\n")
        if not text:
            raise InvalidOrderIdError(
                "the order ID is empty: scan the waybill barcode or type the order number "
                f"(for example {self._examples})",
                "empty",
            )
        if len(text) > MAX_LENGTH:
            raise InvalidOrderIdError(
                f"the scanned code {show(text)} is too long to be an order ID "
                f"({len(text)} characters, at most {MAX_LENGTH}); it is probably not a "
                f"waybill barcode: scan the waybill number (for example {self._examples})",
                "too-long",
            )
        self._check_characters(text)
        for pattern, regex in self._patterns:
            if regex.fullmatch(text):
                return ValidOrderId(text, pattern.name)
        raise InvalidOrderIdError(
            f"{show(text)} is not a known order or waybill number format; "
            f"a valid code looks like {self._examples}",
            "no-match",
        )

    def _check_characters(self, text: str) -> None:
        """Refuse control characters, non-ASCII text and path pieces, naming the first found."""
        for position, ch in enumerate(text, start=1):
            if ch < " " or ch == "\x7f":
                raise InvalidOrderIdError(
                    f"the scanned code {show(text)} contains the control character "
                    f"{_describe_char(ch)} at position {position}; if a scanner sent it, "
                    "check the scanner's prefix/suffix settings (a valid code looks like "
                    f"{self._examples})",
                    "control",
                )
        for position, ch in enumerate(text, start=1):
            if ch > "~":
                hint = ""
                folded = unicodedata.normalize("NFKC", text)
                if folded != text and folded.isascii():
                    hint = (
                        "; it looks like full-width (全角) characters: switch the input "
                        "method to half-width (半角) and type it again"
                    )
                raise InvalidOrderIdError(
                    f"{show(text)} contains {_describe_char(ch)} at position {position}, "
                    f"which is not a printable ASCII character{hint}; a valid code looks "
                    f"like {self._examples}",
                    "not-ascii",
                )
        for sep in ("/", "\\"):
            if sep in text:
                raise InvalidOrderIdError(
                    f"{show(text)} contains the path separator {sep!r}, which an order ID "
                    f"may not hold; a valid code looks like {self._examples}",
                    "path",
                )
        if ".." in text:
            raise InvalidOrderIdError(
                f"{show(text)} contains '..', which an order ID may not hold; "
                f"a valid code looks like {self._examples}",
                "path",
            )

    @staticmethod
    def _pick_examples(patterns: tuple[OrderPattern, ...]) -> str:
        by_name = {p.name: p.example for p in patterns if p.example}
        if all(name in by_name for name in _DEFAULT_EXAMPLE_NAMES):
            examples = [by_name[name] for name in _DEFAULT_EXAMPLE_NAMES]
        else:
            examples = list(dict.fromkeys(by_name.values()))[:4]
        if not examples:
            return "the shop's order number format"
        return ", ".join(examples[:-1]) + (" or " if len(examples) > 1 else "") + examples[-1]


_CONTROL_NAMES = {
    "\x00": "NUL", "\t": "TAB", "\n": "LF", "\r": "CR", "\x1b": "ESC", "\x7f": "DEL",
    "\x1d": "GS", "\x1e": "RS", "\x04": "EOT",
}


def _describe_char(ch: str) -> str:
    """``\\x1b (ESC)``, ``'Ｓ' (U+FF33 FULLWIDTH LATIN CAPITAL LETTER S)``: never the raw control character."""
    code = f"U+{ord(ch):04X}"
    if ch in _CONTROL_NAMES:
        return f"{_escape_char(ch)} ({_CONTROL_NAMES[ch]}, {code})"
    name = unicodedata.name(ch, "")
    label = f"{code} {name}" if name else code
    if ch.isprintable():
        return f"{ch!r} ({label})"
    return f"{_escape_char(ch)} ({label})"


def _escape_char(ch: str) -> str:
    """``ch`` as shown in a message: printable characters as they are, others escaped."""
    if ch == "\\":
        return "\\\\"
    # isprintable() is False for control, format (bidi overrides, zero-width),
    # surrogate and unassigned characters: those are shown escaped.
    if ch.isprintable():
        return ch
    return ch.encode("unicode_escape", errors="backslashreplace").decode("ascii")


def show(text: str, limit: int = 40) -> str:
    """``text`` quoted for a message: control and invisible characters escaped, long text cut."""
    shown = "".join(_escape_char(ch) for ch in text[:limit])
    if len(text) > limit:
        return f"'{shown}…' ({len(text)} characters)"
    return f"'{shown}'"


# File-name safety -----------------------------------------------------------

_UNSAFE_IN_FILE_NAME = re.compile(r"[^A-Za-z0-9._-]")
#: Longest part kept from the ID; with the "_" and "-hash" additions a stem
#: stays within MAX_FILE_STEM characters, far below every file system's limit.
MAX_STEM = 64
MAX_FILE_STEM = 80
# Names Windows reserves for devices, whatever the extension ("CON.mp4" too).
_WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"}
    | {f"COM{i}" for i in range(10)}
    | {f"LPT{i}" for i in range(10)}
)


def safe_file_stem(order_id: str) -> str:
    """A file-name-safe form of ``order_id`` (for ``<stem>.mp4`` and friends).

    Only ``A-Z a-z 0-9 . _ -`` remain (others become ``_``), no leading or
    trailing dot, at most :data:`MAX_FILE_STEM` characters, never
    empty, ``.``/``..`` or a Windows device name. An ID accepted by the default
    policy comes back unchanged; when anything had to change, a short hash of
    the original is appended so that two different IDs never share a file.
    """
    stem = _UNSAFE_IN_FILE_NAME.sub("_", order_id)
    # A leading dot hides the file on Unix; Windows silently drops trailing dots.
    stem = stem.strip(".")
    stem = stem[:MAX_STEM].rstrip(".")
    if not stem:
        stem = "order"
    if stem.split(".")[0].upper() in _WINDOWS_RESERVED:
        stem = "_" + stem
    if stem != order_id:
        digest = hashlib.sha256(order_id.encode("utf-8", errors="surrogatepass")).hexdigest()
        stem = f"{stem}-{digest[:8]}"
    return stem
