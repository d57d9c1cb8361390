"""The program's figures for the Dinas dashboard and the evaluation report.

One year and one area (the city, or one of its kecamatan) at a time. Figures that describe a
state (active groups, members, mentoring) are taken on `as_of`: the last day of the year, or
today for the current year. Figures that describe a flow (aid handed over, trainings, credit)
count what happened in the year. Lists meant for action (certificates about to expire, aid
to check) are always about today.

Each figure reuses the definition that already exists elsewhere: groups against the
kelurahan targets (ikm.models.Target, else Kelurahan.min_groups_target), overdue visits
(financing.models.visit_overdue_since), credit readiness (financing.readiness.assess, read
from financing.models.GroupReadiness for today), aid
at risk (Aid.objects.at_risk) and road-map progress (ikm.services.programs).

The number of queries does not depend on the number of groups: every figure is one
aggregate query, or one query whose rows are counted in Python.
"""

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from financing.models import (
    BookkeepingVisit,
    CreditApplication,
    GroupReadiness,
    MentorAssignment,
    visit_overdue_since,
)
from financing.readiness import NEARLY, NOT_YET, READY, assess
from financing.standing import readiness_for, with_last_visit_kept
from ikm.models import (
    Aid,
    AidCheck,
    BusinessGroup,
    Certification,
    Member,
    Membership,
    Program,
    Target,
    Training,
    TrainingDay,
    TrainingRegistration,
)
from ikm.services.programs import ProgramStanding, count_road_map
from kelurahan.models import Kecamatan, Kelurahan, names_told_apart
from portal.caching import BESIDES_VISITS, cached_figures

EXPIRING_WITHIN_DAYS = 60
# A province has over a thousand certificates expiring within 60 days: the dashboard lists
# the soonest, as it lists the groups most at risk.
EXPIRING_SHOWN = 50
AT_RISK_SHOWN = 50

Status = CreditApplication.Status
# An application that was approved stays "approved" when it is later disbursed and repaid.
APPROVED_OR_LATER = [Status.APPROVED, Status.DISBURSED, Status.REPAID, Status.IN_ARREARS]
DISBURSED_OR_LATER = [Status.DISBURSED, Status.REPAID, Status.IN_ARREARS]


@dataclass
class Amount:
    count: int = 0
    value: int = 0


@dataclass
class GroupFigures:
    groups: int
    members: int
    women: int
    men: int
    workforce: int


@dataclass
class CoverageFigures:
    kelurahan_total: int
    kelurahan_covered: int  # with at least one active group
    group_target: int  # the sum of every kelurahan's target
    kelurahan_on_target: int
    groups: int

    @property
    def covered_percent(self) -> int:
        return _percent(self.kelurahan_covered, self.kelurahan_total)

    @property
    def target_percent(self) -> int:
        return _percent(self.groups, self.group_target)


@dataclass
class AidSourceRow:
    source: str
    label: str
    amount: Amount


@dataclass
class AidFigures:
    handed_over: Amount  # in the year
    by_source: list[AidSourceRow]
    checks: int  # checks made in the year
    # Aid handed over up to as_of, by what its latest check found.
    in_use: Amount = field(default_factory=Amount)
    idle: Amount = field(default_factory=Amount)
    broken: Amount = field(default_factory=Amount)
    sold: Amount = field(default_factory=Amount)
    unchecked: Amount = field(default_factory=Amount)


@dataclass
class TrainingFigures:
    trainings: int
    participants: int


@dataclass
class MentoringFigures:
    active_groups: int
    mentored: int  # active groups with an active mentor assignment
    overdue: int  # of those, groups without a visit in the last 30 days
    visits: int  # bookkeeping visits in the year

    @property
    def coverage_percent(self) -> int:
        return _percent(self.mentored, self.active_groups)


@dataclass
class CreditFigures:
    asked: Amount
    approved: Amount
    disbursed: Amount
    rejected: int


@dataclass
class ReadinessFigures:
    ready: int = 0
    nearly: int = 0
    not_yet: int = 0
    without_visits: int = 0


@dataclass
class ExpiringCertificates:
    """The EXPIRING_SHOWN certificates expiring soonest between `since` and `until`."""

    shown: list[Certification]
    total: int
    since: date
    until: date


@dataclass
class GroupAtRisk:
    group: BusinessGroup
    reasons: list[str]


@dataclass
class AreaFigures:
    """Everything the evaluation report says about one area in one year."""

    name: str
    kecamatan: Kecamatan | None
    groups: GroupFigures
    aid: AidFigures
    training: TrainingFigures
    credit: CreditFigures
    road_map: list[ProgramStanding]
    mentoring: MentoringFigures | None = None  # counts visits: see Evaluation.with_visits


