import os

import pytest
from django.db import connection
from pytest_django.plugin import blocking_manager_key

from portal import roles
from tests.factories import UserFactory

# Shared fixtures kept beside their helpers.
pytest_plugins = ["tests.demo"]


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` skip on SQLite, unless REQUIRE_POSTGRES says they must run."""
    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        return
    if os.environ.get("REQUIRE_POSTGRES"):
        raise pytest.UsageError("REQUIRE_POSTGRES is set but DATABASE_URL is not PostgreSQL.")
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session", autouse=True)
def _postgres_really_used(django_db_setup, django_db_blocker):
    """With REQUIRE_POSTGRES, make sure the suite did not silently fall back to SQLite."""
    if os.environ.get("REQUIRE_POSTGRES"):
        assert connection.vendor == "postgresql", connection.vendor


@pytest.fixture(scope="session", autouse=True)
def _test_database_free_to_drop(django_db_setup, django_db_blocker):
    """Ends the other sessions on the PostgreSQL test database before it is dropped.

    A worker that ran browser tests and then others was left with a second session, idle
    after a ROLLBACK, from the first test after the browser tests to the end; most likely
    a connection object put aside under Playwright, which gives test code another one
    than the run's (see _migration_data_restore). PostgreSQL then refused to drop the test
    database ("being accessed by other users"): a warning in three runs of seven.
    """
    yield
    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


def _migration_data_restore() -> None:
    """Roles and KBLI, which migrations make and a flushing test (transaction=True) deletes.

    Such tests empty every table after they run, and Django's serialized rollback cannot
    restore it under Playwright (its greenlets give the test another connection object
    than the one the test database was serialized on). So the data is made again, cheaply,
    before the next test of the same worker.
    """
    from django.apps import apps

    from ikm.services import kbli_load

    roles.roles_sync(apps)
    kbli_load()


_flushed = False


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    global _flushed
    if _flushed:
        with item.config.stash[blocking_manager_key].unblock():
            _migration_data_restore()
        _flushed = False


_ran = pytest.StashKey[bool]()


def pytest_runtest_call(item):
    # Called only when the set-up went through: a test skipped before its database was set
    # up flushed nothing.
    item.stash[_ran] = True


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item, nextitem):
    global _flushed
    marker = item.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction") and item.stash.get(_ran, False):
        _flushed = True


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploads, demo photos and thumbnails go to a fresh folder, never the project's media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _cache_never_counted(monkeypatch):
    """The shared cache counts its table on one write in a hundred, at random: tests that
    compare query counts would fail now and then. Tests of the counting set it themselves."""
    monkeypatch.setattr("portal.cache_backend.CULL_CHECK_EVERY", 10**9)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """PBKDF2 is slow on purpose; tests that make many users need not pay for it."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def staff_user(db):
    return UserFactory(username="staf-uji", role=roles.DINAS_STAFF)


@pytest.fixture
def admin_user_dinas(db):
    return UserFactory(username="admin-uji", role=roles.DINAS_ADMIN)


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client
