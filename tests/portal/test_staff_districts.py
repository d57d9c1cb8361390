"""Dinas staff limited to a kecamatan see and change only the groups there; the rest is 404."""

import pytest
from django.urls import reverse

from ikm.models import Attendance, ImportJob, Target, TrainingRegistration
from ikm.services.imports import import_job_start, import_job_validate_all
from portal import roles
from portal.models import StaffDistrict
from tests.factories import (
    AidFactory,
    BookkeepingVisitFactory,
    BusinessGroupFactory,
    CreditApplicationFactory,
    KecamatanFactory,
    KelurahanFactory,
    MembershipFactory,
    MentorAssignmentFactory,
    ProductFactory,
    TargetFactory,
    ThemeFactory,
    TrainingDayFactory,
    TrainingFactory,
    TrainingRegistrationFactory,
    UserFactory,
)
from tests.ikm.test_import_files import xlsx_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    east = KelurahanFactory(
        code="72.71.01.1001", name="Besusu", kecamatan=KecamatanFactory(code="72.71.01")
    )
    west = KelurahanFactory(
        code="72.71.02.1001", name="Kamonji", kecamatan=KecamatanFactory(code="72.71.02")
    )
    theme = ThemeFactory(name="Kopi bubuk")
    groups = {}
    for side, kelurahan in (("east", east), ("west", west)):
        group = BusinessGroupFactory(name=f"Kelompok {side}", kelurahan=kelurahan, theme=theme)
        membership = MembershipFactory(group=group)
        assignment = MentorAssignmentFactory(group=group)
        groups[side] = {
            "group": group,
            "member": membership.member,
            "membership": membership,
            "product": ProductFactory(group=group),
            "aid": AidFactory(group=group),
            "assignment": assignment,
            "visit": BookkeepingVisitFactory(assignment=assignment),
            "application": CreditApplicationFactory(group=group),
        }
    officer = UserFactory(username="camat-timur", role=roles.DINAS_STAFF)
    StaffDistrict.objects.create(user=officer, kecamatan=east.kecamatan)
    return {"east": groups["east"], "west": groups["west"], "officer": officer}


@pytest.fixture
def officer_client(client, city):
    client.force_login(city["officer"])
    return client


ADMIN_PAGES = [
    ("ikm", "businessgroup", "group"),
    ("ikm", "member", "member"),
    ("ikm", "membership", "membership"),
    ("ikm", "product", "product"),
    ("ikm", "aid", "aid"),
    ("financing", "mentorassignment", "assignment"),
    ("financing", "bookkeepingvisit", "visit"),
    ("financing", "creditapplication", "application"),
]


@pytest.mark.parametrize(("app", "model", "record"), ADMIN_PAGES)
def test_the_admin_lists_and_opens_only_the_officers_kecamatan(
    officer_client, city, app, model, record
):
    mine, theirs = city["east"][record], city["west"][record]
    listing = officer_client.get(reverse(f"admin:{app}_{model}_changelist"))
    assert listing.status_code == 200
    shown = {obj.pk for obj in listing.context["cl"].result_list}
    assert mine.pk in shown and theirs.pk not in shown
    assert officer_client.get(
        reverse(f"admin:{app}_{model}_change", args=[mine.pk])
    ).status_code in (
        200,
        403,  # staff may only view some records; the point is that it exists for them
    )
    for view in ("change", "history", "delete"):
        url = reverse(f"admin:{app}_{model}_{view}", args=[theirs.pk])
        assert officer_client.get(url).status_code == 404, view


