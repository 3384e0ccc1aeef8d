import datetime
import json
import stat
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from conferences.importing.service import (
    MAX_BYTES,
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


def read_report(path: Path) -> bytes:
    """Return a report file's bytes: a regular file within the size limit, else refuse."""
    try:
        info = path.stat()
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
    if not stat.S_ISREG(info.st_mode):
        raise CommandError(
            f"{path} is not a regular file: give the report as a plain-text (.txt) "
            "file. Nothing was written."
        )
    if info.st_size > MAX_BYTES:
        raise CommandError(
            f"{path}: The report is too large ({info.st_size:,} bytes; at most "
            f"{MAX_BYTES:,}): import one report at a time. Nothing was written."
        )
    try:
        with path.open("rb") as report:
            data = report.read(MAX_BYTES + 1)  # the file may have grown since
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
    if len(data) > MAX_BYTES:
        raise CommandError(
            f"{path}: The report is too large (over {MAX_BYTES:,} bytes): import one "
            "report at a time. Nothing was written."
        )
    return data


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
        data = read_report(path)
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
