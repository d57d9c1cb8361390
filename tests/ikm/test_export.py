"""Exports per role: columns with personal data only for Dinas, formula-safe CSV, round trip."""

import csv
import io
import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from ikm.models import BusinessGroup, ImportJob, Member, Membership, Product
from ikm.services.imports import import_job_confirm
from portal import roles
from portal.models import AuditEvent
from tests.factories import (
    BusinessGroupFactory,
    LenderStaffFactory,
    MemberFactory,
    MembershipFactory,
    MentorAssignmentFactory,
    ProductFactory,
    UserFactory,
)
from tests.ikm.test_import_files import NIK_ANI, palu_places, run


@pytest.fixture
def palu(db):
    return palu_places()


@pytest.fixture
def city(palu):
    kopi = BusinessGroupFactory(
        name="=HYPERLINK(\"http://jahat\")", kelurahan=palu["tondo"], theme=palu["kopi"],
        phone="+6281234567890", nib="", address="-Jl. Minus",
    )  # fmt: skip
    pisang = BusinessGroupFactory(name="Pisang Lolu", kelurahan=palu["lolu"], theme=palu["pisang"])
    MembershipFactory(
        group=kopi,
        member=MemberFactory(nik=NIK_ANI, name="Ani", address="Jl. Anoa 1"),
        role=Membership.Role.LEADER,
    )
    ProductFactory(group=kopi, name="Kopi robusta", price=25_000)
    ProductFactory(group=pisang, name="Keripik", price=10_000)
    return {"kopi": kopi, "pisang": pisang}


def _csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_dinas_exports_members_with_nik_and_contact_and_it_is_logged(staff_client, city, caplog):
    with caplog.at_level(logging.INFO, logger="portal.audit"):
        response = staff_client.get(reverse("ikm:export", args=["anggota", "csv"]))
    rows = _csv(response)
    assert rows[0] == [
        "Nama Kelompok", "Kelurahan", "NIK", "Nama", "Jenis Kelamin", "Peran", "Telepon",
        "Alamat", "Tanggal Bergabung", "Keanggotaan Ganda",
    ]  # fmt: skip
    assert rows[1][2] == NIK_ANI and rows[1][7] == "Jl. Anoa 1"
    assert rows[1][8] == "01/03/2017"
    assert 'filename="anggota-' in response["Content-Disposition"]
    event = AuditEvent.objects.get(action=AuditEvent.Action.PERSONAL_DATA_EXPORT)
    assert (event.user.username, event.target) == ("staf-uji", "anggota.csv")
    assert event.detail["rows"] == 1
    assert event.detail["personal_columns"] == ["NIK", "Telepon", "Alamat"]
    assert "staf-uji" in caplog.text


def test_bank_supervisor_gets_own_lender_groups_without_personal_columns(client, city):
    supervisor = LenderStaffFactory(user__role=roles.BANK_SUPERVISOR)
    MentorAssignmentFactory(group=city["kopi"], mentor__lender=supervisor.lender)
    client.force_login(supervisor.user)
    response = client.get(reverse("ikm:export", args=["anggota", "xlsx"]))
    assert response.status_code == 200
    assert "tanpa-data-pribadi" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content))["Anggota"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert "Tanpa NIK, telepon dan alamat" in rows[0][0]
    assert rows[1] == [
        "Nama Kelompok", "Kelurahan", "Nama", "Jenis Kelamin", "Peran", "Tanggal Bergabung",
        "Keanggotaan Ganda",
    ]  # fmt: skip
    assert NIK_ANI not in str(rows)
    products = _csv(client.get(reverse("ikm:export", args=["produk", "csv"])))
    assert [row[2] for row in products[1:]] == ["Kopi robusta"]  # not the other lender's


def test_mentor_exports_only_their_groups(client, city):
    assignment = MentorAssignmentFactory(group=city["pisang"])
    client.force_login(assignment.mentor.user)
    rows = _csv(client.get(reverse("ikm:export", args=["kelompok", "csv"])))
    assert [row[0] for row in rows[1:]] == ["Pisang Lolu"]


@pytest.mark.parametrize(("role", "expected"), [(None, 302), (roles.GROUP_LEADER, 403)])
def test_others_may_not_export(client, city, role, expected):
    if role:
        client.force_login(UserFactory(role=role))
    assert client.get(reverse("ikm:export", args=["kelompok", "csv"])).status_code == expected


def test_csv_cells_that_look_like_formulas_are_escaped(staff_client, city):
    rows = _csv(staff_client.get(reverse("ikm:export", args=["kelompok", "csv"])))
    names = [row[0] for row in rows[1:]]
    assert '\'=HYPERLINK("http://jahat")' in names
    kopi = next(row for row in rows if row[0].startswith("'="))
    assert kopi[4] == "'-Jl. Minus" and kopi[5] == "0812-3456-7890"
    xlsx = staff_client.get(reverse("ikm:export", args=["kelompok", "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content))["Kelompok"]
    cell = next(c for c in sheet["A"] if str(c.value).startswith("="))
    assert cell.data_type == "s"


def test_filters_by_kecamatan_kelurahan_and_theme(staff_client, city, palu):
    url = reverse("ikm:export", args=["kelompok", "csv"])
    assert len(_csv(staff_client.get(url, {"kelurahan": "72.71.01.1006"}))) == 2
    assert len(_csv(staff_client.get(url, {"tema": "kopi-bubuk"}))) == 2
    assert len(_csv(staff_client.get(url, {"kecamatan": "72.71.01"}))) == 3
    assert staff_client.get(url, {"tema": "tidak-ada"}).status_code == 400


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_reimports_cleanly(staff_client, staff_user, city, fmt):
    files = {
        kind: staff_client.get(reverse("ikm:export", args=[kind, fmt])).content
        for kind in ("kelompok", "anggota", "produk")
    }
    before = (BusinessGroup.objects.count(), Member.objects.count(), Product.objects.count())
    for kind, content in files.items():
        job = run(staff_user, SimpleUploadedFile(f"{kind}.{fmt}", content), kind=kind)
        assert job.status == ImportJob.Status.READY, job.problems
        sheet = job.summary["sheets"][0]
        assert sheet["create"] == 0 and sheet["error"] == 0 and sheet["update"] > 0
        assert import_job_confirm(job=job, user=staff_user).status == ImportJob.Status.DONE
    assert (
        BusinessGroup.objects.count(),
        Member.objects.count(),
        Product.objects.count(),
    ) == before
    city["kopi"].refresh_from_db()
    assert city["kopi"].name == '=HYPERLINK("http://jahat")'
    assert city["kopi"].address == "-Jl. Minus"
    assert Membership.objects.get().role == Membership.Role.LEADER
