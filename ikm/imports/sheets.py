"""Write rows under the import columns as .xlsx or .csv: the exports and the template.

CSV: UTF-8 with a BOM and ';' between cells, which Excel set to Indonesian (where the comma is
the decimal mark) opens straight into columns. Text that a spreadsheet would run as a formula
(= + - @ at the start) gets a leading apostrophe in CSV, and is stored as plain text in .xlsx;
the import reader takes the apostrophe off again, so an export re-imports cleanly.
"""

import csv
import io
from collections.abc import Iterable
from datetime import date

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from ikm.imports.columns import Column

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_DELIMITER = ";"


def csv_safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_csv(columns: list[Column], rows: Iterable[list]) -> bytes:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow([column.header for column in columns])
    for row in rows:
        writer.writerow(
            [
                value.strftime("%d/%m/%Y") if isinstance(value, date) else csv_safe(value)
                for value in row
            ]
        )
    return out.getvalue().encode("utf-8")


def _text_cell(sheet, value, *, bold=False):
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text, not a formula
    if bold:
        cell.font = Font(bold=True)
    return cell


def add_sheet(workbook, title: str, columns: list[Column], rows: Iterable[list], *, note=None):
    sheet = workbook.create_sheet(title)
    for index, column in enumerate(columns):
        sheet.column_dimensions[_letter(index)].width = column.width
    if note:
        sheet.append([_text_cell(sheet, str(note), bold=True)])
    sheet.append([_text_cell(sheet, column.header, bold=True) for column in columns])
    for row in rows:
        cells = []
        for column, value in zip(columns, row, strict=True):
            cell = _text_cell(sheet, value)
            if isinstance(value, date):
                cell.number_format = "DD/MM/YYYY"
            elif column.key in ("nik", "nib", "phone", "whatsapp"):
                cell.number_format = "@"  # stays text when staff edit and save the file
            cells.append(cell)
        sheet.append(cells)
    return sheet


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def new_workbook() -> Workbook:
    return Workbook(write_only=True)


def workbook_bytes(workbook: Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
