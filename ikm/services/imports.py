"""Spreadsheet imports of groups, members and products: upload, check in chunks, confirm.

Design (why it is all-or-nothing on SQLite and PostgreSQL alike, and never times out):

1. `import_job_start` only stores the upload (Django storage) and a queued ImportJob.
2. `import_job_validate_step` does one short piece of work per call; the job page's poll
   (status.json, or the page itself without JavaScript) calls it. The first step reads the
   whole file into staging rows (ImportRow) in one transaction, so a reader killed midway
   leaves the job queued and nothing staged. Every later step checks the next chunk of rows
   and writes their results and the progress. Checking a chunk again gives the same answer,
   so two tabs polling at once cannot corrupt a job. No group, member or product is written
   while checking.
3. `import_job_confirm` claims the job with a conditional UPDATE (ready -> importing): of two
   clicks only one wins, on both databases. It then saves every row with bulk writes in ONE
   transaction, which also marks the job done. If anything fails (a NIK registered meanwhile)
   the transaction rolls back and the job is marked failed with the reason. A process killed
   while saving leaves the database untouched (the transaction never committed); the job
   stays "importing" until it is stale (STALE_AFTER), is then marked failed and can be
   checked again with `import_job_restart`.

10,000 rows save in a few seconds, well within a request; the save is not split across
requests, since that would give up all-or-nothing.
"""

import json
import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from ikm.imports.checks import ChunkChecker, row_keys
from ikm.imports.columns import SHEET_ORDER, SHEETS
from ikm.imports.preview import preview_rows
from ikm.imports.reader import FileUnreadable, json_value, read_file
from ikm.imports.saving import ImportSaveError, job_rows_save
from ikm.models import ImportJob, ImportRow
from portal.caching import data_changed

logger = logging.getLogger(__name__)

CHUNK_ROWS = 1000
# An .xlsx is parsed from start to end in the first step (about half a second per thousand
# rows); the cap keeps that step short. Bigger lists are imported as several files.
MAX_ROWS = 20_000
MAX_STORED_PROBLEMS = 1000
PREVIEW_ROWS = 10
Status = ImportJob.Status


def import_job_start(*, user, uploaded_file, kind: str | None = None) -> ImportJob:
    """Store the uploaded file as a queued job; reading and checking happen step by step."""
    job = ImportJob(user=user, kind=kind or "", original_name=uploaded_file.name[-255:])
    job.file.save(uploaded_file.name, uploaded_file, save=False)
    job.save()
    return job


def _problem(sheet: str, row, column: str, message: str) -> dict:
    return {"sheet": sheet, "row": row, "column": column, "message": message}


def _read(job: ImportJob) -> None:
    with transaction.atomic():
        claimed = ImportJob.objects.filter(pk=job.pk, status=Status.QUEUED).update(
            status=Status.VALIDATING, updated_at=timezone.now()
        )
        if not claimed:
            return
        try:
            with job.file.open("rb") as f:
                data = f.read()
            contents = read_file(name=job.original_name, data=data, kind=job.kind or None)
        except FileUnreadable as error:
            _stop_with_problems(job, [_problem("", None, "", str(error))], summary={})
            return
        except Exception:  # a damaged file must not leave the job stuck
            logger.exception("Import %s: file could not be read", job.pk)
            message = _("Berkas tidak dapat dibaca. Simpan ulang sebagai .xlsx atau .csv.")
            _stop_with_problems(job, [_problem("", None, "", message)], summary={})
            return
        summary = {
            "sheets": [
                {
                    "kind": sheet.kind,
                    "title": sheet.title,
                    "header_row": sheet.header_row,
                    "unknown": sheet.unknown,
                    "rows": len(sheet.rows),
                }
                for sheet in contents.sheets
            ],
            "ignored_sheets": contents.ignored_sheets,
        }
        problems = list(contents.problems)
        if not problems and not any(sheet.rows for sheet in contents.sheets):
            problems.append(
                _problem(
                    "",
                    None,
                    "",
                    _("Tidak ada baris data Kelompok, Anggota atau Produk di berkas ini."),
                )
            )
        total = sum(len(sheet.rows) for sheet in contents.sheets)
        if total > MAX_ROWS:
            problems.append(
                _problem(
                    "",
                    None,
                    "",
                    _("Berkas berisi %(n)s baris; paling banyak %(max)s per berkas. Bagi menjadi "
                      "beberapa berkas.") % {"n": total, "max": MAX_ROWS},
                )
            )  # fmt: skip
        if problems:
            _stop_with_problems(job, problems, summary=summary)
            return
        staged = []
        for kind in SHEET_ORDER:
            for sheet in contents.sheets:
                if sheet.kind != kind:
                    continue
                for number, values in sheet.rows:
                    raw = {key: json_value(value) for key, value in values.items()}
                    staged.append(
                        ImportRow(
                            job=job,
                            sheet=kind,
                            row_number=number,
                            raw=raw,
                            **row_keys(kind, values),
                        )
                    )
        ImportRow.objects.bulk_create(staged, batch_size=1000)
        ImportJob.objects.filter(pk=job.pk).update(
            total_rows=len(staged), processed_rows=0, summary=summary, updated_at=timezone.now()
        )


