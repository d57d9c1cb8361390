"""Demo data: the mentorship and credit record of Kota Palu's demo groups.

Every demo group has a lender's mentor and a year of bookkeeping visits that ends near the
day the demo is loaded: some groups improve, some stall, some decline or stop keeping books.
Some groups applied for credit, in every status. ikm/demo.py calls `mentorship_demo_load`
inside its transaction, after the groups, lenders and demo accounts; loading twice changes
nothing.
"""

import random
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser

from financing.demo_data import (
    ASSIGNED_BY,
    ASSIGNMENT_STARTED,
    ATTENDEES,
    CHECKLIST_ORDER,
    CREDIT_APPLICATIONS,
    CREDIT_NEXT_STEPS,
    CREDIT_TOPICS,
    DECLINING,
    DISBURSED,
    FLAT,
    IMPROVING,
    IN_ARREARS,
    ITEM_NEXT_STEPS,
    ITEM_TOPICS,
    LAPSED,
    MENTORSHIPS,
    NEXT_STEPS,
    REPAID,
    SCHEMES,
    STAFF,
    STOPPED,
    SUBMITTED,
    TOPICS,
    TROUBLE_NEXT_STEPS,
    TROUBLE_TOPICS,
    VISIT_INTERVAL_DAYS,
    VISITS_PER_GROUP,
)
from financing.models import (
    BookkeepingVisit,
    CreditApplication,
    CreditScheme,
    Lender,
    LenderStaff,
    MentorAssignment,
)
from ikm.demo_data import ACCOUNTS, DEMO_PASSWORD, LENDERS
from ikm.models import BusinessGroup
from ikm.validators import normalize_phone
from portal import roles
from portal.demo import upsert, user_load

# A visit's idempotency key is made from this and the group's slug and the visit's number in
# the year, not its date: the dates follow the day the demo is loaded, and a run on a later
# day must move the same twelve visits rather than add twelve more.
VISIT_KEY_NAMESPACE = uuid.UUID("fc9c8827-66b4-4463-b956-d576aba5086e")


@dataclass
class MentorshipSummary:
    mentors: int
    assignments: int
    visits: int
    credit_applications: int


@dataclass
class _Period:
    """One mentor's time with a group, as the demo wants it."""

    assignment: MentorAssignment
    mentor: LenderStaff
    started_on: date


def mentorship_demo_load(
    *, groups: dict[str, BusinessGroup], rng: random.Random, today: date
) -> MentorshipSummary:
    """Mentors for every demo group, a year of visits each, credit schemes and applications."""
    staff = _staff_load()
    assigned_by = get_user_model().objects.get(username=ASSIGNED_BY)
    periods: dict[str, list[_Period]] = {}
    for plan in MENTORSHIPS:
        group = groups[plan["group"]]
        periods[group.slug] = _assignments_load(
            group, plan, staff=staff, by=assigned_by, rng=rng, today=today
        )
        _visits_load(group, plan, periods[group.slug], rng=rng, today=today)
    schemes = _schemes_load()
    _applications_load(groups, periods, schemes=schemes, staff=staff, today=today)
    return _summary(groups)


def _staff_load() -> dict[str, LenderStaff]:
    """Every demo lender's staff by username, the extra mentors and supervisors saved first."""
    lenders = {
        name: Lender.objects.get(name=name, branch=branch) for name, _k, branch, _p in LENDERS
    }
    office_phones = {name: normalize_phone(phone) for name, _kind, _branch, phone in LENDERS}
    for username, role, first_name, last_name, lender_name in STAFF:
        user = user_load(
            username, role, first_name=first_name, last_name=last_name, password=DEMO_PASSWORD
        )
        upsert(
            LenderStaff,
            lookup={"user": user},
            values={"lender_id": lenders[lender_name].pk, "phone": office_phones[lender_name]},
        )
    staff = LenderStaff.objects.filter(lender__in=lenders.values()).select_related("user", "lender")
    return {member.user.username: member for member in staff}


def _assignments_load(
    group: BusinessGroup,
    plan: dict,
    *,
    staff: dict[str, LenderStaff],
    by: AbstractUser,
    rng: random.Random,
    today: date,
) -> list[_Period]:
    """The group's mentors, oldest first; the last one is the group's active mentor."""
    started_on = today - timedelta(days=rng.randint(*ASSIGNMENT_STARTED))
    mentor = staff[plan["mentor"]]
    wanted = [(mentor, started_on, None)]
    if "previous_mentor" in plan:
        changed_on = today - timedelta(days=plan["changed"])
        wanted = [
            (staff[plan["previous_mentor"]], started_on, changed_on),
            (mentor, changed_on, None),
        ]

    # A mentor given to the group by hand since the last run, or by an older demo, holds the
    # group's one active seat: their assignment ends, as when staff assign a new mentor.
    for other in group.mentor_assignments.active().exclude(mentor=mentor):
        other.ended_on = max(other.started_on, today)
        other.full_clean()
        other.save(update_fields=["ended_on"])

    periods = []
    for staff_member, started, ended in wanted:
        assignment = upsert(
            MentorAssignment,
            lookup={"group": group, "mentor": staff_member},
            values={"started_on": started, "ended_on": ended, "assigned_by_id": by.pk},
        )
        periods.append(_Period(assignment, staff_member, started))
    return periods


