from django.core.management.base import BaseCommand, CommandError

from archive.cache import bump_generation
from conferences.generated import FIRST_GENERATED_EDITION, generate_editions
from conferences.models import Conference


class Command(BaseCommand):
    help = (
        "Fill a database with generated editions (people, quotes, topics, citations), "
        "for benchmarks. Refuses a database that holds the real archive unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--editions",
            type=int,
            default=1000,
            help="How many editions to generate (default 1000).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Add generated editions even beside the real archive.",
        )

    def handle(self, *args, editions, force, **options):
        if editions < 1:
            raise CommandError("--editions must be at least 1.")
        real = Conference.objects.filter(edition__lt=FIRST_GENERATED_EDITION)
        if real.exists() and not force:
            raise CommandError(
                f"This database holds the real archive ({real.count()} editions): "
                "generate into a database of its own, or pass --force."
            )
        last = (
            Conference.objects.filter(edition__gte=FIRST_GENERATED_EDITION)
            .order_by("-edition")
            .values_list("edition", flat=True)
            .first()
        )
        first = FIRST_GENERATED_EDITION if last is None else last + 1
        # PositiveSmallIntegerField: editions stop at 32767.
        if first + editions - 1 > 32767:
            raise CommandError("Too many generated editions for an edition number.")
        created = generate_editions(editions, first_edition=first)
        # bulk_create sends no signals: cached pages must still go.
        bump_generation()
        self.stdout.write(
            f"Generated {len(created)} editions, {first} to {first + len(created) - 1}."
        )
