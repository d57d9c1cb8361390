from datetime import date

import pytest

from financing.models import CreditApplication, MentorAssignment
from ikm.models import AidCheck, Attendance, BusinessGroup, Member, StageProgress
from portal.workspace.figures import (
    _mentor_assignments,
    active_groups,
    area_groups,
    as_of_day,
    dashboard_figures,
    dashboard_years,
)
from tests.factories import (
    AidCheckFactory,
    AidFactory,
    BookkeepingVisitFactory,
    BusinessGroupFactory,
    CertificationFactory,
    CreditApplicationFactory,
    EnrolmentFactory,
    KecamatanFactory,
    KelurahanFactory,
    MemberFactory,
    MembershipFactory,
    MentorAssignmentFactory,
    ProductFactory,
    ProgramFactory,
    RegencyFactory,
    StageFactory,
    StageProgressFactory,
    TargetFactory,
    TrainingDayFactory,
    TrainingFactory,
    TrainingRegistrationFactory,
)

TODAY = date(2018, 6, 30)


def _attend(training_day, member, group):
    registration = TrainingRegistrationFactory(
        training=training_day.training, member=member, group=group
    )
    Attendance.objects.create(registration=registration, day=training_day)
    return registration


def _monthly_visits(assignment, months, **figures):
    for n, month in enumerate(months):
        BookkeepingVisitFactory(
            assignment=assignment,
            visited_on=date(2018, month, 15),
            sales_purchase_recorded=True,
            stock_recorded=True,
            money_kept_apart=True,
            receipts_kept=True,
            revenue=10_000_000 + n * 1_000_000,
            savings_balance=1_000_000 + n * 500_000,
            seriousness=5,
            **figures,
        )


