"""The server side of offline visits: the service worker, the script on the mentor pages, and
the requests the phone's queue makes (static/financing/offline.js)."""

import uuid
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from financing.models import BookkeepingVisit
from financing.services import mentor_assign
from tests.factories import BusinessGroupFactory
from tests.financing.test_mentor_views import _visit_post

pytestmark = pytest.mark.django_db


def test_service_worker_is_javascript_that_is_never_cached(client):
    response = client.get(reverse("financing:service_worker"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Cache-Control"] == "no-cache"
    # Served from /pendampingan/ so that its scope covers the mentor pages.
    assert reverse("financing:service_worker") == "/pendampingan/sw.js"
    assert b"addEventListener('fetch'" in response.content


def test_service_worker_is_only_fetched(client):
    assert client.post(reverse("financing:service_worker")).status_code == 405


@pytest.mark.parametrize(
    "name", ["financing:my_groups", "financing:group", "financing:visit_create"]
)
def test_mentor_pages_load_the_offline_script_and_status(client, mentor, group, name):
    client.force_login(mentor.user)
    args = [] if name == "financing:my_groups" else [group.slug]

    page = client.get(reverse(name, args=args)).content.decode()

    assert "financing/offline.js" in page
    assert 'data-sw="/pendampingan/sw.js"' in page
    assert 'data-offline-status aria-live="polite"' in page
    assert "<script>" not in page  # no inline script: the CSP will forbid it
    # Only Kelompok saya asks for its groups' pages to be kept on the phone.
    assert ("data-precache" in page) == (name == "financing:my_groups")


def test_public_pages_do_not_load_the_offline_script(client):
    assert "offline.js" not in client.get(reverse("home")).content.decode()


def test_visit_form_says_a_photo_cannot_be_sent_offline(client, mentor, group):
    client.force_login(mentor.user)

    page = client.get(reverse("financing:visit_create", args=[group.slug])).content.decode()

    assert 'data-group-name="IKM Kopi Besusu"' in page
    assert "foto tidak dapat dikirim" in page
    assert "data-bound" not in page  # a fresh form: the script gives it a new key


def test_a_form_sent_back_with_errors_keeps_its_key(client, mentor, group):
    """The page's script keeps the key of a bound form, so a corrected visit is one visit."""
    client.force_login(mentor.user)
    data = _visit_post(revenue="banyak")

    page = client.post(reverse("financing:visit_create", args=[group.slug]), data)

    assert "data-bound" in page.content.decode()
    assert f'value="{data["idempotency_key"]}"' in page.content.decode()


def _queue_post(client, url, data):
    """A request as the offline queue sends it: the token from the cookie, asking for JSON."""
    token = client.cookies["csrftoken"].value
    return client.post(
        url,
        data | {"csrfmiddlewaretoken": token},
        headers={"accept": "application/json", "x-csrftoken": token},
    )


def test_queued_visit_passes_csrf_and_a_retry_after_a_lost_answer_is_one_visit(mentor, group):
    client = Client(enforce_csrf_checks=True)
    client.force_login(mentor.user)
    url = reverse("financing:visit_create", args=[group.slug])
    client.get(url)  # the page that was kept on the phone set the CSRF cookie
    data = _visit_post()

    first = _queue_post(client, url, data)
    retry = _queue_post(client, url, data)

    assert first.status_code == retry.status_code == 200
    assert first.json()["created"] is True
    assert retry.json()["created"] is False
    assert BookkeepingVisit.objects.get().revenue == 1_500_000


def test_queued_visit_with_a_token_from_an_older_page_still_passes(mentor, group):
    """The queue sends the cookie's token, not the one in the kept page's form."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(mentor.user)
    url = reverse("financing:visit_create", args=[group.slug])
    client.get(url)
    stale = "x" * 64

    response = _queue_post(client, url, _visit_post(csrfmiddlewaretoken=stale))

    assert response.json()["saved"] is True


def test_queued_visit_without_the_csrf_token_is_refused(mentor, group):
    client = Client(enforce_csrf_checks=True)
    client.force_login(mentor.user)
    url = reverse("financing:visit_create", args=[group.slug])

    response = client.post(url, _visit_post(), headers={"accept": "application/json"})

    assert response.status_code == 403
    assert not BookkeepingVisit.objects.exists()


def test_a_visit_the_server_cannot_take_is_refused_as_json(client, mentor, group):
    """The phone keeps such an entry and shows its errors (here: its key is another group's)."""
    second = BusinessGroupFactory(name="IKM Bawang Goreng", slug="bawang-goreng")
    mentor_assign(group=second, mentor=mentor, by=None, started_on=date(2026, 1, 5))
    client.force_login(mentor.user)
    key = uuid.uuid4()
    accept = {"accept": "application/json"}
    client.post(
        reverse("financing:visit_create", args=[group.slug]), _visit_post(key), headers=accept
    )

    response = client.post(
        reverse("financing:visit_create", args=[second.slug]), _visit_post(key), headers=accept
    )

    assert response.status_code == 400
    assert response.json()["saved"] is False
    assert response.json()["errors"]["__all__"]
    assert BookkeepingVisit.objects.count() == 1


def test_a_queued_visit_after_the_session_ended_goes_to_login(client, mentor, group):
    """The queue recognises this answer (a redirect) and asks the mentor to log in again."""
    url = reverse("financing:visit_create", args=[group.slug])

    response = client.post(url, _visit_post(), headers={"accept": "application/json"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not BookkeepingVisit.objects.exists()
