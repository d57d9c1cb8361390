"""Repeated failed log-ins lock the account and the address for a while (django-axes)."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone

from portal import roles
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "kata-sandi-benar-123"


@pytest.fixture
def officer():
    user = UserFactory(username="petugas", role=roles.DINAS_STAFF)
    user.set_password(PASSWORD)
    user.save()
    return user


def _log_in(client, username, password, address="10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def _fail(client, times, username="petugas", address="10.0.0.1"):
    """Fail `times` times; the fifth failure is the one that locks."""
    codes = [_log_in(client, username, "salah", address).status_code for _ in range(times)]
    assert codes == [200] * min(times, 4) + [429] * max(times - 4, 0)


def test_the_right_password_after_four_failures_still_logs_in(client, settings, officer):
    _fail(client, settings.AXES_FAILURE_LIMIT - 1)

    response = _log_in(client, "petugas", PASSWORD)

    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()  # a success forgets the failures


def test_five_failures_lock_the_account_even_with_the_right_password(client, officer):
    _fail(client, 5)

    response = _log_in(client, "petugas", PASSWORD, address="10.9.9.9")

    assert response.status_code == 429
    text = response.content.decode()
    assert "Terlalu banyak percobaan masuk" in text
    assert "dikunci selama 15 menit" in text
    assert "_auth_user_id" not in client.session


def test_five_failures_lock_the_address_for_other_accounts_too(client, officer):
    other = UserFactory(username="petugas2", role=roles.DINAS_STAFF)
    other.set_password(PASSWORD)
    other.save()
    for attempt in range(5):
        _log_in(client, f"tebakan{attempt}", "salah")

    assert _log_in(client, "petugas2", PASSWORD).status_code == 429
    assert _log_in(client, "petugas2", PASSWORD, address="10.0.0.2").status_code == 302


def test_the_lock_ends_after_the_cool_off(client, officer):
    _fail(client, 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))

    assert _log_in(client, "petugas", PASSWORD).status_code == 302


def test_the_admin_log_in_is_throttled_too(client, officer):
    _fail(client, 5)

    response = client.post(
        reverse("admin:login"),
        {"username": "petugas", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.3",
    )

    assert response.status_code == 429
