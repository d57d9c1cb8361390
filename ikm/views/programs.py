"""Dinas pages on programs: each road map's plan set against what the groups really did."""

import datetime

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ikm.charts import plan_reality_chart
from ikm.models import BusinessGroup, Enrolment, Program, Stage, StageProgress, Theme
from ikm.services.programs import (
    DONE_LATE,
    DONE_ON_PLAN,
    LATE,
    ON_PLAN,
    Cell,
    StageSummary,
    classify,
    plan_versus_reality,
    programs_overview,
)
from kelurahan.forms import KecamatanChoiceField
from kelurahan.models import Kecamatan
from portal.caching import cached_figures
from portal.districts import in_districts
from portal.roles import require_dinas

GROUPS_PER_PAGE = 50


class ProgramFilterForm(forms.Form):
    kecamatan = KecamatanChoiceField(
        Kecamatan.objects.none(),
        to_field_name="code",
        required=False,
        label=_("Kecamatan"),
        empty_label=_("Semua kecamatan"),
    )
    tema = forms.ModelChoiceField(
        Theme.objects.none(),
        to_field_name="slug",
        required=False,
        label=_("Tema industri"),
        empty_label=_("Semua tema"),
    )

    def __init__(self, *args, program: Program, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.program, self.user = program, user
        # Only the places and themes of the user's groups in this program, so no choice
        # gives nothing.
        enrolled = in_districts(
            BusinessGroup.objects.filter(enrolments__program=program),
            user,
            "kelurahan__kecamatan",
        )
        self.fields["kecamatan"].queryset = enrolled.kecamatan_holding()
        self.fields["tema"].queryset = Theme.objects.filter(groups__in=enrolled).distinct()

    def enrolments(self) -> QuerySet[Enrolment]:
        """The program's enrolments in the user's districts, of the chosen kecamatan and
        theme; all of them when the form is not valid.

        Conditions on the enrolments' groups rather than `group__in` a queryset of groups,
        which made PostgreSQL read the ids of every group in the province for each query.
        """
        enrolments = in_districts(
            Enrolment.objects.filter(program=self.program), self.user, "group__kelurahan__kecamatan"
        )
        if not self.is_valid():
            return enrolments
        if kecamatan := self.cleaned_data.get("kecamatan"):
            enrolments = enrolments.filter(group__kelurahan__kecamatan_id=kecamatan.code)
        if theme := self.cleaned_data.get("tema"):
            enrolments = enrolments.filter(group__theme=theme)
        return enrolments


def _require_dinas(user) -> None:
    require_dinas(user, "ikm.view_stageprogress")


@login_required
def program_list(request):
    """Every program with, per stage, how many groups are on plan, late or done."""
    _require_dinas(request.user)
    today = timezone.localdate()
    standings = cached_figures(
        "programs-overview", (today,), lambda: programs_overview(today=today)
    )
    return render(request, "ikm/program_list.html", {"standings": standings})


@login_required
def program_detail(request, pk: int):
    """One program's plan versus reality, for the groups of a kecamatan and/or a theme.

    The timeline and the table show a page of groups; the summary counts every enrolled
    group that matches the filters. A fixed number of queries whatever the number of groups.
    """
    _require_dinas(request.user)
    program = get_object_or_404(Program.objects.all(), pk=pk)
    filters = request.GET.copy()
    page_number = filters.pop("page", [None])[-1]
    form = ProgramFilterForm(filters or None, program=program, user=request.user)
    enrolments = form.enrolments()
    # Ordered as plan_versus_reality orders its rows, so a page's rows come in page order.
    group_ids = enrolments.order_by("group__name", "group_id").values_list("group_id", flat=True)
    page_obj = Paginator(group_ids, GROUPS_PER_PAGE).get_page(page_number)
    today = timezone.localdate()
    report = plan_versus_reality(
        program=program,
        groups_qs=BusinessGroup.objects.filter(pk__in=list(page_obj.object_list)),
        today=today,
    )
    return render(
        request,
        "ikm/program_detail.html",
        {
            "program": program,
            "form": form,
            "filtered": form.is_valid() and any(form.cleaned_data.values()),
            "report": report,
            "summary": _summary(
                stages=report.stages,
                enrolments=enrolments,
                enrolled=page_obj.paginator.count,
                today=today,
            ),
            "chart": plan_reality_chart(report),
            "page_obj": page_obj,
            "query_string": filters.urlencode(),
        },
    )


_SUMMARY_FIELDS = {
    DONE_ON_PLAN: "done_on_plan",
    DONE_LATE: "done_late",
    LATE: "late",
    ON_PLAN: "on_plan",
}


def _summary(
    *, stages: list[Stage], enrolments: QuerySet[Enrolment], enrolled: int, today: datetime.date
) -> list[StageSummary]:
    """The counts per stage over all `enrolments` (`enrolled` of them), not only a page.

    One query: the progress rows grouped by what classifies them, a few dozen rows
    whatever the number of groups, each classified as plan_versus_reality classifies a
    cell. An enrolment without a row for a stage is "belum" in the stage's year.
    """
    summaries = {stage.pk: StageSummary(stage) for stage in stages}
    without_row = dict.fromkeys(summaries, enrolled)
    combinations = (
        StageProgress.objects.filter(enrolment__in=enrolments)
        .order_by()
        .values("stage_id", "status", "planned_year", completed_year=ExtractYear("completed_on"))
        .annotate(count=Count("pk"))
    )
    for combination in combinations:
        summary = summaries.get(combination["stage_id"])
        if summary is None:  # a stage of another program
            continue
        year = combination["completed_year"]
        # Only the completion's year tells on plan from late.
        completed_on = datetime.date(year, 1, 1) if year is not None else None
        _add(
            summary,
            status=combination["status"],
            planned_year=combination["planned_year"],
            completed_on=completed_on,
            today=today,
            count=combination["count"],
        )
        without_row[summary.stage.pk] -= combination["count"]
    for stage_pk, count in without_row.items():
        summary = summaries[stage_pk]
        _add(
            summary,
            status=StageProgress.Status.NOT_STARTED,
            planned_year=summary.stage.year,
            completed_on=None,
            today=today,
            count=count,
        )
    return list(summaries.values())


def _add(
    summary: StageSummary,
    *,
    status: str,
    planned_year: int,
    completed_on: datetime.date | None,
    today: datetime.date,
    count: int,
) -> None:
    cell = Cell(
        stage=summary.stage,
        planned_year=planned_year,
        started_on=None,
        completed_on=completed_on,
        status=status,
        classification=classify(
            status=status, planned_year=planned_year, completed_on=completed_on, today=today
        ),
        slip=0,
    )
    field = _SUMMARY_FIELDS[cell.category]
    setattr(summary, field, getattr(summary, field) + count)
