"""Edits checked against their citations, corrections, reasons, the public history and feed."""

import lxml.html
import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from conferences.models import Conference, Correction
from conferences.tests.admin_forms import (
    change_form_data,
    opened_change_form,
    refused_change_form,
)

pytestmark = pytest.mark.django_db

EXCERPT_20 = (
    "Bringing together some 310 delegates from 150 countries, the three-day (11 – 13 "
    "February) meeting will discuss strategies for using INTERPOL’s capabilities and "
    "network to tackle current and emerging security risks."
)
REFUSAL_353 = (
    f"Delegates 353 is not what its source says: “{EXCERPT_20}”. Change the value back, "
    "or record a correction: the reason, and a citation that supports the new value or "
    "the evidence that the source is wrong."
)


@pytest.fixture
def anonymous():
    """An anonymous reader's client (staff_client is pytest-django's `client`, signed in)."""
    return Client()


def change_url(conference: Conference) -> str:
    return reverse("admin:conferences_conference_change", args=[conference.pk])


def form_errors(response) -> dict:
    return dict(response.context_data["adminform"].form.errors)


def edited(staff_client, conference, **values) -> dict:
    """The edition's change form's data with these values changed."""
    data = change_form_data(opened_change_form(staff_client, change_url(conference)))
    data.update({k: str(v) for k, v in values.items()})
    return data


def edit(staff_client, conference, **values):
    return staff_client.post(
        change_url(conference), edited(staff_client, conference, **values)
    )


def parsed(response) -> lxml.html.HtmlElement:
    """Return the page parsed by lxml."""
    return lxml.html.fromstring(response.content.decode())


def text_of(response) -> str:
    """The page's words, without its tags, scripts or styles, white space folded."""
    page = parsed(response)
    for element in page.xpath("//script | //style"):
        element.drop_tree()
    # Each piece of text apart, as a reader sees words in separate cells or elements.
    return " ".join(" ".join(page.itertext()).split())


def element(response, tag: str, **attributes) -> lxml.html.HtmlElement:
    """The first element of this tag with these attribute values."""
    for found in parsed(response).iter(tag):
        if all(found.get(k.replace("_", "-")) == v for k, v in attributes.items()):
            return found
    raise AssertionError(f"no <{tag} {attributes}>")


def test_a_value_its_excerpt_does_not_support_is_refused_quoting_the_excerpt(
    staff_client, archive
):
    """353 delegates beside a source that says "some 310" is refused in the admin."""
    conference = Conference.objects.get(edition=20)
    data = edited(staff_client, conference, delegates=353, change_reason="Recounted")
    response = refused_change_form(staff_client, change_url(conference), data)
    assert form_errors(response) == {"delegates": [REFUSAL_353]}
    conference.refresh_from_db()
    assert conference.delegates == 310


# Slow: four renders of the edition's change form (two edits).
# The quick loop keeps test_a_value_its_excerpt_does_not_support_is_refused_quoting_the_excerpt.
@pytest.mark.slow
def test_a_change_to_a_published_edition_needs_a_reason(staff_client, archive):
    conference = Conference.objects.get(edition=20)
    response = edit(staff_client, conference, venue="INTERPOL General Secretariat")
    assert form_errors(response) == {
        "change_reason": [
            "Say why you change this record: readers see it, and its history shows "
            "the reason."
        ]
    }
    response = edit(
        staff_client,
        conference,
        venue="",
        summary=conference.summary + " More.",
        change_reason="Summary completed",
    )
    assert response.status_code == 302
    record = conference.history.first()
    assert record.history_change_reason == "Summary completed"


def correct_delegates(staff_client, conference):
    return edit(
        staff_client,
        conference,
        delegates=353,
        change_reason="The report misprinted the count",
        correction="source_wrong",
        correction_evidence="INTERPOL's list of participants (12 February 2025) "
        "names 353 delegates.",
    )


