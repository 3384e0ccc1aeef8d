"""The statistics API: attendance per edition and how often each topic came up."""

import pytest

from conferences.models import Conference

pytestmark = pytest.mark.django_db


def test_attendance_per_edition_in_order(client, archive):
    """Delegates and countries of each published edition, oldest first (17th: unknown)."""
    body = client.get("/api/v1/stats/attendance/").json()
    assert body["count"] == 5
    assert [
        (r["edition"], r["year"], r["delegates"], r["countries"])
        for r in body["results"]
    ] == [
        (14, 2018, 295, 145),
        (15, 2019, 315, 150),
        (17, 2022, None, None),
        (19, 2024, 321, 136),
        (20, 2025, 310, 150),
    ]


def test_attendance_leaves_out_drafts(client, archive):
    """A draft edition is not counted."""
    Conference.objects.filter(edition=14).update(status=Conference.Status.DRAFT)
    body = client.get("/api/v1/stats/attendance/").json()
    assert [r["edition"] for r in body["results"]] == [15, 17, 19, 20]


def test_topic_counts_most_discussed_first(client, archive):
    """Topics by how many editions discussed them, then by name."""
    body = client.get("/api/v1/stats/topics/?page_size=5").json()
    assert body["count"] == 26
    assert [(t["slug"], t["edition_count"]) for t in body["results"]] == [
        ("artificial-intelligence", 3),
        ("cybercrime", 3),
        ("interpol-databases", 3),
        ("terrorism", 3),
        ("human-trafficking-and-migrant-smuggling", 2),
    ]


def test_stats_as_csv(client, archive):
    """The attendance table also comes as CSV."""
    response = client.get("/api/v1/stats/attendance/?format=csv")
    assert response.content.decode().splitlines()[:3] == [
        "edition,year,delegates,countries,member_countries",
        "14,2018,295,145,192",
        "15,2019,315,150,194",
    ]
