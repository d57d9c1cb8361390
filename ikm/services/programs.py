"""A program's road map set against what its groups really did: plan versus reality.

Each (group, stage) pair is classified on a given day:
- "selesai": done, either on plan (completed in or before the planned year) or late;
- "terlambat": not done and the planned year has passed, or postponed (tertunda);
- "sesuai rencana": not done, and the planned year has not passed yet;
- "belum dimulai": not started and planned for a later year (counted as on plan).

A group enrolled in the program without a StageProgress row for a stage counts as "belum"
with the stage's year as its planned year: the road map is the plan until staff change it.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db import models
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from ikm.models import BusinessGroup, Enrolment, Program, Stage, StageProgress

Status = StageProgress.Status


class Classification(models.TextChoices):
    DONE = "selesai", _("Selesai")
    LATE = "terlambat", _("Terlambat")
    ON_PLAN = "sesuai rencana", _("Sesuai rencana")
    NOT_STARTED = "belum dimulai", _("Belum dimulai")


# What the chart and the tables colour a cell by: done splits in two, on plan absorbs
# "belum dimulai".
DONE_ON_PLAN, DONE_LATE, LATE, ON_PLAN = "done-on-plan", "done-late", "late", "on-plan"
CATEGORY_LABELS = {
    DONE_ON_PLAN: _("Selesai sesuai rencana"),
    DONE_LATE: _("Selesai terlambat"),
    LATE: _("Terlambat, belum selesai"),
    ON_PLAN: _("Sesuai rencana"),
}


def classify(
    *, status: str, planned_year: int, completed_on: date | None, today: date
) -> Classification:
    if status == Status.DONE and completed_on is not None:
        return Classification.DONE
    if status == Status.POSTPONED or today.year > planned_year:
        return Classification.LATE
    if status == Status.NOT_STARTED and planned_year > today.year:
        return Classification.NOT_STARTED
    return Classification.ON_PLAN


@dataclass(frozen=True)
class Cell:
    """One group's standing on one stage."""

    stage: Stage
    planned_year: int
    started_on: date | None
    completed_on: date | None
    status: str
    classification: Classification
    slip: int  # whole years past the planned year, 0 when on time

    @property
    def done_on_plan(self) -> bool | None:
        """For a done stage, whether it was done on plan; None when not done."""
        if self.classification != Classification.DONE:
            return None
        return self.completed_on.year <= self.planned_year

    @property
    def category(self) -> str:
        if self.classification == Classification.DONE:
            return DONE_ON_PLAN if self.done_on_plan else DONE_LATE
        if self.classification == Classification.LATE:
            return LATE
        return ON_PLAN

    @property
    def category_label(self) -> str:
        return CATEGORY_LABELS[self.category]

    @property
    def status_label(self) -> str:
        return Status(self.status).label


@dataclass
class GroupRow:
    group: BusinessGroup
    cells: list[Cell]


@dataclass
class StageSummary:
    stage: Stage
    on_plan: int = 0
    late: int = 0
    done_on_plan: int = 0
    done_late: int = 0

    @property
    def done(self) -> int:
        return self.done_on_plan + self.done_late

    @property
    def total(self) -> int:
        return self.on_plan + self.late + self.done

    def count(self, cell: Cell) -> None:
        if cell.category == DONE_ON_PLAN:
            self.done_on_plan += 1
        elif cell.category == DONE_LATE:
            self.done_late += 1
        elif cell.category == LATE:
            self.late += 1
        else:
            self.on_plan += 1


@dataclass
class PlanReality:
    program: Program
    today: date
    stages: list[Stage]
    rows: list[GroupRow] = field(default_factory=list)
    summary: list[StageSummary] = field(default_factory=list)

    @property
    def first_year(self) -> int:
        years = [self.program.start_year, *(s.year for s in self.stages)]
        years += [c.planned_year for row in self.rows for c in row.cells]
        return min(years)

    @property
    def last_year(self) -> int:
        """The program's end, or today's year or a late completion when later."""
        years = [self.program.end_year, self.today.year, *(s.year for s in self.stages)]
        years += [c.planned_year for row in self.rows for c in row.cells]
        years += [c.completed_on.year for row in self.rows for c in row.cells if c.completed_on]
        return max(years)


def _cell(*, stage: Stage, progress: StageProgress | None, today: date) -> Cell:
    if progress is None:
        planned_year, started_on, completed_on, status = stage.year, None, None, Status.NOT_STARTED
    else:
        planned_year = progress.planned_year
        started_on, completed_on, status = (
            progress.started_on,
            progress.completed_on,
            progress.status,
        )
    classification = classify(
        status=status, planned_year=planned_year, completed_on=completed_on, today=today
    )
    reached = completed_on.year if classification == Classification.DONE else today.year
    return Cell(
        stage=stage,
        planned_year=planned_year,
        started_on=started_on,
        completed_on=completed_on,
        status=status,
        classification=classification,
        slip=max(0, reached - planned_year),
    )


def _build(
    *, program: Program, stages: list[Stage], enrolments: Iterable[Enrolment], today: date
) -> PlanReality:
    """Rows and summary from enrolments whose `progress` and `group` are already loaded."""
    report = PlanReality(
        program=program, today=today, stages=stages, summary=[StageSummary(s) for s in stages]
    )
    for enrolment in enrolments:
        by_stage = {p.stage_id: p for p in enrolment.progress.all()}
        cells = [_cell(stage=s, progress=by_stage.get(s.pk), today=today) for s in stages]
        for summary, cell in zip(report.summary, cells, strict=True):
            summary.count(cell)
        report.rows.append(GroupRow(group=enrolment.group, cells=cells))
    return report


