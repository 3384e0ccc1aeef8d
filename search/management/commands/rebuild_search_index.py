"""Write every search entry afresh from the archive's published rows."""

from django.core.management.base import BaseCommand

from search.index import rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the search index from the archive (after a restore, or to repair it)."
    )

    def handle(self, *args, **options):
        count = rebuild()
        self.stdout.write(f"Indexed {count} entries.")
