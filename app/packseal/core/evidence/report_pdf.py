"""The report inside an evidence pack: a PDF in the owner's language, for people.

It lays out the order, the station, the times (local and UTC), the hashes,
the key fingerprint and the checkpoint; the frames of the packing; each
refund photo beside its best-matching frame with the overlay, the
difference heatmap, the owner's annotations and the photo's findings; and
how to verify the pack. All text uses the shipped TrueType font (Latin and
every GBK Han character), embedded as a subset, so Chinese renders and can
be searched and copied; hashes use a monospaced core font.
"""

from __future__ import annotations

import io
from datetime import datetime, timezone
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import WrapMode, XPos, YPos
from PIL import Image

from packseal.core.capture.fonts import cjk_font_path
from packseal.core.capture.overlay import format_local_time
from packseal.core.errors import EvidenceError
from packseal.core.evidence.report_data import ReportData, ReportFrame, ReportPhoto
from packseal.core.evidence.report_packing import write_packing, write_packing_appendix
from packseal.core.evidence.texts import finding_sentence, finding_title, texts
from packseal.core.ledger import group_fingerprint

_FONT = "packseal-cjk"
_MONO = "Courier"
_MARGIN = 15.0
_LABEL_W = 36.0
_GREY = (90, 90, 90)
_ACCENT = (150, 30, 30)
_SEVERITY_COLOUR = {"warning": (170, 30, 30), "notice": (170, 110, 0), "info": (70, 70, 70)}


