from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.database_backup import BackupError, backup_default_path, database_backup


class Command(BaseCommand):
    help = "Copy the whole database to a file (pg_dump custom format, or a SQLite copy)."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="File to write (default: backups/…).")

    def handle(self, *args, output=None, **options):
        destination = output or backup_default_path(folder=Path(settings.BASE_DIR) / "backups")
        try:
            database_backup(destination=destination)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(destination))