# Slow: the edition's change form, twice, then four pages. The quick loop records a
# correction through the API (api/tests/test_corrections.py): the value, the edition's
# corrections and its history with the old and new values.
@pytest.mark.slow
def test_a_correction_saves_the_value_and_shows_everywhere(
    staff_client, anonymous, archive
):
    """Recorded as a correction, the value is kept, printed on the page, the history,
    the feed, and the history entry carries the reason."""
    conference = Conference.objects.get(edition=20)
    response = correct_delegates(staff_client, conference)
    assert response.status_code == 302, form_errors(response)
    conference.refresh_from_db()
    assert conference.delegates == 353
    correction = Correction.objects.get()
    assert (
        correction.field,
        correction.old_value,
        correction.new_value,
        correction.source_wrong,
    ) == ("delegates", "310", "353", True)
    assert conference.history.first().history_change_reason == (
        "The report misprinted the count"
    )

    page = text_of(anonymous.get("/editions/20/"))
    assert (
        "an earlier version of this record gave the delegates as 310; it is 353. "
        "The report misprinted the count The source itself is wrong: INTERPOL's list "
        "of participants (12 February 2025) names 353 delegates."
    ) in page

    history = anonymous.get("/editions/20/history/")
    assert history.status_code == 200
    entry = element(history, "li", id=f"correction-{correction.pk}")
    assert "history-entry--correction" in entry.classes
    assert '<th scope="row">Delegates</th><td>310</td><td>353</td>' in (
        history.content.decode()
    )
    assert "Correction Correction to the delegates by an archivist on" in text_of(
        history
    )
    assert "archivist@" not in history.content.decode()
    assert "Why: The report misprinted the count" in text_of(history)

    feed = anonymous.get("/feeds/editions.atom")
    assert feed["Content-Type"].startswith("application/atom+xml")
    body = feed.content.decode()
    assert (
        "<title>Correction: the delegates of the 20th Heads of NCB Conference (2025)</title>"
        in body
    )
    assert "<title>20th Heads of NCB Conference (2025)</title>" in body


def test_the_edition_page_links_its_history_and_the_feed(client, archive):
    response = client.get("/editions/20/")
    link = element(response, "link", rel="alternate", type="application/atom+xml")
    assert link.get("type") == "application/atom+xml"
    assert link.get("href") == "/feeds/editions.atom"
    hrefs = parsed(response).xpath("//*/@href")
    assert [href for href in hrefs if href.endswith("/history/")] == [
        "/editions/20/history/"
    ]


# Slow: an edit through the edition's change form, then its history. The quick loop
# reads a history's old and new values through the API (api/tests/test_corrections.py).
@pytest.mark.slow
def test_the_history_shows_a_change_with_old_and_new_values(
    staff_client, anonymous, archive
):
    conference = Conference.objects.get(edition=20)
    edit(
        staff_client,
        conference,
        venue="INTERPOL General Secretariat",
        change_reason="Venue added from the report",
    )
    text = text_of(anonymous.get("/editions/20/history/"))
    assert "The edition was changed by an archivist" in text
    assert "Why: Venue added from the report" in text
    assert "Venue — INTERPOL General Secretariat" in text


def test_check_archive_passes_on_the_fixtures(archive, capsys):
    call_command("check_archive")
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "NOTE [gap-in-series] No report or public record in the archive describes "
        "edition(s) 1–9, 11: the series has a gap until one is added.",
        "1 finding(s), 0 error(s).",
    ]


def test_check_archive_names_a_value_broken_behind_its_back(archive, capsys):
    """A write that skips validation (a bulk update) is found, and the command fails."""
    Conference.objects.filter(edition=20).update(delegates=353)
    with pytest.raises(CommandError, match=r"2 finding\(s\), 1 error\(s\)"):
        call_command("check_archive")
    out = capsys.readouterr().out
    assert out.splitlines()[0] == (
        f"ERROR [unsupported-value] 20th edition: {REFUSAL_353} "
        f"Fix: /admin/conferences/conference/{Conference.objects.get(edition=20).pk}/change/"
    )


def test_check_archive_finds_a_leader_out_of_office_and_a_stray_quote(archive, capsys):
    from speakers.models import Appearance, Quote

    Conference.objects.filter(edition=14).update(
        year=2030, start_date=None, end_date=None
    )
    appearance = Appearance.objects.filter(conference__edition=20).first()
    Quote.objects.filter(conference__edition=20, person=appearance.person).update(
        conference=Conference.objects.get(edition=15)
    )
    with pytest.raises(CommandError):
        call_command("check_archive")
    codes = {line.split("]")[0] for line in capsys.readouterr().out.splitlines()}
    assert {
        "ERROR [editions-out-of-order",
        "ERROR [leader-not-in-office",
        "ERROR [speaker-did-not-appear",
    } <= codes


def test_the_consistency_report_is_a_staff_page(staff_client, anonymous, archive):
    url = reverse("admin:conferences_conference_consistency")
    Conference.objects.filter(edition=20).update(delegates=353)
    response = staff_client.get(url)
    assert response.status_code == 200
    text = text_of(response)
    assert "2 findings, 1 error." in text
    assert f"Error 20 unsupported-value {REFUSAL_353} Fix in the admin" in text
    assert anonymous.get(url).status_code == 302  # to the login page


def make_draft(edition=20, **values):
    conference = Conference.objects.get(edition=edition)
    Conference.objects.filter(pk=conference.pk).update(status="draft", **values)
    conference.refresh_from_db()
    return conference