@dataclass
class RegisterRow:
    group: BusinessGroup
    members: int
    mentored: bool


@dataclass
class Evaluation:
    year: int
    kecamatan: Kecamatan | None
    programs: list[Program]
    as_of: date
    areas: list[AreaFigures]  # one per kecamatan, or the chosen one
    total: AreaFigures  # the city, or the chosen kecamatan
    register_size: int  # active groups of the area
    # Every active group of the area, or None when there are more than a printed appendix
    # holds (REGISTER_PRINTED_AT_MOST): then the list is its own download (CSV).
    register: list[RegisterRow] | None

    def with_visits(self, mentoring: dict[str | None, MentoringFigures]) -> "Evaluation":
        """The report with each area's MentoringFigures, by kecamatan code (None: the city).

        The view keeps them apart from the rest, as the dashboard's VisitFigures."""

        def merged(area: AreaFigures) -> AreaFigures:
            key = area.kecamatan.pk if area.kecamatan else None
            return replace(area, mentoring=mentoring.get(key, MentoringFigures(0, 0, 0, 0)))

        total = merged(self.total)
        areas = [total] if self.kecamatan else [merged(area) for area in self.areas]
        return replace(self, total=total, areas=areas)

    @property
    def area_details(self) -> list[AreaFigures] | None:
        """The areas whose detail (road map, aid, training, credit) the report prints, or
        None when there are more than AREA_DETAILS_PRINTED_AT_MOST: the summary table still
        has a row for each, and choosing one kecamatan prints its detail."""
        return self.areas if len(self.areas) <= AREA_DETAILS_PRINTED_AT_MOST else None


@dataclass
class VisitFigures:
    """The dashboard's figures that the mentors' bookkeeping visits move."""

    mentoring: MentoringFigures
    readiness: ReadinessFigures
    at_risk: list[GroupAtRisk]  # the AT_RISK_SHOWN groups with the most reasons
    at_risk_total: int


@dataclass
class DashboardFigures:
    """Without its VisitFigures (None) until `with_visits`: the view keeps the two apart,
    so that the visits a province's mentors log all day leave the rest kept."""

    year: int
    kecamatan: Kecamatan | None
    as_of: date
    groups: GroupFigures
    coverage: CoverageFigures
    aid: AidFigures
    aid_by_year: list[tuple[int, Amount]]
    training: TrainingFigures
    credit: CreditFigures
    road_map: list[ProgramStanding]
    expiring_certificates: ExpiringCertificates
    mentoring: MentoringFigures | None = None
    readiness: ReadinessFigures | None = None
    at_risk: list[GroupAtRisk] | None = None
    at_risk_total: int = 0

    def with_visits(self, visits: VisitFigures) -> "DashboardFigures":
        return replace(
            self,
            mentoring=visits.mentoring,
            readiness=visits.readiness,
            at_risk=visits.at_risk,
            at_risk_total=visits.at_risk_total,
        )


def _percent(part: int, whole: int) -> int:
    return round(part * 100 / whole) if whole else 0


def as_of_day(year: int, *, today: date | None = None) -> date:
    today = today or timezone.localdate()
    return min(today, date(year, 12, 31))


def city_kecamatan() -> QuerySet[Kecamatan]:
    return Kecamatan.objects.in_area(settings.CITY_CODE).order_by("name")


def area_groups(kecamatan: Kecamatan | None) -> QuerySet[BusinessGroup]:
    """Every group of the city (whatever its status), or of one of its kecamatan."""
    groups = BusinessGroup.objects.in_area(settings.CITY_CODE)
    return groups.in_area(kecamatan.code) if kecamatan else groups


def groups_of_year(
    year: int, kecamatan: Kecamatan | None, *, today: date
) -> tuple[date, QuerySet[BusinessGroup], QuerySet[BusinessGroup]]:
    """The day a year's figures are taken on, and the area's groups: all, and active then."""
    as_of = as_of_day(year, today=today)
    groups = area_groups(kecamatan)
    return as_of, groups, active_groups(groups, as_of=as_of)


def active_groups(groups: QuerySet[BusinessGroup], *, as_of: date) -> QuerySet[BusinessGroup]:
    """Active groups that existed on `as_of` (a group without a founding date always did)."""
    return groups.active().filter(Q(founded_on__isnull=True) | Q(founded_on__lte=as_of))


