"""Report every inconsistency in the archive; exit non-zero when there is an error."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from conferences.consistency import ERROR, findings
from conferences.models import ordinal


class Command(BaseCommand):
    help = (
        "List every finding of the consistency report (values their excerpts do not "
        "support, counts, terms of office, order, gaps…) with its severity and the admin "
        "page that fixes it. Exits with status 1 when there is an error."
    )

    def handle(self, *args, **options):
        try:
            found = findings()
        except DatabaseError as error:
            # A database that was never migrated or loaded: say what to run, not a trace.
            raise CommandError(
                f"The archive's tables cannot be read ({error}). Run "
                "`manage.py migrate` and `manage.py load_archive` first."
            ) from error
        for finding in found:
            where = f"{ordinal(finding.edition)} edition: " if finding.edition else ""
            line = (
                f"{finding.severity.upper()} [{finding.code}] {where}{finding.message}"
            )
            if finding.admin_url:
                line += f" Fix: {finding.admin_url}"
            self.stdout.write(line)
        errors = sum(1 for f in found if f.severity == ERROR)
        summary = f"{len(found)} finding(s), {errors} error(s)."
        if errors:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))
