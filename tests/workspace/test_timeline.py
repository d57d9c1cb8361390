from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from financing.models import CreditApplication
from ikm.models import AidCheck, Certification, Membership, Stage, StageProgress
from portal.workspace import timeline
from portal.workspace.timeline import group_timeline, timeline_by_year
from tests.factories import (
    AidCheckFactory,
    AidFactory,
    BookkeepingVisitFactory,
    BusinessGroupFactory,
    CertificationFactory,
    CreditApplicationFactory,
    EnrolmentFactory,
    KelurahanFactory,
    LenderStaffFactory,
    MemberFactory,
    MembershipFactory,
    MentorAssignmentFactory,
    ProductFactory,
    StageProgressFactory,
    TrainingDayFactory,
    TrainingFactory,
    TrainingRegistrationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = date(2025, 9, 1)


def _history(group, *, visits=1, members=2):
    """A group with one of every kind of record; `visits` and `members` make it longer."""
    siti = MembershipFactory(
        group=group,
        member=MemberFactory(name="Siti Aminah"),
        role=Membership.Role.LEADER,
        joined_on=date(2017, 3, 1),
    )
    MembershipFactory(
        group=group,
        member=MemberFactory(name="Ahmad Lamasi"),
        role=Membership.Role.TREASURER,
        joined_on=date(2017, 5, 2),
        left_on=date(2019, 8, 31),
    )
    for n in range(members - 2):
        MembershipFactory(group=group, joined_on=date(2018, 1, 1) + timedelta(days=n))
    enrolment = EnrolmentFactory(group=group, enrolled_on=date(2017, 3, 20))
    StageProgressFactory(
        enrolment=enrolment,
        stage=Stage.objects.get_or_create(
            program=enrolment.program, order=1, defaults={"year": 2017, "focus": "Penguatan SDM"}
        )[0],
        started_on=date(2017, 4, 3),
        completed_on=date(2018, 4, 3),
        status=StageProgress.Status.DONE,
    )
    aid = AidFactory(
        group=group,
        items="Mesin sangrai kopi 5 kg",
        value=35_000_000,
        handed_over_on=date(2019, 3, 12),
    )
    AidCheckFactory(aid=aid, checked_on=date(2019, 9, 10), status=AidCheck.Status.IN_USE)
    AidCheckFactory(aid=aid, checked_on=date(2020, 2, 3), status=AidCheck.Status.IDLE)
    training = TrainingFactory(title="Pembukuan sederhana untuk UMKM")
    first = TrainingDayFactory(training=training, date=date(2018, 4, 9))
    second = TrainingDayFactory(training=training, date=date(2018, 4, 10))
    registration = TrainingRegistrationFactory(training=training, member=siti.member, group=group)
    registration.attendances.create(day=first)
    registration.attendances.create(day=second)
    mentor = LenderStaffFactory(user=UserFactory(first_name="Rahmat", last_name="Hidayat"))
    assignment = MentorAssignmentFactory(group=group, mentor=mentor, started_on=date(2025, 1, 6))
    for n in range(visits):
        BookkeepingVisitFactory(
            assignment=assignment,
            visited_on=date(2025, 6, 10) - timedelta(days=30 * n),
            revenue=12_000_000 - n,
        )
    product = ProductFactory(group=group, name="Kopi bubuk Besusu")
    CertificationFactory(
        product=product,
        kind=Certification.Kind.PIRT,
        number="P-IRT 2067271010001",
        issued_on=date(2020, 1, 15),
        expires_on=TODAY + timedelta(days=30),
    )
    CertificationFactory(
        product=product,
        kind=Certification.Kind.HALAL,
        number="ID31110000123",
        issued_on=date(2021, 5, 4),
        expires_on=date(2025, 5, 4),
    )
    CreditApplicationFactory(
        group=group,
        lender=mentor.lender,
        amount_requested=20_000_000,
        amount_approved=15_000_000,
        status=CreditApplication.Status.DISBURSED,
        submitted_on=date(2025, 7, 1),
        decided_on=date(2025, 7, 20),
        disbursed_on=date(2025, 8, 1),
    )
    return group


@pytest.fixture
def besusu():
    group = BusinessGroupFactory(
        name="IKM Kopi Besusu",
        founded_on=date(2017, 3, 1),
        kelurahan=KelurahanFactory(name="Besusu Barat"),
    )
    return _history(group)


def test_the_timeline_tells_the_whole_story_newest_first(besusu):
    events = group_timeline(group=besusu, today=TODAY)

    assert [e.date for e in events] == sorted((e.date for e in events), reverse=True)
    assert (events[0].date, events[0].kind) == (date(2025, 10, 1), timeline.CERTIFICATE_EXPIRY)
    assert (events[-1].date, events[-1].kind) == (date(2017, 3, 1), timeline.FOUNDED)
    assert events[-2].title == "Siti Aminah bergabung"  # same day, after the founding
    titles = [e.title for e in events]
    assert "Ahmad Lamasi keluar" in titles
    assert "Bantuan diterima: Mesin sangrai kopi 5 kg" in titles
    assert "Pelatihan: Pembukuan sederhana untuk UMKM" in titles
    assert "Mentor Rahmat Hidayat mulai mendampingi" in titles
    assert "Kredit KUR Mikro dicairkan" in titles
    assert len(events) == 20


def test_each_kind_carries_its_key_figures(besusu):
    events = {(e.kind, e.date): e for e in group_timeline(group=besusu, today=TODAY)}

    aid = events[(timeline.AID, date(2019, 3, 12))]
    assert "Rp 35.000.000" in aid.detail
    idle = events[(timeline.AID_CHECK, date(2020, 2, 3))]
    assert (idle.flag, idle.flag_label) == (timeline.WARNING, "Menganggur")
    assert events[(timeline.AID_CHECK, date(2019, 9, 10))].flag == ""
    visit = events[(timeline.VISIT, date(2025, 6, 10))]
    assert "Omzet Rp 12.000.000" in visit.detail
    assert "pengeluaran Rp 8.500.000" in visit.detail
    training = events[(timeline.TRAINING, date(2018, 4, 9))]
    assert training.detail == "1 dari 1 peserta terdaftar hadir: Siti Aminah (2/2 hari)"
    done = events[(timeline.STAGE_DONE, date(2018, 4, 3))]
    assert done.title == "Selesai Tahap 1 (Kelurahan Inovasi Unggul): Penguatan SDM"
    assert done.detail == "Rencana 2017 · terlambat 1 tahun"
    assert events[(timeline.STAGE_STARTED, date(2017, 4, 3))].detail == "Rencana 2017"
    decided = events[(timeline.CREDIT_DECIDED, date(2025, 7, 20))]
    assert decided.detail == "Disetujui Rp 15.000.000"
    assert "Rp 20.000.000" in events[(timeline.CREDIT_SUBMITTED, date(2025, 7, 1))].detail
    assert events[(timeline.CREDIT_DISBURSED, date(2025, 8, 1))].detail.startswith(
        "Rp 15.000.000 oleh"
    )


def test_certificates_near_or_past_their_end_are_flagged(besusu):
    events = group_timeline(group=besusu, today=TODAY)
    certificates = {
        (e.kind, e.date): e
        for e in events
        if e.kind in {timeline.CERTIFICATE, timeline.CERTIFICATE_EXPIRY}
    }

    pirt = certificates[(timeline.CERTIFICATE, date(2020, 1, 15))]
    assert pirt.flag == timeline.EXPIRING
    assert pirt.flag_label == "Berakhir 1 Oktober 2025, dalam 30 hari"
    halal = certificates[(timeline.CERTIFICATE, date(2021, 5, 4))]
    assert halal.flag == timeline.EXPIRED
    assert halal.flag_label == "Kedaluwarsa sejak 4 Mei 2025"
    assert certificates[(timeline.CERTIFICATE_EXPIRY, date(2025, 5, 4))].flag == timeline.EXPIRED
    # Far from its end a certificate carries no flag and its end is not an event.
    later = group_timeline(group=besusu, today=date(2024, 1, 1))
    assert not [e for e in later if e.kind == timeline.CERTIFICATE_EXPIRY]
    assert {e.flag for e in later if e.kind == timeline.CERTIFICATE} == {""}


def test_events_fall_under_their_year_newest_year_first(besusu):
    years = timeline_by_year(group_timeline(group=besusu, today=TODAY))

    assert [y.year for y in years] == [2025, 2021, 2020, 2019, 2018, 2017]
    assert [e.kind for e in years[-1].events][-2:] == [timeline.MEMBER_JOINED, timeline.FOUNDED]


def test_the_query_count_does_not_grow_with_the_history(django_assert_max_num_queries):
    small = _history(BusinessGroupFactory(), visits=1, members=2)
    large = _history(BusinessGroupFactory(), visits=12, members=25)
    for n in range(5):
        aid = AidFactory(group=large, handed_over_on=date(2020, 1, 1) + timedelta(days=n))
        AidCheckFactory(aid=aid)
    with CaptureQueriesContext(connection) as small_queries:
        small_events = group_timeline(group=small, today=TODAY)
    with django_assert_max_num_queries(len(small_queries)):
        large_events = group_timeline(group=large, today=TODAY)

    assert len(small_queries) <= 12
    assert len(large_events) > len(small_events) + 30


def test_a_new_group_has_only_its_founding():
    group = BusinessGroupFactory(founded_on=date(2024, 2, 1))
    assert [e.kind for e in group_timeline(group=group)] == [timeline.FOUNDED]
    assert group_timeline(group=BusinessGroupFactory(founded_on=None)) == []


def test_dinas_staff_read_the_timeline_page(staff_client, besusu):
    response = staff_client.get(reverse("workspace:group_timeline", args=[besusu.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Riwayat IKM Kopi Besusu" in page
    assert "Siti Aminah bergabung" in page
    assert "Rp 35.000.000" in page
    assert "Sabtu, 1 Maret 2025" not in page
    assert "Rabu, 1 Maret 2017" in page  # the founding, with its weekday
    assert reverse("workspace:group_sheet", args=[besusu.pk]) in page
    assert reverse("admin:ikm_businessgroup_change", args=[besusu.pk]) in page
    assert [y.year for y in response.context["years"]][-1] == 2017
    assert besusu.memberships.first().member.nik not in page


def test_the_page_flags_an_expiring_certificate(staff_client):
    group = BusinessGroupFactory()
    CertificationFactory(
        product=ProductFactory(group=group, name="Abon ikan"),
        issued_on=date(2023, 1, 2),
        expires_on=timezone.localdate() + timedelta(days=10),
    )
    page = staff_client.get(reverse("workspace:group_timeline", args=[group.pk])).content.decode()

    assert "dalam 10 hari" in page
    assert 'class="flag-segera-berakhir"' in page


def test_a_missing_group_is_404(staff_client):
    assert staff_client.get(reverse("workspace:group_timeline", args=[999_999])).status_code == 404


def test_dinas_pages_naming_a_group_link_to_its_timeline(staff_client):
    group = BusinessGroupFactory()
    AidFactory(group=group, handed_over_on=date(2019, 3, 12))  # never checked: at risk
    MentorAssignmentFactory(group=group, started_on=date(2025, 1, 6))  # no visit: overdue
    timeline_url = reverse("workspace:group_timeline", args=[group.pk])

    assert timeline_url in staff_client.get(reverse("ikm:aid_at_risk")).content.decode()
    assert timeline_url in staff_client.get(reverse("financing:coverage")).content.decode()
