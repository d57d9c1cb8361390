"""UU PDP: a member's data exported for them (PDF, JSON) and, on request, anonymised."""

import io
import json
from datetime import date

import pytest
import tablib
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from ikm.models import Attendance, ImportJob, Member, Membership
from ikm.resources import MemberResource
from ikm.services.imports import import_job_confirm
from ikm.services.personal_data import anonymised_nik, member_anonymise, member_personal_data
from ikm.validators import validate_nik
from portal import roles
from portal.models import AuditEvent, StaffDistrict
from portal.workspace.figures import dashboard_figures, evaluation_figures
from tests.factories import (
    BusinessGroupFactory,
    KecamatanFactory,
    KelurahanFactory,
    MemberFactory,
    MembershipFactory,
    TrainingDayFactory,
    TrainingRegistrationFactory,
    UserFactory,
    valid_nik,
)
from tests.ikm.test_import_files import csv_file, palu_places, run

pytestmark = pytest.mark.django_db

NIK_ANI = valid_nik(42, female=True)
PHONE_ANI = "+6281234567890"
ADDRESS_ANI = "Jl. Anoa 12, Tondo"


@pytest.fixture
def ani():
    """A ketua with an account, in two groups (one left), at a two-day training."""
    member = MemberFactory(
        nik=NIK_ANI,
        name="Ani Lestari",
        gender=Member.Gender.FEMALE,
        phone=PHONE_ANI,
        address=ADDRESS_ANI,
        user=UserFactory(username="ani.lestari", email="ani@example.id", first_name="Ani"),
    )
    kopi = BusinessGroupFactory(name="Kopi Tondo")
    MembershipFactory(member=member, group=kopi, role=Membership.Role.LEADER)
    MembershipFactory(
        member=member,
        group=BusinessGroupFactory(name="Pisang Lolu"),
        joined_on=date(2017, 3, 1),
        left_on=date(2018, 1, 31),
    )
    first_day = TrainingDayFactory(date=date(2018, 4, 9))
    TrainingDayFactory(training=first_day.training, date=date(2018, 4, 10))
    registration = TrainingRegistrationFactory(
        training=first_day.training, member=member, group=kopi
    )
    Attendance.objects.create(registration=registration, day=first_day)
    return member


def _old_values_in(text: str) -> list[str]:
    return [value for value in (NIK_ANI, "Ani Lestari", "81234567890", "Anoa") if value in text]


# What is exported


def test_the_data_holds_identity_account_memberships_trainings_and_history(ani, staff_user):
    ani.phone = "+6281299990000"
    ani._history_user = staff_user
    ani.save()

    data = member_personal_data(member=ani)

    assert data["anggota"] | {"id": None} == {
        "id": None,
        "nik": NIK_ANI,
        "nama": "Ani Lestari",
        "jenis_kelamin": "Perempuan",
        "telepon": "+6281299990000",
        "alamat": ADDRESS_ANI,
        "dianonimkan_pada": None,
    }
    assert data["akun_pengguna"]["nama_pengguna"] == "ani.lestari"
    assert data["akun_pengguna"]["email"] == "ani@example.id"
    assert [(m["kelompok"], m["peran"], m["tanggal_keluar"]) for m in data["keanggotaan"]] == [
        ("Kopi Tondo", "Ketua", None),
        ("Pisang Lolu", "Anggota", date(2018, 1, 31)),
    ]
    [training] = data["pelatihan"]
    assert training["dari_kelompok"] == "Kopi Tondo"
    assert training["hari_pelatihan"] == [date(2018, 4, 9), date(2018, 4, 10)]
    assert training["hari_hadir"] == [date(2018, 4, 9)]
    member_entries = [e for e in data["riwayat"] if e["data"] == "Data anggota"]
    assert len(member_entries) == 2
    created, changed = member_entries
    assert {"kolom": "NIK", "sebelum": None, "sesudah": NIK_ANI} in created["perubahan"]
    assert changed["oleh"] == "staf-uji"
    assert changed["perubahan"] == [
        {"kolom": "telepon", "sebelum": PHONE_ANI, "sesudah": "+6281299990000"}
    ]
    membership_entries = [e["data"] for e in data["riwayat"] if e["data"] != "Data anggota"]
    assert sorted(membership_entries) == ["Keanggotaan di Kopi Tondo", "Keanggotaan di Pisang Lolu"]


