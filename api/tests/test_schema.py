"""The OpenAPI schema describes the API truthfully, and the docs need no CDN."""

import lxml.html
import pytest

pytestmark = pytest.mark.django_db

RESOURCES = ["conferences", "people", "quotes", "sources", "topics"]
PROVENANCE = [
    "appearances",
    "citations",
    "key-figures",
    "round-tables",
    "delegations",
    "topic-links",
]


def test_schema_describes_every_endpoint(client):
    """The schema is OpenAPI 3 and lists each resource, its item and the statistics."""
    response = client.get("/api/schema/", headers={"accept": "application/json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        "/api/v1/conferences/",
        "/api/v1/conferences/{edition}/",
        "/api/v1/people/",
        "/api/v1/people/{slug}/",
        "/api/v1/quotes/",
        "/api/v1/quotes/{id}/",
        "/api/v1/sources/",
        "/api/v1/sources/{slug}/",
        "/api/v1/topics/",
        "/api/v1/topics/{slug}/",
        "/api/v1/search/",
        "/api/v1/stats/attendance/",
        "/api/v1/stats/topics/",
        "/api/v1/conferences/{edition}/history/",
        "/api/v1/conferences/{edition}/publish/",
        "/api/v1/conferences/{edition}/unpublish/",
        "/api/v1/corrections/",
        "/api/v1/corrections/{id}/",
        "/api/v1/consistency/",
        *(f"/api/v1/{resource}/" for resource in PROVENANCE),
        *(f"/api/v1/{resource}/{{id}}/" for resource in PROVENANCE),
    }
    for resource in RESOURCES + PROVENANCE:
        assert set(schema["paths"][f"/api/v1/{resource}/"]) == {"get", "post"}
    conference_list = schema["paths"]["/api/v1/conferences/"]["get"]
    parameters = {p["name"] for p in conference_list["parameters"]}
    assert parameters >= {
        "year",
        "year_min",
        "year_max",
        "topic",
        "person",
        "delegates_min",
        "search",
        "ordering",
        "page",
        "page_size",
        "format",
    }
    assert set(conference_list["responses"]) == {
        "200",
        "304",
        "400",
        "404",
        "414",
        "429",
    }
    for resource in PROVENANCE:
        item = schema["paths"][f"/api/v1/{resource}/{{id}}/"]
        assert set(item) == {"get", "put", "patch", "delete"}
        assert "409" in item["delete"]["responses"]
        parameters = {
            p["name"]
            for p in schema["paths"][f"/api/v1/{resource}/"]["get"]["parameters"]
        }
        assert "edition" in parameters


def test_schema_documents_if_match_and_412_on_changes(openapi_schema):
    """PUT, PATCH and DELETE take an optional If-Match header and may answer 412."""
    schema = openapi_schema
    item = schema["paths"]["/api/v1/conferences/{edition}/"]
    for method in ("put", "patch", "delete"):
        headers = {
            p["name"]: p.get("required", False)
            for p in item[method]["parameters"]
            if p["in"] == "header"
        }
        assert headers == {"If-Match": False, "X-Change-Reason": False}
        assert "412" in item[method]["responses"]
    assert "412" not in item["get"]["responses"]
    assert not [p for p in item["get"]["parameters"] if p["in"] == "header"]


def test_schema_documents_limits_of_parameters_and_414(client, openapi_schema):
    """page_size's maximum, the numeric filters' range, and the 414 of a long query."""
    schema = openapi_schema
    operation = schema["paths"]["/api/v1/conferences/"]["get"]
    parameters = {p["name"]: p["schema"] for p in operation["parameters"]}
    assert parameters["page_size"] == {"type": "integer", "minimum": 1, "maximum": 1000}
    for name in ("year", "year_min", "year_max", "delegates_min"):
        assert parameters[name] == {
            "type": "integer",
            "minimum": 0,
            "maximum": 2_147_483_647,
        }
    assert "414" in operation["responses"]
    response = client.get("/api/v1/conferences/?search=" + "x" * 3000)
    assert response.status_code == 414
    assert response.json() == {"detail": "The query string is too long."}


def test_docs_page_loads_only_our_own_assets(client):
    """Swagger UI comes from our static files, with no inline script and no CDN."""
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    scripts = lxml.html.fromstring(html).xpath("//script")
    sources = [script.get("src") for script in scripts if script.get("src")]
    assert any("swagger-ui-bundle" in src for src in sources)
    assert all(src.startswith("/") for src in sources), sources
    # No inline script: a script without src has no code either.
    assert [s for s in scripts if not s.get("src") and (s.text or "").strip()] == []
    assert "cdn" not in html.lower()
    assert "http://" not in html and "https://" not in html
