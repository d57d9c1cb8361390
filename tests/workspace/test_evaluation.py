import io
import re
from datetime import date

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.timezone import localdate
from pypdf import PdfReader

from financing.models import CreditApplication
from ikm.models import AidCheck
from portal.workspace.figures import evaluation_figures
from tests.factories import (
    AidCheckFactory,
    AidFactory,
    BookkeepingVisitFactory,
    BusinessGroupFactory,
    CreditApplicationFactory,
    EnrolmentFactory,
    KecamatanFactory,
    KelurahanFactory,
    LenderStaffFactory,
    MembershipFactory,
    MentorAssignmentFactory,
    ProgramFactory,
    StageFactory,
    StageProgressFactory,
)

PDF_URL = reverse("workspace:evaluation_pdf")
HTML_URL = reverse("workspace:evaluation")


def _pages(response) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages]


@pytest.fixture
def two_kecamatan(db):
    east = KecamatanFactory(code="72.71.01", name="Palu Timur")
    west = KecamatanFactory(code="72.71.02", name="Palu Barat")
    kopi = BusinessGroupFactory(name="Kopi Besusu", kelurahan=KelurahanFactory(kecamatan=east))
    batik = BusinessGroupFactory(name="Batik Kamonji", kelurahan=KelurahanFactory(kecamatan=west))
    MembershipFactory(group=kopi)
    aid = AidFactory(group=kopi, value=1_500_000, handed_over_on=date(2018, 3, 1))
    AidCheckFactory(aid=aid, checked_on=date(2018, 9, 1), status=AidCheck.Status.IDLE)
    AidFactory(group=batik, value=2_250_000, handed_over_on=date(2018, 4, 1), source="csr")
    CreditApplicationFactory(
        group=batik,
        submitted_on=date(2018, 2, 1),
        amount_requested=20_000_000,
        amount_approved=12_500_000,
        decided_on=date(2018, 3, 1),
        disbursed_on=date(2018, 3, 20),
        status=CreditApplication.Status.DISBURSED,
    )
    return east, west


def test_the_pdf_states_the_figures_per_kecamatan_and_for_the_city(staff_client, two_kecamatan):
    response = staff_client.get(PDF_URL, {"tahun": 2018})

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="evaluasi-program-2018.pdf"'
    pages = _pages(response)
    text = "\n".join(pages)
    assert "LAPORAN EVALUASI PROGRAM TAHUN 2018" in text
    assert "Kecamatan Palu Timur" in text and "Kecamatan Palu Barat" in text
    assert "Rp 1.500.000" in text and "Rp 2.250.000" in text
    assert "Rp 3.750.000" in text  # the city's aid in 2018
    assert "Rp 12.500.000" in text  # credit disbursed in Palu Barat
    assert re.search(r"Menganggur 1 Rp 1\.500\.000", text)
    assert "keadaan per Senin, 31 Desember 2018" in text
    today = localdate()
    assert re.search(rf"Dicetak \w+, {today.day} \w+ {today.year} pukul \d\d\.\d\d WITA", text)
    for number, page in enumerate(pages, start=1):
        assert f"Halaman {number} dari {len(pages)}" in page
    assert "Kopi Besusu" in text  # the register of groups
    # The charts are drawn in the PDF too.
    assert "Nilai bantuan per kecamatan" in text


def test_the_preview_and_the_pdf_share_one_template(staff_client, two_kecamatan):
    preview = staff_client.get(HTML_URL, {"tahun": 2018})
    templates = {t.name for t in preview.templates}
    assert "workspace/_evaluation_body.html" in templates
    content = preview.content.decode()
    assert "Rp 3.750.000" in content
    assert f'href="{PDF_URL}?tahun=2018"' in content


def test_one_kecamatan_only(staff_client, two_kecamatan):
    response = staff_client.get(PDF_URL, {"tahun": 2018, "kecamatan": "72.71.02"})

    assert response["Content-Disposition"] == (
        'inline; filename="evaluasi-program-2018-palu-barat.pdf"'
    )
    text = "\n".join(_pages(response))
    assert "Kecamatan Palu Barat" in text
    assert "Palu Timur" not in text
    assert "Rp 1.500.000" not in text


def test_a_long_register_repeats_its_header_on_every_page(staff_client, db):
    kelurahan = KelurahanFactory(kecamatan=KecamatanFactory(code="72.71.01"))
    for n in range(60):
        BusinessGroupFactory(name=f"Kelompok Lampiran {n:02d}", kelurahan=kelurahan)

    pages = _pages(staff_client.get(PDF_URL))

    register = [p for p in pages if "Kelompok Lampiran" in p]
    assert len(register) >= 2
    for page in register:
        assert "No. Kelompok Kelurahan Kecamatan Tema Anggota Tenaga kerja Mentor" in page
    assert "Kelompok Lampiran 59" in register[-1]


def _kecamatan_with_groups(number: int, groups: int, program, stages) -> None:
    """A kecamatan whose groups have every kind of record the report reads."""
    kelurahan = KelurahanFactory(
        kecamatan=KecamatanFactory(code=f"72.71.{number:02d}", name=f"Kecamatan {number}")
    )
    for _ in range(groups):
        group = BusinessGroupFactory(kelurahan=kelurahan, workforce=3)
        MembershipFactory(group=group)
        aid = AidFactory(group=group, value=1_000_000, handed_over_on=date(2018, 3, 1))
        AidCheckFactory(aid=aid, checked_on=date(2018, 9, 1), status=AidCheck.Status.IDLE)
        assignment = MentorAssignmentFactory(group=group, started_on=date(2018, 1, 1))
        BookkeepingVisitFactory(assignment=assignment, visited_on=date(2018, 6, 1))
        CreditApplicationFactory(group=group, submitted_on=date(2018, 2, 1))
        enrolment = EnrolmentFactory(program=program, group=group)
        StageProgressFactory(enrolment=enrolment, stage=stages[0])


