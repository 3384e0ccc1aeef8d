"""Fixtures of the API's tests."""

import pytest
from django.test import Client


@pytest.fixture(scope="session")
def openapi_schema(django_db_setup, django_db_blocker) -> dict:
    """The API's OpenAPI schema as /api/schema/ serves it in English, fetched once.

    Generating it takes about half a second, and several tests read it: they only read.
    """
    with django_db_blocker.unblock():
        response = Client().get("/api/schema/", headers={"accept": "application/json"})
    assert response.status_code == 200
    return response.json()