def _stop_with_problems(job: ImportJob, problems: list[dict], *, summary: dict) -> None:
    ImportJob.objects.filter(pk=job.pk).update(
        status=Status.HAS_ERRORS,
        problems=problems[:MAX_STORED_PROBLEMS],
        problem_count=len(problems),
        summary=summary,
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )


def _check_chunk(job: ImportJob, max_rows: int) -> None:
    rows = list(job.rows.filter(validated=False).order_by("id")[:max_rows])
    if rows:
        ChunkChecker(job, rows).check()
        # Another poll checking the same chunk at the same moment writes the same results.
        with transaction.atomic():
            _results_write(rows)
            ImportJob.objects.filter(pk=job.pk, status=Status.VALIDATING).update(
                processed_rows=job.rows.filter(validated=True).count(),
                updated_at=timezone.now(),
            )
    if len(rows) < max_rows or not job.rows.filter(validated=False).exists():
        _finish_checking(job)


def _results_write(rows: list[ImportRow]) -> None:
    """Store the checked rows' results: an UPDATE joined to a list of values per chunk.

    bulk_update() writes a CASE with a branch per row for every field, which costs seconds
    per thousand rows to build and to run; this is one plain join (PostgreSQL and SQLite).
    """
    table = connection.ops.quote_name(ImportRow._meta.db_table)
    as_json = "::jsonb" if connection.vendor == "postgresql" else ""
    for start in range(0, len(rows), CHUNK_ROWS):
        batch = rows[start : start + CHUNK_ROWS]
        values = ", ".join(["(%s, %s, %s, %s)"] * len(batch))
        params = [
            value
            for row in batch
            for value in (row.pk, row.action, json.dumps(row.data), json.dumps(row.problems))
        ]
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH checked (id, action, data, problems) AS (VALUES {values}) "
                f"UPDATE {table} SET action = checked.action, data = checked.data{as_json}, "
                f"problems = checked.problems{as_json}, validated = %s "
                f"FROM checked WHERE {table}.id = checked.id",
                [*params, True],
            )


def _finish_checking(job: ImportJob) -> None:
    counts = {
        (sheet, action): n
        for sheet, action, n in job.rows.values_list("sheet", "action")
        .annotate(n=Count("id"))
        .order_by()
    }
    summary = dict(job.summary)
    summary["sheets"] = [
        sheet
        | {
            "label": str(SHEETS[sheet["kind"]].title),
            "create": counts.get((sheet["kind"], ImportRow.Action.CREATE), 0),
            "update": counts.get((sheet["kind"], ImportRow.Action.UPDATE), 0),
            "error": counts.get((sheet["kind"], ImportRow.Action.ERROR), 0),
            "preview": preview_rows(job, sheet["kind"], limit=PREVIEW_ROWS),
        }
        for sheet in summary.get("sheets", [])
    ]
    problems, total = [], 0
    for sheet, number, row_problems in (
        job.rows.filter(action=ImportRow.Action.ERROR)
        .order_by("id")
        .values_list("sheet", "row_number", "problems")
        .iterator(chunk_size=2000)
    ):
        for problem in row_problems:
            total += 1
            if len(problems) < MAX_STORED_PROBLEMS:
                problems.append(_problem(sheet, number, problem["column"], problem["message"]))
    ImportJob.objects.filter(pk=job.pk, status=Status.VALIDATING).update(
        status=Status.HAS_ERRORS if total else Status.READY,
        processed_rows=job.rows.count(),
        summary=summary,
        problems=problems,
        problem_count=total,
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )


def import_job_validate_step(*, job: ImportJob, max_rows: int = CHUNK_ROWS) -> ImportJob:
    """Move a job one short step on: read the file, or check the next `max_rows` rows."""
    if job.status == Status.QUEUED:
        _read(job)
    elif job.status == Status.VALIDATING:
        _check_chunk(job, max_rows)
    job.refresh_from_db()
    return job


