"""Writes through the API: staff with permissions only, validated as in the admin."""

import pytest
from django.contrib.auth.models import Permission, User
from django.core.cache import cache
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from conferences.models import Conference, Topic
from speakers.models import Quote

pytestmark = pytest.mark.django_db

TOPICS = "/api/v1/topics/"
QUOTES = "/api/v1/quotes/"


@pytest.fixture
def token_client(staff_user):
    """A script's client: a staff archivist's token, no session, no CSRF."""
    token = Token.objects.create(user=staff_user)
    return Client(headers={"authorization": f"Token {token.key}"})


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def patch(client, url, data):
    return client.patch(url, data, content_type="application/json")


def test_anonymous_users_cannot_write(client, archive):
    """Anonymous writes are refused with a JSON message; nothing changes."""
    response = post(client, TOPICS, {"name": "Piracy", "slug": "piracy"})
    assert response.status_code == 403
    assert response.json() == {
        "detail": "Authentication credentials were not provided."
    }
    assert client.delete("/api/v1/topics/cybercrime/").status_code == 403
    assert Topic.objects.filter(slug__in=["piracy", "cybercrime"]).count() == 1


@pytest.mark.parametrize("is_staff, has_permission", [(True, False), (False, True)])
def test_writes_need_staff_and_the_model_permission(
    client, archive, is_staff, has_permission
):
    """A staff account without the permission, or a non-staff one with it, is refused."""
    user = User.objects.create_user("someone", is_staff=is_staff)
    if has_permission:
        user.user_permissions.add(Permission.objects.get(codename="add_topic"))
    client.force_login(user)
    response = post(client, TOPICS, {"name": "Piracy", "slug": "piracy"})
    assert response.status_code == 403
    assert response.json() == {
        "detail": "You do not have permission to perform this action."
    }


def test_staff_create_update_and_delete_with_a_token(token_client, archive):
    """A staff token creates, changes and deletes a topic; answers have the read shape."""
    response = post(
        token_client, TOPICS, {"name": "Piracy", "slug": "piracy", "kind": "crime_area"}
    )
    assert response.status_code == 201
    assert response.json() == {
        "name": "Piracy",
        "slug": "piracy",
        "kind": "crime_area",
        "description": "",
        "edition_count": 0,
        "url": "http://testserver/api/v1/topics/piracy/",
        "html_url": "http://testserver/topics/piracy/",
        "editions": [],
    }
    response = patch(token_client, f"{TOPICS}piracy/", {"description": "At sea."})
    assert response.status_code == 200
    assert response.json()["description"] == "At sea."
    assert token_client.delete(f"{TOPICS}piracy/").status_code == 204
    assert not Topic.objects.filter(slug="piracy").exists()


