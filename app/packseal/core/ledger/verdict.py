"""The verdict a reviewer reads: tampered, unanchored or anchored, and exactly what it proves.

- ``tampered`` (exit 1): an integrity failure, a token that is malformed or
  does not match, a key that is not the expected one, a manifest that
  contradicts its signed entry.
- ``unanchored`` (exit 0, or 1 with ``require_anchor``): intact, but no token
  from a trusted TSA covers the clip within ``max_anchor_delay_s`` of its end.
  The files are unchanged since the key signed them; *when* is only the
  station's own claim.
- ``anchored`` (exit 0): intact and covered by a trusted token in time: the
  clip existed no later than the TSA's time.

Integrity never says *who*: a key fingerprint is only worth something when
it matches one obtained independently (``expect_key``).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any, Callable

from packseal.core.ledger import report as R
from packseal.core.ledger.canonical import parse_utc_stamp
from packseal.core.ledger.keys import fingerprint_matches, group_fingerprint
from packseal.core.ledger.report import VerifyReport

TAMPERED = "tampered"
UNANCHORED = "unanchored"
ANCHORED = "anchored"

DEFAULT_MAX_ANCHOR_DELAY_S = 86_400
#: Sources whose picture is not a camera watching the bench.
SYNTHETIC_SOURCES = ("test", "file")

# Codes the verdict itself adds.
KEY_NOT_EXPECTED = "key-not-expected"
LATE_ANCHOR = "late-anchor"
NOT_ANCHORED = "not-anchored"
SYNTHETIC_SOURCE = "synthetic-source"
ANCHOR_BEFORE_RECORDING = "anchor-before-recording"
#: Problems that mean the input is not evidence at all (unreadable, hostile JSON, non-canonical
#: ledger lines): exit 2 when any of these is found.
BAD_INPUT_CODES = frozenset({"pack-unreadable", "input-malformed", R.NOT_CANONICAL})


@dataclass(frozen=True)
class VerdictOptions:
    """What the reviewer asked for. ``expect_key`` is parsed hex (:func:`parse_fingerprint`)."""

    expect_key: str | None = None
    require_anchor: bool = False
    max_anchor_delay_s: int = DEFAULT_MAX_ANCHOR_DELAY_S


@dataclass(frozen=True)
class Anchor:
    """A token from a trusted TSA over a checkpoint that covers the item."""

    gen_time: str
    tsa: str
    checkpoint_seq: int
    timestamp_seq: int | None = None


@dataclass(frozen=True)
class Item:
    """Something that must be anchored (a clip, the genesis, a rotation): its seq and end time."""

    seq: int
    label: str
    end: str
    anchor: Anchor | None = None


def anchor_finder(anchors: list[tuple[int, Anchor]]) -> Callable[[int], Anchor | None]:
    """For ``(tree_size, anchor)`` pairs: a function giving the earliest anchor covering entry ``seq``."""
    ordered = sorted(anchors, key=lambda pair: pair[0])
    sizes = [size for size, _ in ordered]
    best: list[Anchor] = []
    for _size, anchor in reversed(ordered):  # suffix minimum by TSA time
        best.append(anchor if not best or anchor.gen_time < best[-1].gen_time else best[-1])
    best.reverse()

    def find(seq: int) -> Anchor | None:
        i = bisect.bisect_right(sizes, seq)  # first checkpoint with tree_size > seq
        return best[i] if i < len(best) else None

    return find


@dataclass(frozen=True)
class Witnessed:
    """A hub's valid cosignature over a checkpoint covering the item (docs/HUB.md §4)."""

    fingerprint: str   # 64 hex of the witness (hub) key
    tree_size: int
    checkpoint_seq: int
    witnessed_at: str