def test_the_json_download_is_logged_with_who_asked(client, admin_user_dinas, ani):
    client.force_login(admin_user_dinas)

    response = client.get(reverse("ikm:member_personal_data", args=[ani.pk, "json"]))

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="data-pribadi-anggota-{ani.pk}.json"'
    )
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["anggota"]["nik"] == NIK_ANI
    assert data["keanggotaan"][0]["tanggal_bergabung"] == "2017-03-01"
    event = AuditEvent.objects.get(action=AuditEvent.Action.PERSONAL_DATA_EXPORT)
    assert (event.user, event.target) == (admin_user_dinas, f"ikm.Member {ani.pk}")
    assert event.detail == {"format": "json", "anonymised": False}


def test_the_pdf_holds_the_same_and_is_logged(staff_client, staff_user, ani):
    response = staff_client.get(reverse("ikm:member_personal_data", args=[ani.pk, "pdf"]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for expected in ("DATA PRIBADI ANGGOTA", "Ani Lestari", NIK_ANI, "Kopi Tondo", "Ketua",
                     "Pisang Lolu", "Pembukuan sederhana", "ani.lestari"):  # fmt: skip
        assert expected in text
    event = AuditEvent.objects.get(action=AuditEvent.Action.PERSONAL_DATA_EXPORT)
    assert (event.user, event.detail["format"]) == (staff_user, "pdf")


ROLES = [None, roles.DINAS_ADMIN, roles.DINAS_STAFF, roles.BANK_MENTOR,
         roles.BANK_SUPERVISOR, roles.GROUP_LEADER]  # fmt: skip
TABLE = {
    ("member_personal_data", "pdf"): [302, 200, 200, 403, 403, 403],
    ("member_personal_data", "json"): [302, 200, 200, 403, 403, 403],
    ("member_anonymise",): [302, 200, 403, 403, 403, 403],
}


@pytest.mark.parametrize("url", TABLE)
def test_every_role_gets_the_expected_answer(client, url):
    member = MembershipFactory().member
    name, *fmt = url
    address = reverse(f"ikm:{name}", args=[member.pk, *fmt])
    answers = []
    for role in ROLES:
        client.logout()
        if role:
            client.force_login(UserFactory(role=role))
        response = client.get(address)
        answers.append(response.status_code)
        if role is None:
            assert response.url.startswith(reverse("login"))
    assert answers == TABLE[url]
    assert AuditEvent.objects.filter(action=AuditEvent.Action.PERSONAL_DATA_EXPORT).count() == (
        2 if fmt else 0
    )


@pytest.mark.parametrize("url", TABLE)
def test_a_member_outside_the_users_districts_or_unknown_is_not_found(client, url):
    east = KecamatanFactory(code="72.71.01")
    west_member = MembershipFactory(
        group__kelurahan=KelurahanFactory(kecamatan=KecamatanFactory(code="72.71.02"))
    ).member
    admin = UserFactory(role=roles.DINAS_ADMIN)
    StaffDistrict.objects.create(user=admin, kecamatan=east)
    client.force_login(admin)
    name, *fmt = url

    assert client.get(reverse(f"ikm:{name}", args=[west_member.pk, *fmt])).status_code == 404
    assert client.get(reverse(f"ikm:{name}", args=[west_member.pk + 99, *fmt])).status_code == 404


def test_the_member_page_in_the_admin_links_to_the_exports_and_for_admin_to_anonymise(
    client, staff_client, admin_user_dinas, ani
):
    url = reverse("admin:ikm_member_change", args=[ani.pk])
    staff_page = staff_client.get(url).content.decode()
    assert reverse("ikm:member_personal_data", args=[ani.pk, "pdf"]) in staff_page
    assert reverse("ikm:member_personal_data", args=[ani.pk, "json"]) in staff_page
    assert reverse("ikm:member_anonymise", args=[ani.pk]) not in staff_page

    client.force_login(admin_user_dinas)
    assert reverse("ikm:member_anonymise", args=[ani.pk]) in client.get(url).content.decode()


# Anonymising


def test_anonymising_replaces_identity_account_and_every_copy_in_history(
    client, staff_user, admin_user_dinas, ani
):
    user = ani.user
    ani.address = "Jl. Anoa 14, Tondo"
    ani._history_user = staff_user
    ani._change_reason = f"Pindah dari {ADDRESS_ANI}"
    ani.save()
    LogEntry.objects.log_actions(
        staff_user.pk, [ani, ani.memberships.first()], CHANGE, change_message="[]"
    )
    kopi = ani.memberships.first().group
    LogEntry.objects.log_actions(
        staff_user.pk,
        [kopi],
        CHANGE,
        change_message=json.dumps(
            [
                {
                    "changed": {
                        "name": "keanggotaan",
                        "object": str(ani.memberships.first()),
                        "fields": ["Peran"],
                    }
                }
            ]  # fmt: skip
        ),
    )
    ani.name = "Ani L."  # the log above keeps the earlier name
    ani.save()

    assert member_anonymise(
        member=ani, by=admin_user_dinas, requested_on=date(2026, 1, 5), note="Surat 12/2026"
    )

    ani.refresh_from_db()
    assert (ani.nik, ani.name, ani.phone, ani.address, ani.user) == (
        anonymised_nik(ani.pk),
        f"Anggota dianonimkan #{ani.pk}",
        "",
        "",
        None,
    )
    assert ani.anonymised_on == timezone.localdate()
    assert ani.gender == Member.Gender.FEMALE
    user.refresh_from_db()
    assert not user.is_active and not user.has_usable_password()
    assert (user.first_name, user.email) == ("", "")

    history = list(Member.history.filter(id=ani.pk).values())
    assert len(history) == 4
    assert _old_values_in(str(history)) == [] and "Ani L." not in str(history)
    assert "Pindah dari " in {row["history_change_reason"] for row in history}
    assert {row["user_id"] for row in history} == {None}
    latest = Member.history.filter(id=ani.pk).latest()
    assert (latest.history_user, latest.anonymised_on) == (admin_user_dinas, ani.anonymised_on)

    logged = list(LogEntry.objects.values_list("object_repr", "change_message"))
    assert len(logged) == 3 and _old_values_in(str(logged)) == []
    assert (f"Anggota dianonimkan #{ani.pk}", "[]") in logged

    event = AuditEvent.objects.get(action=AuditEvent.Action.PERSONAL_DATA_ANONYMISED)
    assert (event.user, event.target) == (admin_user_dinas, f"ikm.Member {ani.pk}")
    assert event.detail == {
        "requested_on": "2026-01-05",
        "note": "Surat 12/2026",
        "user_account_closed": True,
    }
    every_event = list(AuditEvent.objects.values_list("target", "detail"))
    assert _old_values_in(str(every_event)) == []


def test_the_placeholder_nik_is_unique_and_never_a_valid_nik():
    assert len(anonymised_nik(7)) == 16 and anonymised_nik(7) != anonymised_nik(70)
    for pk in (1, 7, 123_456_789):
        with pytest.raises(ValidationError):
            validate_nik(anonymised_nik(pk))


def test_a_second_anonymisation_changes_nothing(admin_user_dinas, ani):
    assert member_anonymise(member=ani, by=admin_user_dinas, requested_on=date(2026, 1, 5))
    history_count = Member.history.filter(id=ani.pk).count()

    assert not member_anonymise(member=ani, by=admin_user_dinas, requested_on=date(2026, 1, 6))

    assert Member.history.filter(id=ani.pk).count() == history_count
    assert AuditEvent.objects.filter(action=AuditEvent.Action.PERSONAL_DATA_ANONYMISED).count() == 1


def test_a_member_whose_account_is_a_staff_account_is_refused(admin_user_dinas):
    member = MemberFactory(user=UserFactory(role=roles.DINAS_STAFF))

    with pytest.raises(ValidationError):
        member_anonymise(member=member, by=admin_user_dinas, requested_on=date(2026, 1, 5))

    member.refresh_from_db()
    assert member.anonymised_on is None and member.user is not None


def test_the_figures_are_the_same_before_and_after(admin_user_dinas, ani):
    MembershipFactory(member__gender=Member.Gender.MALE, group=ani.memberships.first().group)
    today = date(2018, 12, 31)

    def figures():
        return (
            dashboard_figures(year=2018, kecamatan=None, today=today),
            evaluation_figures(year=2018, kecamatan=None, program=None, today=today),
        )

    before = figures()
    assert (before[0].groups.members, before[0].groups.women, before[0].groups.men) == (2, 1, 1)
    assert before[0].training.participants == 1

    member_anonymise(member=ani, by=admin_user_dinas, requested_on=date(2026, 1, 5))

    assert figures() == before


def test_an_anonymised_member_is_exported_as_anonymised(staff_client, admin_user_dinas, ani):
    member_anonymise(member=ani, by=admin_user_dinas, requested_on=date(2026, 1, 5))

    response = staff_client.get(reverse("ikm:member_personal_data", args=[ani.pk, "json"]))

    assert _old_values_in(response.content.decode()) == []
    data = json.loads(response.content)
    assert data["anggota"]["nama"] == f"Anggota dianonimkan #{ani.pk}"
    assert data["akun_pengguna"] is None
    assert len(data["keanggotaan"]) == 2 and len(data["pelatihan"]) == 1
    event = AuditEvent.objects.get(action=AuditEvent.Action.PERSONAL_DATA_EXPORT)
    assert event.detail["anonymised"] is True


def test_admin_confirms_the_request_date_then_the_member_is_anonymised(
    client, admin_user_dinas, ani
):
    client.force_login(admin_user_dinas)
    url = reverse("ikm:member_anonymise", args=[ani.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Anonimkan sekarang" in page.content.decode()

    tomorrow = timezone.localdate().toordinal() + 1
    refused = client.post(url, {"requested_on": date.fromordinal(tomorrow).isoformat()})
    assert refused.status_code == 400
    ani.refresh_from_db()
    assert ani.anonymised_on is None

    response = client.post(url, {"requested_on": "2026-01-05", "note": "Surat 12/2026"})

    assert response["Location"] == reverse("admin:ikm_member_change", args=[ani.pk])
    ani.refresh_from_db()
    assert ani.anonymised_on == timezone.localdate()
    assert Member.history.filter(id=ani.pk).latest().history_user == admin_user_dinas
    again = client.post(url, {"requested_on": "2026-01-05"}, follow=True)
    assert "sudah dianonimkan sebelumnya" in again.content.decode()
    member_page = client.get(reverse("admin:ikm_member_change", args=[ani.pk])).content.decode()
    assert 'name="nik"' not in member_page and 'name="name"' not in member_page
    assert url not in member_page


def test_dinas_staff_cannot_anonymise(staff_client, ani):
    url = reverse("ikm:member_anonymise", args=[ani.pk])
    assert staff_client.post(url, {"requested_on": "2026-01-05"}).status_code == 403
    ani.refresh_from_db()
    assert ani.anonymised_on is None


def test_the_public_profile_no_longer_names_an_anonymised_ketua(client, admin_user_dinas, ani):
    group = ani.memberships.get(role=Membership.Role.LEADER).group
    group.show_leader_name = True
    group.save()
    profile = reverse("ikm:profile", args=[group.slug])
    assert "Ani Lestari" in client.get(profile).content.decode()

    member_anonymise(member=ani, by=admin_user_dinas, requested_on=date(2026, 1, 5))

    assert "dianonimkan" not in client.get(profile).content.decode()


# Imports match members by NIK


@pytest.fixture
def palu(db):
    return palu_places()


def test_an_imported_nik_never_matches_an_anonymised_member(staff_user, admin_user_dinas, palu):
    BusinessGroupFactory(name="Kopi Tondo", kelurahan=palu["tondo"], theme=palu["kopi"])
    ani = MemberFactory(nik=NIK_ANI, name="Ani")
    member_anonymise(member=ani, by=admin_user_dinas, requested_on=date(2026, 1, 5))
    ani.refresh_from_db()
    header = "Nama Kelompok;NIK;Nama;L/P\n"

    placeholder = run(staff_user, csv_file(header + f"Kopi Tondo;{ani.nik};Ani;P\n"))
    assert placeholder.status == ImportJob.Status.HAS_ERRORS
    assert ani.memberships.count() == 0

    job = run(staff_user, csv_file(header + f"Kopi Tondo;{NIK_ANI};Ani;P\n"))
    assert job.status == ImportJob.Status.READY, job.problems
    assert import_job_confirm(job=job, user=staff_user).status == ImportJob.Status.DONE
    ani.refresh_from_db()
    assert (ani.name, ani.memberships.count()) == (f"Anggota dianonimkan #{ani.pk}", 0)
    assert Member.objects.get(nik=NIK_ANI).name == "Ani"


def test_a_file_checked_before_the_anonymisation_does_not_write_the_person_back(
    staff_user, admin_user_dinas, palu
):
    BusinessGroupFactory(name="Kopi Tondo", kelurahan=palu["tondo"], theme=palu["kopi"])
    ani = MemberFactory(nik=NIK_ANI, name="Ani")
    job = run(
        staff_user,
        csv_file(f"Nama Kelompok;NIK;Nama;L/P;Alamat\nKopi Tondo;{NIK_ANI};Ani;P;Jl. Anoa\n"),
    )
    assert job.status == ImportJob.Status.READY, job.problems

    member_anonymise(member=ani, by=admin_user_dinas, requested_on=date(2026, 1, 5))
    job = import_job_confirm(job=job, user=staff_user)

    assert job.status == ImportJob.Status.FAILED and "dianonimkan" in job.error
    ani.refresh_from_db()
    assert (ani.address, ani.memberships.count()) == ("", 0)


def test_an_upload_is_deleted_once_its_rows_are_saved(
    staff_user, palu, django_capture_on_commit_callbacks
):
    BusinessGroupFactory(name="Kopi Tondo", kelurahan=palu["tondo"], theme=palu["kopi"])
    job = run(staff_user, csv_file(f"Nama Kelompok;NIK;Nama;L/P\nKopi Tondo;{NIK_ANI};Ani;P\n"))
    storage, stored = job.file.storage, job.file.name
    assert storage.exists(stored)

    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_confirm(job=job, user=staff_user)

    assert job.status == ImportJob.Status.DONE
    assert not storage.exists(stored)
    job.refresh_from_db()
    assert not job.file and job.summary["saved"]


def test_anonymising_deletes_old_uploads_that_may_hold_the_person(
    staff_user, admin_user_dinas, palu, django_capture_on_commit_callbacks
):
    BusinessGroupFactory(name="Kopi Tondo", kelurahan=palu["tondo"], theme=palu["kopi"])
    ani = MemberFactory(nik=NIK_ANI, name="Ani")
    line = f"Nama Kelompok;NIK;Nama;L/P;Alamat\nKopi Tondo;{NIK_ANI};Ani;P;Jl. Anoa\n"
    checked = run(staff_user, csv_file(line))
    with_errors = run(staff_user, csv_file(line + "Kopi Tondo;123;Ani Dua;P;Jl. Anoa\n"))
    assert with_errors.status == ImportJob.Status.HAS_ERRORS
    moving = run(staff_user, csv_file(line))
    ImportJob.objects.filter(pk=moving.pk).update(status=ImportJob.Status.VALIDATING)
    files = {job.pk: (job.file.storage, job.file.name) for job in (checked, with_errors, moving)}

    with django_capture_on_commit_callbacks(execute=True):
        member_anonymise(member=ani, by=admin_user_dinas, requested_on=date(2026, 1, 5))

    for job in (checked, with_errors):
        storage, name = files[job.pk]
        assert not storage.exists(name)
        job.refresh_from_db()
        assert job.status == ImportJob.Status.FAILED and "data pribadi" in job.error
        assert (job.problems, job.rows.count(), bool(job.file)) == ([], 0, False)
    storage, name = files[moving.pk]
    assert storage.exists(name)  # still being checked: gone when it is done
    assert ImportJob.objects.get(pk=moving.pk).rows.exists()


def test_the_admin_spreadsheet_import_cannot_reach_an_anonymised_member(admin_user_dinas):
    ani = MemberFactory(nik=NIK_ANI, name="Ani")
    member_anonymise(member=ani, by=admin_user_dinas, requested_on=date(2026, 1, 5))
    ani.refresh_from_db()
    dataset = tablib.Dataset(headers=["NIK", "nama", "jenis kelamin", "alamat"])
    dataset.append([ani.nik, "Ani", "P", "Jl. Anoa"])

    result = MemberResource().import_data(dataset, dry_run=False)

    assert result.has_validation_errors()
    ani.refresh_from_db()
    assert (ani.name, ani.address) == (f"Anggota dianonimkan #{ani.pk}", "")


def test_the_history_keeps_who_anonymised_under_the_members_admin_history(
    client, admin_user_dinas, ani
):
    member_anonymise(member=ani, by=admin_user_dinas, requested_on=date(2026, 1, 5))
    client.force_login(admin_user_dinas)

    page = client.get(reverse("admin:ikm_member_history", args=[ani.pk])).content.decode()

    assert "admin-uji" in page and _old_values_in(page) == []
