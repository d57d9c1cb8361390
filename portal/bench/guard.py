"""Where the bench may run: only on a database made for it, never on a city's real data.

The bench writes (its own Admin Dinas account, imports it rolls back) and loads the server
hard, so it refuses any settings but portal.bench.settings and any database that
make_bench_data did not mark as its own.
"""

from django.conf import settings
from django.db import connection

from portal.bench.data import BENCH_MARK, is_bench_database

BENCH_SETTINGS = "portal.bench.settings"


def refusal() -> str | None:
    """Why the bench must not run here, or None when it may."""
    if settings.SETTINGS_MODULE != BENCH_SETTINGS:
        return (
            f"The bench runs only with DJANGO_SETTINGS_MODULE={BENCH_SETTINGS} (use `make "
            f"bench`), not {settings.SETTINGS_MODULE}."
        )
    if not is_bench_database():
        name = connection.settings_dict["NAME"]
        return (
            f"Database {name} is not a benchmark database: make one with `make bench-data` "
            f"(a PostgreSQL database with COMMENT ON DATABASE ... IS '{BENCH_MARK}')."
        )
    return None
