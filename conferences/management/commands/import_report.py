import datetime
import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from conferences.importing.service import (
    ReportImportError,
    decode_report,
    report_import,
)


def iso_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"--published: '{value}' is not a date (YYYY-MM-DD)."
        ) from None


class Command(BaseCommand):
    help = (
        "Import a conference report (a UTF-8 text file): store it as a source and draft "
        "its edition, hidden from readers until an archivist publishes it."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The report, as UTF-8 plain text.")
        parser.add_argument("--publisher", default="", help="Who published the report.")
        parser.add_argument(
            "--published", default=None, help="When it was published (YYYY-MM-DD)."
        )
        parser.add_argument("--language", default="en", help="Its language (en).")
        parser.add_argument(
            "--user", default=None, help="The archivist's username, for the history."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print the draft as JSON on standard output and write nothing.",
        )

    def handle(
        self, *args, path, publisher, published, language, user, dry_run, **options
    ):
        published_on = iso_date(published) if published else None
        archivist = None
        if user:
            archivist = get_user_model().objects.filter(username=user).first()
            if archivist is None:
                raise CommandError(f"--user: there is no user '{user}'.")
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
        try:
            outcome = report_import(
                text=decode_report(data),
                publisher=publisher,
                published=published_on,
                language=language,
                dry_run=dry_run,
                file_name=path.name,
                user=archivist,
            )
        except ReportImportError as error:
            raise CommandError(f"{path}: {error} Nothing was written.") from None
        if dry_run:
            self.stdout.write(
                json.dumps(outcome.draft.to_json(), ensure_ascii=False, indent=2)
            )
        else:
            self.stdout.write(outcome.summary())
