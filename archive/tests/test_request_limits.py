"""Malformed requests get a 4xx, never a 500."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.urls("archive.tests.urls")]


def test_huge_query_string_is_414(client):
    response = client.get("/test/cities/?q=" + "a" * 10_000)
    assert response.status_code == 414
    assert response.content == b"The query string is too long."


def test_invalid_utf8_in_a_parameter_is_400(client):
    response = client.get("/test/cities/", QUERY_STRING="q=%ff%fe")
    assert response.status_code == 400
    assert response.content == b"The query string is not valid UTF-8."


def test_nul_in_a_parameter_is_400_in_the_apis_words(client):
    response = client.get("/api/v1/test/editions/", QUERY_STRING="q=a%00b")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "The address holds a NUL character, which no value can contain."
    }


def test_nul_in_the_path_is_400(client):
    response = client.get("/test/cit%00ies/")
    assert response.status_code == 400
    assert response.content == (
        b"The address holds a NUL character, which no value can contain."
    )


def test_valid_utf8_passes(client, archive):
    response = client.get("/test/cities/", QUERY_STRING="q=Lyon%C3%A9+x")
    assert response.status_code == 200


@pytest.mark.parametrize("size", ["1001", "1000000000", "99999999999999999999999"])
def test_absurd_page_size_is_400_in_json_under_the_api(client, size):
    response = client.get("/api/v1/test/editions/", {"page_size": size})
    assert response.status_code == 400
    assert response.json() == {"page_size": ["Enter a whole number from 1 to 1000."]}


def test_absurd_page_size_is_400_on_a_page(client):
    response = client.get("/test/cities/", {"limit": "5000"})
    assert response.status_code == 400
    assert response.content == b"limit: Enter a whole number from 1 to 1000."


@pytest.mark.parametrize("size", ["1", "50", "1000", "0", "x"])
def test_other_page_sizes_are_the_views_to_judge(client, archive, size):
    assert client.get("/api/v1/test/editions/", {"page_size": size}).status_code == 200


def test_unknown_host_is_400(client):
    response = client.get("/test/cities/", headers={"host": "evil.example"})
    assert response.status_code == 400


def test_unknown_host_is_400_with_the_cache_on(client, settings):
    settings.ARCHIVE_PAGE_CACHE = True
    response = client.get("/test/cities/", headers={"host": "evil.example"})
    assert response.status_code == 400


def test_edition_number_beyond_the_column_is_404(client, archive):
    assert client.get("/editions/99999999999/").status_code == 404
