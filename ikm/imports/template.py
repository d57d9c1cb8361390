"""The import template: one sheet per kind with the headers and an example row, and Petunjuk.

The example names a theme and a kelurahan that exist in this portal when there are any, so
that the template imports as it is.
"""

from django.conf import settings
from django.utils.translation import gettext as _

from ikm.imports.columns import KELOMPOK, SHEET_ORDER, SHEETS
from ikm.imports.sheets import add_sheet, new_workbook, workbook_bytes, write_csv
from ikm.models import Theme
from kelurahan.models import Kelurahan


def _example(kind: str) -> list:
    values = {column.key: column.example for column in SHEETS[kind].columns}
    theme = Theme.objects.order_by("name").first()
    kelurahan = Kelurahan.objects.in_area(settings.CITY_CODE).order_by("code").first()
    if theme and kind == KELOMPOK:
        values["theme"] = theme.name
    if kelurahan:
        values["kelurahan"] = kelurahan.name
    return [values[column.key] for column in SHEETS[kind].columns]


def _instructions() -> list[list]:
    lines = [
        [_("Petunjuk mengisi berkas impor")],
        [""],
        [_("Isi lembar Kelompok, Anggota dan Produk. Lembar yang tidak dipakai boleh dihapus.")],
        [_("Judul kolom boleh ditulis dengan huruf besar atau kecil dan dalam urutan apa pun.")],
        [_("Kolom bertanda * wajib diisi. Kolom lain yang tidak dikenal diabaikan.")],
        [_("Kelompok yang sudah ada (nama dan kelurahan sama) diperbarui, bukan digandakan.")],
        [_("Sel yang kosong tidak menghapus data yang sudah ada di portal.")],
        [_("Baris contoh boleh ditimpa atau dihapus.")],
        [""],
    ]
    for kind in SHEET_ORDER:
        sheet = SHEETS[kind]
        lines.append([sheet.title])
        for column in sheet.columns:
            header = column.header + (" *" if column.required else "")
            lines.append([header, str(column.hint)])
        lines.append([""])
    return lines


def template_xlsx() -> bytes:
    workbook = new_workbook()
    for kind in SHEET_ORDER:
        add_sheet(workbook, SHEETS[kind].title, list(SHEETS[kind].columns), [_example(kind)])
    instructions = workbook.create_sheet(_("Petunjuk"))
    instructions.column_dimensions["A"].width = 28
    instructions.column_dimensions["B"].width = 80
    for line in _instructions():
        instructions.append(line)
    return workbook_bytes(workbook)


def template_csv(kind: str) -> bytes:
    return write_csv(list(SHEETS[kind].columns), [_example(kind)])
