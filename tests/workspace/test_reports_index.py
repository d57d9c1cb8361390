import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from tests.factories import KecamatanFactory, KelurahanFactory, LenderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas():
    palu_timur = KecamatanFactory(code="72.71.01", name="Palu Timur")
    KelurahanFactory(code="72.71.01.1004", name="Besusu Barat", kecamatan=palu_timur)
    KelurahanFactory(code="72.71.02.1009", name="Lere", kecamatan=KecamatanFactory(code="72.71.02"))


def test_the_index_links_every_area_and_lender_report(staff_client, areas):
    bri = LenderFactory()
    year = timezone.localdate().year
    page = staff_client.get(reverse("workspace:reports")).content.decode()

    assert f"/dinas/laporan/kecamatan/72.71.01.pdf?tahun={year}" in page
    assert f"/dinas/laporan/kecamatan/72.71.02.pdf?tahun={year}" in page
    assert f"/dinas/laporan/kelurahan/72.71.01.1004.pdf?tahun={year}" in page
    assert f"/dinas/laporan/kelurahan/72.71.02.1009.pdf?tahun={year}" in page
    assert "Besusu Barat" in page
    assert f"{reverse('financing:lender_report')}?lender={bri.pk}" in page


def test_the_chosen_year_goes_into_the_links(staff_client, areas):
    page = staff_client.get(reverse("workspace:reports"), {"tahun": "2018"}).content.decode()
    assert "/dinas/laporan/kelurahan/72.71.01.1004.pdf?tahun=2018" in page


def test_the_evaluation_report_is_linked_when_it_exists(staff_client):
    page = staff_client.get(reverse("workspace:reports")).content.decode()
    try:
        url = reverse("workspace:evaluation")
    except NoReverseMatch:
        assert "Evaluasi program" not in page
    else:
        assert f'href="{url}"' in page


def test_the_admin_index_links_the_reports(client, admin_user_dinas):
    client.force_login(admin_user_dinas)
    page = client.get(reverse("admin:index")).content.decode()
    assert f'href="{reverse("workspace:reports")}"' in page


def test_the_reports_page_offers_every_export(staff_client):
    page = staff_client.get(reverse("workspace:reports")).content.decode()

    for kind in ["kelompok", "anggota", "produk"]:
        for fmt in ["xlsx", "csv"]:
            assert reverse("ikm:export", args=[kind, fmt]) in page


def test_a_province_lists_a_kecamatan_s_kelurahan_when_it_is_chosen(
    staff_client, areas, monkeypatch
):
    """Beyond KELURAHAN_LISTED_UP_TO_KECAMATAN kecamatan (a province's 8,563 kelurahan made
    a page of 1.3 MB), every kecamatan keeps its report and links to its kelurahan."""
    from portal.workspace import group_views

    monkeypatch.setattr(group_views, "KELURAHAN_LISTED_UP_TO_KECAMATAN", 1)
    url = reverse("workspace:reports")
    page = staff_client.get(url, {"tahun": "2018"}).content.decode()
    assert "/dinas/laporan/kecamatan/72.71.01.pdf?tahun=2018" in page
    assert "/dinas/laporan/kecamatan/72.71.02.pdf?tahun=2018" in page
    assert "/dinas/laporan/kelurahan/" not in page
    assert 'href="?tahun=2018&amp;kecamatan=72.71.01#kecamatan-72.71.01"' in page

    page = staff_client.get(url, {"tahun": "2018", "kecamatan": "72.71.01"}).content.decode()
    assert "/dinas/laporan/kelurahan/72.71.01.1004.pdf?tahun=2018" in page
    assert "/dinas/laporan/kelurahan/72.71.02.1009.pdf" not in page
    assert 'kecamatan=72.71.02#kecamatan-72.71.02"' in page
    assert "kecamatan=72.71.01#" not in page  # listed already