@dataclass
class Subject:
    """What the verdict is about, as the signed entries say (never the catalog or a manifest)."""

    key_fingerprint: str | None = None          # 64 hex of the key that signed the clip (or the last key)
    chain_fingerprints: list[str] = field(default_factory=list)  # keys that vouch for it, genesis first
    order_id: str | None = None
    recorded_at: str | None = None               # the clip's start (station clock)
    recorded_end: str | None = None              # the clip's end (station clock)
    station: str | None = None
    source_kind: str | None = None
    clip_seq: int | None = None
    anchor: Anchor | None = None                 # the earliest trusted anchor covering the item
    untrusted_tsas: list[str] = field(default_factory=list)
    items: list[Item] | None = None              # a data dir: everything that must be anchored
    witness: Witnessed | None = None             # the widest valid cosignature over a checkpoint (a hub)
    assembled_by: str | None = None              # 64 hex of the hub key that assembled a pack (FORMAT.md §13.2)


def _seconds(later: str, earlier: str) -> int:
    return round((parse_utc_stamp(later) - parse_utc_stamp(earlier)).total_seconds())


def decide(report: VerifyReport, subject: Subject, options: VerdictOptions) -> dict[str, Any]:
    """The verdict object (``packseal verify --json``) for a finished verification."""
    key_pinned = False
    if options.expect_key is not None:
        vouching = subject.chain_fingerprints or ([subject.key_fingerprint] if subject.key_fingerprint else [])
        key_pinned = any(fingerprint_matches(options.expect_key, fp) for fp in vouching)
        if not key_pinned:
            shown = group_fingerprint(subject.key_fingerprint) if subject.key_fingerprint else "unknown"
            report.problem(KEY_NOT_EXPECTED, f"signed by key {shown}, not by the expected key "
                           f"{group_fingerprint(options.expect_key)} nor a key it handed over to")
    anchor, delay = subject.anchor, None
    if anchor is not None and subject.recorded_end is not None:
        delay = _seconds(anchor.gen_time, subject.recorded_end)
        if delay < 0:
            report.warn(ANCHOR_BEFORE_RECORDING, f"the TSA's time {anchor.gen_time} is before the clip's "
                        f"recorded end {subject.recorded_end}: the station clock was ahead")
    for name in subject.untrusted_tsas:
        report.warn(R.TIMESTAMP_UNTRUSTED, f"a valid timestamp from {name}, an authority that is not "
                    "trusted here: not an anchor (give its root with --tsa-root if you trust it)")
    in_time = anchor is not None and (delay is None or delay <= options.max_anchor_delay_s)
    late = [i for i in subject.items or () if not _in_time(i, options.max_anchor_delay_s)]
    if anchor is not None and not in_time:
        report.warn(LATE_ANCHOR, f"the first trusted timestamp covering the clip is {anchor.gen_time}, "
                    f"{_human(delay or 0)} after the recording ended (more than "
                    f"{_human(options.max_anchor_delay_s)} allowed): the recording time is the station's claim")
    if subject.items is not None:
        if late:
            first = late[0]
            report.warn(NOT_ANCHORED, f"{len(late)} of {len(subject.items)} items (genesis, key rotations, "
                        f"clips) have no trusted timestamp within {_human(options.max_anchor_delay_s)} of "
                        f"their end, the first being entry {first.seq} ({first.label})", first.seq)
    elif anchor is None and report.ok:
        report.warn(NOT_ANCHORED, "no timestamp from a trusted TSA covers this; when it was recorded is "
                    "only the station's own claim")
    if subject.source_kind in SYNTHETIC_SOURCES:
        report.warn(SYNTHETIC_SOURCE, f"the clip was recorded from a {subject.source_kind} source, not a "
                    "camera: it does not show a real packing bench")
    if not report.ok:
        verdict = TAMPERED
        code = 2 if any(p.code in BAD_INPUT_CODES for p in report.problems) else 1
    elif (in_time if subject.items is None else bool(subject.items) and not late):
        verdict, code = ANCHORED, 0
    else:
        verdict, code = UNANCHORED, 1 if options.require_anchor else 0
    return {
        "verdict": verdict,
        "ok": report.ok,
        "exit_code": code,
        "key_fingerprint": subject.key_fingerprint,
        "key_pinned": key_pinned,
        "order_id": subject.order_id,
        "recorded_at": subject.recorded_at,
        "recorded_end": subject.recorded_end,
        "station": subject.station,
        "anchored_at": anchor.gen_time if anchor and in_time else None,
        "first_anchor_at": anchor.gen_time if anchor else None,
        "anchor_delay_s": delay if anchor else None,
        "tsa": anchor.tsa if anchor else None,
        "source_kind": subject.source_kind,
        "witnessed_by": subject.witness.fingerprint if subject.witness else None,
        "witnessed_at": subject.witness.witnessed_at if subject.witness else None,
        "witnessed_tree_size": subject.witness.tree_size if subject.witness else None,
        "assembled_by": subject.assembled_by,
        "problems": [p.to_json() for p in report.problems],
        "warnings": [w.to_json() for w in report.warnings],
        "info": [i.to_json() for i in report.info],
        "checked": dict(report.checked),
        "target": report.target,
    }


