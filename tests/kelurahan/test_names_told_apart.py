"""Kecamatan that share a name (Jawa Tengah has three called Bulu) are told apart by their
regency wherever a province's kecamatan are listed together."""

from datetime import date

import pytest
from django.urls import reverse

from kelurahan.models import names_told_apart
from portal.workspace.figures import evaluation_figures
from tests.factories import KecamatanFactory, RegencyFactory


def test_a_shared_name_is_followed_by_its_parents():
    rows = [("a", "Bulu", "Rembang"), ("b", "Ambarawa", "Semarang"), ("c", "Bulu", "Sukoharjo")]
    assert names_told_apart(rows) == {
        "a": "Bulu (Rembang)",
        "b": "Ambarawa",
        "c": "Bulu (Sukoharjo)",
    }
    assert list(names_told_apart(rows)) == ["a", "b", "c"]  # in the given order


@pytest.fixture
def province(settings, db):
    settings.CITY_CODE = "72"
    sigi = RegencyFactory(code="72.10", name="Kabupaten Sigi")
    KecamatanFactory(code="72.71.01", name="Bulu")
    KecamatanFactory(code="72.10.01", name="Bulu", regency=sigi)
    KecamatanFactory(code="72.71.02", name="Palu Timur")


def test_the_figures_filter_and_the_report_tell_them_apart(staff_client, province):
    html = staff_client.get(reverse("workspace:dashboard")).content.decode()
    assert '<option value="72.71.01">Bulu (Kota Palu)</option>' in html
    assert '<option value="72.10.01">Bulu (Kabupaten Sigi)</option>' in html
    assert '<option value="72.71.02">Palu Timur</option>' in html

    report = evaluation_figures(year=2018, kecamatan=None, program=None, today=date(2019, 1, 10))
    assert sorted(area.name for area in report.areas) == [
        "Bulu (Kabupaten Sigi)",
        "Bulu (Kota Palu)",
        "Palu Timur",
    ]
