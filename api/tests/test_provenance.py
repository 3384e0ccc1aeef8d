"""The provenance rows as resources: appearances, citations, key figures, round tables,
delegations and topic links, read by anyone and written by staff, validated as in the
admin."""

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from conferences.models import (
    Citation,
    Conference,
    ConferenceTopic,
    Delegation,
    KeyFigure,
    RoundTable,
    Topic,
)
from speakers.models import Appearance

pytestmark = pytest.mark.django_db

REPORT_20 = "INTERPOL news release on the 20th Heads of NCB conference"
SOURCE_20 = "000-a42205c1"
NOT_IN_REPORT = f"This excerpt is not in the text of the report “{REPORT_20}”."

# Each resource: its address, its model, and a body that stands in the 20th's report.
RESOURCES = {
    "appearances": (
        Appearance,
        {
            "edition": 20,
            "person": "meng-hongwei",
            "office": "interpol-president",
            "role": "INTERPOL President",
            "source": SOURCE_20,
            "excerpt": "INTERPOL Secretary General Valdecy Urquiza said",
        },
        {"role": "President of INTERPOL"},
    ),
    "citations": (
        Citation,
        {
            "edition": 20,
            "field": "venue",
            "source": SOURCE_20,
            "excerpt": "the three-day (11 – 13 February) meeting",
            "inferred": False,
            "reasoning": "",
        },
        {"inferred": True, "reasoning": "The meeting is the venue's."},
    ),
    "key-figures": (
        KeyFigure,
        {
            "edition": 20,
            "label": "Law enforcement officials",
            "value": 310,
            "unit": "officials",
            "qualifier": "",
            "period": "",
            "position": 5,
            "source": SOURCE_20,
            "excerpt": "brings together 310 law enforcement officials",
        },
        {"value": 311, "qualifier": "nearly"},
    ),
    "round-tables": (
        RoundTable,
        {
            "edition": 20,
            "region": "Africa",
            "position": 5,
            "source": SOURCE_20,
            "excerpt": "the three-day (11 – 13 February) meeting",
        },
        {"region": "Africa and the Middle East"},
    ),
    "delegations": (
        Delegation,
        {
            "edition": 20,
            "country": "France",
            "description": "",
            "position": 1,
            "source": SOURCE_20,
            "excerpt": "LYON, France – Senior police officials from around the world",
        },
        {"description": "Senior police officials"},
    ),
    "topic-links": (
        ConferenceTopic,
        {
            "edition": 20,
            "topic": "artificial-intelligence",
            "source": SOURCE_20,
            "excerpt": "the three-day (11 – 13 February) meeting",
        },
        {"excerpt": "brings together 310 law enforcement officials"},
    ),
}


@pytest.fixture
def token_client(staff_user):
    token = Token.objects.create(user=staff_user)
    return Client(headers={"authorization": f"Token {token.key}"})


def url(resource, pk=None):
    return f"/api/v1/{resource}/" + (f"{pk}/" if pk else "")


def fresh_body(resource):
    """The resource's body, for a row the archive does not hold yet."""
    _, body, _ = RESOURCES[resource]
    if resource == "topic-links":
        # The 20th edition may already discuss the topic: pick one it does not.
        taken = ConferenceTopic.objects.filter(conference__edition=20).values("topic")
        body = {**body, "topic": Topic.objects.exclude(pk__in=taken).first().slug}
    return body


@pytest.mark.parametrize("resource", RESOURCES)
def test_anyone_reads_lists_and_details(client, archive, resource):
    """Lists are paged and filtered by edition; each row has its edition and report."""
    edition = RESOURCES[resource][0].objects.first().conference.edition
    response = client.get(url(resource), {"edition": edition, "page_size": 100})
    assert response.status_code == 200
    results = response.json()["results"]
    assert results and {row["edition"] for row in results} == {edition}
    assert all(row["source"] for row in results)
    detail = client.get(results[0]["url"])
    assert detail.status_code == 200
    assert detail.json() == results[0]
    csv = client.get(url(resource), {"format": "csv"})
    assert csv.status_code == 200
    assert csv["content-type"].startswith("text/csv")


@pytest.mark.parametrize("resource", RESOURCES)
def test_anonymous_writes_are_refused(client, archive, resource):
    model, body, changes = RESOURCES[resource]
    row = model.objects.first()
    count = model.objects.count()
    assert client.post(
        url(resource), body, content_type="application/json"
    ).status_code in {401, 403}
    assert client.patch(
        url(resource, row.pk), changes, content_type="application/json"
    ).status_code in {401, 403}
    assert client.delete(url(resource, row.pk)).status_code in {401, 403}
    assert model.objects.count() == count


@pytest.mark.parametrize("resource", RESOURCES)
def test_staff_create_update_and_delete(token_client, archive, resource):
    """A staff token with the model's permissions creates, changes and deletes a row."""
    model, _, changes = RESOURCES[resource]
    body = fresh_body(resource)
    response = token_client.post(url(resource), body, content_type="application/json")
    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["edition"] == 20 and created["source"] == SOURCE_20
    pk = created["id"]
    response = token_client.patch(
        url(resource, pk), changes, content_type="application/json"
    )
    assert response.status_code == 200, response.json()
    for name, value in changes.items():
        assert response.json()[name] == value
    response = token_client.put(
        url(resource, pk), body, content_type="application/json"
    )
    assert response.status_code == 200, response.json()
    assert token_client.delete(url(resource, pk)).status_code == 204
    assert not model.objects.filter(pk=pk).exists()


