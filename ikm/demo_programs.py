"""Demo data: Palu's road map 2017–2021 and what became of it, aid, trainings and targets.

Every demo group is enrolled in "Kelurahan Inovasi Unggul dan Mandiri" with its progress on
each of the five stages (the 2018 machine purchase slipped for most), aid handed over in
2017–2019 with the checks that followed it (one misallocated machine, sold on; a few items at
risk), the trainings of 2018–2021 with their attendance, and the city's and some kelurahan's
targets. ikm/demo.py calls `programs_demo_load` inside its transaction, after the groups and
the demo accounts; loading twice changes nothing.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth import get_user_model

from ikm.demo_programs_data import (
    AID,
    GROUP_TRACKS,
    PROGRAM,
    RECORDED_BY,
    SHIFT_DAYS,
    STAGE_ONE_DAYS,
    STAGES,
    TARGETS,
    TRACKS,
    TRAININGS,
)
from ikm.models import (
    Aid,
    AidCheck,
    BusinessGroup,
    Enrolment,
    Membership,
    Program,
    Stage,
    StageCriterion,
    StageProgress,
    Target,
    Theme,
    Training,
    TrainingDay,
    TrainingRegistration,
)
from ikm.services.trainings import training_attendance_save
from portal.demo import upsert

ROLE_RANK = {role: rank for rank, role in enumerate(Membership.Role.values)}


@dataclass
class ProgramsSummary:
    programs: int
    enrolments: int
    stage_progress: int
    aid: int
    aid_at_risk: int
    trainings: int
    training_registrations: int
    targets: int


class DemoDataError(Exception):
    """The demo's own data contradicts itself (a bug in demo_programs_data.py)."""


def programs_demo_load(
    *, groups: dict[str, BusinessGroup], rng: random.Random, today: date
) -> ProgramsSummary:
    """The road map with every demo group's progress, aid and checks, trainings, targets."""
    if set(GROUP_TRACKS) != set(groups):
        raise DemoDataError("GROUP_TRACKS must name every demo group exactly once.")
    staff = get_user_model().objects.get(username=RECORDED_BY)
    program, stages = _program_load()
    _progress_load(program, stages, groups, rng=rng)
    _aid_load(groups, by=staff, today=today)
    _trainings_load(groups)
    _targets_load()
    return _summary(program, groups, today=today)


def _program_load() -> tuple[Program, list[tuple[Stage, list[StageCriterion]]]]:
    program = upsert(
        Program,
        lookup={"name": PROGRAM["name"]},
        values={key: value for key, value in PROGRAM.items() if key != "name"},
    )
    stages = []
    for order, year, focus, goals, criteria in STAGES:
        stage = upsert(
            Stage,
            lookup={"program": program, "order": order},
            values={"year": year, "focus": focus, "goals": goals},
        )
        rows = [
            upsert(StageCriterion, lookup={"stage": stage, "order": number}, values={"text": text})
            for number, text in enumerate(criteria, start=1)
        ]
        # Criteria an older version of the demo had beyond today's list.
        stage.criteria.exclude(pk__in=[row.pk for row in rows]).delete()
        stages.append((stage, rows))
    return program, stages


def _progress_load(
    program: Program,
    stages: list[tuple[Stage, list[StageCriterion]]],
    groups: dict[str, BusinessGroup],
    *,
    rng: random.Random,
) -> None:
    Done, NotStarted = StageProgress.Status.DONE, StageProgress.Status.NOT_STARTED
    for slug, group in groups.items():
        track = TRACKS[GROUP_TRACKS[slug]]
        shift = timedelta(days=rng.randint(*SHIFT_DAYS))
        enrolment = upsert(
            Enrolment,
            lookup={"program": program, "group": group},
            values={"enrolled_on": group.founded_on},
        )
        for (stage, criteria), entry in zip(stages, track, strict=True):
            status, started_on, completed_on, met, evidence = entry
            started_on = _weekday(started_on + shift) if started_on else None
            completed_on = _weekday(completed_on + shift) if completed_on else None
            if stage.order == 1 and status != NotStarted:
                # The first stage starts when the group joins and takes a few months.
                started_on = enrolment.enrolled_on
                if status == Done:
                    earliest = started_on + timedelta(days=STAGE_ONE_DAYS)
                    completed_on = _weekday(max(completed_on, earliest))
            progress = upsert(
                StageProgress,
                lookup={"enrolment": enrolment, "stage": stage},
                values={
                    "planned_year": stage.year,
                    "started_on": started_on,
                    "completed_on": completed_on,
                    "status": status,
                    "evidence": evidence,
                },
            )
            progress.criteria_met.set(criteria if met is None else criteria[:met])


def _weekday(day: date) -> date:
    """The day, or the Monday after when it is a Sunday: offices are closed."""
    return day + timedelta(days=1) if day.weekday() == 6 else day


