"""Exports of groups, members and products, as .xlsx or .csv, with the user's rights applied.

Dinas staff export the whole city; a bank supervisor the groups of their lender and a mentor
their own groups (financing.access.groups_for), without members' NIK, phone and address.
Every export of members is kept in the audit trail (portal.audit).
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from financing.access import groups_for, is_mentor, is_supervisor
from ikm.imports.columns import ANGGOTA, KELOMPOK, PRODUK, SHEETS
from ikm.imports.exports import export_columns, export_rows
from ikm.imports.sheets import add_sheet, new_workbook, workbook_bytes, write_csv
from ikm.models import BusinessGroup, Theme
from ikm.views.imports import XLSX
from kelurahan.models import Kecamatan, Kelurahan
from portal.audit import audit_record
from portal.districts import in_districts
from portal.models import AuditEvent
from portal.roles import is_dinas, require_dinas

# What the export links offer, in the order pages list them.
EXPORT_KINDS = [
    (KELOMPOK, gettext_lazy("Kelompok usaha")),
    (ANGGOTA, gettext_lazy("Anggota kelompok")),
    (PRODUK, gettext_lazy("Produk")),
]


class ExportFilterForm(forms.Form):
    kecamatan = forms.ModelChoiceField(
        queryset=Kecamatan.objects.all(), to_field_name="code", required=False
    )
    kelurahan = forms.ModelChoiceField(
        queryset=Kelurahan.objects.all(), to_field_name="code", required=False
    )
    tema = forms.ModelChoiceField(
        queryset=Theme.objects.all(), to_field_name="slug", required=False
    )


def _groups_for_export(user, kind: str):
    if is_dinas(user):
        require_dinas(user, "ikm.view_member" if kind == ANGGOTA else "ikm.view_businessgroup")
        return in_districts(BusinessGroup.objects.all(), user, "kelurahan__kecamatan")
    if is_supervisor(user) or is_mentor(user):
        return groups_for(user)
    raise PermissionDenied


@login_required
@require_GET
def export(request, kind: str, fmt: str):
    groups = _groups_for_export(request.user, kind)
    form = ExportFilterForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Pilihan kecamatan, kelurahan atau tema tidak dikenal."))
    if form.cleaned_data["kecamatan"]:
        groups = groups.filter(kelurahan__kecamatan=form.cleaned_data["kecamatan"])
    if form.cleaned_data["kelurahan"]:
        groups = groups.filter(kelurahan=form.cleaned_data["kelurahan"])
    if form.cleaned_data["tema"]:
        groups = groups.filter(theme=form.cleaned_data["tema"])

    columns, restricted = export_columns(kind, user=request.user)
    rows = export_rows(kind, groups=groups, columns=columns)
    if kind == ANGGOTA:
        audit_record(
            action=AuditEvent.Action.PERSONAL_DATA_EXPORT,
            request=request,
            target=f"{kind}.{fmt}",
            detail={
                "rows": len(rows),
                "personal_columns": [c.header for c in columns if c.personal],
                "filters": {key: value for key, value in request.GET.items() if value},
            },
        )
    name = kind + ("-tanpa-data-pribadi" if restricted else "")
    filename = f"{name}-{timezone.localdate():%Y%m%d}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(write_csv(columns, rows), content_type="text/csv; charset=utf-8")
    else:
        workbook = new_workbook()
        note = (
            _("Tanpa NIK, telepon dan alamat anggota: data pribadi hanya untuk Dinas.")
            if restricted
            else None
        )
        add_sheet(workbook, SHEETS[kind].title, columns, rows, note=note)
        response = HttpResponse(workbook_bytes(workbook), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