def _in_time(item: Item, max_delay_s: int) -> bool:
    return item.anchor is not None and (not item.end or _seconds(item.anchor.gen_time, item.end) <= max_delay_s)


def _human(seconds: int) -> str:
    seconds = abs(int(seconds))
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{seconds // 60} min"
    if seconds < 172_800:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} days"


def format_verdict(v: dict[str, Any]) -> str:
    """The verdict for people: what is proven, what is not, then every problem and warning."""
    lines = [f"PackSeal verification of {v['target']}"]
    fp = v["key_fingerprint"]
    who = f"key {group_fingerprint(fp)}" if fp else "the station key"
    if v["verdict"] == TAMPERED:
        lines.append(f"TAMPERED: {len(v['problems'])} problem(s). Nothing here can be relied on.")
    else:
        lines.append(f"INTACT: nothing was altered or removed since it was signed by {who}.")
        if v["key_pinned"]:
            lines.append("  That key is the one you expected (--expect-key).")
        else:
            lines.append("  Who holds that key is NOT checked: compare its fingerprint with one the shop "
                         "published elsewhere, or pass --expect-key.")
        if v.get("witnessed_by"):
            lines.append(f"WITNESSED: hub key {group_fingerprint(v['witnessed_by'])} cosigned its first "
                         f"{v['witnessed_tree_size']} entries at {v['witnessed_at']}.")
        if v["verdict"] == ANCHORED:
            lines.append(f"ANCHORED: existed no later than {v['anchored_at']} "
                         f"({_human(v['anchor_delay_s'] or 0)} after recording) per {v['tsa']}.")
        else:
            lines.append("UNANCHORED: no trusted timestamp in time; the recording time is only the station's "
                         "own claim.")
    facts = [(k, v[k]) for k in ("order_id", "recorded_at", "recorded_end", "station", "source_kind") if v[k]]
    if facts:
        lines.append("  " + ", ".join(f"{k.replace('_', ' ')}: {val}" for k, val in facts))
    counts = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in v["checked"].items())
    if counts:
        lines.append(f"  Checked {counts}.")
    for title, key in (("Problems", "problems"), ("Warnings", "warnings")):
        items = v[key]
        if items:
            lines.append("")
            lines.append(f"{title}:")
            lines.extend(f"  - {_line(i)}" for i in items[:40])
            if len(items) > 40:
                lines.append(f"  ... and {len(items) - 40} more (see --json)")
    return "\n".join(lines)


def _line(item: dict[str, Any]) -> str:
    where = []
    if item.get("seq") is not None:
        where.append(f"entry {item['seq']}")
    if item.get("file"):
        where.append(item["file"])
    prefix = f"[{', '.join(where)}] " if where else ""
    return f"{item['code']}: {prefix}{item['message']}"


def earliest(anchors: list[Anchor]) -> Anchor | None:
    """The anchor with the earliest TSA time."""
    return min(anchors, key=lambda a: (a.gen_time, a.checkpoint_seq)) if anchors else None
