"""Dinas pages for aid (bantuan): the report of aid at risk, on screen and as CSV."""

import csv
import functools
from collections.abc import Callable, Iterable, Iterator
from datetime import date

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet, Sum
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from ikm.imports.sheets import csv_safe
from ikm.models import AID_NOT_IN_USE, Aid, AidCheck
from kelurahan.forms import KecamatanChoiceField
from kelurahan.models import Kecamatan
from portal.districts import in_districts
from portal.roles import require_dinas

AID_PER_PAGE = 50
ORDER = ("-value", "-handed_over_on", "-id")  # largest value first
SHOWN_FIELDS = (
    "kind",
    "items",
    "quantity",
    "value",
    "handed_over_on",
    "last_checked_on",
    "last_status",
    "group__name",
    "group__kelurahan__name",
    "group__kelurahan__kecamatan__name",
)


def _require_dinas(user) -> None:
    require_dinas(user, "ikm.view_aid")


class AtRiskFilterForm(forms.Form):
    # Kept with its only view, as the training registration form is.
    kecamatan = KecamatanChoiceField(
        label=gettext_lazy("Kecamatan"),
        queryset=Kecamatan.objects.none(),
        required=False,
        empty_label=gettext_lazy("Semua kecamatan"),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Jenis bantuan"),
        choices=[("", gettext_lazy("Semua jenis"))] + Aid.Kind.choices,
        required=False,
    )

    def __init__(self, data=None, *, user):
        super().__init__(data)
        self.fields["kecamatan"].queryset = in_districts(
            Kecamatan.objects.order_by("name"), user, "code"
        )


def _reason(aid: Aid, *, status_label: dict[str, str], long_date: Callable[[date], str]) -> str:
    """Why the aid is on the list, in words; a check that found it unused comes first."""
    if aid.last_status in AID_NOT_IN_USE:
        return _("Terakhir: %(status)s (%(date)s)") % {
            "status": status_label[aid.last_status].lower(),
            "date": long_date(aid.last_checked_on),
        }
    if aid.last_checked_on:
        return _("Belum diperiksa sejak %(date)s") % {"date": long_date(aid.last_checked_on)}
    return _("Belum pernah diperiksa sejak serah terima %(date)s") % {
        "date": long_date(aid.handed_over_on)
    }


def _aid_at_risk(request) -> tuple[AtRiskFilterForm, QuerySet]:
    """The filter form and the aid at risk it selects within the user's kecamatan, largest
    value first, with the last check (`last_checked_on`, `last_status`) and the group and
    its place. A queryset: the page takes a slice of it, the CSV iterates over it."""
    form = AtRiskFilterForm(request.GET or None, user=request.user)
    at_risk = Aid.objects.at_risk(today=timezone.localdate())
    aid = in_districts(at_risk, request.user, "group__kelurahan__kecamatan")
    if form.is_valid():
        if form.cleaned_data["kecamatan"]:
            aid = aid.filter(group__kelurahan__kecamatan=form.cleaned_data["kecamatan"])
        if form.cleaned_data["kind"]:
            aid = aid.filter(kind=form.cleaned_data["kind"])
    elif form.is_bound:
        aid = aid.none()
    return form, aid.order_by(*ORDER)


def _described(rows: Iterable[Aid]) -> Iterator[Aid]:
    """Each aid with the labels of its kind and last check and the reason it is at risk.

    Labels and dates are worded once each, not once a row: a CSV has tens of thousands of
    rows, and Django's get_FOO_display() and date_format() took most of its time.
    """
    kind_label = {value: str(label) for value, label in Aid.Kind.choices}
    status_label = {value: str(label) for value, label in AidCheck.Status.choices}
    long_date = functools.cache(lambda day: date_format(day, "j F Y"))
    for row in rows:
        row.kind_label = kind_label[row.kind]
        row.last_status_label = status_label.get(row.last_status, "")
        row.reason = _reason(row, status_label=status_label, long_date=long_date)
        yield row


@login_required
@require_GET
def aid_at_risk(request):
    """Aid not checked for six months, or found idle, broken or sold at its last check.

    A page of AID_PER_PAGE rows in three queries whatever the number of rows: the count
    and value of all of them, the ids of the page, and those rows in full.
    """
    _require_dinas(request.user)
    form, aid = _aid_at_risk(request)
    totals = aid.aggregate(count=Count("pk"), value=Sum("value"))
    paginator = Paginator(aid.values_list("pk", flat=True), AID_PER_PAGE)
    paginator.count = totals["count"]  # known already: no second pass over every row
    page_obj = paginator.get_page(request.GET.get("page"))
    rows = (
        Aid.objects.filter(pk__in=list(page_obj))
        .select_related("group__kelurahan__kecamatan")
        .only(*SHOWN_FIELDS)
        .order_by(*ORDER)
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "ikm/aid_at_risk.html",
        {
            "form": form,
            "page_obj": page_obj,
            "rows": list(_described(rows)),
            "total_count": totals["count"],
            "total_value": totals["value"] or 0,
            "query_string": query.urlencode(),
        },
    )


def _cell(value):
    """Text that a spreadsheet would run as a formula is written as plain text."""
    return csv_safe(value)


class _Line:
    """A file-like csv.writer target that hands each written line back."""

    def write(self, line: str) -> str:
        return line


CSV_HEADER = [
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


def _csv_lines(aid: QuerySet) -> Iterator[str]:
    """The file line by line, reading the rows from the database 2,000 at a time."""
    writer = csv.writer(_Line())
    yield "\ufeff"  # so that Excel reads the file as UTF-8
    yield writer.writerow(CSV_HEADER)
    for row in _described(aid.iterator(chunk_size=2000)):
        yield writer.writerow(
            [
                _cell(row.group.name),
                _cell(row.group.kelurahan.name),
                _cell(row.group.kelurahan.kecamatan.name),
                row.kind_label,
                _cell(row.items),
                row.quantity,
                row.value,
                row.handed_over_on.isoformat(),
                row.last_checked_on.isoformat() if row.last_checked_on else "",
                row.last_status_label,
                row.reason,
            ]
        )


@login_required
@require_GET
def aid_at_risk_csv(request):
    """Every row of the report, streamed: the file is written as the rows arrive."""
    _require_dinas(request.user)
    _form, aid = _aid_at_risk(request)
    rows = aid.select_related("group__kelurahan__kecamatan").only(*SHOWN_FIELDS)
    language = translation.get_language()

    def lines():
        # Written after the view has returned, when the middleware's choice of language no
        # longer holds: the labels, reasons and month names stay in the user's language.
        with translation.override(language):
            yield from _csv_lines(rows)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="bantuan-berisiko.csv"'
    return response