def test_the_number_of_queries_does_not_grow_with_the_kecamatan_or_the_groups(db):
    program = ProgramFactory(start_year=2018, end_year=2020)
    stages = [StageFactory(program=program, order=n, year=2017 + n) for n in (1, 2)]
    counts = []
    for first, size in ((1, 1), (2, 4)):
        for number in range(first, first + size):
            _kecamatan_with_groups(number, size, program, stages)
        with CaptureQueriesContext(connection) as queries:
            report = evaluation_figures(
                year=2018, kecamatan=None, program=None, today=date(2019, 1, 10)
            )
            render_to_string("workspace/_evaluation_body.html", {"report": report, "charts": {}})
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert [area.groups.groups for area in report.areas] == [1, 4, 4, 4, 4]
    assert report.total.groups.groups == len(report.register) == 17
    assert [area.road_map[0].groups for area in report.areas] == [1, 4, 4, 4, 4]


def test_each_kecamatan_has_the_figures_of_the_kecamatan_alone(two_kecamatan):
    """The grouped figures of the city report are those of each kecamatan's own report."""
    city = evaluation_figures(year=2018, kecamatan=None, program=None, today=date(2019, 1, 10))
    for area in city.areas:
        alone = evaluation_figures(
            year=2018, kecamatan=area.kecamatan, program=None, today=date(2019, 1, 10)
        ).total
        assert area == alone


def test_a_register_too_long_to_print_is_a_download_of_its_own(staff_client, db, monkeypatch):
    from portal.workspace import figures

    monkeypatch.setattr(figures, "REGISTER_PRINTED_AT_MOST", 3)
    east = KelurahanFactory(kecamatan=KecamatanFactory(code="72.71.01", name="Palu Timur"))
    west = KelurahanFactory(kecamatan=KecamatanFactory(code="72.71.02", name="Palu Barat"))
    for n in range(4):
        group = BusinessGroupFactory(name=f"Kelompok Lampiran {n}", kelurahan=east, workforce=n)
        MembershipFactory(group=group)
    BusinessGroupFactory(name="Kelompok Barat", kelurahan=west)
    BusinessGroupFactory(name="Kelompok Bubar", kelurahan=west, status="bubar")

    text = "\n".join(_pages(staff_client.get(PDF_URL)))
    assert "5 kelompok aktif: terlalu banyak untuk dicetak" in text
    assert "Kelompok Lampiran" not in text
    # One kecamatan holds few enough to print.
    text = "\n".join(_pages(staff_client.get(PDF_URL, {"kecamatan": "72.71.02"})))
    assert "Kelompok Barat" in text and "terlalu banyak" not in text

    screen = staff_client.get(HTML_URL).content.decode()
    csv_url = reverse("workspace:evaluation_register_csv")
    assert f'href="{csv_url}' in screen
    response = staff_client.get(csv_url)
    assert response["Content-Disposition"].startswith('attachment; filename="kelompok-aktif-')
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "No.,Kelompok,Kode kelurahan,Kelurahan,Kecamatan,Tema,Anggota,Tenaga kerja,Mentor"
    )
    assert len(lines) == 1 + 5
    assert lines[1].startswith(f"1,Kelompok Barat,{west.code},{west.name},Palu Barat,")
    assert lines[-1].endswith(",1,3,belum")  # Kelompok Lampiran 3: one member, workforce 3
    only_west = staff_client.get(csv_url, {"kecamatan": "72.71.02"})
    assert len(b"".join(only_west.streaming_content).decode().splitlines()) == 2


def test_a_province_prints_a_summary_row_per_kecamatan_not_its_detail(
    staff_client, two_kecamatan, monkeypatch
):
    """Beyond AREA_DETAILS_PRINTED_AT_MOST kecamatan (a province's 576 made a report of a
    thousand pages), each keeps its summary row and its detail is one choice away; the
    chart of aid per kecamatan shows the largest."""
    from portal.workspace import figures, views

    monkeypatch.setattr(figures, "AREA_DETAILS_PRINTED_AT_MOST", 1)
    monkeypatch.setattr(views, "AID_AREA_BARS_AT_MOST", 1)

    text = "\n".join(_pages(staff_client.get(PDF_URL, {"tahun": 2018})))
    assert "Rincian tiap kecamatan (2 kecamatan) tidak dicetak" in text
    assert "Kecamatan Palu Timur" not in text and "Kecamatan Palu Barat" not in text
    summary = text.split("Ringkasan", 1)[1]
    assert re.search(r"Palu Timur 1 1 \d+ Rp 1\.500\.000", summary)
    assert re.search(r"Palu Barat 1 0 \d+ Rp 2\.250\.000", summary)

    screen = staff_client.get(HTML_URL, {"tahun": 2018}).content.decode()
    chart = re.search(r'<svg[^>]*"chart-aid-area-title.*?</svg>', screen, re.S).group()
    assert "Nilai bantuan per kecamatan: 1 terbesar dari 2" in chart
    assert "Palu Barat" in chart and "Palu Timur" not in chart  # Rp 2.250.000 > 1.500.000

    # One kecamatan chosen: its detail is printed.
    text = "\n".join(_pages(staff_client.get(PDF_URL, {"tahun": 2018, "kecamatan": "72.71.01"})))
    assert "Kecamatan Palu Timur" in text and "tidak dicetak" not in text


def test_the_register_download_is_for_dinas_only(client, db):
    csv_url = reverse("workspace:evaluation_register_csv")
    assert client.get(csv_url).status_code == 302
    client.force_login(LenderStaffFactory().user)
    assert client.get(csv_url).status_code == 403
