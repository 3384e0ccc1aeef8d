"""Archivists import a report from the admin: upload or paste, preview, review, apply."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertInHTML

from conferences.importing.service import report_import
from conferences.importing.tests.test_import_report import KIGALI, SINGAPORE
from conferences.models import Conference, ReportImport, SourceReport

pytestmark = pytest.mark.django_db

IMPORT_URL = "admin:conferences_reportimport_add"


def post_import(client, **fields):
    data = {"language": "en", "publisher": "", "published": "", "text": ""} | fields
    return client.post(reverse(IMPORT_URL), data)


def test_uploading_a_report_drafts_its_edition(staff_client, archive, staff_user):
    """The upload is stored and drafted; the archivist lands on the import's review page."""
    upload = SimpleUploadedFile(
        "kigali.txt", KIGALI.encode(), content_type="text/plain"
    )
    response = post_import(staff_client, file=upload, publisher="INTERPOL")
    record = ReportImport.objects.get()
    assert response["Location"] == reverse(
        "admin:conferences_reportimport_change", args=[record.pk]
    )
    conference = Conference.objects.get(edition=21)
    assert conference.status == Conference.Status.DRAFT
    assert (record.source.file_name, record.source.publisher) == (
        "kigali.txt",
        "INTERPOL",
    )
    assert record.created_by == staff_user
    page = staff_client.get(response["Location"]).content.decode()
    assert "Stored the report as" in page
    assert "Policing the digital frontier" in page
    assert "Operation First Light" in page
    assertInHTML(
        "<tr><td>Operation First Light</td><td>proposed new topic</td>"
        "<td>The conference discussed cybercrime, human trafficking and the use of "
        "artificial intelligence, and reviewed Operation First Light 2026, which led "
        "to nearly 3,000 arrests.</td></tr>",
        page,
    )


def test_pasting_a_report_with_preview_writes_nothing(staff_client, archive):
    response = post_import(staff_client, text=KIGALI, dry_run="on")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Preview: nothing was written" in content
    assertInHTML("<td>Kigali</td>", content)
    assertInHTML(
        "<tr><td>Valdecy Urquiza</td><td>Secretary General</td>"
        "<td>valdecy-urquiza</td></tr>",
        content,
    )
    assert not ReportImport.objects.exists()
    assert not Conference.objects.filter(edition=21).exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "Give the report: upload a file or paste its text."),
        (
            {"file": SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00")},
            "The report is not text (it contains binary data): give a plain-text (.txt) file.",
        ),
        (
            {"text": "Too short."},
            "The report is too short to be a conference report (fewer than 20 words).",
        ),
    ],
    ids=["nothing", "binary", "too-short"],
)
def test_bad_reports_are_refused_on_the_form(staff_client, archive, fields, message):
    response = post_import(staff_client, **fields)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [message]
    assert not ReportImport.objects.exists()


def test_applying_an_import_to_an_existing_edition_adds_but_does_not_overwrite(
    staff_client, archive
):
    """Additions fill empty fields; corrections stay for the archivist to make by hand."""
    text = KIGALI.replace("twenty-first", "twentieth").replace("2026", "2025")
    record = report_import(text=text).report_import
    review = staff_client.get(
        reverse("admin:conferences_reportimport_change", args=[record.pk])
    )
    city = next(p for p in record.proposals if p["field"] == "city")
    assertInHTML(
        "<tr><td>correction</td><td>City</td><td>Lyon</td><td>Kigali</td>"
        f"<td>high (90%)</td><td>{city['excerpt']}</td></tr>",
        review.content.decode(),
    )
    response = staff_client.post(
        reverse("admin:conferences_reportimport_changelist"),
        {"action": "apply", "_selected_action": [record.pk]},
        follow=True,
    )
    assert (
        f"Applied {record.source.slug} to the 20th Heads of NCB Conference (2025)."
        in response.content.decode()
    )
    conference = Conference.objects.get(edition=20)
    assert (conference.theme, conference.city, conference.delegates) == (
        "Policing the digital frontier",
        "Lyon",
        310,
    )
    record.refresh_from_db()
    assert record.state == ReportImport.State.PUBLISHED  # the 20th edition is public
    assert SourceReport.objects.published().filter(pk=record.source_id).exists()


