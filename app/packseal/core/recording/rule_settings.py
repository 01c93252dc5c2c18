"""The order-number rules as stored in settings.json, and the policy they make.

``settings.json`` holds them under ``order_rules``::

    {"carriers": ["sf", "jd", ...],            # ticked built-in rules, carriers and marketplaces
     "custom": [{"name": "shop", "pattern": "ORD-########"},
                {"name": "erp", "regex": "ERP\\\\d{6}"}],   # the shop's own: simple pattern or regex
     "accept_any": false}                      # the catch-all, only by explicit choice

Settings version 1 had ``order_patterns`` instead, a list of
``{"name", "regex"}`` where an empty list meant the whole built-in table
including a catch-all; :func:`migrate_order_patterns` turns it into the form
above without dropping any of the owner's own patterns.
"""

from __future__ import annotations

from typing import Any

from packseal.core.errors import BadInputError
from packseal.core.recording.carriers import (BUILTIN_RULES, DEFAULT_KEYS, LEGACY_BUILTIN, LEGACY_CATCH_ALL,
                                              LEGACY_TABLE_KEYS)
from packseal.core.recording.order_id import OrderIdPolicy
from packseal.core.recording.order_rule import CUSTOM, OrderRule
from packseal.core.recording.shop_pattern import pattern_to_regex

MAX_CUSTOM = 50


def default_rule_settings() -> dict[str, Any]:
    """What a new station starts with: the common Chinese carriers, no catch-all."""
    return {"carriers": list(DEFAULT_KEYS), "custom": [], "accept_any": False}


def custom_rule(entry: Any, index: int = 0) -> OrderRule:
    """The rule one ``custom`` entry stands for; raises BadInputError naming the entry."""
    if not isinstance(entry, dict):
        raise BadInputError(f"the shop's own rule number {index + 1} must be an object with a name and "
                            "a pattern")
    name = entry.get("name", "")
    if not isinstance(name, str) or not name.strip() or len(name) > 40:
        raise BadInputError(f"the shop's own rule number {index + 1} needs a name of 1 to 40 characters")
    name = name.strip()
    pattern, regex = entry.get("pattern"), entry.get("regex")
    if (pattern is None) == (regex is None):
        raise BadInputError(f"the shop's own rule {name!r} must have either a pattern or a regular "
                            "expression")
    if pattern is not None:
        try:
            compiled = pattern_to_regex(pattern)
        except BadInputError as exc:
            raise BadInputError(f"the shop's own rule {name!r}: {exc}") from exc
        return OrderRule(name, compiled, example="", title=name, kind=CUSTOM, shape=str(pattern).strip())
    if not isinstance(regex, str) or not regex.strip():
        raise BadInputError(f"the shop's own rule {name!r} has an empty regular expression")
    return OrderRule(name, regex.strip(), title=name, kind=CUSTOM)


def rules_from_settings(config: Any) -> tuple[list[OrderRule], bool]:
    """The enabled rules (built-in first, in catalogue order) and the accept-any choice.

    Raises BadInputError saying which part of ``config`` is wrong.
    """
    if not isinstance(config, dict):
        raise BadInputError("order_rules must be an object with carriers, custom and accept_any")
    keys = config.get("carriers", [])
    custom = config.get("custom", [])
    accept_any = config.get("accept_any", False)
    if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
        raise BadInputError("order_rules.carriers must be a list of rule names such as \"sf\"")
    unknown = sorted(set(keys) - set(BUILTIN_RULES))
    if unknown:
        raise BadInputError(f"order_rules.carriers names unknown rules: {', '.join(unknown)}; known are "
                            f"{', '.join(BUILTIN_RULES)}")
    if not isinstance(custom, list) or len(custom) > MAX_CUSTOM:
        raise BadInputError(f"order_rules.custom must be a list of at most {MAX_CUSTOM} rules")
    if not isinstance(accept_any, bool):
        raise BadInputError("order_rules.accept_any must be true or false")
    rules = [rule for key, rule in BUILTIN_RULES.items() if key in keys]
    own = [custom_rule(entry, i) for i, entry in enumerate(custom)]
    names = [r.key for r in own]
    clash = sorted({n for n in names if names.count(n) > 1 or n in BUILTIN_RULES})
    if clash:
        raise BadInputError(f"the shop's own rules need names of their own; used twice or by a built-in "
                            f"rule: {', '.join(clash)}")
    return rules + own, accept_any


def policy_from_rule_settings(config: Any) -> OrderIdPolicy:
    """The policy ``config`` (the ``order_rules`` object) describes; raises BadInputError."""
    rules, accept_any = rules_from_settings(config)
    return OrderIdPolicy(rules, accept_any=accept_any)


def migrate_order_patterns(patterns: Any) -> dict[str, Any]:
    """Settings version 1's ``order_patterns`` as version 2's ``order_rules``.

    An empty list meant the whole built-in table: every carrier and
    marketplace of that table stays ticked. Entries equal to a row of the old
    table become that row's checkbox; every other entry is kept as the shop's
    own rule in its expert (regex) form, name and regex unchanged. The old
    catch-all is the one thing not carried over: "accept any code" is now
    off until the owner turns it on (a list that held only the catch-all
    becomes a new station's carriers, so the station still records).
    """
    if not isinstance(patterns, list) or not patterns:
        return {"carriers": [k for k in BUILTIN_RULES if k in LEGACY_TABLE_KEYS], "custom": [], "accept_any": False}
    keys: list[str] = []
    custom: list[dict[str, str]] = []
    for i, p in enumerate(patterns):
        if not isinstance(p, dict) or not isinstance(p.get("regex"), str):
            raise BadInputError(f"order_patterns entry {i + 1} is not a {{\"name\": …, \"regex\": …}} object")
        regex = p["regex"]
        if regex == LEGACY_CATCH_ALL:
            continue
        builtin = LEGACY_BUILTIN.get(regex)
        if builtin is not None:
            keys.append(builtin[1])
            continue
        name = str(p.get("name") or f"pattern{i + 1}").strip()[:40] or f"pattern{i + 1}"
        used = {c["name"] for c in custom} | set(BUILTIN_RULES)
        base, n = name, 2
        while name in used:
            name = f"{base[:36]}-{n}"
            n += 1
        custom.append({"name": name, "regex": regex})
    ordered = [k for k in BUILTIN_RULES if k in keys]
    if not ordered and not custom:  # only the catch-all was listed: start from a new station's carriers
        ordered = list(DEFAULT_KEYS)
    return {"carriers": ordered, "custom": custom, "accept_any": False}
