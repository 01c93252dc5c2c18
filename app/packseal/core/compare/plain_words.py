"""The comparison's results said in plain words for the owner: what each region is, which frames to look at.

The numbers (pixel boxes, scores, ΔE) stay in the JSON and in the report's
appendix; these findings say the same for a person: "a darker mark on the
upper right of the item, not in the shipment's frame at 12.3 s". Each
finding carries its particulars in ``params`` so the window can word it in
its own language.
"""

from __future__ import annotations

from datetime import datetime

from packseal.core.compare.difference import Region
from packseal.core.compare.inspection import Finding
from packseal.core.compare.matcher import FrameMatch

_TONES = {"darker": "a darker mark", "lighter": "a lighter mark", "colour": "a change of colour"}


def share_words(share: float) -> str:
    """``item_share`` (0…1) as people say it: "less than 1%", "3%"."""
    return "less than 1%" if share < 0.01 else f"{round(share * 100)}%"


def clock(moment: datetime) -> str:
    """A capture time as the owner reads it: local wall-clock time with seconds."""
    return moment.astimezone().strftime("%H:%M:%S")


def region_findings(regions: list[Region], match: FrameMatch | None) -> list[Finding]:
    """One finding per difference region on the best frame, best first; one saying none stands out."""
    if match is None:
        return []
    t = f"{match.t_s:.1f}"
    if not regions:
        return [Finding("no_difference_on_item", "info",
                        f"Nothing on the item differs from the shipment's frame at {t} s.",
                        {"t_s": round(match.t_s, 3)}, {"t": t, "time": clock(match.captured_at)})]
    findings = []
    for n, r in enumerate(regions, 1):
        params = {"n": str(n), "tone": r.tone or "colour", "place": r.place or "middle",
                  "share": share_words(r.item_share), "t": t, "time": clock(match.captured_at)}
        what = _TONES.get(params["tone"], _TONES["colour"])
        findings.append(Finding(
            "difference_on_item", "notice",
            f"Difference {n}: {what} on the {params['place']} of the item ({params['share']} of what the photo "
            f"shows of it), not in the shipment's frame at {t} s.",
            {"region": r.to_json(), "t_s": round(match.t_s, 3)}, params))
    return findings
