"""Reads compiled once (conferences/models/compiled.py) read the data of the moment."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from conferences.models import Conference
from conferences.series import latest_edition, published_numbers


def orm_numbers() -> list[int]:
    return list(
        Conference.objects.filter(status=Conference.Status.PUBLISHED)
        .order_by("edition")
        .values_list("edition", flat=True)
    )


def test_the_published_numbers_are_the_orms_in_order(archive):
    assert published_numbers() == orm_numbers()
    assert published_numbers()[-1] == latest_edition() == max(orm_numbers())


def test_compiled_once_the_reads_still_see_every_change(archive):
    published_numbers(), latest_edition()  # compiled now, if not before
    latest = latest_edition()
    Conference.objects.filter(edition=latest).update(status=Conference.Status.DRAFT)
    assert latest not in published_numbers()
    assert latest_edition() < latest
    Conference.objects.update(status=Conference.Status.DRAFT)
    assert published_numbers() == []
    assert latest_edition() == 0


def test_each_read_is_one_query(archive):
    published_numbers(), latest_edition()
    with CaptureQueriesContext(connection) as queries:
        published_numbers()
        latest_edition()
    assert len(queries) == 2