def import_job_validate_all(*, job: ImportJob, max_rows: int = CHUNK_ROWS) -> ImportJob:
    """Every step at once, for the management command and tests."""
    while job.status in (Status.QUEUED, Status.VALIDATING):
        job = import_job_validate_step(job=job, max_rows=max_rows)
    return job


def import_job_confirm(*, job: ImportJob, user) -> ImportJob:
    """Save a checked job in one transaction; a second confirm of the same job does nothing."""
    claimed = ImportJob.objects.filter(pk=job.pk, status=Status.READY).update(
        status=Status.IMPORTING, updated_at=timezone.now()
    )
    if not claimed:
        job.refresh_from_db()
        return job
    try:
        with transaction.atomic():
            counts = job_rows_save(job=job, user=user)
            data_changed()  # saved in bulk, which sends no model signals
            job.rows.all().delete()  # staging copies of personal data are no longer needed
            ImportJob.objects.filter(pk=job.pk).update(
                status=Status.DONE,
                summary={**job.summary, "saved": counts},
                finished_at=timezone.now(),
                updated_at=timezone.now(),
            )
            # The file too: its rows are records now (the file is not part of a rollback).
            transaction.on_commit(lambda: _uploaded_file_forget(job))
    except (ImportSaveError, IntegrityError, ValidationError) as error:
        logger.warning("Import %s failed while saving: %s", job.pk, error)
        if isinstance(error, ImportSaveError):
            reason = str(error)
        else:
            reason = _(
                "Data di portal berubah sejak berkas diperiksa (mis. NIK yang sama baru saja "
                "didaftarkan)."
            )
        ImportJob.objects.filter(pk=job.pk).update(
            status=Status.FAILED,
            error=_("%(reason)s Tidak ada data yang disimpan. Periksa ulang berkas.")
            % {"reason": reason},
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )
    job.refresh_from_db()
    return job


def _uploaded_file_forget(job: ImportJob) -> None:
    if job.file:
        job.file.delete(save=False)
        ImportJob.objects.filter(pk=job.pk).update(file="")


def import_files_forget() -> int:
    """Delete the uploaded files and staging rows of every import not moving now, with the
    problems found in them (which quote names and numbers): for a person's data to be
    forgotten (UU PDP), no copy of it may stay in an old upload. Jobs still checking or
    saving keep theirs; when they are done their files go too. Returns how many files."""
    idle = list(
        ImportJob.objects.exclude(
            status__in=[Status.QUEUED, Status.VALIDATING, Status.IMPORTING]
        ).exclude(file="")
    )
    ImportRow.objects.filter(job__in=idle).delete()
    for job in idle:
        job.file.delete(save=False)  # one file at a time: storage has no bulk delete
    ImportJob.objects.filter(pk__in=[job.pk for job in idle]).update(file="")
    ImportJob.objects.filter(pk__in=[job.pk for job in idle if job.status != Status.DONE]).update(
        status=Status.FAILED,
        problems=[],
        error=_(
            "Berkas ini dihapus karena permintaan penghapusan data pribadi. "
            "Unggah ulang bila masih perlu diimpor."
        ),
        finished_at=timezone.now(),
    )
    return len(idle)


def import_job_expire(*, job: ImportJob) -> ImportJob:
    """Mark a save that stopped moving (its process died) as failed; its data rolled back."""
    if job.status == Status.IMPORTING and job.is_stale:
        ImportJob.objects.filter(pk=job.pk, status=Status.IMPORTING).update(
            status=Status.FAILED,
            error=_(
                "Proses impor terhenti sebelum selesai; tidak ada data yang tersimpan. "
                "Periksa ulang berkas lalu impor lagi."
            ),
            finished_at=timezone.now(),
        )
        job.refresh_from_db()
    return job


def import_job_restart(*, job: ImportJob) -> ImportJob:
    """Check the same file again from the start (after a failure or a fix in the portal)."""
    if job.status not in (Status.HAS_ERRORS, Status.FAILED) or not job.file:
        return job
    with transaction.atomic():
        claimed = ImportJob.objects.filter(pk=job.pk, status=job.status).update(
            status=Status.QUEUED,
            total_rows=0,
            processed_rows=0,
            summary={},
            problems=[],
            problem_count=0,
            error="",
            finished_at=None,
            updated_at=timezone.now(),
        )
        if claimed:
            job.rows.all().delete()
    job.refresh_from_db()
    return job