def dashboard_years(*, today: date | None = None) -> list[int]:
    """Years that have records, newest first, always with the current year.

    Those of the other records are kept until a change besides visits; the visits' are
    asked each time, one index probe a year: reading the years of a province's million
    visits took 0.2-0.4 s, after every visit a mentor logged.
    """
    today = today or timezone.localdate()
    besides_visits = cached_figures("years", (), _years_besides_visits, scope=BESIDES_VISITS)
    return sorted({today.year, *besides_visits, *_years_with_visits()}, reverse=True)


def _years_besides_visits() -> set[int]:
    years = set()
    for model, field_name in [
        (BusinessGroup, "founded_on"),
        (Aid, "handed_over_on"),
        (TrainingDay, "date"),
        (CreditApplication, "submitted_on"),
    ]:
        years.update(d.year for d in model.objects.dates(field_name, "year"))
    for start, end in Program.objects.values_list("start_year", "end_year"):
        years.update(range(start, end + 1))
    return years


def _years_with_visits() -> set[int]:
    # Newest first, each probe skipping to the year before (index financing_visit_newest).
    years = set()
    newest_first = BookkeepingVisit.objects.order_by("-visited_on").values_list(
        "visited_on", flat=True
    )
    day = newest_first.first()
    while day is not None:
        years.add(day.year)
        day = newest_first.filter(visited_on__lt=date(day.year, 1, 1)).first()
    return years


def group_figures(active: QuerySet[BusinessGroup], *, as_of: date) -> GroupFigures:
    # A member of two groups is one person: counted once, like the MEMBERS target does.
    genders = dict(
        Membership.objects.filter(group__in=active, joined_on__lte=as_of)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=as_of))
        .order_by()
        .values_list("member__gender")
        .annotate(people=Count("member_id", distinct=True))
    )
    totals = active.aggregate(groups=Count("pk"), workforce=Sum("workforce"))
    return _group_figures(genders, groups=totals["groups"], workforce=totals["workforce"] or 0)


def _group_figures(genders: dict[str, int], *, groups: int, workforce: int) -> GroupFigures:
    """GroupFigures from the people per gender (each counted once)."""
    return GroupFigures(
        groups=groups,
        members=sum(genders.values()),
        women=genders.get(Member.Gender.FEMALE, 0),
        men=genders.get(Member.Gender.MALE, 0),
        workforce=workforce,
    )


def coverage_figures(*, kecamatan: Kecamatan | None, year: int, as_of: date) -> CoverageFigures:
    """Kelurahan with an active group, and groups against each kelurahan's target.

    A kelurahan's target for the year is its GROUPS_FORMED Target record when staff set
    one, else its standing minimum (Kelurahan.min_groups_target, five unless changed).
    """
    kelurahan = Kelurahan.objects.in_area(settings.CITY_CODE)
    if kecamatan:
        kelurahan = kelurahan.filter(kecamatan=kecamatan)
    active = Q(groups__status=BusinessGroup.Status.ACTIVE) & (
        Q(groups__founded_on__isnull=True) | Q(groups__founded_on__lte=as_of)
    )
    rows = list(
        kelurahan.order_by()
        .annotate(active_groups=Count("groups", filter=active))
        .values_list("code", "min_groups_target", "active_groups")
    )
    set_targets = dict(
        Target.objects.filter(
            year=year, measure=Target.Measure.GROUPS_FORMED, kelurahan__in=kelurahan
        ).values_list("kelurahan_id", "value")
    )
    targets = {code: set_targets.get(code, minimum) for code, minimum, _count in rows}
    return CoverageFigures(
        kelurahan_total=len(rows),
        kelurahan_covered=sum(1 for *_rest, count in rows if count),
        group_target=sum(targets.values()),
        kelurahan_on_target=sum(1 for code, _m, count in rows if count >= targets[code]),
        groups=sum(count for *_rest, count in rows),
    )


def _aid_handed_over(by_source: dict[str, Amount], *, checks: int) -> AidFigures:
    """AidFigures of the aid handed over in the year (by source) and the checks made."""
    labels = dict(Aid.Source.choices)
    return AidFigures(
        handed_over=Amount(
            sum(a.count for a in by_source.values()), sum(a.value for a in by_source.values())
        ),
        by_source=[
            AidSourceRow(source, labels[source], by_source[source])
            for source in Aid.Source.values
            if source in by_source
        ],
        checks=checks,
    )


def aid_figures(groups: QuerySet[BusinessGroup], *, year: int, as_of: date) -> AidFigures:
    aid = Aid.objects.filter(group__in=groups)
    in_year = aid.filter(handed_over_on__year=year)
    by_source = {
        source: Amount(count, value or 0)
        for source, count, value in in_year.order_by()
        .values_list("source")
        .annotate(count=Count("pk"), value=Sum("value"))
    }
    figures = _aid_handed_over(
        by_source, checks=AidCheck.objects.filter(aid__in=aid, checked_on__year=year).count()
    )
    for value, last_status in aid.filter(handed_over_on__lte=as_of).values_list(
        "value", "last_status"
    ):
        _count_aid_use(figures, value=value, last_status=last_status)
    return figures


