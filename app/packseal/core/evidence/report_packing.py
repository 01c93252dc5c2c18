"""The packing record in the evidence report: plain words up front, the numbers in an appendix.

What the station checked while the order was packed (FORMAT.md §6.1): the
items scanned against the order, wrong scans, warnings and what the packer
decided, the packer, the parcel's weight; and, when the pack carries it,
the order's other clip (a return's unboxing, or the shipment a return
belongs to). Written with the report's own building blocks (its ``_Writer``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from packseal.core.capture.overlay import format_local_time
from packseal.core.errors import BadInputError
from packseal.core.ledger.canonical import parse_utc_stamp
from packseal.core.ledger.packing_record import PackingRecord

_EN = {
    "section_shipment": "Packing check",
    "section_return": "Return unboxing",
    "kind": "What was recorded",
    "kind_shipment": "the packing of an order for shipment",
    "kind_return": "the unboxing of a returned parcel, coming back from order {order}",
    "kind_return_unlinked": "the unboxing of a returned parcel",
    "outcome": "Items",
    "complete": "All {n} pieces of the order were scanned and ticked off one by one.",
    "incomplete": ("Recording was stopped with {missing} of {n} pieces not scanned; the packer confirmed "
                   "the order as incomplete."),
    "not_checked": "The station had no item list for this order: the items were not checked by scanning.",
    "wrong": "Wrong scans",
    "wrong_none": "none",
    "wrong_some": ("{k} scan(s) of a product not in the order, or one too many, were refused and not "
                   "counted (the first at {time})."),
    "warnings": "Warnings",
    "warning_confirmed": "{what} ({time}): the packer confirmed and went on.",
    "warning_shown": "{what} ({time}): shown to the packer.",
    "w_cancelled": "the order was cancelled in the shop's data",
    "w_refunded": "the order was refunded in the shop's data",
    "w_duplicate-waybill": "this waybill had been recorded before",
    "w_items-missing": "items were missing when recording stopped",
    "w_weight": "the parcel's weight was outside the expected range",
    "order_status": "Order status when scanned",
    "packer": "Packer (badge)",
    "weight": "Parcel weight",
    "weight_value": "{w:,} g on the scale when recording stopped",
    "weight_expected": "{w:,} g on the scale when recording stopped (expected {e:,} g ± {tol:,} g)",
    "appendix": "Appendix: the packing record in numbers",
    "appendix_intro": ("As signed in the clip's ledger entry {seq} (member \"packing\"; "
                       "see ledger/entries.jsonl). Times are local, then UTC."),
    "items_table": "Items: expected / scanned",
    "item_row": "{name} · SKU {sku} · barcode {barcode}: expected {expected}, scanned {scanned}",
    "scans_table": "Every scan during the recording",
    "scan_row": "{time} · {code} · {result}",
    "r_item": "ticked", "r_wrong": "wrong item, not counted", "r_extra": "one too many, not counted",
    "linked_return": "The return of this order",
    "linked_shipment": "The shipment this return comes from",
    "linked_intro": ("The pack also holds this clip ({file}), sealed by ledger entry {seq} and proven under "
                     "the same checkpoint; both verifiers check it like the main clip."),
    "order": "Order", "recorded": "Recorded", "sha256": "SHA-256", "entry": "Ledger entry",
}

_ZH = {
    "section_shipment": "打包核对",
    "section_return": "退货开箱",
    "kind": "录制内容",
    "kind_shipment": "订单发货前的打包过程",
    "kind_return": "退回包裹的开箱过程，对应原订单 {order}",
    "kind_return_unlinked": "退回包裹的开箱过程",
    "outcome": "商品",
    "complete": "订单的全部 {n} 件商品均已逐件扫码核对。",
    "incomplete": "停止录制时仍有 {missing} 件（共 {n} 件）未扫码；打包员确认按未完成封存。",
    "not_checked": "打包台没有这一单的商品清单：商品未经扫码核对。",
    "wrong": "错误扫码",
    "wrong_none": "无",
    "wrong_some": "有 {k} 次扫到不属于本单的商品或多扫，均被拒绝且未计数（第一次在 {time}）。",
    "warnings": "警告",
    "warning_confirmed": "{what}（{time}）：打包员确认后继续。",
    "warning_shown": "{what}（{time}）：已提示打包员。",
    "w_cancelled": "店铺数据中该订单已取消",
    "w_refunded": "店铺数据中该订单已退款",
    "w_duplicate-waybill": "该面单之前已录制过",
    "w_items-missing": "停止录制时商品不齐",
    "w_weight": "包裹重量超出预期范围",
    "order_status": "扫码时的订单状态",
    "packer": "打包员（工牌）",
    "weight": "包裹重量",
    "weight_value": "停止录制时秤上为 {w:,} 克",
    "weight_expected": "停止录制时秤上为 {w:,} 克（预期 {e:,} 克 ± {tol:,} 克）",
    "appendix": "附录：打包记录明细",
    "appendix_intro": "与视频的账本条目 {seq}（\"packing\" 字段，见 ledger/entries.jsonl）中签名的内容一致。时间先列本地时间，再列 UTC。",
    "items_table": "商品：应有 / 已扫",
    "item_row": "{name} · SKU {sku} · 条码 {barcode}：应有 {expected}，已扫 {scanned}",
    "scans_table": "录制期间的每一次扫码",
    "scan_row": "{time} · {code} · {result}",
    "r_item": "已核对", "r_wrong": "错件，未计数", "r_extra": "多扫，未计数",
    "linked_return": "本订单的退货",
    "linked_shipment": "本退货对应的发货",
    "linked_intro": "证据包中还包含这段视频（{file}），由账本条目 {seq} 封存，并在同一检查点下证明；两种校验程序都会像主视频一样核验它。",
    "order": "订单", "recorded": "录制时间", "sha256": "SHA-256", "entry": "账本条目",
}


def packing_texts(language: str) -> dict[str, str]:
    """The packing section's words in ``language`` (``en`` or ``zh_CN``)."""
    if language == "en":
        return _EN
    if language == "zh_CN":
        return _ZH
    raise BadInputError(f"no report texts in {language!r}; use en or zh_CN")


