"""A 10,000-row import of groups: the portal's importer against a stock django-import-export
resource importing the same file row by row, the way the library does by default.

Both read one CSV in the portal's own import format (sheet Kelompok, its headers), with
values both accept unchanged: phones already as +62…, dates as ISO, "1" for yes. Each import
runs inside a transaction that is rolled back once the clock has stopped, and the stored
upload is deleted, so the benchmark database is left as it was.
"""

import csv
import io
import time
from collections.abc import Callable
from dataclasses import dataclass

import tablib
from django.core.files.base import ContentFile
from django.db import connection, transaction
from import_export import fields, resources, widgets

from ikm.imports.columns import KELOMPOK
from ikm.models import BusinessGroup, ImportJob, ImportRow, Theme
from ikm.services import group_slug_for
from ikm.services.imports import import_job_confirm, import_job_start, import_job_validate_all
from kelurahan.models import Kelurahan
from kelurahan.services import KelurahanIndex
from portal.bench.pages import BenchError
from portal.bench.report import Row, Target

IMPORT_TARGET = Target(10, at_most=False)  # at least 10 times the stock import's rows/s
WARM_UP_ROWS = 200

HEADERS = [
    "Nama Kelompok",
    "Jenis",
    "Kelurahan",
    "Tema",
    "Alamat",
    "Telepon",
    "WhatsApp",
    "Tanggal Berdiri",
    "Jumlah Tenaga Kerja",
    "Deskripsi",
    "Setuju Tampil Publik",
]


class _RollBack(Exception):
    """Raised at the end of a measured import to undo everything it wrote."""


def groups_csv(*, rows: int, label: str) -> bytes:
    """`rows` new groups with names unique to `label`, in kelurahan the importer accepts."""
    kelurahan = sorted(KelurahanIndex().by_code)
    themes = list(Theme.objects.order_by("name").values_list("name", flat=True))
    if not kelurahan or not themes:
        raise BenchError("The import needs kelurahan of settings.CITY_CODE and themes.")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for n in range(rows):
        theme = themes[n % len(themes)]
        writer.writerow(
            [
                f"Kelompok Bench {label} {n:05d}",
                "ikm",
                kelurahan[(n * 7919) % len(kelurahan)],  # spread over the area
                theme,
                f"Jl. Bench No. {n % 200 + 1}",
                f"+62812{n:08d}",
                f"+62813{n:08d}",
                f"{2010 + n % 15}-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
                str(n % 20 + 1),
                f"Kelompok usaha {theme.lower()} nomor {n}, dibentuk warga sekitar.",
                "1",
            ]
        )
    return out.getvalue().encode("utf-8")


class StockGroupResource(resources.ModelResource):
    """django-import-export as documented: columns mapped by header, foreign keys by a
    natural key, one row saved at a time (use_bulk off, the library's default)."""

    name = fields.Field(attribute="name", column_name="Nama Kelompok")
    kind = fields.Field(attribute="kind", column_name="Jenis")
    kelurahan = fields.Field(
        attribute="kelurahan",
        column_name="Kelurahan",
        widget=widgets.ForeignKeyWidget(Kelurahan, field="code"),
    )
    theme = fields.Field(
        attribute="theme", column_name="Tema", widget=widgets.ForeignKeyWidget(Theme, field="name")
    )
    address = fields.Field(attribute="address", column_name="Alamat")
    phone = fields.Field(attribute="phone", column_name="Telepon")
    whatsapp = fields.Field(attribute="whatsapp", column_name="WhatsApp")
    founded_on = fields.Field(
        attribute="founded_on", column_name="Tanggal Berdiri", widget=widgets.DateWidget()
    )
    workforce = fields.Field(
        attribute="workforce", column_name="Jumlah Tenaga Kerja", widget=widgets.IntegerWidget()
    )
    description = fields.Field(attribute="description", column_name="Deskripsi")
    listed_publicly = fields.Field(
        attribute="listed_publicly",
        column_name="Setuju Tampil Publik",
        widget=widgets.BooleanWidget(),
    )
    slug = fields.Field(attribute="slug", column_name="slug")

    class Meta:
        model = BusinessGroup
        fields = [
            "id", "name", "kind", "kelurahan", "theme", "address", "phone", "whatsapp",
            "founded_on", "workforce", "description", "listed_publicly", "slug",
        ]  # fmt: skip
        use_bulk = False

    def before_import_row(self, row, **kwargs):
        # The file has no slug: made from the name as the portal's own resource does.
        row["slug"] = group_slug_for(row["Nama Kelompok"])


