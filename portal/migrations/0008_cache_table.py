from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import BaseDatabaseCache
from django.core.management import call_command
from django.db import migrations


def cache_table_create(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def cache_table_drop(apps, schema_editor):
    for alias in settings.CACHES:
        cache = caches[alias]
        if isinstance(cache, BaseDatabaseCache):
            table = schema_editor.quote_name(cache._table)
            schema_editor.execute(f"DROP TABLE IF EXISTS {table}")


class Migration(migrations.Migration):
    """The table of the database cache (CACHE_URL dbcache://portal_cache, the default), so
    that every web process shares one cache without a manual createcachetable. Nothing is
    made when CACHE_URL names Redis; switching to the database cache later needs
    `manage.py createcachetable` once.
    """

    dependencies = [("portal", "0007_roles_for_history")]

    operations = [migrations.RunPython(cache_table_create, cache_table_drop)]
