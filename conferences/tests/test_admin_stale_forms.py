"""No lost updates in the admin: a save made on a form opened before another save is refused."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from conferences.models import Conference
from conferences.tests.admin_forms import (
    change_form_data,
    opened_change_form,
    refused_change_form,
)
from history.services import save_with_history

pytestmark = pytest.mark.django_db


def change_url(conference: Conference) -> str:
    return reverse("admin:conferences_conference_change", args=[conference.pk])


def test_a_save_on_a_stale_form_is_refused_saying_what_changed(staff_client, archive):
    """A opens the form; B saves a new venue; A's save is refused, B's venue stays."""
    conference = Conference.objects.get(edition=20)
    opened = staff_client.get(change_url(conference))
    assert 'type="hidden" name="archive_version"' in opened.content.decode()
    data = change_form_data(opened)
    other = User.objects.create_user("other-archivist", is_staff=True)
    old_venue = conference.venue
    conference.venue = "INTERPOL General Secretariat"
    save_with_history(conference, user=other, reason="Venue from the report")

    data["theme"] = "A theme typed meanwhile"
    response = refused_change_form(staff_client, change_url(conference), data)
    [message] = response.context_data["adminform"].form.non_field_errors()
    assert message.startswith(
        "This record was changed after you opened this form, by other-archivist at "
    )
    assert f"(venue: “{old_venue}” → “INTERPOL General Secretariat”)" in message
    assert message.endswith(
        "Your changes were not saved: reload the page to see the current version, "
        "then make them again."
    )
    conference.refresh_from_db()
    assert conference.venue == "INTERPOL General Secretariat"
    assert conference.theme != "A theme typed meanwhile"


# Slow: the edition's change form, twice. The quick loop keeps the refusal above and
# saves a current form in test_admin_editing.py::test_editing_an_edition_in_the_admin_saves_it.
@pytest.mark.slow
def test_a_save_on_a_current_form_passes(staff_client, archive):
    """Opened, saved, opened again and saved again: both saves pass."""
    conference = Conference.objects.get(edition=20)
    for theme in ("First theme", "Second theme"):
        data = change_form_data(
            opened_change_form(staff_client, change_url(conference))
        )
        data["theme"] = theme
        data["change_reason"] = f"Theme set to {theme}"
        response = staff_client.post(change_url(conference), data)
        assert response.status_code == 302, response.context["adminform"].form.errors
        conference.refresh_from_db()
        assert conference.theme == theme


def test_a_view_only_archivist_sees_the_form_without_a_version(archive):
    """Without the change permission the form is read-only, and has nothing to check."""
    from django.contrib.auth.models import Permission

    user = User.objects.create_user("reader", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_conference"))
    client = Client()
    client.force_login(user)
    response = client.get(change_url(Conference.objects.get(edition=20)))
    assert response.status_code == 200
    assert "archive_version" not in response.content.decode()