def _visits_load(
    group: BusinessGroup, plan: dict, periods: list[_Period], *, rng: random.Random, today: date
) -> None:
    dates = _visit_dates(plan, rng=rng, today=today)
    earlier: list[dict] = []
    for number, visited_on in enumerate(dates):
        values = _visit_values(plan, number=number, count=len(dates), earlier=earlier, rng=rng)
        period = _period_on(periods, visited_on)
        if number and period != _period_on(periods, dates[number - 1]):
            previous_mentor = _period_on(periods, dates[number - 1]).mentor
            values["notes"] = (
                f"Kunjungan pertama sejak pendampingan dialihkan dari {previous_mentor.name}."
            )
        values |= {
            "visited_on": visited_on,
            "assignment_id": period.assignment.pk,
            "created_by_id": period.mentor.user_id,
        }
        key = uuid.uuid5(VISIT_KEY_NAMESPACE, f"{group.slug}/{number + 1}")
        upsert(BookkeepingVisit, lookup={"idempotency_key": key}, values=values)
        earlier.append(values)


def _visit_dates(plan: dict, *, rng: random.Random, today: date) -> list[date]:
    """About monthly, oldest first, the last `last_visit` days ago; never on a Sunday."""
    last = today - timedelta(days=plan["last_visit"])
    dates = []
    for back in range(VISITS_PER_GROUP):
        jitter = rng.randint(-4, 4) if back else 0
        day = last - timedelta(days=back * VISIT_INTERVAL_DAYS + jitter)
        if day.weekday() == 6:
            day -= timedelta(days=1)
        dates.append(day)
    dates.reverse()
    if plan["trend"] == STOPPED:
        dates = dates[: plan["visits"]]
    return dates


def _period_on(periods: list[_Period], day: date) -> _Period:
    return next((p for p in reversed(periods) if p.started_on <= day), periods[0])


