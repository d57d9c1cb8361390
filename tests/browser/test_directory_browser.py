"""A resident on a phone, not logged in, finds a product, narrows it to a kecamatan and
reaches the group on WhatsApp; no page makes the phone scroll sideways."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.factories import (
    BusinessGroupFactory,
    KecamatanFactory,
    KelurahanFactory,
    ProductFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def city():
    """Coffee in two kecamatan, banana chips in one; one coffee group has WhatsApp."""
    timur = KecamatanFactory(code="72.71.01", name="Palu Timur")
    barat = KecamatanFactory(code="72.71.02", name="Palu Barat")
    besusu = KelurahanFactory(code="72.71.01.1004", name="Besusu Barat", kecamatan=timur)
    lere = KelurahanFactory(code="72.71.02.1009", name="Lere", kecamatan=barat)
    coffee = ThemeFactory(name="Kopi Bubuk", slug="kopi-bubuk")
    chips = ThemeFactory(name="Olahan Pisang", slug="olahan-pisang")
    besusu_coffee = BusinessGroupFactory(
        name="IKM Kopi Besusu",
        slug="kopi-besusu",
        kelurahan=besusu,
        theme=coffee,
        whatsapp="081234567890",
        description="Kopi robusta sangrai dari kebun sendiri.",
    )
    lere_coffee = BusinessGroupFactory(
        name="IKM Kopi Lere", slug="kopi-lere", kelurahan=lere, theme=coffee
    )
    lere_chips = BusinessGroupFactory(
        name="IKM Olahan Pisang Lere", slug="pisang-lere", kelurahan=lere, theme=chips
    )
    ProductFactory(group=besusu_coffee, name="Kopi Bubuk Robusta", price=25000, unit="250 g")
    ProductFactory(group=lere_coffee, name="Kopi Jahe", price=15000, unit="sachet")
    ProductFactory(group=lere_chips, name="Keripik Pisang Kepok", price=12000)


def _fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1


def test_resident_finds_coffee_in_a_kecamatan_and_reaches_it_on_whatsapp(live_portal, phone, city):
    phone.goto(f"{live_portal}/")
    assert _fits_the_phone(phone), "home"

    phone.get_by_label("Cari usaha atau produk").fill("kopi")
    phone.get_by_role("button", name="Cari", exact=True).click()
    phone.wait_for_url("**/umkm/?q=kopi")
    results = phone.get_by_role("main").get_by_role("list").first
    expect(results.get_by_role("link", name="IKM Kopi Besusu")).to_be_visible()
    expect(results.get_by_role("link", name="IKM Kopi Lere")).to_be_visible()
    expect(results.get_by_role("link", name="IKM Olahan Pisang Lere")).to_have_count(0)
    assert _fits_the_phone(phone), "directory"

    # The filters fold away on a phone: the summary is the only way to them.
    phone.get_by_text("Saring dan urutkan").click()
    phone.get_by_label("Kecamatan", exact=True).select_option(label="Palu Timur")
    phone.get_by_role("button", name="Terapkan").click()
    phone.wait_for_url("**kecamatan=72.71.01**")
    expect(phone.get_by_role("status")).to_have_text("1 kelompok usaha")
    expect(phone.get_by_role("link", name="IKM Kopi Lere")).to_have_count(0)
    assert phone.get_by_label("Cari usaha atau produk").input_value() == "kopi"
    assert _fits_the_phone(phone), "filtered directory"

    phone.get_by_role("link", name="IKM Kopi Besusu").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("IKM Kopi Besusu")
    whatsapp = phone.get_by_role("link", name="Chat lewat WhatsApp")
    assert whatsapp.get_attribute("href").startswith("https://wa.me/62")
    expect(phone.get_by_role("heading", name="Kopi Bubuk Robusta")).to_be_visible()
    expect(phone.get_by_text("Rp 25.000")).to_be_visible()
    assert _fits_the_phone(phone), "profile"


def test_a_search_for_two_words_finds_the_banana_chips(live_portal, phone, city):
    phone.goto(f"{live_portal}/umkm/")
    phone.get_by_label("Cari usaha atau produk").fill("keripik pisang")
    phone.keyboard.press("Enter")

    expect(phone.get_by_role("status")).to_have_text("1 kelompok usaha")
    phone.get_by_role("link", name="IKM Olahan Pisang Lere").click()
    expect(phone.get_by_text("Rp 12.000")).to_be_visible()
    # No WhatsApp number, no WhatsApp button: never a wa.me link to nobody.
    expect(phone.get_by_role("link", name="Chat lewat WhatsApp")).to_have_count(0)
