"""The statistics API: attendance per edition and how often each topic came up."""

import pytest

from conferences.models import Conference

pytestmark = pytest.mark.django_db


def test_attendance_per_edition_in_order(client, archive):
    """Delegates and countries of each published edition, oldest first (17th: unknown)."""
    body = client.get("/api/v1/stats/attendance/").json()
    assert body["count"] == 10
    assert [
        (r["edition"], r["year"], r["delegates"], r["countries"])
        for r in body["results"]
    ] == [
        (10, 2014, 300, 145),
        (12, 2016, None, None),
        (13, 2017, 270, 149),
        (14, 2018, 295, 145),
        (15, 2019, 315, 150),
        (16, 2021, 300, 167),
        (17, 2022, None, None),
        (18, 2023, 270, 133),
        (19, 2024, 321, 136),
        (20, 2025, 310, 150),
    ]
    online = body["results"][5]
    assert online["inferred"] == ["countries", "delegates", "year"]
    assert online["has_report"] is False


def test_attendance_leaves_out_drafts(client, archive):
    """A draft edition is not counted."""
    Conference.objects.filter(edition=14).update(status=Conference.Status.DRAFT)
    body = client.get("/api/v1/stats/attendance/").json()
    assert [r["edition"] for r in body["results"]] == [
        10,
        12,
        13,
        15,
        16,
        17,
        18,
        19,
        20,
    ]


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
    lines = response.content.decode().splitlines()
    assert (
        lines[0]
        == "edition,year,delegates,countries,member_countries,inferred,has_report"
    )
    assert "14,2018,295,145,192,member_countries,True" in lines
    assert "16,2021,300,167,,countries; delegates; year,False" in lines
