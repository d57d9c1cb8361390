from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from ikm.models import ImportJob
from ikm.services.imports import import_job_confirm, import_job_start, import_job_validate_all


class Command(BaseCommand):
    help = "Impor kelompok, anggota dan produk dari berkas .xlsx atau .csv (seperti /dinas/impor/)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Hanya periksa; tidak ada yang disimpan."
        )
        parser.add_argument("--kind", choices=ImportJob.Kind.values, default=None)
        parser.add_argument("--user", help="Nama pengguna yang dicatat di riwayat perubahan.")

    def handle(self, *args, file: Path, dry_run: bool, kind, user, **options):
        if not file.is_file():
            raise CommandError(f"Berkas {file} tidak ada.")
        importer = None
        if user:
            importer = get_user_model().objects.filter(username=user).first()
            if importer is None:
                raise CommandError(f"Pengguna {user} tidak ada.")
        with file.open("rb") as f:
            job = import_job_start(user=importer, uploaded_file=File(f, name=file.name), kind=kind)
        job = import_job_validate_all(job=job)
        for sheet in job.summary.get("sheets", []):
            self.stdout.write(
                f"{sheet['kind']}: {sheet['rows']} baris, {sheet.get('create', 0)} baru, "
                f"{sheet.get('update', 0)} diperbarui, {sheet.get('error', 0)} ada kesalahan"
            )
            if sheet["unknown"]:
                self.stdout.write(f"  kolom ini tidak dipakai: {', '.join(sheet['unknown'])}")
        if job.status == ImportJob.Status.HAS_ERRORS:
            for problem in job.problems:
                where = f"{problem['sheet'] or 'berkas'} baris {problem['row'] or '-'}"
                column = f" [{problem['column']}]" if problem["column"] else ""
                self.stderr.write(f"{where}{column}: {problem['message']}")
            if job.hidden_problem_count:
                self.stderr.write(f"… dan {job.hidden_problem_count} masalah lain.")
            raise CommandError(f"{job.problem_count} masalah; tidak ada yang disimpan.")
        if dry_run:
            self.stdout.write(
                self.style.SUCCESS("Berkas bersih. --dry-run: tidak ada yang disimpan.")
            )
            return
        job = import_job_confirm(job=job, user=importer)
        if job.status != ImportJob.Status.DONE:
            raise CommandError(job.error)
        self.stdout.write(self.style.SUCCESS(f"Selesai: {job.summary['saved']}"))
