"""generate_archive fills a benchmark database, and leaves the real archive alone."""

import pytest
from django.core.management import CommandError, call_command

from archive.cache import current_generation
from conferences.models import Conference

pytestmark = pytest.mark.django_db


def test_refuses_a_database_that_holds_the_real_archive(archive):
    with pytest.raises(CommandError, match="holds the real archive"):
        call_command("generate_archive", editions=3)
    assert not Conference.objects.filter(edition__gte=1000).exists()


def test_generates_beside_the_real_archive_when_forced(archive, capsys):
    before = current_generation()
    call_command("generate_archive", editions=3, force=True)
    call_command("generate_archive", editions=2, force=True)
    editions = Conference.objects.filter(edition__gte=1000).values_list(
        "edition", flat=True
    )
    assert sorted(editions) == [1000, 1001, 1002, 1003, 1004]
    assert "Generated 2 editions, 1003 to 1004." in capsys.readouterr().out
    assert current_generation() != before