def test_a_report_without_an_edition_number_waits_for_one(staff_client, archive):
    """The archivist sets the edition number on the import, then applies it."""
    text = SINGAPORE.replace("met for the 23rd time", "met again")
    record = report_import(text=text).report_import
    assert (record.edition, record.state) == (None, ReportImport.State.DRAFTED)
    changelist = reverse("admin:conferences_reportimport_changelist")
    response = staff_client.post(
        changelist, {"action": "apply", "_selected_action": [record.pk]}, follow=True
    )
    assert (
        "The report gives no edition number: set the edition on the import first."
        in (response.content.decode())
    )
    staff_client.post(
        reverse("admin:conferences_reportimport_change", args=[record.pk]),
        {"edition": "23"},
    )
    staff_client.post(changelist, {"action": "apply", "_selected_action": [record.pk]})
    conference = Conference.objects.get(edition=23)
    assert (conference.status, conference.city, conference.delegates) == (
        Conference.Status.DRAFT,
        "Singapore",
        280,
    )
    assert [q.person.name for q in conference.quotes.all()] == []  # not in the archive


def test_the_import_pages_open(staff_client, archive):
    """The import form, an import's review page, its history and the deleted list."""
    content = staff_client.get(reverse(IMPORT_URL)).content.decode()
    assert 'enctype="multipart/form-data"' in content
    assert "Or paste the report&#x27;s text here." in content
    record = report_import(text=KIGALI).report_import
    for name, args in [
        ("changelist", []),
        ("change", [record.pk]),
        ("history", [record.pk]),
        ("deleted", []),
    ]:
        response = staff_client.get(
            reverse(f"admin:conferences_reportimport_{name}", args=args)
        )
        assert response.status_code == 200, name


@pytest.mark.parametrize(
    "text",
    ["word " * 200_001, "€€€€ " * 250_000],
    ids=["ascii", "three-bytes-a-character"],
)
def test_a_pasted_report_over_the_limit_gets_the_forms_too_long_message(
    staff_client, archive, text
):
    """Over 1,000,000 characters, pasted: the form says so, whatever the bytes."""
    response = post_import(staff_client, text=text, dry_run="on")
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        f"The report is too long ({len(text.strip()):,} characters; at most 1,000,000): "
        "import one report at a time."
    ]
    assert not ReportImport.objects.exists()


def test_the_preview_shows_each_quotes_kind_and_the_bound_of_a_day_left_empty(
    staff_client, archive
):
    """'this week' in a dated release: the day stays empty, the preview says between when."""
    text = (
        "Bureau chiefs meet\n\n5 March 2042\n\n"
        "LYON, France – Heads of National Central Bureaus from 175 countries are meeting "
        "in Lyon this week for the 34th Heads of NCB Conference.\n\n"
        "INTERPOL Secretary General Amara Diallo said the network answers faster than "
        "ever. “A notice that arrives late is a notice that failed,” she said."
    )
    content = post_import(staff_client, text=text, dry_run="on").content.decode()
    assertInHTML(
        "<tr><td>Start date</td><td>—</td><td></td><td>LYON, France – Heads of National "
        "Central Bureaus from 175 countries are meeting in Lyon this week for the 34th "
        "Heads of NCB Conference.</td><td>“meeting in Lyon this week” in a release dated "
        "“5 March 2042”: the meeting began between 3 and 9 March 2042 (Monday to "
        "Sunday); no single day.</td></tr>",
        content,
    )
    assertInHTML(
        "<tr><td>Amara Diallo</td><td>reported speech</td><td>INTERPOL Secretary "
        "General Amara Diallo said the network answers faster than ever.</td>"
        "<td>medium (75%)</td></tr>",
        content,
    )
    assertInHTML(
        "<tr><td>Amara Diallo</td><td>direct quote</td><td>A notice that arrives late "
        "is a notice that failed</td><td>medium (70%)</td></tr>",
        content,
    )
