from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.backup import BackupError, archive_restore


class Command(BaseCommand):
    help = (
        "Restore a backup written by export_archive into an empty database (after "
        "migrate). Refuses a database that holds any archive record or account."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The backup file to read.")

    def handle(self, *args, path, **options):
        try:
            rows = archive_restore(path=path)
        except BackupError as error:
            raise CommandError(f"Nothing was restored: {error}") from error
        self.stdout.write(f"Restored {rows} rows from {path}.")
