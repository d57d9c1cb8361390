"""Settings for more than one web process: a shared cache, sessions in the database, and the
read replica only when DATABASE_REPLICA_URL is set. Each case loads the settings in a fresh
process with its own environment, as a server would.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
PRINT_SETTINGS = """
import json
import django
from django.conf import settings
django.setup()
print(json.dumps({
    "caches": settings.CACHES,
    "session_engine": settings.SESSION_ENGINE,
    "databases": settings.DATABASES,
    "routers": settings.DATABASE_ROUTERS,
    "middleware": settings.MIDDLEWARE,
}, default=str))
"""
AUTH_MIDDLEWARE = "django.contrib.auth.middleware.AuthenticationMiddleware"
REPLICA_MIDDLEWARE = "portal.db_routers.PublicPagesOnReplicaMiddleware"


def _settings(**variables) -> subprocess.CompletedProcess:
    environment = {
        **{k: v for k, v in os.environ.items() if k not in ("CACHE_URL", "DATABASE_REPLICA_URL")},
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        **variables,
    }
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def settings_with(**variables) -> dict:
    result = _settings(**variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_by_default_the_cache_is_a_database_table_and_sessions_are_rows_read_through_it():
    loaded = settings_with()

    assert loaded["caches"] == {
        "default": {
            "BACKEND": "portal.cache_backend.SharedDatabaseCache",
            "LOCATION": "portal_cache",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }
    assert loaded["session_engine"] == "django.contrib.sessions.backends.cached_db"


def test_a_redis_cache_url_uses_djangos_redis_backend():
    loaded = settings_with(CACHE_URL="redis://cache.internal:6379/2")

    assert loaded["caches"]["default"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://cache.internal:6379/2",
    }


@pytest.mark.parametrize("url", ["locmemcache://", "filecache:///tmp/portal-cache", "kopi://x"])
def test_a_cache_other_processes_cannot_see_is_refused(url):
    result = _settings(CACHE_URL=url)

    assert result.returncode != 0
    assert "CACHE_URL must be dbcache://<table> or redis://" in result.stderr


def test_without_a_replica_url_there_is_one_database_and_no_routing():
    loaded = settings_with()

    assert list(loaded["databases"]) == ["default"]
    assert loaded["routers"] == []
    assert REPLICA_MIDDLEWARE not in loaded["middleware"]


def test_a_replica_url_adds_the_replica_its_router_and_middleware():
    loaded = settings_with(
        DATABASE_REPLICA_URL="postgres://pembaca:rahasia@replika.internal:5432/portal",
        CONN_MAX_AGE="30",
    )

    replica = loaded["databases"]["replica"]
    assert (replica["HOST"], replica["NAME"], replica["USER"]) == (
        "replika.internal",
        "portal",
        "pembaca",
    )
    assert replica["CONN_MAX_AGE"] == loaded["databases"]["default"]["CONN_MAX_AGE"] == 30
    assert replica["CONN_HEALTH_CHECKS"] is True
    assert replica["TEST"]["MIRROR"] == "default"
    assert loaded["routers"] == ["portal.db_routers.PublicPagesReplicaRouter"]
    middleware = loaded["middleware"]
    assert middleware.index(REPLICA_MIDDLEWARE) == middleware.index(AUTH_MIDDLEWARE) + 1
