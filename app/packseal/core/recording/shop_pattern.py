"""The shop's own order-number pattern, in a form a shop owner can write.

A pattern is the order number with placeholders:

- ``#`` one digit, ``@`` one letter, ``*`` one letter or digit;
- any letter, digit, ``-`` or ``_`` stands for itself (letters in either case);
- ``{n}`` after a placeholder or character repeats it n times, ``{n-m}``
  between n and m times.

``ORD-########`` accepts ``ORD-20240001``; ``SHOP#{6-8}`` accepts ``SHOP123456``
to ``SHOP12345678``. :func:`pattern_to_regex` turns a pattern into the regular
expression the policy uses; the expert form (a regular expression typed
directly) skips it.
"""

from __future__ import annotations

import re

from packseal.core.errors import BadInputError

MAX_PATTERN = 64
_PLACEHOLDERS = {"#": "[0-9]", "@": "[A-Z]", "*": "[A-Z0-9]"}
_LITERAL = re.compile(r"[A-Za-z0-9_-]")
_REPEAT = re.compile(r"\{(\d{1,2})(?:-(\d{1,2}))?\}")


def pattern_to_regex(pattern: str) -> str:
    """The regular expression (whole-code match, any letter case) that ``pattern`` stands for.

    Raises :class:`BadInputError` saying in plain words what is wrong and where.
    """
    if not isinstance(pattern, str) or not pattern.strip():
        raise BadInputError("the pattern is empty: write the order number with # for each digit, "
                            "for example ORD-########")
    text = pattern.strip()
    if len(text) > MAX_PATTERN:
        raise BadInputError(f"the pattern is longer than {MAX_PATTERN} characters")
    parts: list[str] = []
    longest = 0
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in _PLACEHOLDERS:
            parts.append(_PLACEHOLDERS[ch])
        elif _LITERAL.fullmatch(ch):
            parts.append(re.escape(ch))
        elif ch == "{":
            raise BadInputError(f"'{{' at position {i + 1} has nothing before it to repeat; write it "
                                "after a #, @, * or a character, for example #{8}")
        else:
            raise BadInputError(f"{ch!r} at position {i + 1} cannot be part of an order number here: use "
                                "letters, digits, - and _, and # (a digit), @ (a letter), * (either)")
        i += 1
        low = high = 1
        if i < len(text) and text[i] == "{":
            m = _REPEAT.match(text, i)
            if m is None:
                raise BadInputError(f"the repeat at position {i + 1} must look like {{8}} or {{6-10}}")
            low = int(m.group(1))
            high = int(m.group(2)) if m.group(2) is not None else low
            if low < 1 or high < low:
                raise BadInputError(f"the repeat {m.group(0)} at position {i + 1} must count up, from 1 "
                                    "or more (for example {6-10})")
            parts[-1] += f"{{{low}}}" if low == high else f"{{{low},{high}}}"
            i = m.end()
        longest += high
    if longest > MAX_PATTERN:
        raise BadInputError(f"the pattern allows codes of up to {longest} characters; order numbers "
                            f"have at most {MAX_PATTERN}")
    return "(?i)" + "".join(parts)
