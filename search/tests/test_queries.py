"""The questions readers ask, answered the same on the page and in the API, on both
databases (CI runs this suite on SQLite and on PostgreSQL)."""

import datetime

import lxml.html
import pytest
from django.db import connection

from conferences.models import Citation, Conference, SourceReport, Topic
from history.services import save_with_history
from speakers.models import Person

pytestmark = pytest.mark.django_db

EDITION_15 = "15th Heads of NCB Conference (2019)"
STOCK_QUOTES = 10  # every quote the archive records from Jürgen Stock (one folded in)


def page_results(client, query: str, **params) -> list[tuple[str, str]]:
    """Return (kind, title) of each result the search page lists, in order."""
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    page = lxml.html.fromstring(response.content)
    return [
        (
            result.xpath("string(p[@class='result__kind'])"),
            result.xpath("string(h2[@class='result__title'])"),
        )
        for result in page.xpath("//li[contains(@class, 'result--')]")
    ]


def api_results(client, query: str, **params) -> dict:
    response = client.get("/api/v1/search/", {"q": query, "page_size": 100, **params})
    assert response.status_code == 200, response.content
    return response.json()


SINGULAR = {
    "edition": "Edition",
    "person": "Person",
    "topic": "Topic",
    "quote": "Quote",
    "source": "Report text",
}


def both(client, query: str) -> list[tuple[str, str]]:
    """Return the first page's results, checking the page and the API agree on them."""
    body = api_results(client, query, page_size=20)
    from_api = [(SINGULAR[r["kind"]], r["title"]) for r in body["results"]]
    assert page_results(client, query) == from_api
    return from_api


@pytest.mark.parametrize(
    "query",
    [
        "2019",
        "15",
        "15th",
        "fifteenth",
        "15th conference",
        "XV",
        "xv",
        "Fifteenth edition",
    ],
)
def test_an_edition_in_any_form_comes_first(client, archive, query):
    """A year, or an edition's number as digits, ordinal, words or roman numerals, finds
    that edition first."""
    assert both(client, query)[0] == ("Edition", EDITION_15)


def test_an_edition_number_is_not_a_prefix(client, archive):
    """`15` finds the 15th, not the 150 delegates of a report; `XV` is not `XVI`."""
    results = both(client, "15")
    assert results[0] == ("Edition", "15th Heads of NCB Conference (2019)")
    # Only the 15th and sources that name it: not the 20th's 150 countries.
    assert {kind for kind, _ in results} == {"Edition", "Report text"}
    assert len([kind for kind, _ in results if kind == "Edition"]) == 1


@pytest.mark.parametrize(
    "query", ["Stock", "Jürgen Stock", "Jurgen", "jürgen", "STOCK"]
)
def test_a_person_then_all_their_words(client, archive, query):
    """A person's name, with or without accents, finds the person first, then every quote
    they said (not only those whose text names them)."""
    results = both(client, query)
    assert results[0] == ("Person", "Jürgen Stock")
    body = api_results(client, query)
    assert body["counts"]["quote"] == STOCK_QUOTES
    quotes = [r for r in body["results"] if r["kind"] == "quote"]
    assert len(quotes) == STOCK_QUOTES
    assert all(r["title"].startswith("Jürgen Stock, ") for r in quotes)
    # His words before the passages that only mention him.
    kinds = [r["kind"] for r in body["results"]]
    assert kinds[1 : 1 + STOCK_QUOTES] == ["quote"] * STOCK_QUOTES


def test_meng_finds_the_person_and_his_quotes(client, archive):
    results = both(client, "Meng")
    assert results[:3] == [
        ("Person", "Meng Hongwei"),
        ("Quote", "Meng Hongwei, 14th Heads of NCB Conference (2018)"),
        ("Quote", "Meng Hongwei, 14th Heads of NCB Conference (2018)"),
    ]


def test_a_person_is_found_by_any_recorded_spelling(client, archive):
    """`al-Raisi` finds Ahmed Naser Al-Raisi, and an added spelling is found at once."""
    assert both(client, "al-Raisi")[0] == ("Person", "Ahmed Naser Al-Raisi")
    stock = Person.objects.get(slug="jurgen-stock")
    stock.other_names += "\nJuergen Stock"
    save_with_history(stock, reason="Another spelling")
    results = both(client, "Juergen")
    assert results[0] == ("Person", "Jürgen Stock")
    assert ("Quote", "Jürgen Stock, 19th Heads of NCB Conference (2024)") in results


