"""Read an .xlsx workbook or a .csv file the way Dinas staff make them.

Title rows above the header, blank rows and columns anywhere, headers in any case and order,
CSV separated by ';', ',' or tab in UTF-8 (with or without BOM) or Windows-1252. The header
row is the first of the first rows that names enough known columns; the kind of a sheet comes
from its name ("Kelompok", "Anggota", "Produk"), from the form, or from its headers.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.utils.translation import gettext as _

from ikm.imports.columns import SHEET_ORDER, SHEETS, Sheet, header_key

HEADER_SEARCH_ROWS = 10
MIN_HEADER_MATCHES = 2
CSV_DELIMITERS = (";", ",", "\t")
IGNORED_SHEETS = {"petunjuk", "keterangan", "panduan", "instructions"}


class FileUnreadable(Exception):
    """The file is not a spreadsheet the reader understands; the message is for staff."""


@dataclass
class SheetRows:
    kind: str
    title: str
    header_row: int
    columns: dict[int, str]
    unknown: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    rows: list[tuple[int, dict]] = field(default_factory=list)


@dataclass
class FileContents:
    sheets: list[SheetRows] = field(default_factory=list)
    # Whole-file problems (a sheet without a header, a missing required column) and sheets
    # that were left aside, for the preview.
    problems: list[dict] = field(default_factory=list)
    ignored_sheets: list[str] = field(default_factory=list)


def _cell(value):
    if isinstance(value, str):
        value = value.strip()
        # Undo the quote that exports put before text a spreadsheet would run as a formula.
        if len(value) > 1 and value[0] == "'" and value[1] in "=+-@":
            value = value[1:]
        return value or None
    if isinstance(value, time):
        return None if value == time(0) else value.isoformat()
    return value


def _matches(row: list, sheet: Sheet) -> int:
    return sum(1 for cell in row if cell and any(c.matches(cell) for c in sheet.columns))


def _find_header(rows: list[tuple[int, list]], kind: str | None) -> tuple[int, str] | None:
    """Index into `rows` of the header and the sheet kind it belongs to."""
    candidates = [SHEETS[kind]] if kind else [SHEETS[k] for k in SHEET_ORDER]
    for index, (_number, row) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        scores = []
        for sheet in candidates:
            matched = _matches(row, sheet)
            complete = all(any(c.matches(cell) for cell in row if cell) for c in sheet.required)
            scores.append((complete, matched, sheet.kind))
        best = max(scores, key=lambda score: (score[0], score[1]))
        if best[1] >= MIN_HEADER_MATCHES:
            return index, best[2]
    return None


def _sheet_rows(
    rows: list[tuple[int, list]], *, title: str, kind: str | None, contents: FileContents
) -> None:
    rows = [(number, [_cell(v) for v in row]) for number, row in rows]
    rows = [(number, row) for number, row in rows if any(v is not None for v in row)]
    label = title or _("berkas")
    found = _find_header(rows, kind)
    if found is None:
        contents.problems.append(
            {
                "sheet": kind or "",
                "row": None,
                "column": "",
                "message": _(
                    "Baris judul kolom tidak ditemukan di %(sheet)s: dalam %(n)s baris pertama "
                    "tidak ada baris dengan judul kolom yang dikenal (mis. Nama Kelompok, NIK)."
                )
                % {"sheet": label, "n": HEADER_SEARCH_ROWS},
            }
        )
        return
    index, kind = found
    sheet = SHEETS[kind]
    header_number, header = rows[index]
    result = SheetRows(kind=kind, title=title, header_row=header_number, columns={})
    for position, text in enumerate(header):
        if text is None:
            continue
        column = next(
            (c for c in sheet.columns if c.matches(text) and c.key not in result.columns.values()),
            None,
        )
        if column is None:
            result.unknown.append(str(text))
        else:
            result.columns[position] = column.key
    result.missing = [c.header for c in sheet.required if c.key not in result.columns.values()]
    for column_header in result.missing:
        contents.problems.append(
            {
                "sheet": kind,
                "row": header_number,
                "column": column_header,
                "message": _("Kolom wajib '%(column)s' tidak ada di lembar %(sheet)s.")
                % {"column": column_header, "sheet": sheet.title},
            }
        )
    for number, row in rows[index + 1 :]:
        values = {
            key: row[position] for position, key in result.columns.items() if position < len(row)
        }
        if any(v is not None for v in values.values()):
            result.rows.append((number, values))
    contents.sheets.append(result)


def _sheet_kind_by_title(title: str) -> str | None:
    return next((k for k in SHEET_ORDER if SHEETS[k].matches_title(title)), None)


def read_xlsx(data: bytes, *, kind: str | None = None) -> FileContents:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not .xlsx
        raise FileUnreadable(
            _("Berkas ini tidak dapat dibaca sebagai .xlsx. Simpan ulang dari Excel.")
        ) from error
    contents = FileContents()
    try:
        worksheets = [ws for ws in workbook.worksheets if hasattr(ws, "iter_rows")]
        single = len([ws for ws in worksheets if header_key(ws.title) not in IGNORED_SHEETS]) == 1
        for worksheet in worksheets:
            if header_key(worksheet.title) in IGNORED_SHEETS:
                continue
            sheet_kind = _sheet_kind_by_title(worksheet.title) or (kind if single else None)
            rows = []
            for number, row in enumerate(worksheet.iter_rows(values_only=True), start=1):
                rows.append((number, list(row)))
            if (
                sheet_kind is None
                and _find_header([(n, [_cell(v) for v in r]) for n, r in rows if any(r)], None)
                is None
            ):
                contents.ignored_sheets.append(worksheet.title)
                continue
            _sheet_rows(rows, title=worksheet.title, kind=sheet_kind, contents=contents)
    finally:
        workbook.close()
    return contents


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV" in the ANSI code page, Windows-1252 for Indonesian.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


def _csv_rows(text: str, delimiter: str) -> list[tuple[int, list]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    for row in reader:
        rows.append((reader.line_num, row))
    return rows


def read_csv(data: bytes, *, kind: str | None = None) -> FileContents:
    if b"\x00" in data[:4096]:
        raise FileUnreadable(_("Berkas ini bukan CSV teks. Unggah .xlsx atau .csv."))
    text = _decode(data)
    best = None
    for delimiter in CSV_DELIMITERS:
        rows = _csv_rows(text, delimiter)
        cleaned = [(n, [_cell(v) for v in r]) for n, r in rows]
        cleaned = [(n, r) for n, r in cleaned if any(v is not None for v in r)]
        found = _find_header(cleaned, kind)
        score = _matches(cleaned[found[0]][1], SHEETS[found[1]]) if found else -1
        if best is None or score > best[0]:
            best = (score, rows)
    contents = FileContents()
    _sheet_rows(best[1], title="", kind=kind, contents=contents)
    return contents


def read_file(*, name: str, data: bytes, kind: str | None = None) -> FileContents:
    """The sheets of an uploaded file, by its extension (.xlsx or .csv)."""
    lower = name.lower()
    if lower.endswith((".xlsx", ".xlsm")):
        return read_xlsx(data, kind=kind)
    if lower.endswith((".csv", ".txt")):
        return read_csv(data, kind=kind)
    raise FileUnreadable(
        _("Jenis berkas tidak didukung: unggah .xlsx (Excel) atau .csv. Berkas .xls lama: "
          "simpan ulang sebagai .xlsx.")
    )  # fmt: skip


def json_value(value):
    """A cell value as JSON can keep it; dates become {"date": "2018-04-03"}."""
    if isinstance(value, datetime):
        return {"date": value.date().isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    return value


def from_json_value(value):
    if isinstance(value, dict) and "date" in value:
        return date.fromisoformat(value["date"])
    return value
