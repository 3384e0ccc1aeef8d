from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.backup import BackupError, archive_export


class Command(BaseCommand):
    help = (
        "Back up the whole archive (records, their history, the source reports' text, "
        "the accounts the history names) to one YAML file (.yaml or .yaml.gz)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The backup file to write.")

    def handle(self, *args, path, **options):
        try:
            counts = archive_export(path=path)
        except (BackupError, OSError) as error:
            raise CommandError(f"No backup was written: {error}") from error
        self.stdout.write(f"Wrote {sum(counts.values())} rows to {path}.")
