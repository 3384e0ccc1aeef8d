"""A client is who the trusted proxy says it is, never what its own headers claim."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from archive.proxies import client_address

# A hundred and thirty requests a test.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture
def anonymous_limit(settings):
    """The anonymous API limit at 120 a minute, counted from zero."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "120/min", "user": "off"},
    }
    cache.clear()
    yield
    cache.clear()


def statuses(client, count: int, forwarded_for) -> list[int]:
    return [
        client.get(
            "/api/v1/conferences/20/",
            headers={"x-forwarded-for": forwarded_for(n)},
        ).status_code
        for n in range(count)
    ]


def test_a_client_cannot_escape_the_throttle_with_x_forwarded_for(
    client, archive, anonymous_limit
):
    """No proxy is trusted by default: 130 requests, each claiming another address."""
    answers = statuses(client, 130, lambda n: f"203.0.113.{n % 250}")
    assert answers.count(200) == 120
    assert answers[120:] == [429] * 10


def test_behind_a_trusted_proxy_each_client_has_its_own_limit(
    client, archive, anonymous_limit, settings
):
    settings.ARCHIVE_TRUSTED_PROXIES = ["127.0.0.1"]  # the test client's address
    # Two clients behind the proxy; the first also forges an address of its own.
    first = statuses(client, 125, lambda n: f"192.0.2.{n}, 198.51.100.1")
    second = statuses(client, 3, lambda n: "198.51.100.2")
    assert first == [200] * 120 + [429] * 5
    assert second == [200] * 3


@pytest.mark.parametrize(
    ("trusted", "remote", "forwarded", "client"),
    [
        ([], "192.0.2.1", "203.0.113.9", "192.0.2.1"),
        (["10.0.0.5"], "192.0.2.1", "203.0.113.9", "192.0.2.1"),
        (["10.0.0.5"], "10.0.0.5", "203.0.113.9", "203.0.113.9"),
        (["10.0.0.5"], "10.0.0.5", "6.6.6.6, 203.0.113.9", "203.0.113.9"),
        (["10.0.0.0/8"], "10.0.0.5", "203.0.113.9, 10.1.1.1", "203.0.113.9"),
        (["10.0.0.5"], "10.0.0.5", "", "10.0.0.5"),
        (["10.0.0.5"], "10.0.0.5", "not-an-address", "10.0.0.5"),
    ],
)
def test_the_client_address_is_read_from_the_right(
    settings, trusted, remote, forwarded, client
):
    settings.ARCHIVE_TRUSTED_PROXIES = trusted
    request = RequestFactory().get(
        "/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded
    )
    assert client_address(request.META) == client


def test_an_untrusted_peer_cannot_claim_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = client.get("/healthz", headers={"x-forwarded-proto": "https"})
    assert response.status_code == 301
    settings.ARCHIVE_TRUSTED_PROXIES = ["127.0.0.1"]
    response = client.get("/healthz", headers={"x-forwarded-proto": "https"})
    assert response.status_code == 200
