"""An edition page's items are model instances made from JSON rows
(conferences/models/edition_rows.py, as_instance()): what from_db() would make."""

from django.db import connection
from django.db.models.signals import post_init
from django.test.utils import CaptureQueriesContext

from conferences.models import Correction, SourceReport
from conferences.models.edition_rows import as_instance


def test_an_instance_holds_its_values_and_defers_the_rest(archive):
    source = SourceReport.objects.filter(published_on__isnull=False).first()
    names = ("id", "slug", "published_on", "conference_id")
    values = [
        source.pk,
        source.slug,
        source.published_on.isoformat(),
        source.conference_id,
    ]
    made = as_instance(SourceReport, names, values, "default")
    expected = SourceReport.objects.only(*names).get(pk=source.pk)
    assert made.pk == expected.pk and made.slug == expected.slug
    assert made.published_on == source.published_on  # a date, from its JSON text
    assert made.conference_id == expected.conference_id
    assert made.get_deferred_fields() == expected.get_deferred_fields()
    assert not made._state.adding and made._state.db == "default"
    # A field not read is loaded on demand, as from a deferred query.
    with CaptureQueriesContext(connection) as queries:
        assert made.title == source.title
    assert len(queries) == 1


def test_a_datetime_from_json_is_aware(archive, settings):
    names = ("id", "recorded_at")
    made = as_instance(Correction, names, [1, "2026-12-03T08:00:00"], "default")
    assert made.recorded_at.tzinfo is not None


def test_init_listeners_still_hear_each_instance(archive):
    heard = []

    def listen(sender, instance, **kwargs):
        heard.append(instance)

    post_init.connect(listen, weak=False)
    try:
        made = as_instance(SourceReport, ("id", "slug"), [1, "x"], "default")
    finally:
        post_init.disconnect(listen)
    assert heard == [made]