@pytest.mark.parametrize("resource", RESOURCES)
def test_an_excerpt_not_in_its_report_is_a_400(token_client, archive, resource):
    model, _, _ = RESOURCES[resource]
    count = model.objects.count()
    body = {**fresh_body(resource), "excerpt": "Urquiza shouted:"}
    response = token_client.post(url(resource), body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"excerpt": [NOT_IN_REPORT]}
    assert model.objects.count() == count


def test_an_inferred_citation_without_reasoning_is_a_400(token_client, archive):
    body = {**RESOURCES["citations"][1], "inferred": True, "reasoning": "  "}
    response = token_client.post(
        url("citations"), body, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "reasoning": ["An inferred value needs its reasoning: how it follows."]
    }
    citation = Citation.objects.filter(conference__edition=20, inferred=False).first()
    response = token_client.patch(
        url("citations", citation.pk),
        {"inferred": True},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert set(response.json()) == {"reasoning"}


def test_a_stated_citation_without_excerpt_is_a_400(token_client, archive):
    body = {**RESOURCES["citations"][1], "excerpt": ""}
    response = token_client.post(
        url("citations"), body, content_type="application/json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"excerpt"}


def test_a_second_row_for_the_same_keys_is_a_400(token_client, archive):
    """The unique constraints answer as 400s with the model's message."""
    link = ConferenceTopic.objects.filter(conference__edition=20).first()
    body = {
        "edition": 20,
        "topic": link.topic.slug,
        "source": SOURCE_20,
        "excerpt": link.excerpt,
    }
    response = token_client.post(
        url("topic-links"), body, content_type="application/json"
    )
    assert response.status_code == 400
    assert "__all__" in response.json()


def test_unknown_keys_and_drafts_are_400s(token_client, archive):
    Conference.objects.filter(edition=20).update(status=Conference.Status.DRAFT)
    body = {**RESOURCES["round-tables"][1], "source": "nothing"}
    response = token_client.post(
        url("round-tables"), body, content_type="application/json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"edition", "source"}


@pytest.mark.parametrize("resource", RESOURCES)
def test_rows_of_draft_editions_are_hidden(client, archive, resource):
    model = RESOURCES[resource][0]
    row = model.objects.first()
    edition = row.conference.edition
    Conference.objects.filter(edition=edition).update(status=Conference.Status.DRAFT)
    assert client.get(url(resource, row.pk)).status_code == 404
    results = client.get(url(resource), {"page_size": 100}).json()["results"]
    assert edition not in {item["edition"] for item in results}
    assert client.get(url(resource), {"edition": edition}).status_code == 400


@pytest.mark.parametrize(
    "resource, query, expected",
    [
        ("appearances", {"person": "valdecy-urquiza"}, {"valdecy-urquiza"}),
        ("citations", {"field": "delegates", "edition": 20}, {"delegates"}),
        ("topic-links", {"topic": "cybercrime"}, {"cybercrime"}),
    ],
)
def test_filters_by_key(client, archive, resource, query, expected):
    results = client.get(url(resource), query).json()["results"]
    values = {
        (row.get("person") or row.get("topic") or {}).get("slug") or row.get("field")
        for row in results
    }
    assert values == expected


def test_an_unknown_key_in_a_filter_is_a_400_naming_it(client, archive):
    response = client.get(url("appearances"), {"person": "nobody"})
    assert response.status_code == 400
    assert response.json() == {"person": ["No person has the slug “nobody”."]}


@pytest.mark.parametrize("data", ["archive", "many_editions"])
@pytest.mark.parametrize("resource", RESOURCES)
def test_lists_and_details_run_a_fixed_number_of_queries(
    client, request, django_assert_max_num_queries, data, resource
):
    """A full page or a row costs the same few queries with 5 or 205 editions."""
    request.getfixturevalue(data)
    with django_assert_max_num_queries(3):
        response = client.get(url(resource), {"page_size": 100})
    assert response.status_code == 200
    model = RESOURCES[resource][0]
    assert len(response.json()["results"]) == min(
        100, model.objects.published().count()
    )
    pk = response.json()["results"][-1]["id"]
    with django_assert_max_num_queries(3):
        assert client.get(url(resource, pk)).status_code == 200


def test_a_delegations_words_must_stand_in_its_excerpt(token_client, archive):
    """A delegation's country and description are the source's words, within the
    excerpt: anything else is a 400 naming the field."""
    body = {**RESOURCES["delegations"][1], "country": "French Republic"}
    response = token_client.post(
        url("delegations"), body, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "country": ["These words are not in the excerpt: copy them from it."]
    }
    body = {**RESOURCES["delegations"][1], "description": "A large delegation"}
    response = token_client.post(
        url("delegations"), body, content_type="application/json"
    )
    assert set(response.json()) == {"description"}
    assert not Delegation.objects.filter(conference__edition=20).exists()
