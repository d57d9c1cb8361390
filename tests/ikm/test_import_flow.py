"""The import pages and the job's life: all-or-nothing, double confirm, stale jobs, template."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError
from django.urls import reverse
from openpyxl import load_workbook

from ikm.imports import saving
from ikm.models import BusinessGroup, ImportJob, Member, Membership, Product
from ikm.services.imports import (
    import_job_confirm,
    import_job_expire,
    import_job_restart,
    import_job_validate_all,
)
from portal import roles
from tests.factories import LenderStaffFactory, MemberFactory, UserFactory
from tests.ikm.test_import_files import NIK_ANI, NIK_BUDI, csv_file, palu_places, run


@pytest.fixture
def palu(db):
    return palu_places()


GOOD = (
    "Nama Kelompok;Kelurahan;Tema\n"
    "Kopi Tondo;Tondo;Kopi bubuk\n"
    "Pisang Lolu;Lolu Utara;Keripik pisang\n"
)
MEMBERS = f"Nama Kelompok;NIK;Nama;L/P\nKopi Tondo;{NIK_ANI};Ani;P\nKopi Tondo;{NIK_BUDI};Budi;L\n"


def test_one_bad_row_saves_nothing_and_confirm_is_refused(staff_client, staff_user, palu):
    job = run(staff_user, csv_file(GOOD + "Rusak;Tondo;Tema Entah\n"))
    assert job.status == ImportJob.Status.HAS_ERRORS
    response = staff_client.post(reverse("ikm:import_confirm", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJob.Status.HAS_ERRORS
    assert BusinessGroup.objects.count() == 0
    page = staff_client.get(reverse("ikm:import_detail", args=[job.pk])).content.decode()
    assert "Tema &#x27;Tema Entah&#x27; tidak ditemukan" in page
    assert "disabled" in page


def test_nik_registered_meanwhile_fails_the_save_and_nothing_is_kept(staff_user, palu):
    job = run(staff_user, csv_file(GOOD))
    members = run(staff_user, csv_file(MEMBERS))  # Kopi Tondo is not in the portal yet
    assert members.status == ImportJob.Status.HAS_ERRORS
    import_job_confirm(job=job, user=staff_user)
    members = import_job_restart(job=members)
    members = import_job_validate_all(job=members)
    assert members.status == ImportJob.Status.READY, members.problems
    MemberFactory(nik=NIK_BUDI, name="Orang Lain")  # a concurrent change after the check

    members = import_job_confirm(job=members, user=staff_user)
    assert members.status == ImportJob.Status.FAILED
    assert "Tidak ada data yang disimpan" in members.error
    assert Member.objects.filter(nik=NIK_ANI).count() == 0
    assert Membership.objects.count() == 0


def test_failure_injected_at_save_time_rolls_everything_back(staff_user, palu, monkeypatch):
    text = GOOD + "\n"
    job = run(staff_user, csv_file(text))

    def broken(*args, **kwargs):
        raise IntegrityError("disk penuh")

    monkeypatch.setattr(saving, "_save_products", broken)
    job = import_job_confirm(job=job, user=staff_user)
    assert job.status == ImportJob.Status.FAILED
    assert BusinessGroup.objects.count() == 0
    assert job.rows.count() == 2  # staging kept, so the job can be checked again


def test_double_confirm_imports_once(staff_client, staff_user, palu):
    job = run(staff_user, csv_file(GOOD))
    url = reverse("ikm:import_confirm", args=[job.pk])
    assert staff_client.post(url).status_code == 302
    assert staff_client.post(url).status_code == 302
    assert import_job_confirm(job=job, user=staff_user).status == ImportJob.Status.DONE
    assert BusinessGroup.objects.count() == 2
    job.refresh_from_db()
    assert job.summary["saved"]["kelompok"] == {"create": 2, "update": 0}
    page = staff_client.get(reverse("ikm:import_detail", args=[job.pk])).content.decode()
    assert "Kelompok: 2 baru, 0 diperbarui" in page


def test_upload_poll_and_confirm_through_the_pages(staff_client, palu):
    page = staff_client.get(reverse("ikm:import_start"))
    assert page.status_code == 200
    response = staff_client.post(reverse("ikm:import_start"), {"file": csv_file(GOOD), "kind": ""})
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("ikm:import_detail", args=[job.pk])
    assert job.status == ImportJob.Status.QUEUED
    status_url = reverse("ikm:import_status", args=[job.pk])
    seen = []
    for _ in range(5):
        data = staff_client.get(status_url).json()
        seen.append(data["status"])
        if not data["in_progress"]:
            break
    assert seen[0] == "validating" and seen[-1] == "ready"
    assert data["percent"] == 100 and data["total_rows"] == 2
    page = staff_client.get(reverse("ikm:import_detail", args=[job.pk])).content.decode()
    assert "Kopi Tondo" in page and "Impor sekarang" in page
    staff_client.post(reverse("ikm:import_confirm", args=[job.pk]))
    assert set(BusinessGroup.objects.values_list("name", flat=True)) == {
        "Kopi Tondo",
        "Pisang Lolu",
    }
    recent = staff_client.get(reverse("ikm:import_start")).content.decode()
    assert "data.csv" in recent and "Selesai" in recent


def test_stale_save_is_marked_failed_and_can_be_checked_again(staff_user, palu):
    job = run(staff_user, csv_file(GOOD))
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.IMPORTING)
    job.refresh_from_db()
    assert import_job_expire(job=job).status == ImportJob.Status.IMPORTING  # not yet stale
    ImportJob.objects.filter(pk=job.pk).update(updated_at=job.updated_at - timedelta(minutes=30))
    job.refresh_from_db()
    job = import_job_expire(job=job)
    assert job.status == ImportJob.Status.FAILED and "terhenti" in job.error
    job = import_job_validate_all(job=import_job_restart(job=job))
    assert job.status == ImportJob.Status.READY
    assert import_job_confirm(job=job, user=staff_user).status == ImportJob.Status.DONE
    assert BusinessGroup.objects.count() == 2


@pytest.mark.parametrize(
    ("role", "expected"),
    [(None, 302), (roles.GROUP_LEADER, 403), (roles.BANK_SUPERVISOR, 403)],
)
def test_only_dinas_may_import(client, db, role, expected):
    if role:
        client.force_login(UserFactory(role=role))
    for url in [reverse("ikm:import_start"), reverse("ikm:import_template")]:
        assert client.get(url).status_code == expected


def test_another_users_job_is_not_found(client, staff_user, palu):
    job = run(staff_user, csv_file(GOOD))
    client.force_login(UserFactory(role=roles.DINAS_STAFF))
    assert client.get(reverse("ikm:import_detail", args=[job.pk])).status_code == 404
    assert client.post(reverse("ikm:import_confirm", args=[job.pk])).status_code == 404
    client.force_login(UserFactory(role=roles.DINAS_ADMIN))
    assert client.get(reverse("ikm:import_detail", args=[job.pk])).status_code == 200


def test_template_downloads_and_imports_as_it_is(staff_client, staff_user, palu):
    response = staff_client.get(reverse("ikm:import_template"))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Kelompok", "Anggota", "Produk", "Petunjuk"]
    header = [cell.value for cell in workbook["Anggota"][1]]
    assert header[:4] == ["Nama Kelompok", "Kelurahan", "NIK", "Nama"]
    assert workbook["Anggota"]["A1"].font.bold
    assert workbook["Anggota"]["C2"].value == "7271014101800001"

    upload = csv_file("")
    upload.name, upload.file = "templat.xlsx", io.BytesIO(response.content)
    job = run(staff_user, upload)
    assert job.status == ImportJob.Status.READY, job.problems
    assert import_job_confirm(job=job, user=staff_user).status == ImportJob.Status.DONE
    assert Membership.objects.get().role == Membership.Role.LEADER
    assert Product.objects.get().group.kelurahan == palu["tondo"]  # the first by code

    csv_template = staff_client.get(reverse("ikm:import_template_csv", args=["produk"]))
    assert csv_template.content.decode("utf-8-sig").startswith(
        "Nama Kelompok;Kelurahan;Nama Produk"
    )


def test_command_checks_and_imports(tmp_path, palu, capsys):
    path = tmp_path / "kelompok.csv"
    path.write_text(GOOD + "Rusak;Besusu Brt;Kopi bubuk\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_groups", str(path), "--dry-run")
    assert "Mungkin maksud Anda: Besusu Barat?" in capsys.readouterr().err
    path.write_text(GOOD, encoding="utf-8")
    call_command("import_groups", str(path), "--dry-run")
    assert BusinessGroup.objects.count() == 0
    call_command("import_groups", str(path))
    assert BusinessGroup.objects.count() == 2


def test_bank_staff_cannot_open_import_pages(client, palu):
    client.force_login(LenderStaffFactory(user__role=roles.BANK_SUPERVISOR).user)
    assert client.get(reverse("ikm:import_start")).status_code == 403
