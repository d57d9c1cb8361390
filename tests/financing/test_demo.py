from collections import defaultdict
from datetime import date, timedelta

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.test import RequestFactory
from django.utils import timezone

from financing.models import (
    BookkeepingVisit,
    CreditApplication,
    CreditScheme,
    Lender,
    LenderStaff,
    MentorAssignment,
    visit_overdue_since,
)
from ikm.demo import demo_city_load
from ikm.models import BusinessGroup
from portal import roles
from tests.demo import load_demo

pytestmark = pytest.mark.django_db

Status = CreditApplication.Status
DECIDED = {Status.APPROVED, Status.REJECTED, Status.DISBURSED, Status.REPAID, Status.IN_ARREARS}
DISBURSED = {Status.DISBURSED, Status.REPAID, Status.IN_ARREARS}


@pytest.fixture(autouse=True)
def demo_settings(settings):
    settings.DEBUG = True


@pytest.fixture
def today() -> date:
    return timezone.localdate()


def visits_by_group() -> dict[str, list[BookkeepingVisit]]:
    """Each demo group's visits, oldest first, over all its assignments."""
    visits = defaultdict(list)
    rows = BookkeepingVisit.objects.select_related("assignment__group").order_by("visited_on")
    for visit in rows:
        visits[visit.assignment.group.slug].append(visit)
    return visits


def growth(visits: list[BookkeepingVisit]) -> float:
    return visits[-1].revenue / visits[0].revenue - 1


