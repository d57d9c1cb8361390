import time

import psycopg2
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError, connection

from portal.bench.data import (
    BenchSize,
    NotABenchDatabase,
    bench_database_claim,
    make_bench_data,
)


def _database_create_if_missing() -> None:
    """Create the database named in DATABASE_URL when the server does not have it yet."""
    try:
        connection.ensure_connection()
        return
    except OperationalError as error:
        if "does not exist" not in str(error):
            raise
    settings = connection.settings_dict
    server = psycopg2.connect(
        dbname="postgres",
        user=settings["USER"],
        password=settings["PASSWORD"],
        host=settings["HOST"],
        port=settings["PORT"] or None,
    )
    server.autocommit = True
    with server.cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(settings['NAME'])}")
    server.close()


class Command(BaseCommand):
    help = (
        "Fill an empty PostgreSQL database (DATABASE_URL) with a benchmark province: Jawa "
        "Tengah's areas, 100,000 groups and what hangs on them. Refuses a database that "
        "holds other data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--groups", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=33)

    def handle(self, *args, groups, seed, **options):
        if connection.vendor != "postgresql":
            raise CommandError("The benchmark data needs PostgreSQL: set DATABASE_URL.")
        _database_create_if_missing()
        try:
            if "ikm_businessgroup" in connection.introspection.table_names():
                bench_database_claim()  # before migrate touches somebody else's tables
            call_command("migrate", verbosity=0)
            started = time.monotonic()
            make_bench_data(BenchSize.for_groups(groups), seed=seed, log=self.stdout.write)
        except NotABenchDatabase as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(f"Benchmark data ready in {time.monotonic() - started:.0f} s.")
        )
