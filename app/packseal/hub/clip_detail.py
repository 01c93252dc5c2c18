"""A clip's page on the hub: its facts, its frames' capture times, and the trust verdict (docs/HUB.md §5).

:func:`clip_facts` is what ``GET /api/clips/{id}`` answers and what a share
page shows. The verdict is ``packseal verify --json``'s, computed by core's
pack verifier (:func:`~packseal.core.evidence.pack_verifier.verify_evidence`)
on exactly the files the clip's evidence pack carries: the signed entries
and key chain, the seal, the Merkle proofs, the hub's cosignatures, the
timestamp tokens, and the clip file streamed from the object store and
hashed there and then (a file altered in the store fails it). Frame times
are read from the clip file's packet timestamps (core's decoder), the first
frame's capture time from the signed entry's ``start``: frame *i* was
captured at ``first_captured_at + times_s[i]``, as the desktop player shows.
"""

from __future__ import annotations

from typing import Any, Iterator

from packseal.core.evidence import pack_format as F
from packseal.core.evidence.ledger_excerpt import ledger_members
from packseal.core.evidence.pack_reader import PackSource
from packseal.core.evidence.pack_verifier import verify_evidence
from packseal.core.ledger.keys import group_fingerprint
from packseal.core.ledger.packing_record import PackingRecord
from packseal.core.ledger.verdict import Subject, VerdictOptions, decide
from packseal.core.media.decoder import MediaError, clip_info
from packseal.hub.clip_evidence import ClipEvidence, HubClip, NoEvidence, evidence_for, load_clip
from packseal.hub.clip_files import ClipFileChanged, cached_clip, object_chunks
from packseal.hub.context import HubContext
from packseal.hub.ingest import GONE, STORED
from packseal.hub.objectstore import object_key


class _HubPackSource(PackSource):
    """The pack's files as the hub holds them: small ones in memory, the clip in the object store."""

    def __init__(self, ctx: HubContext, label: str, members: dict[str, bytes], clip_member: str, sha256: str,
                 stored_size: int | None) -> None:
        self.label = label
        self._ctx, self._members, self._clip, self._sha = ctx, members, clip_member, sha256
        self.files = {name: len(data) for name, data in members.items()}
        if stored_size is not None:
            self.files[clip_member] = stored_size

    def _chunks(self, name: str) -> Iterator[bytes]:
        if name == self._clip:
            yield from object_chunks(self._ctx, self._sha)
        else:
            yield self._members[name]


def clip_verdict(ctx: HubContext, evidence: ClipEvidence) -> dict[str, Any]:
    """``packseal verify --json``'s verdict on the clip, from what the hub holds (module docstring)."""
    clip, excerpt = evidence.clip, evidence.excerpt
    body = clip.entry.body
    members = ledger_members(excerpt, evidence.checkpoint_cosignatures())
    members[evidence.seal_member] = evidence.seal()
    stored = ctx.store.size(object_key(clip.sha256))
    source = _HubPackSource(ctx, f"hub clip {clip.id}", members, evidence.clip_member, clip.sha256, stored)
    manifest = {
        "order_id": body["order_id"], "station": clip.entry.station,
        "clip": {"file": evidence.clip_member, "seal": evidence.seal_member, "ledger_seq": clip.ledger_seq,
                 "sha256": body["sha256"], "bytes": body["bytes"],
                 **{name: body[name] for name in F.CLIP_STATEMENTS if name in body}},
        "ledger": {"entries": F.ENTRIES, "proofs": F.PROOFS, "checkpoint_seq": excerpt.checkpoint.seq,
                   "timestamp_seq": excerpt.timestamp.seq if excerpt.timestamp else None,
                   **({"cosignatures": F.COSIGNATURES} if F.COSIGNATURES in members else {})}}
    report = verify_evidence(source, manifest, evidence.station_key)
    if stored is None:
        report.problem(F.FILE_MISSING, "the clip's file is missing from the hub's object store", clip.ledger_seq,
                       evidence.clip_member)
    return decide(report, report.subject or Subject(), VerdictOptions())


def frame_times(ctx: HubContext, clip: HubClip) -> dict[str, Any]:
    """The capture times of the clip's frames (module docstring)."""
    info = clip_info(cached_clip(ctx, clip.sha256, clip.size))
    return {"first_captured_at": clip.entry.body["start"], "count": info.frame_count, "fps": round(info.fps, 3),
            "times_s": [round(t, 4) for t in info.times], "gaps": clip.entry.body.get("gaps", [])}


def clip_row_facts(clip: HubClip) -> dict[str, Any]:
    """The clip's facts from its row and its signed entry (the entry wins where both say something)."""
    body = clip.entry.body
    record = PackingRecord.of_body(body)
    return {"id": clip.id, "order_id": body["order_id"], "waybills": clip.waybills, "station_id": clip.station_id,
            "station": clip.station, "station_in_entry": clip.entry.station, "packer": clip.packer,
            "start": body["start"], "end": body["end"], "scan_time": body["scan_time"],
            "duration_s": body["duration_ms"] / 1000, "status": clip.status, "recording_status": body["status"],
            "sha256": body["sha256"], "size": body["bytes"], "ledger_seq": clip.ledger_seq,
            "file_name": clip.file_name, "frame_count": body["frame_count"],
            "kind": record.kind if record.present else None, "outcome": record.outcome if record.present else None}


