"""The database cache's write: one statement, the table counted now and then, culled when full."""

import datetime

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.cache_backend import SharedDatabaseCache

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_cache(settings):
    config = settings.CACHES["default"]
    settings.CACHES = {"default": {**config, "OPTIONS": {"MAX_ENTRIES": 20, "CULL_FREQUENCY": 2}}}
    cache = caches["default"]
    assert isinstance(cache, SharedDatabaseCache)
    cache.clear()
    return cache


def test_set_writes_and_replaces_in_one_statement(small_cache, monkeypatch):
    monkeypatch.setattr("portal.cache_backend.CULL_CHECK_EVERY", 10**9)
    with CaptureQueriesContext(connection) as queries:
        small_cache.set("halaman", ("v1", b"\x00isi", "text/html"))
        small_cache.set("halaman", {"kelompok": 22})
    assert [q["sql"].split()[0] for q in queries.captured_queries] == ["INSERT", "INSERT"]
    assert small_cache.get("halaman") == {"kelompok": 22}


def test_timeouts_are_kept(small_cache):
    small_cache.set("selamanya", 1, timeout=None)
    small_cache.set("sebentar", 2, timeout=60)
    small_cache.set("lewat", 3, timeout=-1)
    kept = small_cache.get_many(["selamanya", "sebentar", "lewat"])
    assert kept == {"selamanya": 1, "sebentar": 2}
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key, expires FROM portal_cache")
        expires = dict(cursor.fetchall())
    assert str(expires[":1:selamanya"]).startswith("9999-12-31")


def test_add_and_touch_are_djangos(small_cache):
    assert small_cache.add("versi", "a")
    assert not small_cache.add("versi", "b")
    assert small_cache.touch("versi", 30)
    assert small_cache.get("versi") == "a"


def test_a_full_table_is_culled_when_counted(small_cache, monkeypatch):
    def rows() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM portal_cache")
            return cursor.fetchone()[0]

    monkeypatch.setattr("portal.cache_backend.CULL_CHECK_EVERY", 10**9)
    for n in range(30):
        small_cache.set(f"halaman-{n:02d}", n)
    assert rows() == 30  # not counted, not culled: over MAX_ENTRIES for a while

    monkeypatch.setattr("portal.cache_backend.CULL_CHECK_EVERY", 1)
    small_cache.set("halaman-baru", "x")
    assert rows() < 20
    assert small_cache.get("halaman-baru") == "x"


def test_expired_rows_go_first(small_cache, monkeypatch):
    monkeypatch.setattr("portal.cache_backend.CULL_CHECK_EVERY", 10**9)
    live = [f"a-{n:02d}" for n in range(6)]  # first in key order, which culling drops first
    for key in live:
        small_cache.set(key, key, timeout=60)
    for n in range(15):
        small_cache.set(f"z-{n:02d}", n, timeout=-1)
    monkeypatch.setattr("portal.cache_backend.CULL_CHECK_EVERY", 1)
    small_cache.set("baru", "x", timeout=datetime.timedelta(minutes=5).total_seconds())
    assert small_cache.get_many(live) == {key: key for key in live}
