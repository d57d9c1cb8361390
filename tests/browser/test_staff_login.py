import pytest

from portal import roles
from tests.browser.helpers import log_in
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_logs_in_on_a_phone_and_finds_a_group(live_portal, phone):
    UserFactory(username="staf", role=roles.DINAS_STAFF)
    group = MembershipFactory(group__name="Kopi Bubuk Tondo").group

    log_in(phone, live_portal, "staf")

    phone.wait_for_url(f"{live_portal}/dinas/")
    assert phone.get_by_role("heading", name="Dasbor Dinas").is_visible()
    phone.get_by_role("navigation", name="Menu Dinas").get_by_role("link", name="Admin").click()
    phone.get_by_role("link", name="Kelompok usaha").first.click()
    phone.get_by_role("link", name=group.name).click()
    assert phone.locator("#id_name").input_value() == "Kopi Bubuk Tondo"
    # The page fits the phone: nothing forces sideways scrolling of the whole page.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360 + 1


def test_wrong_password_is_explained_in_indonesian(live_portal, phone):
    UserFactory(username="staf", role=roles.DINAS_STAFF)

    log_in(phone, live_portal, "staf", password="salah")

    assert "Nama pengguna atau kata sandi salah" in phone.get_by_role("alert").inner_text()
    assert phone.get_by_label("Nama pengguna").input_value() == "staf"
