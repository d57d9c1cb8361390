import datetime

import pytest

from ikm.models import Aid, Target
from ikm.services.targets import actuals, targets_against_records
from tests.factories import (
    AidFactory,
    BusinessGroupFactory,
    KelurahanFactory,
    MembershipFactory,
    TargetFactory,
    TrainingDayFactory,
    TrainingRegistrationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    besusu, lere = KelurahanFactory(), KelurahanFactory()
    a = BusinessGroupFactory(kelurahan=besusu, founded_on=datetime.date(2018, 2, 1))
    b = BusinessGroupFactory(kelurahan=besusu, founded_on=datetime.date(2018, 7, 1))
    c = BusinessGroupFactory(kelurahan=lere, founded_on=datetime.date(2017, 5, 1))
    for group in (a, a, b, c):
        MembershipFactory(group=group, joined_on=datetime.date(2018, 3, 1))
    MembershipFactory(
        group=c, joined_on=datetime.date(2017, 3, 1), left_on=datetime.date(2018, 6, 1)
    )
    AidFactory(group=a, value=10_000_000, handed_over_on=datetime.date(2018, 4, 1))
    AidFactory(group=c, value=5_000_000, handed_over_on=datetime.date(2018, 9, 1))
    AidFactory(group=c, value=7_000_000, handed_over_on=datetime.date(2019, 1, 1))
    day = TrainingDayFactory(date=datetime.date(2018, 4, 9))
    for group in (a, c):
        registration = TrainingRegistrationFactory(
            training=day.training, member=group.memberships.first().member, group=group
        )
        registration.attendances.create(day=day)
    TrainingRegistrationFactory(training=day.training, group=b)  # registered, never came
    return besusu, lere


def test_actuals_per_kelurahan_and_for_the_city(records):
    besusu, lere = records
    assert actuals(measure=Target.Measure.GROUPS_FORMED, year=2018) == {besusu.code: 2, None: 2}
    assert actuals(measure=Target.Measure.MEMBERS, year=2018) == {
        besusu.code: 3,
        lere.code: 1,
        None: 4,
    }
    assert actuals(measure=Target.Measure.AID_VALUE, year=2018) == {
        besusu.code: 10_000_000,
        lere.code: 5_000_000,
        None: 15_000_000,
    }
    assert actuals(measure=Target.Measure.PARTICIPANTS_TRAINED, year=2018)[None] == 2


def test_targets_are_set_against_the_records(records, django_assert_max_num_queries):
    besusu, _lere = records
    TargetFactory(year=2018, measure=Target.Measure.GROUPS_FORMED, value=230)
    TargetFactory(year=2018, kelurahan=besusu, measure=Target.Measure.GROUPS_FORMED, value=2)
    TargetFactory(year=2018, measure=Target.Measure.AID_VALUE, value=20_000_000)

    with django_assert_max_num_queries(6):
        rows = targets_against_records(year=2018)

    summary = [(r.target.kelurahan, r.target.measure, r.actual, r.percent, r.met) for r in rows]
    assert summary == [
        (None, "kelompok", 2, 1, False),
        (None, "nilai_bantuan", 15_000_000, 75, False),
        (besusu, "kelompok", 2, 100, True),
    ]
    assert Aid.objects.count() == 3


def test_targets_page_for_dinas_only(client, staff_user, records):
    from django.urls import reverse

    from tests.factories import LenderStaffFactory

    TargetFactory(year=2018, measure=Target.Measure.AID_VALUE, value=20_000_000)
    url = reverse("ikm:targets") + "?tahun=2018"
    assert client.get(url).status_code == 302
    client.force_login(LenderStaffFactory().user)
    assert client.get(url).status_code == 403
    client.force_login(staff_user)
    content = client.get(url).content.decode()
    assert "Rp 20.000.000" in content and "Rp 15.000.000" in content
    assert "75%" in content