_AID_USE_FIELD = {
    AidCheck.Status.IN_USE: "in_use",
    AidCheck.Status.IDLE: "idle",
    AidCheck.Status.BROKEN: "broken",
    AidCheck.Status.SOLD: "sold",
    None: "unchecked",
}


def _count_aid_use(figures: AidFigures, *, value: int, last_status: str | None) -> None:
    amount = getattr(figures, _AID_USE_FIELD[last_status])
    amount.count += 1
    amount.value += value


def aid_by_year(groups: QuerySet[BusinessGroup], *, until: int) -> list[tuple[int, Amount]]:
    rows = (
        Aid.objects.filter(group__in=groups, handed_over_on__year__lte=until)
        .annotate(year=ExtractYear("handed_over_on"))
        .order_by("year")
        .values_list("year")
        .annotate(count=Count("pk"), value=Sum("value"))
    )
    return [(year, Amount(count, value or 0)) for year, count, value in rows]


def training_figures(
    groups: QuerySet[BusinessGroup], *, year: int, whole_city: bool
) -> TrainingFigures:
    """Trainings held in the year, and the people who attended at least one of their days.

    For a kecamatan, the trainings its groups' members attended and those members.
    """
    attended = TrainingRegistration.objects.filter(attendances__day__date__year=year)
    if whole_city:
        trainings = Training.objects.filter(days__date__year=year)
    else:
        attended = attended.filter(group__in=groups)
        trainings = Training.objects.filter(registrations__in=attended)
    return TrainingFigures(
        trainings=trainings.distinct().count(),
        participants=attended.values("member_id").distinct().count(),
    )


def _running_on(as_of: date) -> Q:
    """Mentor assignments running on `as_of`."""
    return Q(started_on__lte=as_of) & (Q(ended_on__isnull=True) | Q(ended_on__gt=as_of))


def _mentor_assignments(active: QuerySet[BusinessGroup], *, as_of: date, today: date):
    """Assignments running on `as_of`, with the day of the group's latest visit by then.

    For today, the day is read from the groups' GroupReadiness rows (brought up to date
    first), not from the province's million visits.
    """
    running = MentorAssignment.objects.filter(_running_on(as_of), group__in=active)
    if as_of == today:
        return with_last_visit_kept(running, active, today=today)
    return running.annotate(
        last_visit=Max(
            "group__mentor_assignments__visits__visited_on",
            filter=Q(group__mentor_assignments__visits__visited_on__lte=as_of),
        )
    )


def mentoring_figures(
    groups: QuerySet[BusinessGroup],
    active: QuerySet[BusinessGroup],
    *,
    year: int,
    as_of: date,
    today: date,
) -> MentoringFigures:
    last_visits = dict(
        _mentor_assignments(active, as_of=as_of, today=today).values_list("group_id", "last_visit")
    )
    return _mentoring(
        active_groups=active.count(),
        last_visits=last_visits,
        visits=BookkeepingVisit.objects.filter(
            assignment__group__in=groups, visited_on__year=year
        ).count(),
        as_of=as_of,
    )


def _mentoring(
    *, active_groups: int, last_visits: dict[int, date | None], visits: int, as_of: date
) -> MentoringFigures:
    """From each mentored group's last visit by `as_of` (None: never visited)."""
    overdue_before = visit_overdue_since(as_of)
    return MentoringFigures(
        active_groups=active_groups,
        mentored=len(last_visits),
        overdue=sum(1 for last in last_visits.values() if last is None or last < overdue_before),
        visits=visits,
    )


def _credit_totals(year: int) -> dict:
    """The aggregates of credit_figures, for .aggregate() or a grouped .annotate()."""
    asked = Q(submitted_on__year=year)
    approved = Q(decided_on__year=year, status__in=APPROVED_OR_LATER)
    disbursed = Q(disbursed_on__year=year, status__in=DISBURSED_OR_LATER)
    return {
        "asked_count": Count("pk", filter=asked),
        "asked_value": Sum("amount_requested", filter=asked),
        "approved_count": Count("pk", filter=approved),
        "approved_value": Sum("amount_approved", filter=approved),
        "disbursed_count": Count("pk", filter=disbursed),
        "disbursed_value": Sum("amount_approved", filter=disbursed),
        "rejected": Count("pk", filter=Q(decided_on__year=year, status=Status.REJECTED)),
    }