def _enrolments() -> QuerySet[Enrolment]:
    return (
        Enrolment.objects.select_related("group__theme", "group__kelurahan__kecamatan")
        .prefetch_related(Prefetch("progress", queryset=StageProgress.objects.order_by()))
        .order_by("group__name", "group_id")
    )


def plan_versus_reality(
    *, program: Program, groups_qs: QuerySet[BusinessGroup], today: date
) -> PlanReality:
    """The program's enrolled groups among `groups_qs`, stage by stage, on `today`.

    Three queries whatever the number of groups: the stages, the enrolments with their
    groups (and theme, kelurahan, kecamatan), and all their progress rows.
    """
    stages = list(program.stages.order_by("order"))
    enrolments = _enrolments().filter(program=program, group__in=groups_qs)
    return _build(program=program, stages=stages, enrolments=enrolments, today=today)


def _summed(name: str) -> property:
    """A ProgramStanding's total over its stages of one StageSummary count."""
    return property(lambda standing: sum(getattr(s, name) for s in standing.summary))


@dataclass
class ProgramStanding:
    """A program's enrolled groups counted stage by stage, without the groups themselves."""

    program: Program
    groups: int
    summary: list[StageSummary]

    done_on_plan = _summed("done_on_plan")
    done_late = _summed("done_late")
    late = _summed("late")
    on_plan = _summed("on_plan")


@dataclass
class RoadMapCounts:
    """What count_road_map read: the standings of any area are made from it without a query."""

    programs: list[Program]
    stages_of: dict[int, list[Stage]]
    today: date
    enrolled: dict[tuple, int]  # (program, area) -> groups
    progress: dict[tuple, dict[str, int]]  # (program, area, stage) -> counts by category

    def standings(self, area=None) -> list[ProgramStanding]:
        """Every program's standing in `area` (None without `by`), zero where none joined."""
        return [self._standing(program, area) for program in self.programs]

    def _standing(self, program: Program, area) -> ProgramStanding:
        groups = self.enrolled.get((program.pk, area), 0)
        summary = []
        for stage in self.stages_of[program.pk]:
            counted = self.progress.get((program.pk, area, stage.pk), {})
            rows = counted.get("rows", 0)
            stage_summary = StageSummary(
                stage,
                done_on_plan=counted.get("done_on_plan", 0),
                done_late=counted.get("done_late", 0),
                late=counted.get("late", 0),
            )
            stage_summary.on_plan = rows - stage_summary.done - stage_summary.late
            # A group without a progress row is "belum" in the stage's own year (_cell).
            without_row = groups - rows
            if self.today.year > stage.year:
                stage_summary.late += without_row
            else:
                stage_summary.on_plan += without_row
            summary.append(stage_summary)
        return ProgramStanding(program=program, groups=groups, summary=summary)


def count_road_map(
    *, programs: Iterable[Program], groups_qs: QuerySet[BusinessGroup], today: date, by=None
) -> RoadMapCounts:
    """The summaries plan_versus_reality gives, counted in the database.

    Three queries whatever the number of programs and groups (stages, enrolments, progress),
    and nothing kept per group: what a dashboard or a report of a province needs. `by` is a
    path from the group ("kelurahan__kecamatan") whose values are the areas standings() takes.
    """
    programs = list(programs)
    stages_of = defaultdict(list)
    for stage in Stage.objects.filter(program__in=programs).order_by("program", "order"):
        stages_of[stage.program_id].append(stage)
    area = [f"group__{by}"] if by else []  # an area's value follows the program in each row
    enrolments = Enrolment.objects.filter(program__in=programs, group__in=groups_qs).order_by()
    enrolled = {
        (program, *(key or [None])): count
        for program, *key, count in enrolments.values_list("program", *area).annotate(
            count=Count("pk")
        )
    }
    done = Q(status=Status.DONE, completed_on__isnull=False)
    late = ~done & (Q(status=Status.POSTPONED) | Q(planned_year__lt=today.year))
    progress = {
        (program, *(key or [None]), stage): {
            "rows": rows,
            "done_on_plan": done_on_plan,
            "done_late": done_late,
            "late": late_count,
        }
        for program, *key, stage, rows, done_on_plan, done_late, late_count in (
            StageProgress.objects.filter(enrolment__in=enrolments)
            .order_by()
            .annotate(completed_year=ExtractYear("completed_on"))
            .values_list("enrolment__program", *[f"enrolment__{path}" for path in area], "stage")
            .annotate(
                rows=Count("pk"),
                done_on_plan=Count("pk", filter=done & Q(completed_year__lte=F("planned_year"))),
                done_late=Count("pk", filter=done & Q(completed_year__gt=F("planned_year"))),
                late=Count("pk", filter=late),
            )
        )
    }
    return RoadMapCounts(
        programs=programs, stages_of=stages_of, today=today, enrolled=enrolled, progress=progress
    )


def programs_overview(*, today: date) -> list[ProgramStanding]:
    """Every program with its city-wide summary per stage, counted in the database: a
    province's tens of thousands of enrolments are never loaded one by one."""
    counts = count_road_map(
        programs=Program.objects.all(), groups_qs=BusinessGroup.objects.all(), today=today
    )
    return counts.standings()