@pytest.mark.usefixtures("shared_demo")
class TestTheDemoCity:
    """Read-only checks of one demo city, built once for all of them (tests.demo)."""

    def test_every_group_has_one_active_mentor_and_a_year_of_visits(self, today):

        groups = BusinessGroup.objects.all()
        assert groups.count() == 22
        for group in groups:
            assert group.mentor_assignments.active().count() == 1, group
        visits = visits_by_group()
        assert set(visits) == set(groups.values_list("slug", flat=True))
        year_ago = today - timedelta(days=365)
        full_year = [
            slug
            for slug, rows in visits.items()
            if sum(v.visited_on >= year_ago for v in rows) >= 11
        ]
        assert len(full_year) >= 18
        for visit in BookkeepingVisit.objects.select_related("assignment__mentor"):
            visit.full_clean()
            assignment = visit.assignment
            assert assignment.started_on <= visit.visited_on <= today
            assert assignment.ended_on is None or visit.visited_on <= assignment.ended_on
            assert visit.created_by_id == assignment.mentor.user_id
            assert 45 <= visit.duration_minutes <= 120
            assert 2_000_000 <= visit.revenue <= 40_000_000
        # Most months end with a profit.
        rows = BookkeepingVisit.objects.all()
        assert sum(v.expenses < v.revenue for v in rows) >= rows.count() * 0.85

        # A couple of groups changed mentors and keep the visits of the old one.
        changed = MentorAssignment.objects.filter(ended_on__isnull=False, visits__isnull=False)
        assert changed.values("group").distinct().count() >= 2
        for old in changed.distinct():
            current = old.group.mentor_assignments.active().get()
            assert current.mentor != old.mentor
            assert current.started_on >= old.ended_on

    def test_mentors_of_every_lender_log_in_and_only_the_main_accounts_are_printed(
        self, today, shared_demo
    ):

        mentors = LenderStaff.objects.filter(user__groups__name=roles.BANK_MENTOR)
        for lender in Lender.objects.all():
            assert mentors.filter(lender=lender).exists(), lender
            assert LenderStaff.objects.filter(
                lender=lender, user__groups__name=roles.BANK_SUPERVISOR
            ).exists(), lender
        assert mentors.count() >= 9
        for staff in LenderStaff.objects.select_related("user"):
            assert authenticate(
                RequestFactory().post("/masuk/"),
                username=staff.user.username,
                password="demo-portal",
            ), staff
            assert staff.user.first_name and staff.user.last_name
        assert "fitriani.bri" not in shared_demo
        assert (
            f"{mentors.filter(assignments__isnull=False).distinct().count()} mentor, "
            f"{MentorAssignment.objects.count()} penugasan, "
            f"{BookkeepingVisit.objects.count()} kunjungan pembukuan, "
            f"{CreditApplication.objects.count()} pengajuan kredit" in shared_demo
        )

        active = MentorAssignment.objects.active()
        mine = active.filter(mentor__user__username="mentor")
        assert 5 <= mine.count() <= 6
        assert 3 <= active.filter(mentor__user__username="mentor2").count() <= 4
        overdue = [
            assignment
            for assignment in mine
            if BookkeepingVisit.objects.of_group(assignment.group).latest("visited_on").visited_on
            < visit_overdue_since(today)
        ]
        assert len(overdue) >= 2

    def test_groups_improve_stall_decline_or_stop(self, today):

        visits = visits_by_group()
        improving = {slug for slug, rows in visits.items() if growth(rows) >= 0.15}
        stalled = {slug for slug, rows in visits.items() if abs(growth(rows)) < 0.10}
        at_risk = {
            slug for slug, rows in visits.items() if rows[-1].revenue <= rows[-2].revenue * 0.7
        }
        stopped = {
            slug
            for slug, rows in visits.items()
            if rows[-1].visited_on < today - timedelta(days=45) or not rows[-1].cash_book_kept
        }
        assert len(improving) >= 3
        assert len(stalled) >= 3
        assert 1 <= len(at_risk) <= 3
        assert 2 <= len(stopped) <= 5
        assert not improving & (at_risk | stopped)

        for slug in improving:
            first, last = visits[slug][0], visits[slug][-1]
            assert last.checklist_done > first.checklist_done, slug
            assert last.savings_balance > first.savings_balance, slug
            assert last.seriousness > first.seriousness, slug
        assert {v.seriousness for rows in visits.values() for v in rows} == {1, 2, 3, 4, 5}

    def test_credit_schemes_and_applications_in_every_status_with_consistent_dates(self, today):

        schemes = {s.name: s for s in CreditScheme.objects.all()}
        kinds = {s.kind for s in schemes.values()}
        assert kinds >= {"kur_mikro", "kur_kecil", "kota", "pnm", "pegadaian"}
        assert (schemes["KUR Mikro"].interest_rate, schemes["KUR Mikro"].ceiling) == (
            6,
            100_000_000,
        )
        assert (schemes["KUR Kecil"].interest_rate, schemes["KUR Kecil"].ceiling) == (
            6,
            500_000_000,
        )
        city = schemes["Kredit Usaha Kota Palu 3%"]
        assert (city.kind, city.interest_rate, city.ceiling) == ("kota", 3, 25_000_000)

        applications = CreditApplication.objects.select_related("group", "scheme", "lender")
        assert 10 <= applications.count() <= 14
        assert {a.status for a in applications} == set(Status.values)
        staff = {s.user_id: s for s in LenderStaff.objects.prefetch_related("user__groups")}
        for application in applications:
            application.full_clean()
            status = application.status
            assert 5_000_000 <= application.amount_requested <= 75_000_000, application
            assert application.amount_requested <= application.scheme.ceiling, application
            assert 12 <= application.tenor_months <= 36, application
            assert (application.amount_approved is not None) == (
                status in DECIDED - {Status.REJECTED}
            ), application
            assert (application.decided_on is not None) == (status in DECIDED), application
            assert (application.decided_by_id is not None) == (status in DECIDED), application
            assert (application.disbursed_on is not None) == (status in DISBURSED), application
            assert (application.collectibility is not None) == (status in DISBURSED), application
            if status == Status.IN_ARREARS:
                assert 2 <= application.collectibility <= 5
            elif status in DISBURSED:
                assert application.collectibility == 1
            dates = [application.submitted_on, application.decided_on, application.disbursed_on]
            dates = [day for day in dates if day]
            assert dates == sorted(dates) and dates[-1] <= today, application
            if status == Status.REPAID:
                assert (
                    application.disbursed_on + timedelta(days=30 * application.tenor_months)
                    <= today
                )

            mentor = staff[application.proposed_by_id]
            assert mentor.lender == application.lender
            assert mentor.assignments.filter(group=application.group).exists()
            if application.decided_by_id:
                supervisor = staff[application.decided_by_id]
                assert supervisor.lender == application.lender
                assert supervisor.user.groups.get().name == roles.BANK_SUPERVISOR
        bri = applications.filter(lender__name="Bank Rakyat Indonesia", decided_by__isnull=False)
        assert {a.decided_by.username for a in bri} == {"supervisor"}

        # Lenders lend to the groups whose books improved.
        visits = visits_by_group()
        for application in applications.filter(status__in=[Status.APPROVED, Status.DISBURSED]):
            assert growth(visits[application.group.slug]) >= 0.15, application


def test_a_run_on_a_later_day_moves_the_record_instead_of_adding_to_it():
    demo_city_load(today=date(2026, 11, 23))
    counts = {
        model: model.objects.count()
        for model in (MentorAssignment, BookkeepingVisit, CreditApplication)
    }

    later = date(2027, 1, 5)
    demo_city_load(today=later)

    assert {model: model.objects.count() for model in counts} == counts
    assert BookkeepingVisit.objects.latest("visited_on").visited_on > later - timedelta(days=10)
    assert CreditApplication.objects.latest("submitted_on").submitted_on > later - timedelta(
        days=30
    )


def test_load_demo_gives_a_reassigned_demo_group_its_demo_mentor_back(today):
    load_demo()
    group = BusinessGroup.objects.get(slug="ikm-bawang-goreng-sintuvu")
    other = LenderStaff.objects.get(user__username="fitriani.bri")
    # What staff do when they assign another mentor: the current assignment ends today.
    group.mentor_assignments.active().update(ended_on=today)
    by_hand = MentorAssignment.objects.create(
        group=group, mentor=other, started_on=today, assigned_by=get_user_model().objects.first()
    )

    load_demo()

    assert group.mentor_assignments.active().get().mentor.user.username == "mentor"
    by_hand.refresh_from_db()
    assert by_hand.ended_on == today
