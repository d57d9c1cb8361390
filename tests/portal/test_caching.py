"""Public pages cached for visitors, and never stale after a change."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.caching import (
    ALL,
    PUBLIC,
    cached_figures,
    cached_for_visitors,
    data_changed,
    data_version,
)
from tests.factories import BookkeepingVisitFactory, BusinessGroupFactory, ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    return BusinessGroupFactory(name="Kopi Lereng Muria")


def _profile(client, group):
    return client.get(reverse("ikm:profile", args=[group.slug])).content.decode()


def test_a_second_visitor_gets_the_page_from_the_cache(client, group, django_assert_num_queries):
    first = _profile(client, group)
    # One cache read (the version and the page together) instead of the page's queries.
    with django_assert_num_queries(1):
        second = _profile(client, group)
    assert second == first


def test_a_change_to_a_group_is_seen_at_once(client, group):
    _profile(client, group)
    group.name = "Kopi Lereng Muria Jaya"
    group.save()
    assert "Kopi Lereng Muria Jaya" in _profile(client, group)


def test_a_new_product_is_seen_at_once(client, group):
    _profile(client, group)
    ProductFactory(group=group, name="Kopi Jahe Sachet")
    assert "Kopi Jahe Sachet" in _profile(client, group)


def test_a_deleted_group_is_gone_at_once(client, group):
    _profile(client, group)
    slug = group.slug
    group.delete()
    assert client.get(reverse("ikm:profile", args=[slug])).status_code == 404


def test_records_the_public_does_not_see_leave_public_pages_cached(group):
    public, everything = data_version(PUBLIC), data_version(ALL)
    visit = BookkeepingVisitFactory(assignment__group=group)  # not on public pages
    assert data_version(PUBLIC) == public
    assert data_version(ALL) != everything
    everything = data_version(ALL)
    visit.delete()
    assert data_version(ALL) != everything
    data_changed(public=True)
    assert data_version(PUBLIC) != public


def test_the_version_moves_again_when_the_transaction_commits(
    django_capture_on_commit_callbacks, group
):
    with django_capture_on_commit_callbacks() as callbacks:
        group.save()
        during = data_version(PUBLIC)
    for callback in callbacks:
        callback()
    # A page built by another request before the commit may sit under `during`.
    assert data_version(PUBLIC) != during


def test_a_lost_version_is_replaced_by_a_new_one_never_reused(client, group):
    before = data_version(PUBLIC)
    cache.clear()
    assert data_version(PUBLIC) != before


def test_logged_in_users_never_get_the_visitors_copy(client, group, staff_user):
    _profile(client, group)
    client.force_login(staff_user)
    page = _profile(client, group)
    assert reverse("logout") in page and reverse("login") not in page


def test_cached_public_pages_carry_no_csrf_token(client, group):
    for url in ["/", reverse("ikm:directory"), reverse("ikm:profile", args=[group.slug])]:
        client.get(url)
        assert "csrfmiddlewaretoken" not in client.get(url).content.decode()
        assert "csrftoken" not in client.cookies


def test_each_language_has_its_own_copy(client, group):
    _profile(client, group)
    client.get(reverse("language"), {"language": "en", "next": "/"})
    assert '<html lang="en">' in _profile(client, group)


def test_a_full_database_cache_drops_pages_not_the_versions(settings, monkeypatch):
    from django.core.cache import caches

    monkeypatch.setattr("portal.cache_backend.CULL_CHECK_EVERY", 1)
    config = settings.CACHES["default"]
    assert config["BACKEND"] == "portal.cache_backend.SharedDatabaseCache"
    assert config["OPTIONS"]["MAX_ENTRIES"] == 100_000  # not Django's 300
    settings.CACHES = {"default": {**config, "OPTIONS": {"MAX_ENTRIES": 30, "CULL_FREQUENCY": 2}}}
    small = caches["default"]
    versions = data_version(PUBLIC), data_version(ALL)
    kinds = ("page:id", "user-page", "figures")
    for n in range(90):
        small.set(f"portal:{kinds[n % 3]}:{n:064x}", "halaman")

    kept = [n for n in range(90) if small.get(f"portal:{kinds[n % 3]}:{n:064x}") is not None]
    assert len(kept) < 90  # culled
    assert (data_version(PUBLIC), data_version(ALL)) == versions


def test_a_page_built_asks_for_the_data_version_once(client, group):
    # The directory's three lists are kept figures: each looked its version up again.
    search = {"q": "kopi", "kecamatan": group.kelurahan.kecamatan_id, "tema": group.theme.slug}
    with CaptureQueriesContext(connection) as answered:
        response = client.get(reverse("ikm:directory"), search)
    assert group.name in response.content.decode()
    version_reads = [q for q in answered.captured_queries if "zversion" in q["sql"]]
    assert len(version_reads) == 1


def test_figures_read_after_a_change_in_the_same_page_are_the_new_ones(rf):
    def page():
        before = cached_figures("uji", (), lambda: "sebelum")
        data_changed()
        after = cached_figures("uji", (), lambda: "sesudah")
        return HttpResponse(f"{before} {after}")

    response = cached_for_visitors(lambda request: page())(rf.get("/uji/"))

    assert response.content == b"sebelum sesudah"
