"""Reads compiled once (conferences/models/compiled.py) read the data of the moment."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conferences.lines import newest_read
from conferences.models import Citation, Conference, SourceReport
from conferences.models.compiled import ValuesRead
from conferences.models.edition_rows import (
    PAGE_LISTS,
    attach_page_lists,
    page_editions,
    page_read,
)
from conferences.series import (
    EDITION_MAX,
    detailed,
    latest_edition,
    listed_between,
    published_numbers,
)
from speakers.models import Quote


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


def test_a_page_of_listed_rows_is_the_orms(archive):
    numbers = orm_numbers()
    low, high = numbers[0], numbers[-1]
    orm = list(
        Conference.objects.published()
        .listing_values()
        .filter(edition__range=(low, high))
        .order_by("edition")
    )
    listed = sorted(listed_between(low, high), key=lambda row: row["edition"])
    # The same values, JSON columns parsed and dates as dates, as the ORM gives them.
    assert listed == orm
    assert listed_between(high + 1, high + 5) == []


def test_an_editions_detailed_row_is_the_orms(archive):
    for number in orm_numbers():
        assert detailed(number) == (
            Conference.objects.published().detail_values().get(edition=number)
        )


def test_no_detailed_row_for_a_draft_or_a_number_past_the_column(archive):
    latest = latest_edition()
    detailed(latest)  # compiled now, if not before
    Conference.objects.filter(edition=latest).update(status=Conference.Status.DRAFT)
    assert detailed(latest) is None
    assert detailed(latest + 1) is None
    with CaptureQueriesContext(connection) as queries:
        assert detailed(EDITION_MAX + 1) is None
    assert len(queries) == 0


def test_a_values_read_is_one_query(archive):
    latest = latest_edition()
    listed_between(1, latest), detailed(latest)
    with CaptureQueriesContext(connection) as queries:
        listed_between(1, latest)
        detailed(latest)
    assert len(queries) == 2


def test_a_marker_the_query_holds_twice_is_refused(archive):
    read = ValuesRead(
        lambda number: Conference.objects.filter(edition=number, year=number).values(
            "edition"
        ),
        32_749,
    )
    with pytest.raises(ValueError, match="2 parameters"):
        read.rows(1)


def test_json_rows_parse_together_as_one_by_one():
    """The JSON texts of a page's rows, parsed in one go, give what the ORM's one by one
    gives: nulls stay None, a text that is not JSON stays text."""
    from conferences.models.compiled import parse_json_rows

    rows = [
        [1, '[["Jürgen Stock", "jurgen-stock"]]', "[]"],
        [2, None, '[["a, b", 1, true, null]]'],
    ]
    parse_json_rows(rows, [1, 2])
    assert rows == [
        [1, [["Jürgen Stock", "jurgen-stock"]], []],
        [2, None, [["a, b", 1, True, None]]],
    ]
    broken = [[1, "[1", '"x"'], [2, "2]", "{}"]]
    parse_json_rows(broken, [1, 2])
    assert broken == [[1, "[1", "x"], [2, "2]", {}]]


@pytest.mark.parametrize("size", ["archive", "many_editions"])
def test_the_newest_lines_rows_are_the_orms(size, request):
    request.getfixturevalue(size)
    orm = list(
        Conference.objects.published()
        .order_by("-edition")
        .line_values()
        .with_archive_totals()[:3]
    )
    # Dates as dates, JSON lists parsed, the totals as numbers: as the ORM gives them.
    assert newest_read(3).rows() == orm
    Conference.objects.filter(edition=orm[0]["edition"]).update(
        status=Conference.Status.DRAFT
    )
    rows = newest_read(3).rows()  # compiled before the change, still reads it
    assert [row["edition"] for row in rows[:2]] == [row["edition"] for row in orm[1:]]
    assert rows[0]["known_count"] == orm[0]["known_count"] - 1


def page_values(edition) -> dict:
    """An edition's fields and its page's annotations, as read."""
    return {name: value for name, value in vars(edition).items() if name != "_state"}


def test_the_compiled_page_read_is_the_orms(archive):
    """edition_rows.PageRead runs for_page()'s query compiled once with the edition as
    a parameter: the same edition, fields and page annotations, converted alike, as
    the ORM reads; none for a draft to readers, a number no edition has or one out of
    the field's range; each edition read again after a change."""
    numbers = list(Conference.objects.values_list("edition", flat=True))
    drafts = set(
        Conference.objects.exclude(pk__in=Conference.objects.published()).values_list(
            "edition", flat=True
        )
    )
    for staff in (False, True):
        read = page_read(drafts=staff)
        for number in numbers:
            compiled = read.edition(number)
            if number in drafts and not staff:
                assert compiled is None
                continue
            orm = page_editions(drafts=staff).get(edition=number)
            assert compiled.edition == number
            assert page_values(compiled) == page_values(orm)
        for missing in (0, 999, 10**6, 10**30):
            assert read.edition(missing) is None
    first = min(set(numbers) - drafts)
    Conference.objects.filter(edition=first).update(theme="A theme changed")
    assert page_read(drafts=False).edition(first).theme == "A theme changed"


