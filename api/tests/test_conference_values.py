"""The editions' list and detail read values in a fixed number of queries, and the values
say what the models' own rules say."""

import pytest

from conferences.models import Conference

pytestmark = pytest.mark.django_db

EDITIONS = "/api/v1/conferences/"

# URL -> the queries it runs, with 5 or 205 editions alike.
QUERIES = {
    # The published numbers, then the page's rows (none on a page of gaps only).
    EDITIONS: 2,
    f"{EDITIONS}?page=10": 2,
    f"{EDITIONS}?page_size=5&page=3": 2,
    # By a fact: the rows first (asked even past them), then the gaps.
    f"{EDITIONS}?ordering=-year&page_size=5&page=3": 2,
    f"{EDITIONS}?basis=report&basis=none": 2,
    # Filtered: the count, then the page.
    f"{EDITIONS}?year_min=2000": 2,
    # …and the topic the filter names.
    f"{EDITIONS}?topic=cybercrime&page_size=3": 3,
    # An edition with all it shows: one query.
    f"{EDITIONS}20/": 1,
    # A gap: the edition is not found, then the latest number tells it is a gap.
    f"{EDITIONS}3/": 2,
}


@pytest.mark.parametrize("data", ["archive", "many_editions"])
@pytest.mark.parametrize("url", QUERIES)
def test_editions_run_the_same_queries_at_any_size(
    client, request, django_assert_num_queries, data, url
):
    """Editions' lists and details cost the same queries with 5 or 205 editions, whether
    a page holds rows, gaps or both."""
    request.getfixturevalue(data)
    if url.endswith("?page=10") and data == "archive":
        url = f"{EDITIONS}?page_size=2&page=2"  # the 3rd and 4th: gaps only
    with django_assert_num_queries(QUERIES.get(url, 2)):
        response = client.get(url)
    assert response.status_code == 200, response.content


@pytest.mark.parametrize("data", ["archive", "many_editions"])
def test_listed_values_follow_the_models_rules(request, data):
    """What listing_values() reads in SQL (which fields are inferred and which part,
    whether a report describes the edition) is what the model's properties say."""
    request.getfixturevalue(data)
    rows = {
        row["edition"]: row for row in Conference.objects.published().listing_values()
    }
    editions = Conference.objects.published().for_listing()
    assert len(rows) == len(editions) > 0
    for conference in editions:
        row = rows[conference.edition]
        parts = dict(row["inferred_part_rows"])
        assert sorted(parts) == conference.inferred_fields
        assert parts == {
            name: conference.inferred_part(name) for name in conference.inferred_fields
        }
        assert row["described_by_report"] is conference.has_report


def test_detail_values_order_ties_by_id_and_source(archive):
    """Items the for_detail() order leaves tied (two citations of a field, two
    delegations at one position) come in one order on every database."""
    row = Conference.objects.published().detail_values().get(edition=14)
    fields = [citation[0] for citation in row["citation_rows"]]
    assert fields == sorted(fields)
    sources = {
        citation[1]: source_id
        for citation, source_id in zip(
            row["citation_rows"],
            Conference.objects.get(edition=14)
            .citations.order_by("field", "source_id")
            .values_list("source_id", flat=True),
            strict=True,
        )
    }
    assert sources  # each citation's source, in (field, source id) order