def utc_text(moment: datetime) -> str:
    """``2026-11-24 06:03:07 UTC``."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")


class _Pdf(FPDF):
    def __init__(self, footer_text: str, page_text: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self._footer_text = footer_text
        self._page_text = page_text

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font(_FONT, size=7.5)
        self.set_text_color(*_GREY)
        self.cell(0, 5, self._footer_text, align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, self._page_text.format(n=self.page_no(), total="{nb}"), align="R")


def write_report(data: ReportData, path: Path, language: str) -> None:
    """Write the report PDF for ``data`` in ``language`` (``en`` or ``zh_CN``) to ``path``."""
    t = texts(language)
    font = cjk_font_path()
    pdf = _Pdf(t["footer"].format(order=data.order_id), t["page"])
    pdf.set_margins(_MARGIN, _MARGIN, _MARGIN)
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_font(_FONT, "", str(font))
    pdf.set_title(f"{t['title']} - {data.order_id}")
    pdf.set_author(data.station)
    pdf.set_creator("PackSeal")
    pdf.set_lang("zh-CN" if language == "zh_CN" else "en")
    pdf.set_creation_date(data.created)
    writer = _Writer(pdf, t, language)
    writer.front_page(data)
    write_packing(writer, data.packing, data.linked, language)
    writer.frames(data.frames)
    writer.photos_together(data.photos)
    for photo in data.photos:
        writer.photo(photo)
    writer.photo_numbers(data.photos)
    writer.how_to_verify(data)
    write_packing_appendix(writer, data.packing, data.ledger_seq, data.linked, language)
    try:
        pdf.output(str(path))
    except OSError as exc:
        raise EvidenceError(f"the report could not be written to {path}: {exc}") from exc


class _Writer:
    def __init__(self, pdf: _Pdf, t: dict[str, str], language: str) -> None:
        self.pdf = pdf
        self.t = t
        self.language = language
        # Chinese has no spaces between words: wrap at any character, not only at spaces.
        self.wrap = WrapMode.CHAR if language == "zh_CN" else WrapMode.WORD

    @property
    def width(self) -> float:
        return self.pdf.w - self.pdf.l_margin - self.pdf.r_margin

    # -- building blocks ---------------------------------------------------------
    def heading(self, text: str, size: float = 13) -> None:
        pdf = self.pdf
        if pdf.will_page_break(size * 1.6):
            pdf.add_page()
        pdf.ln(2)
        pdf.set_font(_FONT, size=size)
        pdf.set_text_color(*_ACCENT)
        pdf.multi_cell(0, size * 0.5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT,
                       wrapmode=self.wrap)
        pdf.set_draw_color(*_ACCENT)
        pdf.line(pdf.l_margin, pdf.get_y() + 0.5, pdf.l_margin + self.width, pdf.get_y() + 0.5)
        pdf.ln(2.5)
        pdf.set_text_color(0, 0, 0)

    def paragraph(self, text: str, size: float = 9.5, colour: tuple[int, int, int] = (0, 0, 0)) -> None:
        pdf = self.pdf
        pdf.set_font(_FONT, size=size)
        pdf.set_text_color(*colour)
        pdf.multi_cell(0, size * 0.48, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT,
                       wrapmode=self.wrap)
        pdf.set_text_color(0, 0, 0)
        pdf.ln(1.2)

    def row(self, label: str, value: str, *, mono: bool = False) -> None:
        """A label and its value side by side; the pair never splits across pages."""
        pdf = self.pdf
        value_w = self.width - _LABEL_W

        def value_font() -> None:
            if mono:
                pdf.set_font(_MONO, size=8.5)
            else:
                pdf.set_font(_FONT, size=9)

        pdf.set_font(_FONT, size=9)
        needed = pdf.multi_cell(_LABEL_W, 4.6, label, dry_run=True, output="HEIGHT", wrapmode=self.wrap)
        value_font()
        needed = max(needed, pdf.multi_cell(value_w, 4.6, value, dry_run=True, output="HEIGHT",
                                            wrapmode=self.wrap))
        if pdf.will_page_break(needed):
            pdf.add_page()
        x, y = pdf.l_margin, pdf.get_y()
        pdf.set_font(_FONT, size=9)
        pdf.set_text_color(*_GREY)
        pdf.multi_cell(_LABEL_W, 4.6, label, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT,
                       wrapmode=self.wrap)
        bottom = pdf.get_y()
        pdf.set_xy(x + _LABEL_W, y)
        pdf.set_text_color(0, 0, 0)
        value_font()
        pdf.multi_cell(value_w, 4.6, value, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT,
                       wrapmode=self.wrap)
        pdf.set_y(max(bottom, pdf.get_y()) + 0.8)

    def picture(self, jpeg: bytes, width: float, caption: str = "", *, x: float | None = None,
                max_height: float = 120.0) -> float:
        """Place a picture ``width`` mm wide (shrunk to ``max_height``); returns its bottom."""
        pdf = self.pdf
        w_px, h_px = Image.open(io.BytesIO(jpeg)).size
        h = width * h_px / w_px
        if h > max_height:
            width, h = width * max_height / h, max_height
        needed = h + (5 if caption else 0)
        if pdf.will_page_break(needed):
            pdf.add_page()
        left = pdf.l_margin if x is None else x
        top = pdf.get_y()
        pdf.image(io.BytesIO(jpeg), x=left, y=top, w=width, h=h)
        bottom = top + h
        if caption:
            pdf.set_xy(left, bottom + 0.6)
            pdf.set_font(_FONT, size=7.5)
            pdf.set_text_color(*_GREY)
            pdf.multi_cell(width, 3.4, caption, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT,
                           wrapmode=self.wrap)
            pdf.set_text_color(0, 0, 0)
            bottom = pdf.get_y()
        pdf.set_xy(pdf.l_margin, bottom)
        return bottom

    def picture_grid(self, items: list[tuple[bytes, str]], columns: int = 2) -> None:
        """Pictures in rows of ``columns``; a row never splits across pages."""
        pdf = self.pdf
        gap = 4.0
        cell_w = (self.width - gap * (columns - 1)) / columns
        for start in range(0, len(items), columns):
            chunk = items[start:start + columns]
            heights = []
            for jpeg, _ in chunk:
                w_px, h_px = Image.open(io.BytesIO(jpeg)).size
                heights.append(min(90.0, cell_w * h_px / w_px))
            if pdf.will_page_break(max(heights) + 9):
                pdf.add_page()
            top = pdf.get_y()
            bottoms = []
            for i, (jpeg, caption) in enumerate(chunk):
                pdf.set_y(top)
                bottoms.append(self.picture(jpeg, cell_w, caption, x=pdf.l_margin + i * (cell_w + gap),
                                            max_height=90.0))
            pdf.set_y(max(bottoms) + 3)

    def times(self, moment: datetime) -> str:
        return f"{format_local_time(moment)} ({self.t['local']}) · {utc_text(moment)}"

    # -- sections -----------------------------------------------------------------
    def front_page(self, d: ReportData) -> None:
        t, pdf = self.t, self.pdf
        pdf.add_page()
        pdf.set_font(_FONT, size=20)
        pdf.set_text_color(*_ACCENT)
        pdf.multi_cell(0, 10, f"PackSeal · {t['title']}", align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(0, 0, 0)
        self.paragraph(t["subtitle"].format(order=d.order_id, station=d.station,
                                            made=format_local_time(d.created)), size=11)
        signer = t["signer_hub"] if d.assembled_by is not None else t["signer_station"]
        self.paragraph(t["intro"].format(signer=signer), size=9, colour=(40, 40, 40))
        self.heading(t["shipment"])
        self.row(t["order"], d.order_id)
        self.row(t["station"], d.station)
        self.row(t["clip"], d.clip_name)
        self.row(t["recorded"], f"{self.times(d.start)}\n→ {self.times(d.end)}")
        self.row(t["scanned"], self.times(d.scan))
        self.row(t["length"], t["seconds"].format(s=d.duration_s))
        self.row(t["status"], t["status_complete"] if d.status == "complete" else t["status_interrupted"])
        self.row(t["size"], t["bytes"].format(n=d.clip_bytes))
        self.row(t["sha256"], d.clip_sha256, mono=True)
        self.row(t["ledger_entry"], str(d.ledger_seq))
        self.row(t["key"], t["key_value"].format(fingerprint=group_fingerprint(d.key_fingerprint),
                                                 full=d.key_fingerprint))
        kind = (d.source or {}).get("kind")
        if kind in ("test", "file"):
            detail = ", ".join(f"{k} {v}" for k, v in sorted((d.source or {}).items()) if k != "kind")
            self.row(t["source"], t["source_synthetic"].format(kind=kind, detail=detail))
        if d.assembled_by is not None:
            self.row(t["assembled"], t["assembled_value"].format(fingerprint=group_fingerprint(d.assembled_by)))
        self.row(t["checkpoint"], t["checkpoint_value"].format(seq=d.checkpoint_seq, last=d.tree_size - 1,
                                                               root=d.root_hash))
        if d.timestamp is not None and "root" in d.timestamp:
            self.row(t["timestamp"], t["timestamp_value"].format(**d.timestamp))
        elif d.timestamp is not None:
            self.row(t["timestamp"], t["timestamp_untrusted"].format(**d.timestamp))
        else:
            self.row(t["timestamp"], t["timestamp_none"])
        if not d.photos:
            self.paragraph(t["no_photos"], colour=_GREY)

    def frames(self, frames: list[ReportFrame]) -> None:
        if not frames:
            return
        t = self.t
        self.heading(t["frames"])
        self.paragraph(t["frames_intro"], size=8.5, colour=(40, 40, 40))
        self.picture_grid([(f.picture, f"{f.file}\n" + t["frame_caption"].format(
            t=f.t_s, local=format_local_time(f.captured_at), utc=utc_text(f.captured_at)))
            for f in frames])

    def photos_together(self, photos: list[ReportPhoto]) -> None:
        """One line per refund photo of the claim: what it shows and what the comparison found."""
        if len(photos) < 2:
            return
        t = self.t
        self.pdf.add_page()
        self.heading(t["photos_together"])
        for p in photos:
            self.paragraph(t["photo"].format(n=p.number, name=p.name) + " — " + self._outcome(p), size=9)

    def _outcome(self, p: ReportPhoto) -> str:
        t = self.t
        parts = []
        if p.kind == "opened_box":
            parts.append(t["kind_opened_box"])
        if p.waybills:
            parts.append(t["kind_parcel"].format(codes=", ".join(p.waybills)))
        if p.matches:
            parts.append(t["outcome_match"].format(t=p.matches[0][0], regions=p.regions))
        elif p.kind != "opened_box" and not p.waybills:
            parts.append(t["outcome_no_match"])
        return "; ".join(parts) or t["outcome_no_match"]

    def photo(self, p: ReportPhoto) -> None:
        t, pdf = self.t, self.pdf
        pdf.add_page()
        self.heading(t["photo"].format(n=p.number, name=p.name))
        self.row(t["sha256"], p.sha256, mono=True)
        self.row(t["size"], t["bytes"].format(n=p.bytes))
        # The pictures hold only numbers; the words under each say which part is which and name its file.
        w, h = p.size
        if p.before_closing is not None:
            self.paragraph(t["before_closing"], size=9)
            self.picture(p.before_closing, self.width, t["before_closing_note"].format(
                w=w, h=h, file=f"{p.folder}/before_closing.png"), max_height=70)
            pdf.ln(3)
        if p.side_by_side is not None:  # made only of a matched frame
            t_s, at, _ = p.matches[0]
            self.paragraph(t["beside"], size=9)
            self.picture(p.side_by_side, self.width, t["beside_note"].format(
                w=w, h=h, t=t_s, local=format_local_time(at), file=f"{p.folder}/side_by_side.png"), max_height=95)
            pdf.ln(3)
            boxes = t["heatmap_boxes"] if p.regions else ""
            pairs = [(img, f"{t[name]}\n" + t[f"{name}_note"].format(t=t_s, boxes=boxes,
                                                                      file=f"{p.folder}/{name}.png"))
                     for img, name in ((p.overlay, "overlay"), (p.heatmap, "heatmap")) if img is not None]
            self.picture_grid(pairs)
        else:
            if p.before_closing is None:
                self.paragraph(t["no_match_parcel"] if p.waybills else t["no_match"], colour=_ACCENT)
            self.picture(p.picture, self.width * 0.6, t["photo_alone"], max_height=100)
            pdf.ln(3)
        if p.annotated is not None:
            self.picture(p.annotated, self.width * 0.7, t["annotated"], max_height=110)
            pdf.ln(3)
        if p.matches:
            self.heading(t["matches"], size=11)
            for n, (t_s, at, score) in enumerate(p.matches, 1):
                self.paragraph(f"{n}. " + t["match_row"].format(t=t_s, local=format_local_time(at), score=score),
                               size=8.5)
            self.paragraph(t["regions"].format(n=p.regions), size=8.5)
        self.heading(t["findings"], size=11)
        if not p.findings:
            self.paragraph(t["no_findings"], size=8.5, colour=_GREY)
        params = p.finding_params or [{} for _ in p.findings]
        for (code, severity, message), particulars in zip(p.findings, params):
            title = finding_title(code, self.language)
            label = t.get(f"severity_{severity}", severity)
            head = f"[{label}] {title}: " if title else f"[{label}] "
            said = finding_sentence(code, particulars, self.language) or message
            self.paragraph(head + said, size=8.5, colour=_SEVERITY_COLOUR.get(severity, (0, 0, 0)))

    def photo_numbers(self, photos: list[ReportPhoto]) -> None:
        """The appendix: the numbers behind each photo's plain words (frame scores, region boxes)."""
        if not any(p.match_rows for p in photos):
            return
        t = self.t
        self.pdf.add_page()
        self.heading(t["numbers"])
        self.paragraph(t["numbers_intro"], size=8.5, colour=(40, 40, 40))
        for p in photos:
            if not p.match_rows:
                continue
            self.heading(t["photo"].format(n=p.number, name=p.name), size=10)
            for t_s, score, inliers in p.match_rows:
                self.paragraph(t["numbers_match"].format(t=t_s, score=score, inliers=inliers), size=8)
            for n, (x, y, w, h, delta_e, score) in enumerate(p.region_rows, 1):
                self.paragraph(t["numbers_region"].format(n=n, x=x, y=y, w=w, h=h, delta_e=delta_e, score=score),
                               size=8)

    def how_to_verify(self, d: ReportData) -> None:
        t, pdf = self.t, self.pdf
        pdf.add_page()
        self.heading(t["verify"])
        self.paragraph(t["verify_intro"])
        self.paragraph(t["verify_python"], size=9)
        self.commands(d.verify_commands)
        self.paragraph(t["verify_openssl"], size=9)
        self.commands(d.openssl_commands)
        pdf.ln(2)
        self.paragraph(t["verify_key"].format(fingerprint=group_fingerprint(d.key_fingerprint)), size=9.5,
                       colour=_ACCENT)

    def commands(self, lines: list[str]) -> None:
        pdf = self.pdf
        pdf.set_fill_color(242, 242, 242)
        for line in lines:
            command, _, comment = line.partition("  # ")
            if comment.isascii():
                command, comment = line, ""
            pdf.set_font(_MONO, size=7.5)  # Courier has Latin letters only: a Chinese comment goes below
            pdf.multi_cell(0, 3.6, command.rstrip(), align="L", fill=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            if comment:
                pdf.set_font(_FONT, size=7.5)
                pdf.multi_cell(0, 3.6, "    # " + comment.strip(), align="L", fill=True, new_x=XPos.LMARGIN,
                               new_y=YPos.NEXT)
        pdf.ln(2.5)
