import io
import re
from datetime import date, timedelta

import pypdf
import pytest
from django.urls import reverse
from django.utils import timezone

from financing.models import CreditApplication
from ikm.models import Member, Membership
from portal.workspace.sheets import group_sheet
from tests.factories import (
    AidCheckFactory,
    AidFactory,
    BookkeepingVisitFactory,
    BusinessGroupFactory,
    CertificationFactory,
    CreditApplicationFactory,
    KecamatanFactory,
    KelurahanFactory,
    LenderStaffFactory,
    MemberFactory,
    MembershipFactory,
    MentorAssignmentFactory,
    ProductFactory,
    ThemeFactory,
    TrainingDayFactory,
    TrainingFactory,
    TrainingRegistrationFactory,
    UserFactory,
    valid_nik,
)

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.fixture
def besusu():
    group = BusinessGroupFactory(
        name="IKM Kopi Besusu",
        nib="9120301234567",
        address="Jl. Tanjung Tururuka No. 12",
        founded_on=date(2017, 3, 1),
        workforce=7,
        theme=ThemeFactory(name="Kopi bubuk"),
        kelurahan=KelurahanFactory(
            code="72.71.01.1004",
            name="Besusu Barat",
            kecamatan=KecamatanFactory(code="72.71.01", name="Palu Timur"),
        ),
    )
    siti = MembershipFactory(
        group=group,
        member=MemberFactory(
            name="Siti Aminah", nik=valid_nik(4101, female=True), gender=Member.Gender.FEMALE
        ),
        role=Membership.Role.LEADER,
        joined_on=date(2017, 3, 1),
    )
    MembershipFactory(
        group=group,
        member=MemberFactory(name="Budi Santoso", nik=valid_nik(4102), gender=Member.Gender.MALE),
        role=Membership.Role.TREASURER,
        joined_on=date(2018, 4, 3),
    )
    MembershipFactory(
        group=group,
        member=MemberFactory(name="Ahmad Lamasi", gender=Member.Gender.MALE),
        joined_on=date(2017, 5, 2),
        left_on=date(2019, 8, 31),
    )
    product = ProductFactory(group=group, name="Kopi bubuk Besusu", price=25_000, unit="250 g")
    CertificationFactory(
        product=product,
        number="P-IRT 2067271010001",
        issued_on=date(2020, 1, 15),
        expires_on=timezone.localdate() - timedelta(days=3),
    )
    aid = AidFactory(group=group, items="Mesin sangrai kopi 5 kg", value=35_000_000)
    AidCheckFactory(aid=aid, checked_on=date(2019, 9, 10))
    AidFactory(group=group, items="Biji kopi mentah 100 kg", value=4_500_000)
    training = TrainingFactory(title="Desain kemasan produk")
    day = TrainingDayFactory(training=training, date=date(2018, 4, 9))
    TrainingDayFactory(training=training, date=date(2018, 4, 10))
    TrainingRegistrationFactory(
        training=training, member=siti.member, group=group
    ).attendances.create(day=day)
    TrainingRegistrationFactory(training=TrainingFactory(title="Tidak hadir"), group=group)
    mentor = LenderStaffFactory(user=UserFactory(first_name="Rahmat", last_name="Hidayat"))
    assignment = MentorAssignmentFactory(group=group, mentor=mentor, started_on=date(2025, 1, 6))
    BookkeepingVisitFactory(assignment=assignment, visited_on=date(2025, 5, 10), revenue=9_000_000)
    BookkeepingVisitFactory(
        assignment=assignment,
        visited_on=date(2025, 6, 10),
        revenue=12_000_000,
        expenses=8_500_000,
        savings_balance=2_750_000,
    )
    CreditApplicationFactory(
        group=group,
        lender=mentor.lender,
        amount_requested=20_000_000,
        status=CreditApplication.Status.SUBMITTED,
        submitted_on=date(2025, 7, 1),
    )
    return group


def test_the_sheet_gathers_the_groups_record(besusu):
    sheet = group_sheet(group=besusu)

    assert [m.member.name for m in sheet.members] == ["Siti Aminah", "Budi Santoso"]
    assert (sheet.women, sheet.men, sheet.former_member_count) == (1, 1, 1)
    assert sheet.aid_total == 39_500_000
    assert [(t.title, t.participants) for t in sheet.trainings] == [("Desain kemasan produk", 1)]
    assert sheet.trainings[0].starts_on == date(2018, 4, 9)
    assert sheet.latest_visit.revenue == 12_000_000
    assert sheet.visit_count == 2
    assert sheet.assignment.mentor.name == "Rahmat Hidayat"
    certificate = sheet.products[0].certifications.all()[0]
    assert certificate.flag == "kedaluwarsa"


def test_the_sheet_pdf_prints_the_real_figures(staff_client, besusu):
    response = staff_client.get(reverse("workspace:group_sheet", args=[besusu.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "profil-" in response["Content-Disposition"]
    text = _text(response)
    for expected in [
        "IKM Kopi Besusu",
        "9120301234567",
        "Besusu Barat",
        "Palu Timur",
        "Kopi bubuk",
        "1 Maret 2017",
        "Siti Aminah",
        valid_nik(4101, female=True),  # NIK: an official Dinas document
        valid_nik(4102),
        "Ketua",
        "Bendahara",
        "3 April 2018",
        "2 anggota aktif: 1 laki-laki, 1 perempuan.",
        "Rp 25.000",
        "P-IRT 2067271010001",
        "Kedaluwarsa sejak",
        "Mesin sangrai kopi 5 kg",
        "Rp 35.000.000",
        "Rp 39.500.000",
        "Desain kemasan produk",
        "9 April 2018 – 10 April 2018",
        "Rahmat Hidayat",
        "Rp 12.000.000",
        "Rp 3.500.000",  # profit of the latest visit
        "Rp 2.750.000",
        "10 Juni 2025",
        "Rp 20.000.000",
        "Diajukan",
        "Halaman 1 dari",
    ]:
        assert expected in text, expected
    assert "Ahmad Lamasi" not in text  # left the group
    assert "Tidak hadir" not in text  # registered, never came


def test_the_sheet_of_a_new_group_says_what_is_missing(staff_client):
    group = BusinessGroupFactory(name="KUBE Abon Lere")
    text = _text(staff_client.get(reverse("workspace:group_sheet", args=[group.pk])))

    assert "KUBE Abon Lere" in text
    assert "Belum ada kunjungan pembukuan." in text
    assert "Saat ini tanpa mentor." in text


def test_the_sheet_costs_a_fixed_number_of_queries(besusu, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        group_sheet(group=besusu)


def test_a_missing_group_has_no_sheet(staff_client):
    assert staff_client.get(reverse("workspace:group_sheet", args=[999_999])).status_code == 404