def _credit(totals: dict) -> CreditFigures:
    return CreditFigures(
        asked=Amount(totals["asked_count"], totals["asked_value"] or 0),
        approved=Amount(totals["approved_count"], totals["approved_value"] or 0),
        disbursed=Amount(totals["disbursed_count"], totals["disbursed_value"] or 0),
        rejected=totals["rejected"],
    )


def credit_figures(groups: QuerySet[BusinessGroup], *, year: int) -> CreditFigures:
    """Asked: submitted in the year; approved: decided in the year (and not rejected since);
    disbursed: paid out in the year. Approved and disbursed amounts are the approved ones."""
    return _credit(
        CreditApplication.objects.filter(group__in=groups).aggregate(**_credit_totals(year))
    )


def _sold_aid_prefix() -> str:
    return _("Bantuan dijual atau dipindahtangankan: %(items)s") % {"items": ""}


def _at_risk(
    reasons: dict[int, list[str]], names: dict[int, str], *, shown: int
) -> tuple[list[GroupAtRisk], int]:
    """The `shown` groups with the most reasons (then by name), and how many are at risk.

    Only those are loaded (one query): a province has tens of thousands of groups at risk.
    """
    ranked = sorted((pk for pk, texts in reasons.items() if texts),
                    key=lambda pk: (-len(reasons[pk]), names[pk], pk))  # fmt: skip
    first = ranked[:shown]
    groups = BusinessGroup.objects.select_related("kelurahan__kecamatan").in_bulk(first)
    return [GroupAtRisk(groups[pk], reasons[pk]) for pk in first], len(ranked)


def _at_risk_aid(active: QuerySet[BusinessGroup], *, today: date):
    """(group id, group name, reason) of the aid at risk today, the most valuable first."""
    rows = (
        Aid.objects.at_risk(today=today)
        .filter(group__in=active)
        .order_by("-value")
        .values_list("pk", "group_id", "group__name", "items", "last_status")
    )
    # Translated once: a province has tens of thousands of rows.
    checked = _("Bantuan %(items)s: %(status)s")
    unchecked = _("Bantuan %(items)s: lama tidak diperiksa")
    said = {status: str(status.label).lower() for status in AidCheck.Status}
    return [
        (
            group_id,
            name,
            checked % {"items": items, "status": said[status]}
            if status
            else unchecked % {"items": items},
        )
        for _pk, group_id, name, items, status in rows
    ]


def readiness_and_risks(
    active: QuerySet[BusinessGroup], *, as_of: date, today: date, shown: int = AT_RISK_SHOWN
) -> tuple[ReadinessFigures, list[GroupAtRisk], int]:
    """Credit readiness of every active group, the `shown` groups most at risk with the
    reasons, and the number of groups at risk.

    Today's figures are read from GroupReadiness (financing.standing), whose outdated rows
    are recomputed first; another day's from the records (readiness_and_risks_live). Five
    queries when no row is outdated: the outdated rows, the aid at risk today, the count of
    each level, the rows with risks, and the groups shown. The risk texts are in the default
    language.
    """
    if as_of != today:
        return readiness_and_risks_live(active, as_of=as_of, today=today, shown=shown)
    levels, names, reasons = Counter(), {}, defaultdict(list)
    for group_id, name, reason in _at_risk_aid(active, today=today):
        names[group_id] = name
        reasons[group_id].append(reason)
    with translation.override(settings.LANGUAGE_CODE):
        sold_aid = _sold_aid_prefix()
    readiness = readiness_for(active, today=today).order_by()
    levels.update(dict(readiness.values_list("level").annotate(groups=Count("pk"))))
    # Only the rows with risks are read whole: a province's JSON took a second to decode.
    for group_id, name, risks in readiness.exclude(risks=[]).values_list(
        "group_id", "group__name", "risks"
    ):
        names[group_id] = name
        # Sold aid is already listed from Aid.objects.at_risk, in its own words.
        reasons[group_id].extend(r for r in risks if not r.startswith(sold_aid))
    figures = ReadinessFigures(
        ready=levels[GroupReadiness.Level.READY],
        nearly=levels[GroupReadiness.Level.NEARLY],
        not_yet=levels[GroupReadiness.Level.NOT_YET],
        without_visits=levels[GroupReadiness.Level.NO_VISITS],
    )
    return figures, *_at_risk(reasons, names, shown=shown)


