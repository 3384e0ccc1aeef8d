"""Django's makemessages with the archive's settings: only our code, no line numbers.

`manage.py makemessages -l fr -l es -l ar` then updates locale/<language>/LC_MESSAGES/django.po
from the templates and Python files, without the virtualenv, the tests, the benchmarks or the admin's templates,
and without source locations (they would change with every edit and make merges harder).
"""

from django.core.management.commands import makemessages

IGNORED = [
    ".venv",
    "*/tests/*",
    "bench",
    "node_modules",
    "staticfiles",
    "test-artifacts",
    ".cache",
    # The admin's templates: the admin is in English (Django and simple_history bring
    # their own catalogues for the words of theirs these templates use).
    "templates/admin",
    "templates/simple_history",
]


class Command(makemessages.Command):
    def handle(self, *args, **options):
        options["ignore_patterns"] = [*options.get("ignore_patterns", []), *IGNORED]
        options["no_location"] = True
        options["no_obsolete"] = True
        return super().handle(*args, **options)
