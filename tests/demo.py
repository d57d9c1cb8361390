"""Building the demo city in tests (modules set DEBUG on: the demo refuses otherwise)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings


def load_demo() -> str:
    """Run load_demo and return what it printed."""
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="class")
def shared_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo city, built once for a class of tests that only read it.

    Built inside a transaction that is rolled back after the class, the way Django's
    TestCase.setUpTestData works: each test's own transaction nests inside it as a
    savepoint, so what a test changes is undone and the next test sees the city as built.
    Returns what load_demo printed.
    """
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with override_settings(
                DEBUG=True,
                MEDIA_ROOT=media,
                PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            ):
                printed = load_demo()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield printed
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)
