import io
import re
from datetime import date

import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ikm.models import BusinessGroup, Member, Target
from kelurahan.models import Kelurahan
from portal.workspace.sheets import area_summary
from tests.factories import (
    AidFactory,
    BusinessGroupFactory,
    KecamatanFactory,
    KelurahanFactory,
    LenderStaffFactory,
    MemberFactory,
    MembershipFactory,
    MentorAssignmentFactory,
    TargetFactory,
    ThemeFactory,
    TrainingDayFactory,
    TrainingRegistrationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def _member(group, gender, **dates):
    MembershipFactory(group=group, member=MemberFactory(gender=gender), **dates)


@pytest.fixture
def palu_timur():
    """Kecamatan Palu Timur in 2025: two kelurahan with groups, one still without."""
    kecamatan = KecamatanFactory(code="72.71.01", name="Palu Timur")
    barat = KelurahanFactory(code="72.71.01.1004", name="Besusu Barat", kecamatan=kecamatan)
    tengah = KelurahanFactory(code="72.71.01.1005", name="Besusu Tengah", kecamatan=kecamatan)
    KelurahanFactory(
        code="72.71.01.1006", name="Lolu Utara", kecamatan=kecamatan, min_groups_target=3
    )
    TargetFactory(year=2025, kelurahan=barat, measure=Target.Measure.GROUPS_FORMED, value=6)
    TargetFactory(year=2024, kelurahan=barat, measure=Target.Measure.GROUPS_FORMED, value=4)

    kopi = BusinessGroupFactory(
        name="IKM Kopi Besusu",
        kelurahan=barat,
        theme=ThemeFactory(name="Kopi bubuk"),
        founded_on=date(2017, 3, 1),
        workforce=7,
    )
    batik = BusinessGroupFactory(
        name="IKM Batik Bomba",
        kelurahan=barat,
        theme=ThemeFactory(name="Batik"),
        founded_on=date(2025, 2, 1),
        workforce=3,
    )
    BusinessGroupFactory(
        name="KUBE Abon Bubar",
        kelurahan=barat,
        status=BusinessGroup.Status.DISSOLVED,
        founded_on=date(2017, 3, 1),
        workforce=9,
    )
    BusinessGroupFactory(name="IKM Baru 2026", kelurahan=barat, founded_on=date(2026, 1, 5))
    kelor = BusinessGroupFactory(
        name="KUBE Kelor Tengah",
        kelurahan=tengah,
        theme=ThemeFactory(name="Olahan kelor"),
        founded_on=date(2019, 6, 1),
        workforce=4,
    )

    _member(kopi, Member.Gender.FEMALE, joined_on=date(2017, 3, 1))
    _member(kopi, Member.Gender.FEMALE, joined_on=date(2018, 3, 1))
    _member(kopi, Member.Gender.MALE, joined_on=date(2018, 3, 1))
    _member(kopi, Member.Gender.MALE, joined_on=date(2018, 3, 1), left_on=date(2024, 6, 1))
    _member(kopi, Member.Gender.MALE, joined_on=date(2026, 1, 10))
    _member(batik, Member.Gender.FEMALE, joined_on=date(2025, 2, 1))
    _member(kelor, Member.Gender.MALE, joined_on=date(2019, 6, 1))
    _member(kelor, Member.Gender.MALE, joined_on=date(2019, 6, 1))

    AidFactory(group=kopi, value=35_000_000, handed_over_on=date(2025, 3, 12))
    AidFactory(group=kopi, value=4_500_000, handed_over_on=date(2024, 3, 12))
    AidFactory(group=kelor, value=1_500_000, handed_over_on=date(2025, 8, 1))
    registration = TrainingRegistrationFactory(member=kopi.memberships.first().member, group=kopi)
    registration.attendances.create(
        day=TrainingDayFactory(training=registration.training, date=date(2025, 4, 9))
    )
    mentor = LenderStaffFactory(user=UserFactory(first_name="Rahmat", last_name="Hidayat"))
    MentorAssignmentFactory(group=kopi, mentor=mentor, started_on=date(2025, 1, 6))
    return kecamatan


def test_each_kelurahan_row_holds_the_years_figures(palu_timur):
    kelurahan_list = list(palu_timur.kelurahan_set.order_by("code"))
    summary = area_summary(kelurahan_list=kelurahan_list, year=2025, with_groups=False)
    barat, tengah, lolu = summary.rows

    assert (barat.active_groups, barat.target, barat.shortfall) == (2, 6, 4)
    assert barat.formed_in_year == 1
    assert (barat.men, barat.women, barat.members) == (1, 3, 4)
    assert barat.workforce == 10
    assert barat.themes == ["Batik", "Kopi bubuk"]
    assert barat.aid_value == 35_000_000
    assert barat.participants == 1
    assert barat.mentored == 1
    assert (tengah.active_groups, tengah.target, tengah.men, tengah.women) == (1, 5, 2, 0)
    assert tengah.aid_value == 1_500_000
    assert (lolu.active_groups, lolu.target, lolu.shortfall, lolu.themes) == (0, 3, 3, [])
    total = summary.total
    assert (total.active_groups, total.target, total.men, total.women) == (3, 14, 3, 3)
    assert (total.workforce, total.aid_value, total.participants) == (14, 36_500_000, 1)
    assert total.themes == ["Batik", "Kopi bubuk", "Olahan kelor"]
    assert summary.groups == []


def test_another_year_counts_that_year(palu_timur):
    barat = Kelurahan.objects.get(code="72.71.01.1004")
    summary = area_summary(kelurahan_list=[barat], year=2024, with_groups=True)
    row = summary.rows[0]

    assert (row.active_groups, row.target, row.formed_in_year) == (1, 4, 0)
    assert (row.men, row.women) == (1, 2)  # the man who left in June 2024 is gone by year end
    assert (row.aid_value, row.participants, row.mentored) == (4_500_000, 0, 0)
    names = [g.group.name for g in summary.groups]
    assert names == ["IKM Kopi Besusu", "KUBE Abon Bubar"]  # Batik was founded in 2025
    kopi = summary.groups[0]
    assert kopi.members == 3
    assert kopi.mentor.mentor.name == "Rahmat Hidayat"


def test_the_summary_costs_the_same_queries_for_one_or_many_kelurahan(
    palu_timur, django_assert_max_num_queries
):
    lolu = Kelurahan.objects.get(code="72.71.01.1006")
    every = list(palu_timur.kelurahan_set.all())
    with CaptureQueriesContext(connection) as one:
        area_summary(kelurahan_list=[lolu], year=2025, with_groups=True)
    with django_assert_max_num_queries(len(one)):
        area_summary(kelurahan_list=every, year=2025, with_groups=True)
    assert len(one) <= 13


def test_the_kecamatan_pdf_prints_rows_and_totals(staff_client, palu_timur):
    url = reverse("workspace:kecamatan_summary", args=["72.71.01"])
    assert url == "/dinas/laporan/kecamatan/72.71.01.pdf"
    response = staff_client.get(url, {"tahun": 2025})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = _text(response)
    for expected in [
        "Kecamatan Palu Timur (72.71.01) · Tahun 2025",
        "Besusu Barat",
        "Besusu Tengah",
        "Lolu Utara",
        "kurang 4",
        "Batik, Kopi bubuk",
        "Rp 35.000.000",
        "Rp 1.500.000",
        "Rp 36.500.000",
        "3 tema",
        "Halaman 1 dari",
    ]:
        assert expected in text, expected
    assert "IKM Kopi Besusu" not in text  # the group list is for one kelurahan only


def test_the_kelurahan_pdf_lists_its_groups(staff_client, palu_timur):
    response = staff_client.get(
        reverse("workspace:kelurahan_summary", args=["72.71.01.1004"]), {"tahun": "2025"}
    )

    assert response.status_code == 200
    text = _text(response)
    for expected in [
        "Kelurahan Besusu Barat (72.71.01.1004), Kecamatan Palu Timur · Tahun 2025",
        "IKM Kopi Besusu",
        "IKM Batik Bomba",
        "KUBE Abon Bubar",
        "Bubar",
        "Rahmat Hidayat",
        "Rp 35.000.000",
    ]:
        assert expected in text, expected
    assert "Besusu Tengah" not in text
    assert "IKM Baru 2026" not in text  # founded after the year


def test_the_year_defaults_to_this_year(staff_client, palu_timur):
    this_year = timezone.localdate().year
    for query in [{}, {"tahun": "bukan-tahun"}, {"tahun": "1850"}]:
        response = staff_client.get(
            reverse("workspace:kecamatan_summary", args=["72.71.01"]), query
        )
        assert f"Tahun {this_year}" in _text(response)


@pytest.mark.parametrize("name", ["workspace:kecamatan_summary", "workspace:kelurahan_summary"])
def test_an_unknown_area_is_404(staff_client, name):
    assert staff_client.get(reverse(name, args=["72.71.99"])).status_code == 404
