from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from portal.database_backup import BackupError, database_restore


class Command(BaseCommand):
    help = "Replace the database's content with a copy made by backup_db (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path)
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask before replacing the data."
        )

    def handle(self, *args, source, yes=False, **options):
        name = connection.settings_dict["NAME"]
        if not yes:
            answer = input(f"Replace every record in {name} with {source}? Type 'yes': ")
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing restored.")
        try:
            database_restore(source=source)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {name} from {source}.")
