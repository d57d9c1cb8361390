from collections import Counter
from datetime import date, timedelta

import pytest
from django.utils import timezone

from ikm.demo import demo_city_load
from ikm.models import (
    Aid,
    AidCheck,
    Attendance,
    BusinessGroup,
    Enrolment,
    Program,
    StageProgress,
    Target,
    Training,
    TrainingRegistration,
)
from ikm.models.aid import UNCHECKED_AFTER_DAYS
from ikm.services.programs import DONE_LATE, DONE_ON_PLAN, plan_versus_reality
from ikm.services.trainings import certificate_eligible

pytestmark = pytest.mark.django_db

Status = StageProgress.Status
PROGRAM = "Kelurahan Inovasi Unggul dan Mandiri"
TWO_DAYS = "Bimbingan Permodalan dan Pengembangan UMKM 2018"


@pytest.fixture(autouse=True)
def demo_settings(settings):
    settings.DEBUG = True


@pytest.fixture
def today() -> date:
    return timezone.localdate()


@pytest.mark.usefixtures("shared_demo")
class TestTheDemoCity:
    """Read-only checks of one demo city, built once for all of them (tests.demo)."""

    def test_the_road_map_has_five_stages_and_every_demo_group_enrolled(self, shared_demo):

        program = Program.objects.get(name=PROGRAM)
        assert (program.start_year, program.end_year) == (2017, 2021)
        assert program.dinas == "Dinas Koperasi dan UMKM Kota Palu"
        stages = list(program.stages.order_by("order"))
        assert [stage.year for stage in stages] == [2017, 2018, 2019, 2020, 2021]
        assert "mesin" in stages[1].focus.lower()
        for stage in stages:
            assert 2 <= stage.criteria.count() <= 4, stage
        assert program.enrolments.count() == 22
        assert set(program.enrolments.values_list("group", flat=True)) == set(
            BusinessGroup.objects.values_list("pk", flat=True)
        )
        assert "1 program dengan 22 kelompok peserta" in shared_demo

    def test_progress_dates_agree_with_statuses(self):

        rows = StageProgress.objects.select_related("stage", "enrolment").prefetch_related(
            "criteria_met", "stage__criteria"
        )
        assert rows.count() == 22 * 5
        for progress in rows:
            progress.full_clean()
            assert progress.planned_year == progress.stage.year
            assert (progress.completed_on is not None) == (progress.status == Status.DONE), progress
            if progress.status == Status.NOT_STARTED:
                assert progress.started_on is None, progress
            if progress.started_on and progress.completed_on:
                assert progress.started_on <= progress.completed_on, progress
            if progress.started_on:
                assert progress.started_on >= progress.enrolment.enrolled_on, progress
            if progress.status == Status.DONE:
                assert set(progress.criteria_met.all()) == set(progress.stage.criteria.all())
                assert progress.evidence, progress

        by_stage = {
            order: Counter(rows.filter(stage__order=order).values_list("status", flat=True))
            for order in range(1, 6)
        }
        assert by_stage[1][Status.DONE] >= 20
        assert by_stage[4][Status.IN_PROGRESS] >= 3
        assert by_stage[5][Status.NOT_STARTED] > 22 // 2
        # A few groups finished the whole road map; some are stuck.
        finished = [
            e
            for e in Enrolment.objects.all()
            if all(p.status == Status.DONE for p in e.progress.all())
        ]
        assert 2 <= len(finished) <= 4
        assert rows.filter(status=Status.POSTPONED).exists()

    def test_the_machine_stage_of_2018_slipped_for_most_groups(self, today):

        program = Program.objects.get(name=PROGRAM)
        report = plan_versus_reality(
            program=program, groups_qs=BusinessGroup.objects.all(), today=today
        )
        machines = [row.cells[1] for row in report.rows]
        assert len(machines) == 22
        slipped = [c for c in machines if c.category == DONE_LATE or c.status == Status.POSTPONED]
        assert len(slipped) >= 22 * 3 // 4
        assert sum(c.category == DONE_ON_PLAN for c in machines) <= 3
        done_late = [c for c in machines if c.category == DONE_LATE]
        assert Counter(c.completed_on.year for c in done_late).most_common(1)[0][0] == 2019
        # The first stage was done on plan by nearly all.
        assert report.summary[0].done >= 20

    def test_aid_has_exactly_one_misfit_and_a_few_items_at_risk(self, today):

        aid = Aid.objects.select_related("group__theme").prefetch_related("checks")
        assert 15 <= aid.count() <= 20
        for row in aid:
            row.full_clean()
            assert 2017 <= row.handed_over_on.year <= 2019, row
            assert 2_000_000 <= row.value <= 60_000_000, row
        misfits = [row for row in aid if not row.fits_group()]
        assert len(misfits) == 1
        misfit = misfits[0]
        assert misfit.kind == Aid.Kind.EQUIPMENT
        assert misfit.fit_justification.strip()
        assert misfit.checks.filter(status=AidCheck.Status.SOLD).exists()
        assert misfit.group.theme.slug == "kerajinan"
        assert {row.source for row in aid} == set(Aid.Source.values)

        at_risk = set(Aid.objects.at_risk(today=today))
        assert len(at_risk) >= 3
        assert misfit in at_risk
        assert any(not row.checks.all() for row in at_risk)  # never checked
        last_status = {
            row: max(row.checks.all(), key=lambda c: c.checked_on)
            for row in aid
            if row.checks.all()
        }
        assert {c.status for c in last_status.values()} == set(AidCheck.Status.values)
        recent = today - timedelta(days=UNCHECKED_AFTER_DAYS)
        for row in aid:
            if row not in at_risk:
                assert last_status[row].status == AidCheck.Status.IN_USE, row
                assert last_status[row].checked_on >= recent, row
        for check in AidCheck.objects.select_related("aid"):
            assert check.aid.handed_over_on <= check.checked_on <= today, check

    def test_the_two_day_training_had_fifty_participants_from_the_demo_groups(self):

        training = Training.objects.get(title=TWO_DAYS)
        assert training.venue == "Hotel Sweetama, Palu"
        assert list(training.days.values_list("date", flat=True)) == [
            date(2018, 4, 9),
            date(2018, 4, 10),
        ]
        assert training.capacity == 50
        registrations = list(training.registrations.with_days_attended().select_related("group"))
        assert len(registrations) == 50
        eligible = [r for r in registrations if certificate_eligible(r, day_count=2)]
        assert len(eligible) >= 40
        assert all(r.days_attended >= 1 for r in registrations)
        assert len(eligible) < 50  # a few came only one day
        assert len({r.group_id for r in registrations}) == 22
        for registration in registrations:
            assert registration.group.memberships.filter(
                member=registration.member_id, joined_on__lte=date(2018, 4, 9)
            ).exists()

        for other in Training.objects.exclude(pk=training.pk):
            assert 20 <= other.capacity <= 30, other
            assert 0 < other.registrations.count() <= other.capacity, other
            assert Attendance.objects.filter(registration__training=other).exists(), other
        topics = set(Training.objects.values_list("topic", flat=True))
        assert {
            Training.Topic.BOOKKEEPING,
            Training.Topic.HALAL,
            Training.Topic.DIGITAL_MARKETING,
        } <= (topics)

    def test_targets_of_2018_ask_five_groups_in_each_of_the_46_kelurahan(self):

        city = Target.objects.filter(year=2018, kelurahan__isnull=True)
        assert city.get(measure=Target.Measure.GROUPS_FORMED).value == 230
        assert city.get(measure=Target.Measure.PARTICIPANTS_TRAINED).value == 50
        assert city.filter(measure=Target.Measure.AID_VALUE).exists()
        kelurahan = Target.objects.filter(year=2018, kelurahan__isnull=False)
        assert kelurahan.count() >= 3
        assert set(kelurahan.values_list("kelurahan__kecamatan__regency", flat=True)) == {"72.71"}


def test_a_run_on_a_later_day_moves_the_recent_checks_instead_of_adding_to_them():
    models = (StageProgress, Aid, AidCheck, TrainingRegistration, Attendance, Target)
    demo_city_load(today=date(2026, 11, 23))
    counts = {model: model.objects.count() for model in models}
    progress = set(StageProgress.objects.values_list("started_on", "completed_on", "status"))
    at_risk = set(Aid.objects.at_risk(today=date(2026, 11, 23)))

    later = date(2027, 1, 5)
    demo_city_load(today=later)

    assert {model: model.objects.count() for model in models} == counts
    assert set(StageProgress.objects.values_list("started_on", "completed_on", "status")) == (
        progress
    )
    assert AidCheck.objects.latest("checked_on").checked_on > later - timedelta(days=30)
    assert set(Aid.objects.at_risk(today=later)) == at_risk
