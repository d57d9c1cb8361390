"""Checking and saving an import take the same number of queries for 50 rows as for 200.

A query per row (a kelurahan or slug lookup, a duplicate check, a history entry saved one by
one) would make a 10,000-row file take minutes; this pins the count so that none creeps in.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ikm.models import ImportJob
from ikm.services.imports import import_job_confirm, import_job_start, import_job_validate_all
from tests.factories import BusinessGroupFactory, MemberFactory, MembershipFactory, valid_nik
from tests.ikm.test_import_files import palu_places, xlsx_file


@pytest.fixture
def palu(db):
    places = palu_places()
    # Existing records, so that the update paths (group, member, membership) run too.
    group = BusinessGroupFactory(
        name="Kelompok Lama", kelurahan=places["tondo"], theme=places["kopi"]
    )
    MembershipFactory(group=group, member=MemberFactory(nik=valid_nik(9999), name="Lama"))
    return places


def _upload(rows: int, label: str, first_nik: int):
    groups = [["Nama Kelompok", "Kelurahan", "Tema", "Telepon", "Tanggal Berdiri"]]
    groups.append(["Kelompok Lama", "Tondo", "Kopi bubuk", "0812 0000 0000", "03/04/2018"])
    members = [["Nama Kelompok", "NIK", "Nama", "L/P", "Peran", "Telepon"]]
    # A changed phone, so that the member is updated in both imports.
    members.append(
        ["Kelompok Lama", valid_nik(9999), "Lama", "L", "Anggota", f"0813 {first_nik:08d}"]
    )
    products = [["Nama Kelompok", "Nama Produk", "Harga", "Satuan"]]
    for n in range(rows):
        kelurahan = ("Tondo", "Besusu Barat", "Lolu Utara")[n % 3]
        groups.append(
            [f"Kelompok {label} {n}", kelurahan, "Kopi bubuk", f"0812{n:07d}", "03/04/2018"]
        )
        role = "Ketua" if n % 2 else "Anggota"
        members.append(
            [f"Kelompok {label} {n}", valid_nik(first_nik + n), f"Anggota {n}", "P", role, ""]
        )
        products.append([f"Kelompok {label} {n}", f"Produk {n}", "Rp 15.000", "bungkus"])
    return xlsx_file({"Kelompok": groups, "Anggota": members, "Produk": products})


def _split(queries) -> tuple[int, list[str]]:
    """(the number of queries other than INSERT, the INSERTs)."""
    inserts = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("INSERT")]
    return len(queries) - len(inserts), inserts


def _queries(user, rows: int, label: str, first_nik: int) -> dict:
    upload = _upload(rows, label, first_nik)
    job = import_job_start(user=user, uploaded_file=upload)
    with CaptureQueriesContext(connection) as checking:
        job = import_job_validate_all(job=job)
    assert job.status == ImportJob.Status.READY, job.problems[:3]
    with CaptureQueriesContext(connection) as saving:
        job = import_job_confirm(job=job, user=user)
    assert job.status == ImportJob.Status.DONE, job.error
    assert job.summary["saved"]["kelompok"] == {"create": rows, "update": 1}
    assert job.summary["saved"]["anggota"] == {"create": rows, "update": 1}
    assert job.summary["saved"]["produk"] == {"create": rows, "update": 0}
    return {"checking": _split(checking), "saving": _split(saving)}


def test_queries_of_checking_and_saving_do_not_grow_with_the_rows(staff_user, palu):
    few = _queries(staff_user, 50, "A", first_nik=1)
    many = _queries(staff_user, 200, "B", first_nik=1000)
    for step in ("checking", "saving"):
        assert many[step][0] == few[step][0], step
        # Rows are written in batches (SQLite allows fewer per INSERT than PostgreSQL), so
        # INSERTs grow only with the number of batches, far below one per row: the file
        # has 602 rows and saves about 1,400 records and history entries.
        assert len(many[step][1]) < 200 / 5, step


def test_checking_reads_only_the_groups_the_file_names(staff_user, palu):
    """A province holds 100,000 groups: a chunk must not read them all to find its own."""
    from ikm.imports.checks import ChunkChecker

    for n in range(20):
        BusinessGroupFactory(name=f"Kelompok Lain {n}", kelurahan=palu["lolu"])
    same = BusinessGroupFactory(name="UD. Kopi Jaya", kelurahan=palu["tondo"])
    upload = xlsx_file(
        {
            "Kelompok": [
                ["Nama Kelompok", "Kelurahan", "Tema"],
                ["ud kopi  JAYA", "Tondo", "Kopi bubuk"],
                ["Kelompok Baru", "Tondo", "Kopi bubuk"],
            ]
        }
    )
    job = import_job_start(user=staff_user, uploaded_file=upload)
    job = import_job_validate_all(job=job)
    assert job.status == ImportJob.Status.READY, job.problems
    rows = list(job.rows.order_by("row_number"))
    assert [row.action for row in rows] == ["update", "create"]
    assert rows[0].data["group_id"] == same.pk
    assert dict(ChunkChecker(job, rows).db_groups) == {"ud kopi jaya": [(same.pk, "72.71.01.1001")]}
