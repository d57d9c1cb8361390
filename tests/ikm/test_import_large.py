"""A 10,000-row workbook goes through the chunked check and one-transaction save.

Slow by nature (about 25 s on SQLite): the one test of the import that is. Speed itself is
measured by the benchmark, not asserted here.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from ikm.models import BusinessGroup, ImportJob, Member, Membership
from tests.factories import valid_nik
from tests.ikm.test_import_files import palu_places


@pytest.fixture
def palu(db):
    return palu_places()


GROUPS = 1000
MEMBERS = 9000


def _workbook() -> bytes:
    workbook = Workbook(write_only=True)
    groups = workbook.create_sheet("Kelompok")
    groups.append(["Nama Kelompok", "Kelurahan", "Tema", "Telepon", "Tanggal Berdiri"])
    for n in range(GROUPS):
        groups.append([f"Kelompok {n}", "Tondo", "Kopi bubuk", f"0812{n:07d}", "03/04/2018"])
    members = workbook.create_sheet("Anggota")
    members.append(["Nama Kelompok", "NIK", "Nama", "L/P", "Peran"])
    for n in range(MEMBERS):
        # Serials wrap at 10,000 in valid_nik; the birth date part keeps the NIKs apart.
        members.append(
            [f"Kelompok {n % GROUPS}", valid_nik(n + 1), f"Anggota {n}", "P",
             "Ketua" if n < GROUPS else "Anggota"]
        )  # fmt: skip
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_ten_thousand_rows_import_through_the_polled_steps(staff_client, palu):
    upload = SimpleUploadedFile("besar.xlsx", _workbook())
    staff_client.post(reverse("ikm:import_start"), {"file": upload})
    job = ImportJob.objects.get()
    status_url = reverse("ikm:import_status", args=[job.pk])
    progress = []
    while True:
        data = staff_client.get(status_url).json()
        progress.append(data["processed_rows"])
        if not data["in_progress"]:
            break
        assert len(progress) < 30
    job.refresh_from_db()
    assert job.status == ImportJob.Status.READY, job.problems[:5]
    assert job.total_rows == GROUPS + MEMBERS
    # Progress moved chunk by chunk (1,000 rows per poll) rather than in one go.
    assert progress[:3] == [0, 1000, 2000]
    assert progress == sorted(progress) and len(progress) >= 10

    staff_client.post(reverse("ikm:import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE, job.error
    assert BusinessGroup.objects.count() == GROUPS
    assert Member.objects.count() == MEMBERS
    assert Membership.objects.filter(role=Membership.Role.LEADER).count() == GROUPS
    assert Member.history.count() == MEMBERS
