"""Sessions are rows of django_session read through the shared cache (cached_db)."""

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.urls import reverse

from tests.factories import UserFactory


@pytest.mark.django_db
def test_a_session_is_read_from_its_row_when_the_cache_lost_it(client):
    user = UserFactory()
    client.force_login(user)
    cache.clear()

    response = client.get(reverse("landing"))

    assert response.wsgi_request.user == user
    assert Session.objects.filter(session_key=client.session.session_key).exists()


@pytest.mark.django_db
def test_a_log_out_ends_the_session_in_the_cache_and_in_its_row(client):
    client.force_login(UserFactory())
    session_key = client.session.session_key

    client.post(reverse("logout"))
    client.cookies["sessionid"] = session_key  # the old cookie, kept by a browser

    assert not Session.objects.filter(session_key=session_key).exists()
    assert not client.get(reverse("landing")).wsgi_request.user.is_authenticated
