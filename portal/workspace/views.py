"""The Dinas dashboard and the program evaluation report (HTML preview and PDF)."""

import csv

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from ikm.imports.sheets import csv_safe
from ikm.models import Program
from kelurahan.forms import KecamatanChoiceField
from kelurahan.models import Kecamatan
from portal.caching import BESIDES_VISITS, cached_figures, cached_page_for_user
from portal.districts import require_kecamatan, staff_districts
from portal.formatting import rupiah
from portal.pdf import pdf_response
from portal.roles import is_dinas_with, require_dinas
from portal.workspace import charts
from portal.workspace.figures import (
    city_kecamatan,
    dashboard_figures_besides_visits,
    dashboard_years,
    evaluation_figures_besides_visits,
    evaluation_mentoring,
    group_register,
    groups_of_year,
    visit_figures,
)

FIGURES_PERMISSION = "ikm.view_businessgroup"


def _require_dinas(user) -> None:
    require_dinas(user, FIGURES_PERMISSION)


class FigureFilterForm(forms.Form):
    """Year and area of the figures; the report adds the program when a year has several."""

    tahun = forms.TypedChoiceField(label=_("Tahun"), coerce=int)
    kecamatan = KecamatanChoiceField(
        label=_("Kecamatan"),
        queryset=Kecamatan.objects.none(),
        required=False,
        empty_label=_("Seluruh kota"),
        to_field_name="code",
    )
    program = forms.ModelChoiceField(
        label=_("Program"),
        queryset=Program.objects.none(),
        required=False,
        empty_label=_("Semua program tahun itu"),
    )

    def __init__(self, data=None, *, user, with_program: bool = False):
        self.today = timezone.localdate()
        data = data.copy() if data else {}
        data.setdefault("tahun", str(self.today.year))
        districts = staff_districts(user)
        if districts is not None:
            # An officer of some kecamatan sees their figures, one kecamatan at a time;
            # another kecamatan, asked for by address, does not exist for them.
            require_kecamatan(user, data.get("kecamatan") or min(districts))
            data.setdefault("kecamatan", min(districts))
        super().__init__(data)
        self.districts = districts
        self.fields["tahun"].choices = [(y, y) for y in dashboard_years(today=self.today)]
        self.fields["kecamatan"].queryset = city_kecamatan()
        if districts is not None:
            self.fields["kecamatan"].queryset = city_kecamatan().filter(code__in=districts)
            self.fields["kecamatan"].required = True
            self.fields["kecamatan"].empty_label = None
        if with_program:
            self.fields["program"].queryset = Program.objects.order_by("-start_year", "name")
        else:
            del self.fields["program"]

    def chosen(self) -> tuple[int, Kecamatan | None, Program | None]:
        """The valid choices, or this year over the whole city (the officer's first
        kecamatan for staff limited to some)."""
        if not self.is_valid():
            area = None
            if self.districts is not None:
                area = Kecamatan.objects.get(code=min(self.districts))
            return self.today.year, area, None
        data = self.cleaned_data
        return data["tahun"], data["kecamatan"], data.get("program")


def _charts(figures, *, aid_by_year=()) -> dict:
    """The charts of dashboard figures or of an evaluation area: the same in both."""
    return {
        "members": charts.members_chart(figures.groups, chart_id="chart-members"),
        "aid_source": charts.aid_source_chart(figures.aid, chart_id="chart-aid-source"),
        "aid_use": charts.aid_use_chart(figures.aid, chart_id="chart-aid-use"),
        "aid_year": charts.aid_year_chart(aid_by_year, chart_id="chart-aid-year"),
        "credit": charts.credit_chart(figures.credit, chart_id="chart-credit"),
        "road_map": [
            (progress, charts.road_map_chart(progress, chart_id=f"chart-road-map-{n}"))
            for n, progress in enumerate(figures.road_map)
        ],
    }


@login_required
@require_GET
def dashboard(request):
    """The Dinas home page: the program's figures for a year and an area."""
    return cached_page_for_user(
        request,
        lambda: _dashboard_page(request),
        allowed=lambda: is_dinas_with(request.user, FIGURES_PERMISSION),
    )


def _kept_apart_from_visits(name: str, parts: tuple, besides_visits, visits):
    """Figures kept in two parts: `besides_visits()` until a change other than a visit,
    `visits()` until any change; the first part `.with_visits` the second."""
    kept = cached_figures(name, parts, besides_visits, scope=BESIDES_VISITS)
    return kept.with_visits(cached_figures(f"{name}-visits", parts, visits))