def test_an_edition_update_answers_with_the_full_edition(token_client, archive):
    """PATCHing an edition answers with its detail, leaders and citations included."""
    response = patch(
        token_client,
        "/api/v1/conferences/20/",
        {"venue": "INTERPOL General Secretariat"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["venue"] == "INTERPOL General Secretariat"
    assert body["delegates"] == 310
    assert [leader["slug"] for leader in body["leaders"]] == [
        "ahmed-naser-al-raisi",
        "valdecy-urquiza",
    ]
    assert len(body["quotes"]) == 4


def test_session_writes_need_the_csrf_token(staff_user, archive):
    """A browser session must send its CSRF token; with it, the write goes through."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(staff_user)
    refused = post(browser, TOPICS, {"name": "Piracy", "slug": "piracy"})
    assert refused.status_code == 403
    assert refused.json()["detail"].startswith("CSRF Failed")
    browser.get("/api/v1/topics/")
    browser.cookies["csrftoken"] = "a" * 32
    accepted = browser.post(
        TOPICS,
        {"name": "Piracy", "slug": "piracy"},
        content_type="application/json",
        headers={"x-csrftoken": "a" * 32},
    )
    assert accepted.status_code == 201


def quote_body(**changes):
    body = {
        "text": "There will be no strong INTERPOL without strong NCBs.",
        "kind": "direct",
        "person": "valdecy-urquiza",
        "edition": 20,
        "source": "000-a42205c1",
        "excerpt": "INTERPOL Secretary General Valdecy Urquiza said:",
        "position": 9,
    }
    return {**body, **changes}


def test_staff_add_a_quote_that_stands_in_its_report(token_client, archive):
    """A quote in its report's words, by someone who appeared, is created."""
    response = post(token_client, QUOTES, quote_body())
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["person"] == {"name": "Valdecy Urquiza", "slug": "valdecy-urquiza"}
    assert body["edition"] == 20
    assert Quote.objects.filter(pk=body["id"], position=9).exists()


@pytest.mark.parametrize(
    "changes, errors",
    [
        (
            {"text": "We will abolish the NCBs."},
            {
                "text": [
                    "These words are not in the text of the report “INTERPOL news "
                    "release on the 20th Heads of NCB conference”."
                ]
            },
        ),
        (
            {"excerpt": "Urquiza shouted:"},
            {
                "excerpt": [
                    "This excerpt is not in the text of the report “INTERPOL news "
                    "release on the 20th Heads of NCB conference”."
                ]
            },
        ),
        (
            {"person": "meng-hongwei"},
            {
                "person": [
                    "Meng Hongwei is not recorded as appearing at the 20th Heads of "
                    "NCB Conference (2025): add their appearance first."
                ]
            },
        ),
        (
            {"person": "nobody"},
            {"person": ["Object with slug=nobody does not exist."]},
        ),
    ],
)
def test_quotes_that_break_the_archives_rules_are_400s(
    token_client, archive, changes, errors
):
    """Words not in the report, a bad excerpt, or a speaker who was not there: 400."""
    response = post(token_client, QUOTES, quote_body(**changes))
    assert response.status_code == 400
    assert response.json() == errors
    assert Quote.objects.count() == 24


def test_an_edition_dated_outside_its_year_is_a_400(token_client, archive):
    """Model validation runs on updates: a start date must fall in the edition's year."""
    response = patch(
        token_client, "/api/v1/conferences/20/", {"start_date": "2024-02-11"}
    )
    assert response.status_code == 400
    assert response.json() == {
        "start_date": ["This date is not in the edition's year, 2025."]
    }


def test_fewer_delegates_than_countries_is_a_400(token_client, archive):
    """A value its source does not support is a 400 that quotes the source."""
    response = patch(token_client, "/api/v1/conferences/20/", {"delegates": 100})
    assert response.status_code == 400
    assert response.json() == {
        # 100 is not what the report says (conferences/support.py): that comes first.
        "delegates": [
            "Delegates 100 is not what its source says: “Bringing together some 310 "
            "delegates from 150 countries, the three-day (11 – 13 February) meeting "
            "will discuss strategies for using INTERPOL’s capabilities and network to "
            "tackle current and emerging security risks.”. Change the value back, or "
            "record a "
            "correction: the reason, and a citation that supports the new value or "
            "the evidence that the source is wrong."
        ],
    }
    assert Conference.objects.get(edition=20).delegates == 310


def test_a_malformed_body_is_a_400(token_client, archive):
    """A body that is not JSON is a 400 that says so."""
    response = token_client.post(TOPICS, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error")


def test_a_change_on_a_stale_etag_is_refused_with_412(token_client, archive):
    """If-Match with the ETag of a GET: the first change passes, a second change made
    on the same (now stale) copy is refused, and the record keeps the first change."""
    url = "/api/v1/conferences/20/"
    etag = token_client.get(url)["ETag"]
    first = patch_if_match(token_client, url, {"venue": "Lyon HQ"}, etag)
    assert first.status_code == 200
    assert first["ETag"] == token_client.get(url)["ETag"] != etag
    second = patch_if_match(token_client, url, {"venue": "Elsewhere"}, etag)
    assert second.status_code == 412
    assert second.json()["detail"].startswith("The record changed since you read it")
    assert Conference.objects.get(edition=20).venue == "Lyon HQ"
    topic = token_client.get(f"{TOPICS}cybercrime/")["ETag"]
    Topic.objects.filter(slug="cybercrime").update(description="Changed meanwhile.")
    response = token_client.delete(f"{TOPICS}cybercrime/", headers={"if-match": topic})
    assert response.status_code == 412


def test_if_match_with_the_current_etag_or_a_star_passes(token_client, archive):
    """The current ETag, or `*`, lets the change through; no If-Match changes as before."""
    url = "/api/v1/conferences/20/"
    assert patch_if_match(token_client, url, {"venue": "A"}, "*").status_code == 200
    etag = token_client.get(url)["ETag"]
    assert patch_if_match(token_client, url, {"venue": "B"}, etag).status_code == 200
    assert patch(token_client, url, {"venue": "C"}).status_code == 200
    assert Conference.objects.get(edition=20).venue == "C"


def patch_if_match(client, url, data, etag):
    return client.patch(
        url, data, content_type="application/json", headers={"if-match": etag}
    )


def test_a_body_nested_too_deeply_is_a_400(token_client, archive):
    """100,000 nested arrays are refused with a JSON 400, not a RecursionError's 500."""
    body = "[" * 100_000 + "]" * 100_000
    response = token_client.post(TOPICS, body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "JSON parse error - the body is nested too deeply."
    }


def test_a_body_over_the_upload_limit_is_a_json_400(token_client, archive, settings):
    """A body over DATA_UPLOAD_MAX_MEMORY_SIZE gets a JSON 400 naming the limit."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = '{"name": "' + "x" * 2000 + '", "slug": "long"}'
    response = token_client.post(TOPICS, body, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "detail": "The request body is too large: at most 1,000 bytes."
    }
    assert not Topic.objects.filter(slug="long").exists()


def test_deleting_a_record_others_refer_to_is_a_409(token_client, archive):
    """A topic discussed at editions cannot be deleted: 409 naming what holds it."""
    response = token_client.delete(f"{TOPICS}cybercrime/")
    assert response.status_code == 409
    assert response.json() == {
        "detail": "This record cannot be deleted while other records refer to it: "
        "topics discussed."
    }
    assert Topic.objects.filter(slug="cybercrime").exists()


def test_anonymous_requests_are_throttled(client, archive, settings):
    """Past the anonymous rate, requests get a 429 with a JSON message."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/min", "user": "off"},
    }
    cache.delete("throttle_anon_127.0.0.1")
    assert [client.get(TOPICS).status_code for _ in range(3)] == [200, 200, 429]
    response = client.get(TOPICS)
    assert response.json()["detail"].startswith("Request was throttled.")
    assert int(response["Retry-After"]) > 0
    cache.delete("throttle_anon_127.0.0.1")


def test_a_rate_of_off_lifts_the_limit(token_client, archive, settings):
    """`off` lifts a limit: the user rate is off, though the anonymous one is low."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "1/min", "user": "off"},
    }
    assert {token_client.get(TOPICS).status_code for _ in range(5)} == {200}


def test_anonymous_clients_are_limited_by_the_anonymous_rate_alone(
    client, archive, settings
):
    """With the anonymous rate off, a low user rate does not limit anonymous clients."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "off", "user": "1/min"},
    }
    cache.clear()
    assert [client.get(TOPICS).status_code for _ in range(4)] == [200] * 4


