"""Addresses under /api/ that name nothing, or cannot name anything, answer JSON errors."""

import pytest

pytestmark = pytest.mark.django_db


def test_an_unknown_api_address_is_a_json_404(client):
    """An address under /api/ that names nothing answers JSON, not an HTML page."""
    for url in (
        "/api/v1/conferences/abc/",
        "/api/v1/nothing/",
        "/api/v1/people/a.b/",
        "/api/",
        "/api/nothing",
        "/api/v1/nothing",
        "/api/v1/conferences/abc",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"] == "application/json"
        assert response.json() == {"detail": "Not found."}


def test_an_api_address_without_its_final_slash_is_redirected(client, archive):
    """A known address missing its slash is redirected to it, query string and all."""
    for url, location in (
        ("/api/v1", "/api/v1/"),
        ("/api/v1/conferences", "/api/v1/conferences/"),
        ("/api/v1/conferences/19?format=csv", "/api/v1/conferences/19/?format=csv"),
        ("/api/schema", "/api/schema/"),
    ):
        response = client.get(url)
        assert response.status_code == 301, url
        assert response["Location"] == location


def test_nul_characters_are_refused_not_a_server_error(client, archive):
    """A NUL in a filter or a key is a 400 (PostgreSQL cannot even search for one)."""
    for url in (
        "/api/v1/conferences/?topic=%00",
        "/api/v1/people/a%00b/",
        "/api/v1/conferences/?x%00=1",
    ):
        response = client.get(url)
        assert response.status_code == 400
        assert response.json() == {
            "detail": "The address holds a NUL character, which no value can contain."
        }


def test_every_api_address_resolves_as_the_router_lists_it():
    """The busiest resources' patterns come first (api/urls.py): each address the router
    makes still resolves to its own view."""
    from django.urls import resolve

    from api.urls import router

    for prefix, viewset, basename in router.registry:
        match = resolve(f"/api/v1/{prefix}/")
        assert match.url_name == f"{basename}-list"
        assert match.func.cls is viewset
        suffixed = resolve(f"/api/v1/{prefix}.json")
        assert (suffixed.url_name, suffixed.kwargs) == (
            f"{basename}-list",
            {"format": "json"},
        )
