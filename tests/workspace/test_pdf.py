import io
import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.test import RequestFactory
from pypdf import PdfReader

from portal.pdf import _local_file, pdf_bytes, pdf_response

TEST_TEMPLATES = Path(__file__).parent / "templates"


@pytest.fixture(autouse=True)
def _test_templates(settings):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], TEST_TEMPLATES]}
    ]


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def _render(rows: int, **context) -> bytes:
    return pdf_bytes(
        None, template_name="tests/long_report.html", context={"rows": range(rows), **context}
    )


def test_letterhead_page_numbers_and_printed_line(settings, caplog):
    settings.DINAS_ADDRESS = "Jalan Uji No. 7, Palu"
    printed_at = datetime(2018, 4, 3, 2, 15, tzinfo=UTC)  # 10.15 in Palu (UTC+8)
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pages = _pages(_render(3, printed_at=printed_at))
    assert len(pages) == 1
    text = pages[0]
    assert "PEMERINTAH KOTA PALU" in text
    assert "DINAS KOPERASI DAN UMKM KOTA PALU" in text
    assert "Jalan Uji No. 7, Palu" in text
    assert "Dicetak Selasa, 3 April 2018 pukul 10.15 WITA" in text
    assert "Halaman 1 dari 1" in text
    assert "Andi Lamarauna" in text and "NIP 197001012000031001" in text
    # The logo and report.css were read from disk: WeasyPrint complains of nothing.
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_a_long_table_repeats_its_header_and_letterhead_on_every_page():
    pages = _pages(_render(120))
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert "Nama kelompok uji" in text
        assert "DINAS KOPERASI DAN UMKM KOTA PALU" in text
        assert f"Halaman {number} dari {len(pages)}" in text
    assert "Kelompok 119" in pages[-1]


def _size_mm(pdf: bytes) -> tuple[int, int]:
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    return round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)


def test_a4_portrait_by_default_landscape_by_block():
    assert _size_mm(_render(1)) == (210, 297)
    landscape = pdf_bytes(
        None, template_name="tests/landscape_report.html", context={"rows": range(1)}
    )
    assert _size_mm(landscape) == (297, 210)


def test_pdf_response_is_inline_with_its_file_name():
    request = RequestFactory().get("/")
    response = pdf_response(
        request,
        template_name="tests/long_report.html",
        context={"rows": range(2)},
        filename='laporan "evaluasi".pdf',
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="laporan evaluasi.pdf"'
    assert response.content.startswith(b"%PDF")


def test_only_static_and_media_files_are_fetched(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "foto.jpg").write_bytes(b"jpeg")
    assert _local_file("/static/portal/logo-dinas.svg").name == "logo-dinas.svg"
    assert _local_file("/media/foto.jpg") == tmp_path / "foto.jpg"
    assert _local_file("/media/../etc/passwd") is None
    assert _local_file("/static/portal/tidak-ada.css") is None
    assert _local_file("/admin/") is None
