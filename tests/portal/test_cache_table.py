"""The database cache's table comes with the migrations: no manual createcachetable."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection


def cache_table_exists() -> bool:
    return "portal_cache" in connection.introspection.table_names()


@pytest.mark.django_db(transaction=True)
def test_migration_0008_makes_the_cache_table_and_its_reverse_drops_it():
    call_command("migrate", "portal", "0007", verbosity=0)
    assert not cache_table_exists()

    call_command("migrate", "portal", verbosity=0)

    assert cache_table_exists()
    cache.set("kelompok-aktif", 22)
    assert cache.get("kelompok-aktif") == 22
