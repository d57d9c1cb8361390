"""Dinas pages for aid (bantuan): the report of aid at risk, on screen and as CSV."""

import csv

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from ikm.imports.sheets import csv_safe
from ikm.models import AID_NOT_IN_USE, Aid, AidCheck
from kelurahan.models import Kecamatan
from portal.districts import in_districts
from portal.roles import require_dinas


def _require_dinas(user) -> None:
    require_dinas(user, "ikm.view_aid")


class AtRiskFilterForm(forms.Form):
    # Kept with its only view, as the training registration form is.
    kecamatan = forms.ModelChoiceField(
        label=gettext_lazy("Kecamatan"),
        queryset=Kecamatan.objects.order_by("name"),
        required=False,
        empty_label=gettext_lazy("Semua kecamatan"),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Jenis bantuan"),
        choices=[("", gettext_lazy("Semua jenis"))] + Aid.Kind.choices,
        required=False,
    )


def _reason(aid: Aid) -> str:
    """Why the aid is on the list, in words; a check that found it unused comes first."""
    if aid.last_status in AID_NOT_IN_USE:
        return _("Terakhir: %(status)s (%(date)s)") % {
            "status": AidCheck.Status(aid.last_status).label.lower(),
            "date": date_format(aid.last_checked_on, "j F Y"),
        }
    if aid.last_checked_on:
        return _("Belum diperiksa sejak %(date)s") % {
            "date": date_format(aid.last_checked_on, "j F Y")
        }
    return _("Belum pernah diperiksa sejak serah terima %(date)s") % {
        "date": date_format(aid.handed_over_on, "j F Y")
    }


def _aid_at_risk(request) -> tuple[AtRiskFilterForm, list[Aid]]:
    """The filter form and the aid at risk it selects, largest value first (one query)."""
    form = AtRiskFilterForm(request.GET or None)
    at_risk = Aid.objects.at_risk(today=timezone.localdate())
    aid = in_districts(at_risk, request.user, "group__kelurahan__kecamatan").select_related(
        "group__kelurahan__kecamatan"
    )
    if form.is_valid():
        if form.cleaned_data["kecamatan"]:
            aid = aid.filter(group__kelurahan__kecamatan=form.cleaned_data["kecamatan"])
        if form.cleaned_data["kind"]:
            aid = aid.filter(kind=form.cleaned_data["kind"])
    elif form.is_bound:
        aid = aid.none()
    rows = list(aid.order_by("-value", "-handed_over_on", "-id"))
    for row in rows:
        row.last_status_label = AidCheck.Status(row.last_status).label if row.last_status else ""
        row.reason = _reason(row)
    return form, rows


@login_required
@require_GET
def aid_at_risk(request):
    """Aid not checked for six months, or found idle, broken or sold at its last check."""
    _require_dinas(request.user)
    form, rows = _aid_at_risk(request)
    return render(
        request,
        "ikm/aid_at_risk.html",
        {
            "form": form,
            "rows": rows,
            "total_value": sum(row.value for row in rows),
            "query_string": request.GET.urlencode(),
        },
    )


def _cell(value):
    """Text that a spreadsheet would run as a formula is written as plain text."""
    return csv_safe(value)


@login_required
@require_GET
def aid_at_risk_csv(request):
    _require_dinas(request.user)
    _form, rows = _aid_at_risk(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="bantuan-berisiko.csv"'
    response.write("\ufeff")  # so that Excel reads the file as UTF-8
    writer = csv.writer(response)
    writer.writerow(
        [
            "kelompok",
            "kelurahan",
            "kecamatan",
            "jenis",
            "barang",
            "jumlah",
            "nilai_rp",
            "tanggal_serah_terima",
            "pemeriksaan_terakhir",
            "keadaan_terakhir",
            "alasan",
        ]
    )
    for row in rows:
        writer.writerow(
            [
                _cell(row.group.name),
                _cell(row.group.kelurahan.name),
                _cell(row.group.kelurahan.kecamatan.name),
                row.get_kind_display(),
                _cell(row.items),
                row.quantity,
                row.value,
                row.handed_over_on.isoformat(),
                row.last_checked_on.isoformat() if row.last_checked_on else "",
                row.last_status_label,
                row.reason,
            ]
        )
    return response