def readiness_and_risks_live(
    active: QuerySet[BusinessGroup], *, as_of: date, today: date, shown: int = AT_RISK_SHOWN
) -> tuple[ReadinessFigures, list[GroupAtRisk], int]:
    """readiness_and_risks computed from the records, for any day (a past year's dashboard).

    Five queries: the groups, their visits, their aid with its latest check, their aid at
    risk today, and the groups shown. Slow for a province: every visit is read.
    """
    names = dict(active.values_list("pk", "name"))
    visits = defaultdict(list)
    for visit in BookkeepingVisit.objects.filter(
        assignment__group__in=active, visited_on__lte=as_of
    ).annotate(group_pk=F("assignment__group_id")):
        visits[visit.group_pk].append(visit)
    aid = defaultdict(list)
    for item in Aid.objects.filter(group__in=active):
        aid[item.group_id].append(item)

    levels = Counter()
    reasons = defaultdict(list)
    sold_aid = _sold_aid_prefix()
    for group_id, _name, reason in _at_risk_aid(active, today=today):
        reasons[group_id].append(reason)
    for pk in names:
        if not visits[pk]:
            levels["without_visits"] += 1
            continue
        readiness = assess(visits[pk], aid=aid[pk], today=as_of)
        levels[readiness.level] += 1
        # Sold aid is already listed from Aid.objects.at_risk, in its own words.
        reasons[pk].extend(r for r in readiness.risks if not r.startswith(sold_aid))
    figures = ReadinessFigures(
        ready=levels[READY],
        nearly=levels[NEARLY],
        not_yet=levels[NOT_YET],
        without_visits=levels["without_visits"],
    )
    return figures, *_at_risk(reasons, names, shown=shown)


def programs_of_year(year: int) -> QuerySet[Program]:
    return Program.objects.filter(start_year__lte=year, end_year__gte=year).order_by("name")


def road_map(groups: QuerySet[BusinessGroup], *, programs, as_of: date) -> list[ProgramStanding]:
    """Each program's enrolled groups among `groups`, stage by stage, on `as_of`.

    Every enrolled group counts, whatever its status now: a group that stopped mid-way is
    part of the program's record.
    """
    return count_road_map(programs=programs, groups_qs=groups, today=as_of).standings()


def expiring_certificates(active: QuerySet[BusinessGroup], *, today: date) -> ExpiringCertificates:
    expiring = Certification.objects.expiring_within(EXPIRING_WITHIN_DAYS, today=today).filter(
        product__group__in=active
    )
    soonest = list(
        expiring.select_related("product__group").order_by(
            "expires_on", "product__group__name", "pk"
        )[:EXPIRING_SHOWN]
    )
    return ExpiringCertificates(
        shown=soonest,
        total=len(soonest) if len(soonest) < EXPIRING_SHOWN else expiring.count(),
        since=today,
        until=today + timedelta(days=EXPIRING_WITHIN_DAYS),
    )


def dashboard_figures(
    *, year: int, kecamatan: Kecamatan | None, today: date | None = None
) -> DashboardFigures:
    """Every figure of the dashboard."""
    today = today or timezone.localdate()
    besides_visits = dashboard_figures_besides_visits(year=year, kecamatan=kecamatan, today=today)
    return besides_visits.with_visits(visit_figures(year=year, kecamatan=kecamatan, today=today))


def dashboard_figures_besides_visits(
    *, year: int, kecamatan: Kecamatan | None, today: date
) -> DashboardFigures:
    """The dashboard's figures that no bookkeeping visit changes (without VisitFigures)."""
    as_of, groups, active = groups_of_year(year, kecamatan, today=today)
    return DashboardFigures(
        year=year,
        kecamatan=kecamatan,
        as_of=as_of,
        groups=group_figures(active, as_of=as_of),
        coverage=coverage_figures(kecamatan=kecamatan, year=year, as_of=as_of),
        aid=aid_figures(groups, year=year, as_of=as_of),
        aid_by_year=aid_by_year(groups, until=year),
        training=training_figures(groups, year=year, whole_city=kecamatan is None),
        credit=credit_figures(groups, year=year),
        road_map=road_map(groups, programs=programs_of_year(year), as_of=as_of),
        expiring_certificates=expiring_certificates(
            active_groups(groups, as_of=today), today=today
        ),
    )


def visit_figures(*, year: int, kecamatan: Kecamatan | None, today: date) -> VisitFigures:
    as_of, groups, active = groups_of_year(year, kecamatan, today=today)
    readiness, at_risk, at_risk_total = readiness_and_risks(active, as_of=as_of, today=today)
    return VisitFigures(
        mentoring=mentoring_figures(groups, active, year=year, as_of=as_of, today=today),
        readiness=readiness,
        at_risk=at_risk,
        at_risk_total=at_risk_total,
    )