def _dashboard_page(request):
    form = FigureFilterForm(request.GET, user=request.user)
    year, kecamatan, _program = form.chosen()
    chosen = {"year": year, "kecamatan": kecamatan, "today": form.today}
    figures = _kept_apart_from_visits(
        "dashboard",
        (year, kecamatan and kecamatan.code, form.today),
        lambda: dashboard_figures_besides_visits(**chosen),
        lambda: visit_figures(**chosen),
    )
    return render(
        request,
        "workspace/dashboard.html",
        {
            "form": form,
            "figures": figures,
            "charts": _charts(figures, aid_by_year=figures.aid_by_year),
            "query_string": request.GET.urlencode(),
        },
    )


def _evaluation_context(request) -> dict:
    form = FigureFilterForm(request.GET, user=request.user, with_program=True)
    year, kecamatan, program = form.chosen()
    report = _kept_apart_from_visits(
        "evaluation",
        (year, kecamatan and kecamatan.code, program and program.pk, form.today),
        lambda: evaluation_figures_besides_visits(
            year=year, kecamatan=kecamatan, program=program, today=form.today
        ),
        lambda: evaluation_mentoring(year=year, kecamatan=kecamatan, today=form.today),
    )
    return {
        "form": form,
        "report": report,
        "charts": {**_charts(report.total), "aid_area": _aid_area_chart(report.areas)},
        "query_string": request.GET.urlencode(),
        "printed_at": timezone.localtime(),
    }


# Bars a chart of aid per kecamatan shows at most: a province's 576 made a chart pages long.
AID_AREA_BARS_AT_MOST = 30


def _aid_area_chart(areas) -> str:
    rows = [(area.name, area.aid.handed_over.value) for area in areas]
    title = _("Nilai bantuan per kecamatan")
    if len(rows) > AID_AREA_BARS_AT_MOST:
        rows = sorted(rows, key=lambda row: row[1], reverse=True)[:AID_AREA_BARS_AT_MOST]
        title = _("Nilai bantuan per kecamatan: %(shown)s terbesar dari %(areas)s") % {
            "shown": AID_AREA_BARS_AT_MOST,
            "areas": len(areas),
        }
    return charts.bar_chart(rows, chart_id="chart-aid-area", title=title, format_value=rupiah)


@login_required
@require_GET
def evaluation(request):
    """The evaluation report on screen, with the filter form and a link to its PDF."""
    _require_dinas(request.user)
    return render(request, "workspace/evaluation.html", _evaluation_context(request))


class _Line:
    """A file-like csv.writer target that hands each written line back."""

    def write(self, line: str) -> str:
        return line


@login_required
@require_GET
def evaluation_register_csv(request):
    """The report's appendix, every active group of the area, as a spreadsheet file: the
    only form of it for an area with more groups than a printed appendix holds."""
    _require_dinas(request.user)
    form = FigureFilterForm(request.GET, user=request.user)
    year, kecamatan, _program = form.chosen()
    as_of, _groups, active = groups_of_year(year, kecamatan, today=form.today)
    rows = group_register(active, as_of=as_of)
    writer = csv.writer(_Line())
    header = [
        _("No."), _("Kelompok"), _("Kode kelurahan"), _("Kelurahan"), _("Kecamatan"),
        _("Tema"), _("Anggota"), _("Tenaga kerja"), _("Mentor"),
    ]  # fmt: skip

    def lines():
        yield "\ufeff"  # so that Excel reads the file as UTF-8
        yield writer.writerow([str(title) for title in header])
        for number, row in enumerate(rows, start=1):
            group = row.group
            yield writer.writerow(
                [
                    number,
                    csv_safe(group.name),
                    group.kelurahan_id,
                    csv_safe(group.kelurahan.name),
                    csv_safe(group.kelurahan.kecamatan.name),
                    csv_safe(group.theme.name) if group.theme else "",
                    row.members,
                    group.workforce,
                    _("ada") if row.mentored else _("belum"),
                ]
            )

    area = f"-{slugify(kecamatan.name)}" if kecamatan else ""
    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kelompok-aktif-{year}{area}.csv"'
    return response


@login_required
@require_GET
def evaluation_pdf(request):
    """The same report as an official PDF (templates/reports/evaluation.html)."""
    _require_dinas(request.user)
    context = _evaluation_context(request)
    report = context["report"]
    area = f"-{slugify(report.kecamatan.name)}" if report.kecamatan else ""
    return pdf_response(
        request,
        template_name="reports/evaluation.html",
        context=context,
        filename=f"evaluasi-program-{report.year}{area}.pdf",
    )
