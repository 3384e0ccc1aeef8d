"""Sources written through the API: a report without a published edition stays unpublished."""

import pytest
from django.test import Client

from api.tests.test_writes import patch, post, token_client  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

SOURCES = "/api/v1/sources/"


def test_a_report_without_an_edition_is_staffs_to_edit_but_not_public(
    token_client,  # noqa: F811
    archive,
):
    """Staff create and edit a report not yet tied to an edition; readers do not see it."""
    created = post(
        token_client,
        SOURCES,
        {
            "slug": "kigali-2026",
            "raw_text": "Some words of a report.",
            "publisher": "X",
        },
    )
    assert created.status_code == 201, created.content
    assert created.json()["slug"] == "kigali-2026"
    changed = patch(token_client, f"{SOURCES}kigali-2026/", {"publisher": "Y"})
    assert changed.status_code == 200, changed.content
    assert changed.json()["publisher"] == "Y"

    reader = Client()
    assert reader.get(f"{SOURCES}kigali-2026/").status_code == 404
    assert "kigali-2026" not in reader.get(SOURCES).content.decode()
    assert reader.get("/sources/kigali-2026/").status_code == 404
