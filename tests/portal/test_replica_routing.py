"""Public pages read from the replica; everything else from the primary (portal/db_routers.py).

How the replica is made here: settings add the "replica" database, the router and the
middleware only when DATABASE_REPLICA_URL is set, which it is not in the test run, and a
settings change cannot add a database connection mid-run. So the module fixture below adds
what settings would add: the "replica" alias as a TEST MIRROR of the test database (a
second, separate connection to it, just as Django's test runner makes of a mirror), and
each test installs the router and the middleware. That settings really produce exactly
this, and nothing of it when the variable is unset, is shown in test_scaling_settings.py.

The replica's connection sees only committed rows, hence transaction=True.
"""

from contextlib import contextmanager
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import connections
from django.test.utils import CaptureQueriesContext

from ikm.models import BusinessGroup
from portal.db_routers import REPLICA, reading_public_page
from tests.factories import BusinessGroupFactory

ROUTER = "portal.db_routers.PublicPagesReplicaRouter"
MIDDLEWARE = "portal.db_routers.PublicPagesOnReplicaMiddleware"
AUTH_MIDDLEWARE = "django.contrib.auth.middleware.AuthenticationMiddleware"

both_databases = pytest.mark.django_db(transaction=True, databases=["default", REPLICA])


@pytest.fixture(scope="module")
def replica_database(django_db_setup):
    default = connections["default"].settings_dict
    connections.settings[REPLICA] = {**default, "TEST": {**default["TEST"], "MIRROR": "default"}}
    yield
    connections[REPLICA].close()
    del connections[REPLICA]
    del connections.settings[REPLICA]


@pytest.fixture
def replica(replica_database, settings):
    settings.DATABASE_ROUTERS = [ROUTER]
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(middleware.index(AUTH_MIDDLEWARE) + 1, MIDDLEWARE)
    settings.MIDDLEWARE = middleware


@contextmanager
def queries():
    """The queries each database answered inside the block, as .primary and .replica."""
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as replica,
    ):
        yield SimpleNamespace(primary=primary, replica=replica)


@pytest.fixture
def group():
    # With a photo, so that the home page features it.
    return BusinessGroupFactory(
        name="Kopi Tanah Runtuh", slug="kopi-tanah-runtuh", photo="kelompok/kopi.jpg"
    )


@both_databases
def test_public_pages_of_an_anonymous_visitor_read_from_the_replica(client, replica, group):
    name, slug = "Kopi Tanah Runtuh", "kopi-tanah-runtuh"
    pages = [
        ("/", name),
        ("/umkm/", name),
        ("/umkm/?q=kopi", name),
        ("/umkm.csv", name),
        ("/umkm.json", name),
        (f"/umkm/{slug}/", name),
        (f"/tema/{group.theme.slug}/", name),
        (f"/kelurahan/{group.kelurahan.code}/", name),
        ("/sitemap.xml", "/sitemap-umkm.xml"),
        ("/sitemap-umkm.xml", f"/umkm/{slug}/"),
    ]
    for url, expected in pages:
        cache.clear()  # the page is built, not taken from the page cache
        with queries() as answered:
            response = client.get(url)

        assert response.status_code == 200, url
        assert expected in response.content.decode(), url  # the rows came from the replica
        # The shared cache stays on the primary, like the sessions.
        records = [
            q["sql"]
            for q in answered.primary.captured_queries
            if q["sql"].startswith("SELECT") and "portal_cache" not in q["sql"]
        ]
        assert records == [], url
        assert len(answered.replica) > 0, url

    with queries() as answered:
        assert client.get("/robots.txt").status_code == 200
    assert len(answered.primary) == 0


@both_databases
def test_logged_in_users_and_staff_pages_read_from_the_primary(client, replica, group, staff_user):
    client.force_login(staff_user)
    admin_page = f"/admin/ikm/businessgroup/{group.pk}/change/"
    for url in ["/umkm/kopi-tanah-runtuh/", "/dinas/", admin_page]:
        with queries() as answered:
            response = client.get(url)

        assert response.status_code == 200, url
        assert len(answered.replica) == 0, url
        assert len(answered.primary) > 0, url


@both_databases
def test_a_log_in_and_other_posts_use_the_primary(client, replica, staff_user):
    with queries() as answered:
        response = client.post("/masuk/", {"username": "staf-uji", "password": "kata-sandi-uji"})

    assert response.status_code == 302
    assert len(answered.replica) == 0
    assert len(answered.primary) > 0


@both_databases
def test_writes_sessions_and_the_cache_stay_on_the_primary_even_on_a_public_page(replica, group):
    from django.contrib.sessions.backends.db import SessionStore

    token = reading_public_page.set(True)
    try:
        with queries() as answered:
            found = BusinessGroup.objects.get(slug=group.slug)
        assert (len(answered.primary), len(answered.replica)) == (0, 1)

        with queries() as answered:
            found.name = "Kopi Tanah Runtuh Baru"
            found.save(update_fields=["name"])
            BusinessGroup.objects.filter(pk=group.pk).update(workforce=7)
            session = SessionStore()
            session["visited"] = True
            session.save()
            assert SessionStore(session_key=session.session_key)["visited"] is True
            cache.set("angka-beranda", 41)
            assert cache.get("angka-beranda") == 41
        assert len(answered.replica) == 0
        assert len(answered.primary) > 0
    finally:
        reading_public_page.reset(token)


def test_migrations_run_on_the_primary_only():
    from portal.db_routers import PublicPagesReplicaRouter

    routing = PublicPagesReplicaRouter()
    assert routing.allow_migrate("default", "ikm", model_name="businessgroup")
    assert not routing.allow_migrate(REPLICA, "ikm", model_name="businessgroup")
    assert routing.allow_relation(object(), object())


@both_databases
def test_a_page_read_from_the_replica_soon_after_a_change_is_not_kept(
    client, replica, group, settings
):
    """The replica may not show a change yet; a page read from it then would be kept under
    the change's new version and go on hiding it. Within DATABASE_REPLICA_MAX_LAG of a
    change the page is served but not kept; after it, kept as usual."""
    url = f"/umkm/{group.slug}/"
    settings.DATABASE_REPLICA_MAX_LAG = 3600
    group.save()  # a change: a new public version begins now
    for _ in range(2):
        with queries() as answered:
            assert client.get(url).status_code == 200
        assert len(answered.replica) > 0  # built each time, never kept

    settings.DATABASE_REPLICA_MAX_LAG = 0
    client.get(url)  # built and kept
    with queries() as answered:
        assert client.get(url).status_code == 200
    assert len(answered.replica) == 0
