import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from financing.models import BookkeepingVisit, CreditApplication
from financing.services import mentor_assign, visit_log
from tests.factories import BookkeepingVisitFactory, BusinessGroupFactory

pytestmark = pytest.mark.django_db


def _visit_post(key=None, **overrides):
    data = {
        "idempotency_key": str(key or uuid.uuid4()),
        "visited_on": timezone.localdate().isoformat(),
        "duration_minutes": "75",
        "attendees": "Ketua, bendahara, 4 anggota",
        "topics": "Buku kas dan nota",
        "cash_book_kept": "on",
        "receipts_kept": "on",
        "revenue": "1.500.000",
        "expenses": "900000",
        "cash_on_hand": "Rp 250.000",
        "savings_balance": "1,2 juta",
        "seriousness": "4",
        "notes": "",
        "next_steps": "Pisahkan uang usaha",
    }
    return data | overrides


def test_my_groups_lists_overdue_first(client, mentor, group, other_group):
    visited = BusinessGroupFactory(name="AAA Dikunjungi", slug="dikunjungi")
    assignment = mentor_assign(
        group=visited,
        mentor=mentor,
        by=None,
        started_on=timezone.localdate() - timedelta(days=60),
    )
    visit_log(
        assignment=assignment,
        data={
            "visited_on": timezone.localdate() - timedelta(days=3),
            "duration_minutes": 60,
            "attendees": "Ketua",
            "revenue": 1,
            "expenses": 1,
            "cash_on_hand": 1,
            "savings_balance": 1,
            "seriousness": 3,
        },
        idempotency_key=uuid.uuid4(),
        by=mentor.user,
    )
    client.force_login(mentor.user)

    response = client.get(reverse("financing:my_groups"))

    names = [a.group.name for a in response.context["assignments"]]
    assert names == ["IKM Kopi Besusu", "AAA Dikunjungi"]  # the other mentor's group is absent
    assert response.context["overdue_count"] == 1
    assert "Perlu dikunjungi" in response.content.decode()


def test_a_mentor_logs_a_visit_with_rupiah_typed_as_people_do(client, mentor, group):
    client.force_login(mentor.user)
    url = reverse("financing:visit_create", args=[group.slug])

    response = client.post(url, _visit_post())

    assert response.status_code == 302
    visit = BookkeepingVisit.objects.get()
    assert (visit.revenue, visit.expenses, visit.cash_on_hand, visit.savings_balance) == (
        1_500_000,
        900_000,
        250_000,
        1_200_000,
    )
    assert visit.cash_book_kept and not visit.stock_recorded
    assert visit.created_by == mentor.user
    page = client.get(reverse("financing:group", args=[group.slug])).content.decode()
    assert "Rp 1.500.000" in page


def test_double_submit_creates_one_visit(client, mentor, group):
    client.force_login(mentor.user)
    url = reverse("financing:visit_create", args=[group.slug])
    data = _visit_post()
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert BookkeepingVisit.objects.count() == 1


def test_offline_queue_gets_json_and_retries_are_idempotent(client, mentor, group):
    client.force_login(mentor.user)
    url = reverse("financing:visit_create", args=[group.slug])
    data = _visit_post()
    first = client.post(url, data, headers={"accept": "application/json"})
    again = client.post(url, data, headers={"accept": "application/json"})
    assert first.json()["created"] is True
    assert again.json() == {"saved": True, "created": False, "url": first.json()["url"]}
    bad = client.post(url, _visit_post(revenue="banyak"), headers={"accept": "application/json"})
    assert bad.status_code == 400
    assert "revenue" in bad.json()["errors"]


def test_an_error_keeps_everything_typed_and_says_what_is_wrong(client, mentor, group):
    client.force_login(mentor.user)
    data = _visit_post(revenue="satu juta", seriousness="")
    response = client.post(reverse("financing:visit_create", args=[group.slug]), data)

    assert response.status_code == 400
    content = response.content.decode()
    assert "bukan jumlah Rupiah" in content
    assert 'value="satu juta"' in content
    assert 'value="Ketua, bendahara, 4 anggota"' in content
    assert f'value="{data["idempotency_key"]}"' in content
    assert not BookkeepingVisit.objects.exists()


def test_the_form_starts_from_the_last_visit(client, mentor, group):
    client.force_login(mentor.user)
    url = reverse("financing:visit_create", args=[group.slug])
    client.post(url, _visit_post(revenue="2.750.000", stock_recorded="on"))

    form = client.get(url).context["form"]

    assert form.initial["revenue"] == 2_750_000
    assert form.initial["stock_recorded"] is True
    assert 'value="2.750.000"' in client.get(url).content.decode()
    assert form.initial["idempotency_key"] != BookkeepingVisit.objects.get().idempotency_key


def test_another_mentors_group_is_404(client, mentor, other_group):
    client.force_login(mentor.user)
    for name in ["financing:group", "financing:visit_create", "financing:credit_propose"]:
        assert client.get(reverse(name, args=[other_group.slug])).status_code == 404


def test_mentor_proposes_credit_and_the_supervisor_decides(client, mentor, supervisor, group, kur):
    client.force_login(mentor.user)
    response = client.post(
        reverse("financing:credit_propose", args=[group.slug]),
        {
            "scheme": kur.pk,
            "amount_requested": "15.000.000",
            "tenor_months": "24",
            "purpose": "Mesin sangrai",
        },
    )
    assert response.status_code == 302
    application = CreditApplication.objects.get()
    assert application.lender == mentor.lender
    assert application.amount_requested == 15_000_000

    client.force_login(supervisor.user)
    overview = client.get(reverse("financing:lender"))
    assert application in overview.context["pending"]
    url = reverse("financing:application", args=[application.pk])
    response = client.post(url, {"status": "disetujui", "amount_approved": "12.000.000"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "disetujui"
    assert application.amount_approved == 12_000_000
    assert application.decided_by == supervisor.user

    client.force_login(mentor.user)
    assert client.post(url, {"status": "dicairkan"}).status_code == 403


def test_dinas_assigns_mentors_in_bulk_and_sees_coverage(client, staff_user, mentor, group):
    free = [BusinessGroupFactory(name=f"Tanpa Mentor {n}") for n in range(3)]
    client.force_login(staff_user)
    page = client.get(reverse("financing:coverage"))
    assert set(page.context["page_obj"]) == set(free)
    assert "Kopi Besusu" in page.content.decode()  # overdue: never visited

    response = client.post(
        reverse("financing:coverage"),
        {"mentor": mentor.pk, "groups": [free[0].pk, free[1].pk]},
    )
    assert response.status_code == 302
    assert list(client.get(reverse("financing:coverage")).context["page_obj"]) == [free[2]]


def test_kelompok_saya_is_kept_until_a_record_changes(client, mentor, group):
    client.force_login(mentor.user)
    url = reverse("financing:my_groups")
    client.get(url)  # the browser gets its CSRF cookie
    client.get(url)
    assert client.get(url).context is None  # from the cache
    BookkeepingVisitFactory(
        assignment=group.mentor_assignments.get(), visited_on=timezone.localdate()
    )
    response = client.get(url)
    assert response.context is not None  # built again
    assert response.context["overdue_count"] == 0
