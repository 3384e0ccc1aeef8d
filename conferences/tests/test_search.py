"""Search: one box over editions, people, quotes, topics and report texts."""

import re

import pytest
from django.db import connection
from pytest_django.asserts import assertContains, assertNotContains

from conferences.models import Conference
from conferences.search import search
from speakers.models import Quote

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return " ".join(response.content.decode().split())


def titles(groups) -> dict[str, list[str]]:
    return {group.kind: [result.title for result in group.results] for group in groups}


def test_search_finds_every_kind_and_marks_the_words(archive):
    """A word is found in editions, quotes, topics and report texts, and marked in each."""
    groups = search("Haechi")
    found = titles(groups)
    # Ranked on PostgreSQL, in listing order on SQLite: the order of the two may differ.
    found["Reports and records"].sort()
    assert found == {
        "Editions": ["19th Heads of NCB Conference (2024)"],
        "People": [],
        "Quotes": ["Jürgen Stock, 19th Heads of NCB Conference (2024)"],
        "Topics": ["Operation Haechi IV"],
        "Reports and records": [
            "INTERPOL news release on the 19th Heads of NCB conference",
            # A public record: Cybernoz on Operation HAECHI IV.
            "Law enforcement Operation HAECHI IV led to the seizure of $300 Million",
        ],
    }
    for group in groups:
        for result in group.results:
            assert "<mark>haechi</mark>" in result.snippet.lower()


def test_search_needs_every_word(archive):
    """Several words find only what contains them all."""
    found = titles(search("Urquiza Lyon"))
    assert found["Editions"] == ["20th Heads of NCB Conference (2025)"]
    assert found["People"] == []
    assert found["Reports and records"] == [
        "INTERPOL news release on the 20th Heads of NCB conference"
    ]


def test_search_finds_people_by_other_names(archive):
    """A person is found by any name the reports use."""
    # Lucas Philippe's summary names the predecessor he followed.
    assert titles(search("al-Raisi"))["People"] == [
        "Ahmed Naser Al-Raisi",
        "Lucas Philippe",
    ]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search")
def test_postgres_search_matches_word_forms(archive):
    """On PostgreSQL, English stemming finds other forms of a word."""
    found = titles(search("gathered delegate"))
    assert (
        "20th Heads of NCB Conference (2025)" in found["Editions"]
        or found["Reports and records"]
    )
    assert "Online financial fraud" in titles(search("frauds"))["Topics"]


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite fallback")
def test_fallback_search_matches_parts_of_words(archive):
    """Without PostgreSQL, a word matches inside longer words, case aside."""
    assert titles(search("CYBER"))["Topics"] == ["Cybercrime"]


def test_search_leaves_out_drafts(archive):
    """Drafts' editions, quotes and reports are not found."""
    Conference.objects.filter(edition=19).update(status=Conference.Status.DRAFT)
    found = titles(search("Haechi"))
    assert found["Editions"] == found["Quotes"] == []
    # The public record on Operation HAECHI IV is not tied to the draft edition.
    assert found["Reports and records"] == [
        "Law enforcement Operation HAECHI IV led to the seizure of $300 Million"
    ]
    assert found["Topics"] == ["Operation Haechi IV"]


def test_search_page_groups_results_by_kind(archive, client):
    """The page counts the results, links to each group, and lists each result."""
    page = text_of(client.get("/search/", {"q": "Haechi"}))
    assert '<input id="search-q" type="search" name="q" value="Haechi"' in page
    assert (
        '5 results for <q>Haechi</q>: <a href="#results-editions">editions (1)</a>, '
        '<a href="#results-quotes">quotes (1)</a>, <a href="#results-topics">topics (1)</a>, '
        '<a href="#results-sources">reports and records (2)</a>' in page
    )
    headings = re.findall(r'<h2 id="results-[\w-]+-title">([^<]+) <span', page)
    assert headings == ["Editions", "Quotes", "Topics", "Reports and records"]
    assert (
        '<h3 class="result__title"><a href="/topics/operation-haechi-iv/">Operation Haechi IV</a></h3>'
        in page
    )
    assert (
        '<a href="/sources/003-78adaa81/">INTERPOL news release on the 19th Heads of NCB '
        "conference</a>" in page
    )


def test_search_page_says_when_nothing_matches(archive, client):
    """A query that finds nothing says so and suggests other words."""
    page = text_of(client.get("/search/", {"q": "zeppelin"}))
    assert "0 results for <q>zeppelin</q>. Try fewer or other words." in page
    assert 'class="results"' not in page


def test_search_page_without_a_query_shows_the_box(archive, client):
    """Without a query the page is the search box alone."""
    page = text_of(client.get("/search/"))
    assert '<input id="search-q" type="search" name="q" value=""' in page
    assert "result" not in page.split("<main", 1)[1].split("</main>")[0].replace(
        "search-box", ""
    )


def test_search_escapes_the_query_and_the_data(archive, client):
    """Markup in the query and in the matched data shows as text, only <mark> is added."""
    quote = Quote.objects.get(text__startswith="In today’s world")
    Quote.objects.filter(pk=quote.pk).update(
        text="Zeppelin <script>alert(1)</script> <b>bold</b> zeppelin"
    )
    response = client.get("/search/", {"q": "zeppelin <b>"})
    assertNotContains(response, "<b>bold</b>")
    assertNotContains(response, "<script>alert(1)")
    assertContains(response, "“zeppelin &lt;b&gt;” · Search")
    assertContains(response, "<mark>Zeppelin</mark>")
    if connection.vendor != "postgresql":  # PostgreSQL's headlines leave tags out
        assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")


@pytest.mark.parametrize("size", ["archive", "many_editions"])
def test_search_queries_do_not_grow_with_the_data(
    size, request, client, django_assert_max_num_queries
):
    """Search runs one query a kind, however many rows match."""
    request.getfixturevalue(size)
    with django_assert_max_num_queries(5):
        response = client.get("/search/", {"q": "generated"})
    assert response.status_code == 200


def test_search_flags_an_inferred_year(archive, client):
    """An edition found whose year no source states carries the badge on its year."""
    page = text_of(client.get("/search/", {"q": "Singapore"}))
    result = re.search(r'<a href="/editions/18/">.*?</li>', page).group()
    assert "Singapore 2023" in result
    assert ">Inferred year</span>" in result
    stated = text_of(client.get("/search/", {"q": "Urquiza Lyon"}))
    result = re.search(r'<a href="/editions/20/">.*?</li>', stated).group()
    assert ">Inferred year</span>" in result  # 2025: INTERPOL's release gives no year