def _visit_values(
    plan: dict, *, number: int, count: int, earlier: list[dict], rng: random.Random
) -> dict:
    """One visit's checklist, figures and talk, following the group's trend over the year.

    `earlier` holds the values of the group's visits before this one.
    """
    previous = earlier[-1] if earlier else None
    trend = plan["trend"]
    last = number == count - 1
    span = max(count - 1, 1)
    lapsed = trend == LAPSED and number >= count - plan["lapsed_visits"]
    trouble = lapsed or (trend == DECLINING and last) or (trend == STOPPED and number >= count - 3)

    # Revenue in permille of the first visit's, so money stays in whole Rupiah.
    if trend == IMPROVING:
        factor = 1000 + plan["growth"] * 10 * number // span + rng.randint(-15, 15)
    elif trend == DECLINING:
        factor = 1000 + 8 * number + rng.randint(-40, 40)
    elif trend == STOPPED:
        factor = 1000 - 30 * number + rng.randint(-50, 50)
    elif trend == LAPSED:
        factor = 1000 - 12 * number + rng.randint(-60, 60)
    else:
        factor = 1000 + rng.randint(-80, 80)
    revenue = plan["revenue"] * factor // 1000
    if trend == DECLINING and last:
        revenue = previous["revenue"] * (100 - plan["drop"]) // 100
    revenue = _rounded(revenue, 50_000)

    # Expenses in permille of revenue: margins widen as a group learns its costs.
    if trend == IMPROVING:
        spent = 800 - 120 * number // span
    elif trend == STOPPED:
        spent = 900 + 15 * number
    else:
        spent = 850
    expenses = revenue * (spent + rng.randint(-30, 30)) // 1000
    if trend == DECLINING and last:
        # Costs do not fall as fast as sales: the month ends at a loss.
        expenses = previous["expenses"] * 9 // 10
    expenses = _rounded(expenses, 10_000)

    profit = revenue - expenses
    if previous is None:
        savings = plan["savings"]
    elif trend == IMPROVING:
        savings = previous["savings_balance"] + max(0, profit) // 4
    elif trend == DECLINING and last:
        # Savings pay the month's instalment.
        savings = previous["savings_balance"] * 7 // 10
    else:
        withdrawn = rng.choice([0, 0, 0, 200_000, 500_000])
        savings = max(0, previous["savings_balance"] + max(0, profit) // 10 - withdrawn)
    savings = _rounded(savings, 10_000)
    cash_share = rng.randint(2, 8) if trouble else rng.randint(5, 15)
    cash_on_hand = _rounded(revenue * cash_share // 100, 10_000)

    items = plan["items"]
    if trend == IMPROVING:
        kept = min(5, items + number * (6 - items) // count)
    elif trend == FLAT:
        kept = items - 1 if items > 1 and rng.random() < 0.2 else items
    elif trend == DECLINING:
        kept = items - 1 if last else items
    elif trend == STOPPED:
        kept = 0 if last else 1 if trouble else items
    else:
        kept = 0 if lapsed else items
    checklist = {item: index < kept for index, item in enumerate(CHECKLIST_ORDER)}

    if trend == IMPROVING:
        seriousness = 3 + (2 * number + span // 2) // span
    elif trend == FLAT:
        seriousness = rng.choice([2, 3, 3, 3, 4])
    elif trend == DECLINING:
        seriousness = 2 if last else rng.choice([3, 4, 4])
    elif trend == STOPPED:
        seriousness = max(1, 3 - 3 * number // count)
    else:
        seriousness = (1 if previous and previous["seriousness"] <= 2 else 2) if lapsed else 3

    learning = CHECKLIST_ORDER[kept] if kept < len(CHECKLIST_ORDER) else None
    if trouble:
        topics = rng.sample(TROUBLE_TOPICS, 2)
        next_steps = rng.sample(TROUBLE_NEXT_STEPS, rng.randint(1, 2))
    else:
        ready = seriousness >= 4
        topics = [rng.choice(ITEM_TOPICS[learning])] if learning else []
        topics += rng.sample(TOPICS + CREDIT_TOPICS if ready else TOPICS, rng.randint(1, 2))
        next_steps = [ITEM_NEXT_STEPS[learning]] if learning else []
        next_steps += [rng.choice(NEXT_STEPS + CREDIT_NEXT_STEPS if ready else NEXT_STEPS)]

    notes = ""
    # A group's own story is told at the visit where things went wrong.
    if "note" in plan and (number == count - plan["lapsed_visits"] if trend == LAPSED else last):
        notes = plan["note"]
    elif trend == IMPROVING and last:
        first = earlier[0]["revenue"]
        growth = (revenue - first) * 100 // first
        notes = f"Pembukuan rapi dan rutin; omzet naik {growth}% sejak awal tahun pendampingan."

    low = seriousness <= 2
    return {
        "duration_minutes": rng.randrange(45, 80, 5) if low else rng.randrange(60, 125, 5),
        "attendees": rng.choice(ATTENDEES[seriousness]),
        "topics": "; ".join(topics),
        **checklist,
        "revenue": revenue,
        "expenses": expenses,
        "cash_on_hand": cash_on_hand,
        "savings_balance": savings,
        "seriousness": seriousness,
        "notes": notes,
        "next_steps": "; ".join(next_steps),
    }


def _rounded(amount: int, step: int) -> int:
    return (amount + step // 2) // step * step


def _schemes_load() -> dict[str, CreditScheme]:
    schemes = {}
    for name, kind, interest_rate, ceiling, description in SCHEMES:
        schemes[name] = upsert(
            CreditScheme,
            lookup={"name": name},
            values={
                "kind": kind,
                "interest_rate": Decimal(interest_rate),
                "ceiling": ceiling,
                "description": description,
                "active": True,
            },
        )
    return schemes


def _applications_load(
    groups: dict[str, BusinessGroup],
    periods: dict[str, list[_Period]],
    *,
    schemes: dict[str, CreditScheme],
    staff: dict[str, LenderStaff],
    today: date,
) -> None:
    supervisor_names = [row[0] for row in [*ACCOUNTS, *STAFF] if row[1] == roles.BANK_SUPERVISOR]
    supervisors = {staff[username].lender_id: staff[username] for username in supervisor_names}
    for data in CREDIT_APPLICATIONS:
        group = groups[data["group"]]
        submitted_on = today - timedelta(days=data["submitted"])
        mentor = _period_on(periods[group.slug], submitted_on).mentor
        status = data["status"]
        decided_on = disbursed_on = None
        if status != SUBMITTED:
            decided_on = submitted_on + timedelta(days=data["decided"])
        if status in (DISBURSED, REPAID, IN_ARREARS):
            disbursed_on = decided_on + timedelta(days=data["disbursed"])
        upsert(
            CreditApplication,
            lookup={"group": group, "scheme": schemes[data["scheme"]], "purpose": data["purpose"]},
            values={
                "lender_id": mentor.lender_id,
                "amount_requested": data["requested"],
                "amount_approved": data.get("approved"),
                "tenor_months": data["tenor"],
                "status": status,
                "submitted_on": submitted_on,
                "decided_on": decided_on,
                "disbursed_on": disbursed_on,
                "collectibility": data.get("collectibility"),
                "proposed_by_id": mentor.user_id,
                "decided_by_id": supervisors[mentor.lender_id].user_id if decided_on else None,
                "notes": data["notes"],
            },
        )


def _summary(groups: dict[str, BusinessGroup]) -> MentorshipSummary:
    demo_groups = list(groups.values())
    assignments = MentorAssignment.objects.filter(group__in=demo_groups)
    return MentorshipSummary(
        mentors=LenderStaff.objects.filter(assignments__in=assignments).distinct().count(),
        assignments=assignments.count(),
        visits=BookkeepingVisit.objects.filter(assignment__group__in=demo_groups).count(),
        credit_applications=CreditApplication.objects.filter(group__in=demo_groups).count(),
    )