def test_the_page_read_is_one_query(archive):
    number = Conference.objects.published().values_list("edition", flat=True)[0]
    with CaptureQueriesContext(connection) as queries:
        page_read(drafts=False).edition(number)
    assert len(queries) == 1


def test_the_page_items_hold_their_edition_rows_and_source(
    archive, django_assert_num_queries
):
    """attach_page_lists() sets each item's edition, related rows and source in its
    foreign keys' caches: each the row its key names, read without a query."""
    number = Conference.objects.published().values_list("edition", flat=True)[0]
    edition = page_read(drafts=False).edition(number)
    attach_page_lists(edition)
    seen = 0
    with django_assert_num_queries(0):
        for name, page_list in PAGE_LISTS.items():
            for item in getattr(edition, name):
                assert item.conference is edition
                for field_name, *_ in page_list.related:
                    related = getattr(item, field_name)
                    assert related.pk == getattr(item, f"{field_name}_id")
                if page_list.sourced:
                    assert item.source.pk == item.source_id
                seen += 1
    assert seen


def test_the_page_reads_each_source_it_names_once(archive):
    """A page's sources are read once (page_source_rows), not joined into each list:
    every item finds its own, the sidebar lists the edition's own reports by slug, and
    each citation the public records it rests on by slug, as the ORM relates them; a
    source of another edition that an item cites is read too."""
    quote = Quote.objects.published().order_by("pk").first()
    first = quote.conference
    borrowed = (
        SourceReport.objects.exclude(conference=first)
        .exclude(conference=None)
        .order_by("slug")
        .first()
    )
    Quote.objects.filter(pk=quote.pk).update(source=borrowed)
    for conference in Conference.objects.published():
        edition = page_read(drafts=False).edition(conference.edition)
        attach_page_lists(edition)
        own = SourceReport.objects.filter(conference=conference).order_by("slug")
        assert [source.pk for source in edition.source_list] == [s.pk for s in own]
        cited = set(own.values_list("pk", flat=True))
        for name, page_list in PAGE_LISTS.items():
            for item in getattr(edition, name):
                if page_list.sourced:
                    stored = page_list.model.objects.get(pk=item.pk)
                    assert item.source is edition.page_sources[stored.source_id]
                    cited.add(stored.source_id)
        for citation in edition.citation_list:
            records = Citation.objects.get(pk=citation.pk).evidence.order_by("slug")
            assert [r.pk for r in citation.evidence_list] == [r.pk for r in records]
            cited.update(r.pk for r in records)
        assert set(edition.page_sources) == cited
    edition = page_read(drafts=False).edition(first.edition)
    attach_page_lists(edition)
    [read] = [item for item in edition.quote_list if item.pk == quote.pk]
    assert read.source.pk == borrowed.pk and read.source.slug == borrowed.slug
    assert borrowed not in edition.source_list
