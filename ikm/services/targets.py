"""Targets against what the records show, per year, for the city and for each kelurahan."""

from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from ikm.models import Aid, BusinessGroup, Membership, Target, TrainingRegistration

CITY = None  # the key of city-wide figures


@dataclass
class TargetRow:
    target: Target
    actual: int

    @property
    def percent(self) -> int | None:
        return round(self.actual * 100 / self.target.value) if self.target.value else None

    @property
    def met(self) -> bool:
        return self.actual >= self.target.value


def _records(measure: str, year: int) -> tuple[QuerySet, str, object]:
    """The rows a measure counts in a year, the path to their kelurahan, and the aggregate."""
    if measure == Target.Measure.GROUPS_FORMED:
        return BusinessGroup.objects.filter(founded_on__year=year), "kelurahan_id", Count("pk")
    if measure == Target.Measure.MEMBERS:
        # People belonging to a group at the end of the year.
        current = Membership.objects.filter(joined_on__year__lte=year).filter(
            Q(left_on__isnull=True) | Q(left_on__year__gt=year)
        )
        return current, "group__kelurahan_id", Count("member_id", distinct=True)
    if measure == Target.Measure.PARTICIPANTS_TRAINED:
        trained = TrainingRegistration.objects.filter(attendances__day__date__year=year)
        return trained, "group__kelurahan_id", Count("member_id", distinct=True)
    if measure == Target.Measure.AID_VALUE:
        return Aid.objects.filter(handed_over_on__year=year), "group__kelurahan_id", Sum("value")
    raise ValueError(measure)


def actuals(*, measure: str, year: int) -> dict[str | None, int]:
    """What the records show, per kelurahan code and for the whole city (key None)."""
    rows, kelurahan_path, aggregate = _records(measure, year)
    per_kelurahan = {
        row[kelurahan_path]: row["value"] or 0
        for row in rows.order_by().values(kelurahan_path).annotate(value=aggregate)
    }
    per_kelurahan[CITY] = rows.aggregate(value=aggregate)["value"] or 0
    return per_kelurahan


def targets_against_records(
    *, year: int, kecamatan_codes: Collection[str] | None = None
) -> list[TargetRow]:
    """Every target of a year with its actual value, city targets first; with
    `kecamatan_codes`, only the targets of the kelurahan in those kecamatan."""
    targets = Target.objects.filter(year=year)
    if kecamatan_codes is not None:
        targets = targets.filter(kelurahan__kecamatan__in=kecamatan_codes)
    targets = sorted(
        targets.select_related("kelurahan"),
        key=lambda t: (t.kelurahan is not None, t.kelurahan.name if t.kelurahan else "", t.measure),
    )
    figures = {
        measure: actuals(measure=measure, year=year) for measure in {t.measure for t in targets}
    }
    return [TargetRow(target=t, actual=figures[t.measure].get(t.kelurahan_id, 0)) for t in targets]


def target_years() -> list[int]:
    return list(Target.objects.values_list("year", flat=True).distinct().order_by("-year"))
