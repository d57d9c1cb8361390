import io
import re
from datetime import date

import pypdf
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import formats

from financing.models import CreditApplication
from financing.reports import last_full_quarter, lender_mentoring_report, report_period
from portal import roles
from tests.factories import (
    BookkeepingVisitFactory,
    BusinessGroupFactory,
    CreditApplicationFactory,
    LenderStaffFactory,
    MentorAssignmentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

Q2 = {"dari": "2025-04-01", "sampai": "2025-06-30"}


def _text(response) -> str:
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.fixture
def bri_groups(bri, sulteng, mentor, other_mentor, kur):
    """BRI's groups around the second quarter of 2025, and one of Bank Sulteng's."""
    mentor.user.first_name, mentor.user.last_name = "Rahmat", "Hidayat"
    mentor.user.save()
    kopi = BusinessGroupFactory(name="IKM Kopi Besusu")
    assignment = MentorAssignmentFactory(group=kopi, mentor=mentor, started_on=date(2025, 1, 6))
    for visited_on, revenue in [
        (date(2025, 3, 10), 9_000_000),
        (date(2025, 4, 15), 10_000_000),
        (date(2025, 7, 10), 21_000_000),
    ]:
        BookkeepingVisitFactory(assignment=assignment, visited_on=visited_on, revenue=revenue)
    BookkeepingVisitFactory(
        assignment=assignment,
        visited_on=date(2025, 6, 10),
        revenue=12_000_000,
        expenses=8_500_000,
        cash_on_hand=1_250_000,
        savings_balance=2_750_000,
    )
    MentorAssignmentFactory(
        group=BusinessGroupFactory(name="IKM Batik Bomba"),
        mentor=LenderStaffFactory(lender=bri),
        started_on=date(2024, 1, 8),
        ended_on=date(2025, 3, 31),
    )
    kelor = BusinessGroupFactory(name="KUBE Kelor Tengah")
    MentorAssignmentFactory(group=kelor, mentor=mentor, started_on=date(2025, 5, 1))
    abon = BusinessGroupFactory(name="IKM Abon Lere")
    BookkeepingVisitFactory(
        assignment=MentorAssignmentFactory(
            group=abon, mentor=other_mentor, started_on=date(2025, 1, 6)
        ),
        visited_on=date(2025, 5, 6),
    )

    CreditApplicationFactory(
        group=kopi,
        lender=bri,
        scheme=kur,
        amount_requested=20_000_000,
        amount_approved=15_000_000,
        status=CreditApplication.Status.APPROVED,
        submitted_on=date(2025, 5, 2),
        decided_on=date(2025, 5, 20),
    )
    CreditApplicationFactory(
        group=kopi,
        lender=bri,
        scheme=kur,
        amount_requested=7_000_000,
        status=CreditApplication.Status.REPAID,
        submitted_on=date(2024, 1, 2),
        decided_on=date(2024, 1, 10),
        disbursed_on=date(2024, 1, 15),
    )
    CreditApplicationFactory(
        group=kelor,
        lender=bri,
        scheme=kur,
        amount_requested=5_000_000,
        submitted_on=date(2025, 6, 20),
    )
    CreditApplicationFactory(group=abon, lender=sulteng, scheme=kur, submitted_on=date(2025, 5, 2))
    return kopi, kelor


def test_the_report_covers_the_lenders_groups_in_the_period(bri, bri_groups):
    kopi, kelor = bri_groups
    report = lender_mentoring_report(lender=bri, start=date(2025, 4, 1), end=date(2025, 6, 30))

    assert [row.group.name for row in report.rows] == ["IKM Kopi Besusu", "KUBE Kelor Tengah"]
    kopi_row, kelor_row = report.rows
    assert kopi_row.mentors == ["Rahmat Hidayat"]
    assert kopi_row.visit_count == 2
    assert kopi_row.latest.visited_on == date(2025, 6, 10)
    assert kopi_row.latest.revenue == 12_000_000
    assert kopi_row.readiness.risks == []  # judged on 30 June, not today
    assert [a.amount_requested for a in kopi_row.applications] == [20_000_000]
    assert (kelor_row.visit_count, kelor_row.latest) == (0, None)
    assert kelor_row.readiness.label == "Belum siap"
    assert [a.group for a in report.applications] == [kopi, kelor]
    assert (report.visit_count, report.unvisited) == (2, 1)
    assert report.amount_requested == 25_000_000


def test_the_report_costs_a_fixed_number_of_queries(bri, bri_groups, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        lender_mentoring_report(lender=bri, start=date(2025, 1, 1), end=date(2025, 12, 31))


def test_the_default_period_is_the_last_full_quarter():
    assert last_full_quarter(date(2025, 8, 15)) == (date(2025, 4, 1), date(2025, 6, 30))
    assert last_full_quarter(date(2025, 1, 1)) == (date(2024, 10, 1), date(2024, 12, 31))
    assert last_full_quarter(date(2025, 12, 31)) == (date(2025, 7, 1), date(2025, 9, 30))
    assert report_period(start="", end="", today=date(2025, 5, 5)) == (
        date(2025, 1, 1),
        date(2025, 3, 31),
    )
    assert report_period(start="2025-04-01", end="2025-06-30") == (
        date(2025, 4, 1),
        date(2025, 6, 30),
    )
    with pytest.raises(ValidationError):
        report_period(start="2025-06-30", end="2025-04-01")
    with pytest.raises(ValidationError):
        report_period(start="1 April", end="")


def test_a_supervisor_prints_their_lenders_report(client, supervisor, bri_groups):
    client.force_login(supervisor.user)
    response = client.get(reverse("financing:lender_report"), Q2)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = _text(response)
    for expected in [
        "Bank Rakyat Indonesia Cabang Palu",
        "Periode 1 April 2025 – 30 Juni 2025",
        "IKM Kopi Besusu",
        "Rahmat Hidayat",
        "10 Juni 2025",
        "Rp 12.000.000",
        "Rp 8.500.000",
        "Rp 1.250.000",
        "Rp 2.750.000",
        "KUR Mikro Rp 20.000.000: Disetujui",
        "Rp 15.000.000",
        "KUBE Kelor Tengah",
        "Tidak ada kunjungan dalam periode",
        "Rp 25.000.000",
        "Pimpinan Bank Rakyat Indonesia Cabang Palu",
        "Halaman 1 dari",
    ]:
        assert expected in text, expected
    for absent in ["IKM Batik Bomba", "IKM Abon Lere", "Rp 21.000.000", "Rp 7.000.000"]:
        assert absent not in text, absent


def test_without_dates_the_report_is_of_the_last_quarter(client, supervisor, bri_groups):
    client.force_login(supervisor.user)
    start, end = last_full_quarter()
    text = _text(client.get(reverse("financing:lender_report")))

    period = f"Periode {formats.date_format(start, 'j F Y')} – {formats.date_format(end, 'j F Y')}"
    assert period in text


def test_bad_dates_are_refused(client, supervisor):
    client.force_login(supervisor.user)
    url = reverse("financing:lender_report")
    assert client.get(url, {"dari": "2025-06-30", "sampai": "2025-04-01"}).status_code == 400
    assert client.get(url, {"dari": "kemarin", "sampai": "2025-04-01"}).status_code == 400


def test_dinas_print_any_lenders_report(client, bri, sulteng, bri_groups):
    client.force_login(UserFactory(role=roles.DINAS_STAFF))
    url = reverse("financing:lender_report")

    text = _text(client.get(url, {**Q2, "lender": bri.pk}))
    assert "IKM Kopi Besusu" in text
    assert "Kepala Dinas" in text
    sulteng_text = _text(client.get(url, {**Q2, "lender": sulteng.pk}))
    assert "IKM Abon Lere" in sulteng_text
    assert "IKM Kopi Besusu" not in sulteng_text
    for lender in ["", "999999", "bri", "²"]:
        assert client.get(url, {**Q2, "lender": lender}).status_code == 404


def test_a_supervisor_cannot_ask_for_another_lender(client, supervisor, bri, sulteng):
    client.force_login(supervisor.user)
    url = reverse("financing:lender_report")
    assert client.get(url, {"lender": sulteng.pk}).status_code == 404
    assert client.get(url, {"lender": bri.pk}).status_code == 200


def test_mentors_and_others_may_not_print_it(client, mentor):
    url = reverse("financing:lender_report")
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    client.force_login(mentor.user)
    assert client.get(url).status_code == 403
    client.force_login(UserFactory(role=roles.GROUP_LEADER))
    assert client.get(url).status_code == 403


def test_the_overview_offers_the_report_for_the_last_quarter(client, supervisor):
    client.force_login(supervisor.user)
    page = client.get(reverse("financing:lender")).content.decode()

    start, end = last_full_quarter()
    assert f'action="{reverse("financing:lender_report")}"' in page
    assert f'name="dari" value="{start:%Y-%m-%d}"' in page
    assert f'name="sampai" value="{end:%Y-%m-%d}"' in page
    assert reverse("ikm:export", args=["anggota", "xlsx"]) in page