@pytest.fixture
def city(db):
    """Two kecamatan of the city, one of another regency; groups with a year of records."""
    east = KecamatanFactory(code="72.71.01", name="Palu Timur")
    north = KecamatanFactory(code="72.71.05", name="Palu Utara")
    besusu, lolu = KelurahanFactory(kecamatan=east), KelurahanFactory(kecamatan=east)
    mamboro = KelurahanFactory(kecamatan=north, min_groups_target=1)
    elsewhere = KelurahanFactory(
        kecamatan=KecamatanFactory(
            code="72.10.01",
            regency=RegencyFactory(code="72.10", name="Kabupaten Sigi", kind="kabupaten"),
        )
    )
    TargetFactory(year=2018, kelurahan=besusu, value=2)

    g1 = BusinessGroupFactory(name="Kopi Besusu", kelurahan=besusu, workforce=10)
    g2 = BusinessGroupFactory(name="Batik Besusu", kelurahan=besusu, workforce=5)
    g3 = BusinessGroupFactory(name="Garam Mamboro", kelurahan=mamboro, workforce=7)
    BusinessGroupFactory(kelurahan=lolu, status=BusinessGroup.Status.INACTIVE, workforce=100)
    BusinessGroupFactory(kelurahan=mamboro, founded_on=date(2019, 1, 2), workforce=50)
    other = BusinessGroupFactory(kelurahan=elsewhere, workforce=1000)

    siti = MemberFactory(gender=Member.Gender.FEMALE)
    MembershipFactory(group=g1, member=siti)
    MembershipFactory(group=g2, member=siti, several_groups_confirmed=True)
    MembershipFactory(group=g1, member=MemberFactory(gender=Member.Gender.FEMALE))
    MembershipFactory(group=g1, member=MemberFactory(gender=Member.Gender.MALE))
    MembershipFactory(group=g2, member=MemberFactory(gender=Member.Gender.MALE))
    MembershipFactory(group=g1, left_on=date(2018, 3, 1))  # left before the day
    MembershipFactory(group=g3, joined_on=date(2019, 2, 1))  # joined after it
    MembershipFactory(group=other)

    roaster = AidFactory(group=g1, value=35_000_000, handed_over_on=date(2018, 3, 12))
    AidCheckFactory(aid=roaster, checked_on=date(2018, 6, 1), status=AidCheck.Status.IN_USE)
    dryer = AidFactory(
        group=g3,
        items="Pengering garam",
        source="csr",
        value=15_000_000,
        handed_over_on=date(2018, 5, 1),
    )
    AidCheckFactory(aid=dryer, checked_on=date(2018, 6, 1), status=AidCheck.Status.SOLD)
    AidFactory(group=g2, items="Meja cap", value=10_000_000, handed_over_on=date(2017, 1, 10))
    AidFactory(group=other, value=99_000_000, handed_over_on=date(2018, 2, 1))

    april = TrainingDayFactory(training=TrainingFactory(title="Pembukuan"), date=date(2018, 4, 9))
    may = TrainingDayFactory(training=TrainingFactory(title="Kemasan"), date=date(2018, 5, 2))
    old = TrainingDayFactory(date=date(2017, 8, 1))
    _attend(april, siti, g1)
    _attend(may, siti, g1)
    garam_member = MembershipFactory(group=g3).member
    _attend(may, garam_member, g3)
    _attend(old, MemberFactory(), g2)
    TrainingRegistrationFactory(training=april.training, member=MemberFactory(), group=g3)

    a1 = MentorAssignmentFactory(group=g1, started_on=date(2018, 1, 5))
    _monthly_visits(a1, [1, 2, 3, 4, 5, 6])
    a3 = MentorAssignmentFactory(group=g3, started_on=date(2018, 2, 1))
    BookkeepingVisitFactory(assignment=a3, visited_on=date(2018, 4, 1))
    ended = MentorAssignmentFactory(
        group=g2, started_on=date(2018, 1, 5), ended_on=date(2018, 3, 1)
    )
    BookkeepingVisitFactory(assignment=ended, visited_on=date(2018, 2, 1))

    Status = CreditApplication.Status
    CreditApplicationFactory(
        group=g1,
        submitted_on=date(2018, 2, 1),
        amount_requested=20_000_000,
        amount_approved=15_000_000,
        decided_on=date(2018, 3, 1),
        disbursed_on=date(2018, 4, 1),
        status=Status.DISBURSED,
    )
    CreditApplicationFactory(
        group=g3,
        submitted_on=date(2018, 5, 1),
        amount_requested=10_000_000,
        decided_on=date(2018, 5, 15),
        status=Status.REJECTED,
    )
    CreditApplicationFactory(
        group=g2,
        submitted_on=date(2017, 11, 1),
        amount_requested=30_000_000,
        amount_approved=25_000_000,
        decided_on=date(2018, 1, 10),
        status=Status.APPROVED,
    )
    CreditApplicationFactory(group=other, submitted_on=date(2018, 2, 1))

    program = ProgramFactory(name="Kelurahan Inovasi", start_year=2017, end_year=2021)
    s1, s2, s3 = (StageFactory(program=program, order=n, year=2016 + n) for n in (1, 2, 3))
    e1 = EnrolmentFactory(program=program, group=g1)
    e3 = EnrolmentFactory(program=program, group=g3)
    done = StageProgress.Status.DONE
    StageProgressFactory(enrolment=e1, stage=s1, status=done, completed_on=date(2017, 10, 1))
    StageProgressFactory(enrolment=e1, stage=s2, status=done, completed_on=date(2018, 5, 1))
    StageProgressFactory(enrolment=e3, stage=s1, status=done, completed_on=date(2018, 2, 1))
    StageProgressFactory(enrolment=e3, stage=s2, status=StageProgress.Status.IN_PROGRESS)
    StageProgressFactory(enrolment=e3, stage=s3, status=StageProgress.Status.POSTPONED)
    ProgramFactory(name="Program nanti", start_year=2020, end_year=2022)

    ProductFactory(group=g1, name="Kopi bubuk")
    CertificationFactory(
        product=ProductFactory(group=g1, name="Kopi sachet"), expires_on=date(2018, 7, 15)
    )
    CertificationFactory(product=ProductFactory(group=g2), expires_on=date(2018, 12, 1))
    inactive = BusinessGroup.objects.get(status=BusinessGroup.Status.INACTIVE)
    CertificationFactory(product=ProductFactory(group=inactive), expires_on=date(2018, 7, 1))
    return {"east": east, "north": north, "g1": g1, "g2": g2, "g3": g3}


