"""A lender's mentoring report for a period: its groups, visits, figures, readiness, credit.

Readiness is assessed at the end of the period from the lender's own visits up to that day,
so a past quarter's report does not change when later visits are logged. (Aid use is read
from each aid's latest check, as everywhere else.)
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from financing.models import BookkeepingVisit, CreditApplication, Lender, MentorAssignment
from financing.readiness import READY, Readiness, assess
from ikm.models import Aid, BusinessGroup


@dataclass
class GroupRow:
    group: BusinessGroup
    mentors: list[str]
    visit_count: int = 0
    latest: BookkeepingVisit | None = None
    readiness: Readiness | None = None
    applications: list[CreditApplication] = field(default_factory=list)


@dataclass
class LenderReport:
    lender: Lender
    start: date
    end: date
    rows: list[GroupRow]
    applications: list[CreditApplication]

    @property
    def visit_count(self) -> int:
        return sum(row.visit_count for row in self.rows)

    @property
    def unvisited(self) -> int:
        return sum(1 for row in self.rows if not row.visit_count)

    @property
    def ready(self) -> int:
        return sum(1 for row in self.rows if row.readiness.level == READY)

    @property
    def at_risk(self) -> int:
        return sum(1 for row in self.rows if row.readiness.at_risk)

    @property
    def amount_requested(self) -> int:
        return sum(a.amount_requested for a in self.applications)

    @property
    def amount_disbursed(self) -> int:
        return sum(
            a.amount_approved or a.amount_requested
            for a in self.applications
            if a.disbursed_on and self.start <= a.disbursed_on <= self.end
        )


def last_full_quarter(today: date | None = None) -> tuple[date, date]:
    """The calendar quarter before the one `today` falls in."""
    today = today or timezone.localdate()
    this_quarter = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    end = this_quarter - timedelta(days=1)
    return date(end.year, end.month - 2, 1), end


def report_period(*, start: str, end: str, today: date | None = None) -> tuple[date, date]:
    """The period asked for as ISO dates (?dari=&sampai=); both empty: the last quarter."""
    if not start and not end:
        return last_full_quarter(today)
    try:
        first, last = date.fromisoformat(start), date.fromisoformat(end)
    except ValueError:
        raise ValidationError(_("Isi tanggal awal dan akhir dengan benar (TTTT-BB-HH).")) from None
    if last < first:
        raise ValidationError(_("Tanggal akhir tidak boleh sebelum tanggal awal."))
    return first, last


def lender_mentoring_report(*, lender: Lender, start: date, end: date) -> LenderReport:
    """The lender's groups with an assignment during [start, end], in a fixed number of queries.

    Visits and applications are the lender's own: another lender's work with the same group
    belongs in that lender's report.
    """
    assignments = (
        MentorAssignment.objects.of_lender(lender.pk)
        .filter(started_on__lte=end)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
        .select_related("group__kelurahan", "mentor__user")
        .order_by("group__name", "started_on")
    )
    rows: dict[int, GroupRow] = {}
    for assignment in assignments:
        row = rows.setdefault(assignment.group_id, GroupRow(assignment.group, mentors=[]))
        if assignment.mentor.name not in row.mentors:
            row.mentors.append(assignment.mentor.name)

    visits = defaultdict(list)
    for visit in (
        BookkeepingVisit.objects.filter(
            assignment__mentor__lender=lender,
            assignment__group_id__in=rows,
            visited_on__lte=end,
        )
        .select_related("assignment")
        .order_by("visited_on", "created_at")
    ):
        visits[visit.assignment.group_id].append(visit)
    aid = defaultdict(list)
    for item in Aid.objects.filter(group_id__in=rows, handed_over_on__lte=end):
        aid[item.group_id].append(item)

    applications = list(
        CreditApplication.objects.of_lender(lender.pk)
        .filter(submitted_on__lte=end)
        .filter(
            Q(submitted_on__gte=start)
            | Q(decided_on__gte=start)
            | Q(disbursed_on__gte=start)
            | Q(status=CreditApplication.Status.SUBMITTED)
        )
        .select_related("group", "scheme")
        .order_by("submitted_on", "pk")
    )
    for application in applications:
        if application.group_id in rows:
            rows[application.group_id].applications.append(application)

    for group_id, row in rows.items():
        group_visits = visits[group_id]
        in_period = [v for v in group_visits if v.visited_on >= start]
        row.visit_count = len(in_period)
        row.latest = in_period[-1] if in_period else None
        row.readiness = assess(group_visits, aid=aid[group_id], today=end)
    return LenderReport(
        lender=lender, start=start, end=end, rows=list(rows.values()), applications=applications
    )
