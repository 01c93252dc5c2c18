"""Order and waybill IDs: what a scan may start a recording with.

A scan arrives from a barcode scanner acting as a keyboard (usually followed
by CR or LF), from the camera, or is typed by hand. The ID ends up in file
names, in the burned-in overlay, in ledger entries and in the catalog, so it
is checked here once: no control characters, no path pieces, printable ASCII
only, not a product barcode, and it must match one of the rules the station
has enabled (carriers and marketplaces from :mod:`.carriers`, the shop's own
patterns, or, only when the owner chose it, any code at all).

Every refusal is an :class:`InvalidOrderIdError` whose ``reason`` says what
was wrong in a word a window can translate, and whose message says it in
plain English. An ID becomes part of a file name through
:func:`packseal.core.storage.names.safe_file_stem`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from packseal.core.errors import BadInputError
from packseal.core.recording.carriers import BUILTIN_RULES, DEFAULT_KEYS, LEGACY_CATCH_ALL
from packseal.core.recording.order_rule import ANY, OrderRule
from packseal.core.recording.product_codes import product_code_kind, product_symbology

#: Longest input accepted at all. Real waybill and order numbers stay under 40
#: characters; anything longer is a mis-scan (a QR code with a URL, two codes
#: run together) rather than an order.
MAX_LENGTH = 64

#: The "accept any code" rule (the old catch-all): 8-40 letters and digits,
#: "-" and "_" inside. Product codes are refused even then.
ANY_RULE = OrderRule("any", LEGACY_CATCH_ALL, "ORDER-2024-000123", title="Any code", kind=ANY,
                     shape="8–40 letters, digits, - and _")

#: Characters some rule may allow; anything else is named in the refusal.
_WAYBILL_CHARS = re.compile(r"[A-Za-z0-9_-]")


@dataclass(frozen=True)
class ValidOrderId:
    """An ID that passed :meth:`OrderIdPolicy.validate`.

    ``pattern`` is the key of the rule that accepted it; ``also_product``
    names the product-code kind when the same digits also read as a valid
    product barcode (an enabled rule claims that number range, so it counts
    as an order, but a window may say so).
    """

    value: str
    pattern: str
    also_product: str | None = None

    def __str__(self) -> str:
        return self.value


class InvalidOrderIdError(BadInputError):
    """A scanned or typed ID was refused.

    ``reason`` is a stable code a window can translate: ``not-text``,
    ``empty``, ``too-long``, ``too-short``, ``control``, ``full-width``,
    ``not-ascii``, ``path``, ``characters``, ``product-code``,
    ``check-digit``, ``no-match``. ``detail`` adds what the reason needs: the
    product-code kind (``EAN-13``), the key of the rule whose numbers the
    code starts like (``sf``), the offending character, or the shortest
    accepted length.
    """

    def __init__(self, message: str, reason: str, detail: str = "") -> None:
        super().__init__(message)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class _Compiled:
    rule: OrderRule
    regex: re.Pattern[str]
    prefix: re.Pattern[str] | None
    shortest: int


class OrderIdPolicy:
    """Validates scanned or typed order/waybill IDs against the station's rules."""

    def __init__(self, rules: Iterable[OrderRule] | None = None, *, accept_any: bool = False) -> None:
        """Compile ``rules`` (default: the carriers a new station starts with).

        ``accept_any`` adds the catch-all rule after all others. Raises
        :class:`BadInputError` naming the rule when a regex does not compile,
        or when no rule is left (every scan would be refused).
        """
        chosen = tuple(BUILTIN_RULES[k] for k in DEFAULT_KEYS) if rules is None else tuple(rules)
        if accept_any:
            chosen += (ANY_RULE,)
        if not chosen:
            raise BadInputError(
                "no order-number rules are enabled: every scan would be refused; "
                "tick at least one carrier or add the shop's own pattern"
            )
        compiled: list[_Compiled] = []
        for rule in chosen:
            try:
                regex = re.compile(rule.regex)
                prefix = re.compile(rule.prefix) if rule.prefix else None
            except (re.error, TypeError) as exc:
                raise BadInputError(
                    f"order-number rule {rule.key!r} has an invalid regular expression "
                    f"{rule.regex!r}: {exc}; fix it in the settings"
                ) from exc
            compiled.append(_Compiled(rule, regex, prefix, _shortest_match(regex)))
        self._rules = tuple(compiled)
        self.accept_any = accept_any
        self.example_codes: tuple[str, ...] = tuple(dict.fromkeys(r.example for r in chosen if r.example))[:3]
        self._examples = _examples(self.example_codes)

    @property
    def rules(self) -> tuple[OrderRule, ...]:
        """The rules, in the order they are tried."""
        return tuple(c.rule for c in self._rules)

    def validate(self, raw: str, *, symbology: str | None = None) -> ValidOrderId:
        """Return the cleaned ID and the key of the first rule that accepts it.

        Surrounding spaces, tabs and the CR/LF a scanner sends after a code are
        removed; the case is kept as scanned. ``symbology`` is the barcode
        format when the camera read the code (``EAN13``, ``Code128``…): a
        product symbology is refused whatever the digits. Raises
        :class:`InvalidOrderIdError` (a :class:`BadInputError`) saying what is
        wrong and what a valid code looks like.
        """
        if not isinstance(raw, str):
            raise InvalidOrderIdError(f"an order ID must be text, not {type(raw).__name__}", "not-text")
        text = raw.strip(" \t\r\n")
        if not text:
            raise InvalidOrderIdError(
                "the order ID is empty: scan the waybill barcode or type the order number "
                f"(for example {self._examples})", "empty")
        if len(text) > MAX_LENGTH:
            raise InvalidOrderIdError(
                f"the scanned code {show(text)} is too long to be an order ID "
                f"({len(text)} characters, at most {MAX_LENGTH}); it is probably not a "
                f"waybill barcode: scan the waybill number (for example {self._examples})", "too-long")
        self._check_characters(text)
        product = product_code_kind(text, symbology)
        if product is not None and symbology and product_symbology(symbology):
            raise self._product_refusal(text, product)
        for c in self._rules:
            if c.rule.kind == ANY:
                continue
            if c.regex.fullmatch(text) and (c.rule.check is None or c.rule.check(text)):
                return ValidOrderId(text, c.rule.key, product)
        if product is not None:
            raise self._product_refusal(text, product)
        for c in self._rules:
            if c.rule.kind == ANY and c.regex.fullmatch(text):
                return ValidOrderId(text, c.rule.key)
        raise self._no_rule_refusal(text)

    def _product_refusal(self, text: str, kind: str) -> InvalidOrderIdError:
        return InvalidOrderIdError(
            f"{show(text)} is a product barcode ({kind}), not a waybill: scan the waybill "
            f"label on the parcel (for example {self._examples})", "product-code", kind)

    def _no_rule_refusal(self, text: str) -> InvalidOrderIdError:
        """Why no rule accepted ``text``, most specific reason first."""
        for position, ch in enumerate(text, start=1):
            # A character outside letters, digits, - and _ that no rule even mentions.
            if not _WAYBILL_CHARS.fullmatch(ch) and not any(ch in c.rule.regex for c in self._rules):
                return InvalidOrderIdError(
                    f"{show(text)} contains {ch!r} at position {position}, which no enabled "
                    f"order-number rule allows; a valid code looks like {self._examples}",
                    "characters", ch)
        for c in self._rules:
            if c.regex.fullmatch(text):  # the shape fits, the check digit does not
                return InvalidOrderIdError(
                    f"{show(text)} has the shape of {c.rule.label} numbers, but its check digit is wrong: "
                    "scan it again or type it carefully", "check-digit", c.rule.key)
        for c in self._rules:
            if c.prefix is not None and c.prefix.match(text):
                return InvalidOrderIdError(
                    f"{show(text)} starts like {c.rule.label} numbers, but those are "
                    f"{c.rule.shape or 'a different shape'} (for example {c.rule.example})",
                    "no-match", c.rule.key)
        shortest = min(c.shortest for c in self._rules)
        if len(text) < shortest:
            return InvalidOrderIdError(
                f"{show(text)} is too short for an order or waybill number ({len(text)} characters; "
                f"the enabled rules need at least {shortest}); a valid code looks like {self._examples}",
                "too-short", str(shortest))
        return InvalidOrderIdError(
            f"{show(text)} is not the format of any enabled carrier or order number; "
            f"a valid code looks like {self._examples}", "no-match")

    def _check_characters(self, text: str) -> None:
        """Refuse control characters, non-ASCII text and path pieces, naming the first found."""
        for position, ch in enumerate(text, start=1):
            if ch < " " or ch == "\x7f":
                raise InvalidOrderIdError(
                    f"the scanned code {show(text)} contains the control character "
                    f"{_describe_char(ch)} at position {position}; if a scanner sent it, "
                    "check the scanner's prefix/suffix settings (a valid code looks like "
                    f"{self._examples})", "control", ch)
        for position, ch in enumerate(text, start=1):
            if ch > "~":
                folded = unicodedata.normalize("NFKC", text)
                if folded != text and folded.isascii():
                    raise InvalidOrderIdError(
                        f"{show(text)} contains the full-width (全角) character {_describe_char(ch)} at "
                        f"position {position}: a Chinese input method is in full-width mode; switch it "
                        "to English (half-width, 半角) and scan again", "full-width", ch)
                raise InvalidOrderIdError(
                    f"{show(text)} contains {_describe_char(ch)} at position {position}, "
                    f"which is not a printable ASCII character; a valid code looks "
                    f"like {self._examples}", "not-ascii", ch)
        for sep in ("/", "\\"):
            if sep in text:
                raise InvalidOrderIdError(
                    f"{show(text)} contains the path separator {sep!r}, which an order ID "
                    f"may not hold; a valid code looks like {self._examples}", "path", sep)
        if ".." in text:
            raise InvalidOrderIdError(
                f"{show(text)} contains '..', which an order ID may not hold; "
                f"a valid code looks like {self._examples}", "path", "..")


def _shortest_match(regex: re.Pattern[str]) -> int:
    """The fewest characters ``regex`` can match (1 when Python cannot tell)."""
    try:
        return max(1, int(re._parser.parse(regex.pattern, regex.flags).getwidth()[0]))  # type: ignore[attr-defined]
    except Exception:  # the parser is internal to re; a change there must not break validation
        return 1


def _examples(examples: tuple[str, ...]) -> str:
    """The codes for "a valid code looks like …", in English (a window joins ``example_codes`` in its language)."""
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