@dataclass
class ImportTiming:
    seconds: float
    rows: int
    check_seconds: float | None = None

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds


def portal_import(data: bytes, *, rows: int, user) -> ImportTiming:
    """The portal's import, as /dinas/impor/ runs it: store, check in chunks, confirm."""
    stored = None
    try:
        with transaction.atomic():
            started = time.perf_counter()
            upload = ContentFile(data, name="bench-kelompok.csv")
            job = import_job_start(user=user, uploaded_file=upload, kind=KELOMPOK)
            stored = job.file.name
            job = import_job_validate_all(job=job)
            checked = time.perf_counter()
            if job.status != ImportJob.Status.READY:
                raise BenchError(f"The portal's import found problems: {job.problems[:3]}")
            job = import_job_confirm(job=job, user=user)
            timing = ImportTiming(time.perf_counter() - started, rows, checked - started)
            if job.status != ImportJob.Status.DONE:
                raise BenchError(f"The portal's import failed: {job.error}")
            saved = job.summary["saved"][KELOMPOK]["create"]
            if saved != rows:
                raise BenchError(f"The portal's import made {saved} groups of {rows}.")
            raise _RollBack
    except _RollBack:
        return timing
    finally:
        if stored:
            ImportJob.file.field.storage.delete(stored)


def stock_import(data: bytes, *, rows: int) -> ImportTiming:
    """The stock resource on the same file: `import_data`, not a dry run, in a transaction."""
    try:
        with transaction.atomic():
            started = time.perf_counter()
            dataset = tablib.Dataset().load(data.decode("utf-8"), format="csv")
            result = StockGroupResource().import_data(dataset, dry_run=False, use_transactions=True)
            timing = ImportTiming(time.perf_counter() - started, rows)
            if result.has_errors() or result.has_validation_errors():
                raise BenchError(f"The stock import failed: {_first_error(result)}")
            saved = result.totals["new"]
            if saved != rows:
                raise BenchError(f"The stock import made {saved} groups of {rows}.")
            raise _RollBack
    except _RollBack:
        return timing


def _first_error(result) -> str:
    for error in result.base_errors:
        return str(error.error)
    for row in result.rows:
        for error in row.errors:
            return str(error.error)
        if row.validation_error:
            return str(row.validation_error)
    return "unknown"


def measure_imports(
    *, rows: int, label: str, user, progress: Callable[[str], None] = lambda line: None
) -> tuple[list[Row], list[str]]:
    """The two imports' rows per second, and a note with their seconds.

    Each import first runs once on a small file, untimed: the first import after the pages
    finds the tables and indexes it reads and writes out of PostgreSQL's buffers, and
    whichever of the two came first would pay for warming them for the other.
    """
    vacuum_import_tables()
    warm_up_rows = min(WARM_UP_ROWS, rows)
    warm_up = groups_csv(rows=warm_up_rows, label=f"{label}-pemanasan")
    portal_import(warm_up, rows=warm_up_rows, user=user)
    stock_import(warm_up, rows=warm_up_rows)
    data = groups_csv(rows=rows, label=label)
    portal = portal_import(data, rows=rows, user=user)
    progress(f"portal import: {portal.rows_per_second:,.0f} rows/s")
    stock = stock_import(data, rows=rows)
    progress(f"stock import: {stock.rows_per_second:,.0f} rows/s")
    return [
        Row(
            f"import {rows:,} groups: portal",
            "rows/s",
            portal.rows_per_second,
            requests=1,
            ratio=portal.rows_per_second / stock.rows_per_second,
            basis="stock",
            target=IMPORT_TARGET,
        ),
        Row(
            f"import {rows:,} groups: stock row by row",
            "rows/s",
            stock.rows_per_second,
            requests=1,
        ),
    ], [
        f"Import of {rows:,} groups: portal {portal.seconds:.1f} s (checking "
        f"{portal.check_seconds:.1f} s, saving {portal.seconds - portal.check_seconds:.1f} s), "
        f"stock django-import-export {stock.seconds:.1f} s; both rolled back."
    ]


def vacuum_import_tables() -> None:
    """VACUUM ANALYZE the tables an import writes. Every measured import is rolled back, and
    its rows stay behind as dead tuples until a vacuum; a server without autovacuum (as
    this project's development machines come) would pile them up run after run."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return  # VACUUM cannot run inside a transaction (a test's, say)
    tables = [
        model._meta.db_table
        for model in (BusinessGroup, BusinessGroup.history.model, ImportRow, ImportJob)
    ]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(table)}")