@pytest.mark.parametrize(
    "query", ["cybercrime", "Cybercrime", "cybercrim", "CYBERCRIM"]
)
def test_a_topic_first_then_the_editions_that_discussed_it(client, archive, query):
    """A topic's name, or its prefix, finds the topic first, then every edition its page
    lists, then quotes and reports."""
    results = both(client, query)
    assert results[0] == ("Topic", "Cybercrime")
    topic = Topic.objects.for_detail().get(slug="cybercrime")
    editions = [str(c) for c in reversed(topic.editions_discussed)]
    assert results[1 : 1 + len(editions)] == [("Edition", e) for e in editions]
    assert len(editions) == 3


def test_a_topic_is_found_by_a_synonym(client, archive):
    topic = Topic.objects.get(slug="cybercrime")
    topic.synonyms = "computer crime\ncyber-enabled crime"
    save_with_history(topic, reason="Synonyms")
    assert both(client, "computer crime")[0] == ("Topic", "Cybercrime")


def test_a_city_or_country_finds_the_editions_held_there(client, archive):
    results = both(client, "Lyon")
    held = [str(c) for c in Conference.objects.filter(city="Lyon").order_by("-edition")]
    assert results[: len(held)] == [("Edition", e) for e in held]
    assert both(client, "France")[: len(held)] == [("Edition", e) for e in held]


def test_singapore_finds_the_18th_edition(client, archive):
    """Once the 18th edition (Singapore) is in the archive, `Singapore` finds it first."""
    if not Conference.objects.filter(edition=18).exists():
        source = SourceReport.objects.order_by("pk").first()
        eighteenth = save_with_history(
            Conference(
                edition=18,
                year=2023,
                city="Singapore",
                country="Singapore",
                start_date=datetime.date(2023, 4, 18),
            ),
            reason="Test edition",
        )
        Citation.objects.create(
            conference=eighteenth,
            field="city",
            source=source,
            inferred=True,
            reasoning="A test row.",
        )
    assert both(client, "Singapore")[0] == (
        "Edition",
        str(Conference.objects.get(edition=18)),
    )


def test_words_must_all_match(client, archive):
    """Several words find only what contains them all, the edition whose names hold both
    first."""
    assert both(client, "Urquiza Lyon")[0] == (
        "Edition",
        "20th Heads of NCB Conference (2025)",
    )
    assert both(client, "zeppelin") == []


def test_a_plural_finds_the_singular(client, archive):
    assert both(client, "frauds")[0] == ("Topic", "Online financial fraud")


def test_drafts_are_not_found(client, archive):
    """Unpublishing an edition takes it, its quotes and reports out of the results."""
    Conference.objects.get(edition=19).unpublish()
    results = both(client, "Haechi")
    # The topic, and the public record on the operation (records are public already).
    assert results == [
        ("Topic", "Operation Haechi IV"),
        (
            "Report text",
            "Law enforcement Operation HAECHI IV led to the seizure of $300 Million",
        ),
    ]
    Conference.objects.get(edition=19).publish()
    assert ("Edition", "19th Heads of NCB Conference (2024)") in both(client, "Haechi")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm")
@pytest.mark.parametrize(
    ("query", "nearest"),
    [("Jurgen Stok", "Jürgen Stock"), ("Urkiza", "Valdecy Urquiza")],
)
def test_a_misspelling_finds_the_nearest_names_on_postgresql(
    client, archive, query, nearest
):
    """When nothing matches, PostgreSQL offers the nearest names (pg_trgm)."""
    body = api_results(client, query)
    assert body["nearest"] is True
    assert body["results"][0]["title"] == nearest
    assert body["results"][0]["match"] == "nearest name"
    assert both(client, query)[0] == ("Person", nearest)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm")
def test_the_nearest_names_can_come_from_the_trigram_index(client, archive):
    """The nearest names' query asks for names at pg_trgm's word similarity threshold
    (`<%`), which the connection sets to the search's: the trigram index on the names
    answers that, instead of comparing the query with every name (the planner reads the
    index once the archive is large: 1,000 editions)."""
    from django.conf import settings
    from django.test.utils import CaptureQueriesContext

    with connection.cursor() as cursor:
        cursor.execute("SHOW pg_trgm.word_similarity_threshold")
        (threshold,) = cursor.fetchone()
    assert float(threshold) == settings.SEARCH_NEAREST_SIMILARITY
    with CaptureQueriesContext(connection) as queries:
        body = api_results(client, "Urkiza")
    assert body["nearest"] is True
    assert body["results"][0]["title"] == "Valdecy Urquiza"
    assert "'urkiza' <% names" in queries.captured_queries[-1]["sql"]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM search_searchentry WHERE 'urkiza' <% names"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_entry_names_trigram" in plan, plan
