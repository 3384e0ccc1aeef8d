"""Archivists edit the archive in the admin: plain-words validation, inlines, filters, links."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from conferences.models import Conference, KeyFigure, Topic
from conferences.tests.admin_forms import (
    add_inline_row,
    change_form_data,
    opened_change_form,
)
from speakers.models import Person, Quote

pytestmark = pytest.mark.django_db

HEADLINE_20 = "INTERPOL news release on the 20th Heads of NCB conference"


def change_url(conference: Conference) -> str:
    return reverse("admin:conferences_conference_change", args=[conference.pk])


def errors_of(response) -> list[str]:
    """Every error message the change form shows: the form's and each inline row's."""
    messages = list(response.context["adminform"].form.non_field_errors())
    for field_errors in response.context["adminform"].form.errors.values():
        messages.extend(field_errors)
    for inline in response.context["inline_admin_formsets"]:
        for form_errors in inline.formset.errors:
            for field_errors in form_errors.values():
                messages.extend(field_errors)
    return messages


def test_an_inline_excerpt_not_in_its_report_is_refused_naming_the_report(
    staff_client, archive
):
    """A key figure added inline with words the report does not contain is refused."""
    conference = Conference.objects.get(edition=20)
    data = add_inline_row(
        change_form_data(opened_change_form(staff_client, change_url(conference))),
        "key_figures",
        {
            "label": "Arrests",
            "value": "12",
            "unit": "arrests",
            "qualifier": "",
            "period": "",
            "position": "1",
            "source": str(conference.sources.get().pk),
            "excerpt": "Police made 12 arrests in Lyon.",
        },
    )
    response = staff_client.post(change_url(conference), data)
    assert response.status_code == 200
    assert errors_of(response) == [
        f"This excerpt is not in the text of the report “{HEADLINE_20}”."
    ]
    assert "Please correct the error below." in response.content.decode()
    assert not KeyFigure.objects.filter(conference=conference).exists()


# Slow: the edition's change form with its inlines, twice. The quick loop keeps
# test_an_inline_excerpt_not_in_its_report_is_refused_naming_the_report.
@pytest.mark.slow
def test_an_inline_quote_by_someone_who_did_not_appear_is_refused(
    staff_client, archive
):
    """Jürgen Stock did not appear at the 20th edition: his quote there is refused."""
    conference = Conference.objects.get(edition=20)
    stock = Person.objects.get(slug="jurgen-stock")
    data = add_inline_row(
        change_form_data(opened_change_form(staff_client, change_url(conference))),
        "quotes",
        {
            "person": str(stock.pk),
            "kind": "direct",
            "position": "9",
            "text": "There will be no strong INTERPOL without strong NCBs.",
            "source": str(conference.sources.get().pk),
            "excerpt": "INTERPOL Secretary General Valdecy Urquiza said:",
        },
    )
    response = staff_client.post(change_url(conference), data)
    assert errors_of(response) == [
        "Jürgen Stock is not recorded as appearing at the 20th Heads of NCB Conference "
        "(2025): add their appearance first."
    ]
    assert not Quote.objects.filter(conference=conference, person=stock).exists()


def test_the_quote_admin_refuses_words_not_in_the_report(staff_client, archive):
    conference = Conference.objects.get(edition=20)
    response = staff_client.post(
        reverse("admin:speakers_quote_add"),
        {
            "conference": conference.pk,
            "person": Person.objects.get(slug="valdecy-urquiza").pk,
            "source": conference.sources.get().pk,
            "kind": "direct",
            "position": 5,
            "text": "Words nobody said.",
            "excerpt": "INTERPOL Secretary General Valdecy Urquiza said:",
        },
    )
    assert response.context["adminform"].form.errors == {
        "text": [f"These words are not in the text of the report “{HEADLINE_20}”."]
    }


def test_editing_an_edition_in_the_admin_saves_it(staff_client, archive, staff_user):
    conference = Conference.objects.get(edition=20)
    data = change_form_data(opened_change_form(staff_client, change_url(conference)))
    data["venue"] = "INTERPOL General Secretariat"
    data["change_reason"] = "Venue from INTERPOL's release"
    response = staff_client.post(change_url(conference), data)
    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.venue == "INTERPOL General Secretariat"
    latest = conference.history.first()
    assert (latest.history_user, latest.history_change_reason) == (
        staff_user,
        "Venue from INTERPOL's release",
    )


def test_deleting_an_edition_with_quotes_is_refused_in_plain_words(
    staff_client, archive
):
    """The edition stays; the page says why and what to do instead."""
    conference = Conference.objects.get(edition=20)
    url = reverse("admin:conferences_conference_delete", args=[conference.pk])
    content = staff_client.get(url).content.decode()
    assert (
        "The conference “20th Heads of NCB Conference (2025)” cannot be deleted: the "
        "records listed below\n  point to it" in content
    )
    assert "set its status to “Draft”" in content
    staff_client.post(url, {"post": "yes"})
    assert Conference.objects.filter(edition=20).exists()


def test_deleting_editions_in_bulk_is_refused_too(staff_client, archive):
    response = staff_client.post(
        reverse("admin:conferences_conference_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [c.pk for c in Conference.objects.all()],
        },
    )
    assert "The selected conferences cannot be deleted" in response.content.decode()
    assert Conference.objects.count() == 10


@pytest.mark.parametrize(
    ("query", "editions"),
    [
        ({"year": "2025"}, [20]),
        ({"topics__id__exact": "cybercrime"}, [15, 17, 20]),
        # The 16th: the Gibraltar record names both (inferred to be the 16th).
        ({"appearances__person__id__exact": "kim-jong-yang"}, [15, 16]),
        # The 18th: INTERPOL's release of 7 June 2023 names him.
        ({"appearances__person__id__exact": "jurgen-stock"}, [15, 16, 17, 18, 19]),
    ],
)
def test_editions_filter_by_year_topic_and_person(
    staff_client, archive, query, editions
):
    ((name, value),) = query.items()
    if name.startswith("topics"):
        value = Topic.objects.get(slug=value).pk
    elif name.startswith("appearances"):
        value = Person.objects.get(slug=value).pk
    response = staff_client.get(
        reverse("admin:conferences_conference_changelist"), {name: value}
    )
    assert [c.edition for c in response.context["cl"].result_list] == editions


def test_quotes_filter_by_person(staff_client, archive):
    kim = Person.objects.get(slug="kim-jong-yang")
    response = staff_client.get(
        reverse("admin:speakers_quote_changelist"), {"person__id__exact": kim.pk}
    )
    assert {q.person.slug for q in response.context["cl"].result_list} == {
        "kim-jong-yang"
    }
    assert response.context["cl"].result_count == 3


# Slow: change forms of several models. The quick loop keeps
# test_editing_an_edition_in_the_admin_saves_it.
@pytest.mark.slow
def test_view_on_site_links_lead_to_the_edition_page(staff_client, archive):
    """An edition links to its page; a key figure to its edition's page."""
    conference = Conference.objects.get(edition=19)
    content = staff_client.get(change_url(conference)).content.decode()
    ct = ContentType.objects.get_for_model(Conference)
    shortcut = f"/admin/r/{ct.pk}/{conference.pk}/"
    assert shortcut in content
    assert staff_client.get(shortcut)["Location"].endswith("/editions/19/")
    figure = KeyFigure.objects.filter(conference=conference).first()
    content = staff_client.get(
        reverse("admin:conferences_keyfigure_change", args=[figure.pk])
    ).content.decode()
    assert 'href="/editions/19/"' in content


