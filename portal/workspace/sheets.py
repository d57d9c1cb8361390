"""The group profile sheet: one group's official record on one or two printed pages.

It names members with their NIK, so it is a Dinas document and never a public one.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Max, Min, Prefetch, Q, Sum
from django.utils import timezone

from financing.models import BookkeepingVisit, CreditApplication, MentorAssignment
from financing.readiness import Readiness, assess
from ikm.models import (
    Aid,
    BusinessGroup,
    Certification,
    Member,
    Membership,
    Product,
    Target,
    TrainingRegistration,
)
from ikm.services.targets import actuals
from kelurahan.models import Kelurahan
from portal.workspace.timeline import certificate_flag


@dataclass
class TrainingAttended:
    title: str
    organiser: str
    starts_on: date | None
    ends_on: date | None
    participants: int


@dataclass
class GroupSheet:
    group: BusinessGroup
    members: list[Membership]
    former_member_count: int
    women: int
    men: int
    products: list[Product]
    aid: list[Aid]
    aid_total: int
    trainings: list[TrainingAttended]
    assignment: MentorAssignment | None
    latest_visit: BookkeepingVisit | None
    visit_count: int
    readiness: Readiness | None
    applications: list[CreditApplication]
    today: date


def _products(group: BusinessGroup, today: date) -> list[Product]:
    products = list(
        group.products.prefetch_related(
            Prefetch("certifications", queryset=Certification.objects.order_by("kind"))
        ).order_by("name")
    )
    for product in products:
        for certificate in product.certifications.all():
            certificate.flag, certificate.flag_label = certificate_flag(certificate, today=today)
    return products


def _trainings(group: BusinessGroup) -> list[TrainingAttended]:
    """Trainings at least one member of the group attended, with how many came."""
    rows = (
        TrainingRegistration.objects.filter(group=group, attendances__isnull=False)
        .values("training_id", "training__title", "training__organiser")
        .annotate(
            participants=Count("member_id", distinct=True),
            starts_on=Min("training__days__date"),
            ends_on=Max("training__days__date"),
        )
        .order_by("starts_on", "training_id")
    )
    return [
        TrainingAttended(
            title=row["training__title"],
            organiser=row["training__organiser"],
            starts_on=row["starts_on"],
            ends_on=row["ends_on"],
            participants=row["participants"],
        )
        for row in rows
    ]


def group_sheet(*, group: BusinessGroup, today: date | None = None) -> GroupSheet:
    """Everything the profile sheet prints about `group`, in a fixed number of queries."""
    today = today or timezone.localdate()
    memberships = Membership.objects.filter(group=group).select_related("member")
    members = list(memberships.active().board_first())
    current = Q(left_on__isnull=True)
    counts = memberships.aggregate(
        women=Count("pk", filter=current & Q(member__gender=Member.Gender.FEMALE)),
        men=Count("pk", filter=current & Q(member__gender=Member.Gender.MALE)),
        former=Count("pk", filter=~current),
    )
    aid = list(Aid.objects.filter(group=group).order_by("handed_over_on", "pk"))
    visits = list(
        BookkeepingVisit.objects.of_group(group)
        .select_related("assignment__mentor__user")
        .order_by("visited_on", "created_at")
    )
    assignment = (
        MentorAssignment.objects.active()
        .filter(group=group)
        .select_related("mentor__user", "mentor__lender")
        .first()
    )
    return GroupSheet(
        group=group,
        members=members,
        former_member_count=counts["former"],
        women=counts["women"],
        men=counts["men"],
        products=_products(group, today),
        aid=aid,
        aid_total=sum(item.value for item in aid),
        trainings=_trainings(group),
        assignment=assignment,
        latest_visit=visits[-1] if visits else None,
        visit_count=len(visits),
        readiness=assess(visits, aid=aid, today=today) if visits else None,
        applications=list(
            CreditApplication.objects.filter(group=group)
            .select_related("scheme", "lender")
            .order_by("submitted_on", "pk")
        ),
        today=today,
    )


@dataclass
class KelurahanRow:
    kelurahan: Kelurahan | None  # None on the totals row
    target: int
    active_groups: int = 0
    formed_in_year: int = 0
    men: int = 0
    women: int = 0
    workforce: int = 0
    themes: list[str] = field(default_factory=list)
    aid_value: int = 0
    participants: int = 0
    mentored: int = 0

    @property
    def members(self) -> int:
        return self.men + self.women

    @property
    def shortfall(self) -> int:
        return max(self.target - self.active_groups, 0)


@dataclass
class AreaGroup:
    group: BusinessGroup
    members: int
    mentor: MentorAssignment | None


@dataclass
class AreaSummary:
    year: int
    rows: list[KelurahanRow]
    total: KelurahanRow
    groups: list[AreaGroup]


def _by_kelurahan(rows, key: str) -> dict[str, int]:
    return {row[key]: row["value"] or 0 for row in rows}


def area_summary(*, kelurahan_list: list[Kelurahan], year: int, with_groups: bool) -> AreaSummary:
    """Per kelurahan: groups against the target, members, workforce, themes, aid, training
    and mentoring in `year`; a totals row; and, with `with_groups`, the groups themselves.

    "Active groups" are those active now and founded by the end of the year: the status has
    no history, so a past year's figure is today's groups that already existed then.
    One query per measure, whatever the number of kelurahan.
    """
    codes = [k.code for k in kelurahan_list]
    year_start, year_end = date(year, 1, 1), date(year, 12, 31)
    groups = BusinessGroup.objects.filter(kelurahan_id__in=codes)
    active = groups.active().filter(Q(founded_on__isnull=True) | Q(founded_on__lte=year_end))
    targets = dict(
        Target.objects.filter(
            year=year, kelurahan_id__in=codes, measure=Target.Measure.GROUPS_FORMED
        ).values_list("kelurahan_id", "value")
    )
    # A kelurahan without a target of its own for the year keeps its standing minimum (5).
    rows = {
        k.code: KelurahanRow(k, target=targets.get(k.code, k.min_groups_target))
        for k in kelurahan_list
    }
    per_kelurahan = (
        active.order_by()
        .values("kelurahan_id")
        .annotate(groups=Count("pk"), workforce=Sum("workforce"))
    )
    for row in per_kelurahan:
        rows[row["kelurahan_id"]].active_groups = row["groups"]
        rows[row["kelurahan_id"]].workforce = row["workforce"] or 0
    for code, name in (
        active.order_by("theme__name").values_list("kelurahan_id", "theme__name").distinct()
    ):
        rows[code].themes.append(name)
    # Members at the end of the year, counted as the MEMBERS target counts them.
    members = (
        Membership.objects.filter(group__kelurahan_id__in=codes, joined_on__lte=year_end)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=year_end))
        .order_by()
        .values("group__kelurahan_id", "member__gender")
        .annotate(value=Count("member_id", distinct=True))
    )
    for row in members:
        target_row = rows[row["group__kelurahan_id"]]
        if row["member__gender"] == Member.Gender.MALE:
            target_row.men += row["value"]
        else:
            target_row.women += row["value"]
    mentored = (
        MentorAssignment.objects.filter(group__kelurahan_id__in=codes, started_on__lte=year_end)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=year_start))
        .order_by()
        .values("group__kelurahan_id")
        .annotate(value=Count("group_id", distinct=True))
    )
    for code, value in _by_kelurahan(mentored, "group__kelurahan_id").items():
        rows[code].mentored = value
    for measure, attribute in [
        (Target.Measure.GROUPS_FORMED, "formed_in_year"),
        (Target.Measure.AID_VALUE, "aid_value"),
        (Target.Measure.PARTICIPANTS_TRAINED, "participants"),
    ]:
        for code, value in actuals(measure=measure, year=year).items():
            if code in rows:
                setattr(rows[code], attribute, value)

    ordered = [rows[code] for code in codes]
    total = KelurahanRow(kelurahan=None, target=sum(r.target for r in ordered))
    for attribute in [
        "active_groups",
        "formed_in_year",
        "men",
        "women",
        "workforce",
        "aid_value",
        "participants",
        "mentored",
    ]:
        setattr(total, attribute, sum(getattr(r, attribute) for r in ordered))
    total.themes = sorted({theme for r in ordered for theme in r.themes})
    return AreaSummary(
        year=year,
        rows=ordered,
        total=total,
        groups=_area_groups(
            groups.filter(Q(founded_on__isnull=True) | Q(founded_on__lte=year_end)), year_end
        )
        if with_groups
        else [],
    )


def _area_groups(groups, year_end: date) -> list[AreaGroup]:
    """The area's groups (of any status) with their members at the end of the year and their
    mentor now."""
    mentors = {
        a.group_id: a
        for a in MentorAssignment.objects.active()
        .filter(group__in=groups)
        .select_related("mentor__user", "mentor__lender")
    }
    counted = groups.select_related("theme").annotate(
        member_count=Count(
            "memberships",
            filter=Q(memberships__joined_on__lte=year_end)
            & (Q(memberships__left_on__isnull=True) | Q(memberships__left_on__gt=year_end)),
        )
    )
    return [
        AreaGroup(group=group, members=group.member_count, mentor=mentors.get(group.pk))
        for group in counted.order_by("name")
    ]
