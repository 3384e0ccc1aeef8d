"""Corrections, reasons, history, publishing and the consistency report through the API."""

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client
from rest_framework.authtoken.models import Token

from conferences.models import Conference, Correction

pytestmark = pytest.mark.django_db

EXCERPT_20 = (
    "Bringing together some 310 delegates from 150 countries, the three-day (11 – 13 "
    "February) meeting will discuss strategies for using INTERPOL’s capabilities and "
    "network to tackle current and emerging security risks."
)


@pytest.fixture
def token_client(staff_user):
    token = Token.objects.create(user=staff_user)
    return Client(headers={"authorization": f"Token {token.key}"})


def post(client, url, data=None, **headers):
    return client.post(
        url, data or {}, content_type="application/json", headers=headers
    )


def patch(client, url, data, **headers):
    return client.patch(url, data, content_type="application/json", headers=headers)


def test_an_unsupported_value_is_a_400_quoting_the_excerpt(token_client, archive):
    response = patch(token_client, "/api/v1/conferences/20/", {"delegates": 353})
    assert response.status_code == 400
    assert response.json() == {
        "delegates": [
            f"Delegates 353 is not what its source says: “{EXCERPT_20}”. Change the "
            "value back, or record a correction: the reason, and a citation that "
            "supports the new value or the evidence that the source is wrong."
        ]
    }


def test_a_write_keeps_the_reason_of_its_header_or_body(token_client, archive):
    patch(
        token_client,
        "/api/v1/conferences/20/",
        {"venue": "INTERPOL General Secretariat"},
        **{"X-Change-Reason": "Venue from the press release"},
    )
    conference = Conference.objects.get(edition=20)
    assert conference.history.first().history_change_reason == (
        "Venue from the press release"
    )
    patch(
        token_client,
        "/api/v1/conferences/20/",
        {"venue": "", "change_reason": "Venue not in the report"},
    )
    assert conference.history.first().history_change_reason == (
        "Venue not in the report"
    )
    response = patch(
        token_client,
        "/api/v1/conferences/20/",
        {"venue": "", "change_reason": "x" * 101},
    )
    assert response.status_code == 400
    assert response.json() == {
        "change_reason": ["Keep the reason to 100 characters or fewer."]
    }


def test_the_schema_documents_the_reason_header(openapi_schema):
    schema = openapi_schema
    operation = schema["paths"]["/api/v1/conferences/{edition}/"]["patch"]
    assert "X-Change-Reason" in [p["name"] for p in operation["parameters"]]


def test_a_correction_through_the_api_changes_the_value_and_shows_in_the_edition(
    token_client, client, archive
):
    response = post(
        token_client,
        "/api/v1/corrections/",
        {
            "edition": 20,
            "field": "delegates",
            "new_value": "353",
            "reason": "The report misprinted the count",
            "source_wrong": True,
            "evidence": "INTERPOL's list of participants names 353 delegates.",
        },
    )
    assert response.status_code == 201, response.json()
    correction = Correction.objects.get()
    body = response.json()
    assert body == {
        "id": correction.pk,
        "edition": 20,
        "field": "delegates",
        "old_value": "310",
        "new_value": "353",
        "reason": "The report misprinted the count",
        "citation": None,
        "source_wrong": True,
        "evidence": "INTERPOL's list of participants names 353 delegates.",
        "recorded_at": body["recorded_at"],
        "history_url": f"http://testserver/editions/20/history/#correction-{correction.pk}",
    }
    edition = client.get("/api/v1/conferences/20/").json()
    assert edition["delegates"] == 353
    assert [c["new_value"] for c in edition["corrections"]] == ["353"]
    assert [c["id"] for c in client.get("/api/v1/corrections/").json()["results"]] == [
        correction.pk
    ]
    history = client.get("/api/v1/conferences/20/history/").json()
    assert history[0]["kind"] == "correction"
    assert history[0]["changes"] == [{"label": "Delegates", "old": "310", "new": "353"}]
    assert "archivist" not in str(history)