def _aid_load(groups: dict[str, BusinessGroup], *, by, today: date) -> None:
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    for data in AID:
        aid = upsert(
            Aid,
            lookup={
                "group": groups[data["group"]],
                "items": data["items"],
                "handed_over_on": data["handed_over_on"],
            },
            values={
                "kind": data["kind"],
                "quantity": data.get("quantity", 1),
                "value": data["value"],
                "source": data["source"],
                "funder": data["funder"],
                "intended_theme_id": themes[data["theme"]].pk,
                "intended_kbli_id": None,
                "fit_justification": data.get("fit_justification", ""),
                "recorded_by_id": by.pk,
            },
        )
        _checks_load(aid, data["checks"], by=by, today=today)


def _checks_load(aid: Aid, wanted: list[tuple], *, by, today: date) -> None:
    """The aid's checks, matched to the data by their order: a run on a later day moves the
    recent checks' dates instead of adding checks."""
    existing = list(aid.checks.order_by("id"))
    for number, (status, when, note) in enumerate(wanted):
        checked_on = when if isinstance(when, date) else today - timedelta(days=when)
        upsert(
            AidCheck,
            lookup={"pk": existing[number].pk if number < len(existing) else None, "aid": aid},
            values={
                "checked_on": checked_on,
                "status": status,
                "note": note,
                "checked_by_id": by.pk,
            },
        )
    AidCheck.objects.filter(pk__in=[check.pk for check in existing[len(wanted) :]]).delete()


def _trainings_load(groups: dict[str, BusinessGroup]) -> None:
    memberships = Membership.objects.filter(
        group__in=groups.values(), left_on__isnull=True
    ).select_related("member")
    rosters: dict[int, list[Membership]] = {group.pk: [] for group in groups.values()}
    for membership in memberships:
        rosters[membership.group_id].append(membership)
    for roster in rosters.values():
        roster.sort(key=lambda m: (ROLE_RANK[m.role], m.joined_on, m.member.nik))

    for data in TRAININGS:
        training = upsert(
            Training,
            lookup={"title": data["title"]},
            values={
                key: data[key]
                for key in ("topic", "organiser", "partners", "venue", "capacity", "description")
            },
        )
        days = [
            upsert(TrainingDay, lookup={"training": training, "date": d}, values={})
            for d in data["days"]
        ]
        training.days.exclude(pk__in=[day.pk for day in days]).delete()

        chosen = _participants(data, groups, rosters)
        if len(chosen) > training.capacity:
            raise DemoDataError(f"{training.title}: more participants than places.")
        # Registrations an older demo or a person made since: the demo's list is the list.
        training.registrations.exclude(member__in=[m.member for m in chosen]).delete()
        registrations = [
            upsert(
                TrainingRegistration,
                lookup={"training": training, "member": membership.member},
                values={"group_id": membership.group_id},
            )
            for membership in chosen
        ]
        absent = set(data["absent"])
        present = [
            (registration.pk, day.pk)
            for number, registration in enumerate(registrations)
            for day_number, day in enumerate(days)
            if (number, day_number) not in absent
        ]
        training_attendance_save(training=training, present=present, by=None)


def _participants(
    data: dict, groups: dict[str, BusinessGroup], rosters: dict[int, list[Membership]]
) -> list[Membership]:
    """The training's participants, each with the membership of the group they come from."""
    first_day = data["days"][0]
    candidates = []
    for group in groups.values():
        if "themes" in data and group.theme.slug not in data["themes"]:
            continue
        if data.get("active_groups_only") and group.status != BusinessGroup.Status.ACTIVE:
            continue
        roster = [m for m in rosters[group.pk] if m.joined_on <= first_day]
        if "role" in data:
            roster = [m for m in roster if m.role == data["role"]]
        candidates.append(roster[: data.get("per_group", len(roster))])

    chosen, seen = [], set()
    for turn in range(max(map(len, candidates), default=0)):
        for roster in candidates:
            if turn < len(roster) and roster[turn].member_id not in seen:
                chosen.append(roster[turn])
                seen.add(roster[turn].member_id)
    if len(chosen) < data["participants"]:
        raise DemoDataError(f"{data['title']}: not enough members for the participants.")
    return chosen[: data["participants"]]


def _targets_load() -> None:
    for year, kelurahan, measure, value in TARGETS:
        upsert(
            Target,
            lookup={"year": year, "kelurahan_id": kelurahan, "measure": measure},
            values={"value": value},
        )


def _summary(program: Program, groups: dict[str, BusinessGroup], *, today: date) -> ProgramsSummary:
    demo_groups = list(groups.values())
    aid = Aid.objects.filter(group__in=demo_groups)
    trainings = Training.objects.filter(title__in=[t["title"] for t in TRAININGS])
    return ProgramsSummary(
        programs=Program.objects.filter(name=PROGRAM["name"]).count(),
        enrolments=program.enrolments.filter(group__in=demo_groups).count(),
        stage_progress=StageProgress.objects.filter(
            enrolment__program=program, enrolment__group__in=demo_groups
        ).count(),
        aid=aid.count(),
        aid_at_risk=aid.at_risk(today=today).count(),
        trainings=trainings.count(),
        training_registrations=TrainingRegistration.objects.filter(training__in=trainings).count(),
        targets=len(TARGETS),
    )
