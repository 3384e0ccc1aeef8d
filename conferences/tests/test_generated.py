"""Generated editions: valid rows, kept apart from the real archive's edition numbers."""

import pytest

from conferences.models import Conference
from speakers.models import Quote

pytestmark = pytest.mark.django_db


def test_generated_editions_come_with_their_facts(many_editions):
    # The archive's ten editions (five from reports, five from records only) and 200 more.
    assert Conference.objects.published().count() == 210
    generated = Conference.objects.for_detail().get(edition=1000)
    assert len(generated.leader_appearances) == 2
    assert len(generated.quote_list) == 2
    assert len(generated.topic_list) == 5
    assert generated.inferred_fields == ["year"]
    assert Quote.objects.filter(conference__edition__gte=1000).count() == 400


def test_generated_rows_pass_validation(many_editions):
    generated = Conference.objects.get(edition=1001)
    generated.full_clean()
    for quote in generated.quotes.all():
        quote.full_clean()