@dataclass(frozen=True)
class LinkedReport:
    """The order's other clip as the report states it."""

    role: str
    order_id: str
    file: str
    start: datetime
    end: datetime
    sha256: str
    ledger_seq: int
    packing: PackingRecord


def _time(stamp: str) -> str:
    try:
        moment = parse_utc_stamp(stamp)
    except (BadInputError, ValueError):
        return stamp or "?"
    return f"{format_local_time(moment)} · {moment:%H:%M:%S} UTC"


def plain_rows(record: PackingRecord, t: dict[str, str]) -> list[tuple[str, str]]:
    """(label, sentence) rows saying what the record means, without numbers beyond counts."""
    rows: list[tuple[str, str]] = []
    if record.kind == "return":
        rows.append((t["kind"], t["kind_return"].format(order=record.linked_order) if record.linked_order
                     else t["kind_return_unlinked"]))
    else:
        rows.append((t["kind"], t["kind_shipment"]))
    if record.outcome == "complete" and record.items:
        rows.append((t["outcome"], t["complete"].format(n=record.items_expected)))
    elif record.outcome == "incomplete":
        missing = sum(i.missing for i in record.items)
        rows.append((t["outcome"], t["incomplete"].format(missing=missing, n=record.items_expected)))
    elif record.kind != "return":
        rows.append((t["outcome"], t["not_checked"]))
    if record.items or record.wrong_scans:
        rows.append((t["wrong"], t["wrong_some"].format(k=len(record.wrong_scans),
                                                        time=_time(record.wrong_scans[0].time))
                     if record.wrong_scans else t["wrong_none"]))
    for w in record.warnings:
        what = t.get(f"w_{w.warning}", w.warning)
        key = "warning_confirmed" if w.overridden else "warning_shown"
        rows.append((t["warnings"], t[key].format(what=what, time=_time(w.time))))
    if record.order_status:
        rows.append((t["order_status"], record.order_status))
    if record.packer:
        rows.append((t["packer"], record.packer))
    if record.weight_g is not None:
        if record.expected_weight_g:
            rows.append((t["weight"], t["weight_expected"].format(w=record.weight_g, e=record.expected_weight_g,
                                                                  tol=record.weight_tolerance_g or 0)))
        else:
            rows.append((t["weight"], t["weight_value"].format(w=record.weight_g)))
    return rows


def write_packing(writer, record: PackingRecord | None, linked: LinkedReport | None, language: str) -> None:
    """The packing section (when the clip has a record) and the linked clip's section."""
    t = packing_texts(language)
    if record is not None and record.present:
        writer.heading(t["section_return"] if record.kind == "return" else t["section_shipment"])
        for label, text in plain_rows(record, t):
            writer.row(label, text)
    if linked is not None:
        writer.heading(t["linked_return"] if linked.role == "return" else t["linked_shipment"])
        writer.paragraph(t["linked_intro"].format(file=linked.file, seq=linked.ledger_seq), size=8.5)
        writer.row(t["order"], linked.order_id)
        writer.row(t["recorded"], f"{writer.times(linked.start)}\n→ {writer.times(linked.end)}")
        writer.row(t["sha256"], linked.sha256, mono=True)
        writer.row(t["entry"], str(linked.ledger_seq))
        for label, text in plain_rows(linked.packing, t):
            writer.row(label, text)


def write_packing_appendix(writer, record: PackingRecord | None, clip_seq: int,
                           linked: LinkedReport | None, language: str) -> None:
    """Every item, scan and warning of the record(s), with times: the numbers behind the words."""
    records = [(clip_seq, record)] if record is not None and record.present else []
    if linked is not None and linked.packing.present:
        records.append((linked.ledger_seq, linked.packing))
    if not records:
        return
    t = packing_texts(language)
    writer.pdf.add_page()
    writer.heading(t["appendix"])
    for seq, rec in records:
        if len(records) > 1:  # which clip each part is about
            writer.heading(f"{t['entry']} {seq} · {t['kind_shipment'] if rec.kind != 'return' else t['section_return']}",
                           size=11)
        writer.paragraph(t["appendix_intro"].format(seq=seq), size=8.5)
        if rec.items:
            writer.heading(t["items_table"], size=10.5)
            for item in rec.items:
                writer.paragraph(t["item_row"].format(name=item.name or "-", sku=item.sku or "-",
                                                      barcode=item.barcode or "-", expected=item.expected,
                                                      scanned=item.scanned), size=8.5)
        if rec.scans:
            writer.heading(t["scans_table"], size=10.5)
            for scan in rec.scans:
                writer.paragraph(t["scan_row"].format(time=_time(scan.time), code=scan.code,
                                                      result=t.get(f"r_{scan.result}", scan.result)), size=8.5)
        if rec.warnings:
            writer.heading(t["warnings"], size=10.5)
            for w in rec.warnings:
                detail = f" · {w.detail}" if w.detail else ""
                clip = f" · {t['entry']} {w.clip_seq}" if w.clip_seq is not None else ""
                writer.paragraph(f"{_time(w.time)} · {w.warning} · {w.decision}{detail}{clip}", size=8.5)
        for label, value in plain_rows(rec, t):
            if label == t["weight"]:
                writer.row(label, value)