def test_forms_offer_only_the_officers_groups(client, city):
    admin = UserFactory(username="admin-timur", role=roles.DINAS_ADMIN)
    StaffDistrict.objects.create(user=admin, kecamatan=city["east"]["group"].kelurahan.kecamatan)
    client.force_login(admin)
    response = client.post(
        reverse("admin:ikm_product_add"),
        {
            "group": city["west"]["group"].pk,
            "name": "Kopi luar wilayah",
            "price": "15000",
            "unit": "bungkus",
            "certifications-TOTAL_FORMS": "0",
            "certifications-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "group" in response.context["adminform"].form.errors
    assert not city["west"]["group"].products.filter(name="Kopi luar wilayah").exists()


def test_dinas_pages_answer_404_outside_and_keep_to_the_kecamatan(officer_client, city):
    east, west = city["east"]["group"], city["west"]["group"]
    for name, args in (
        ("workspace:group_timeline", [east.pk]),
        ("workspace:kecamatan_summary", [east.kelurahan.kecamatan_id]),
        ("workspace:kelurahan_summary", [east.kelurahan_id]),
        ("financing:group", [east.slug]),
        ("financing:assign", [east.slug]),
    ):
        assert officer_client.get(reverse(name, args=args)).status_code == 200, name
    for name, args in (
        ("workspace:group_timeline", [west.pk]),
        ("workspace:group_sheet", [west.pk]),
        ("workspace:kecamatan_summary", [west.kelurahan.kecamatan_id]),
        ("workspace:kelurahan_summary", [west.kelurahan_id]),
        ("financing:group", [west.slug]),
        ("financing:assign", [west.slug]),
        ("financing:application", [city["west"]["application"].pk]),
    ):
        assert officer_client.get(reverse(name, args=args)).status_code == 404, name

    dashboard = officer_client.get(reverse("workspace:dashboard"))
    assert dashboard.context["figures"].kecamatan.code == "72.71.01"
    assert dashboard.context["figures"].groups.groups == 1
    other = {"kecamatan": "72.71.02"}
    assert officer_client.get(reverse("workspace:dashboard"), other).status_code == 404
    assert officer_client.get(reverse("workspace:evaluation"), other).status_code == 404

    register = officer_client.get(reverse("workspace:evaluation_register_csv"))
    text = b"".join(register.streaming_content).decode("utf-8-sig")
    assert "Kelompok east" in text and "Kelompok west" not in text
    export = officer_client.get(reverse("ikm:export", args=["kelompok", "csv"])).content.decode()
    assert "Kelompok east" in export and "Kelompok west" not in export


def test_staff_without_districts_see_the_whole_city(staff_client, city):
    listing = staff_client.get(reverse("admin:ikm_businessgroup_changelist"))
    assert listing.context["cl"].result_count == 2
    assert staff_client.get(reverse("workspace:dashboard")).context["figures"].kecamatan is None


def test_a_new_district_changes_a_kept_page_at_once(officer_client, city):
    url = reverse("admin:ikm_businessgroup_changelist")
    officer_client.get(url)  # the browser gets its CSRF cookie
    officer_client.get(url)  # built and kept
    assert "Kelompok west" not in officer_client.get(url).content.decode()
    StaffDistrict.objects.create(
        user=city["officer"], kecamatan=city["west"]["group"].kelurahan.kecamatan
    )
    assert "Kelompok west" in officer_client.get(url).content.decode()


def test_an_import_outside_the_districts_is_refused_row_by_row(city):
    upload = xlsx_file(
        {
            "Kelompok": [
                ["Nama Kelompok", "Kelurahan", "Tema"],
                ["Kelompok Baru Timur", "Besusu", "Kopi bubuk"],
                ["Kelompok Baru Barat", "Kamonji", "Kopi bubuk"],
            ],
            "Produk": [
                ["Nama Kelompok", "Nama Produk"],
                ["Kelompok west", "Kopi susu"],
            ],
        }
    )
    job = import_job_start(user=city["officer"], uploaded_file=upload)
    job = import_job_validate_all(job=job)
    assert job.status == ImportJob.Status.HAS_ERRORS
    messages = {(p["row"], p["message"]) for p in job.problems}
    assert (3, "Kelurahan Kamonji di luar wilayah kerja Anda.") in messages
    assert any("Kamonji di luar wilayah kerja" in m for _row, m in messages if _row == 2)
    assert len(job.problems) == 2


@pytest.fixture
def training(city):
    """One city training with a participant from each side, both present on its day."""
    day = TrainingDayFactory(training=TrainingFactory(title="Pelatihan kemasan", capacity=3))
    for side in ("east", "west"):
        registration = TrainingRegistrationFactory(
            training=day.training, member=city[side]["member"], group=city[side]["group"]
        )
        Attendance.objects.create(registration=registration, day=day)
    return day.training


def test_a_training_shows_and_marks_only_the_officers_participants(officer_client, city, training):
    east, west = city["east"]["member"], city["west"]["member"]
    url = reverse("ikm:training", args=[training.pk])
    page = officer_client.get(url)
    assert [r.member for r in page.context["registrations"]] == [east]
    assert west.name not in page.content.decode()
    assert page.context["places_left"] == 1  # the other side's place is taken all the same

    listing = officer_client.get(reverse("ikm:trainings"))
    [row] = listing.context["trainings"]
    assert (row.registered, row.marks) == (1, 1)
    kelurahan = [r.label for r in listing.context["participation"].by_kelurahan]
    assert kelurahan == ["Besusu"]

    # An empty grid takes the officer's participant's mark away, never the other's.
    officer_client.post(url, {"aksi": "hadir"})
    assert set(Attendance.objects.values_list("registration__member", flat=True)) == {west.pk}

    west_registration = TrainingRegistration.objects.get(member=west)
    certificate = reverse("ikm:training_certificate", args=[training.pk, west_registration.pk])
    assert officer_client.get(certificate).status_code == 404


def test_an_officer_registers_only_members_of_groups_in_the_kecamatan(officer_client, city):
    training = TrainingFactory()
    url = reverse("ikm:training", args=[training.pk])
    west = city["west"]
    refused = officer_client.post(url, {"aksi": "daftar", "nik": west["member"].nik})
    assert refused.status_code == 400
    assert "Tidak ada anggota dengan NIK ini" in refused.content.decode()
    refused = officer_client.post(
        url, {"aksi": "daftar", "nik": west["member"].nik, "group": west["group"].pk}
    )
    assert refused.status_code == 400
    assert not TrainingRegistration.objects.exists()

    east = city["east"]
    # A person also active in a group elsewhere is registered from the officer's group.
    MembershipFactory(member=east["member"], group=west["group"], several_groups_confirmed=True)
    officer_client.post(url, {"aksi": "daftar", "nik": east["member"].nik})
    registration = TrainingRegistration.objects.get()
    assert (registration.member, registration.group) == (east["member"], east["group"])


def test_targets_show_only_the_officers_kelurahan(officer_client, city):
    east, west = city["east"]["group"].kelurahan, city["west"]["group"].kelurahan
    TargetFactory(year=2018, kelurahan=None, measure=Target.Measure.GROUPS_FORMED)
    TargetFactory(year=2018, kelurahan=east, value=5)
    TargetFactory(year=2018, kelurahan=west, value=7)
    page = officer_client.get(reverse("ikm:targets"), {"tahun": 2018})
    assert [row.target.kelurahan for row in page.context["rows"]] == [east]
    assert "Kamonji" not in page.content.decode()
