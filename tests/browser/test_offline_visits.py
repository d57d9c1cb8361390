"""A mentor without a signal: visits wait on the phone and are sent once when it returns."""

from datetime import date

import pytest
from playwright.sync_api import expect

from financing.models import BookkeepingVisit
from financing.services import mentor_assign
from tests.browser.helpers import log_in_as
from tests.factories import BusinessGroupFactory, LenderStaffFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_visit_filled_in_offline_is_sent_once_when_the_signal_returns(live_portal, phone):
    # Service workers need a secure context; http://localhost is one.
    assert live_portal.startswith("http://localhost:")
    mentor = LenderStaffFactory(user__username="mentor-bri")
    group = BusinessGroupFactory(name="IKM Kopi Besusu", slug="kopi-besusu")
    mentor_assign(group=group, mentor=mentor, by=None, started_on=date(2026, 1, 5))
    log_in_as(phone, live_portal, mentor.user)
    status = phone.locator("[data-offline-status]")

    # Online: Kelompok saya keeps its groups' pages on the phone.
    phone.goto(f"{live_portal}/pendampingan/")
    phone.wait_for_selector("html[data-offline-ready=true]", state="attached")
    expect(status).to_have_text("Semua kunjungan sudah terkirim")

    phone.context.set_offline(True)
    phone.goto(f"{live_portal}/pendampingan/{group.slug}/kunjungan/")
    assert phone.evaluate("navigator.onLine") is False
    expect(phone.locator("h1")).to_have_text("Catat kunjungan pembukuan")
    phone.get_by_label("Yang hadir").fill("Ketua, bendahara, 3 anggota")
    phone.get_by_label("Omzet bulan ini (Rp)").fill("1.500.000")
    phone.get_by_label("Pengeluaran bulan ini (Rp)").fill("900.000")
    phone.get_by_label("Kas di tangan (Rp)").fill("250.000")
    phone.get_by_label("Saldo tabungan (Rp)").fill("1.200.000")
    phone.get_by_label("4", exact=True).check()
    phone.get_by_role("button", name="Simpan kunjungan").click()

    # Back on Kelompok saya (the phone's copy), with the visit waiting.
    phone.wait_for_url(f"{live_portal}/pendampingan/")
    expect(status).to_contain_text("kunjungan disimpan di ponsel dan akan dikirim otomatis")
    expect(status).to_contain_text("1 kunjungan menunggu dikirim")
    assert not BookkeepingVisit.objects.exists()
    queued = phone.evaluate("pendampinganOffline.queue.all()")
    assert [entry["group"] for entry in queued] == ["IKM Kopi Besusu"]

    # The signal returns: the 'online' event sends the queue.
    phone.context.set_offline(False)
    expect(status).to_have_text("Semua kunjungan sudah terkirim")
    visit = BookkeepingVisit.objects.get()
    assert visit.revenue == 1_500_000
    assert str(visit.idempotency_key) == queued[0]["idempotency_key"]

    # The answer was lost and the phone sends the same entry again: still one visit.
    phone.evaluate(
        "entry => pendampinganOffline.queue.put(entry).then(pendampinganOffline.flush)",
        queued[0],
    )
    expect(status).to_have_text("Semua kunjungan sudah terkirim")
    assert phone.evaluate("pendampinganOffline.queue.all()") == []
    assert BookkeepingVisit.objects.count() == 1


def test_a_visit_whose_post_fails_on_a_weak_signal_is_kept_and_sent_later(live_portal, phone):
    """navigator.onLine says yes, but the POST does not get through: the visit is queued."""
    mentor = LenderStaffFactory(user__username="mentor-bri")
    group = BusinessGroupFactory(name="IKM Abon Lere", slug="abon-lere")
    mentor_assign(group=group, mentor=mentor, by=None, started_on=date(2026, 1, 5))
    log_in_as(phone, live_portal, mentor.user)
    status = phone.locator("[data-offline-status]")
    phone.goto(f"{live_portal}/pendampingan/")
    phone.wait_for_selector("html[data-offline-ready=true]", state="attached")

    phone.get_by_role("link", name="Catat kunjungan").click()
    phone.get_by_label("Yang hadir").fill("Ketua")
    for label in ["Omzet", "Pengeluaran", "Kas di tangan", "Saldo tabungan"]:
        phone.get_by_label(label).fill("750.000")
    phone.get_by_label("3", exact=True).check()
    # The page's own POST is not handled by the service worker, so page.route sees it.
    form_url = f"{live_portal}/pendampingan/{group.slug}/kunjungan/"
    phone.route(
        form_url,
        lambda route: (
            route.abort("internetdisconnected")
            if route.request.method == "POST"
            else route.continue_()
        ),
    )
    phone.get_by_role("button", name="Simpan kunjungan").click()

    phone.wait_for_url(f"{live_portal}/pendampingan/")
    expect(status).to_contain_text("1 kunjungan menunggu dikirim")
    assert not BookkeepingVisit.objects.exists()

    phone.unroute(form_url)
    phone.evaluate("pendampinganOffline.flush()")
    expect(status).to_have_text("Semua kunjungan sudah terkirim")
    assert BookkeepingVisit.objects.get().revenue == 750_000
