"""Reading an order export (CSV or XLSX) as a header and rows of text, refusing what is not one.

Encodings of CSV files, when none is given: a byte-order mark decides
(UTF-8, UTF-16); otherwise the whole file is tried as UTF-8, then as
GB18030 (which contains GBK and GB2312, what Chinese Excel writes), and the
first that decodes every byte wins. The delimiter (comma, tab, semicolon,
bar) is sniffed from the first lines.

Hostile files get a :class:`BadInputError` before anything is imported: a
binary file, an old ``.xls``, a zip that is not a workbook or would expand to
far more than any export (a zip bomb), more than :data:`MAX_COLUMNS` columns.
"""

from __future__ import annotations

import codecs
import csv
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from packseal.core.errors import BadInputError

MAX_COLUMNS = 1000
MAX_XLSX_UNPACKED = 1 << 30  # 1 GiB of XML: about ten million rows of an order export
MAX_XLSX_RATIO = 200  # XML compresses about 10–30 times; a bomb compresses thousands of times
_SAMPLE = 64 * 1024
_DELIMITERS = ",\t;|"


@dataclass
class Table:
    """A file's header and its rows (row numbers as a spreadsheet shows them, from 1)."""

    header: list[str]
    rows: Iterator[tuple[int, list[str]]]
    kind: str  # "csv" | "xlsx"
    encoding: str = ""  # for CSV: the encoding it was read with
    close: object = None  # a callable that releases the file

    def release(self) -> None:
        if callable(self.close):
            self.close()


def open_table(path: Path, encoding: str | None = None) -> Table:
    """Open ``path`` as a table; BadInputError says why it cannot be one."""
    path = Path(path)
    try:
        with open(path, "rb") as f:
            head = f.read(_SAMPLE)
    except OSError as exc:
        raise BadInputError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    if head.startswith(b"PK\x03\x04"):
        return _open_xlsx(path)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise BadInputError(f"{path.name} is an old Excel workbook (.xls); save it as .xlsx or CSV "
                            "(Excel: File → Save As) and import that.")
    if not head.strip():
        raise BadInputError(f"{path.name} is empty.")
    return _open_csv(path, head, encoding)