def clip_facts(ctx: HubContext, clip_id: int) -> dict[str, Any]:
    """Everything ``GET /api/clips/{id}`` answers (docs/HUB.md §5); :class:`ClipNotFound` when there is no clip.

    ``verdict`` is None (and ``verdict_unavailable`` says why: ``pending``,
    ``deleted_at_station``, ``not-checkpointed``) when the hub cannot judge the
    clip yet; ``frames`` is None (``frames_unavailable`` says why) when the
    file is not on the hub or cannot be decoded.
    """
    with ctx.db.connection() as conn:
        clip = load_clip(conn, clip_id)
        facts = clip_row_facts(clip)
        verdict, unavailable = None, None
        if clip.status != STORED:
            unavailable = "deleted_at_station" if clip.status == GONE else "pending"
        else:
            try:
                evidence = evidence_for(conn, clip)
            except NoEvidence as exc:
                unavailable = exc.reason
    if unavailable is None:
        verdict = clip_verdict(ctx, evidence)
    facts["verdict"], facts["verdict_unavailable"] = verdict, unavailable
    facts["trust_words"] = trust_words(verdict, unavailable)
    facts["frames"], facts["frames_unavailable"] = None, None
    if clip.status == STORED:
        try:
            facts["frames"] = frame_times(ctx, clip)
        except ClipFileChanged as exc:
            facts["frames_unavailable"] = str(exc)
        except MediaError as exc:
            facts["frames_unavailable"] = f"the clip cannot be decoded: {exc}"
    else:
        facts["frames_unavailable"] = "the clip's file is not on the hub"
    return facts


# -- the verdict in plain words ------------------------------------------------------------------

_UNAVAILABLE = {
    "pending": ("Not checked yet: the station has not uploaded this clip's file to the hub.",
                "尚未校验：打包台还没有把该视频文件上传到中心服务器。"),
    "deleted_at_station": ("Cannot be checked: the station deleted this clip before its file reached the hub.",
                           "无法校验：该视频文件在上传到中心服务器之前已被打包台删除。"),
    "not-checkpointed": ("Not checked yet: the station has not yet sent a checkpoint covering this clip; "
                         "it does within minutes.",
                         "尚未校验：打包台还没有发送覆盖该视频的检查点，通常几分钟内会发送。"),
}


def _utc(stamp: str) -> str:
    """``2026-12-02T10:00:00.000Z`` → ``2026-12-02 10:00:00 UTC``."""
    return f"{stamp[:10]} {stamp[11:19]} UTC"


def trust_words(verdict: dict[str, Any] | None, unavailable: str | None) -> dict[str, str]:
    """The verdict as one short paragraph for people, in English (``en``) and Chinese (``zh-CN``)."""
    if verdict is None:
        en, zh = _UNAVAILABLE.get(unavailable or "pending", _UNAVAILABLE["pending"])
        return {"en": en, "zh-CN": zh}
    if verdict["verdict"] == "tampered":
        problems = verdict["problems"]
        first = problems[0]["code"] if problems else "?"
        return {"en": f"This clip did NOT pass the check: {len(problems)} problem(s), the first being {first}. "
                      "Do not rely on it as evidence.",
                "zh-CN": f"该视频未通过校验：发现 {len(problems)} 个问题（第一个：{first}）。请勿将其作为证据。"}
    fingerprint = group_fingerprint(verdict["key_fingerprint"] or "")
    en = [f"Intact: this clip is byte for byte the file the station sealed with key {fingerprint}, "
          "in its signed ledger."]
    zh = [f"完好：该视频与打包台用密钥 {fingerprint} 封存的文件逐字节一致，并记录在其签名账本中。"]
    if verdict["verdict"] == "anchored":
        en.append(f"A trusted timestamp authority ({verdict['tsa']}) proves it existed by "
                  f"{_utc(verdict['anchored_at'])}.")
        zh.append(f"可信时间戳机构（{verdict['tsa']}）证明它最迟在 {_utc(verdict['anchored_at'])} 已存在。")
    else:
        en.append("When it was recorded is the station's own clock: no trusted timestamp covers it.")
        zh.append("录制时间只是打包台自己的时钟：没有可信时间戳覆盖它。")
    if verdict["witnessed_by"]:
        en.append(f"The shop's hub witnessed the station's ledger holding it at {_utc(verdict['witnessed_at'])}.")
        zh.append(f"店铺的中心服务器于 {_utc(verdict['witnessed_at'])} 见证了包含它的打包台账本。")
    if verdict["source_kind"] in ("test", "file"):
        en.append(f"It was recorded from a {verdict['source_kind']} source, not a camera at a packing bench.")
        zh.append("它录自测试信号源或视频文件，而不是打包台上的摄像头。")
    return {"en": " ".join(en), "zh-CN": "".join(zh)}
