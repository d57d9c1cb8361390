"""A Dinas officer imports a spreadsheet in the browser: problems first, then the import."""

import pytest

from ikm.models import BusinessGroup
from portal import roles
from tests.browser.helpers import log_in_as
from tests.factories import UserFactory
from tests.ikm.test_import_files import palu_places

pytestmark = pytest.mark.django_db(transaction=True)

HEADER = "NAMA KELOMPOK;Kel.;tema;No. HP\n"


def _upload(page, base_url, name, text):
    page.goto(f"{base_url}/dinas/impor/")
    page.get_by_label("Berkas").set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": text.encode("utf-8")}
    )
    page.get_by_role("button", name="Unggah dan periksa").click()


def test_an_officer_fixes_a_near_miss_and_imports(live_portal, browser):
    palu_places()
    officer = UserFactory(role=roles.DINAS_STAFF)
    page = browser.new_page()
    page.set_default_timeout(15_000)
    log_in_as(page, live_portal, officer)

    _upload(
        page,
        live_portal,
        "kelompok.csv",
        HEADER + "Kopi Besusu;Besusu Brt;Kopi bubuk;0812-3456-7890\n",
    )

    page.get_by_text("Ada 1 masalah.").wait_for()
    assert "Mungkin maksud Anda: Besusu Barat?" in page.content()
    assert page.get_by_role("button", name="Impor sekarang").is_disabled()
    assert not BusinessGroup.objects.exists()

    _upload(
        page,
        live_portal,
        "kelompok.csv",
        HEADER + "Kopi Besusu;Besusu Barat;Kopi bubuk;0812-3456-7890\n",
    )
    page.get_by_role("button", name="Impor sekarang").click()

    page.get_by_role("heading", name="Tersimpan").wait_for()
    group = BusinessGroup.objects.get()
    assert (group.name, group.kelurahan.name, group.phone) == (
        "Kopi Besusu",
        "Besusu Barat",
        "+6281234567890",
    )
    page.close()
