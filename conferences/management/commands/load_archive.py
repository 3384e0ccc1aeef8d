from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from conferences.loading import ArchiveFixtureError, archive_load


class Command(BaseCommand):
    help = "Load the curated archive (reports, editions, people, topics…) from fixtures/. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--fixtures-dir",
            type=Path,
            default=settings.ARCHIVE_FIXTURES_DIR,
            help="Folder with people.yaml, topics.yaml, reports/ and sources/ (default: fixtures/).",
        )

    def handle(self, *args, fixtures_dir, **options):
        try:
            result = archive_load(fixtures_dir=fixtures_dir)
        except ArchiveFixtureError as error:
            raise CommandError(f"Nothing was loaded: {error}") from error
        self.stdout.write(result.summary())