@pytest.mark.parametrize(
    ("model", "field", "term", "expected"),
    [
        ("speakers.quote", "person", "stock", ["Jürgen Stock"]),
        ("speakers.appearance", "person", "raisi", ["Ahmed Naser Al-Raisi"]),
        ("conferences.conferencetopic", "topic", "cyber", ["Cybercrime"]),
        (
            "conferences.citation",
            "source",
            "herald",
            # The Herald's own page is also cited, as a public record.
            [
                "Interpol addresses ‘new century of criminal threats’",
                "Interpol addresses ‘new century of criminal threats’",
            ],
        ),
    ],
)
def test_autocomplete_finds_people_topics_and_sources(
    staff_client, archive, model, field, term, expected
):
    app_label, model_name = model.split(".")
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": app_label,
            "model_name": model_name,
            "field_name": field,
            "term": term,
        },
    )
    assert [r["text"] for r in response.json()["results"]] == expected


def test_a_draft_edition_is_published_by_the_admin_action(
    staff_client, archive, staff_user
):
    conference = Conference.objects.get(edition=20)
    conference.status = Conference.Status.DRAFT
    conference.save()
    response = staff_client.post(
        reverse("admin:conferences_conference_changelist"),
        {"action": "publish", "_selected_action": [conference.pk]},
        follow=True,
    )
    assert "1 edition(s) published: readers and API clients now see them." in (
        response.content.decode()
    )
    conference.refresh_from_db()
    assert conference.status == Conference.Status.PUBLISHED
    latest = conference.history.first()
    assert (latest.history_user, latest.history_change_reason) == (
        staff_user,
        "Published after review",
    )
