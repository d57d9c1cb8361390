from datetime import date

import pytest

from financing.models import BookkeepingVisit
from financing.services import mentor_assign
from tests.browser.helpers import log_in, log_in_as
from tests.factories import BusinessGroupFactory, LenderStaffFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_mentor_logs_a_visit_on_a_phone_and_sees_it_in_the_history(live_portal, phone):
    mentor = LenderStaffFactory(user__username="mentor", user__first_name="Andi")
    group = BusinessGroupFactory(name="IKM Kopi Besusu", slug="kopi-besusu")
    mentor_assign(group=group, mentor=mentor, by=None, started_on=date(2025, 1, 6))

    log_in(phone, live_portal, "mentor")

    phone.wait_for_url(f"{live_portal}/pendampingan/")
    assert phone.get_by_role("heading", name="Kelompok saya").is_visible()
    phone.get_by_role("link", name="Catat kunjungan").first.click()

    phone.get_by_label("Yang hadir").fill("Ketua, bendahara, 3 anggota")
    phone.get_by_label("Buku kas diisi").check()
    phone.get_by_label("Omzet bulan ini (Rp)").fill("1.500.000")
    phone.get_by_label("Pengeluaran bulan ini (Rp)").fill("950000")
    phone.get_by_label("Kas di tangan (Rp)").fill("250.000")
    phone.get_by_label("Saldo tabungan (Rp)").fill("1,2 juta")
    phone.get_by_label("4", exact=True).check()
    phone.get_by_role("button", name="Simpan kunjungan").click()

    phone.wait_for_url(f"{live_portal}/pendampingan/kopi-besusu/")
    history = phone.locator("table.data").inner_text()
    assert "Rp 1.500.000" in history
    assert "Rp 1.200.000" in history
    visit = BookkeepingVisit.objects.get()
    assert (visit.revenue, visit.savings_balance, visit.seriousness) == (1_500_000, 1_200_000, 4)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 361


def test_a_wrong_amount_is_explained_and_nothing_typed_is_lost(live_portal, phone):
    mentor = LenderStaffFactory(user__username="mentor")
    group = BusinessGroupFactory(slug="abon-lere")
    mentor_assign(group=group, mentor=mentor, by=None, started_on=date(2025, 1, 6))
    log_in_as(phone, live_portal, mentor.user)
    phone.goto(f"{live_portal}/pendampingan/abon-lere/kunjungan/")

    phone.get_by_label("Yang hadir").fill("Ketua saja")
    phone.get_by_label("Omzet bulan ini (Rp)").fill("satu juta")
    phone.get_by_role("button", name="Simpan kunjungan").click()

    phone.wait_for_selector(".errors")
    assert "bukan jumlah Rupiah" in phone.locator("main").inner_text()
    assert phone.get_by_label("Yang hadir").input_value() == "Ketua saja"
    assert phone.get_by_label("Omzet bulan ini (Rp)").input_value() == "satu juta"
    assert not BookkeepingVisit.objects.exists()
