"""The API's content negotiation (api/renderers.py StrictFormatNegotiation) chooses as
DRF's does, its shortcut for clients that accept anything included."""

import pytest
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from api.renderers import CSVRenderer, StrictFormatNegotiation

RENDERERS = [JSONRenderer(), CSVRenderer()]


@pytest.mark.parametrize(
    "path, accept",
    [
        ("/api/v1/conferences/", None),
        ("/api/v1/conferences/", "*/*"),
        ("/api/v1/conferences/", "application/json"),
        ("/api/v1/conferences/", "text/csv"),
        ("/api/v1/conferences/", "text/csv, */*;q=0.1"),
        ("/api/v1/conferences/", "*/*; indent=4"),
        ("/api/v1/conferences/?format=csv", None),
        ("/api/v1/conferences/?format=json", "*/*"),
    ],
)
def test_the_renderer_is_drfs_choice(path, accept):
    headers = {} if accept is None else {"HTTP_ACCEPT": accept}
    request = Request(APIRequestFactory().get(path, **headers))
    ours = StrictFormatNegotiation().select_renderer(request, RENDERERS)
    drfs = DefaultContentNegotiation().select_renderer(request, RENDERERS)
    assert (type(ours[0]), ours[1]) == (type(drfs[0]), drfs[1])


def test_an_empty_format_is_not_found(client):
    assert client.get("/api/v1/conferences/?format=").status_code == 404