def area_figures(
    *, year: int, kecamatan: Kecamatan | None, programs, today: date | None = None
) -> AreaFigures:
    """The evaluation report's figures for the city (kecamatan None) or one kecamatan,
    without its MentoringFigures (evaluation_mentoring)."""
    today = today or timezone.localdate()
    as_of, groups, active = groups_of_year(year, kecamatan, today=today)
    return AreaFigures(
        name=kecamatan.name if kecamatan else settings.CITY_NAME,
        kecamatan=kecamatan,
        groups=group_figures(active, as_of=as_of),
        aid=aid_figures(groups, year=year, as_of=as_of),
        training=training_figures(groups, year=year, whole_city=kecamatan is None),
        credit=credit_figures(groups, year=year),
        road_map=road_map(groups, programs=programs, as_of=as_of),
    )


# A city has a few dozen kecamatan; a province's 576, each with its four tables, made a
# report of a thousand pages that took WeasyPrint over a minute (longer than a proxy waits).
AREA_DETAILS_PRINTED_AT_MOST = 60

# About a hundred pages of the PDF at the register's type size; a province's tens of
# thousands of groups would make a report nobody prints, and that takes an hour to make.
REGISTER_PRINTED_AT_MOST = 5_000


def group_register(active: QuerySet[BusinessGroup], *, as_of: date) -> Iterator[RegisterRow]:
    """Every active group with its members and whether a mentor works with it (one query,
    read in chunks)."""
    member_on = Q(memberships__joined_on__lte=as_of) & (
        Q(memberships__left_on__isnull=True) | Q(memberships__left_on__gt=as_of)
    )
    mentored = MentorAssignment.objects.filter(_running_on(as_of), group=OuterRef("pk"))
    groups = (
        active.select_related("kelurahan__kecamatan", "theme")
        .annotate(
            member_count=Count("memberships__member", filter=member_on, distinct=True),
            has_mentor=Exists(mentored),
        )
        .order_by("kelurahan__kecamatan__name", "kelurahan__name", "name")
    )
    return (RegisterRow(g, g.member_count, g.has_mentor) for g in groups.iterator(2000))


def kecamatan_figures(
    kecamatan: list[Kecamatan], *, year: int, total: AreaFigures, as_of: date
) -> list[AreaFigures]:
    """area_figures of each kecamatan of the city, from one grouped query per figure.

    Eleven queries whatever the number of kecamatan and groups, for the programs of the
    city's road map (`total`). Each figure is the one area_figures gives for the kecamatan
    alone.
    """
    kec = "kelurahan__kecamatan"
    groups = area_groups(None)
    active = active_groups(groups, as_of=as_of)
    group_totals = {
        code: (count, workforce or 0)
        for code, count, workforce in active.order_by()
        .values_list(kec)
        .annotate(count=Count("pk"), workforce=Sum("workforce"))
    }
    genders = defaultdict(dict)
    for code, gender, people in (
        Membership.objects.filter(group__in=active, joined_on__lte=as_of)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=as_of))
        .order_by()
        .values_list(f"group__{kec}", "member__gender")
        .annotate(people=Count("member_id", distinct=True))
    ):
        genders[code][gender] = people

    aid = Aid.objects.filter(group__in=groups)
    by_source = defaultdict(dict)
    for code, source, count, value in (
        aid.filter(handed_over_on__year=year)
        .order_by()
        .values_list(f"group__{kec}", "source")
        .annotate(count=Count("pk"), value=Sum("value"))
    ):
        by_source[code][source] = Amount(count, value or 0)
    checks = dict(
        AidCheck.objects.filter(aid__in=aid, checked_on__year=year)
        .order_by()
        .values_list(f"aid__group__{kec}")
        .annotate(count=Count("pk"))
    )
    aid_of = {
        k.pk: _aid_handed_over(by_source[k.pk], checks=checks.get(k.pk, 0)) for k in kecamatan
    }
    for code, value, last_status in aid.filter(handed_over_on__lte=as_of).values_list(
        f"group__{kec}", "value", "last_status"
    ):
        if code in aid_of:
            _count_aid_use(aid_of[code], value=value, last_status=last_status)

    # As training_figures for a kecamatan: the trainings its groups' members attended.
    training = {
        code: TrainingFigures(trainings, participants)
        for code, trainings, participants in TrainingRegistration.objects.filter(
            attendances__day__date__year=year, group__in=groups
        )
        .order_by()
        .values_list(f"group__{kec}")
        .annotate(trainings=Count("training", distinct=True), people=Count("member", distinct=True))
    }

    credit = {
        row[f"group__{kec}"]: _credit(row)
        for row in CreditApplication.objects.filter(group__in=groups)
        .order_by()
        .values(f"group__{kec}")
        .annotate(**_credit_totals(year))
    }
    road_map_counts = count_road_map(
        programs=[standing.program for standing in total.road_map],
        groups_qs=groups,
        today=as_of,
        by=kec,
    )

    names = names_told_apart((k.pk, k.name, k.regency.name) for k in kecamatan)
    areas = []
    for k in kecamatan:
        count, workforce = group_totals.get(k.pk, (0, 0))
        areas.append(
            AreaFigures(
                name=names[k.pk],
                kecamatan=k,
                groups=_group_figures(genders[k.pk], groups=count, workforce=workforce),
                aid=aid_of[k.pk],
                training=training.get(k.pk, TrainingFigures(0, 0)),
                credit=credit.get(k.pk) or CreditFigures(Amount(), Amount(), Amount(), 0),
                road_map=road_map_counts.standings(k.pk),
            )
        )
    return areas


