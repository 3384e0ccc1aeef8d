"""The admin base: who may see the list of deleted records; every write's history."""

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.urls import reverse
from lxml import html

from conferences.models import Conference, KeyFigure
from conferences.tests.admin_forms import (
    add_inline_row,
    change_form_data,
    opened_change_form,
    refused_change_form,
)
from history.services import save_with_history
from speakers.models import Person, Quote

pytestmark = pytest.mark.django_db

DELETED_LIST = "admin:conferences_keyfigure_deleted"


def signed_in_with(*codenames: str) -> Client:
    user = User.objects.create_user("reader", password="x", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="conferences", codename__in=codenames
        )
    )
    client = Client()
    client.force_login(user)
    return client


def test_the_deleted_records_list_needs_only_the_view_permission(archive):
    """Seeing what was deleted is reading: the model's view permission is enough."""
    response = signed_in_with("view_keyfigure").get(reverse(DELETED_LIST))
    assert response.status_code == 200
    assert response.context["title"] == "Deleted key figures"


def test_the_deleted_records_list_is_refused_without_the_view_permission(archive):
    response = signed_in_with("add_keyfigure").get(reverse(DELETED_LIST))
    assert response.status_code == 403


# Every admin write goes through history.services: the archivist and the reason given.

EXCERPT_20 = "Bringing together some 310 delegates from 150 countries"


def edition_change_url(edition: int) -> str:
    conference = Conference.objects.get(edition=edition)
    return reverse("admin:conferences_conference_change", args=[conference.pk])


def errors_on_the_form(response) -> list[str]:
    form = response.context_data["adminform"].form
    return [message for messages in form.errors.values() for message in messages]


@pytest.fixture
def delegates_figure(archive):
    conference = Conference.objects.get(edition=20)
    figure = KeyFigure(
        conference=conference,
        label="Delegates",
        value=310,
        unit="delegates",
        source=conference.sources.get(),
        excerpt=EXCERPT_20,
    )
    return save_with_history(figure, reason="Added for the test")


def test_an_inline_row_added_in_the_admin_has_the_archivist_and_the_reason(
    staff_client, staff_user, archive
):
    """A key figure added inline is recorded under the archivist, with the form's reason."""
    url = edition_change_url(20)
    conference = Conference.objects.get(edition=20)
    data = add_inline_row(
        change_form_data(opened_change_form(staff_client, url)),
        "key_figures",
        {
            "label": "Delegates",
            "value": "310",
            "unit": "delegates",
            "qualifier": "",
            "period": "",
            "position": "1",
            "source": str(conference.sources.get().pk),
            "excerpt": EXCERPT_20,
        },
    )
    data["change_reason"] = "Key figure from the press release"
    assert staff_client.post(url, data).status_code == 302
    record = KeyFigure.objects.get(conference=conference).history.get()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "+",
        staff_user,
        "Key figure from the press release",
    )


def test_an_inline_row_deleted_in_the_admin_has_the_archivist_and_the_reason(
    staff_client, staff_user, delegates_figure
):
    url = edition_change_url(20)
    data = change_form_data(opened_change_form(staff_client, url))
    data["key_figures-0-DELETE"] = "on"
    data["change_reason"] = "Counted twice"
    assert staff_client.post(url, data).status_code == 302
    assert not KeyFigure.objects.filter(pk=delegates_figure.pk).exists()
    record = delegates_figure.history.first()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "-",
        staff_user,
        "Counted twice",
    )


def test_the_delete_confirmation_asks_for_a_reason(staff_client, delegates_figure):
    url = reverse("admin:conferences_keyfigure_delete", args=[delegates_figure.pk])
    page = html.fromstring(staff_client.get(url).content)
    [field] = page.xpath("//form[@method='post']//input[@name='change_reason']")
    [label] = page.xpath(f"//label[@for='{field.get('id')}']")
    assert (label.text_content(), field.get("maxlength")) == (
        "Reason for deleting",
        "100",
    )


@pytest.mark.parametrize(
    "given, recorded",
    [("A duplicate of the delegates' count", None), ("", "Deleted in the admin")],
)
def test_a_record_deleted_in_the_admin_has_the_archivist_and_the_reason(
    staff_client, staff_user, delegates_figure, given, recorded
):
    """The delete confirmation's reason goes into the history; without one, a default."""
    url = reverse("admin:conferences_keyfigure_delete", args=[delegates_figure.pk])
    staff_client.post(url, {"post": "yes", "change_reason": given})
    assert not KeyFigure.objects.filter(pk=delegates_figure.pk).exists()
    record = delegates_figure.history.first()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "-",
        staff_user,
        recorded or given,
    )


def test_records_deleted_in_bulk_each_have_the_archivist_and_the_reason(
    staff_client, staff_user, delegates_figure
):
    changelist = reverse("admin:conferences_keyfigure_changelist")
    others = list(KeyFigure.objects.exclude(pk=delegates_figure.pk)[:1])
    selected = [delegates_figure, *others]
    confirmation = staff_client.post(
        changelist,
        {"action": "delete_selected", "_selected_action": [f.pk for f in selected]},
    )
    page = html.fromstring(confirmation.content)
    assert page.xpath("//form[@method='post']//input[@name='change_reason']")
    staff_client.post(
        changelist,
        {
            "action": "delete_selected",
            "_selected_action": [f.pk for f in selected],
            "post": "yes",
            "change_reason": "Figures of another edition",
        },
    )
    assert not KeyFigure.objects.filter(pk__in=[f.pk for f in selected]).exists()
    for figure in selected:
        record = figure.history.first()
        assert (record.history_type, record.history_user) == ("-", staff_user)
        assert record.history_change_reason == "Figures of another edition"


def test_a_row_the_forms_pass_but_the_model_refuses_is_not_saved(staff_client, archive):
    """An inline quote of an edition being added is checked only once the edition exists:
    the archive's write path refuses it (its speaker is not listed as appearing), nothing
    is saved, and the form comes back with the model's message."""
    source = Conference.objects.get(edition=20).sources.get()
    stock = Person.objects.get(slug="jurgen-stock")
    url = reverse("admin:conferences_conference_add")
    data = change_form_data(opened_change_form(staff_client, url))
    data.update(edition="30", status="draft", year="2035", change_reason="A new one")
    data = add_inline_row(
        data,
        "quotes",
        {
            "person": str(stock.pk),
            "kind": "direct",
            "position": "1",
            "text": "There will be no strong INTERPOL without strong NCBs.",
            "source": str(source.pk),
            "excerpt": "INTERPOL Secretary General Valdecy Urquiza said:",
        },
    )
    response = refused_change_form(staff_client, url, data)
    assert errors_on_the_form(response) == [
        f"Quote “{Quote(person=stock, text=data['quotes-0-text'])}”: Jürgen Stock is "
        "not recorded as appearing at the 30th Heads of NCB Conference (2035): add "
        "their appearance first."
    ]
    assert not Conference.objects.filter(edition=30).exists()
    assert not Quote.objects.filter(person=stock, text=data["quotes-0-text"]).exists()
    assert not Conference.history.filter(edition=30).exists()