# -- CSV -------------------------------------------------------------------------------------
def detect_encoding(path: Path, head: bytes) -> str:
    """The encoding of a text file: its BOM, else UTF-8, else GB18030 (see the module's note)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in head:
        raise BadInputError(f"{path.name} is not a text table (it holds binary data); export the orders "
                            "as CSV or XLSX.")
    for candidate in ("utf-8", "gb18030"):
        if _decodes(path, candidate):
            return candidate
    raise BadInputError(f"{path.name} is neither UTF-8 nor GBK/GB18030 text; if it is a table in another "
                        "encoding, name it (--encoding, e.g. big5), else export the orders as CSV or XLSX.")


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    try:
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _open_csv(path: Path, head: bytes, encoding: str | None) -> Table:
    if encoding:
        try:
            encoding = codecs.lookup(encoding).name
        except LookupError:
            raise BadInputError(f"{encoding!r} is not an encoding Python knows (try utf-8, gb18030, big5).") from None
    else:
        encoding = detect_encoding(path, head)
    sample = head.decode(encoding, errors="ignore")
    _refuse_binary(path, sample)
    delimiter = _sniff(sample)
    f = open(path, encoding=encoding, errors="strict", newline="")
    reader = csv.reader(f, delimiter=delimiter)

    def rows() -> Iterator[tuple[int, list[str]]]:
        try:
            for cells in reader:
                yield reader.line_num, cells
        except UnicodeDecodeError as exc:
            raise BadInputError(f"{path.name}, line {reader.line_num + 1}: not {encoding} text ({exc.reason}); "
                                "name the file's encoding (--encoding).") from exc
        except csv.Error as exc:
            raise BadInputError(f"{path.name}, line {reader.line_num}: {exc}.") from exc

    it = rows()
    try:
        header = _header(path, it)
    except BaseException:
        f.close()
        raise
    return Table(header=header, rows=it, kind="csv", encoding=encoding, close=f.close)


def _refuse_binary(path: Path, sample: str) -> None:
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\r\n")
    if controls > max(8, len(sample) // 100):
        raise BadInputError(f"{path.name} is not a text table (it is full of control characters); "
                            "export the orders as CSV or XLSX.")


def _sniff(sample: str) -> str:
    lines = sample.splitlines()[:20]
    if len(lines) > 1 and not sample.endswith(("\n", "\r")):
        lines = lines[:-1]  # the last line of the sample may be cut
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters=_DELIMITERS).delimiter
    except csv.Error:
        first = lines[0] if lines else ""
        return max(_DELIMITERS, key=first.count) if any(d in first for d in _DELIMITERS) else ","


def _header(path: Path, rows: Iterator[tuple[int, list[str]]]) -> list[str]:
    for _line, cells in rows:
        if len(cells) > MAX_COLUMNS:
            raise BadInputError(f"{path.name} has {len(cells)} columns; an order export has far fewer "
                                f"(PackSeal reads at most {MAX_COLUMNS}). Is it the right file?")
        if any(c.strip() for c in cells):
            return [c.strip().lstrip("\ufeff") for c in cells]
    raise BadInputError(f"{path.name} has no header row (it is empty).")


# -- XLSX ------------------------------------------------------------------------------------
def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise BadInputError(f"{path.name} looks like a zip file but cannot be read as one ({exc}); "
                            "it is not an XLSX workbook.") from exc
    names = {i.filename for i in infos}
    if "xl/workbook.xml" not in names:
        raise BadInputError(f"{path.name} is a zip file but not an Excel workbook (no xl/workbook.xml).")
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if len(infos) > 10_000 or total > MAX_XLSX_UNPACKED or (total > 50 << 20 and total / packed > MAX_XLSX_RATIO):
        raise BadInputError(f"{path.name} would unpack to {total / (1 << 20):.0f} MB from "
                            f"{packed / (1 << 20):.1f} MB: far more than an order export, so it is refused "
                            "(a zip bomb or a damaged file).")


def _open_xlsx(path: Path) -> Table:
    _check_zip(path)
    import openpyxl  # only when a workbook is read: it is not small

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise BadInputError(f"{path.name} cannot be read as an XLSX workbook: {exc}.") from exc
    try:
        sheet = wb.worksheets[0] if wb.worksheets else None
        if sheet is None:
            raise BadInputError(f"{path.name} has no worksheet.")
        if (sheet.max_column or 0) > MAX_COLUMNS:
            raise BadInputError(f"{path.name} has {sheet.max_column} columns; an order export has far fewer "
                                f"(PackSeal reads at most {MAX_COLUMNS}).")

        def rows() -> Iterator[tuple[int, list[str]]]:
            try:
                for number, values in enumerate(sheet.iter_rows(values_only=True), 1):
                    cells = [_cell_text(v) for v in values]
                    while cells and not cells[-1]:
                        cells.pop()  # a workbook's rows are as wide as its widest: drop the empty tail
                    yield number, cells
            except BadInputError:
                raise
            except Exception as exc:
                raise BadInputError(f"{path.name}: the workbook is damaged ({exc}).") from exc

        it = rows()
        header = _header(path, it)
    except BaseException:
        wb.close()
        raise
    return Table(header=header, rows=it, kind="xlsx", close=wb.close)


def _cell_text(value: object) -> str:
    """A cell as the text a person sees (whole numbers without ".0", dates in ISO form)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return str(value)


def read_preview(path: Path, encoding: str | None = None,
                 rows: int = 20) -> tuple[Table, list[tuple[int, list[str]]]]:
    """The header and the first ``rows`` rows with their row numbers (for the import dialog);
    the table is released."""
    table = open_table(path, encoding)
    try:
        first = []
        for number, cells in table.rows:
            first.append((number, cells))
            if len(first) >= rows:
                break
        return table, first
    finally:
        table.release()

