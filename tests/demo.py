"""Building the demo city in tests (modules set DEBUG on: the demo refuses otherwise)."""

from contextlib import contextmanager
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


@contextmanager
def rolled_back_afterwards(django_db_blocker):
    """A transaction around a class of tests, rolled back after them.

    The way Django's TestCase.setUpTestData works: data built inside it once is seen by each
    test, whose own transaction nests inside as a savepoint, so what a test changes is
    undone and the next test sees the data as built.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(scope="class")
def shared_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo city, built once for a class of tests that only read it; returns what
    load_demo printed.
    """
    media = tmp_path_factory.mktemp("demo-media")
    with rolled_back_afterwards(django_db_blocker):
        with (
            django_db_blocker.unblock(),
            override_settings(
                DEBUG=True,
                MEDIA_ROOT=media,
                PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            ),
        ):
            printed = load_demo()
        yield printed
