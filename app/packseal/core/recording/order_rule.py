"""One rule for order and waybill numbers: what it accepts and how it is shown."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

CARRIER = "carrier"
MARKETPLACE = "marketplace"
CUSTOM = "custom"
ANY = "any"


@dataclass(frozen=True)
class OrderRule:
    """An accepted shape of code: ``regex`` must match the whole code (and ``check``, if any, pass).

    ``key`` names the rule in settings, ledger entries and messages (``sf``,
    ``taobao``, or the shop's own name). ``title`` and ``shape`` are English
    (the window translates the built-in ones); ``shape`` says in plain words
    what the numbers look like. ``prefix`` (a regex) recognises a code that
    starts like this rule's numbers, so a refusal can say "starts like an SF
    waybill, but…". ``check`` verifies a check digit.
    """

    key: str
    regex: str
    example: str = ""
    title: str = ""
    kind: str = CUSTOM
    shape: str = ""
    prefix: str = ""
    check: Callable[[str], bool] | None = None

    @property
    def label(self) -> str:
        """The English name to show: the title, or the key of a rule without one."""
        return self.title or self.key
