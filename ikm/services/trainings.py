"""Trainings: register a participant, record attendance, certificates, participation figures."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from ikm.models import (
    Attendance,
    BusinessGroup,
    Member,
    Membership,
    Training,
    TrainingDay,
    TrainingRegistration,
)
from portal.caching import data_changed


def training_register(
    *, training: Training, member: Member, group: BusinessGroup | None = None, by
) -> TrainingRegistration:
    """Register `member` for `training`, from `group` (by default their only active group).

    The places are counted with the training's row locked, so two staff registering the
    last place at the same moment cannot both get it. `by` is the staff member who
    registers; the model keeps no author yet, the argument keeps the call sites honest.
    """
    memberships = Membership.objects.active().filter(member=member)
    if group is None:
        group_ids = list(memberships.values_list("group_id", flat=True)[:2])
        if len(group_ids) == 1:
            group = BusinessGroup.objects.get(pk=group_ids[0])
    elif not memberships.filter(group=group).exists():
        raise ValidationError(
            {
                "group": _("%(name)s bukan anggota aktif kelompok %(group)s.")
                % {"name": member.name, "group": group.name}
            }
        )
    with transaction.atomic():
        locked = Training.objects.select_for_update().get(pk=training.pk)
        registrations = TrainingRegistration.objects.filter(training=locked)
        if registrations.filter(member=member).exists():
            raise ValidationError(
                _("%(name)s sudah terdaftar di pelatihan ini.") % {"name": member.name},
                code="duplicate",
            )
        if registrations.count() >= locked.capacity:
            raise ValidationError(
                _("Pelatihan ini sudah penuh: kapasitas %(capacity)d peserta.")
                % {"capacity": locked.capacity},
                code="full",
            )
        return TrainingRegistration.objects.create(training=locked, member=member, group=group)


def attendance_record(
    *, registration: TrainingRegistration, day: TrainingDay, present: bool
) -> None:
    """Mark a participant present or absent on a day; repeating it changes nothing."""
    if day.training_id != registration.training_id:
        raise ValidationError(_("Hari ini bukan bagian dari pelatihan peserta."))
    if present:
        Attendance.objects.get_or_create(registration=registration, day=day)
    else:
        Attendance.objects.filter(registration=registration, day=day).delete()


def training_attendance_save(
    *,
    training: Training,
    present: Iterable[tuple[int, int]],
    by,
    registrations: QuerySet | None = None,
) -> tuple[int, int]:
    """Save an attendance grid: exactly the (registration id, day id) pairs are present.

    The grid covers `registrations` (by default all of the training's; staff limited to
    some kecamatan pass theirs, so marks of participants they cannot see are kept as they
    are). Pairs outside it are ignored. Idempotent, in a fixed number of queries; every
    mark added or removed is kept in the history with `by` as its author. Returns how many
    marks were added and removed.
    """
    if registrations is None:
        registrations = training.registrations.all()
    registration_ids = set(registrations.filter(training=training).values_list("pk", flat=True))
    day_ids = set(training.days.values_list("pk", flat=True))
    wanted = {(r, d) for r, d in present if r in registration_ids and d in day_ids}
    with transaction.atomic():
        # Two grids saved at once would both add the same mark: the second waits here.
        Training.objects.select_for_update().get(pk=training.pk)
        existing = Attendance.objects.filter(registration_id__in=registration_ids)
        current = {
            (a.registration_id, a.day_id): a.pk for a in existing.only("id", "registration", "day")
        }
        to_add = wanted - current.keys()
        to_remove = [pk for pair, pk in current.items() if pair not in wanted]
        # bulk_create alone would leave the additions out of the history.
        bulk_create_with_history(
            [Attendance(registration_id=r, day_id=d) for r, d in to_add],
            Attendance,
            default_user=by,
        )
        if to_remove:
            # A queryset delete sends each row's signals, so the history keeps the removals;
            # their author comes from the request, as for any change in a view.
            Attendance.objects.filter(pk__in=to_remove).delete()
        data_changed(public=False)  # bulk_create sends no model signals
    return len(to_add), len(to_remove)


def certificate_eligible(
    registration: TrainingRegistration, *, day_count: int | None = None
) -> bool:
    """Whether the participant attended every day of a training that has at least one day.

    Pass `day_count` and a registration from `with_days_attended()` to decide a whole list
    without a query per participant.
    """
    if day_count is None:
        day_count = TrainingDay.objects.filter(training_id=registration.training_id).count()
    if day_count == 0:
        return False
    attended = getattr(registration, "days_attended", None)
    if attended is None:
        attended = registration.attendances.filter(
            day__training_id=registration.training_id
        ).count()
    return attended >= day_count


@dataclass
class ParticipationRow:
    label: str
    registered: int  # distinct people registered
    attended: int  # distinct people present at least one day


@dataclass
class Participation:
    by_kelurahan: list[ParticipationRow]
    by_theme: list[ParticipationRow]


def _participation(registrations: QuerySet, key: str, label: str) -> list[ParticipationRow]:
    rows = (
        registrations.order_by()
        .values(key, label)
        .annotate(
            registered=Count("member", distinct=True),
            attended=Count("member", distinct=True, filter=Q(attendances__isnull=False)),
        )
    )
    result = [
        ParticipationRow(
            label=row[label] or _("Tanpa kelompok"),
            registered=row["registered"],
            attended=row["attended"],
        )
        for row in rows
    ]
    return sorted(result, key=lambda r: (-r.registered, r.label))


def participation_by_kelurahan_and_theme(registrations: QuerySet) -> Participation:
    """Distinct participants of `registrations` per kelurahan and per industry theme.

    Both come from the group a participant registered from; a person who took part in
    several trainings counts once per kelurahan or theme. Two aggregate queries.
    """
    return Participation(
        by_kelurahan=_participation(registrations, "group__kelurahan_id", "group__kelurahan__name"),
        by_theme=_participation(registrations, "group__theme_id", "group__theme__name"),
    )