def test_signed_in_clients_are_limited_by_the_user_rate_alone(
    token_client, archive, settings
):
    """A signed-in client gets the user rate, whatever the anonymous rate says."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "off", "user": "2/min"},
    }
    cache.clear()
    assert [token_client.get(TOPICS).status_code for _ in range(3)] == [200, 200, 429]
    cache.clear()


def test_a_key_with_a_nul_character_is_a_400(token_client, archive):
    """A related key holding a NUL is refused as unknown, before any query."""
    response = post(token_client, QUOTES, quote_body(source="000\x00"))
    assert response.status_code == 400
    assert response.json() == {"source": ["Object with slug=000\x00 does not exist."]}


def test_values_of_the_wrong_json_type_are_400s(token_client, archive):
    """A number where a string is documented, or a string for a number, is refused."""
    response = patch(
        token_client,
        "/api/v1/conferences/20/",
        {"delegates": "311", "city": 7, "edition": True},
    )
    assert response.status_code == 400
    assert response.json() == {
        "delegates": ["Expected a whole number."],
        "city": ["Expected a string."],
        "edition": ["Expected a whole number."],
    }
    response = post(token_client, QUOTES, quote_body(edition="20"))
    assert response.json() == {"edition": ["Expected a whole number."]}


def test_api_writes_are_in_the_history_with_their_author(
    token_client, staff_user, archive
):
    """A change made with a token is recorded in the edit history under its user."""
    patch(token_client, "/api/v1/conferences/20/", {"venue": "Lyon HQ"})
    change = Conference.objects.get(edition=20).history.latest()
    assert change.venue == "Lyon HQ"
    assert change.history_type == "~"
    assert change.history_user == staff_user


@pytest.fixture
def api_client(staff_user):
    """DRF's test client with a staff archivist's token."""
    client = APIClient()
    client.credentials(
        HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=staff_user).key}"
    )
    return client


def last_change(model, **lookup):
    """The newest history entry of a row, deleted or not: (type, user, reason)."""
    record = model.history.filter(**lookup).order_by("-history_date", "-history_id")[0]
    return record.history_type, record.history_user, record.history_change_reason


def test_api_create_update_and_delete_record_the_user_and_the_reason(
    api_client, staff_user, archive
):
    """Each write's history entry names its user and the reason it gave, by header or
    by the body's change_reason."""
    api_client.post(
        TOPICS,
        {"name": "Piracy", "slug": "piracy", "kind": "crime_area"},
        format="json",
        headers={"X-Change-Reason": "On the 2026 agenda"},
    )
    assert last_change(Topic, slug="piracy") == ("+", staff_user, "On the 2026 agenda")
    api_client.patch(
        f"{TOPICS}piracy/",
        {"description": "At sea.", "change_reason": "Described"},
        format="json",
    )
    assert last_change(Topic, slug="piracy") == ("~", staff_user, "Described")
    response = api_client.delete(
        f"{TOPICS}piracy/", headers={"X-Change-Reason": "Not discussed after all"}
    )
    assert response.status_code == 204
    assert last_change(Topic, slug="piracy") == (
        "-",
        staff_user,
        "Not discussed after all",
    )


def test_an_api_delete_takes_the_reason_in_its_body_or_the_default(
    api_client, staff_user, archive
):
    for slug in ("piracy", "smuggling"):
        post_topic = {"name": slug.title(), "slug": slug, "kind": "crime_area"}
        api_client.post(TOPICS, post_topic, format="json")
    api_client.delete(
        f"{TOPICS}piracy/", {"change_reason": "A duplicate"}, format="json"
    )
    assert last_change(Topic, slug="piracy") == ("-", staff_user, "A duplicate")
    api_client.delete(f"{TOPICS}smuggling/")
    assert last_change(Topic, slug="smuggling") == (
        "-",
        staff_user,
        "Changed through the API",
    )


def test_an_api_delete_with_a_reason_too_long_is_a_400(api_client, archive):
    """A reason over the history's 100 characters is refused, not cut; nothing is deleted."""
    response = api_client.delete(
        "/api/v1/topics/cybercrime/", headers={"X-Change-Reason": "x" * 101}
    )
    assert response.status_code == 400
    assert response.json() == {
        "change_reason": ["Keep the reason to 100 characters or fewer."]
    }
    assert Topic.objects.filter(slug="cybercrime").exists()