def test_staff_preview_a_draft_anonymous_readers_get_a_404(
    staff_client, anonymous, archive
):
    make_draft()
    assert anonymous.get("/editions/20/").status_code == 404
    assert anonymous.get("/editions/20/history/").status_code == 404
    response = staff_client.get("/editions/20/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert element(response, "meta", name="robots").get("content") == "noindex"
    assert text_of(response).count("Draft — readers do not see this edition yet") == 1


# Slow: the edition's change form, twice. The quick loop checks the same refusal
# through the API (api/tests/test_corrections.py).
@pytest.mark.slow
def test_publishing_from_the_admin_refuses_an_edition_without_a_summary(
    staff_client, archive
):
    conference = make_draft(summary="")
    page = staff_client.get(change_url(conference))
    assert "It has no summary" in text_of(page)
    publish = reverse("admin:conferences_conference_publish", args=[conference.pk])
    response = staff_client.post(publish, follow=True)
    assert (
        "The 20th Heads of NCB Conference (2025) was not published: It has no summary"
        in text_of(response)
    )
    conference.refresh_from_db()
    assert conference.status == "draft"


# Slow: the edition's change form, four times. The quick loop publishes through the API
# (api/tests/test_corrections.py) and keeps test_publishing_needs_the_publish_permission.
@pytest.mark.slow
def test_publishing_and_unpublishing_from_the_edition_admin_page(
    staff_client, staff_user, archive
):
    conference = make_draft()
    page = staff_client.get(change_url(conference))
    form = element(page, "form", **{"class": "publish-form"})
    assert '<button type="submit" class="publish-button">Publish</button>' in (
        page.content.decode()
    )
    response = staff_client.post(form.get("action"), follow=True)
    assert "is published: readers and API clients see it." in text_of(response)
    conference.refresh_from_db()
    assert conference.status == "published"
    assert conference.history.first().history_user == staff_user
    page = staff_client.get(change_url(conference))
    assert ">Unpublish</button>" in page.content.decode()
    staff_client.post(element(page, "form", **{"class": "publish-form"}).get("action"))
    conference.refresh_from_db()
    assert conference.status == "draft"


def test_publishing_needs_the_publish_permission(client, archive):
    from django.contrib.auth.models import Permission, User

    user = User.objects.create_user("editor", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="conferences").exclude(
            codename="publish_conference"
        )
    )
    client.force_login(user)
    conference = make_draft()
    url = reverse("admin:conferences_conference_publish", args=[conference.pk])
    assert client.post(url).status_code == 403
    assert client.get(url).status_code in (403, 405)


# Slow: the edition's change form, twice, after a second report.
# The quick loop records a correction through the API (api/tests/test_corrections.py).
@pytest.mark.slow
def test_a_second_report_that_disagrees_is_kept_and_a_correction_can_cite_it(
    staff_client, archive, capsys
):
    """Two sources state different counts: both are kept, the report explains which one
    the value follows; a correction then moves the value to the second, citing it."""
    from conferences.models import Citation, SourceReport
    from history.services import save_with_history

    conference = Conference.objects.get(edition=20)
    report = save_with_history(
        SourceReport(
            slug="999-participants",
            conference=conference,
            headline="List of participants",
            raw_text="The meeting counted 353 delegates in the end.",
        ),
        reason="A second report",
    )
    citation = save_with_history(
        Citation(
            conference=conference,
            field="delegates",
            source=report,
            excerpt="counted 353 delegates",
        ),
        reason="A second report",
    )
    call_command("check_archive")
    notes = [
        line
        for line in capsys.readouterr().out.splitlines()
        if "sources-disagree" in line
    ]
    assert notes == [
        "NOTE [sources-disagree] 20th edition: Delegates: the report 999-participants "
        "says “counted 353 delegates”; both reports are kept, and the archive follows "
        f"000-a42205c1, which states 310: “{EXCERPT_20}”. "
        f"Fix: /admin/conferences/conference/{conference.pk}/change/"
    ]
    response = edit(
        staff_client,
        conference,
        delegates=353,
        change_reason="The list of participants is the exact count",
        correction="citation",
    )
    assert response.status_code == 302, form_errors(response)
    correction = Correction.objects.get()
    assert (correction.citation, correction.source_wrong) == (citation, False)
    opened = staff_client.get(
        reverse("admin:conferences_correction_change", args=[correction.pk])
    )
    assert opened.status_code == 200


def test_check_archive_on_a_database_without_tables_says_what_to_run(monkeypatch):
    """An unmigrated database is a readable refusal, not a traceback."""
    from django.db import OperationalError

    import conferences.management.commands.check_archive as command

    def no_tables():
        raise OperationalError("no such table: conferences_conference")

    monkeypatch.setattr(command, "findings", no_tables)
    with pytest.raises(CommandError, match="Run `manage.py migrate` and"):
        call_command("check_archive")
