"""/api/v1/search/: the portal's search as JSON and CSV, paged, each result linked."""

import csv
import io

import pytest

pytestmark = pytest.mark.django_db


def test_each_result_names_its_kind_and_links_its_page_and_resource(client, archive):
    body = client.get("/api/v1/search/", {"q": "Stock", "page_size": 100}).json()
    assert body["count"] == 26
    assert body["counts"] == {
        "edition": 5,
        "person": 1,
        "topic": 0,
        "quote": 10,
        "source": 10,
    }
    first = body["results"][0]
    assert first == {
        "rank": 1,
        "kind": "person",
        "match": "name",
        "title": "Jürgen Stock",
        "meta": "Dr Jürgen Stock",
        "snippet": "Jürgen <mark>Stock</mark>, Dr Jürgen <mark>Stock</mark> — "
        "INTERPOL Secretary General from November 2014 to November 2024.",
        "edition": None,
        "year": None,
        "html_url": "http://testserver/people/jurgen-stock/",
        "url": "http://testserver/api/v1/people/jurgen-stock/",
    }
    assert [r["rank"] for r in body["results"]] == list(range(1, 27))
    assert client.get(first["url"]).status_code == 200
    assert client.get(first["html_url"]).status_code == 200


# Slow: 52 requests, two for each of the 26 results. The quick loop follows the first
# result's two links above.
@pytest.mark.slow
def test_every_result_links_a_page_and_a_resource_that_open(client, archive):
    body = client.get("/api/v1/search/", {"q": "Stock", "page_size": 100}).json()
    assert body["count"] == 26
    for result in body["results"]:
        resource = client.get(result["url"])
        assert resource.status_code == 200, result["url"]
        page = client.get(result["html_url"])
        assert page.status_code == 200, result["html_url"]


def test_each_result_is_what_the_serializers_fields_give(client, archive):
    """The serializer writes a result's fields out directly: the same as DRF's field by
    field representation (scheme and host from the request, a page address with a
    fragment, an API resource, the marked snippet)."""
    from rest_framework import serializers
    from rest_framework.test import APIRequestFactory

    from api.serializers.search import SearchResultSerializer
    from search.query import search

    request = APIRequestFactory().get("/api/v1/search/")
    results = search("Stock").results[0:100]
    assert {result.kind for result in results} >= {"person", "quote", "edition"}
    serializer = SearchResultSerializer(
        results, many=True, context={"request": request}
    )
    generic = [
        serializers.Serializer.to_representation(serializer.child, result)
        for result in results
    ]
    assert serializer.data == generic
    assert [list(data) for data in serializer.data] == [list(generic[0])] * len(generic)
    quote = next(data for data in serializer.data if data["kind"] == "quote")
    assert quote["html_url"].startswith("http://testserver/editions/")
    assert "#quote-" in quote["html_url"]


def test_results_are_paged_like_the_other_lists(client, archive):
    first = client.get("/api/v1/search/", {"q": "Stock", "page_size": 5}).json()
    assert first["count"] == 26 and len(first["results"]) == 5
    assert (
        first["next"] == "http://testserver/api/v1/search/?page=2&page_size=5&q=Stock"
    )
    second = client.get(first["next"]).json()
    assert [r["rank"] for r in second["results"]] == [6, 7, 8, 9, 10]
    assert client.get("/api/v1/search/", {"q": "Stock", "page": 9}).status_code == 404


def test_results_filter_by_kind_and_edition_range(client, archive):
    body = client.get(
        "/api/v1/search/",
        {"q": "Stock", "kind": "quote", "edition_min": 19, "edition_max": 19},
    ).json()
    assert {r["kind"] for r in body["results"]} == {"quote"}
    assert {r["edition"] for r in body["results"]} == {19}
    assert body["count"] == body["counts"]["quote"] == len(body["results"])


def test_results_come_as_csv(client, archive):
    response = client.get("/api/v1/search/", {"q": "Meng", "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["rank"], r["kind"], r["title"]) for r in rows[:2]] == [
        ("1", "person", "Meng Hongwei"),
        ("2", "quote", "Meng Hongwei, 14th Heads of NCB Conference (2018)"),
    ]


@pytest.mark.parametrize(
    ("params", "errors"),
    [
        ({}, {"q": ["Give the words to search for."]}),
        ({"q": " "}, {"q": ["Give the words to search for."]}),
        (
            {"q": "Lyon", "kind": "place"},
            {
                "kind": [
                    "Select a valid choice. place is not one of the available choices."
                ]
            },
        ),
        ({"q": "Lyon", "edition_min": "x"}, {"edition_min": ["Enter a whole number."]}),
        (
            {"q": "Lyon", "edition_min": "20", "edition_max": "15"},
            {
                "non_field_errors": [
                    "The first edition of the range comes after the last."
                ]
            },
        ),
        (
            {"q": "x" * 201},
            {"q": ["Ensure this value has at most 200 characters (it has 201)."]},
        ),
    ],
)
def test_bad_parameters_are_a_400_that_says_why(client, archive, params, errors):
    response = client.get("/api/v1/search/", params)
    assert response.status_code == 400
    assert response.json() == errors


def test_search_is_read_only(client, archive):
    assert client.post("/api/v1/search/", {}).status_code in {403, 405}


@pytest.mark.parametrize("size", ["archive", "many_editions"])
def test_search_api_queries_do_not_grow_with_the_data(
    size, request, client, django_assert_max_num_queries
):
    request.getfixturevalue(size)
    with django_assert_max_num_queries(2):
        response = client.get("/api/v1/search/", {"q": "generated", "page_size": 100})
    assert response.status_code == 200
    # Nothing matches: on PostgreSQL, the nearest names, read with the page.
    with django_assert_max_num_queries(2):
        response = client.get("/api/v1/search/", {"q": "Generatd"})
    assert response.status_code == 200


def test_the_schema_documents_the_search(openapi_schema):
    schema = openapi_schema
    operation = schema["paths"]["/api/v1/search/"]["get"]
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert set(parameters) >= {
        "q",
        "kind",
        "edition_min",
        "edition_max",
        "page",
        "page_size",
    }
    assert parameters["q"]["required"] is True
    assert set(parameters["kind"]["schema"]["enum"]) == {
        "edition",
        "person",
        "topic",
        "quote",
        "source",
    }
    assert parameters["edition_min"]["schema"]["minimum"] == 1
    page = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert page["$ref"].endswith("PaginatedSearchResultList")
    component = schema["components"]["schemas"]["PaginatedSearchResultList"]
    assert {"count", "next", "previous", "results", "counts", "nearest"} <= set(
        component["properties"]
    )
