"""Production settings: check --deploy is clean, and missing secrets stop the start."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "Zq8w-9bLr3x_Vn2T0pKc7yHs4uGd1mEa5fJt6iWo8QzRxY3vN-7bUc2kLp9sD4hF0",
    "DATABASE_URL": "sqlite:////tmp/portal-deploy-check.sqlite3",
    "ALLOWED_HOSTS": "umkm.palukota.go.id",
}


def _manage(*args, env):
    # The browser tests allow async-unsafe calls in this process; a server never would.
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=base | env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL"])
def test_production_refuses_to_start_without(missing):
    env = PRODUCTION | {missing: ""}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert f"{missing} must be set when DEBUG is off" in result.stderr


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgres_connections_do_not_compile_queries():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)


def test_jit_is_turned_off_beside_options_of_the_url():
    from portal.settings import without_jit

    config = {"ENGINE": "django.db.backends.postgresql", "OPTIONS": {"options": "-c a=b"}}
    assert without_jit(config)["OPTIONS"]["options"] == "-c a=b -c jit=off"
    sqlite = {"ENGINE": "django.db.backends.sqlite3"}
    assert without_jit(dict(sqlite)) == sqlite