def evaluation_figures(
    *,
    year: int,
    kecamatan: Kecamatan | None,
    program: Program | None,
    today: date | None = None,
) -> Evaluation:
    """The evaluation meeting's report: each kecamatan, the city totals, the group register.

    The number of queries grows neither with the kecamatan nor with the groups: the city's
    figures (area_figures), then each kecamatan's from grouped queries (kecamatan_figures),
    or the chosen kecamatan's alone, and the register in one query when it is printed.
    """
    today = today or timezone.localdate()
    report = evaluation_figures_besides_visits(
        year=year, kecamatan=kecamatan, program=program, today=today
    )
    return report.with_visits(evaluation_mentoring(year=year, kecamatan=kecamatan, today=today))


def evaluation_figures_besides_visits(
    *, year: int, kecamatan: Kecamatan | None, program: Program | None, today: date
) -> Evaluation:
    """The evaluation report without its MentoringFigures (evaluation_mentoring)."""
    as_of, _groups, active = groups_of_year(year, kecamatan, today=today)
    programs = [program] if program else list(programs_of_year(year))
    if kecamatan:
        total = area_figures(year=year, kecamatan=kecamatan, programs=programs, today=today)
        areas = [total]
    else:
        total = area_figures(year=year, kecamatan=None, programs=programs, today=today)
        areas = kecamatan_figures(
            list(city_kecamatan().select_related("regency")),
            year=year,
            total=total,
            as_of=as_of,
        )
    register_size = active.count()
    register = None
    if register_size <= REGISTER_PRINTED_AT_MOST:
        register = list(group_register(active, as_of=as_of))
    return Evaluation(
        year=year,
        kecamatan=kecamatan,
        programs=programs,
        as_of=as_of,
        areas=areas,
        total=total,
        register_size=register_size,
        register=register,
    )


def evaluation_mentoring(
    *, year: int, kecamatan: Kecamatan | None, today: date
) -> dict[str | None, MentoringFigures]:
    """The evaluation report's MentoringFigures, which the mentors' visits move: of the city
    (None) or the chosen kecamatan (its code), and of each kecamatan of the city."""
    as_of, groups, active = groups_of_year(year, kecamatan, today=today)
    total = mentoring_figures(groups, active, year=year, as_of=as_of, today=today)
    mentoring = {kecamatan.pk if kecamatan else None: total}
    if kecamatan is None:
        mentoring.update(_kecamatan_mentoring(groups, active, year=year, as_of=as_of, today=today))
    return mentoring


def _kecamatan_mentoring(
    groups: QuerySet[BusinessGroup],
    active: QuerySet[BusinessGroup],
    *,
    year: int,
    as_of: date,
    today: date,
) -> dict[str, MentoringFigures]:
    """mentoring_figures of each kecamatan, from three grouped queries."""
    kec = "kelurahan__kecamatan"
    active_count = dict(active.order_by().values_list(kec).annotate(count=Count("pk")))
    last_visits = defaultdict(dict)
    for group_id, code, last in _mentor_assignments(active, as_of=as_of, today=today).values_list(
        "group_id", f"group__{kec}", "last_visit"
    ):
        last_visits[code][group_id] = last
    visits = dict(
        BookkeepingVisit.objects.filter(assignment__group__in=groups, visited_on__year=year)
        .order_by()
        .values_list(f"assignment__group__{kec}")
        .annotate(count=Count("pk"))
    )
    return {
        code: _mentoring(
            active_groups=active_count.get(code, 0),
            last_visits=last_visits[code],
            visits=visits.get(code, 0),
            as_of=as_of,
        )
        for code in active_count.keys() | last_visits.keys() | visits.keys()
    }
