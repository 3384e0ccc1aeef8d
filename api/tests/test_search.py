"""The API's `search=` looks where the portal's search looks: each model's SEARCH_FIELDS."""

import pytest

from conferences.search import search

pytestmark = pytest.mark.django_db


def portal_titles(query: str) -> dict[str, list[str]]:
    return {group.kind: [r.title for r in group.results] for group in search(query)}


def api_results(client, resource: str, query: str) -> list[dict]:
    return client.get(f"/api/v1/{resource}/", {"search": query}).json()["results"]


def test_an_editions_format_is_searched_by_both(client, archive):
    """A word only in an edition's format finds it on the portal and in the API."""
    assert portal_titles("roundtable")["Editions"] == [
        "20th Heads of NCB Conference (2025)"
    ]
    assert [c["edition"] for c in api_results(client, "conferences", "roundtable")] == [
        20
    ]


def test_a_quotes_speaker_is_searched_by_both(client, archive):
    """A speaker's name finds the words they said on the portal and in the API."""
    assert (
        portal_titles("Urquiza")["Quotes"]
        == ["Valdecy Urquiza, 20th Heads of NCB Conference (2025)"] * 2
    )
    quotes = api_results(client, "quotes", "Urquiza")
    assert [(q["person"]["slug"], q["edition"]) for q in quotes] == [
        ("valdecy-urquiza", 20)
    ] * 2