def test_a_correction_without_evidence_or_citation_is_a_400(token_client, archive):
    response = post(
        token_client,
        "/api/v1/corrections/",
        {"edition": 20, "field": "delegates", "new_value": "353", "reason": "Recount"},
    )
    assert response.status_code == 400
    assert response.json() == {
        "__all__": [
            "A correction needs a citation that supports the new value, or a note "
            "that the source is wrong with the evidence."
        ]
    }
    assert Conference.objects.get(edition=20).delegates == 310


def test_publish_and_unpublish_through_the_api(token_client, client, archive):
    Conference.objects.filter(edition=20).update(status="draft")
    assert client.get("/api/v1/conferences/20/").status_code == 404
    response = post(token_client, "/api/v1/conferences/20/publish/")
    assert response.status_code == 200
    assert response.json() == {"edition": 20, "status": "published"}
    assert client.get("/api/v1/conferences/20/").status_code == 200
    response = post(token_client, "/api/v1/conferences/20/unpublish/")
    assert response.json() == {"edition": 20, "status": "draft"}


def test_publishing_through_the_api_records_the_user_and_the_reason(
    token_client, staff_user, archive
):
    """The X-Change-Reason header is the history's reason; without it, the model's."""
    Conference.objects.filter(edition=20).update(status="draft")
    post(
        token_client,
        "/api/v1/conferences/20/publish/",
        **{"X-Change-Reason": "Reviewed by the editor"},
    )
    post(token_client, "/api/v1/conferences/20/unpublish/")
    history = Conference.objects.get(edition=20).history.order_by("-history_id")
    assert [
        (r.status, r.history_user, r.history_change_reason) for r in history[:2]
    ] == [
        ("draft", staff_user, "Withdrawn for review"),
        ("published", staff_user, "Reviewed by the editor"),
    ]


def test_publishing_an_edition_without_a_summary_is_a_400(token_client, archive):
    Conference.objects.filter(edition=20).update(status="draft", summary="")
    response = post(token_client, "/api/v1/conferences/20/publish/")
    assert response.status_code == 400
    assert response.json() == {
        "detail": [
            "It has no summary: write one, readers see it first (and the home page's "
            "“Latest edition” box shows it)."
        ]
    }


def test_publishing_needs_the_publish_permission(client, archive):
    user = User.objects.create_user("editor", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="conferences").exclude(
            codename="publish_conference"
        )
    )
    client.force_login(user)
    Conference.objects.filter(edition=20).update(status="draft")
    response = post(client, "/api/v1/conferences/20/publish/")
    assert response.status_code == 403
    assert Conference.objects.get(edition=20).status == "draft"


def test_the_consistency_report_is_for_staff(token_client, client, archive):
    assert client.get("/api/v1/consistency/").status_code == 403
    Conference.objects.filter(edition=20).update(delegates=353)
    findings = token_client.get("/api/v1/consistency/").json()
    assert [(f["severity"], f["code"], f["edition"]) for f in findings] == [
        ("error", "unsupported-value", 20),
        ("note", "gap-in-series", None),
    ]
    pk = Conference.objects.get(edition=20).pk
    assert findings[0]["admin_url"] == (
        f"http://testserver/admin/conferences/conference/{pk}/change/"
    )


def test_a_correction_needs_the_permission_to_change_editions(client, archive):
    user = User.objects.create_user("clerk", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="add_correction"))
    client.force_login(user)
    response = post(
        client,
        "/api/v1/corrections/",
        {
            "edition": 20,
            "field": "delegates",
            "new_value": "353",
            "reason": "Recount",
            "source_wrong": True,
            "evidence": "A list of participants.",
        },
    )
    assert response.status_code == 403
    assert Conference.objects.get(edition=20).delegates == 310


def test_publishing_an_edition_with_consistency_errors_is_a_400(token_client, archive):
    Conference.objects.filter(edition=20).update(status="draft", delegates=353)
    response = post(token_client, "/api/v1/conferences/20/publish/")
    assert response.status_code == 400
    assert response.json() == {
        "detail": [
            f"Delegates 353 is not what its source says: “{EXCERPT_20}”. Change the "
            "value back, or record a correction: the reason, and a citation that "
            "supports the new value or the evidence that the source is wrong."
        ]
    }
    assert Conference.objects.get(edition=20).status == "draft"
