"""Messy real-world files through the import check and save (service level)."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from ikm.models import BusinessGroup, ImportJob, Member, Membership, Product
from ikm.services.imports import import_job_confirm, import_job_start, import_job_validate_all
from tests.factories import (
    BusinessGroupFactory,
    KecamatanFactory,
    KelurahanFactory,
    MemberFactory,
    MembershipFactory,
    ProductFactory,
    ThemeFactory,
    valid_nik,
)

NIK_SITI = "7271014101800001"  # a woman born 1 January 1980 (day + 40)
NIK_BUDI = valid_nik(7)
NIK_ANI = valid_nik(8, female=True)


def xlsx_file(sheets: dict[str, list[list]], *, name="data.xlsx", merge=None) -> SimpleUploadedFile:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
        if merge and title in merge:
            sheet.merge_cells(merge[title])
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def csv_file(text: str, *, name="data.csv", encoding="utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(encoding))


def run(user, upload, kind=None) -> ImportJob:
    job = import_job_start(user=user, uploaded_file=upload, kind=kind)
    return import_job_validate_all(job=job, max_rows=3)


def messages(job) -> list[str]:
    return [problem["message"] for problem in job.problems]


def palu_places() -> dict:
    """Three kelurahan of Palu Timur and two themes, as the import tests name them."""
    kecamatan = KecamatanFactory(code="72.71.01", name="Palu Timur")
    return {
        "tondo": KelurahanFactory(code="72.71.01.1001", name="Tondo", kecamatan=kecamatan),
        "besusu": KelurahanFactory(code="72.71.01.1004", name="Besusu Barat", kecamatan=kecamatan),
        "lolu": KelurahanFactory(code="72.71.01.1006", name="Lolu Utara", kecamatan=kecamatan),
        "kopi": ThemeFactory(name="Kopi bubuk", slug="kopi-bubuk"),
        "pisang": ThemeFactory(name="Keripik pisang", slug="keripik-pisang"),
    }


@pytest.fixture
def palu(db):
    return palu_places()


def test_messy_workbook_with_title_rows_blank_rows_and_header_variants(staff_user, palu):
    upload = xlsx_file(
        {
            "KELOMPOK": [
                [None, "DATA IKM KOTA PALU 2018"],
                [],
                [
                    None,
                    "NAMA KELOMPOK",
                    None,
                    "Kel.",
                    "tematik",
                    "No. HP",
                    "Tgl Berdiri",
                    "Jumlah  tenaga kerja ",
                    "Setuju tampil publik",
                    "Catatan lain",
                ],
                [],
                [
                    None,
                    "KUBE Kopi Tondo",
                    None,
                    "tondo",
                    "KOPI BUBUK",
                    812345678,
                    datetime.datetime(2018, 4, 3),
                    5.0,
                    "ya",
                    "x",
                ],
                [
                    None,
                    "Pisang Besusu",
                    None,
                    "72.71.01.1004",
                    "keripik pisang",
                    "+62 812-3456-7890",
                    "3 Agt 2018",
                    "12",
                    "Tidak",
                    None,
                ],
                [None, None, None, None, None, None, None, None, None, None],
            ],
            "anggota": [
                ["nama_kelompok", "NIK", "Nama  ", "L/P", "Jabatan", "HP/WA", "Tanggal Masuk"],
                [
                    "kube kopi tondo",
                    7271014101800001,
                    "Siti Aminah",
                    "Perempuan",
                    "KETUA",
                    "62812-1111-2222",
                    "03/04/2018",
                ],
                ["Pisang Besusu", NIK_BUDI, "Budi", "l", None, None, "2018-04-03"],
            ],
            "Produk": [
                ["Nama Kelompok", "Produk", "Harga", "Satuan"],
                ["KUBE Kopi Tondo", "Kopi robusta", "Rp 25.000", "bungkus 250 g"],
                ["KUBE Kopi Tondo", "Kopi arabika", 1500000.0, ""],
                ["Pisang Besusu", "Keripik", "1,5 juta", "karton"],
            ],
            "Petunjuk": [["Isi data di lembar lain"]],
        },
        merge={"KELOMPOK": "B1:J1"},
    )
    job = run(staff_user, upload)
    assert job.status == ImportJob.Status.READY, job.problems
    kelompok = next(s for s in job.summary["sheets"] if s["kind"] == "kelompok")
    assert kelompok["header_row"] == 3
    assert kelompok["unknown"] == ["Catatan lain"]
    assert kelompok["create"] == 2 and kelompok["error"] == 0
    assert BusinessGroup.objects.count() == 0  # nothing saved before confirming

    job = import_job_confirm(job=job, user=staff_user)
    assert job.status == ImportJob.Status.DONE, job.error
    kopi = BusinessGroup.objects.get(name="KUBE Kopi Tondo")
    assert kopi.kelurahan == palu["tondo"] and kopi.theme == palu["kopi"]
    assert kopi.phone == "+62812345678"
    assert kopi.founded_on == datetime.date(2018, 4, 3)
    assert kopi.workforce == 5 and kopi.listed_publicly
    pisang = BusinessGroup.objects.get(name="Pisang Besusu")
    assert pisang.kelurahan == palu["besusu"]
    assert pisang.founded_on == datetime.date(2018, 8, 3)
    assert not pisang.listed_publicly
    siti = Member.objects.get(nik=NIK_SITI)
    assert siti.gender == Member.Gender.FEMALE and siti.phone == "+6281211112222"
    leader = Membership.objects.get(member=siti)
    assert leader.group == kopi and leader.role == Membership.Role.LEADER
    assert leader.joined_on == datetime.date(2018, 4, 3)
    assert Membership.objects.get(member__nik=NIK_BUDI).role == Membership.Role.MEMBER
    prices = dict(Product.objects.values_list("name", "price"))
    assert prices == {"Kopi robusta": 25_000, "Kopi arabika": 1_500_000, "Keripik": 1_500_000}
    assert kopi.history.first().history_user == staff_user


def test_windows_1252_csv_with_semicolons(staff_user, palu):
    text = (
        "Daftar Kelompok;;\r\n"
        "Nama Kelompok;Kelurahan/Desa;Tema;Deskripsi;Tanggal Berdiri\r\n"
        "Kopi Café Tondo;Tondo;Kopi bubuk;Kopi dengan aroma khas – sangrai;3 April 2018\r\n"
    )
    job = run(staff_user, csv_file(text, encoding="cp1252"))
    assert job.status == ImportJob.Status.READY, job.problems
    import_job_confirm(job=job, user=staff_user)
    group = BusinessGroup.objects.get()
    assert group.name == "Kopi Café Tondo"
    assert group.description == "Kopi dengan aroma khas – sangrai"
    assert group.founded_on == datetime.date(2018, 4, 3)


@pytest.mark.parametrize("separator", [",", "\t", ";"])
def test_utf8_bom_csv_of_members_with_any_separator(staff_user, palu, separator):
    BusinessGroupFactory(name="KUBE Kopi Tondo", kelurahan=palu["tondo"], theme=palu["kopi"])
    rows = [
        ["NIK", "Nama", "JK", "Nama Kelompok", "Telepon", "Tanggal Bergabung"],
        [NIK_ANI, "Ani", "P", "KUBE Kopi Tondo", "0812 3456 7890", "3-4-2018"],
    ]
    text = "\ufeff" + "\r\n".join(separator.join(row) for row in rows) + "\r\n"
    job = run(staff_user, csv_file(text))
    assert job.status == ImportJob.Status.READY, job.problems
    assert job.summary["sheets"][0]["kind"] == "anggota"
    import_job_confirm(job=job, user=staff_user)
    membership = Membership.objects.get(member__nik=NIK_ANI)
    assert membership.joined_on == datetime.date(2018, 4, 3)
    assert membership.member.phone == "+6281234567890"


def test_unknown_columns_listed_and_missing_required_column_named(staff_user, palu):
    text = "Nama Kelompok;Kelurahan;Warna Favorit\nKopi;Tondo;Merah\n"
    job = run(staff_user, csv_file(text), kind="kelompok")
    assert job.status == ImportJob.Status.HAS_ERRORS
    assert job.summary["sheets"][0]["unknown"] == ["Warna Favorit"]
    assert messages(job) == ["Kolom wajib 'Tema' tidak ada di lembar Kelompok."]


def test_kelurahan_near_miss_is_not_guessed_but_suggested(staff_user, palu):
    text = (
        "Nama Kelompok;Kelurahan;Tema\n"
        "Satu;Besusu Brt;Kopi bubuk\n"
        "Dua;Lolu Utra;Kopi bubuk\n"
        "Tiga;7271011001;Kopi bubuk\n"
        "Empat;Kota Lama;Kopi bubuk\n"
        "Lima;tondo;Kopi Bubk\n"
    )
    job = run(staff_user, csv_file(text))
    assert job.status == ImportJob.Status.HAS_ERRORS
    found = {(p["row"], p["column"]): p["message"] for p in job.problems}
    assert found == {
        (2, "Kelurahan"): "Kelurahan 'Besusu Brt' tidak ditemukan. Mungkin maksud Anda: "
        "Besusu Barat?",
        (3, "Kelurahan"): "Kelurahan 'Lolu Utra' tidak ditemukan. Mungkin maksud Anda: Lolu Utara?",
        (5, "Kelurahan"): "Kelurahan 'Kota Lama' tidak ditemukan di Kota Palu.",
        (6, "Tema"): "Tema 'Kopi Bubk' tidak ditemukan. Mungkin maksud Anda: Kopi bubuk?",
    }
    assert BusinessGroup.objects.count() == 0


def test_duplicate_nik_in_file_and_nik_of_another_person(staff_user, palu):
    BusinessGroupFactory(name="Kopi", kelurahan=palu["tondo"], theme=palu["kopi"])
    MemberFactory(nik=NIK_BUDI, name="Budi Santoso")
    text = (
        "Nama Kelompok;NIK;Nama;Jenis Kelamin\n"
        f"Kopi;{NIK_ANI};Ani;P\n"
        f"Kopi;{NIK_BUDI};Ahmad;L\n"
        f"Kopi;{NIK_ANI};Ani Lestari;P\n"
        "Kopi;7271014101800000;Lia;P\n"
        "Kopi;7.27101410180000E+15;Lia;P\n"
    )
    job = run(staff_user, csv_file(text))
    found = {(p["row"], p["column"]): p["message"] for p in job.problems}
    assert found[2, "NIK"] == f"NIK {NIK_ANI} juga ada di baris 4."
    assert found[4, "NIK"] == f"NIK {NIK_ANI} juga ada di baris 2."
    assert found[3, "NIK"] == "NIK ini sudah terdaftar atas nama Budi Santoso."
    assert found[6, "NIK"] == (
        "NIK tersimpan sebagai angka di Excel dan kehilangan digit; format kolom sebagai Teks."
    )
    assert (5, "NIK") not in found  # typed as text, the digits are what staff wrote


def test_numeric_nik_cell_that_lost_digits_is_refused(staff_user, palu):
    BusinessGroupFactory(name="Kopi", kelurahan=palu["tondo"], theme=palu["kopi"])
    upload = xlsx_file(
        {
            "Anggota": [
                ["Nama Kelompok", "NIK", "Nama", "L/P"],
                ["Kopi", 7271014101800000, "Lia", "P"],
                ["Kopi", 7271014101800001.0, "Siti", "P"],
            ]
        }
    )
    job = run(staff_user, upload)
    assert [(p["row"], p["message"]) for p in job.problems] == [
        (2, "NIK tersimpan sebagai angka di Excel dan kehilangan digit; format kolom sebagai Teks.")
    ]


def test_same_person_joins_another_group_only_when_confirmed(staff_user, palu):
    first = BusinessGroupFactory(name="Kopi", kelurahan=palu["tondo"], theme=palu["kopi"])
    BusinessGroupFactory(name="Pisang", kelurahan=palu["lolu"], theme=palu["pisang"])
    MembershipFactory(member=MemberFactory(nik=NIK_BUDI, name="Budi"), group=first)

    text = f"Nama Kelompok;NIK;Nama;L/P\nPisang;{NIK_BUDI};BUDI;L\n"
    job = run(staff_user, csv_file(text))
    assert messages(job) == [
        "Budi masih aktif di kelompok Kopi. Isi kolom 'Keanggotaan Ganda' dengan Ya bila itu "
        "memang benar."
    ]

    text = f"Nama Kelompok;NIK;Nama;L/P;Keanggotaan Ganda\nPisang;{NIK_BUDI};BUDI;L;Ya\n"
    job = run(staff_user, csv_file(text))
    assert job.status == ImportJob.Status.READY, job.problems
    import_job_confirm(job=job, user=staff_user)
    assert Member.objects.count() == 1
    second = Membership.objects.get(group__name="Pisang")
    assert second.member.nik == NIK_BUDI and second.several_groups_confirmed
    assert Member.objects.active_in_several_groups().count() == 1


def test_existing_group_is_updated_not_duplicated(staff_user, palu):
    group = BusinessGroupFactory(
        name="KUBE Kopi Tondo", kelurahan=palu["tondo"], theme=palu["kopi"], address="Lama"
    )
    ProductFactory(group=group, name="Kopi robusta", price=20_000)
    upload = xlsx_file(
        {
            "Kelompok": [
                ["Nama Kelompok", "Kelurahan", "Tema", "Alamat", "Telepon"],
                ["kube  kopi tondo", "Tondo", "Kopi bubuk", "Jl. Baru 1", None],
                ["Kopi Baru", "Tondo", "Kopi bubuk", None, None],
            ],
            "Produk": [
                ["Nama Kelompok", "Nama Produk", "Harga (Rupiah)"],
                ["KUBE Kopi Tondo", "kopi robusta", "22.500"],
            ],
        }
    )
    job = run(staff_user, upload)
    sheets = {s["kind"]: s for s in job.summary["sheets"]}
    assert (sheets["kelompok"]["create"], sheets["kelompok"]["update"]) == (1, 1)
    assert sheets["produk"]["update"] == 1
    actions = [row["action"] for row in sheets["kelompok"]["preview"]["rows"]]
    assert actions == ["diperbarui", "baru"]
    import_job_confirm(job=job, user=staff_user)
    group.refresh_from_db()
    assert BusinessGroup.objects.count() == 2
    assert group.address == "Jl. Baru 1"
    assert group.products.get().price == 22_500


def test_member_of_an_ambiguous_group_name_needs_the_kelurahan(staff_user, palu):
    BusinessGroupFactory(name="Maju Jaya", kelurahan=palu["tondo"], theme=palu["kopi"])
    lolu = BusinessGroupFactory(name="Maju Jaya", kelurahan=palu["lolu"], theme=palu["kopi"])
    text = (
        "Nama Kelompok;Kelurahan;NIK;Nama;L/P\n"
        f"Maju Jaya;;{NIK_ANI};Ani;P\n"
        f"Maju Jaya;Lolu Utara;{NIK_BUDI};Budi;L\n"
    )
    job = run(staff_user, csv_file(text))
    assert [(p["row"], p["column"]) for p in job.problems] == [(2, "Nama Kelompok")]
    assert "isi kolom Kelurahan" in job.problems[0]["message"]
    row = next(s for s in job.summary["sheets"])["preview"]["rows"][0]
    assert row["row"] == 3 and "Budi" in row["cells"]
    assert lolu.memberships.count() == 0