def test_the_city_figures_of_a_year(city):
    figures = dashboard_figures(year=2018, kecamatan=None, today=TODAY)

    assert figures.as_of == TODAY
    groups = figures.groups
    assert (groups.groups, groups.members, groups.women, groups.men) == (3, 5, 3, 2)
    assert groups.workforce == 22

    coverage = figures.coverage
    assert (coverage.kelurahan_covered, coverage.kelurahan_total) == (2, 3)
    # Besusu's target was set to 2, Lolu keeps the standing five, Mamboro's minimum is 1.
    assert (coverage.groups, coverage.group_target, coverage.kelurahan_on_target) == (3, 8, 2)
    assert coverage.target_percent == 38

    aid = figures.aid
    assert (aid.handed_over.count, aid.handed_over.value) == (2, 50_000_000)
    assert [(r.label, r.amount.value) for r in aid.by_source] == [
        ("APBD", 35_000_000),
        ("CSR", 15_000_000),
    ]
    assert aid.checks == 2
    assert (aid.in_use.count, aid.sold.count, aid.unchecked.count) == (1, 1, 1)
    assert aid.unchecked.value == 10_000_000
    assert [(year, a.value) for year, a in figures.aid_by_year] == [
        (2017, 10_000_000),
        (2018, 50_000_000),
    ]

    assert (figures.training.trainings, figures.training.participants) == (2, 2)

    mentoring = figures.mentoring
    assert (mentoring.mentored, mentoring.active_groups, mentoring.coverage_percent) == (2, 3, 67)
    assert mentoring.overdue == 1  # Garam Mamboro: last visit 1 April
    assert mentoring.visits == 8

    credit = figures.credit
    assert (credit.asked.count, credit.asked.value) == (2, 30_000_000)
    assert (credit.approved.count, credit.approved.value) == (2, 40_000_000)
    assert (credit.disbursed.count, credit.disbursed.value) == (1, 15_000_000)
    assert credit.rejected == 1

    readiness = figures.readiness
    assert (readiness.ready, readiness.nearly, readiness.not_yet) == (1, 0, 2)
    assert readiness.without_visits == 0

    [progress] = figures.road_map
    assert progress.program.name == "Kelurahan Inovasi"
    assert progress.groups == 2
    assert (progress.done_on_plan, progress.done_late, progress.late, progress.on_plan) == (
        2,
        1,
        1,
        2,
    )

    assert [c.product.name for c in figures.expiring_certificates.shown] == ["Kopi sachet"]
    assert figures.expiring_certificates.total == 1

    at_risk = {row.group.name: row.reasons for row in figures.at_risk}
    assert set(at_risk) == {"Garam Mamboro", "Batik Besusu"}
    assert "Bantuan Pengering garam: dijual/dipindahtangankan" in at_risk["Garam Mamboro"]
    assert any(r.startswith("Pembukuan terhenti") for r in at_risk["Garam Mamboro"])
    # Sold aid is said once, not again in the readiness assessment's words.
    assert not any(r.startswith("Bantuan dijual") for r in at_risk["Garam Mamboro"])
    assert "Bantuan Meja cap: lama tidak diperiksa" in at_risk["Batik Besusu"]


def test_one_kecamatan(city):
    figures = dashboard_figures(year=2018, kecamatan=city["east"], today=TODAY)

    assert (figures.groups.groups, figures.groups.members, figures.groups.workforce) == (2, 4, 15)
    assert (figures.coverage.kelurahan_covered, figures.coverage.kelurahan_total) == (1, 2)
    assert figures.coverage.group_target == 7
    assert figures.aid.handed_over.value == 35_000_000
    # The trainings Palu Timur's members attended, and those members.
    assert (figures.training.trainings, figures.training.participants) == (2, 1)
    assert (figures.mentoring.mentored, figures.mentoring.overdue) == (1, 0)
    assert figures.credit.asked.value == 20_000_000
    assert figures.credit.approved.value == 40_000_000
    assert figures.road_map[0].groups == 1


def test_a_past_year_is_taken_on_its_last_day(city):
    figures = dashboard_figures(year=2017, kecamatan=None, today=TODAY)

    assert figures.as_of == date(2017, 12, 31)
    assert figures.groups.members == 6  # the one who left in March 2018 was still there
    assert figures.aid.handed_over.value == 10_000_000
    assert figures.training.participants == 1
    assert figures.mentoring.mentored == 0
    assert figures.credit.asked.value == 30_000_000
    assert figures.credit.approved.count == 0


def test_as_of_day():
    assert as_of_day(2017, today=TODAY) == date(2017, 12, 31)
    assert as_of_day(2018, today=TODAY) == TODAY


def test_years_come_from_the_records(city):
    assert dashboard_years(today=date(2024, 1, 1)) == [2024, 2022, 2021, 2020, 2019, 2018, 2017]


def _last_visits(*, as_of, today):
    active = active_groups(area_groups(None), as_of=as_of)
    return sorted(
        _mentor_assignments(active, as_of=as_of, today=today).values_list("group_id", "last_visit")
    )


def test_last_visits_kept_with_the_readiness_rows_agree_with_the_visits(
    city, django_capture_on_commit_callbacks
):
    """Today's overdue visits come from GroupReadiness.last_visit_on, another day's from the
    visits: the two agree, also after a visit is added, moved to a later day and deleted."""
    from_visits = _last_visits(as_of=TODAY, today=None)
    assert _last_visits(as_of=TODAY, today=TODAY) == from_visits
    assert [day for _group, day in from_visits] == [date(2018, 6, 15), date(2018, 4, 1)]

    assignment = MentorAssignment.objects.get(group__name="Garam Mamboro")
    # The rows are refreshed when a change commits.
    with django_capture_on_commit_callbacks(execute=True):
        visit = BookkeepingVisitFactory(assignment=assignment, visited_on=date(2018, 6, 2))
    assert _last_visits(as_of=TODAY, today=TODAY) == _last_visits(as_of=TODAY, today=None)
    assert dashboard_figures(year=2018, kecamatan=None, today=TODAY).mentoring.overdue == 0

    visit.visited_on = date(2018, 7, 20)  # after TODAY: not a visit yet
    with django_capture_on_commit_callbacks(execute=True):
        visit.save()
    assert _last_visits(as_of=TODAY, today=TODAY) == from_visits
    with django_capture_on_commit_callbacks(execute=True):
        visit.delete()
    assert _last_visits(as_of=TODAY, today=TODAY) == from_visits
